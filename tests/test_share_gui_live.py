"""The "Share a post" box against the real servers, as a person uses it, from the personal pane:
on the Mastodon test server another server's flood warning is read through Jo's own server,
boosted once and unreblogged with History's Undo share; on the reference PDS the fire service's
post is reposted once and the repost record deleted by Undo share. Each server is read back."""

from __future__ import annotations

import io
from pathlib import Path

from PIL import Image
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from safedesk.app import SafeDesk
from safedesk.core.models import Pane, PublicationState
from safedesk.core.platform import ImageUpload, PostRequest, make_tid
from safedesk.gui.main_window import MainWindow
from tests.bluesky_support import list_records, open_desk
from tests.servers.fake_credentials import credential_store
from tests.servers.mastodon_server import MastodonTestServer
from tests.servers.pds_harness import PdsServer
from tests.test_desk_live import add_bluesky, add_mastodon

FIRE_URL = "https://fire.example/@service/113456789012345678"
WARNING = "Flood warning for the river valley tonight. Move valuables upstairs. \U0001f30a"


def test_boost_from_the_personal_pane_and_undo_it_from_history(
        qtbot: QtBot, live_window: MainWindow, live_desk: SafeDesk,
        mastodon: MastodonTestServer) -> None:
    jo = add_mastodon(qtbot, live_window, Pane.PERSONAL, mastodon, "jo")
    status_id = mastodon.add_remote_status(
        FIRE_URL, "service@fire.example", WARNING,
        media=[("https://fire.example/m/map.png", "Map of the valley")])
    map_png = io.BytesIO()
    Image.new("RGB", (900, 600), (40, 90, 160)).save(map_png, format="PNG")
    mastodon.set_remote_media_bytes("https://fire.example/m/map.png", map_png.getvalue())
    box = live_window.panes[Pane.PERSONAL].share_box
    box.toggle.click()
    qtbot.keyClicks(box.link, FIRE_URL)
    qtbot.mouseClick(box.look_up_button, Qt.MouseButton.LeftButton)
    assert box.post is not None, box.message.text()
    shown = box.preview.text()
    assert "@service@fire.example" in shown and WARNING in shown
    assert "Image 1: Map of the valley" in shown
    # The picture itself, small, as Jo's server's media proxy serves it.
    [picture] = box.pictures.labels
    assert picture.pixmap().width() == 240 and picture.pixmap().height() == 160
    assert picture.accessibleName() == "Image 1: Map of the valley"
    assert box.share_button.words() == f"Boost as {jo.address}"
    qtbot.mouseClick(box.share_button, Qt.MouseButton.LeftButton)
    assert box.message.text() == "Shared."
    assert len(mastodon.reblogs_of(status_id)) == 1

    undo_from_history(qtbot, live_window)
    assert mastodon.reblogs_of(status_id) == []
    [publication] = live_desk.store.list_publications(pane=Pane.PERSONAL)
    assert publication.state is PublicationState.DELETED


def undo_from_history(qtbot: QtBot, live_window: MainWindow) -> None:
    """Undo share on the newest History row, confirmed with no words."""
    history = live_window.panes[Pane.PERSONAL].history
    history.reload()
    qtbot.waitUntil(lambda: history.tree.topLevelItemCount() >= 1)
    history.tree.setCurrentItem(history.tree.topLevelItem(0))
    qtbot.mouseClick(history.undo_share_button, Qt.MouseButton.LeftButton)
    dialog = history.undo_dialog
    assert dialog is not None
    dialog.undo_button.click()
    assert dialog.result() == dialog.DialogCode.Accepted, dialog.message.text()


def test_repost_from_the_personal_pane_on_the_pds_and_undo_it(
        qtbot: QtBot, live_window: MainWindow, live_desk: SafeDesk, pds: PdsServer,
        tmp_path: Path) -> None:
    owner = pds.create_account("joshares")
    jo = add_bluesky(qtbot, live_window, Pane.PERSONAL, pds, owner)
    fire = open_desk(pds, "fireservice", credential_store())
    river = tmp_path / "river.png"
    Image.new("RGB", (300, 600), (20, 60, 120)).save(river, format="PNG")
    made = fire.client.publish(PostRequest(text=WARNING, idempotency_key=make_tid(),
                                           images=(ImageUpload(river, "The river at dusk"),)))
    link = f"https://bsky.app/profile/{fire.account.handle}/post/{made.ref.uri.rsplit('/', 1)[1]}"
    box = live_window.panes[Pane.PERSONAL].share_box
    box.toggle.click()
    qtbot.keyClicks(box.link, link)
    qtbot.mouseClick(box.look_up_button, Qt.MouseButton.LeftButton)
    assert box.post is not None, box.message.text()
    assert WARNING in box.preview.text() and fire.account.handle in box.preview.text()
    # The picture, read from the PDS as its blob (no AppView here), shown small.
    [picture] = box.pictures.labels
    assert (picture.pixmap().width(), picture.pixmap().height()) == (120, 240)
    assert picture.accessibleName() == "Image 1: The river at dusk"
    assert box.share_button.words() == f"Repost as {jo.address}"
    qtbot.mouseClick(box.share_button, Qt.MouseButton.LeftButton)
    assert box.message.text() == "Shared."
    [repost] = list_records(pds, owner.did, "app.bsky.feed.repost")
    assert repost["value"]["subject"] == {"uri": made.ref.uri, "cid": made.ref.cid}

    undo_from_history(qtbot, live_window)
    assert list_records(pds, owner.did, "app.bsky.feed.repost") == []
