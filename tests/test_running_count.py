"""The counts kept from one keystroke to the next are the counts from scratch, whatever the edit:
a key typed or deleted anywhere, a paste, an undo back to an earlier text, a box switched."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from safedesk.core.counting import (
    check_bluesky,
    check_mastodon,
    grapheme_count,
    mastodon_countable_text,
    mastodon_length,
)
from safedesk.core.graphemes import grapheme_count_slow
from safedesk.core.running_count import RunningCount, safe_cut_after, safe_cut_before

# Where the counts bite: white space of each kind, CR LF, accents and ZWJ that join across a
# space, emoji, flags, a Prepend, links and mentions (counted 23 and as @user on Mastodon), and
# the characters their look-behinds refuse.
PIECES = ["a", "Z", "1", " ", " ", "\t", "\n", "\r", "\r\n", ".", ")", "/", "@", "#", "$",
          "\u0301", "\u200d", "\ufe0f", "\u20e3", "\U0001f469", "\U0001f3fd", "\U0001f1ec",
          "\U0001f1e7", "\u0600", "\u0645", "\u00a0", "é", "https://a.example/x?y=1",
          "https://bins.gov.uk", "@jo", "@jo@social.example", "www.gov.uk"]
texts = st.lists(st.sampled_from(PIECES), max_size=30).map("".join)
# One edit: at a position (a fraction of the length), remove some characters and insert others.
edits = st.tuples(st.floats(0, 1), st.integers(0, 6), texts)


def edited(text: str, edit: tuple[float, int, str]) -> str:
    at = int(edit[0] * len(text))
    return text[:at] + edit[2] + text[at + edit[1]:]


def counted_from_scratch(text: str) -> tuple[int, int]:
    return (grapheme_count_slow(mastodon_countable_text(text)), grapheme_count_slow(text))


@settings(max_examples=300, deadline=None)
@given(texts, st.lists(edits, min_size=1, max_size=12))
def test_after_each_edit_the_running_counts_are_the_counts_from_scratch(
        start: str, steps: list[tuple[float, int, str]]) -> None:
    mastodon, bluesky = RunningCount(mastodon_length), RunningCount(grapheme_count)
    text = start
    history = [text]
    for step in steps:
        text = edited(text, step)
        history.append(text)
        assert (mastodon.count(text), bluesky.count(text)) == counted_from_scratch(text)
    for earlier in reversed(history):  # undo, step by step, back to the first text
        assert (mastodon.count(earlier), bluesky.count(earlier)) == counted_from_scratch(earlier)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(PIECES), min_size=1, max_size=40).map("".join),
       st.integers(0, 200))
def test_a_safe_cut_splits_the_count_in_two(text: str, position: int) -> None:
    for cut in {safe_cut_before(text, position % (len(text) + 1)),
                safe_cut_after(text, position % (len(text) + 1))}:
        before, after = text[:cut], text[cut:]
        assert mastodon_length(text) == mastodon_length(before) + mastodon_length(after)
        assert grapheme_count_slow(text) == (grapheme_count_slow(before)
                                             + grapheme_count_slow(after))


def test_a_space_before_an_accent_or_a_link_is_not_a_cut() -> None:
    # " \u0301" is one cluster: the first cut is after the next space.
    assert safe_cut_before("ab \u0301cd", 5) == 0
    assert safe_cut_after("ab \u0301cd ef", 1) == 7
    assert safe_cut_after("a\r\nx", 1) == 3  # after CR LF, never inside it
    assert safe_cut_before("a\r\n", 3) == 0


def test_the_long_post_typed_into_counts_exactly_at_every_keystroke() -> None:
    """The compose box's case: 5,000 characters of links, mentions, emoji and Arabic, typed
    into in the middle and at the end, then pasted over and undone."""
    pieces = [f"https://www.example.gov.uk/news/{n}?ref=sd @officer{n}.bsky.social Bins "
              "\U0001f469\U0001f3fd\u200d\U0001f4bb \u0645\u0631\u062d\u0628\u0627 #BinDay. "
              for n in range(40)]
    text = "".join(pieces)[:5000]
    typed = [text]
    for n, letter in enumerate("abc \u0301\u200d\U0001f469 https://x.example @jo"):
        at = len(text) // 2 if n % 2 else len(text)
        text = text[:at] + letter + text[at:]
        typed.append(text)
    typed.append(text.replace("Bins", "Collections"))  # a paste over most of it
    typed.extend(reversed(typed))  # and undone
    for each in typed:
        assert check_mastodon(each).measures[0].used == grapheme_count_slow(
            mastodon_countable_text(each))
        assert check_bluesky(each).measures[0].used == grapheme_count_slow(each)
