"""Text as a person reviewing it must see it: every invisible or control character made visible.

An approver approves what they read, so nothing in a post may hide from them. An ESC sequence
printed raw makes a terminal conceal or erase words (``\\x1b[8m``, ``\\x1b[2K``); a right-to-left
override (U+202E) reorders what follows it, in the post and in the window around it; zero-width
characters publish words no one saw. Wherever text is shown for review, :func:`visible` replaces
each such character with its code point between angle brackets, ``⟨U+202E⟩``. What is stored and
published never changes: this is for display only.

Shown as ``⟨U+XXXX⟩``:

- control characters (Unicode Cc) except line feed and tab; a carriage return only when it is not
  part of a CR LF line ending;
- format characters (Cf): bidirectional embeddings, overrides, isolates and marks (U+202A-202E,
  U+2066-2069, U+200E/200F, U+061C), zero-width space, word joiner, BOM, soft hyphen, invisible
  operators, tags...;
- the other default-ignorable code points (the Hangul fillers, the combining grapheme joiner,
  variation selectors out of place), the blank braille pattern U+2800 and the object
  replacement character U+FFFC, which a rich-text view treats as an embedded object;
- line and paragraph separators (U+2028/2029), private-use, unassigned and surrogate code points.

Kept, because ordinary writing needs them and they hide nothing:

- a zero-width joiner between two emoji (the family 👨‍👩‍👧, 🏳️‍🌈), possibly after a variation
  selector or skin-tone modifier of the first;
- a zero-width joiner or non-joiner between two letters of a script whose letters join (Arabic
  and so Urdu and Persian, Syriac, N'Ko, Mongolian, and the Indic scripts): it only changes
  which form a letter takes (Persian "نمی‌خواهم");
- one variation selector straight after a visible character (❤️, the keycap 1️⃣, an ideograph's
  variant); a second one, or one after a space, is a way to smuggle data and is shown;
- the tag characters of a flag's tag sequence (🏴 + tags + CANCEL TAG: the Welsh flag);
- prepended concatenation marks (U+0600-0605, U+06DD...), which draw a visible sign.

So :func:`visible` never returns a bidirectional control, a control character other than line
feed, tab and CR LF, or a format character outside the contexts above. A person could type the
text ``⟨U+202E⟩`` itself; :func:`hidden_note` counts the real ones, so the two are told apart.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

import regex

from safedesk.core.messages import Message, msgn
from safedesk.core.models import Content

# Every character that may be shown (whether it is depends on its neighbours). Line feed and tab
# are layout; everything else here either draws nothing or acts on the text around it.
_CANDIDATE = regex.compile(
    r"[\x00-\x08\x0b-\x1f\x7f-\x9f\p{Cf}\p{Co}\p{Cn}\p{Cs}\p{Zl}\p{Zp}"
    r"\p{Default_Ignorable_Code_Point}\u2800\uFFFC]")
# Scanning with Unicode properties is slow (a long ``history --json`` page is 200 kB), and most
# text is printable ASCII: the ASCII controls are looked for one by one (``in`` is far faster
# than any class), the runs of non-ASCII characters with a plain range, and only those runs are
# scanned with the properties. Whether a character in a run is kept depends only on the run and
# the character on each side of it (ASCII joins nothing), so the answer for a short run is
# remembered: a listing repeats the same emoji and words.
_ASCII_CONTROLS = [chr(c) for c in [*range(0x09), *range(0x0B, 0x20), 0x7F]]
_ASCII_CONTROL = regex.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_NON_ASCII = regex.compile(r"[\x80-\U0010FFFF]+")
_RUN_REMEMBERED = 64
_VARIATION_SELECTOR = regex.compile(r"[\uFE00-\uFE0F\U000E0100-\U000E01EF\u180B-\u180D\u180F]")
_PICTOGRAPH = regex.compile(r"\p{Extended_Pictographic}")
# What may stand between an emoji and the joiner after it: its presentation selector and skin tone.
_EMOJI_TRAIL = regex.compile(r"[\uFE0E\uFE0F\U0001F3FB-\U0001F3FF]")
_JOINING_LETTER = regex.compile(
    r"(?=[\p{L}\p{M}])[\p{Script=Arabic}\p{Script=Syriac}\p{Script=Nko}\p{Script=Mongolian}"
    r"\p{Script=Devanagari}\p{Script=Bengali}\p{Script=Gurmukhi}\p{Script=Gujarati}"
    r"\p{Script=Oriya}\p{Script=Tamil}\p{Script=Telugu}\p{Script=Kannada}\p{Script=Malayalam}"
    r"\p{Script=Sinhala}]")
_CONCATENATION_MARK = regex.compile(r"\p{Prepended_Concatenation_Mark}")
# 🏴 followed by tag letters and CANCEL TAG: the subdivision flags (England, Scotland, Wales).
_FLAG_TAGS = regex.compile(r"\U0001F3F4([\U000E0020-\U000E007E]+\U000E007F)")
_JOINERS = {"\u200c", "\u200d"}


@dataclass(frozen=True, slots=True)
class HiddenCharacter:
    """One character :func:`visible` shows, at ``index`` in the original text."""

    index: int
    char: str

    @property
    def code(self) -> str:
        return f"U+{ord(self.char):04X}"

    @property
    def shown(self) -> str:
        return f"⟨{self.code}⟩"


def _flag_tags(text: str) -> set[int]:
    """Indexes of the tag characters that belong to a flag's tag sequence."""
    if "\U0001F3F4" not in text:
        return set()
    return {i for match in _FLAG_TAGS.finditer(text) for i in range(*match.span(1))}


# One character's traits, looked up once: a listing of a thousand posts with emoji families asks
# about the same few characters over and over.
@functools.lru_cache(maxsize=4096)
def _is(pattern: regex.Pattern[str], char: str) -> bool:
    return bool(pattern.match(char))


