"""Finding listed words (profanity, slurs) in text written to get past a filter.

The text is cut into candidate words, each with the span it came from: every run of word
characters, the run again with inserted punctuation removed ("f.u.c.k"), the parts of a CamelCase
hashtag, and letters spaced out one by one ("f u c k", invisible gaps too). Each candidate is
folded (case, accents, leetspeak, invisible characters) and compared *whole* with the list, so
a listed word inside a longer one (Scunthorpe, Penistone, assassinate) never matches. Repeated
letters are matched as runs: "fuuuck" lengthens the runs of "fuck", while "as" does not
lengthen "ass".
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from safedesk.resources import resource_path

# Leetspeak: digits and symbols that stand for letters inside a word.
_LEET = str.maketrans({"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "8": "b",
                       "@": "a", "$": "s", "!": "i", "|": "i", "+": "t", "€": "e"})
_LEET_SYMBOLS = frozenset("@$!|+€")
# Endings a listed word may take without being listed again ("fucking", "shits", "wankers").
_SUFFIXES = ("", "s", "es", "ed", "er", "ers", "ing", "in", "y")
# Letters spaced out one by one: "f u c k", "s.h.i.t" (three letters at least).
# Invisible characters count as a gap too ("f\u200b\u200bu c k"): between letters a person
# sees nothing, so the letters read as one word.
_SPACED = re.compile(r"(?<![^\W_])[^\W\d_](?:[ .*_\-\u00ad\u200b-\u200f\u2060-\u2064\ufeff]{1,3}"
                     r"[^\W\d_](?![^\W_])){2,}")
_TOKEN_CACHE_SIZE = 50_000
_CAMEL = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])")


def _is_invisible(char: str) -> bool:
    return unicodedata.category(char) in {"Cf", "Mn", "Me"}


def _is_word_char(char: str) -> bool:
    return char.isalnum() or char in _LEET_SYMBOLS or _is_invisible(char)


@functools.lru_cache(maxsize=4096)
def _fold_char(char: str) -> str:
    if _is_invisible(char):
        return ""
    if char.isascii():
        return char.lower().translate(_LEET)
    decomposed = unicodedata.normalize("NFKD", char)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return bare.casefold().translate(_LEET)


def fold(text: str) -> str:
    """The form words are compared in: lower case, no accents, leetspeak read as letters."""
    return "".join(_fold_char(c) for c in text if _is_word_char(c))


def _runs(word: str) -> tuple[str, tuple[int, ...]]:
    """"fuuuck" -> ("fuck", (1, 3, 1, 1)): the letters with each run's length."""
    letters: list[str] = []
    counts: list[int] = []
    for char in word:
        if letters and letters[-1] == char:
            counts[-1] += 1
        else:
            letters.append(char)
            counts.append(1)
    return "".join(letters), tuple(counts)


@dataclass(frozen=True, slots=True)
class WordList:
    """Listed words, indexed by their letters with repeats collapsed."""

    by_letters: dict[str, tuple[tuple[str, tuple[int, ...]], ...]]
    token_cache: dict[str, tuple[tuple[str, int, int], ...]] = field(default_factory=dict)
    spelling_tokens: set[str] = field(default_factory=set)  # the cached tokens with a hit

    @classmethod
    def of(cls, words: Iterable[str]) -> WordList:
        index: dict[str, list[tuple[str, tuple[int, ...]]]] = {}
        for word in words:
            folded = fold(word)
            if len(folded) < 2:
                continue
            letters, counts = _runs(folded)
            entries = index.setdefault(letters, [])
            if (folded, counts) not in entries:
                entries.append((folded, counts))
        return cls({k: tuple(v) for k, v in index.items()})

    def match(self, folded: str) -> str | None:
        """The listed word ``folded`` spells, with its letters repeated and an ending allowed."""
        for suffix in _SUFFIXES:
            if suffix and not folded.endswith(suffix):
                continue
            stem = folded[:len(folded) - len(suffix)] if suffix else folded
            letters, counts = _runs(stem)
            for word, needed in self.by_letters.get(letters, ()):
                if all(have >= need for have, need in zip(counts, needed, strict=True)):
                    return word
        return None


@dataclass(frozen=True, slots=True)
class WordHit:
    word: str  # the listed word, as folded
    start: int
    end: int


