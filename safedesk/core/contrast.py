"""WCAG 2.x contrast, so pane colours can be checked without a GUI toolkit."""

from __future__ import annotations

AA_NORMAL_TEXT = 4.5
AA_LARGE_TEXT = 3.0


def _channel(value: int) -> float:
    c = value / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def parse_hex(colour: str) -> tuple[int, int, int]:
    text = colour.strip().lstrip("#")
    if len(text) == 3:
        text = "".join(ch * 2 for ch in text)
    if len(text) != 6:
        raise ValueError(f"{colour!r} is not a #rrggbb colour")
    return int(text[0:2], 16), int(text[2:4], 16), int(text[4:6], 16)


def relative_luminance(colour: str) -> float:
    r, g, b = (_channel(v) for v in parse_hex(colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(foreground: str, background: str) -> float:
    lighter, darker = sorted(
        (relative_luminance(foreground), relative_luminance(background)), reverse=True
    )
    return (lighter + 0.05) / (darker + 0.05)


def meets_aa(foreground: str, background: str, *, large_text: bool = False) -> bool:
    needed = AA_LARGE_TEXT if large_text else AA_NORMAL_TEXT
    return contrast_ratio(foreground, background) >= needed
