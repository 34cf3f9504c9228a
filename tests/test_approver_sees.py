"""The approver is shown everything at the moment of deciding: each account the post goes out
as, by handle and platform, with how it will look there; and for a correction or reply, the
original post's words and links beside it."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from safedesk.app import SafeDesk
from safedesk.core.digest import content_digest
from safedesk.core.models import Content, Pane
from safedesk.gui.decide_dialog import DecideDialog
from tests.conftest import Cast
from tests.test_gui import show
from tests.test_queue_gui import queue_of, submit


def test_the_approve_dialog_restates_the_accounts_and_how_it_will_look(
        qtbot: QtBot, desk: SafeDesk, cast: Cast) -> None:
    author, approver = show(qtbot, desk, cast.author), show(qtbot, desk, cast.approver)
    approver.watcher.poll()
    submit(author, "Bins are collected a day late this week",
           [cast.council.id, cast.council_sky.id])
    approver.watcher.poll()
    panel = queue_of(approver)
    panel.list.setCurrentRow(0)
    dialog = panel.approve()
    assert isinstance(dialog, DecideDialog)
    assert dialog.accounts.text() == (
        "Goes out as: @council@social.example.gov.uk (Mastodon), "
        "@council.example.gov.uk (Bluesky)")
    shown = dialog.previews.toPlainText()
    assert "@council@social.example.gov.uk on Mastodon" in shown
    assert "@council.example.gov.uk on Bluesky" in shown
    assert shown.count("Bins are collected a day late this week") == 2
    assert "characters left on Bluesky" in shown


def test_a_correction_is_shown_beside_the_post_it_corrects(
        qtbot: QtBot, desk: SafeDesk, cast: Cast) -> None:
    original = desk.drafts.create(cast.author, Pane.OFFICIAL,
                                  Content("The library opens at 9 on Saturday",
                                          (cast.council.id,)))
    desk.drafts.submit(original.id, cast.author)
    desk.queue.approve(original.id, cast.approver, "sam-passphrase",
                       content_digest(desk.drafts.get(original.id).content))
    [published] = desk.store.list_publications(draft_id=original.id)
    assert published.url
    correction = desk.drafts.create(cast.author, Pane.OFFICIAL, Content(
        "Correction: the library opens at 10 on Saturday, not 9.", (cast.council.id,),
        reply_to=original.id))
    desk.drafts.submit(correction.id, cast.author)

    approver = show(qtbot, desk, cast.approver)
    panel = queue_of(approver)
    qtbot.waitUntil(lambda: panel.list.count() == 1)
    panel.list.setCurrentRow(0)
    page = panel.detail.toPlainText()
    assert "In reply to this post" in page
    assert "The library opens at 9 on Saturday" in page
    assert published.url in page
    assert "Correction: the library opens at 10 on Saturday" in page
