"""Sharing someone else's post from a pane's "Share a post" box, as a person does it: the
personal pane offers only the person's personal accounts, the official pane's share goes to the
queue, and the approver sees the post shared in full."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from safedesk.app import SafeDesk
from safedesk.core.models import Pane
from safedesk.gui.main_window import MainWindow
from safedesk.gui.share_box import ShareBox
from tests.conftest import Cast
from tests.gui_support import show


def share_box(window: MainWindow, pane: Pane) -> ShareBox:
    box = window.panes[pane].share_box
    box.toggle.click()  # opened as a person opens it
    assert box.panel.isVisible()
    return box


def offered(box: ShareBox) -> tuple[list[str], list[str]]:
    """The accounts the box offers: to read the post with, and to share as."""
    readers = [str(box.reader.itemData(i)) for i in range(box.reader.count())]
    targets = [str(box.targets.item(i).data(Qt.ItemDataRole.UserRole))
               for i in range(box.targets.count())]
    return readers, targets


def test_each_pane_offers_only_its_own_accounts(qtbot: QtBot, desk: SafeDesk,
                                                cast: Cast) -> None:
    window = show(qtbot, desk, cast.author)
    personal = share_box(window, Pane.PERSONAL)
    assert offered(personal) == ([cast.jo.id], [cast.jo.id])
    official = share_box(window, Pane.OFFICIAL)
    both = [cast.council.id, cast.council_sky.id]
    assert sorted(offered(official)[0]) == sorted(both)
    assert sorted(offered(official)[1]) == sorted(both)
