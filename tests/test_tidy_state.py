"""A desk used all day keeps its state tidy: ticks kept as the person set them, results and
errors gone once they are no longer about what is on screen, no pile of empty drafts, and the
history's first columns kept in view."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView
from pytestqt.qtbot import QtBot

from safedesk.app import SafeDesk
from safedesk.core.models import Content, Pane, Platform, Role
from safedesk.gui.pane import PaneWidget
from safedesk.gui.people_dialogs import ChoosePersonDialog
from tests.conftest import Cast
from tests.test_gui import show, write
from tests.test_queue_gui import decide, queue_of, submit


def unsent_entries(pane: PaneWidget) -> list[str]:
    return [pane.drafts.itemText(i) for i in range(pane.drafts.count())]


def test_ticks_are_kept_for_the_next_post_and_after_a_restart(
        qtbot: QtBot, desk: SafeDesk, cast: Cast) -> None:
    second = desk.accounts.register(Pane.PERSONAL, Platform.BLUESKY, "https://bsky.social",
                                    "jo.bsky.social", owner=cast.author)
    window = show(qtbot, desk, cast.author)
    compose = window.panes[Pane.PERSONAL].compose
    assert compose.chosen_target_ids() == []  # two accounts: nothing is assumed at first
    write(window, Pane.PERSONAL, "Lovely evening at the library", [cast.jo.id])
    compose.send()
    assert compose.draft is None and compose.is_empty()  # a new post begins...
    assert compose.chosen_target_ids() == [cast.jo.id]  # ...as the same account
    window.close()

    again = show(qtbot, desk, cast.author)
    assert again.panes[Pane.PERSONAL].compose.chosen_target_ids() == [cast.jo.id]
    assert second.id not in again.panes[Pane.PERSONAL].compose.chosen_target_ids()


def test_a_pane_with_one_account_starts_with_it_ticked(qtbot: QtBot, desk: SafeDesk) -> None:
    person = desk.people.add("Ada", Role.ADMIN, "ada-passphrase")
    window = show(qtbot, desk, person)
    compose = window.panes[Pane.OFFICIAL].compose
    council = desk.accounts.register(Pane.OFFICIAL, Platform.MASTODON,
                                     "https://social.example.gov.uk", "council")
    window.session.accounts_changed.emit()  # as the add-account dialog reports it
    assert compose.chosen_target_ids() == [council.id]  # just added, and the only one


def test_published_everywhere_goes_when_the_next_post_begins(
        qtbot: QtBot, desk: SafeDesk, cast: Cast) -> None:
    window = show(qtbot, desk, cast.author)
    pane = window.panes[Pane.PERSONAL]
    write(window, Pane.PERSONAL, "First post", [cast.jo.id])
    pane.compose.send()
    assert pane.progress.isVisible() and pane.progress.title.text() == "Published everywhere."
    qtbot.keyClicks(pane.compose.text, "N")
    assert not pane.progress.isVisible()


def test_an_emptied_draft_is_not_listed(qtbot: QtBot, desk: SafeDesk, cast: Cast) -> None:
    kept = desk.drafts.create(cast.author, Pane.PERSONAL, Content("Notes for Friday", ()))
    emptied = desk.drafts.create(cast.author, Pane.PERSONAL, Content("Oops", ()))
    desk.drafts.edit(emptied.id, cast.author, Content("", ()))
    window = show(qtbot, desk, cast.author)
    pane = window.panes[Pane.PERSONAL]
    qtbot.waitUntil(lambda: pane.drafts.count() > 0)
    entries = unsent_entries(pane)
    assert any("Notes for Friday" in entry for entry in entries)
    assert not any("(empty)" in entry for entry in entries)
    assert pane.compose.draft is not None and pane.compose.draft.id == kept.id


def test_choosing_a_history_row_keeps_the_first_columns_in_view(
        qtbot: QtBot, desk: SafeDesk, cast: Cast) -> None:
    window = show(qtbot, desk, cast.author)
    pane = window.panes[Pane.PERSONAL]
    write(window, Pane.PERSONAL, "A long post about the library " * 3, [cast.jo.id])
    pane.compose.send()
    pane.tabs.setCurrentWidget(pane.history)
    pane.history.reload()
    tree = pane.history.tree
    tree.setColumnWidth(4, 2000)  # far wider than the view: it scrolls sideways
    qtbot.waitUntil(lambda: tree.horizontalScrollBar().maximum() > 0)
    tree.horizontalScrollBar().setValue(0)
    item = tree.topLevelItem(0)
    assert item is not None
    tree.scrollToItem(item, QAbstractItemView.ScrollHint.EnsureVisible)
    tree.setCurrentItem(item, 5)  # the link cell, off to the right
    assert tree.horizontalScrollBar().value() == 0


def test_an_error_notice_goes_when_the_box_changes(qtbot: QtBot, desk: SafeDesk,
                                                  cast: Cast) -> None:
    window = show(qtbot, desk, cast.author)
    compose = window.panes[Pane.PERSONAL].compose
    compose.show_notice("Not posted: the server refused it.", error=True)
    assert compose.notice.isVisible()
    qtbot.keyClicks(compose.text, "x")
    assert not compose.notice.isVisible()
    compose.show_notice("Saved.")
    qtbot.keyClicks(compose.text, "y")
    assert compose.notice.isVisible()  # news that is not an error stays until replaced


def test_a_wrong_passphrase_error_goes_when_it_is_typed_again(
        qtbot: QtBot, desk: SafeDesk, cast: Cast) -> None:
    author, approver = show(qtbot, desk, cast.author), show(qtbot, desk, cast.approver)
    approver.watcher.poll()  # its first look at the queue, before the news
    submit(author, "Library closed on Friday", [cast.council.id])
    approver.watcher.poll()
    panel = queue_of(approver)
    panel.list.setCurrentRow(0)
    dialog = decide(panel, "approve", "not the passphrase")
    assert "passphrase" in dialog.error.text().lower()
    qtbot.keyClicks(dialog.passphrase, "s")
    assert dialog.error.text() == ""

    chooser = ChoosePersonDialog(desk.people)
    qtbot.addWidget(chooser)
    chooser.who.setCurrentIndex(chooser.who.findData(cast.author.name))
    chooser.passphrase.setText("wrong")
    chooser.sign_in()
    assert chooser.error.text()
    qtbot.keyClick(chooser.passphrase, Qt.Key.Key_Backspace)
    assert chooser.error.text() == ""

