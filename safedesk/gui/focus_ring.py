"""A focus indicator a person can see: a 2-pixel ring around whatever has keyboard focus.

It follows the focused control as it moves or resizes, as the pages holding it scroll, and as
the window resizes.

The styles draw focus their own way, often as a faint 1-pixel line, and some widgets (a text
browser such as the preview) show none at all. One ring, drawn by a widget that follows focus
around the window and lets every click through, looks the same on every control. Its colour is
the palette's highlight, or black or white where the highlight is too faint against the window
(WCAG 2.2's focus appearance asks for 3:1 against what is around it).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPoint, QRect, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QAbstractScrollArea, QApplication, QScrollBar, QWidget
from shiboken6 import isValid

from safedesk.core.contrast import contrast_ratio, most_contrasting

RING_WIDTH = 2
FOCUS_CONTRAST = 3.0


def ring_colour(window: QWidget) -> QColor:
    """The highlight where it stands out from the window by 3:1; else black or white."""
    palette = window.palette()
    background = palette.window().color().name()
    highlight = palette.highlight().color()
    if contrast_ratio(highlight.name(), background) >= FOCUS_CONTRAST:
        return highlight
    return QColor(most_contrasting(background, ["#000000", "#ffffff"]))


class FocusRing(QWidget):
    """Drawn over ``window`` around the focused widget inside it."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self._window = window
        self.target: QWidget | None = None
        # The scroll bars of the scroll areas holding the target: a page scrolled moves it.
        self._scrollers: list[QScrollBar] = []
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setVisible(False)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._focus_changed)

    def _focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        # Only the target is watched, and its scroll areas through their signals: a Python
        # filter on every widget holding it cost milliseconds per keystroke.
        # The old target, or a scroll area, may be gone already: a page rebuilt, a window closed.
        if self.target is not None and isValid(self.target):
            self.target.removeEventFilter(self)
        for scroller in self._scrollers:
            if isValid(scroller):
                scroller.valueChanged.disconnect(self.follow)
        self._scrollers = []
        inside = new is not None and new is not self._window and \
            new.window() is self._window
        self.target = new if inside else None
        if self.target is not None:
            self.target.installEventFilter(self)
        holder = self.target.parentWidget() if self.target is not None else None
        while holder is not None and holder is not self._window:
            if isinstance(holder, QAbstractScrollArea):
                for scroller in (holder.verticalScrollBar(), holder.horizontalScrollBar()):
                    scroller.valueChanged.connect(self.follow)
                    self._scrollers.append(scroller)
            holder = holder.parentWidget()
        self.follow()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() in (QEvent.Type.Move, QEvent.Type.Resize, QEvent.Type.Hide,
                            QEvent.Type.Show):
            self.follow()
        return super().eventFilter(watched, event)

    def follow(self) -> None:
        target = self.target
        if target is None or not isValid(target) or not target.isVisible():
            self.setVisible(False)
            return
        corner = target.mapTo(self._window, QPoint(0, 0))
        around = QRect(corner, target.size()).adjusted(-RING_WIDTH, -RING_WIDTH,
                                                       RING_WIDTH, RING_WIDTH)
        seen = self._window.rect()
        holder = target.parentWidget()
        while holder is not None and holder is not self._window:
            if isinstance(holder, QAbstractScrollArea):  # only the part scrolled into view
                port = holder.viewport()
                seen = seen.intersected(QRect(port.mapTo(self._window, QPoint(0, 0)),
                                              port.size()))
            holder = holder.parentWidget()
        self.setGeometry(around.intersected(seen))
        self.raise_()
        self.setVisible(True)
        self.update()

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        painter = QPainter(self)
        pen = QPen(ring_colour(self._window), RING_WIDTH)
        pen.setJoinStyle(Qt.PenJoinStyle.MiterJoin)
        painter.setPen(pen)
        half = RING_WIDTH / 2
        painter.drawRect(self.rect().toRectF().adjusted(half, half, -half, -half))
        painter.end()
