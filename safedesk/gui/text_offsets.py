"""Between Python's string positions (characters) and Qt's (UTF-16 code units): they differ
after any character outside the Basic Multilingual Plane, an emoji say."""

from __future__ import annotations


def utf16_length(text: str) -> int:
    # Encoding runs in C: a Python loop over each character costs a keystroke's budget on a
    # long paragraph.
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


def python_offset(text: str, utf16_offset: int) -> int:
    """The character offset in ``text`` of a Qt (UTF-16) offset."""
    units = 0
    for index, character in enumerate(text):
        if units >= utf16_offset:
            return index
        units += 2 if ord(character) > 0xFFFF else 1
    return len(text)
