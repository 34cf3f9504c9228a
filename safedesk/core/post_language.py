"""The language of a post, read from its words.

A post carries its language (Mastodon's ``language``, Bluesky's ``langs``) so that readers'
apps can filter, translate and read it aloud in the right voice. When the person has not chosen
one, the post takes the language its text reads as, when the reading is sure, else the desk's
default; and a post whose words plainly read as another language than its tag is worth a
warning (``core.policy.language``).

The reading itself is a :class:`LanguageReader`, a port: the services implement it over a
language-identification library (``services.language_reading``), loaded only when first
needed, so core stays free of it and start-up never pays for it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

import regex

from safedesk.core.messages import Message

# Sure enough to set the language of a post whose writer chose none. Measured on short council
# posts (tests/test_language_reading.py): above it, wrong readings are rare.
CONFIDENT = 0.8
# Sure enough to tell a person that the language they tagged is not the one they wrote in: a
# false alarm costs their trust in every other warning, so the bar is higher.
PLAIN = 0.9
# A text of a word or two ("Bore da", "New date") reads either way: it keeps the desk's default
# and never raises a warning.
MINIMUM_WORDS = 3

# What is not the writer's language: web addresses, @mentions (with their server) and
# #hashtags, which are names, often English in a Welsh post.
_NOT_WORDS = regex.compile(r"https?://\S+|www\.\S+|@[\w.]+(?:@[\w.-]+)?|#\w+")
_WORD = regex.compile(r"\p{L}[\p{L}\p{M}'\N{RIGHT SINGLE QUOTATION MARK}-]*")


@dataclass(frozen=True, slots=True)
class Reading:
    """What a text reads as: a post language code ("cy", "en") and how sure the reader is
    (0 to 1, against the other languages it knows)."""

    language: str
    confidence: float


class LanguageReader(Protocol):
    """Reads the language of a text, among the post languages it knows."""

    @property
    def known(self) -> frozenset[str]:
        """The language codes this reader can tell apart."""
        ...

    @property
    def problem(self) -> Message | None:
        """Why this reader can read nothing at all (its model is missing or damaged), or None."""
        ...

    def read(self, text: str) -> Reading | None:
        """The language ``text`` reads as; None when there are no words to read, or the reader
        cannot read now (its models are still loading) or at all (``problem``)."""
        ...


def words_only(text: str) -> str:
    """``text`` without what is not written in its language: links, mentions, hashtags."""
    return _NOT_WORDS.sub(" ", text)


def word_count(text: str) -> int:
    return len(_WORD.findall(words_only(text)))


def language_for(text: str, reader: LanguageReader, default: str) -> str:
    """The language of a post whose writer chose none: the one its text reads as when it has
    words enough and the reading is sure, else ``default`` (the desk's)."""
    reading = reader.read(text) if word_count(text) >= MINIMUM_WORDS else None
    if reading is not None and reading.confidence >= CONFIDENT:
        return reading.language
    return default


def plainly_other(text: str, tagged: str, reader: LanguageReader) -> str | None:
    """The language ``text`` plainly reads as when that is not ``tagged``; None when it reads
    as ``tagged``, is too short or unsure to say, or is tagged with a language the reader does
    not know (its words cannot be told from that language's)."""
    base = tagged.split("-", maxsplit=1)[0].lower()  # "en-GB" is tagged English
    if base not in reader.known or word_count(text) < MINIMUM_WORDS:
        return None
    reading = reader.read(text)
    if reading is None or reading.confidence < PLAIN or reading.language == base:
        return None
    return reading.language
