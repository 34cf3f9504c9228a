"""Live counts per platform and Bluesky facets, including emoji, ZWJ sequences and RTL text."""

from __future__ import annotations

import pytest

from safedesk.core.counting import (
    BLUESKY_MAX_BYTES,
    BLUESKY_MAX_GRAPHEMES,
    Unit,
    check_bluesky,
    check_mastodon,
    grapheme_count,
    mastodon_countable_text,
)
from safedesk.core.facets import FacetKind, find_facets
from safedesk.core.models import Platform

FAMILY = "\U0001f468\u200d\U0001f469\u200d\U0001f467\u200d\U0001f466"  # one grapheme, 25 bytes
CODER = "\U0001f469\U0001f3fd\u200d\U0001f4bb"  # skin tone + ZWJ: one grapheme
FLAG_WALES = "\U0001f3f4\U000e0067\U000e0062\U000e0077\U000e006c\U000e0073\U000e007f"
ARABIC = "\u0645\u0631\u062d\u0628\u0627"  # five letters, right to left
HEBREW = "\u05e9\u05dc\u05d5\u05dd"


@pytest.mark.parametrize(("text", "expected"), [
    ("", 0),
    ("abc", 3),
    (FAMILY, 1),
    (CODER, 1),
    (FLAG_WALES, 1),
    ("e\u0301", 1),  # e + combining acute
    (ARABIC, 5),
    (f"{HEBREW} {CODER}!", 7),
])
def test_grapheme_count(text: str, expected: int) -> None:
    assert grapheme_count(text) == expected


def test_mastodon_urls_count_23_and_mentions_count_their_user_part() -> None:
    text = "See https://www.example.gov.uk/a/very/long/path/to/the/bin-collection-page?x=1 now"
    assert mastodon_countable_text(text) == "See " + "x" * 23 + " now"
    assert check_mastodon(text).measures[0].used == 4 + 23 + 4
    assert mastodon_countable_text("hi @jo@mastodon.social and @sam") == "hi @jo and @sam"
    assert mastodon_countable_text("mail me: jo@example.org") == "mail me: jo@example.org"
    assert mastodon_countable_text("(https://a.example/x).") == "(" + "x" * 23 + ")."


def test_mastodon_counts_the_content_warning_too() -> None:
    check = check_mastodon("a" * 490, "Road works", max_characters=500)
    assert (check.measures[0].used, check.ok) == (500, True)
    assert not check_mastodon("a" * 491, "Road works", max_characters=500).ok


@pytest.mark.parametrize("unit", [FAMILY, CODER, ARABIC[0], "e\u0301"])
def test_mastodon_exactly_the_limit_and_one_over(unit: str) -> None:
    at_limit = check_mastodon(unit * 500)
    assert at_limit.ok
    assert str(at_limit.message()) == "0 characters left on Mastodon."
    over = check_mastodon(unit * 501)
    assert not over.ok
    assert str(over.message()) == "Too long for Mastodon: 501 of 500 characters. Remove 1."


def test_mastodon_limit_comes_from_the_server() -> None:
    assert check_mastodon("a" * 600, max_characters=5000).ok
    assert not check_mastodon("a" * 600).ok


def test_bluesky_exactly_300_graphemes_and_one_over_with_rtl_text() -> None:
    text = (ARABIC + " ") * 50  # 300 graphemes, 550 bytes
    assert grapheme_count(text) == BLUESKY_MAX_GRAPHEMES
    assert check_bluesky(text).ok
    over = check_bluesky(text + HEBREW[0])
    assert not over.ok
    assert over.headline.unit is Unit.CHARACTERS
    assert str(over.message()) == "Too long for Bluesky: 301 of 300 characters. Remove 1."


def test_bluesky_byte_limit_bites_first_for_zwj_emoji() -> None:
    text = FAMILY * 120  # 120 graphemes but 3000 bytes
    assert len(text.encode("utf-8")) == BLUESKY_MAX_BYTES
    assert check_bluesky(text).ok
    over = check_bluesky(text + "!")
    assert not over.ok
    assert over.headline.unit is Unit.BYTES
    assert over.platform is Platform.BLUESKY
    assert "3001 of 3000 bytes" in str(over.message())


def facet_texts(text: str) -> list[tuple[FacetKind, str, str]]:
    data = text.encode("utf-8")
    return [(f.kind, data[f.byte_start:f.byte_end].decode("utf-8"), f.value)
            for f in find_facets(text)]


def test_facets_have_utf8_byte_offsets_after_emoji_and_rtl() -> None:
    text = (f"{CODER} {ARABIC} Bins: https://example.gov.uk/bins?day=mon. "
            f"Thanks @jo.bsky.social {FAMILY} #BinDay!")
    assert facet_texts(text) == [
        (FacetKind.LINK, "https://example.gov.uk/bins?day=mon", "https://example.gov.uk/bins?day=mon"),
        (FacetKind.MENTION, "@jo.bsky.social", "jo.bsky.social"),
        (FacetKind.TAG, "#BinDay", "BinDay"),
    ]
    link = find_facets(text)[0]
    assert link.byte_start == len(f"{CODER} {ARABIC} Bins: ".encode())


def test_facets_at_the_very_start_and_end() -> None:
    assert facet_texts("@council.example.gov.uk") == [
        (FacetKind.MENTION, "@council.example.gov.uk", "council.example.gov.uk")]
    assert [k for k, _t, _v in facet_texts("https://a.example")] == [FacetKind.LINK]
    assert facet_texts("#Caerdydd") == [(FacetKind.TAG, "#Caerdydd", "Caerdydd")]


def test_things_that_are_not_facets() -> None:
    assert find_facets("email jo@example.org about #2026 or # alone") == []
    assert find_facets("x" * 10 + "#" + "a" * 65) == []  # tags are at most 64 graphemes
    # A handle inside a URL belongs to the URL.
    assert [k for k, _t, _v in facet_texts("https://bsky.app/profile/@jo.bsky.social")] == [
        FacetKind.LINK]


def test_fullwidth_hash_counts_its_own_bytes() -> None:
    assert facet_texts("Hello \uff03Cymru") == [(FacetKind.TAG, "\uff03Cymru", "Cymru")]
