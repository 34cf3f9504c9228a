"""How each pane looks. Colour is never the only cue: the label, the icon, the border weight and
the band's stripe pattern differ too, and every text colour meets WCAG AA on its background.

The defaults are dark blue (personal) and dark orange (official): a pair that stays distinct for
the common forms of colour blindness, and that carries white text above 4.5:1. A person may pick
other band colours; :class:`Theme` keeps them in the GUI settings file and refuses a colour its
band text cannot be read on, or one too close to the other pane's.

Nothing here is global: one ``Theme`` per session, reached through ``DeskSession.theme``.
"""

from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QObject, QSettings, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QLabel, QWidget

from safedesk.core.contrast import (
    AA_NORMAL_TEXT,
    MIN_PANE_DIFFERENCE,
    NEAR_BLACK,
    Vision,
    best_text_colour,
    closest_difference,
    contrast_ratio,
    meets_aa,
    most_contrasting,
    normalise_hex,
)
from safedesk.core.managed import (
    BUILT_IN_COLOURS,
    NO_MANAGED_SETTINGS,
    OFFICIAL_COLOUR,
    PERSONAL_COLOUR,
    ManagedSettings,
)
from safedesk.core.models import Pane

translate = QCoreApplication.translate


def pane_words(text: str) -> str:
    """A style's title, subtitle or empty text (English in the style) in the window's language."""
    return translate("PaneStyle", text)


def pane_colour_words(pane: Pane) -> str:
    """"personal" or "official", as in "the official band colour"."""
    return translate("Theme", "personal") if pane is Pane.PERSONAL else \
        translate("Theme", "official")


VISION_WORDS = {
    Vision.TYPICAL: str(QT_TRANSLATE_NOOP("Theme", "typical colour vision")),
    Vision.PROTANOPIA: str(QT_TRANSLATE_NOOP("Theme", "protanopia (red-blind)")),
    Vision.DEUTERANOPIA: str(QT_TRANSLATE_NOOP("Theme", "deuteranopia (green-blind)")),
    Vision.TRITANOPIA: str(QT_TRANSLATE_NOOP("Theme", "tritanopia (blue-blind)")),
}


@dataclass(frozen=True, slots=True)
class PaneStyle:
    pane: Pane
    title: str
    subtitle: str
    icon: str
    band_colour: str
    band_text_colour: str
    border_width: int
    striped: bool
    empty_text: str

    def problems(self) -> list[str]:
        """Every way this style falls short of WCAG AA; empty when it is fine."""
        ratio = contrast_ratio(self.band_text_colour, self.band_colour)
        if meets_aa(self.band_text_colour, self.band_colour):
            return []
        return [translate("Theme", "{pane} band text contrast is {ratio}:1; it needs at least "
                          "4.5:1.").format(pane=pane_words(self.title), ratio=f"{ratio:.1f}")]


PERSONAL_STYLE = PaneStyle(
    pane=Pane.PERSONAL,
    # Translated where shown (``pane_words``).
    title=str(QT_TRANSLATE_NOOP("PaneStyle", "Personal")),
    subtitle=str(QT_TRANSLATE_NOOP("PaneStyle",
                                   "Your own accounts. Posts go out when you press Post.")),
    icon="personal.svg",
    band_colour=BUILT_IN_COLOURS[PERSONAL_COLOUR],
    band_text_colour="#ffffff",
    border_width=2,
    striped=False,
    empty_text=str(QT_TRANSLATE_NOOP("PaneStyle", "No personal accounts yet")),
)

OFFICIAL_STYLE = PaneStyle(
    pane=Pane.OFFICIAL,
    title=str(QT_TRANSLATE_NOOP("PaneStyle", "Official")),
    subtitle=str(QT_TRANSLATE_NOOP("PaneStyle",
                               "Organisation accounts. Every post needs a second person's approval.")),
    icon="official.svg",
    band_colour=BUILT_IN_COLOURS[OFFICIAL_COLOUR],
    band_text_colour="#ffffff",
    border_width=6,
    striped=True,
    empty_text=str(QT_TRANSLATE_NOOP(
        "PaneStyle",
        "No official accounts yet — official posts need a second person to approve them")),
)


def default_style(pane: Pane) -> PaneStyle:
    """The built-in style; what a pane shows until someone picks another colour."""
    return PERSONAL_STYLE if pane is Pane.PERSONAL else OFFICIAL_STYLE


