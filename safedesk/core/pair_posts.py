"""How a bilingual pair (``core.pairs``) goes out on one account, and what stops it: pure, so
the checks before submitting, the queue's preview and the publisher all read the same answer.

- Each language must fit each account on its own, with its own content warning, whatever the
  layout: a pair chosen as one post falls back to two posts where both do not fit together, and
  then each language goes out alone.
- One post holding both: the first language, :data:`ONE_POST_DIVIDER`, the second; the content
  warnings joined (one of them when they are the same); each image's alt text in both languages.
  Tagged with the first language on Mastodon (one language per status), both on Bluesky.
- A post answering a pair goes under the part in its own language on that account
  (:func:`reply_target`).
"""

from __future__ import annotations

from dataclasses import dataclass

from safedesk.core.messages import Message, msg
from safedesk.core.models import Account, Content, Publication
from safedesk.core.pairs import (
    ONE_POST_DIVIDER,
    WELSH,
    LanguagePart,
    PairLayout,
    PairStyle,
    in_order,
)
from safedesk.core.platform import RemoteRef
from safedesk.core.target_check import check_for
from safedesk.core.threads import posted_refs

# Between two content warnings, and between the two alt texts of an image, in one post.
WARNING_DIVIDER = " / "
ALT_DIVIDER = "\n\n"


def language_name(code: str) -> Message:
    """The name of a pair's language, as an adjective in a sentence ("the Welsh post")."""
    return msg("Welsh") if code == WELSH else msg("English")


def one_post_part(first: LanguagePart, second: LanguagePart) -> LanguagePart:
    """Both languages as one post, ``first`` above."""
    warnings = [w for w in (first.content_warning, second.content_warning) if w.strip()]
    alts = tuple(ALT_DIVIDER.join(a for a in (own, other) if a.strip())
                 for own, other in zip(first.alt_texts, second.alt_texts, strict=True))
    return LanguagePart(first.language, first.text + ONE_POST_DIVIDER + second.text,
                        WARNING_DIVIDER.join(dict.fromkeys(warnings)), alts)


@dataclass(frozen=True, slots=True)
class PairPlan:
    """What goes out on one account: the posts in order (one or two), and why."""

    layout: PairLayout
    parts: tuple[LanguagePart, ...]
    # The organisation chose one post, but both languages do not fit in one on this account.
    fell_back: bool = False

    def note(self) -> Message:
        """What the preview says about this account."""
        first = language_name(self.parts[0].language)
        if self.layout is PairLayout.ONE_POST:
            return msg("one post holding both languages, {first} first", first=first)
        if self.fell_back:
            return msg("two posts, {first} first: both languages do not fit in one post here",
                       first=first)
        return msg("two posts, {first} first", first=first)


def fits(account: Account, content: Content, part: LanguagePart) -> bool:
    return check_for(account, part.text, part.content_warning, content.cw_on_bluesky,
                     content.media).length.ok


def plan_for(content: Content, account: Account, style: PairStyle) -> PairPlan:
    """How the pair ``content`` goes out on ``account`` under the organisation's ``style``."""
    first, second = in_order(content, style)
    if style.layout is PairLayout.ONE_POST:
        together = one_post_part(first, second)
        if fits(account, content, together):
            return PairPlan(PairLayout.ONE_POST, (together,))
        return PairPlan(PairLayout.TWO_POSTS, (first, second), fell_back=True)
    return PairPlan(PairLayout.TWO_POSTS, (first, second))


def language_problem(content: Content, account: Account) -> Message | None:
    """What stops one language of the pair on ``account`` on its own (too long, or a warning
    Bluesky cannot carry without a decision), naming the language."""
    for part in in_order(content, PairStyle()):
        check = check_for(account, part.text, part.content_warning, content.cw_on_bluesky,
                          content.media)
        reason = check.notes[0] if check.notes else \
            None if check.length.ok else check.length.message()
        if reason is not None:
            return msg("{address}, the {language} text: {reason}", address=account.address,
                       language=language_name(part.language), reason=reason)
    return None


def reply_target(publication: Publication, language: str) -> RemoteRef:
    """Where a post in ``language`` answering ``publication`` goes on its account: under the
    part in that language when the publication was a pair sent as two posts; otherwise under
    its post (a single post, a pair in one post), or a thread's last part."""
    for part in publication.parts_out:
        if part.language and part.language == language:
            return RemoteRef(part.remote_id, part.uri, part.cid)
    return posted_refs(publication)[-1]
