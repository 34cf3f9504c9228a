"""A share that came back to its author, taken forward in the window, on the Mastodon test
server: an official boost approved, the shared post edited there, publishing sends it back; Jo
opens it from My submissions (in the share box, never the compose box), looks it up again and
resubmits it; Sam approves it in the queue and it goes out once, a boost all along."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from safedesk.app import SafeDesk
from safedesk.core.digest import content_digest
from safedesk.core.errors import NotAllowedError
from safedesk.core.models import (
    Content,
    Draft,
    DraftState,
    Pane,
    Person,
    Role,
    Share,
    ShareKind,
)
from safedesk.gui.decide_dialog import DecideDialog
from safedesk.gui.main_window import MainWindow
from safedesk.gui.share_box import ShareBox
from safedesk.gui.submissions import SubmissionsPanel
from tests.gui_support import show as open_as
from tests.servers.mastodon_server import MastodonTestServer
from tests.test_desk_live import add_mastodon
from tests.test_share_gui_live import FIRE_URL, WARNING

EDITED = "Flood warning: the valley road is closed tonight."


def submitted_boost(qtbot: QtBot, live_desk: SafeDesk, mastodon: MastodonTestServer,
                    ) -> tuple[MainWindow, Person, str, str]:
    """Ada adds the council's account; Jo boosts the fire service's post from the official
    pane's share box: (Jo's window, Sam, the share's draft id, the post's id on the server)."""
    admin = live_desk.people.add("Ada", Role.ADMIN, "ada-passphrase")
    jo = live_desk.people.add("Jo", Role.AUTHOR, "jo-passphrase", added_by=admin)
    sam = live_desk.people.add("Sam", Role.APPROVER, "sam-passphrase", added_by=admin)
    council = add_mastodon(qtbot, open_as(qtbot, live_desk, admin), Pane.OFFICIAL, mastodon,
                           "council")
    status_id = mastodon.add_remote_status(FIRE_URL, "service@fire.example", WARNING)
    author = open_as(qtbot, live_desk, jo)
    box = author.panes[Pane.OFFICIAL].share_box
    box.toggle.click()
    qtbot.keyClicks(box.link, FIRE_URL)
    qtbot.mouseClick(box.look_up_button, Qt.MouseButton.LeftButton)
    box.targets.set_chosen([council.id])
    qtbot.mouseClick(box.share_button, Qt.MouseButton.LeftButton)
    [draft] = live_desk.drafts.list(Pane.OFFICIAL)
    assert draft.state is DraftState.SUBMITTED, box.message.text()
    return author, sam, draft.id, status_id


def voided(live_desk: SafeDesk, sam: Person, draft_id: str, mastodon: MastodonTestServer,
           status_id: str) -> None:
    """Sam's approval, then the post edited on the server before it went out: publishing
    (as the queue or the publisher does) sends the share back to Jo."""
    live_desk.drafts.approve(draft_id, sam, content_digest(live_desk.drafts.get(draft_id).content))
    mastodon.edit_remote_status(status_id, EDITED)
    with pytest.raises(NotAllowedError, match="edited after approval"):
        live_desk.publisher.publish(draft_id, sam)


def edit_from_my_submissions(author: MainWindow, draft_id: str) -> SubmissionsPanel:
    submissions = author.panes[Pane.OFFICIAL].submissions
    assert submissions is not None
    submissions.refresh()
    submissions.select(draft_id)
    assert submissions.edit_button.isEnabled()
    submissions.edit_button.click()
    return submissions


def assert_still_a_boost(draft: Draft) -> None:
    share = draft.content.share
    assert share is not None and share.kind is ShareKind.BOOST and draft.content.text == ""


def test_a_voided_boost_is_looked_up_again_resubmitted_and_goes_out_once(
        qtbot: QtBot, live_desk: SafeDesk, mastodon: MastodonTestServer) -> None:
    author, sam, draft_id, status_id = submitted_boost(qtbot, live_desk, mastodon)
    voided(live_desk, sam, draft_id, mastodon, status_id)
    assert_still_a_boost(live_desk.drafts.get(draft_id))

    edit_from_my_submissions(author, draft_id)
    pane = author.panes[Pane.OFFICIAL]
    box: ShareBox = pane.share_box
    assert box.revising is not None and box.revising.id == draft_id
    assert pane.compose.draft is None or pane.compose.draft.id != draft_id
    assert box.link.text() == FIRE_URL and box.boost.isChecked()
    assert "came back to you: The shared post was edited after approval" in box.came_back.text()
    assert WARNING in box.preview.text()  # the post as it was read, until it is read again
    assert not box.share_button.isEnabled()  # not sent on unseen
    qtbot.mouseClick(box.look_up_button, Qt.MouseButton.LeftButton)
    assert EDITED in box.preview.text(), box.message.text()
    council = live_desk.accounts.list()[0]
    assert box.share_button.words() == f"Resubmit share for approval, as {council.address}"
    qtbot.mouseClick(box.share_button, Qt.MouseButton.LeftButton)
    assert "Submitted for approval" in box.message.text()
    resubmitted = live_desk.drafts.get(draft_id)
    assert resubmitted.state is DraftState.SUBMITTED and len(live_desk.drafts.list()) == 1
    assert_still_a_boost(resubmitted)
    assert mastodon.reblogs_of(status_id) == []

    approver = open_as(qtbot, live_desk, sam)
    queue = approver.panes[Pane.OFFICIAL].queue
    assert queue is not None
    queue.refresh()
    queue.select(draft_id)
    assert EDITED in queue.detail.toPlainText()
    dialog = queue.approve()
    assert isinstance(dialog, DecideDialog)
    dialog.passphrase.setText("sam-passphrase")
    dialog.ok_button.click()
    assert live_desk.drafts.get(draft_id).state is DraftState.PUBLISHED, queue.outcome.text()
    assert len(mastodon.reblogs_of(status_id)) == 1
    [boost] = mastodon.statuses_for("council")
    assert boost["reblog"], boost
    assert_still_a_boost(live_desk.drafts.get(draft_id))


def test_edit_on_a_share_never_opens_it_in_the_compose_box(
        qtbot: QtBot, live_desk: SafeDesk, mastodon: MastodonTestServer) -> None:
    """Withdraw and edit a waiting share: it opens in the share box; the compose box keeps what
    was typed there, and choosing the share in the unsent list opens the share box too."""
    author, _sam, draft_id, _status_id = submitted_boost(qtbot, live_desk, mastodon)
    pane = author.panes[Pane.OFFICIAL]
    pane.compose.text.setPlainText("Bins on Tuesday.")
    edit_from_my_submissions(author, draft_id)
    assert pane.share_box.revising is not None and pane.share_box.revising.id == draft_id
    assert pane.compose.text.toPlainText() == "Bins on Tuesday."
    assert pane.compose.draft is None or pane.compose.draft.id != draft_id
    withdrawn = live_desk.drafts.get(draft_id)
    assert withdrawn.state is DraftState.DRAFT
    assert_still_a_boost(withdrawn)

    pane.share_box.clear_post()
    index = pane.drafts.findData(draft_id)
    assert index >= 0 and "share of @service@fire.example's post" in pane.drafts.itemText(index)
    pane.drafts.setCurrentIndex(index)
    pane.drafts.activated.emit(index)  # as a person's choice from the list says it
    assert pane.share_box.revising is not None and pane.share_box.revising.id == draft_id
    assert pane.compose.draft is None or pane.compose.draft.id != draft_id
    assert_still_a_boost(live_desk.drafts.get(draft_id))


def test_a_refused_personal_boost_is_looked_up_again_from_the_unsent_list_and_boosted_once(
        qtbot: QtBot, live_window: MainWindow, live_desk: SafeDesk,
        mastodon: MastodonTestServer) -> None:
    jo = add_mastodon(qtbot, live_window, Pane.PERSONAL, mastodon, "jo")
    status_id = mastodon.add_remote_status(FIRE_URL, "service@fire.example", WARNING)
    person = live_window.session.person
    post = live_desk.sharing.read(FIRE_URL, jo.id, person)
    draft = live_desk.drafts.create(person, Pane.PERSONAL, Content(
        text="", targets=(jo.id,), share=Share(ShareKind.BOOST, post)))
    mastodon.edit_remote_status(status_id, EDITED)
    with pytest.raises(NotAllowedError, match="edited since you read it"):
        live_desk.publisher.publish(draft.id, person)
    assert mastodon.reblogs_of(status_id) == []

    pane = live_window.panes[Pane.PERSONAL]
    pane.restore_unsent()
    assert pane.compose.draft is None  # a share is never opened in the compose box
    index = pane.drafts.findData(draft.id)
    assert index >= 0
    pane.drafts.setCurrentIndex(index)
    pane.drafts.activated.emit(index)
    box = pane.share_box
    assert box.revising is not None and box.revising.id == draft.id
    qtbot.mouseClick(box.look_up_button, Qt.MouseButton.LeftButton)
    assert EDITED in box.preview.text(), box.message.text()
    assert box.share_button.words() == f"Boost as {jo.address}"
    qtbot.mouseClick(box.share_button, Qt.MouseButton.LeftButton)
    assert box.message.text() == "Shared."
    assert len(mastodon.reblogs_of(status_id)) == 1
    done = live_desk.drafts.get(draft.id)
    assert done.state is DraftState.PUBLISHED and len(live_desk.drafts.list()) == 1
    assert_still_a_boost(done)