def with_band_colour(style: PaneStyle, colour: str) -> PaneStyle:
    """The same style on another band colour, with the text colour that reads best on it.

    Only the colour changes: the official pane keeps its heavier border and its stripes.
    """
    band = normalise_hex(colour)
    return dataclasses.replace(style, band_colour=band, band_text_colour=best_text_colour(band))


def shown_ratio(ratio: float) -> str:
    """A contrast ratio to one decimal, never rounded up to a pass: 4.46 shows as 4.4."""
    shown = round(ratio, 1)
    if ratio < AA_NORMAL_TEXT <= shown:
        shown = math.floor(ratio * 10) / 10
    return f"{shown:.1f}:1"


def text_colour_name(colour: str) -> str:
    return translate("Theme", "near-black") if colour == NEAR_BLACK else translate("Theme", "white")


def contrast_summary(style: PaneStyle) -> str:
    """A line such as "8.1:1 with white text — passes AA", for people and screen readers."""
    ratio = contrast_ratio(style.band_text_colour, style.band_colour)
    verdict = translate("Theme", "passes AA") if ratio >= AA_NORMAL_TEXT else \
        translate("Theme", "fails AA, which needs 4.5:1")
    return translate("Theme", "{ratio} with {colour} text — {verdict}").format(
        ratio=shown_ratio(ratio), colour=text_colour_name(style.band_text_colour), verdict=verdict)


def colour_problems(pane: Pane, colour: str, other: PaneStyle) -> list[str]:
    """Why ``colour`` cannot be the band colour of ``pane`` next to ``other``; empty if it can."""
    try:
        band = normalise_hex(colour)
    except ValueError:
        return [translate("Theme", "“{colour}” is not a colour SafeDesk understands; give it as "
                          "#rrggbb.").format(colour=colour)]
    problems: list[str] = []
    text = best_text_colour(band)
    ratio = contrast_ratio(text, band)
    if ratio < AA_NORMAL_TEXT:
        problems.append(translate(
            "Theme", "{band} cannot be the {pane} band colour: neither white nor near-black text "
            "is readable enough on it (the best is {ratio} with {colour} text; WCAG AA needs "
            "4.5:1). Choose a darker or a lighter shade.").format(
                band=band, pane=pane_colour_words(pane), ratio=shown_ratio(ratio),
                colour=text_colour_name(text)))
    vision, difference = closest_difference(band, other.band_colour)
    if difference < MIN_PANE_DIFFERENCE:
        problems.append(translate(
            "Theme", "{band} is too close to the {pane} pane's colour ({other}): seen with "
            "{vision} they differ by only ΔE {difference}. SafeDesk needs a difference of at "
            "least ΔE {least} (CIE76) for typical vision and for protanopia, deuteranopia and "
            "tritanopia alike, so the two panes can be told apart at a glance. Colour is one cue "
            "among several, but it should still be a clear one.").format(
                band=band, pane=pane_colour_words(other.pane), other=other.band_colour,
                vision=translate("Theme", VISION_WORDS[vision]), difference=f"{difference:.0f}",
                least=f"{MIN_PANE_DIFFERENCE:.0f}"))
    return problems


