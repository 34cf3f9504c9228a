"""A screen reader hears which pane a control is in: no control a person can Tab to has the same
name in both panes, and every one has a name."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTabBar, QWidget
from pytestqt.qtbot import QtBot

from safedesk.app import SafeDesk
from safedesk.core.models import Pane
from safedesk.gui.main_window import MainWindow
from safedesk.gui.pane_names import heard_name
from tests.conftest import Cast
from tests.gui_support import show, show_approver_in_both_panes


def heard_in(window: MainWindow, pane: Pane) -> dict[str, list[str]]:
    """Each name heard in ``pane``, on every one of its tabs, with what it belongs to."""
    pane_widget = window.panes[pane]
    heard: dict[str, list[str]] = {}
    for index in range(pane_widget.tabs.count()):
        pane_widget.tabs.setCurrentIndex(index)
        for widget in pane_widget.findChildren(QWidget):
            if not widget.isVisibleTo(window) or isinstance(widget, QTabBar) or \
                    isinstance(widget.parentWidget(), QTabBar) or \
                    not widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
                continue
            heard.setdefault(heard_name(widget), []).append(
                f"{type(widget).__name__} on {pane_widget.tabs.tabText(index)}")
    return heard


def test_no_control_sounds_the_same_in_both_panes(qtbot: QtBot, desk: SafeDesk,
                                                 cast: Cast) -> None:
    window = show_approver_in_both_panes(qtbot, desk, cast)
    personal, official = heard_in(window, Pane.PERSONAL), heard_in(window, Pane.OFFICIAL)
    assert "" not in personal and "" not in official, (personal.get(""), official.get(""))
    assert sorted(set(personal) & set(official)) == []
    # What was heard alike before, now says its pane.
    assert "Official images" in official and "Personal images" in personal
    assert "Add image… (official pane)" in official
    assert "Personal content warning" in personal


def test_a_button_that_names_itself_keeps_its_changing_words(qtbot: QtBot, desk: SafeDesk,
                                                            cast: Cast) -> None:
    window = show(qtbot, desk, cast.author)
    send = window.panes[Pane.PERSONAL].compose.send_button
    window.panes[Pane.PERSONAL].compose.set_targets([])
    assert heard_name(send) == "Post (choose an account)"
    window.panes[Pane.PERSONAL].compose.set_targets([cast.jo.id])
    assert heard_name(send) == f"Post as {cast.jo.address}"  # its full words, never a stale name
