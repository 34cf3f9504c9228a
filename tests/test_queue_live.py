"""Second-person approval against the real servers: two people on one machine, one official
Mastodon account (the Mastodon test server) and one official Bluesky account (the reference PDS),
the author submitting in their window and the approver approving in theirs."""

from __future__ import annotations

from collections import Counter

from pytestqt.qtbot import QtBot

from safedesk.app import SafeDesk
from safedesk.core.models import Draft, DraftState, Pane, Role
from safedesk.gui.main_window import MainWindow
from tests.bluesky_support import list_records
from tests.gui_support import show as open_as
from tests.servers.mastodon_server import MastodonTestServer
from tests.servers.pds_harness import PdsAccount, PdsServer
from tests.test_desk_live import add_bluesky, add_mastodon


def submit_to_both(qtbot: QtBot, admin: MainWindow, author: MainWindow,
                   mastodon: MastodonTestServer, pds: PdsServer) -> tuple[Draft, PdsAccount]:
    """The admin adds the official accounts through the dialog, then the author submits one post
    to both."""
    council = add_mastodon(qtbot, admin, Pane.OFFICIAL, mastodon, "council")
    owner = pds.create_account("cqueue")
    council_sky = add_bluesky(qtbot, admin, Pane.OFFICIAL, pds, owner)
    author.session.accounts_changed.emit()  # another window added them
    compose = author.panes[Pane.OFFICIAL].compose
    compose.set_targets([council.id, council_sky.id])
    compose.text.setPlainText("Bin collections run a day late this week https://example.org/bins")
    assert compose.send_button.words() == \
        f"Submit for approval, as {council.address} and {council_sky.address}"
    compose.send()
    assert "Submitted for approval" in compose.notice.text()
    [draft] = author.session.app.drafts.list(Pane.OFFICIAL)
    assert draft.state is DraftState.SUBMITTED
    assert mastodon.statuses_for("council") == []
    assert list_records(pds, owner.did) == []
    return draft, owner


def test_the_approver_approves_in_the_gui_and_both_servers_have_the_post(
        qtbot: QtBot, live_desk: SafeDesk, mastodon: MastodonTestServer, pds: PdsServer) -> None:
    admin = live_desk.people.add("Ada", Role.ADMIN, "ada-passphrase")
    jo = live_desk.people.add("Jo", Role.AUTHOR, "jo-passphrase", added_by=admin)
    sam = live_desk.people.add("Sam", Role.APPROVER, "sam-passphrase", added_by=admin)
    author = open_as(qtbot, live_desk, jo)
    draft, owner = submit_to_both(qtbot, open_as(qtbot, live_desk, admin), author, mastodon, pds)

    approver = open_as(qtbot, live_desk, sam)
    official = approver.panes[Pane.OFFICIAL]
    queue = official.queue
    assert queue is not None
    assert official.tabs.tabText(official.tabs.indexOf(queue)) == "Queue (1)"
    queue.select(draft.id)
    assert queue.shown is not None and queue.shown.draft.id == draft.id
    dialog = queue.approve()
    assert dialog is not None
    dialog.passphrase.setText("sam-passphrase")
    dialog.comment.setPlainText("Checked with the waste team")
    dialog.ok_button.click()
    assert "Approved and published." in queue.outcome.text(), queue.outcome.text()

    statuses = mastodon.statuses_for("council")
    assert [s["text"] for s in statuses] == [
        "Bin collections run a day late this week https://example.org/bins"]
    records = list_records(pds, owner.did)
    assert len(records) == 1
    assert records[0]["value"]["text"].startswith("Bin collections run a day late")
    assert live_desk.drafts.get(draft.id).state is DraftState.PUBLISHED

    # Both windows' official history shows both publications with their links.
    rkey = records[0]["uri"].rsplit("/", 1)[1]
    expected_links = {statuses[0]["url"], f"https://bsky.app/profile/{owner.did}/post/{rkey}"}
    history = official.history.tree
    assert {history.topLevelItem(i).text(5)  # type: ignore[union-attr]
            for i in range(history.topLevelItemCount())} == expected_links
    author.watcher.poll()
    author_history = author.panes[Pane.OFFICIAL].history.tree
    assert author_history.topLevelItemCount() == 2
    submissions = author.panes[Pane.OFFICIAL].submissions
    assert submissions is not None
    assert submissions.rows()[0][0] == "Published"
    assert submissions.rows()[0][3] == "Checked with the waste team"

    # The audit trail records who did what: the author submitted, the approver approved, and
    # one publication per account went out.
    events = list(live_desk.store.audit_events())
    actions = Counter(e.action for e in events)
    assert actions["draft.submit"] == 1
    assert actions["draft.approve"] == 1
    assert actions["publication.published"] == 2
    by_action = {e.action: e.actor for e in events if e.subject == draft.id}
    assert by_action["draft.submit"] == jo.id
    assert by_action["draft.approve"] == sam.id