class ColourRefusedError(ValueError):
    """A band colour SafeDesk will not use; the message says why, in words for the person."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__(" ".join(problems))
        self.problems = problems


MANAGED_COLOURS = {Pane.PERSONAL: PERSONAL_COLOUR, Pane.OFFICIAL: OFFICIAL_COLOUR}


def band_colour_key(pane: Pane) -> str:
    return f"panes/{pane.value}/band_colour"


class Theme(QObject):
    """The two panes' styles for this session, kept in the GUI settings file.

    Only a band colour that differs from the default is stored, so a person who never changes
    anything follows any future change of the defaults. The organisation's IT department may
    preset a pane's colour (it is then that pane's default) or lock it (``core.managed``): a
    locked colour is the one shown, whatever the file says, and cannot be changed here.
    """

    changed = Signal(object)  # the Pane whose style changed

    def __init__(self, settings: QSettings, parent: QObject | None = None, *,
                 managed: ManagedSettings = NO_MANAGED_SETTINGS) -> None:
        super().__init__(parent)
        self._settings = settings
        self._defaults: dict[Pane, PaneStyle] = {}
        self._locked: set[Pane] = set()
        for pane in Pane:
            preset = managed.text(MANAGED_COLOURS[pane])
            self._defaults[pane] = with_band_colour(default_style(pane), preset) if preset \
                else default_style(pane)
            if managed.is_locked(MANAGED_COLOURS[pane]):
                self._locked.add(pane)
        self._styles = dict(self._defaults)
        self._load()

    def _load(self) -> None:
        for pane in Pane:
            stored = self._settings.value(band_colour_key(pane))
            if pane in self._locked or not isinstance(stored, str):
                continue
            try:
                style = with_band_colour(self._defaults[pane], stored)
            except ValueError:
                continue  # a hand-edited file; the default is the safe reading
            if not style.problems():
                self._styles[pane] = style
        personal, official = self._styles[Pane.PERSONAL], self._styles[Pane.OFFICIAL]
        if colour_problems(Pane.PERSONAL, personal.band_colour, official):
            # The file holds a pair too alike (edited by hand, or one colour fell back to its
            # default): both go back to the defaults rather than guess which one was meant.
            self._styles = dict(self._defaults)

    def style(self, pane: Pane) -> PaneStyle:
        return self._styles[pane]

    def default(self, pane: Pane) -> PaneStyle:
        """The pane's default: the organisation's preset colour, else the built-in one."""
        return self._defaults[pane]

    def is_default(self, pane: Pane) -> bool:
        return self._styles[pane] == self._defaults[pane]

    def is_locked(self, pane: Pane) -> bool:
        """Whether the organisation's IT department locked this pane's colour."""
        return pane in self._locked

    def problems_with(self, pane: Pane, colour: str) -> list[str]:
        """Why ``colour`` may not be ``pane``'s band colour now; empty when it may."""
        if pane in self._locked:
            return [translate("Theme", "The {pane} pane colour is set by your organisation's "
                              "IT department, so it cannot be changed here.").format(
                                  pane=pane_colour_words(pane))]
        return colour_problems(pane, colour, self._styles[pane.other])

    def set_band_colour(self, pane: Pane, colour: str) -> PaneStyle:
        """Use ``colour`` for the pane's band, or raise ColourRefusedError saying why not."""
        problems = self.problems_with(pane, colour)
        if problems:
            raise ColourRefusedError(problems)
        style = with_band_colour(self._defaults[pane], colour)
        if style == self._defaults[pane]:
            self._settings.remove(band_colour_key(pane))
        else:
            self._settings.setValue(band_colour_key(pane), style.band_colour)
        self._settings.sync()
        self._styles[pane] = style
        self.changed.emit(pane)
        return style

    def reset(self, pane: Pane) -> PaneStyle:
        """Back to the default colour; refused, like any colour, if the other pane is now too
        close to it (change that pane first)."""
        return self.set_band_colour(pane, self._defaults[pane].band_colour)


# -- error text in light and dark schemes ---------------------------------------------------

# The classic error red reads at 6.4:1 on a light window (#efefef) but only 1.9:1 on a dark one
# (#2b2b2b); the light red reads at 7.3:1 there. Whichever suits the background is used.
ERROR_ON_LIGHT = "#b00020"
ERROR_ON_DARK = "#ffa198"
ERROR_PROPERTY = "safedeskError"


def error_colour(widget: QWidget) -> str:
    """A red readable (WCAG AA) on the background ``widget`` is shown on.

    The window's palette is what is painted behind the text, whether it came from the system's
    light or dark scheme (QStyleHints.colorScheme) or from a palette set by hand, so it is the
    thing to measure against. Should neither red reach 4.5:1 there, the palette's own text colour
    is used: the words still say it is an error.
    """
    palette = widget.window().palette()
    background = palette.color(QPalette.ColorRole.Window).name()
    red = most_contrasting(background, (ERROR_ON_LIGHT, ERROR_ON_DARK))
    if meets_aa(red, background):
        return red
    return palette.color(QPalette.ColorRole.WindowText).name()


def error_style(widget: QWidget) -> str:
    return f"color: {error_colour(widget)}; font-weight: bold;"


def mark_error(label: QLabel, *, error: bool = True) -> None:
    """Show (or stop showing) a label's text in the error colour for the current scheme."""
    label.setProperty(ERROR_PROPERTY, error)
    label.setStyleSheet(error_style(label) if error else "")


def refresh_error_colours(root: QWidget) -> None:
    """After a light/dark switch: give every error label under ``root`` the red for the new
    background."""
    for label in root.findChildren(QLabel):
        if label.property(ERROR_PROPERTY):
            wanted = error_style(label)
            if label.styleSheet() != wanted:
                label.setStyleSheet(wanted)
