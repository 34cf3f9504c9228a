"""The "Share a post" box against the Mastodon test server, as a person uses it: another server's
flood warning, pasted in the personal pane, is read through Jo's own server, boosted once, and
taken back with History's Undo share; the server is read back each time."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from safedesk.app import SafeDesk
from safedesk.core.models import Pane, PublicationState
from safedesk.gui.main_window import MainWindow
from tests.servers.mastodon_server import MastodonTestServer
from tests.test_desk_live import add_mastodon

FIRE_URL = "https://fire.example/@service/113456789012345678"
WARNING = "Flood warning for the river valley tonight. Move valuables upstairs. \U0001f30a"


def test_boost_from_the_personal_pane_and_undo_it_from_history(
        qtbot: QtBot, live_window: MainWindow, live_desk: SafeDesk,
        mastodon: MastodonTestServer) -> None:
    jo = add_mastodon(qtbot, live_window, Pane.PERSONAL, mastodon, "jo")
    status_id = mastodon.add_remote_status(
        FIRE_URL, "service@fire.example", WARNING,
        media=[("https://fire.example/m/map.png", "Map of the valley")])
    box = live_window.panes[Pane.PERSONAL].share_box
    box.toggle.click()
    qtbot.keyClicks(box.link, FIRE_URL)
    qtbot.mouseClick(box.look_up_button, Qt.MouseButton.LeftButton)
    assert box.post is not None, box.message.text()
    shown = box.preview.text()
    assert "@service@fire.example" in shown and WARNING in shown
    assert "Image 1: Map of the valley" in shown
    assert box.share_button.words() == f"Boost as {jo.address}"
    qtbot.mouseClick(box.share_button, Qt.MouseButton.LeftButton)
    assert box.message.text() == "Shared."
    assert len(mastodon.reblogs_of(status_id)) == 1

    history = live_window.panes[Pane.PERSONAL].history
    qtbot.waitUntil(lambda: history.tree.topLevelItemCount() == 1)
    history.tree.setCurrentItem(history.tree.topLevelItem(0))
    qtbot.mouseClick(history.undo_share_button, Qt.MouseButton.LeftButton)
    dialog = history.undo_dialog
    assert dialog is not None
    dialog.undo_button.click()
    assert mastodon.reblogs_of(status_id) == []
    [publication] = live_desk.store.list_publications(pane=Pane.PERSONAL)
    assert publication.state is PublicationState.DELETED
