"""The correction dialog in the desk window, from a History row to published replies.

Platforms are scripted fakes (tests/fake_platform.py: each request records its ``reply_to``) and
background work runs at once; tests/test_correction_live.py does one against the real servers.
"""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QWidget
from pytestqt.qtbot import QtBot

from safedesk.app import SafeDesk
from safedesk.core.corrections import CorrectionKind, OriginalAction, Route
from safedesk.core.digest import content_digest
from safedesk.core.errors import ServerFailureError
from safedesk.core.models import (
    Account,
    Content,
    DraftState,
    Pane,
    Person,
    Platform,
    Publication,
    PublicationState,
)
from safedesk.core.platform import PostRequest, RemotePost, RemoteRef
from safedesk.gui.correction_dialog import CorrectionDialog
from safedesk.gui.correction_text import BLUESKY_NO_EDIT
from safedesk.gui.history import HistoryView
from safedesk.gui.launch import open_main_window
from safedesk.gui.main_window import MainWindow
from safedesk.gui.tasks import ThreadPoolRunner
from tests.conftest import Cast
from tests.fake_platform import FakePlatform
from tests.gui_support import show as open_as


@pytest.fixture
def jo_sky(desk: SafeDesk, cast: Cast) -> Account:
    return desk.accounts.register(Pane.PERSONAL, Platform.BLUESKY, "https://bsky.social",
                                  "jo.bsky.social", "Jo", owner=cast.author)




@pytest.fixture
def window(qtbot: QtBot, desk: SafeDesk, cast: Cast, jo_sky: Account) -> MainWindow:
    return open_as(qtbot, desk, cast.author)


def post_personal(window: MainWindow, text: str, targets: list[str]) -> None:
    compose = window.panes[Pane.PERSONAL].compose
    compose.set_targets(targets)
    compose.text.setPlainText(text)
    compose.send()
    assert "Published everywhere." in window.panes[Pane.PERSONAL].progress.title.text()


def post_official(desk: SafeDesk, cast: Cast, text: str = "Bins on Monday") -> str:
    draft = desk.drafts.create(cast.author, Pane.OFFICIAL,
                               Content(text=text, targets=(cast.council.id, cast.council_sky.id)))
    desk.drafts.submit(draft.id, cast.author)
    decision = desk.queue.approve(draft.id, cast.approver, "sam-passphrase",
                                  content_digest(desk.drafts.get(draft.id).content))
    assert decision.report is not None and decision.report.complete
    return draft.id


def preapprove(desk: SafeDesk, approver: Person, passphrase: str, name: str) -> None:
    version = desk.templates.get(name, "en-GB").version
    desk.templates.preapprove(name, "en-GB", approver, passphrase, version)


def rows(history: HistoryView) -> list[Publication]:
    found = []
    for index in range(history.tree.topLevelItemCount()):
        item = history.tree.topLevelItem(index)
        assert item is not None
        value = item.data(0, Qt.ItemDataRole.UserRole)
        assert isinstance(value, Publication)
        found.append(value)
    return found


def states(history: HistoryView, draft_id: str) -> set[str]:
    return {p.state.value for p in rows(history) if p.draft_id == draft_id}


def open_from_row(history: HistoryView, button: QAbstractButton,
                  text: str = "") -> CorrectionDialog:
    """Select the (first) row of the post whose text starts with ``text``, click ``button``."""
    history.reload()
    while history.reading:  # the rows arrive from a worker under the real runner
        QApplication.processEvents()
    for index in range(history.tree.topLevelItemCount()):
        item = history.tree.topLevelItem(index)
        if item is not None and item.text(4).startswith(text):
            history.tree.setCurrentItem(item)
            break
    button.click()
    dialog = history.correction_dialog
    assert isinstance(dialog, CorrectionDialog) and dialog.isVisible()
    return dialog


def original_of(desk: SafeDesk, text: str, account_id: str) -> Publication:
    draft = next(d for d in desk.drafts.list() if d.content.text == text)
    return next(p for p in desk.store.list_publications(draft_id=draft.id)
                if p.account_id == account_id)


