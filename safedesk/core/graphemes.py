"""Counting grapheme clusters (what a person sees as one character) quickly enough for every
keystroke of a long post.

``regex``'s ``\\X`` follows Unicode's extended rules (UAX #29), but matching it over 5,000
characters costs milliseconds. Most of a post is ASCII, and between two ASCII characters there is
always a break except inside CR LF (rules GB3 to GB999: every rule that joins needs a non-ASCII
character, an Extend, ZWJ, SpacingMark, Prepend, Hangul or Regional Indicator). So only the
non-ASCII runs, with one character of context on each side (which an accent or a keycap may join)
and a whole CR LF at an edge, are handed to ``\\X``; the ASCII in between counts one each, less
one per CR LF. ``tests/test_graphemes.py`` holds this to ``\\X`` on generated text.
"""

from __future__ import annotations

import regex

_GRAPHEME = regex.compile(r"\X")
_NON_ASCII_RUN = regex.compile(r"[^\x00-\x7f]+")


def grapheme_count_slow(text: str) -> int:
    """The reference: every cluster matched by ``\\X``."""
    return len(_GRAPHEME.findall(text))


def _ascii_count(text: str, start: int, end: int) -> int:
    return end - start - text.count("\r\n", start, end)


def grapheme_count(text: str) -> int:
    if text.isascii():
        return _ascii_count(text, 0, len(text))
    length = len(text)
    count = 0
    counted_to = 0  # text[:counted_to] is counted
    segment_start = segment_end = -1
    for run in _NON_ASCII_RUN.finditer(text):
        start, end = run.start(), run.end()
        if start > 0:
            start -= 1
            if start > 0 and text[start - 1] == "\r" and text[start] == "\n":
                start -= 1
        if end < length:
            end += 1
            if end < length and text[end - 1] == "\r" and text[end] == "\n":
                end += 1
        if start <= segment_end:  # overlaps or touches the segment before: one segment
            segment_end = end
            continue
        if segment_end >= 0:
            count += _ascii_count(text, counted_to, segment_start)
            count += grapheme_count_slow(text[segment_start:segment_end])
            counted_to = segment_end
        segment_start, segment_end = start, end
    count += _ascii_count(text, counted_to, segment_start)
    count += grapheme_count_slow(text[segment_start:segment_end])
    return count + _ascii_count(text, segment_end, length)