def _visible_edges(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and _is_invisible(text[start]):
        start += 1
    while end > start and _is_invisible(text[end - 1]):
        end -= 1
    return start, end


def _is_symbol(char: str) -> bool:
    """An emoji or other symbol: it parts two words as a space would ("a❤️f.u.c.k"), unlike
    the punctuation put inside a word to get past a filter."""
    return unicodedata.category(char)[0] == "S" and char not in _LEET_SYMBOLS


def _token_candidates(token: str) -> Iterator[tuple[int, int]]:
    """Spans of one whitespace-free ``token`` that might spell one word: those of each piece
    between symbols."""
    start = 0
    for index, char in enumerate([*token, " "]):
        if char == " " or _is_symbol(char):
            if start < index:
                yield from ((start + s, start + e)
                            for s, e in _piece_candidates(token[start:index]))
            start = index + 1


def _piece_candidates(token: str) -> Iterator[tuple[int, int]]:
    """Spans of one piece of a token (no spaces, no symbols) that might spell one word."""
    chars = [i for i, c in enumerate(token) if _is_word_char(c)]
    # An invisible character (a ZWJ, a variation selector) at the edge of a run is part of
    # an emoji beside it, not of the word: a span starts and ends on a visible character.
    visible = [i for i in chars if not _is_invisible(token[i])]
    if not visible:
        return
    # Runs of word characters.
    run_start = previous = chars[0]
    runs: list[tuple[int, int]] = []
    for index in chars[1:]:
        if index != previous + 1:
            runs.append((run_start, previous + 1))
            run_start = index
        previous = index
    runs.append((run_start, previous + 1))
    runs = [edges for edges in (_visible_edges(token, s, e) for s, e in runs)
            if edges[0] < edges[1]]
    yield from runs
    for run_start, run_end in runs:
        # A leet symbol at either edge is more likely punctuation: "shit!".
        trimmed_start, trimmed_end = run_start, run_end
        while trimmed_start < trimmed_end and token[trimmed_start] in _LEET_SYMBOLS:
            trimmed_start += 1
        while trimmed_end > trimmed_start and token[trimmed_end - 1] in _LEET_SYMBOLS:
            trimmed_end -= 1
        if (trimmed_start, trimmed_end) != (run_start, run_end) and trimmed_start < trimmed_end:
            yield trimmed_start, trimmed_end
        for part in _CAMEL.finditer(token, run_start, run_end):
            if part.span() != (run_start, run_end):
                yield part.span()
    if len(runs) > 1:
        yield visible[0], visible[-1] + 1  # the punctuation inside taken out: "f.u.c.k"


def _token_hits(token: str, words: WordList) -> tuple[tuple[str, int, int], ...]:
    """The listed words one token spells, with spans inside it."""
    found = []
    for start, end in _token_candidates(token):
        word = _match(token[start:end], words)
        if word is not None:
            found.append((word, start, end))
    return tuple(found)


def _match(candidate: str, words: WordList) -> str | None:
    folded = fold(candidate)
    return words.match(folded) if len(folded) >= 2 else None


# Each list (profanity, insults) reads the same text: what does not depend on the list is
# found once per text.
@functools.lru_cache(maxsize=4)
def tokens(text: str) -> frozenset[str]:
    """The distinct whitespace-separated tokens of ``text``."""
    return frozenset(text.split())


@functools.lru_cache(maxsize=4)
def _spaced_out(text: str) -> tuple[tuple[int, int], ...]:
    return tuple(spaced.span() for spaced in _SPACED.finditer(text))


def find_words(text: str, words: WordList) -> list[WordHit]:
    """Every listed word in ``text``, with the span that spells it (no two hits overlap)."""
    hits: list[WordHit] = []
    # Each distinct token is looked at once and remembered: from one keystroke to the next
    # almost every token of a long post is the same, so only the one being typed is folded
    # again, and set operations (in C) find which tokens spell something.
    cache, spelling = words.token_cache, words.spelling_tokens
    distinct = tokens(text)
    new = distinct.difference(cache)
    if new:
        if len(cache) > _TOKEN_CACHE_SIZE:
            cache.clear()
            spelling.clear()
            new = distinct
        for token in new:
            cache[token] = found = _token_hits(token, words)
            if found:
                spelling.add(token)
    spelt = distinct & spelling
    if spelt:
        # Each token opens its branch with its first character as a literal (then no other
        # character before it), so the engine skips in C where no such token can start.
        wanted = "|".join(rf"{re.escape(t[0])}(?<!\S(?s:.)){re.escape(t[1:])}"
                          for t in sorted(spelt, key=len, reverse=True))
        for place in re.finditer(rf"(?:{wanted})(?!\S)", text):
            offset = place.start()
            hits.extend(WordHit(word, offset + start, offset + end)
                        for word, start, end in cache[place.group()])
    for start, end in _spaced_out(text):  # "f u c k": across tokens
        word = _match(text[start:end], words)
        if word is not None:
            hits.append(WordHit(word, start, end))
    # A longer hit that covers a shorter one ("f.u.c.k" over nothing, "shitty" over "shit") wins.
    kept: list[WordHit] = []
    for hit in sorted(hits, key=lambda h: (h.start, -h.end)):
        if kept and hit.end <= kept[-1].end:
            continue
        kept.append(hit)
    return kept


def _read_list(name: str) -> list[str]:
    path = resource_path("policy", name)
    lines = path.read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


@functools.cache
def profanity_list() -> WordList:
    """English and Welsh profanity and slurs from ``resources/policy/`` (see its README)."""
    return WordList.of(_read_list("profanity-en.txt") + _read_list("profanity-cy.txt"))


@functools.cache
def insult_list() -> WordList:
    """English and Welsh insults from ``resources/policy/`` (see its README)."""
    return WordList.of(_read_list("insults-en.txt") + _read_list("insults-cy.txt"))
