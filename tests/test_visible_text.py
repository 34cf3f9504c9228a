"""What a reviewer reads hides nothing: ``core.visible_text`` shows every invisible and control
character, and leaves ordinary writing (emoji sequences, flags, Welsh, Arabic, Urdu) alone."""

from __future__ import annotations

import json
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from safedesk.core.models import Content, LinkCard, MediaItem
from safedesk.core.visible_text import (
    _hidden_between,
    content_texts,
    hidden_characters,
    hidden_count,
    hidden_note,
    json_safe,
    visible,
)

BIDI_CONTROLS = {*map(chr, range(0x202A, 0x202F)), *map(chr, range(0x2066, 0x206A)),
                 "\u200e", "\u200f", "\u061c"}
# The only format characters a result may keep, and only where ordinary writing puts them.
KEPT_FORMAT = {"\u200c", "\u200d", *map(chr, range(0xE0020, 0xE0080)),
               *map(chr, range(0x0600, 0x0606)), "\u06dd", "\u070f", "\u0890", "\u0891",
               "\u08e2", "\U000110bd", "\U000110cd"}

ORDINARY = [
    "👨\u200d👩\u200d👧\u200d👦",          # a family: three joiners between emoji
    "🏳️\u200d🌈",                          # a selector, then a joiner
    "🧑🏽\u200d💻",                          # a skin tone, then a joiner
    "👍🏿", "🇬🇧", "🇺🇦", "1️⃣", "#️⃣", "❤️", "☺︎",
    "🏴\U000e0067\U000e0062\U000e0077\U000e006c\U000e0073\U000e007f",   # Wales
    "🏴\U000e0067\U000e0062\U000e0073\U000e0063\U000e0074\U000e007f",   # Scotland
    "Croeso i Gymru! Mae'r ŵyl yn dechrau ddydd Sadwrn.", "Llanfairpwllgwyngyll", "ŷ ŵ â",
    "مرحبا بالعالم", "السلام علیکم، آپ کیسے ہیں؟", "میں نے کہا",
    "نمی\u200cخواهم",  # noqa: RUF001 - Persian: a non-joiner inside the word
    "क्\u200dष", "हिन्दी",                # Devanagari with a joiner
    "שלום עולם", "日本語のテキスト", "Ελληνικά", "Café naïve",
    "line one\nline two", "tab\tseparated", "windows\r\nline", "a — b … c", "1 500 people",
]


def _letters_and_hidden() -> st.SearchStrategy[str]:
    """Text drawn from everything: the full code space, with the troublemakers made likely."""
    troublemakers = st.sampled_from([*sorted(BIDI_CONTROLS),
        "\x1b", "\x00", "\x07", "\x08", "\r", "\x7f", "\x85", "\x9b", "\u200b", "\u200c",
        "\u200d", "\u2060", "\u2061", "\ufeff", "\u00ad", "\ufe0f", "\ufe0e", "\U000e0100",
        "\U000e0041", "\U000e007f", "\U0001f3f4", "\U0001f468", "\U0001f3fd", "\u3164",
        "\u115f", "\u034f", "\u2028", "\u2029", "\ue000", "\U0010ffff", "\ufffc", "\u2800",
        "\u0600", "\ud800", "ب", "क", "a", " ", "\n"])
    return st.lists(st.one_of(troublemakers, st.characters(codec=None)), max_size=40).map(
        "".join)


def _unsafe(result: str, index: int) -> bool:
    """Whether ``result[index]`` is a character a terminal or Qt would act on or draw as nothing."""
    char = result[index]
    category = unicodedata.category(char)
    if category == "Cc":
        return char not in "\n\t" and result[index:index + 2] != "\r\n"
    if category == "Cf":
        return char in BIDI_CONTROLS or char not in KEPT_FORMAT
    return category in {"Co", "Cs", "Zl", "Zp"}


def _unsafe_in(result: str) -> list[str]:
    return [char for index, char in enumerate(result) if _unsafe(result, index)]


