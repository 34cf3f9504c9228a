"""In the window: an official draft naming a watched term in an election period goes to an
approver, whose dialog asks for a written reason before Approve counts; the override publishes
the post and shows in the audit trail and in history. A block no one may lift (hidden text)
offers no reason field and no Approve. (A draft blocked outright cannot be submitted at all:
tests/test_policy_gui.py.)"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from safedesk.app import SafeDesk
from safedesk.core import rules
from safedesk.core.digest import content_digest
from safedesk.core.models import Content, DraftState, Pane
from safedesk.core.policy import PolicyBlockedError, PolicyContext, check_content
from safedesk.core.policy.settings import election_period, settings_of
from safedesk.gui.decide_dialog import DecideDialog
from safedesk.gui.findings import BlockReason
from safedesk.gui.main_window import MainWindow
from safedesk.gui.queue_panel import QueuePanel
from tests.conftest import Cast, FakeClock
from tests.fake_platform import FakePlatform
from tests.gui_support import show as open_as
from tests.override_support import REASON, watch_terms
from tests.test_queue_gui import submit

TEXT = "Polling stations open 7am to 10pm. Vote for Labour or anyone: just vote."


@pytest.fixture
def period(desk: SafeDesk, cast: Cast, clock: FakeClock) -> None:
    today = clock.current.astimezone().date()
    watch_terms(desk.store, cast.admin, today, today)


def _queue(window: MainWindow, draft_id: str) -> QueuePanel:
    panel = window.panes[Pane.OFFICIAL].queue
    assert panel is not None
    window.watcher.poll()
    panel.select(draft_id)
    assert panel.shown is not None and panel.shown.draft.id == draft_id
    return panel


def _approve(panel: QueuePanel) -> DecideDialog:
    dialog = panel.approve()
    assert isinstance(dialog, DecideDialog)
    dialog.passphrase.setText("sam-passphrase")
    return dialog


@pytest.mark.usefixtures("period")
def test_an_override_with_a_reason_lets_it_through_and_is_audited(
        qtbot: QtBot, desk: SafeDesk, cast: Cast, platforms: dict[str, FakePlatform]) -> None:
    author = open_as(qtbot, desk, cast.author)
    draft_id = submit(author, TEXT, [cast.council.id])  # only an approver may lift the block
    assert desk.drafts.get(draft_id).state is DraftState.SUBMITTED

    approver = open_as(qtbot, desk, cast.approver)
    panel = _queue(approver, draft_id)
    page = panel.detail.toPlainText()
    assert "Safety checks" in page and "“Vote for” is a watched term" in page
    assert "needs your written reason to override" in page

    dialog = _approve(panel)
    assert "“Labour” is a watched term in the Local elections period" in dialog.findings.text()
    assert dialog.override_reason.isVisibleTo(dialog)
    assert dialog.policy_note.isVisibleTo(dialog)
    assert not dialog.ok_button.isEnabled()  # a passphrase alone is not enough
    dialog.override_reason.setPlainText("   ")
    assert not dialog.ok_button.isEnabled()
    qtbot.keyClick(dialog.passphrase, Qt.Key.Key_Return)  # Enter does not approve either
    assert desk.drafts.get(draft_id).state is DraftState.SUBMITTED and dialog.isVisible()
    dialog.override_reason.setPlainText(REASON)
    assert dialog.ok_button.isEnabled()
    dialog.ok_button.click()

    assert "Approved and published." in panel.outcome.text()
    assert [p.text for p in platforms[cast.council.id].posts.values()] == [TEXT]
    draft = desk.drafts.get(draft_id)
    assert draft.state is DraftState.PUBLISHED and draft.approval is not None
    assert draft.approval.override_reason == REASON
    assert set(draft.approval.overridden) == {"election|text|vote for", "election|text|labour"}
    approved = [e for e in desk.store.audit_events_about(draft_id) if e.action == "draft.approve"]
    assert [(e.actor, e.details["override_reason"]) for e in approved] == [
        (cast.approver.id, REASON)]
    assert {(b["rule"], b["field"], b["words"]) for b in approved[0].details["overridden"]} == {
        ("election", "text", "Vote for"), ("election", "text", "Labour")}
    assert desk.audit.verify().intact

    history = approver.panes[Pane.OFFICIAL].history
    history.reload()
    row = history.tree.topLevelItem(0)
    assert row is not None
    assert f"block overridden by Sam Approver: “{REASON}”" in row.text(3)
    assert row.toolTip(0).startswith("Overridden by Sam Approver on 21 Nov 2026")
    assert "“labour” in the text (election)" in row.toolTip(0)


@pytest.mark.usefixtures("period")  # the watched terms block too: still no reason field
def test_a_block_no_one_may_lift_has_no_reason_field_and_no_approve(
        qtbot: QtBot, desk: SafeDesk, cast: Cast, monkeypatch: pytest.MonkeyPatch) -> None:
    text = "Vote for Labour \u202eyadseuT"
    draft = desk.drafts.create(cast.author, Pane.OFFICIAL, Content(text, (cast.council.id,)))
    # Submitted before the policy blocked hidden text (a desk of an older version).
    with monkeypatch.context() as before:
        before.setattr(rules, "check_content", lambda *_args, **_kwargs: ())
        desk.drafts.submit(draft.id, cast.author)

    panel = _queue(open_as(qtbot, desk, cast.approver), draft.id)
    assert "cannot be approved as it stands" in panel.detail.toPlainText()
    dialog = _approve(panel)
    assert "U+202E" in dialog.findings.text()
    assert not dialog.override_reason.isVisibleTo(dialog)
    assert "no one can lift that block" in dialog.policy_note.text()
    assert not dialog.ok_button.isEnabled()
    qtbot.keyClick(dialog.passphrase, Qt.Key.Key_Return)
    assert desk.drafts.get(draft.id).state is DraftState.SUBMITTED and dialog.isVisible()
    # Nor past the window, with a reason or without.
    for reason in ("", REASON):
        with pytest.raises(PolicyBlockedError, match="U\\+202E"):
            desk.queue.approve(draft.id, cast.approver, "sam-passphrase",
                               content_digest(draft.content), override_reason=reason)
    assert desk.drafts.get(draft.id).approval is None


def test_the_reason_beside_submit_for_a_block_an_approver_may_lift(qtbot: QtBot,
                                                                   clock: FakeClock) -> None:
    holder = QWidget()
    qtbot.addWidget(holder)
    reason = BlockReason(holder)
    today = clock.current.astimezone().date()
    context = PolicyContext(settings_of(political_terms=["Labour"], periods=[
        election_period("Local elections", today, today)]), on=today)
    content = Content("Vote Labour", ("council",))
    stops = reason.show_for(check_content(content, Pane.OFFICIAL, context))
    assert not stops  # Submit stays enabled: the approver decides
    assert reason.text().startswith("\u26a0 An approver must override this with a written "
                                    "reason: “Labour” is a watched term")
    content = Content("Vote Labour, damn it", ("council",))
    assert reason.show_for(check_content(content, Pane.OFFICIAL, context))
    assert reason.text().startswith("\u26d4 Blocked: “damn” is profanity")


@pytest.mark.usefixtures("period")
def test_a_term_watched_after_the_approver_opened_the_post_is_not_overridden_unseen(
        qtbot: QtBot, desk: SafeDesk, cast: Cast, platforms: dict[str, FakePlatform]) -> None:
    author = open_as(qtbot, desk, cast.author)
    draft_id = submit(author, TEXT, [cast.council.id])
    panel = _queue(open_as(qtbot, desk, cast.approver), draft_id)
    dialog = _approve(panel)
    assert "Polling stations" not in dialog.findings.text()
    # While the dialog is open, an admin starts watching words the approver has not been shown.
    stored = desk.policy.current()
    desk.policy.save(cast.admin, settings_of(
        political_terms=(*stored.settings.political_terms, "Polling stations"),
        periods=stored.settings.election_periods), stored.version)
    dialog.override_reason.setPlainText(REASON)
    dialog.ok_button.click()

    said = panel.outcome.text()
    assert "Not done" in said and "changed after you opened this post" in said
    assert "“polling stations”" in said.casefold()
    draft = desk.drafts.get(draft_id)
    assert draft.state is DraftState.SUBMITTED and draft.approval is None
    assert cast.council.id not in platforms  # no client was even opened


@pytest.mark.usefixtures("period")
def test_the_queue_list_marks_in_words_what_needs_an_override(
        qtbot: QtBot, desk: SafeDesk, cast: Cast, monkeypatch: pytest.MonkeyPatch) -> None:
    author = open_as(qtbot, desk, cast.author)
    watched = submit(author, TEXT, [cast.council.id])
    plain = submit(author, "The library opens at nine on Saturday.", [cast.council.id])
    # A post that also carries a block no one may lift is not the approver's to override.
    fixed = desk.drafts.create(cast.author, Pane.OFFICIAL,
                               Content("Vote for Labour \u202eyadseuT", (cast.council.id,)))
    with monkeypatch.context() as before:
        before.setattr(rules, "check_content", lambda *_args, **_kwargs: ())
        desk.drafts.submit(fixed.id, cast.author)
    reads = []
    read_settings = desk.store.policy_settings
    monkeypatch.setattr(desk.store, "policy_settings",
                        lambda: reads.append(1) or read_settings())

    panel = _queue(open_as(qtbot, desk, cast.approver), watched)
    reads.clear()
    panel.refresh()
    lines = {panel.list.item(row).data(Qt.ItemDataRole.UserRole): panel.list.item(row).text()
             for row in range(panel.list.count())}
    assert "needs an override" in lines[watched]
    assert "needs an override" not in lines[plain]
    assert "needs an override" not in lines[fixed.id]
    assert len(reads) == 1  # the settings once for the whole list, not once per post