def test_correct_from_a_history_row_replies_under_each_original(
        window: MainWindow, desk: SafeDesk, cast: Cast, jo_sky: Account,
        platforms: dict[str, FakePlatform]) -> None:
    post_personal(window, "Bins on Monday", [cast.jo.id, jo_sky.id])
    history = window.panes[Pane.PERSONAL].history
    dialog = open_from_row(history, history.correct_button, "Bins")
    assert dialog.windowTitle() == "Correct a post"
    assert "Your post of" in dialog.original.text() and "“Bins on Monday”" in dialog.original.text()
    where = dialog.targets.text()
    assert where.count("a reply threaded under") == 2
    assert "@jo@mastodon.social</b> (Mastodon)" in where and "@jo.bsky.social</b> (Bluesky)" in where
    assert dialog.action_buttons[OriginalAction.KEEP].isChecked()

    dialog.fields["correction"].setText("Bins are on Tuesday.")
    assert dialog.text.toPlainText().startswith("Correction to my post of ")
    assert "Bins are on Tuesday.\n\nI got this wrong, and I am sorry." in \
        dialog.text.toPlainText()
    assert "characters left on Bluesky" in dialog.targets.text()
    assert dialog.marker.text() == "The correction-personal (en-GB) template's words. Publishes at once."
    assert dialog.publish_button.text() == \
        "Publish correction as @jo@mastodon.social and @jo.bsky.social"
    dialog.note.setText("Wrong day in the original")
    dialog.publish_button.click()

    assert dialog.plan is not None
    for account_id in (cast.jo.id, jo_sky.id):
        reply = platforms[account_id].requests[-1]
        assert reply.reply_to is not None
        assert reply.reply_to.remote_id == original_of(desk, "Bins on Monday", account_id).remote_id
        assert reply.text == dialog.plan.text
    results = dialog.results.text()
    assert "✔ @jo@mastodon.social: reply published — <a href=" in results
    assert "✔ @jo.bsky.social: reply published" in results
    assert "Kept, with the correction under it." in results
    assert "Correction published under the original" in dialog.message.text()
    assert not dialog.publish_button.isVisible() and not dialog.retry_button.isVisible()
    assert dialog.close_button.text() == "Close"
    [incident] = desk.store.list_incidents()
    assert incident.note == "Wrong day in the original" and incident.route is Route.DIRECT
    # History was told: the originals now read "corrected", the replies are listed too.
    original_draft = original_of(desk, "Bins on Monday", cast.jo.id).draft_id
    assert states(history, original_draft) == {PublicationState.CORRECTED.value}
    assert states(history, incident.correction_draft_id) == {PublicationState.PUBLISHED.value}
    # Publishing again (a second click, Ctrl+Enter) posts nothing more.
    dialog.publish()
    assert len(platforms[cast.jo.id].posts) == 2


def test_a_retraction_deletes_the_original_only_after_the_reply(
        window: MainWindow, desk: SafeDesk, cast: Cast, jo_sky: Account,
        platforms: dict[str, FakePlatform]) -> None:
    post_personal(window, "Pool shut today", [cast.jo.id, jo_sky.id])
    seen: list[tuple[str, bool]] = []
    for account_id in (cast.jo.id, jo_sky.id):
        fake = platforms[account_id]
        fake.before_delete = lambda ref, f=fake: seen.append(
            (ref.remote_id, any(r.reply_to is not None and r.reply_to.remote_id == ref.remote_id
                                for r in f.requests)))
    history = window.panes[Pane.PERSONAL].history
    dialog = open_from_row(history, history.retract_button, "Pool")
    assert dialog.action_buttons[OriginalAction.DELETE].isChecked()
    assert list(dialog.fields) == ["original_date"]
    assert dialog.text.toPlainText().startswith("I have withdrawn my post of ")
    assert dialog.targets.text().count("the original is deleted once the reply is up") == 2
    assert dialog.publish_button.text() == ("Publish retraction as @jo@mastodon.social and "
                                            "@jo.bsky.social, then delete the originals")
    dialog.publish_button.click()

    originals = {a: original_of(desk, "Pool shut today", a) for a in (cast.jo.id, jo_sky.id)}
    assert dialog.plan is not None
    assert sorted(seen) == sorted((p.remote_id, True) for p in originals.values())
    for account_id, original in originals.items():
        assert [r.remote_id for r in platforms[account_id].deleted] == [original.remote_id]
        assert [p.text for p in platforms[account_id].posts.values()] == [dialog.plan.text]
    assert "Deleted after the correction was published." in dialog.results.text()
    assert states(history, originals[cast.jo.id].draft_id) == {PublicationState.DELETED.value}


