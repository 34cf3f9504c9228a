"""Bilingual pairs: one post written in Welsh and in English, approved and published as one.

Welsh public bodies publish bilingual material at the same time, and must not treat Welsh less
favourably than English (the Welsh Language Standards). So a draft may carry its second language
(``Content.translation``): its own text, content warning and alt texts, to the same accounts with
the same images and schedule. The digest covers both languages, so one approval covers the pair
and an edit to either voids it.

How a pair goes out is the organisation's choice, per account (:class:`PairStyle`):
- two posts published together, one per language, Welsh first unless the organisation chose
  English first; each is tagged with its own language;
- or one post holding both, the first language above the second, where both fit in one post;
  where they do not, it goes out as two posts, and the preview says so before anyone approves.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from safedesk.core.errors import InvalidInputError
from safedesk.core.messages import Message, msg
from safedesk.core.models import Content

WELSH = "cy"
ENGLISH_LANGUAGE = "en"
PAIR_LANGUAGES = frozenset({WELSH, ENGLISH_LANGUAGE})
# Between the two languages in one post holding both: a line of its own, so each reads whole.
ONE_POST_DIVIDER = "\n\n"


class PairLayout(enum.StrEnum):
    """How a pair goes out on an account."""

    TWO_POSTS = "two_posts"
    ONE_POST = "one_post"


@dataclass(frozen=True, slots=True)
class PairStyle:
    """The organisation's choice for one account; the default is the Standards' reading: two
    posts, Welsh first."""

    layout: PairLayout = PairLayout.TWO_POSTS
    first_language: str = WELSH

    def as_json(self) -> dict[str, str]:
        return {"layout": self.layout.value, "first_language": self.first_language}


DEFAULT_PAIR_STYLE = PairStyle()


@dataclass(frozen=True, slots=True)
class LanguagePart:
    """One language of a pair as it is published: its words, and the alt text of each image."""

    language: str
    text: str
    content_warning: str
    alt_texts: tuple[str, ...]


def pair_style(layout: str, first_language: str) -> PairStyle:
    """A style from a person's or a stored choice, checked."""
    try:
        chosen = PairLayout(layout)
    except ValueError:
        raise InvalidInputError(msg("“{value}” is not a way to publish a pair: choose "
                                    "two_posts or one_post.", value=layout)) from None
    if first_language not in PAIR_LANGUAGES:
        raise InvalidInputError(msg("A pair starts with Welsh (cy) or English (en), not "
                                    "“{value}”.", value=first_language))
    return PairStyle(chosen, first_language)


def is_pair(content: Content) -> bool:
    return content.translation is not None


def parts_of(content: Content) -> tuple[LanguagePart, LanguagePart]:
    """The pair's two languages as written: the draft's own first, then its translation."""
    translation = content.translation
    if translation is None:
        raise ValueError(msg("This post is not a bilingual pair."))
    own = LanguagePart(content.language, content.text, content.content_warning,
                       tuple(item.alt_text for item in content.media))
    other = LanguagePart(translation.language, translation.text, translation.content_warning,
                         translation.alt_texts)
    return own, other


def in_order(content: Content, style: PairStyle) -> tuple[LanguagePart, LanguagePart]:
    """The pair's two languages in the order ``style`` publishes them."""
    own, other = parts_of(content)
    return (other, own) if other.language == style.first_language else (own, other)


def pair_problem(content: Content) -> Message | None:
    """What stops ``content`` being a pair SafeDesk can approve and publish, or None."""
    translation = content.translation
    if translation is None:
        return None
    languages = {content.language, translation.language}
    if languages != PAIR_LANGUAGES:
        return msg("A bilingual post has one part in Welsh (cy) and one in English (en).")
    if not content.text.strip() or not translation.text.strip():
        return msg("Write both the Welsh and the English text of a bilingual post.")
    if len(translation.alt_texts) != len(content.media):
        return msg("Each image of a bilingual post needs its alt text in both languages.")
    if content.thread:
        return msg("A bilingual post cannot also be a thread: shorten it, or post the two "
                   "languages as two threads.")
    return None


def check_pair(content: Content) -> None:
    problem = pair_problem(content)
    if problem is not None:
        raise InvalidInputError(problem)

