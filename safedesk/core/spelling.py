"""Which words of a post a spell checker should look at.

Words inside links, ``@mentions``, ``#hashtags`` and e-mail addresses are names, not words of the
language: a whole run of text without spaces is skipped when it holds one of them. So are words
with digits or underscores, single letters, and words in capitals (acronyms such as NHS or CCTV,
which dictionaries rarely carry). An apostrophe inside a word belongs to it (``don't``), the
typographic one too.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

# A run without spaces that is a name rather than words: a link (with a scheme or www.), a
# mention or hashtag (possibly after an opening bracket or quote), an address with "@", or a
# domain such as gov.wales (a dot between two letters).
_NAME_RUN = re.compile(r"""
    \S*://\S*            # a link with its scheme
  | [(\[{"'\u201c\u2018]*[@#]\S*   # a mention or hashtag
  | \S*\w@\w\S*          # an e-mail address, or a mention with its server
  | \S*[^\W\d_]\.[^\W\d_]\S*  # a domain or a file name
""", re.VERBOSE)
_WORD = re.compile(r"\w+(?:['\u2019]\w+)*")


@dataclass(frozen=True, slots=True)
class WordSpan:
    start: int  # in characters (Python string positions)
    end: int
    word: str


def _is_checkable(word: str) -> bool:
    if len(word) < 2 or any(c.isdigit() or c == "_" for c in word):
        return False
    return not word.isupper()


def checkable_words(text: str) -> Iterator[WordSpan]:
    """The words of ``text`` that a dictionary should be asked about, in order."""
    position = 0
    for run in _NAME_RUN.finditer(text):
        yield from _words_between(text, position, run.start())
        position = run.end()
    yield from _words_between(text, position, len(text))


def _words_between(text: str, start: int, end: int) -> Iterator[WordSpan]:
    for match in _WORD.finditer(text, start, end):
        word = match.group()
        if _is_checkable(word):
            yield WordSpan(match.start(), match.end(), word)


def word_at(text: str, position: int) -> WordSpan | None:
    """The checkable word that ``position`` lies in or just after, if any."""
    return next((span for span in checkable_words(text) if span.start <= position <= span.end),
                None)
