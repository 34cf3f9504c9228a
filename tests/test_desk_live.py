"""The desk window against the real servers: accounts added through the dialog, a personal
cross-post checked on the Mastodon test server and the reference PDS, a failure on one platform
retried without duplicates, and a signed-out account shown as such."""

from __future__ import annotations

from pathlib import Path

from PIL import Image
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from safedesk.app import SafeDesk
from safedesk.core.models import Account, Pane
from safedesk.gui.add_account import BLUESKY_APP_PASSWORDS_URL, AddAccountDialog
from safedesk.gui.main_window import MainWindow
from tests.bluesky_support import list_records
from tests.servers.mastodon_server import MastodonTestServer, browser_visit
from tests.servers.pds_harness import PdsAccount, PdsServer


def play_browser(url: str) -> bool:
    """Allow SafeDesk on the authorize page, then follow the redirect back to it."""
    visit = browser_visit(url)
    assert visit.location is not None
    return browser_visit(visit.location).status == 200


def add_mastodon(qtbot: QtBot, live_window: MainWindow, pane: Pane,
                 server: MastodonTestServer, user: str) -> Account:
    server.create_user(user)
    server.set_authorizing_user(user)
    dialog = AddAccountDialog(live_window.session, pane, live_window, open_browser=play_browser)
    qtbot.addWidget(dialog)
    dialog.mastodon.setChecked(True)
    dialog.pane_buttons[pane].setChecked(True)
    dialog.server.setText(server.url)
    dialog.browser_button.click()
    assert dialog.account is not None, dialog.status.text()
    return dialog.account


def add_bluesky(qtbot: QtBot, live_window: MainWindow, pane: Pane, pds: PdsServer,
                owner: PdsAccount) -> Account:
    dialog = AddAccountDialog(live_window.session, pane, live_window)
    qtbot.addWidget(dialog)
    dialog.bluesky.setChecked(True)
    dialog.pane_buttons[pane].setChecked(True)
    dialog.bsky_server.setText(pds.url)
    dialog.handle.setText(owner.handle)
    dialog.app_password.setText(owner.app_password)
    dialog.bsky_button.click()
    assert dialog.account is not None, dialog.status.text()
    return dialog.account


def test_accounts_added_into_each_pane_stay_there(
        qtbot: QtBot, live_window: MainWindow, mastodon: MastodonTestServer, pds: PdsServer) -> None:
    council = add_mastodon(qtbot, live_window, Pane.OFFICIAL, mastodon, "council")
    jo_sky = add_bluesky(qtbot, live_window, Pane.PERSONAL, pds, pds.create_account("jopersonal"))
    assert (council.pane, jo_sky.pane) == (Pane.OFFICIAL, Pane.PERSONAL)
    personal, official = live_window.panes[Pane.PERSONAL], live_window.panes[Pane.OFFICIAL]
    assert official.body.currentWidget() is official.tabs
    assert [official.compose.targets.item(i).text()
            for i in range(official.compose.targets.count())] == [
        f"{council.address} (Mastodon)"]
    assert [personal.compose.targets.item(i).text()
            for i in range(personal.compose.targets.count())] == [f"{jo_sky.address} (Bluesky)"]

    # Adding the same Mastodon account to the other pane is refused, with the reason.
    dialog = AddAccountDialog(live_window.session, Pane.PERSONAL, live_window, open_browser=play_browser)
    qtbot.addWidget(dialog)
    dialog.server.setText(mastodon.url)
    dialog.browser_button.click()
    assert dialog.account is None
    assert "already in SafeDesk, in the official pane" in dialog.status.text()


def bluesky_dialog(qtbot: QtBot, live_window: MainWindow, pds: PdsServer, handle: str,
                   password: str) -> AddAccountDialog:
    dialog = AddAccountDialog(live_window.session, Pane.PERSONAL, live_window)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.bluesky.setChecked(True)
    dialog.bsky_server.setText(pds.url)
    dialog.handle.setText(handle)
    dialog.app_password.setText(password)
    return dialog


def test_enter_in_the_password_field_signs_in(qtbot: QtBot, live_window: MainWindow,
                                              pds: PdsServer) -> None:
    owner = pds.create_account("enterkey")
    assert owner.app_password is not None
    dialog = bluesky_dialog(qtbot, live_window, pds, owner.handle, owner.app_password)
    qtbot.keyClick(dialog.app_password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.account is not None)
    assert dialog.result() == QDialog.DialogCode.Accepted


def test_signing_in_with_the_main_password_says_so_in_the_dialog(
        qtbot: QtBot, live_window: MainWindow, pds: PdsServer) -> None:
    owner = pds.create_account("mainpw2", app_password=False)
    dialog = bluesky_dialog(qtbot, live_window, pds, owner.handle, owner.password)
    dialog.bsky_button.click()
    assert dialog.account is not None  # signed in: the person is told, not refused
    assert dialog.isVisible()  # and the dialog stays open until they have read it
    assert "main password rather than an app password" in dialog.status.text()
    assert BLUESKY_APP_PASSWORDS_URL in dialog.status.text()
    assert dialog.cancel_button.text() == "Close"
    dialog.cancel_button.click()
    assert dialog.result() == QDialog.DialogCode.Accepted


