"""Sharing someone else's post from a pane's "Share a post" box, as a person does it, through the
real window and services (scripted platforms, background work run at once): the personal pane
offers only the person's personal accounts, the official pane's share goes to the queue, the
approver sees the shared post in full, and History undoes a share in one click and a confirm.

The adapters' own part (reading a link, reblogging, the repost record) is tested against the
real servers in the platform tests; ``tests/test_share_gui_live.py`` drives this box against the
Mastodon test server."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QImage, QTextDocument
from pytestqt.qtbot import QtBot

from safedesk.app import SafeDesk
from safedesk.core.errors import NotAllowedError
from safedesk.core.models import (
    Account,
    DraftState,
    Pane,
    Platform,
    PublicationState,
    SharedMedia,
    SharedPost,
    ShareKind,
)
from safedesk.gui.decide_dialog import DecideDialog
from safedesk.gui.history import HistoryView
from safedesk.gui.main_window import MainWindow
from safedesk.gui.share_box import ShareBox
from tests.conftest import Cast
from tests.fake_platform import FakePlatform
from tests.gui_support import show
from tests.link_pages import Page, PageServer
from tests.share_support import SharingPlatform, fire_post
from tests.test_policy_tab import policy_tab, type_period

Platforms = dict[str, FakePlatform]


def share_box(window: MainWindow, pane: Pane) -> ShareBox:
    box = window.panes[pane].share_box
    if not box.toggle.isChecked():
        box.toggle.click()  # opened as a person opens it
    assert box.panel.isVisible()
    return box


def offered(box: ShareBox) -> tuple[list[str], list[str]]:
    """The accounts the box offers: to read the post with, and to share as."""
    readers = [str(box.reader.itemData(i)) for i in range(box.reader.count())]
    targets = [str(box.targets.item(i).data(Qt.ItemDataRole.UserRole))
               for i in range(box.targets.count())]
    return readers, targets


def servers_show(platforms: Platforms, accounts: list[Account], platform: Platform,
                 post: SharedPost | None = None) -> str:
    """Each account's scripted server shows ``post`` (the fire service's) by its link; the
    link."""
    post = post or fire_post(platform)
    for account in accounts:
        fake = SharingPlatform(account)
        fake.show(post, post.uri, post.url)
        platforms[account.id] = fake
    return post.url


def look_up(box: ShareBox, qtbot: QtBot, link: str, reader: Account) -> None:
    box.link.clear()
    qtbot.keyClicks(box.link, link)
    box.reader.setCurrentIndex(box.reader.findData(reader.id))
    qtbot.mouseClick(box.look_up_button, Qt.MouseButton.LeftButton)


def tick_only(box: ShareBox, account_ids: list[str]) -> None:
    box.targets.set_chosen(account_ids)


def test_each_pane_offers_only_its_own_accounts(qtbot: QtBot, desk: SafeDesk,
                                                cast: Cast) -> None:
    window = show(qtbot, desk, cast.author)
    personal = share_box(window, Pane.PERSONAL)
    assert offered(personal) == ([cast.jo.id], [cast.jo.id])
    official = share_box(window, Pane.OFFICIAL)
    both = sorted([cast.council.id, cast.council_sky.id])
    assert sorted(offered(official)[0]) == both
    assert sorted(offered(official)[1]) == both


def test_a_link_pasted_in_the_personal_pane_goes_out_only_as_personal_accounts(
        qtbot: QtBot, desk: SafeDesk, cast: Cast, platforms: Platforms) -> None:
    link = servers_show(platforms, [cast.jo, cast.council, cast.council_sky], Platform.MASTODON)
    window = show(qtbot, desk, cast.author)
    box = share_box(window, Pane.PERSONAL)
    look_up(box, qtbot, link, cast.jo)
    assert box.post is not None, box.message.text()
    # The post as it will appear: who wrote it and their words.
    assert "Fire Service (@fire@service.example)" in box.preview.text()
    assert "River Tref is rising" in box.preview.text()
    assert box.first_time.isVisible() and "@fire@service.example" in box.first_time.text()
    # Only Jo's personal account is offered: no official account to tick, whatever happens.
    assert offered(box)[1] == [cast.jo.id]
    assert box.share_button.words() == "Boost as @jo@mastodon.social"
    qtbot.mouseClick(box.share_button, Qt.MouseButton.LeftButton)
    assert platforms[cast.jo.id].requests and \
        platforms[cast.jo.id].requests[0].share is not None
    for official in (cast.council, cast.council_sky):
        assert not platforms[official.id].requests
    assert box.message.text() == "Shared."
    # And were an official account asked for from the personal pane, the service refuses it.
    with pytest.raises(NotAllowedError):
        desk.sharing.share(fire_post(), ShareKind.BOOST, [cast.council.id], cast.author,
                           Pane.PERSONAL)


def test_a_boost_offers_only_accounts_on_the_posts_platform_and_says_why(
        qtbot: QtBot, desk: SafeDesk, cast: Cast, platforms: Platforms) -> None:
    link = servers_show(platforms, [cast.council, cast.council_sky], Platform.MASTODON)
    window = show(qtbot, desk, cast.author)
    box = share_box(window, Pane.OFFICIAL)
    look_up(box, qtbot, link, cast.council)
    row = next(box.targets.item(i) for i in range(box.targets.count())
               if box.targets.item(i).data(Qt.ItemDataRole.UserRole) == cast.council_sky.id)
    assert not row.flags() & Qt.ItemFlag.ItemIsEnabled
    assert "cannot boost a Mastodon post" in row.text()
    box.quote.click()  # a quote may go to either platform: as the post's link on Bluesky
    assert row.flags() & Qt.ItemFlag.ItemIsEnabled
    tick_only(box, [cast.council.id, cast.council_sky.id])
    # How each account quotes it, as each adapter answered (off the GUI thread).
    assert "@council.example.gov.uk: as the post's link" in box.routes.text()
    assert "@council@social.example.gov.uk: as a quote post" in box.routes.text()


def test_a_failed_look_up_says_why_and_keeps_the_link(
        qtbot: QtBot, desk: SafeDesk, cast: Cast, platforms: Platforms) -> None:
    servers_show(platforms, [cast.jo], Platform.MASTODON)
    window = show(qtbot, desk, cast.author)
    box = share_box(window, Pane.PERSONAL)
    missing = "https://service.example/@fire/404"
    look_up(box, qtbot, missing, cast.jo)
    assert box.post is None and not box.choices.isVisible()
    assert "found no post" in box.message.text()
    assert box.link.text() == missing and box.look_up_button.isEnabled()


def test_the_official_share_goes_to_the_queue_and_the_approver_sees_the_post(
        qtbot: QtBot, desk: SafeDesk, cast: Cast, platforms: Platforms) -> None:
    link = servers_show(platforms, [cast.council, cast.council_sky], Platform.MASTODON)
    author = show(qtbot, desk, cast.author)
    box = share_box(author, Pane.OFFICIAL)
    look_up(box, qtbot, link, cast.council)
    tick_only(box, [cast.council.id])
    box.quote.click()
    qtbot.keyClicks(box.quote_text, "Please share: the river is rising tonight.")
    assert box.share_button.words().startswith("Submit share for approval")
    qtbot.mouseClick(box.share_button, Qt.MouseButton.LeftButton)
    assert "Submitted for approval" in box.message.text()
    assert not platforms[cast.council.id].requests  # nothing out before a second person
    [waiting] = desk.queue.pending()
    assert waiting.state is DraftState.SUBMITTED
    assert waiting.content.share is not None and waiting.content.share.kind is ShareKind.QUOTE

    approver = show(qtbot, desk, cast.approver)
    queue = approver.panes[Pane.OFFICIAL].queue
    assert queue is not None
    queue.select(waiting.id)
    page = queue.detail.toPlainText()
    assert "Fire Service (@fire@service.example)" in page
    assert "River Tref is rising" in page
    assert "Please share: the river is rising tonight." in page
    dialog = queue.approve()
    assert isinstance(dialog, DecideDialog)
    restated = dialog.previews.toPlainText()
    assert "@fire@service.example" in restated and "River Tref is rising" in restated
    dialog.reject()


def boosted(qtbot: QtBot, desk: SafeDesk, cast: Cast, platforms: Platforms) -> HistoryView:
    """Jo's boost of the fire service's post from the personal pane; the pane's History."""
    link = servers_show(platforms, [cast.jo], Platform.MASTODON)
    window = show(qtbot, desk, cast.author)
    box = share_box(window, Pane.PERSONAL)
    look_up(box, qtbot, link, cast.jo)
    qtbot.mouseClick(box.share_button, Qt.MouseButton.LeftButton)
    history = window.panes[Pane.PERSONAL].history
    qtbot.waitUntil(lambda: history.tree.topLevelItemCount() == 1)
    return history


