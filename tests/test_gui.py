"""The first window: two panes, each with its own band, label, icon, colour and empty text."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtGui import QColor
from pytestqt.qtbot import QtBot

from safedesk.app import SafeDesk
from safedesk.core.contrast import contrast_ratio, meets_aa
from safedesk.core.models import Pane, Platform
from safedesk.gui.launch import gui_settings, open_main_window
from safedesk.gui.main_window import MainWindow
from safedesk.gui.theme import OFFICIAL_STYLE, PERSONAL_STYLE


@pytest.fixture
def window(qtbot: QtBot, desk: SafeDesk) -> MainWindow:
    win = open_main_window(desk)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


def band_pixel(window: MainWindow, pane: Pane) -> QColor:
    band = window.panes[pane].band
    image = band.grab().toImage()
    # Sample near the right edge, clear of the icon and the words.
    return image.pixelColor(QPoint(image.width() - 4, image.height() // 2))


def test_both_panes_side_by_side_with_labels_and_empty_text(window: MainWindow) -> None:
    personal, official = window.panes[Pane.PERSONAL], window.panes[Pane.OFFICIAL]
    assert personal.band.title_label.text() == "Personal"
    assert official.band.title_label.text() == "Official"
    assert personal.isVisible() and official.isVisible()
    assert personal.mapTo(window, QPoint(0, 0)).x() < official.mapTo(window, QPoint(0, 0)).x()
    assert personal.empty_label.text() == "No personal accounts yet"
    assert official.empty_label.text() == (
        "No official accounts yet — official posts need a second person to approve them")
    assert personal.body.currentWidget() is personal.empty_label
    assert official.accessibleName() == "Official pane"


def test_each_band_is_painted_in_its_own_colour(window: MainWindow) -> None:
    personal = band_pixel(window, Pane.PERSONAL)
    assert personal.name() == PERSONAL_STYLE.band_colour
    official = band_pixel(window, Pane.OFFICIAL)
    # The official band is striped: its pixels are the band colour or its darker stripe.
    stripe = QColor(OFFICIAL_STYLE.band_colour).darker(135).name()
    assert official.name() in {OFFICIAL_STYLE.band_colour, stripe}
    assert personal.name() != official.name()


def test_colour_is_not_the_only_cue() -> None:
    assert PERSONAL_STYLE.title != OFFICIAL_STYLE.title
    assert PERSONAL_STYLE.icon != OFFICIAL_STYLE.icon
    assert OFFICIAL_STYLE.border_width > PERSONAL_STYLE.border_width
    assert OFFICIAL_STYLE.striped and not PERSONAL_STYLE.striped


@pytest.mark.parametrize("style", [PERSONAL_STYLE, OFFICIAL_STYLE])
def test_band_text_meets_wcag_aa(style: object) -> None:
    from safedesk.gui.theme import PaneStyle

    assert isinstance(style, PaneStyle)
    assert meets_aa(style.band_text_colour, style.band_colour)
    assert style.problems() == []


def test_a_low_contrast_style_is_reported() -> None:
    import dataclasses

    pale = dataclasses.replace(PERSONAL_STYLE, band_colour="#7fa7e0")
    assert contrast_ratio("#ffffff", "#7fa7e0") < 4.5
    assert "needs at least 4.5:1" in pale.problems()[0]


def test_accounts_appear_in_their_own_pane_only(qtbot: QtBot, desk: SafeDesk) -> None:
    desk.accounts.register(Pane.OFFICIAL, Platform.MASTODON, "https://social.example", "council")
    desk.accounts.register(Pane.PERSONAL, Platform.BLUESKY, "https://bsky.social", "jo.bsky.social")
    win = open_main_window(desk)
    qtbot.addWidget(win)
    official = win.panes[Pane.OFFICIAL].account_list
    personal = win.panes[Pane.PERSONAL].account_list
    assert [official.item(i).text() for i in range(official.count())] == [
        "@council@social.example  ·  Mastodon  ·  Official"]
    assert [personal.item(i).text() for i in range(personal.count())] == [
        "@jo.bsky.social  ·  Bluesky  ·  Personal"]


def test_window_geometry_is_kept_between_runs(qtbot: QtBot, desk: SafeDesk) -> None:
    first = open_main_window(desk)
    qtbot.addWidget(first)
    first.show()
    qtbot.waitExposed(first)
    first.resize(720, 530)
    qtbot.waitUntil(lambda: first.size().width() == 720)
    first.close()
    assert Path(desk.settings.gui_settings_path).exists()
    assert gui_settings(desk.settings).value("window/geometry") is not None

    second = open_main_window(desk)
    qtbot.addWidget(second)
    assert (second.size().width(), second.size().height()) == (720, 530)
