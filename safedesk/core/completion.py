"""Mention and hashtag completion: what is being typed, and what may replace it.

A completion is asked for when the text just before the cursor is ``@`` or ``#`` followed by at
least :data:`MIN_QUERY` characters of a handle or tag, at the start of the text or after a space
or an opening bracket or quote (so ``jo@example.org`` and ``C#`` ask for nothing). The platform
adapters answer with :class:`Completion` items; choosing one replaces the typed part with the full
handle or tag.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MIN_QUERY = 2  # "@a" would match half the server; "@ab" starts to mean someone
MENTION, HASHTAG = "@", "#"

# What may come before the sigil, and what a handle (with its server) or a tag is made of.
_BEFORE = r"(?:^|(?<=[\s(\[{\"'\u201c\u2018]))"
_TOKEN = re.compile(_BEFORE + r"(?:(?P<mention>@[\w.-]+(?:@[\w.-]*)?)|(?P<tag>#\w+))\Z")


@dataclass(frozen=True, slots=True)
class Token:
    """The mention or hashtag being typed: ``text[start:end]`` is the sigil and the query."""

    start: int
    end: int
    sigil: str
    query: str  # without the sigil


@dataclass(frozen=True, slots=True)
class Completion:
    text: str  # what goes into the post: "@jo@social.example.org", "#Caerdydd"
    label: str  # what the list shows: the handle and, for people, their display name


def token_before(text: str, cursor: int) -> Token | None:
    """The mention or hashtag that ends at ``cursor`` in ``text``, long enough to look up; None
    when the cursor is not at the end of one."""
    if cursor < len(text) and (text[cursor].isalnum() or text[cursor] in "_.-@"):
        return None  # inside a word: completing would split it
    found = _TOKEN.search(text, 0, cursor)
    if found is None:
        return None
    whole = found.group()
    sigil, query = whole[0], whole[1:].rstrip(".-")
    if len(query) < MIN_QUERY:
        return None
    return Token(found.start(), found.start() + 1 + len(query), sigil, query)