def test_undo_share_from_history(qtbot: QtBot, desk: SafeDesk, cast: Cast,
                                 platforms: Platforms) -> None:
    history = boosted(qtbot, desk, cast, platforms)
    row = history.tree.topLevelItem(0)
    assert row.text(4) == "Boost of @fire@service.example"
    assert not history.undo_share_button.isEnabled()  # nothing chosen yet
    history.tree.setCurrentItem(row)
    assert history.undo_share_button.isEnabled()
    qtbot.mouseClick(history.undo_share_button, Qt.MouseButton.LeftButton)
    dialog = history.undo_dialog
    assert dialog is not None and dialog.isVisible()
    dialog.undo_button.click()
    [publication] = desk.store.list_publications(draft_id=desk.drafts.history_entries(
        cast.author, Pane.PERSONAL)[0].publication.draft_id)
    assert publication.state is PublicationState.DELETED
    assert platforms[cast.jo.id].deleted  # the boost taken back on Jo's server
    assert history.message.text().startswith("The share is undone on every account.")


def test_the_reader_follows_the_links_platform_until_the_person_picks_one(
        qtbot: QtBot, desk: SafeDesk, cast: Cast) -> None:
    window = show(qtbot, desk, cast.author)
    box = share_box(window, Pane.OFFICIAL)
    qtbot.keyClicks(box.link, "https://bsky.app/profile/fire.example/post/3kfire")
    assert box.reader.currentData() == cast.council_sky.id
    box.link.clear()
    qtbot.keyClicks(box.link, "https://service.example/@fire/1")
    assert box.reader.currentData() == cast.council.id
    # Picked by the person: the link no longer moves it.
    box.reader.setCurrentIndex(box.reader.findData(cast.council_sky.id))
    box.reader.activated.emit(box.reader.currentIndex())
    qtbot.keyClicks(box.link, "?x=1")
    assert box.reader.currentData() == cast.council_sky.id


