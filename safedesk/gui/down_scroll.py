"""A page that scrolls up and down only (a pane's Compose page on a short screen)."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QFrame, QScrollArea, QWidget


class DownScrollArea(QScrollArea):
    """Scrolls up and down only, and is never narrower than what it holds: a page squeezed
    sideways would cut its controls off, so the window makes room (or shows one pane)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # Not a Tab stop of its own: Tab goes through the fields, and the page scrolls to each.
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        held = self.widget()
        hint = super().minimumSizeHint()
        if held is None:
            return hint
        return QSize(held.minimumSizeHint().width() + self.verticalScrollBar().sizeHint().width(),
                     hint.height())