def test_an_unfilled_placeholder_blocks_publishing_and_says_which(
        qtbot: QtBot, window: MainWindow, cast: Cast, platforms: dict[str, FakePlatform]) -> None:
    post_personal(window, "Fete on Sunday", [cast.jo.id])
    history = window.panes[Pane.PERSONAL].history
    dialog = open_from_row(history, history.correct_button, "Fete")
    assert "{correction}" in dialog.text.toPlainText()
    assert not dialog.publish_button.isEnabled()
    assert dialog.problems.text() == "Fill in {correction}."
    assert dialog.marker.text() == "From the correction-personal (en-GB) template: fill in the blanks above."
    assert dialog.focusWidget() is dialog.fields["correction"]  # the blank, ready to type
    dialog.fields["correction"].setText("   ")
    assert not dialog.publish_button.isEnabled()

    # The person writes their own words but leaves the blank in: still blocked, and said so.
    dialog.text.setPlainText("Sorry: the fete is on {correction}.")
    assert not dialog.fields["correction"].isEnabled() and not dialog.language.isEnabled()
    assert dialog.reset_button.isVisibleTo(dialog)
    assert "Fill in {correction}: it is still in the text." in dialog.problems.text()
    assert not dialog.publish_button.isEnabled()
    qtbot.keyClick(dialog.text, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert len(platforms[cast.jo.id].requests) == 1  # only the original

    dialog.reset_button.click()
    assert dialog.fields["correction"].isEnabled()
    dialog.fields["correction"].setText("It is on Saturday.")
    assert dialog.problems.isHidden() and dialog.publish_button.isEnabled()
    assert "It is on Saturday." in dialog.text.toPlainText()


def test_a_preapproved_template_publishes_at_once_and_own_words_go_to_the_queue_as_urgent(
        qtbot: QtBot, window: MainWindow, desk: SafeDesk, cast: Cast,
        platforms: dict[str, FakePlatform]) -> None:
    preapprove(desk, cast.approver, "sam-passphrase", "correction")
    post_official(desk, cast, "Library shut on Friday")
    approver = open_as(qtbot, desk, cast.approver)  # another SafeDesk on the same database
    approver.watcher.poll()  # its first look: nothing waits yet
    history = window.panes[Pane.OFFICIAL].history
    dialog = open_from_row(history, history.correct_button, "Library")
    dialog.fields["correction"].setText("It is open as usual.")
    assert dialog.marker.text() == ("The correction (en-GB) template's words. Pre-approved by "
                                    "Sam Approver: publishes at once.")
    assert dialog.publish_button.text() == ("Publish correction as @council@social.example.gov.uk"
                                            " and @council.example.gov.uk")
    # Editing the original on an official account needs the note template pre-approved too.
    assert not dialog.action_buttons[OriginalAction.EDIT].isEnabled()
    assert "note template pre-approved" in dialog.action_note.text()

    dialog.text.setPlainText(dialog.text.toPlainText() + " Sorry, folks!")
    assert dialog.marker.text() == (
        "Your own words: the text differs from the template. Goes to the approval queue as "
        "URGENT: a second person must approve words that are not the template's.")
    assert dialog.publish_button.text() == "Submit for urgent approval"
    dialog.publish_button.click()

    assert "Submitted for urgent approval" in dialog.message.text()
    assert "@council@social.example.gov.uk: waiting for approval" in dialog.results.text()
    [incident] = desk.store.list_incidents()
    assert incident.route is Route.QUEUED
    correction = desk.drafts.get(incident.correction_draft_id)
    assert correction.state is DraftState.SUBMITTED and correction.urgent
    assert all(r.reply_to is None for f in platforms.values() for r in f.requests)
    approver.watcher.poll()
    assert approver.statusBar().currentMessage().startswith("Urgent, for your approval: ")
    queue = approver.panes[Pane.OFFICIAL].queue
    assert queue is not None and queue.list.item(0).text().startswith("URGENT")


def test_a_claim_of_a_hack_is_shown_as_a_warning(qtbot: QtBot, window: MainWindow,
                                                 desk: SafeDesk, cast: Cast) -> None:
    preapprove(desk, cast.approver, "sam-passphrase", "apology")
    post_official(desk, cast, "Rude reply")
    history = window.panes[Pane.OFFICIAL].history
    dialog = open_from_row(history, history.apologise_button, "Rude")
    assert dialog.publish_button.text().startswith("Publish apology as ")
    assert dialog.flag_warning.isHidden()
    dialog.text.setPlainText("Our account was hacked. Sorry.")
    assert dialog.flag_warning.isVisibleTo(dialog)
    assert "claims the account was hacked or misused (“hacked”)" in dialog.flag_warning.text()
    assert dialog.publish_button.text() == "Submit for urgent approval"
    assert "always goes to an approver" in dialog.marker.text()
    dialog.publish_button.click()
    # The approver sees the claim called out, above the post.
    approver = open_as(qtbot, desk, cast.approver)
    queue = approver.panes[Pane.OFFICIAL].queue
    assert queue is not None
    queue.list.setCurrentRow(0)
    assert ("Check this claim: the text says the account was hacked or misused (“hacked”)"
            in queue.detail.toPlainText())


def test_a_correction_gets_the_safety_checks_of_a_post(window: MainWindow, desk: SafeDesk,
                                                      cast: Cast) -> None:
    post_official(desk, cast, "Rude reply")
    history = window.panes[Pane.OFFICIAL].history
    dialog = open_from_row(history, history.apologise_button, "Rude")
    dialog.text.setPlainText("Sorry for that damn reply; I think it was wrong.")
    # Listed as in the compose box: the block stops Publish and says why, the warning does not.
    shown = dialog.findings.text()
    assert "Blocked: “damn” is profanity" in shown and "Warning: “I think”" in shown
    assert "“damn” is profanity" in dialog.problems.text()
    assert not dialog.publish_button.isEnabled()
    dialog.text.setPlainText("Sorry for that reply; I think it was wrong.")
    assert "Blocked" not in dialog.findings.text() and dialog.problems.isHidden()
    assert dialog.publish_button.isEnabled()
    # A claim of a hack keeps its own warning, not a second one in the list.
    dialog.text.setPlainText("Our account was hacked. Sorry.")
    assert dialog.flag_warning.isVisibleTo(dialog) and "hacked" not in dialog.findings.text()


def test_bluesky_cannot_edit_and_mastodon_gets_the_note(
        window: MainWindow, desk: SafeDesk, cast: Cast, jo_sky: Account,
        platforms: dict[str, FakePlatform]) -> None:
    post_personal(window, "Only on Bluesky", [jo_sky.id])
    history = window.panes[Pane.PERSONAL].history
    dialog = open_from_row(history, history.apologise_button, "Only on Bluesky")
    assert not dialog.action_buttons[OriginalAction.EDIT].isEnabled()
    assert dialog.action_note.text() == BLUESKY_NO_EDIT == \
        "Bluesky cannot edit posts; delete it or keep it."
    dialog.reject()

    post_personal(window, "On both", [cast.jo.id, jo_sky.id])
    dialog = open_from_row(history, history.apologise_button, "On both")
    edit = dialog.action_buttons[OriginalAction.EDIT]
    assert edit.isEnabled()
    edit.setChecked(True)
    assert f"{BLUESKY_NO_EDIT} It stays as it is" in dialog.targets.text()
    assert "a note is added to the original once the reply is up" in dialog.targets.text()
    assert dialog.publish_button.text().endswith(", then add a note to the original on Mastodon")
    dialog.publish_button.click()
    [(ref, request)] = platforms[cast.jo.id].edits
    assert ref.remote_id == original_of(desk, "On both", cast.jo.id).remote_id
    assert request.text == "On both\n\n[Corrected: please see the reply below.]"
    assert platforms[jo_sky.id].edits == []


def test_a_failed_reply_shows_its_reason_and_retry_sends_it_once(
        window: MainWindow, cast: Cast, jo_sky: Account,
        platforms: dict[str, FakePlatform]) -> None:
    post_personal(window, "Market moved", [cast.jo.id, jo_sky.id])
    sky = platforms[jo_sky.id]

    def fail_once(request: PostRequest) -> None:
        if request.reply_to is not None:
            sky.before_publish = None
            raise ServerFailureError("bsky.social failed (503). Try again later.")

    sky.before_publish = fail_once
    history = window.panes[Pane.PERSONAL].history
    dialog = open_from_row(history, history.apologise_button, "Market")
    dialog.publish_button.click()
    results = dialog.results.text()
    assert "✔ @jo@mastodon.social: reply published" in results
    assert "✘ @jo.bsky.social: not published — bsky.social failed (503)" in results
    assert "Retry sends only what failed" in dialog.message.text()
    assert dialog.retry_button.isVisibleTo(dialog) and dialog.focusWidget() is dialog.retry_button

    dialog.retry_button.click()
    assert "✔ @jo.bsky.social: reply published" in dialog.results.text()
    assert dialog.retry_button.isHidden()
    replies = [r for r in sky.requests if r.reply_to is not None]
    assert len(replies) == 2 and replies[0].idempotency_key == replies[1].idempotency_key
    assert len(sky.posts) == 2 and len(platforms[cast.jo.id].posts) == 2


def test_cymraeg_keeps_what_was_typed(window: MainWindow, cast: Cast) -> None:
    post_personal(window, "Nofio am 8", [cast.jo.id])
    history = window.panes[Pane.PERSONAL].history
    dialog = open_from_row(history, history.correct_button, "Nofio")
    dialog.fields["correction"].setText("Mae'r pwll yn agor am 9.")
    dialog.language.setCurrentIndex(dialog.language.findData("cy"))
    text = dialog.text.toPlainText()
    assert text.startswith("Cywiriad i fy neges ar ") and "Tachwedd" in text
    assert "Mae'r pwll yn agor am 9." in text
    assert dialog.fields["correction"].text() == "Mae'r pwll yn agor am 9."


def test_a_link_to_someone_elses_post_is_refused_inline(
        window: MainWindow, cast: Cast, platforms: dict[str, FakePlatform]) -> None:
    history = window.panes[Pane.PERSONAL].history
    finder = history.link_finder
    assert finder.isHidden()
    history.link_button.click()
    assert finder.isVisibleTo(history)
    finder.link.setText("https://mastodon.social/@someone/123")
    finder.find_button.click()
    assert ("That post is by @someone@mastodon.social, which is not one of the personal pane's "
            "accounts") in finder.message.text()
    assert finder.message.property("safedeskError") is True
    finder.link.setText("https://social.example.gov.uk/@council/123")
    finder.link.returnPressed.emit()
    assert "Correct it from the Official pane" in finder.message.text()
    assert platforms == {}  # refused before any network
    assert history.correction_dialog is None


def test_a_post_made_outside_safedesk_is_found_by_link_and_retracted(
        window: MainWindow, desk: SafeDesk, cast: Cast,
        platforms: dict[str, FakePlatform]) -> None:
    phone = FakePlatform(cast.jo)
    platforms[cast.jo.id] = phone
    phone.posts["from-the-phone"] = RemotePost(
        RemoteRef("777"), "https://mastodon.social/@jo/777", "Posted from my phone",
        extra={"author": "jo"})
    history = window.panes[Pane.PERSONAL].history
    history.link_button.click()
    history.link_finder.link.setText("https://mastodon.social/@jo/777")
    history.link_finder.find_button.click()
    assert "Found it" in history.link_finder.message.text()
    selected = history.selected()
    assert selected is not None and selected.imported and selected.remote_id == "777"
    history.retract_button.click()
    dialog = history.correction_dialog
    assert dialog is not None and "Posted from my phone" in dialog.original.text()
    dialog.publish_button.click()
    reply = phone.requests[-1]
    assert reply.reply_to is not None and reply.reply_to.remote_id == "777"
    assert [r.remote_id for r in phone.deleted] == ["777"]
    assert desk.store.list_incidents()[0].imported


def test_nothing_selected_says_so(window: MainWindow) -> None:
    history = window.panes[Pane.PERSONAL].history
    assert history.open_correction(CorrectionKind.APOLOGY) is None
    assert history.message.text() == "Choose a post in the list first."


def unnamed_controls(root: QWidget) -> list[str]:
    labelled = {label.buddy() for label in root.findChildren(QLabel) if label.buddy()}
    return [f"{type(w).__name__}" for w in root.findChildren(QWidget)
            if w.isVisibleTo(root) and w.focusPolicy() & Qt.FocusPolicy.TabFocus
            and not w.accessibleName() and w not in labelled
            and not (isinstance(w, QAbstractButton) and w.text())]


def test_the_dialog_works_from_the_keyboard_and_names_every_control(
        qtbot: QtBot, window: MainWindow, desk: SafeDesk, cast: Cast,
        platforms: dict[str, FakePlatform]) -> None:
    post_personal(window, "Keyboard only", [cast.jo.id])
    pane = window.panes[Pane.PERSONAL]
    history = pane.history
    pane.tabs.setCurrentWidget(history)
    history.link_button.click()
    assert unnamed_controls(history) == []
    history.tree.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is history.tree)
    # Row by row, left to right, as it reads.
    for expected in (history.open_button, history.reply_button, history.link_button,
                     history.correct_button):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        assert QApplication.focusWidget() is expected
    dialog = open_from_row(history, history.correct_button, "Keyboard")
    assert unnamed_controls(dialog) == []

    # Tab goes through the dialog in reading order: language, the original, the blanks, text.
    dialog.language.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.language)
    qtbot.keyClick(dialog.language, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is dialog.action_buttons[OriginalAction.KEEP]
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is dialog.fields["original_date"]
    field = dialog.fields["correction"]
    field.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is field)
    qtbot.keyClicks(field, "Typed, not clicked.")
    qtbot.keyClick(field, Qt.Key.Key_Return)  # Enter in a field never publishes
    assert len(platforms[cast.jo.id].requests) == 1
    qtbot.keyClick(field, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert len(platforms[cast.jo.id].requests) == 2
    assert "Typed, not clicked." in platforms[cast.jo.id].requests[-1].text
    assert dialog.report is not None and dialog.report.complete
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()


def test_an_original_gone_on_one_platform_is_shown_and_left_out(
        window: MainWindow, desk: SafeDesk, cast: Cast, jo_sky: Account,
        platforms: dict[str, FakePlatform]) -> None:
    post_personal(window, "Parade at noon", [cast.jo.id, jo_sky.id])
    platforms[jo_sky.id].posts.clear()  # deleted on Bluesky, outside SafeDesk
    history = window.panes[Pane.PERSONAL].history
    dialog = open_from_row(history, history.apologise_button, "Parade")
    where = dialog.targets.text()
    assert "@jo.bsky.social</b> (Bluesky): nothing will be posted here." in where
    assert "The original was already deleted here" in where
    assert dialog.publish_button.text() == "Publish apology as @jo@mastodon.social"
    dialog.publish_button.click()
    assert dialog.report is not None and dialog.report.complete
    assert "— @jo.bsky.social: nothing posted." in dialog.results.text()
    assert all(r.reply_to is None for r in platforms[jo_sky.id].requests)


def test_lookups_and_publishing_run_off_the_gui_thread(
        qtbot: QtBot, desk: SafeDesk, cast: Cast, jo_sky: Account,
        platforms: dict[str, FakePlatform]) -> None:
    original = desk.drafts.create(cast.author, Pane.PERSONAL,
                                  Content(text="Threads", targets=(cast.jo.id,)))
    assert desk.publisher.publish(original.id, cast.author).complete
    runner = ThreadPoolRunner()
    window = open_main_window(desk, cast.author, runner)
    qtbot.addWidget(window)
    window.show()
    gui_thread = threading.get_ident()
    network_threads: list[int] = []
    fake = platforms[cast.jo.id]
    fetch = fake.fetch

    def watched_fetch(ref: RemoteRef) -> RemotePost | None:
        network_threads.append(threading.get_ident())
        return fetch(ref)

    fake.fetch = watched_fetch  # type: ignore[method-assign]
    fake.before_publish = lambda _request: network_threads.append(threading.get_ident())
    history = window.panes[Pane.PERSONAL].history
    dialog = open_from_row(history, history.apologise_button)
    assert dialog.message.text() == "Checking the original on each account…"
    qtbot.waitUntil(dialog.publish_button.isEnabled, timeout=10_000)
    dialog.publish_button.click()
    assert dialog.message.text() == "Publishing…"
    dialog.reject()  # refused while the answer is on its way
    assert dialog.isVisible()
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=10_000)
    assert network_threads and gui_thread not in network_threads
    assert "✔ @jo@mastodon.social: reply published" in dialog.results.text()

    # Cancel while the originals are still being looked up: the late answer harms nothing.
    second = open_from_row(history, history.correct_button)
    second.reject()
    assert not second.isVisible()
    assert runner.wait()
    qtbot.wait(50)  # the late answer, then the deferred delete, on the event loop