def test_personal_cross_post_reaches_both_servers_once(
        qtbot: QtBot, live_window: MainWindow, mastodon: MastodonTestServer, pds: PdsServer,
        tmp_path: Path) -> None:
    jo_masto = add_mastodon(qtbot, live_window, Pane.PERSONAL, mastodon, "jo")
    owner = pds.create_account("jocross")
    jo_sky = add_bluesky(qtbot, live_window, Pane.PERSONAL, pds, owner)
    pane = live_window.panes[Pane.PERSONAL]
    picture = tmp_path / "library.png"
    Image.new("RGB", (64, 48), (200, 120, 40)).save(picture)
    pane.compose.set_targets([jo_masto.id, jo_sky.id])
    pane.compose.text.setPlainText("Library open late tonight \U0001f4da https://example.org/library")
    pane.compose.attach_image(picture, "The library's front door at dusk")
    assert pane.compose.send_button.words() == f"Post as {jo_masto.address} and {jo_sky.address}"
    pane.compose.send()

    assert "Published everywhere." in pane.progress.title.text()
    statuses = mastodon.statuses_for("jo")
    assert [s["text"] for s in statuses] == [
        "Library open late tonight \U0001f4da https://example.org/library"]
    assert statuses[0]["media_attachments"][0]["description"] == \
        "The library's front door at dusk"
    records = list_records(pds, owner.did)
    assert len(records) == 1
    record = records[0]["value"]
    assert record["text"].startswith("Library open late tonight")
    assert record["embed"]["images"][0]["alt"] == "The library's front door at dusk"
    assert [f["features"][0]["$type"] for f in record["facets"]] == ["app.bsky.richtext.facet#link"]
    pane.history.reload()
    links = {pane.history.tree.topLevelItem(i).text(5)
             for i in range(pane.history.tree.topLevelItemCount())}
    rkey = records[0]["uri"].rsplit("/", 1)[1]
    assert links == {statuses[0]["url"], f"https://bsky.app/profile/{owner.did}/post/{rkey}"}


def test_a_platform_failure_is_retried_without_duplicates(
        qtbot: QtBot, live_window: MainWindow, mastodon: MastodonTestServer, pds: PdsServer) -> None:
    jo_masto = add_mastodon(qtbot, live_window, Pane.PERSONAL, mastodon, "jo")
    owner = pds.create_account("joretry")
    jo_sky = add_bluesky(qtbot, live_window, Pane.PERSONAL, pds, owner)
    pane = live_window.panes[Pane.PERSONAL]
    pane.compose.set_targets([jo_masto.id, jo_sky.id])
    pane.compose.text.setPlainText("Bin day moved to Thursday")
    mastodon.fail_next("POST", "/api/v1/statuses", 503)
    pane.compose.send()

    rows = " ".join(pane.progress.rows.itemAt(i).widget().text()  # type: ignore[union-attr]
                    for i in range(pane.progress.rows.count()))
    assert f"{jo_masto.address}: not published" in rows
    assert f"{jo_sky.address}: published" in rows
    assert mastodon.statuses_for("jo") == []
    assert len(list_records(pds, owner.did)) == 1

    pane.progress.retry()
    assert "Published everywhere." in pane.progress.title.text()
    assert [s["text"] for s in mastodon.statuses_for("jo")] == ["Bin day moved to Thursday"]
    assert len(list_records(pds, owner.did)) == 1


def test_a_revoked_token_says_sign_in_again(
        qtbot: QtBot, live_window: MainWindow, mastodon: MastodonTestServer,
        live_desk: SafeDesk) -> None:
    account = add_mastodon(qtbot, live_window, Pane.PERSONAL, mastodon, "jo")
    token = live_desk.credentials.get(account.id, "access_token")
    assert token is not None
    mastodon.revoke(token)
    pane = live_window.panes[Pane.PERSONAL]
    pane.compose.set_targets([account.id])
    pane.compose.text.setPlainText("Hello")
    pane.compose.send()
    rows = pane.progress.rows.itemAt(0).widget().text()  # type: ignore[union-attr]
    assert "Sign in again" in rows

    # Sign in again from the accounts tab: the same account, a new token, then retry works.
    dialog = live_window.sign_in_again(account)
    qtbot.addWidget(dialog)
    dialog.open_browser = play_browser
    dialog.browser_button.click()
    assert dialog.account is not None and dialog.account.id == account.id
    pane.progress.retry()
    assert "Published everywhere." in pane.progress.title.text()
    assert len(mastodon.statuses_for("jo")) == 1
