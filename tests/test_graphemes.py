"""The fast grapheme count agrees with ``\\X`` on every text, however ASCII and the rest mix."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from safedesk.core.graphemes import grapheme_count, grapheme_count_slow

# Characters where the cluster rules bite: CR LF and other controls, accents and variation
# selectors (Extend), ZWJ, emoji with skin tones, keycaps, flags (Regional Indicators), Hangul
# jamo, an Arabic Prepend, a Devanagari SpacingMark and virama, right-to-left marks.
PIECES = ["a", "Z", "1", "#", " ", ".", "\r", "\n", "\t", "\u0301", "\ufe0f", "\u20e3",
          "\u200d", "\U0001f469", "\U0001f3fd", "\U0001f4bb", "\U0001f1ec", "\U0001f1e7",
          "\u1100", "\u1161", "\u11a8", "\uac00", "\u0600", "\u0915", "\u094d", "\u0903",
          "\u0645", "\u200f", "\u202e", "é", "\u00a9"]


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=40).map("".join))
def test_the_fast_count_is_the_count_of_every_cluster(text: str) -> None:
    assert grapheme_count(text) == grapheme_count_slow(text)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=60))
def test_any_text_counts_the_same(text: str) -> None:
    assert grapheme_count(text) == grapheme_count_slow(text)


def test_what_a_person_sees_as_one_counts_once() -> None:
    assert grapheme_count("") == 0
    assert grapheme_count("a\r\nb") == 3
    assert grapheme_count("#\ufe0f\u20e3 bins") == 6  # a keycap is one
    assert grapheme_count("e\u0301") == 1
    assert grapheme_count("\U0001f469\U0001f3fd\u200d\U0001f4bb ok") == 4
    assert grapheme_count("\U0001f1ec\U0001f1e7\U0001f1ec\U0001f1e7") == 2
    assert grapheme_count("\r\n\u0301") == 2
