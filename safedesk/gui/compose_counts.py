"""The compose box's counts line, which changes at every keystroke without laying out the form.

A word-wrapped ``QLabel`` asks its parent's layout to lay everything out again whenever its text
changes, even when it stays the same height: in a compose box that is the whole window's layout,
again at every keystroke. Here the label sits alone, in no layout, in a holder of fixed height,
so its new text tells only the holder, which places it by hand; the holder asks the form for a
layout only when the new text needs a different height (a line more or fewer). Measuring that
height lays the label's rich text out again, so it is done once the keystroke has been handled,
in the same pass of the event loop (and once for several changes made together).
"""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget


class CountsHolder(QWidget):
    """Holds ``label`` (word-wrapped, rich text) at the holder's width and the height its text
    needs there; ``set_text`` is the way to change the text."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = QLabel(self)
        self.label.setWordWrap(True)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self._fit_soon = QTimer(self)
        self._fit_soon.setSingleShot(True)
        self._fit_soon.setInterval(0)
        self._fit_soon.timeout.connect(self._fit)
        self._fit()

    def set_text(self, text: str) -> None:
        if text != self.label.text():  # unchanged, it needs no new text layout nor repaint
            self.label.setText(text)
            self._fit_soon.start()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        self._fit_soon.stop()
        width = max(self.width(), 1)
        height = self.label.heightForWidth(width)
        if height < 0:  # no text to wrap
            height = self.label.sizeHint().height()
        self.label.resize(width, height)
        if self.minimumHeight() != height or self.maximumHeight() != height:
            self.setFixedHeight(height)  # a line more or fewer: now the form makes room
