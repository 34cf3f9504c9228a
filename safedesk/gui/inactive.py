"""How the pane without keyboard focus looks: washed over, and saying so in words.

A translucent wash is painted by a widget lying over the pane's body. An opacity effect
(``QGraphicsOpacityEffect``) did the same job badly: it renders the pane into a cached picture,
and a tab clicked in the dimmed pane kept showing the page it replaced. The wash is an ordinary
widget that lets every click through to what lies under it, so a click in the pane still reaches
its controls (and moves focus there, which makes the pane the active one).
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QEvent, QObject, QRect, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import QWidget

# How much of the window colour lies over the pane: enough to recede, little enough to read.
WASH_ALPHA = 120
# Translated where shown (``translate("Inactive", ...)``).
ACTIVE_WORDS = str(QT_TRANSLATE_NOOP("Inactive", "In use"))
INACTIVE_WORDS = str(QT_TRANSLATE_NOOP("Inactive", "Not in use: click or Tab into it"))
INACTIVE_DESCRIPTION = str(QT_TRANSLATE_NOOP(
    "Inactive", "Not in use. Keys act on the other pane until you move into this one."))


class InactiveWash(QWidget):
    """Lies over ``pane`` below ``band``, inside its coloured border (``inset`` pixels wide,
    which stays at full colour), while the pane is not in use."""

    def __init__(self, pane: QWidget, band: QWidget, inset: int) -> None:
        super().__init__(pane)
        self._pane, self._band = pane, band
        self.inset = inset
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setVisible(False)
        pane.installEventFilter(self)  # follow the pane's size

    def cover(self, *, covered: bool) -> None:
        if covered:
            self._fit()
            self.raise_()
        self.setVisible(covered)

    def _fit(self) -> None:
        top, side = self._band.geometry().bottom() + 1, self.inset
        self.setGeometry(QRect(side, top, max(self._pane.width() - 2 * side, 0),
                               max(self._pane.height() - top - side, 0)))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if watched is self._pane and event.type() in (QEvent.Type.Resize,
                                                      QEvent.Type.LayoutRequest):
            self._fit()
        return super().eventFilter(watched, event)

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        wash = QColor(self.palette().window().color())
        wash.setAlpha(WASH_ALPHA)
        painter = QPainter(self)
        painter.fillRect(self.rect(), wash)
        painter.end()
