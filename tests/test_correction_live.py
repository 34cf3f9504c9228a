"""The correction dialog against the real servers: a personal cross-post to the Mastodon test
server and the reference PDS from the compose box, then Apologise from its History row. Each
server is read back: the apology is a reply under each original, with the right references."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from safedesk.app import SafeDesk
from safedesk.core.models import Pane, Publication, PublicationState
from safedesk.gui.correction_dialog import CorrectionDialog
from safedesk.gui.main_window import MainWindow
from tests.bluesky_support import list_records
from tests.servers.mastodon_server import MastodonTestServer
from tests.servers.pds_harness import PdsServer
from tests.test_desk_live import add_bluesky, add_mastodon


def test_apologise_from_history_replies_under_each_original_on_both_servers(
        qtbot: QtBot, live_window: MainWindow, live_desk: SafeDesk, mastodon: MastodonTestServer,
        pds: PdsServer) -> None:
    jo_masto = add_mastodon(qtbot, live_window, Pane.PERSONAL, mastodon, "jo")
    owner = pds.create_account("joapologise")
    jo_sky = add_bluesky(qtbot, live_window, Pane.PERSONAL, pds, owner)
    pane = live_window.panes[Pane.PERSONAL]
    pane.compose.set_targets([jo_masto.id, jo_sky.id])
    pane.compose.text.setPlainText("The library is shut on Saturday")
    pane.compose.send()
    assert "Published everywhere." in pane.progress.title.text()
    originals: dict[str, Publication] = {
        p.account_id: p for p in live_desk.store.list_publications(pane=Pane.PERSONAL)}

    history = pane.history
    history.reload()
    first = history.tree.topLevelItem(0)
    assert first is not None
    history.tree.setCurrentItem(first)
    history.apologise_button.click()
    dialog = history.correction_dialog
    assert isinstance(dialog, CorrectionDialog) and dialog.plan is not None
    assert dialog.targets.text().count("a reply threaded under") == 2  # both still there
    assert dialog.publish_button.text() == \
        f"Publish apology as {jo_masto.address} and {jo_sky.address}"
    dialog.publish_button.click()

    assert dialog.report is not None and dialog.report.complete, dialog.results.text()
    assert "✔ " + jo_masto.address + ": reply published" in dialog.results.text()
    apology = dialog.plan.text
    assert apology.startswith("I am sorry. My post of")  # a person's own voice, not the council's
    # Mastodon: the reply's in_reply_to_id is the original's status id.
    statuses = {s["id"]: s for s in mastodon.statuses_for("jo")}
    [reply] = [s for s in statuses.values() if s["in_reply_to_id"]]
    assert reply["in_reply_to_id"] == originals[jo_masto.id].remote_id
    assert reply["text"] == apology
    assert originals[jo_masto.id].remote_id in statuses  # the apology keeps the original
    # Bluesky: root and parent are the original's strong reference (uri + cid).
    records = list_records(pds, owner.did)
    [sky_reply] = [r for r in records if "reply" in r["value"]]
    original_ref = {"uri": originals[jo_sky.id].remote_uri, "cid": originals[jo_sky.id].remote_cid}
    assert sky_reply["value"]["reply"] == {"root": original_ref, "parent": original_ref}
    assert sky_reply["value"]["text"] == apology
    assert len(records) == 2
    # History shows both originals corrected.
    history_states = {p.account_id: p.state for p in
                      live_desk.store.list_publications(pane=Pane.PERSONAL)
                      if p.id in {o.id for o in originals.values()}}
    assert history_states == {jo_masto.id: PublicationState.CORRECTED,
                              jo_sky.id: PublicationState.CORRECTED}
    shown = {history.tree.topLevelItem(i).text(3)  # type: ignore[union-attr]
             for i in range(history.tree.topLevelItemCount())}
    assert shown == {"corrected", "published"}
