"""One pane at a time on a narrow screen, behind a switch that cannot be mistaken.

Where the two panes do not fit side by side (a 1366x768 laptop at 125 % scaling gives about
1093 logical pixels), the window shows one pane, whole: its coloured band, title, icon and the
send button that names the accounts all stay. Above it, a switch of two large buttons, each with
its pane's icon, name and colour, says which pane is shown; Ctrl+1 and Ctrl+2 choose too (in
two-pane mode they move keyboard focus to that pane).
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QPushButton, QWidget

from safedesk.core.models import Pane
from safedesk.gui.theme import PaneStyle
from safedesk.resources import resource_path

PANE_KEYS = {Pane.PERSONAL: "Ctrl+1", Pane.OFFICIAL: "Ctrl+2"}


class PaneSwitch(QWidget):
    chosen = Signal(object)  # the Pane to show

    def __init__(self, styles: dict[Pane, PaneStyle], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(self.tr("Which pane is shown"))
        self.buttons: dict[Pane, QPushButton] = {}
        group = QButtonGroup(self)
        group.setExclusive(True)
        row = QHBoxLayout(self)
        row.setContentsMargins(4, 4, 4, 0)
        for pane, style in styles.items():
            button = QPushButton(QIcon(str(resource_path("icons", style.icon))),
                                 self._name(pane), self)
            button.setIconSize(QSize(24, 24))
            button.setCheckable(True)
            button.setAccessibleName(self._show_words(pane).format(keys=PANE_KEYS[pane]))
            button.setToolTip(PANE_KEYS[pane])
            button.clicked.connect(lambda _checked=False, p=pane: self.chosen.emit(p))
            group.addButton(button)
            row.addWidget(button, 1)
            self.buttons[pane] = button
        self.restyle(styles)

    def _name(self, pane: Pane) -> str:
        return self.tr("Personal pane") if pane is Pane.PERSONAL else self.tr("Official pane")

    def _show_words(self, pane: Pane) -> str:
        return self.tr("Show the personal pane ({keys})") if pane is Pane.PERSONAL else \
            self.tr("Show the official pane ({keys})")

    def restyle(self, styles: dict[Pane, PaneStyle]) -> None:
        """The shown pane's button in its band colour; the other plain (the words and icon say
        which is which without the colour)."""
        for pane, button in self.buttons.items():
            style = styles[pane]
            button.setStyleSheet(
                f"QPushButton {{ padding: 6px; font-weight: bold; }}"
                f"QPushButton:checked {{ background: {style.band_colour};"
                f" color: {style.band_text_colour}; border: 2px solid {style.band_colour}; }}")

    def show_pane(self, pane: Pane) -> None:
        self.buttons[pane].setChecked(True)
