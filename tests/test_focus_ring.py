"""Keyboard focus is seen: a 2-pixel ring around the focused control, the preview included, in
a colour that stands out from the window by 3:1 in light and dark palettes."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from safedesk.app import SafeDesk
from safedesk.core.contrast import contrast_ratio
from safedesk.core.models import Pane
from safedesk.gui.focus_ring import FOCUS_CONTRAST, RING_WIDTH, ring_colour
from safedesk.gui.main_window import MainWindow
from tests.conftest import Cast
from tests.gui_support import show


def focus(qtbot: QtBot, widget: QWidget) -> None:
    widget.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is widget)


def ring_around(window: MainWindow, widget: QWidget) -> bool:
    """The ring is around ``widget``: no wider than it and its 2 pixels, and over its middle
    (a page scrolled part of it out of sight takes that part of the ring too)."""
    ring = window.focus_ring
    where = QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())
    around = where.adjusted(-RING_WIDTH, -RING_WIDTH, RING_WIDTH, RING_WIDTH)
    return ring.isVisible() and around.contains(ring.geometry()) and \
        ring.geometry().contains(where.center())


def test_the_ring_follows_focus_to_every_kind_of_control(qtbot: QtBot, desk: SafeDesk,
                                                        cast: Cast) -> None:
    window = show(qtbot, desk, cast.author)
    compose = window.panes[Pane.OFFICIAL].compose
    for widget in (compose.text, compose.content_warning, compose.add_image,
                   window.panes[Pane.PERSONAL].compose.targets):
        focus(qtbot, widget)
        qtbot.waitUntil(lambda w=widget: ring_around(window, w))
    # The preview shows no focus of its own; the ring is drawn around what of it is in sight.
    focus(qtbot, compose.preview)
    qtbot.waitUntil(lambda: window.focus_ring.target is compose.preview)
    assert window.focus_ring.isVisible() and window.focus_ring.height() > RING_WIDTH * 2
    # It follows a control whose page scrolls under it (the control itself does not move).
    window.resize(window.width(), 560)
    focus(qtbot, compose.text)
    scroller = window.panes[Pane.OFFICIAL].compose_scroll.verticalScrollBar()
    qtbot.waitUntil(lambda: scroller.maximum() > 0)
    scroller.setValue(min(40, scroller.maximum()))
    qtbot.waitUntil(lambda: ring_around(window, compose.text))
    # Drawn: the ring's own pixels are its colour, 2 pixels deep, and the inside is left alone.
    image = window.focus_ring.grab().toImage()
    colour = ring_colour(window).name()
    assert image.pixelColor(QPoint(image.width() // 2, 0)).name() == colour
    assert image.pixelColor(QPoint(image.width() // 2, RING_WIDTH - 1)).name() == colour
    window.focus_ring.target = None
    window.focus_ring.follow()
    assert not window.focus_ring.isVisible()


@pytest.mark.parametrize(("window_colour", "highlight"), [
    ("#efefef", "#308cc6"),  # light, with Fusion's highlight
    ("#2d2d2d", "#2a82da"),  # dark
    ("#efefef", "#e0e0e0"),  # a highlight too faint to see: black instead
    ("#1e1e1e", "#262626"),  # the same on dark: white instead
])
def test_the_ring_stands_out_in_light_and_dark(qtbot: QtBot, window_colour: str,
                                               highlight: str) -> None:
    widget = QWidget()
    qtbot.addWidget(widget)
    palette = widget.palette()
    palette.setColor(QPalette.ColorRole.Window, QColor(window_colour))
    palette.setColor(QPalette.ColorRole.Highlight, QColor(highlight))
    widget.setPalette(palette)
    assert contrast_ratio(ring_colour(widget).name(), window_colour) >= FOCUS_CONTRAST