@given(_letters_and_hidden())
def test_the_result_holds_nothing_a_terminal_or_qt_would_hide_or_act_on(text: str) -> None:
    result = visible(text)
    assert _unsafe_in(result) == []
    assert "\x1b" not in result and "\u202e" not in result and "\u200b" not in result


@given(_letters_and_hidden())
def test_every_hidden_character_is_shown_by_its_code_and_nothing_else_changes(text: str) -> None:
    hidden = hidden_characters(text)
    # Putting each shown character back gives the text exactly.
    rebuilt = visible(text)
    for found in hidden:
        rebuilt = rebuilt.replace(found.shown, found.char, 1)
    assert rebuilt == text
    assert visible(visible(text)) == visible(text)
    assert hidden_count([text]) == len(hidden) == visible(text).count("⟨U+") - text.count("⟨U+")


@given(st.lists(st.sampled_from(ORDINARY), min_size=1, max_size=8),
       st.sampled_from([" ", "\n", " — ", "", "\n\n"]))
def test_ordinary_writing_is_unchanged(pieces: list[str], separator: str) -> None:
    text = separator.join(pieces)
    assert visible(text) == text
    assert hidden_note([text]) == ""


@pytest.mark.parametrize(("text", "shown"), [
    ("Vote \x1b[8mLabour\x1b[0m", "Vote ⟨U+001B⟩[8mLabour⟨U+001B⟩[0m"),
    ("fine\x1b[2K", "fine⟨U+001B⟩[2K"),
    ("\x9b8m", "⟨U+009B⟩8m"),
    ("abc\u202edef", "abc⟨U+202E⟩def"),
    ("\u2067x\u2069", "⟨U+2067⟩x⟨U+2069⟩"),
    ("\u200b\u200b", "⟨U+200B⟩⟨U+200B⟩"),
    ("soft\u00adhyphen", "soft⟨U+00AD⟩hyphen"),
    ("a\u200db", "a⟨U+200D⟩b"),                       # a joiner between Latin letters
    ("👍\u200d", "👍⟨U+200D⟩"),                        # a joiner leading nowhere
    ("❤️\ufe0f\ufe0f", "❤️⟨U+FE0F⟩⟨U+FE0F⟩"),         # selectors smuggling data
    (" \ufe0f", " ⟨U+FE0F⟩"),
    ("x\U000e0041", "x⟨U+E0041⟩"),                    # a tag outside a flag
    ("🏴\U000e0067\U000e0062", "🏴⟨U+E0067⟩⟨U+E0062⟩"),  # a flag never cancelled
    ("a\rb", "a⟨U+000D⟩b"),
    ("\u3164", "⟨U+3164⟩"),
])
def test_hidden_characters_are_shown(text: str, shown: str) -> None:
    assert visible(text) == shown


def test_the_note_counts_and_names_the_characters() -> None:
    note = str(hidden_note(["a\u202eb", "\u200b", "plain", "c\u202ed"]))
    assert note.startswith("This text holds 3 invisible or control characters (U+200B, U+202E)")
    assert "⟨U+…⟩" in note
    assert "an invisible or control character (U+001B)" in str(hidden_note(["\x1b"]))


def test_a_posts_every_text_is_counted() -> None:
    content = Content(text="a\u200b", targets=("acc",), thread=("b\u202e",), content_warning="\x1b",
                      media=(MediaItem(sha256="0" * 64, alt_text="\u2066", filename="x.png",
                                       mime_type="image/png"),),
                      link_card=LinkCard(url="https://example.org", title="\u200f",
                                         description="\ufeff"))
    assert hidden_count(content_texts(content)) == 6


@given(_letters_and_hidden())
def test_json_made_safe_reads_back_exactly_and_shows_nothing_raw(text: str) -> None:
    document = json_safe(json.dumps({"text": text}, ensure_ascii=False))
    assert json.loads(document) == {"text": text}
    assert _unsafe_in(document) == []


@given(_letters_and_hidden())
def test_the_fast_scan_finds_what_the_full_scan_finds(text: str) -> None:
    # Runs of non-ASCII characters are judged alone (and remembered); the whole text at once
    # must give the same answer.
    assert [h.index for h in hidden_characters(text)] == _hidden_between(text, 0, len(text))
