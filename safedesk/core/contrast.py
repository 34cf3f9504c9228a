"""Colour arithmetic for the pane colours, without a GUI toolkit: WCAG 2.x contrast, the best
text colour on a background, and whether two colours stay distinct, also for colour-blind people."""

from __future__ import annotations

import enum
import math
from collections.abc import Sequence

from safedesk.core.messages import msg

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
        raise ValueError(msg("'{colour}' is not a #rrggbb colour", colour=colour))
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


# -- text on a chosen colour ----------------------------------------------------------------

WHITE = "#ffffff"
# Near-black rather than black: it is softer on bright bands. It also means the AA check can
# refuse something: with pure black and white, every background offers at least 4.58:1, while
# with this near-black, mid-tones (for example #808080) offer neither 4.5:1 and are refused.
NEAR_BLACK = "#1a1a1a"
BAND_TEXT_CHOICES = (WHITE, NEAR_BLACK)


def normalise_hex(colour: str) -> str:
    """The one spelling SafeDesk stores and compares: lower-case ``#rrggbb``."""
    r, g, b = parse_hex(colour)
    return f"#{r:02x}{g:02x}{b:02x}"


def most_contrasting(background: str, candidates: Sequence[str]) -> str:
    """The candidate that reads best on ``background`` (the first one on a tie)."""
    if not candidates:
        raise ValueError(msg("There is no candidate colour to choose from."))
    return max(candidates, key=lambda colour: contrast_ratio(colour, background))


def best_text_colour(background: str) -> str:
    """White or near-black text, whichever contrasts more with ``background``."""
    return most_contrasting(background, BAND_TEXT_CHOICES)


def best_text_contrast(background: str) -> float:
    return contrast_ratio(best_text_colour(background), background)


# -- telling two colours apart --------------------------------------------------------------

# Two pane colours must differ by at least this CIE76 colour difference (Euclidean distance in
# CIELAB), for typical vision and for each simulated dichromacy. About 2.3 is the smallest
# difference people notice side by side; 20 is a difference obvious at a glance, across the
# window, which is what a cue that says "this is the official pane" needs.
MIN_PANE_DIFFERENCE = 20.0


class Vision(enum.StrEnum):
    TYPICAL = "typical"
    PROTANOPIA = "protanopia"
    DEUTERANOPIA = "deuteranopia"
    TRITANOPIA = "tritanopia"

    @property
    def label(self) -> str:
        return {
            Vision.TYPICAL: "typical colour vision",
            Vision.PROTANOPIA: "protanopia (red-blind)",
            Vision.DEUTERANOPIA: "deuteranopia (green-blind)",
            Vision.TRITANOPIA: "tritanopia (blue-blind)",
        }[self]


Matrix = tuple[tuple[float, float, float], tuple[float, float, float], tuple[float, float, float]]

# Machado, Oliveira and Fernandes (2009), "A physiologically-based model for simulation of
# color vision deficiency", severity 1.0 (full dichromacy), applied to linear sRGB. Each row
# sums to about 1, so greys are unchanged.
_SIMULATIONS: dict[Vision, Matrix] = {
    Vision.TYPICAL: ((1.0, 0.0, 0.0), (0.0, 1.0, 0.0), (0.0, 0.0, 1.0)),
    Vision.PROTANOPIA: ((0.152286, 1.052583, -0.204868),
                        (0.114503, 0.786281, 0.099216),
                        (-0.003882, -0.048116, 1.051998)),
    Vision.DEUTERANOPIA: ((0.367322, 0.860646, -0.227968),
                          (0.280085, 0.672501, 0.047413),
                          (-0.011820, 0.042940, 0.968881)),
    Vision.TRITANOPIA: ((1.255528, -0.076749, -0.178779),
                        (-0.078411, 0.930809, 0.147602),
                        (0.004733, 0.691367, 0.303900)),
}

# sRGB (D65) linear RGB to CIE XYZ, and the D65 white point.
_RGB_TO_XYZ: Matrix = ((0.4124564, 0.3575761, 0.1804375),
                       (0.2126729, 0.7151522, 0.0721750),
                       (0.0193339, 0.1191920, 0.9503041))
_WHITE_XYZ = (0.95047, 1.0, 1.08883)


def _apply(matrix: Matrix, vector: tuple[float, float, float]) -> tuple[float, float, float]:
    x, y, z = (sum(m * v for m, v in zip(row, vector, strict=True)) for row in matrix)
    return x, y, z


def _lab_f(t: float) -> float:
    delta = 6 / 29
    return t ** (1 / 3) if t > delta**3 else t / (3 * delta**2) + 4 / 29


def to_lab(colour: str, vision: Vision = Vision.TYPICAL) -> tuple[float, float, float]:
    """CIELAB (D65) of ``colour`` as someone with ``vision`` sees it."""
    r, g, b = (_channel(v) for v in parse_hex(colour))
    seen = _apply(_SIMULATIONS[vision], (r, g, b))
    clipped = (min(1.0, max(0.0, seen[0])), min(1.0, max(0.0, seen[1])),
               min(1.0, max(0.0, seen[2])))
    x, y, z = _apply(_RGB_TO_XYZ, clipped)
    fx, fy, fz = (_lab_f(value / white) for value, white in zip((x, y, z), _WHITE_XYZ,
                                                               strict=True))
    return 116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)


def delta_e76(first: str, second: str, vision: Vision = Vision.TYPICAL) -> float:
    """CIE76 colour difference between two colours as seen with ``vision``."""
    return math.dist(to_lab(first, vision), to_lab(second, vision))


def closest_difference(first: str, second: str) -> tuple[Vision, float]:
    """The vision for which the two colours are hardest to tell apart, and their difference."""
    differences = {vision: delta_e76(first, second, vision) for vision in Vision}
    vision = min(differences, key=lambda v: differences[v])
    return vision, differences[vision]
