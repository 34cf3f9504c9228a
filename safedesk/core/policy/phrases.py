"""Finding any of many phrases (parties, candidates, an organisation's names) in a long text,
fast enough for every keystroke.

One regular expression of a hundred alternatives tries each of them at every word of a
5,000-character post: over a millisecond. Instead each alternative names the words it cannot
match without (its first, in lower case); the words of the text (found once per text, and per
new token only, as typing changes one token at a time) tell which alternatives can match at
all, and only those are compiled into the pattern that runs: usually none or a few. The pattern
for each set of words present is kept, as typing rarely changes the set.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from safedesk.core.policy.words import tokens

_KEPT_PATTERNS = 64
_KEPT_TOKENS = 50_000
_WORD = re.compile(r"\w+")
_token_words: dict[str, tuple[str, ...]] = {}


@functools.lru_cache(maxsize=4)
def words_in(text: str) -> frozenset[str]:
    """The words of ``text`` (runs of word characters), in lower case. (Kept for the last few
    texts: every rule of one check reads the same text.)"""
    distinct = tokens(text)
    new = distinct.difference(_token_words)
    if len(_token_words) > _KEPT_TOKENS:
        _token_words.clear()
        new = distinct
    for token in new:
        _token_words[token] = tuple(_WORD.findall(token.lower()))
    return frozenset().union(*map(_token_words.__getitem__, distinct))


def first_word(phrase: str) -> str:
    found = _WORD.search(phrase.lower())
    return found.group() if found else phrase.lower()


@dataclass(frozen=True, slots=True)
class Alternative:
    """What a match may start with (literal characters), the regex for the rest of it, and the
    lower-case words it cannot match without (any one of them)."""

    first: str
    rest: str
    needs: tuple[str, ...]


def phrase_regex(phrase: str, *, exact_case: bool = False) -> str:
    """``phrase``'s words with any run of spaces between them, in any case unless exact."""
    words = r"\s+".join(re.escape(word) for word in phrase.split(" "))
    return words if exact_case or not words else f"(?i:{words})"


def alternative(phrase: str, *, exact_case: bool = False, after: str = "") -> Alternative:
    """The alternative for ``phrase`` (single spaces between its words), ``after`` (a
    look-ahead) at its end."""
    first = phrase[0]
    starts = first if exact_case else "".join(sorted({first, first.lower(), first.upper()}))
    return Alternative(starts, phrase_regex(phrase[1:], exact_case=exact_case) + after,
                       (first_word(phrase),))


class Phrases:
    """Alternatives tried in order at each position, as one regex would.

    ``before`` is a look-behind checked after a match's first character, over it and the one
    before it (by default: no word character before the match). Putting a literal character
    first in every branch lets the regex engine skip, in C, every position that cannot start a
    match, which a leading look-behind or look-ahead does not.
    """

    def __init__(self, alternatives: Iterable[Alternative],
                 before: str = r"(?<!\w(?s:.))", tail: str = r"(?!\w)") -> None:
        self._alternatives = tuple(alternatives)
        self._needs = frozenset(word for a in self._alternatives for word in a.needs)
        self._before, self._tail = before, tail
        self._patterns: dict[frozenset[str], re.Pattern[str]] = {}

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        if not self._alternatives:
            return
        present = self._needs & words_in(text)
        if present:
            yield from self._pattern(present).finditer(text)

    def _pattern(self, present: frozenset[str]) -> re.Pattern[str]:
        pattern = self._patterns.get(present)
        if pattern is None:
            if len(self._patterns) >= _KEPT_PATTERNS:
                self._patterns.clear()
            # One branch per first character, its alternatives in their order within it: the
            # look-behind is then checked once per position, not once per alternative.
            rests: dict[str, list[str]] = {}
            for wanted in self._alternatives:
                if not present.isdisjoint(wanted.needs):
                    for first in wanted.first:
                        rests.setdefault(first, []).append(wanted.rest)
            body = "|".join(f"{re.escape(first)}{self._before}(?:{'|'.join(rest)})"
                            for first, rest in rests.items())
            pattern = re.compile(f"(?:{body}){self._tail}")
            self._patterns[present] = pattern
        return pattern
