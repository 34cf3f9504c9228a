"""Text cannot hide from the approver in the window: the queue page, its list and the approve
dialog show ESC sequences, right-to-left overrides and zero-width characters as ``⟨U+XXXX⟩``,
with a note that they are there; what is published is still exactly what was written."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from safedesk.app import SafeDesk
from safedesk.core.models import Content, DraftState, Pane
from safedesk.gui.decide_dialog import DecideDialog
from safedesk.gui.main_window import MainWindow
from safedesk.gui.queue_panel import QueuePanel
from safedesk.gui.settings_dialog import SettingsDialog
from tests.conftest import Cast
from tests.fake_platform import FakePlatform
from tests.gui_support import show as open_as

# The posts here got past submission, as they did before the policy blocked hidden text on
# official posts: what a reviewer sees must not depend on the policy having caught them.
pytestmark = pytest.mark.usefixtures("hidden_text_not_blocked")


HIDING = ("Bins go out \x1b[8mvote Labour\x1b[0m on \u202eyadseuT\u202c\n"
          "all clear\u200b\u200b <font color=white>tiny</font>")
THREAD = "part two\u2066 isolated"
RAW = ["\x1b", "\u202e", "\u202c", "\u200b", "\u2066"]
SHOWN = ["⟨U+001B⟩[8mvote Labour⟨U+001B⟩[0m on ⟨U+202E⟩yadseuT⟨U+202C⟩",
         "all clear⟨U+200B⟩⟨U+200B⟩", "part two⟨U+2066⟩ isolated"]
NOTE = "This text holds 7 invisible or control characters (U+001B, U+200B, U+202C, U+202E, U+2066)"


def _waiting(qtbot: QtBot, desk: SafeDesk, cast: Cast) -> tuple[str, MainWindow, QueuePanel]:
    draft = desk.drafts.create(cast.author, Pane.OFFICIAL, Content(
        text=HIDING, thread=(THREAD,), targets=(cast.council.id, cast.council_sky.id)))
    desk.drafts.submit(draft.id, cast.author)
    window = open_as(qtbot, desk, cast.approver)
    panel = window.panes[Pane.OFFICIAL].queue
    assert panel is not None
    panel.refresh()
    panel.select(draft.id)
    assert panel.shown is not None and panel.shown.draft.id == draft.id
    return draft.id, window, panel


def _raw_in(text: str) -> list[str]:
    return [c for c in RAW if c in text]


def test_the_queue_page_shows_hidden_characters_and_says_so(
        qtbot: QtBot, desk: SafeDesk, cast: Cast) -> None:
    _draft_id, _window, panel = _waiting(qtbot, desk, cast)
    label = panel.list.currentItem().text()
    assert _raw_in(label) == []
    assert "“Bins go out ⟨U+001B⟩[8mvote Labour" in label
    page = panel.detail.toPlainText()
    assert _raw_in(page) == []
    for shown in SHOWN:
        assert page.count(shown) == 2, shown  # on the Mastodon and the Bluesky preview
    assert f"Hidden characters: {NOTE}" in page
    # Markup in the post is shown as typed, not obeyed.
    assert "<font color=white>tiny</font>" in page


def test_the_approve_dialog_shows_them_and_publishing_keeps_the_text_exact(
        qtbot: QtBot, desk: SafeDesk, cast: Cast, platforms: dict[str, FakePlatform]) -> None:
    draft_id, _window, panel = _waiting(qtbot, desk, cast)
    dialog = panel.approve()
    assert isinstance(dialog, DecideDialog)
    previews = dialog.previews.toPlainText()
    assert _raw_in(previews) == []
    assert all(shown in previews for shown in SHOWN)
    assert dialog.hidden.isVisibleTo(dialog) and dialog.hidden.text().startswith(NOTE)
    intro = next(label for label in dialog.findChildren(QLabel)
                 if label.text().startswith("Approve: "))
    assert intro.textFormat() is Qt.TextFormat.PlainText
    assert _raw_in(intro.text()) == [] and "⟨U+202E⟩" in intro.text()

    dialog.passphrase.setText("sam-passphrase")
    dialog.ok_button.click()
    assert desk.drafts.get(draft_id).state is DraftState.PUBLISHED
    # Only what is shown changed: the accounts got the text as written.
    sent = [r.text for account in (cast.council.id, cast.council_sky.id)
            for r in platforms[account].requests]
    assert sent == [HIDING, THREAD, HIDING, THREAD]


def test_an_ordinary_post_has_no_note(qtbot: QtBot, desk: SafeDesk, cast: Cast) -> None:
    text = "Croeso 🏴\U000e0067\U000e0062\U000e0077\U000e006c\U000e0073\U000e007f 👨‍👩‍👧 السلام علیکم"
    draft = desk.drafts.create(cast.author, Pane.OFFICIAL, Content(
        text=text, targets=(cast.council.id,)))
    desk.drafts.submit(draft.id, cast.author)
    panel = open_as(qtbot, desk, cast.approver).panes[Pane.OFFICIAL].queue
    assert panel is not None
    panel.refresh()
    panel.select(draft.id)
    assert text in panel.detail.toPlainText()
    assert "Hidden characters" not in panel.detail.toPlainText()
    dialog = panel.approve()
    assert dialog is not None and not dialog.hidden.isVisibleTo(dialog)
    dialog.reject()


def test_history_and_my_submissions_show_them_too(
        qtbot: QtBot, desk: SafeDesk, cast: Cast) -> None:
    draft_id, window, panel = _waiting(qtbot, desk, cast)
    author = open_as(qtbot, desk, cast.author)
    submissions = author.panes[Pane.OFFICIAL].submissions
    assert submissions is not None
    submissions.refresh()
    mine = " ".join(" ".join(row) for row in submissions.rows())
    assert _raw_in(mine) == [] and "⟨U+001B⟩[8mvote Labour⟨U+001B⟩[0m on ⟨U+202E⟩" in mine

    dialog = panel.approve()
    assert dialog is not None
    dialog.passphrase.setText("sam-passphrase")
    dialog.ok_button.click()
    assert desk.drafts.get(draft_id).state is DraftState.PUBLISHED
    history = window.panes[Pane.OFFICIAL].history
    history.reload()
    rows = [history.tree.topLevelItem(i).text(4) for i in range(history.tree.topLevelItemCount())]
    assert rows and all(_raw_in(row) == [] and "⟨U+001B⟩[8m" in row for row in rows)


def test_the_incidents_tab_shows_them_and_obeys_no_markup_in_a_post(
        qtbot: QtBot, desk: SafeDesk, cast: Cast) -> None:
    text = "Bins \u202eyadnoM\u202c <span style='font-size:1px'>vote Labour</span>"
    draft = desk.drafts.create(cast.author, Pane.PERSONAL,
                               Content(text=text, targets=(cast.jo.id,)))
    assert desk.publisher.publish(draft.id, cast.author).complete
    incident_id = desk.corrections.publish(desk.corrections.prepare(draft.id, "apology"),
                                           cast.author).incident.id
    window = open_as(qtbot, desk, cast.author)
    window.settings_action.trigger()
    dialog = window.findChild(SettingsDialog)
    assert dialog is not None
    dialog.sections.setCurrentWidget(dialog.incidents_page)
    tab = dialog.incidents_page
    assert tab.selected_id() == incident_id
    report = tab.report.toPlainText()
    assert _raw_in(report) == []
    assert ("Bins ⟨U+202E⟩yadnoM⟨U+202C⟩ <span style='font-size:1px'>vote Labour</span>"
            in report)
    assert "This text holds 2 invisible or control characters" in report