def test_undo_share_with_an_apology_in_ones_own_words(qtbot: QtBot, desk: SafeDesk, cast: Cast,
                                                      platforms: Platforms) -> None:
    history = boosted(qtbot, desk, cast, platforms)
    history.tree.setCurrentItem(history.tree.topLevelItem(0))
    qtbot.mouseClick(history.undo_share_button, Qt.MouseButton.LeftButton)
    dialog = history.undo_dialog
    assert dialog is not None
    dialog.with_words.setChecked(True)
    dialog.kind.setCurrentIndex(dialog.kind.findText("Apology"))
    qtbot.keyClicks(dialog.words, "Sorry: I shared that by mistake.")
    dialog.undo_button.click()
    server = platforms[cast.jo.id]
    assert [r.text for r in server.requests if r.share is None] == \
        ["Sorry: I shared that by mistake."]
    assert server.deleted  # the boost taken back once the apology is out


def test_an_admin_watches_an_account_and_its_post_shared_officially_warns(
        qtbot: QtBot, desk: SafeDesk, cast: Cast, platforms: Platforms) -> None:
    link = servers_show(platforms, [cast.council, cast.council_sky], Platform.MASTODON)
    window = show(qtbot, desk, cast.admin)
    tab = policy_tab(window)
    # The fake clock's day (21 November 2026) falls inside this period.
    type_period(tab, qtbot, ("County 2026", "2026-11-01", "2026-11-30", "Green Party"))
    tab.watched.setPlainText("@fire@service.example\n")
    qtbot.mouseClick(tab.save_button, Qt.MouseButton.LeftButton)
    assert desk.policy.current().settings.watched_accounts == ("@fire@service.example",)
    assert tab.watched.toPlainText() == "@fire@service.example"  # as stored
    box = share_box(window, Pane.OFFICIAL)
    look_up(box, qtbot, link, cast.council)
    warning = box.findings.text()
    assert "Warning" in warning and "a watched party or candidate account" in warning
    assert "(the shared post)" in warning
    assert box.share_button.isEnabled()  # a warning: the approver weighs it