def _emoji_before(text: str, index: int) -> bool:
    """Whether an emoji ends just before ``index`` (past its selector and skin tone)."""
    while index > 0 and _is(_EMOJI_TRAIL, text[index - 1]):
        index -= 1
    return index > 0 and _is(_PICTOGRAPH, text[index - 1])


def _joined_letters(text: str, index: int) -> bool:
    return (0 < index < len(text) - 1 and _is(_JOINING_LETTER, text[index - 1])
            and _is(_JOINING_LETTER, text[index + 1]))


def _kept(text: str, index: int, flag_tags: set[int]) -> bool:
    """Whether the candidate at ``index`` is part of ordinary writing (see the module doc)."""
    char = text[index]
    if char == "\r":
        return text.startswith("\n", index + 1)
    if char in _JOINERS:
        if _joined_letters(text, index):
            return True
        return (char == "\u200d" and index + 1 < len(text)
                and _is(_PICTOGRAPH, text[index + 1]) and _emoji_before(text, index))
    if _is(_VARIATION_SELECTOR, char):
        # One selector on a visible base; the base is no candidate, nor a space.
        return (index > 0 and not text[index - 1].isspace()
                and not _is(_CANDIDATE, text[index - 1]))
    if index in flag_tags:
        return True
    return _is(_CONCATENATION_MARK, char)


def _hidden_between(text: str, start: int, end: int) -> list[int]:
    """The indexes in ``text[start:end]`` of the characters :func:`visible` shows."""
    candidates = [m.start() for m in _CANDIDATE.finditer(text, start, end)]
    if not candidates:
        return []
    flag_tags = _flag_tags(text[start:end])
    return [i for i in candidates if not _kept(text, i, {t + start for t in flag_tags})]


@functools.lru_cache(maxsize=4096)
def _hidden_in_run(before: str, run: str, after: str) -> tuple[int, ...]:
    """:func:`_hidden_between` for one run, as offsets into it."""
    return tuple(i - len(before) for i in _hidden_between(before + run + after, len(before),
                                                          len(before) + len(run)))


def _hidden_indexes(text: str) -> Iterator[int]:
    """In order: the ASCII controls up to the first non-ASCII run, that run's, and so on."""
    controls: Iterator[int] = iter(())
    if any(char in text for char in _ASCII_CONTROLS):
        controls = (m.start() for m in _ASCII_CONTROL.finditer(text)
                    if not _kept(text, m.start(), set()))
    if text.isascii():
        yield from controls
        return
    yield from sorted([*controls, *_hidden_in_runs(text)])


def _hidden_in_runs(text: str) -> Iterator[int]:
    for run in _NON_ASCII.finditer(text):
        start, end = run.span()
        if end - start > _RUN_REMEMBERED:
            yield from _hidden_between(text, start, end)
        else:
            found = _hidden_in_run(text[start - 1:start], text[start:end], text[end:end + 1])
            yield from (start + offset for offset in found)


def hidden_characters(text: str) -> list[HiddenCharacter]:
    """Every character :func:`visible` would show, in order."""
    return [HiddenCharacter(index, text[index]) for index in _hidden_indexes(text)]


def _replaced(text: str, replacement: Callable[[HiddenCharacter], str]) -> str:
    """``text`` with each hidden character replaced by what ``replacement`` makes of it."""
    hidden = hidden_characters(text)
    if not hidden:
        return text
    parts: list[str] = []
    done = 0
    for found in hidden:
        parts += [text[done:found.index], replacement(found)]
        done = found.index + 1
    parts.append(text[done:])
    return "".join(parts)


def visible(text: str) -> str:
    """``text`` with each hidden or control character replaced by ``⟨U+XXXX⟩``; ordinary text
    (emoji sequences, flags, right-to-left scripts, line breaks) unchanged."""
    return _replaced(text, lambda found: found.shown)


def json_safe(document: str) -> str:
    """Serialised JSON with each hidden character escaped (``\\u202e``; beyond the BMP as its
    surrogate pair): the same value for any JSON reader, but no raw control or override on a
    terminal. JSON's own syntax is ASCII, so every such character is inside a string."""
    return _replaced(document, lambda found: _json_escape(found.char))


def _json_escape(char: str) -> str:
    code = ord(char)
    if code <= 0xFFFF:
        return f"\\u{code:04x}"
    code -= 0x10000
    return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"


def content_texts(content: Content) -> Iterable[str]:
    """Every text of a post a reviewer reads: the text, its thread, warning, alt texts and card,
    and a pair's second language."""
    yield content.text
    yield from content.thread
    yield content.content_warning
    for media in content.media:
        yield media.alt_text
    if content.link_card is not None:
        yield content.link_card.title
        yield content.link_card.description
    if content.translation is not None:  # a bilingual pair's second language, read as well
        yield content.translation.text
        yield content.translation.content_warning
        yield from content.translation.alt_texts


def hidden_count(texts: Iterable[str]) -> int:
    return sum(len(hidden_characters(text)) for text in texts)


def hidden_note(texts: Iterable[str]) -> str | Message:
    """The reviewer's one-line note, or "" when nothing is hidden."""
    texts = list(texts)
    count = hidden_count(texts)
    if not count:
        return ""
    codes = sorted({found.code for text in texts for found in hidden_characters(text)})
    listed = ", ".join(codes[:5]) + (", …" if len(codes) > 5 else "")
    return msgn("This text holds an invisible or control character ({codes}), shown as ⟨U+…⟩. "
                "What is published holds it as typed.",
                "This text holds {count} invisible or control characters ({codes}), shown as "
                "⟨U+…⟩. What is published holds them as typed.", count, codes=listed)
