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
    """A regex, a lower-case word every match of it contains, and the characters a match may
    start with."""

    regex: str
    needs: tuple[str, ...]  # any one of these
    starts: str


def phrase_regex(phrase: str, *, exact_case: bool = False) -> str:
    """``phrase``'s words with any run of spaces between them, in any case unless exact."""
    words = r"\s+".join(re.escape(word) for word in phrase.split())
    return words if exact_case else f"(?i:{words})"


def alternative(phrase: str, regex: str | None = None, lead: str = "") -> Alternative:
    """The alternative for ``phrase`` (matched by ``regex``, by default its words in any case),
    led by ``lead`` when matches start before the phrase ("#" of a hashtag, "@" of a handle)."""
    first = phrase.split(maxsplit=1)[0].lower()
    starts = lead or first[0] + first[0].upper()
    return Alternative(regex or phrase_regex(phrase), (first_word(phrase),), starts)


class Phrases:
    """Alternatives tried in order at each position, as one regex ``head(?:…)tail`` would."""

    def __init__(self, alternatives: Iterable[Alternative], head: str = r"(?<!\w)",
                 tail: str = r"(?!\w)") -> None:
        self._alternatives = tuple(alternatives)
        self._needs = frozenset(word for a in self._alternatives for word in a.needs)
        self._head, self._tail = head, tail
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
            wanted = [a for a in self._alternatives if not present.isdisjoint(a.needs)]
            # The first characters looked at before anything else: most positions of a long
            # post fail there at once.
            starts = "".join(sorted({c for a in wanted for c in a.starts}))
            body = "|".join(a.regex for a in wanted)
            pattern = re.compile(rf"(?=[{re.escape(starts)}]){self._head}(?:{body}){self._tail}")
            self._patterns[present] = pattern
        return pattern