def test_a_bluesky_post_whose_author_turned_quotes_off_is_not_quoted_and_the_box_says_so(
        qtbot: QtBot, desk: SafeDesk, cast: Cast, platforms: Platforms) -> None:
    post = replace(fire_post(Platform.BLUESKY, author="@fire.bsky.example"), quotes_allowed=False)
    for account in (cast.council, cast.council_sky):
        fake = SharingPlatform(account)
        fake.show(post, post.uri, post.url)
        platforms[account.id] = fake
    window = show(qtbot, desk, cast.author)
    box = share_box(window, Pane.OFFICIAL)
    look_up(box, qtbot, post.url, cast.council_sky)
    box.quote.click()
    tick_only(box, [cast.council_sky.id])
    # Said before any words are written, in the account's own line.
    assert ("@council.example.gov.uk: cannot quote it: @fire.bsky.example has turned off quotes "
            "of this post. Boost it instead.") in box.routes.text()
    box.quote_text.setPlainText("Please stay away from the river tonight.")
    before = len(desk.drafts.list(Pane.OFFICIAL))
    qtbot.mouseClick(box.share_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "has turned off quotes of this post" in box.message.text())
    assert len(desk.drafts.list(Pane.OFFICIAL)) == before  # nothing submitted
    box.boost.click()  # a boost is still the author's to allow: it goes to the queue
    tick_only(box, [cast.council_sky.id])
    qtbot.mouseClick(box.share_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(desk.drafts.list(Pane.OFFICIAL)) == before + 1)


def test_undo_share_with_the_welsh_template(qtbot: QtBot, desk: SafeDesk, cast: Cast,
                                          platforms: Platforms) -> None:
    history = boosted(qtbot, desk, cast, platforms)
    history.tree.setCurrentItem(history.tree.topLevelItem(0))
    qtbot.mouseClick(history.undo_share_button, Qt.MouseButton.LeftButton)
    dialog = history.undo_dialog
    assert dialog is not None
    assert not dialog.language.isVisibleTo(dialog)  # only with words to post
    dialog.with_words.setChecked(True)
    assert dialog.language.isVisibleTo(dialog)
    assert dialog.language.currentData() == "en-GB"  # the desk's posts are not Welsh
    dialog.language.setCurrentIndex(dialog.language.findData("cy"))
    dialog.undo_button.click()
    server = platforms[cast.jo.id]
    [apology] = [r.text for r in server.requests if r.share is None]
    assert apology.startswith("Mae'n ddrwg gen i. Fe wnes i rannu neges gan ")
    assert server.deleted


def test_the_approver_sees_the_shared_posts_pictures_and_why_one_cannot_be_shown(
        qtbot: QtBot, desk: SafeDesk, cast: Cast, platforms: Platforms, tmp_path: Path) -> None:
    with PageServer(tmp_path) as pictures:
        pictures.pages["/m/map.png"] = Page(pictures.picture((480, 240)), "image/png")
        link = servers_show(platforms, [cast.council, cast.council_sky], Platform.MASTODON,
                            replace(fire_post(Platform.MASTODON), media=(
                                SharedMedia(f"{pictures.url}/m/map.png", "The flood map"),
                                SharedMedia(f"{pictures.url}/m/gone.png", "The river at noon"))))
        author = show(qtbot, desk, cast.author)
        box = share_box(author, Pane.OFFICIAL)
        look_up(box, qtbot, link, cast.council)
        assert [label.accessibleName() for label in box.pictures.labels] == [
            "Image 1: The flood map", "Image 2: The river at noon"]
        assert box.pictures.labels[0].pixmap().width() == 240
        assert box.pictures.labels[1].text() == (
            "Image 2 cannot be shown: Its server answered 404.")
        tick_only(box, [cast.council.id])
        qtbot.mouseClick(box.share_button, Qt.MouseButton.LeftButton)
        [waiting] = desk.queue.pending()

        approver = show(qtbot, desk, cast.approver)
        queue = approver.panes[Pane.OFFICIAL].queue
        assert queue is not None
        queue.select(waiting.id)
        image = queue.detail.document().resource(
            QTextDocument.ResourceType.ImageResource,
            QUrl(f"shared-picture:{waiting.id}/1"))
        assert isinstance(image, QImage) and (image.width(), image.height()) == (240, 120)
        assert f'src="shared-picture:{waiting.id}/1"' in queue.detail.toHtml()
        page = queue.detail.toPlainText()
        assert "Image 1: The flood map" in page
        assert "Image 2: The river at noon\n(it cannot be shown: Its server answered 404.)" \
            in page
