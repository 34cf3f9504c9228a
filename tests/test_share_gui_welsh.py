"""The sharing widgets in Welsh, with something in each: the share box with a post looked up and
a quote being written, the approver's queue page and decide dialog of an official share, and
History's row of a boost with its Undo share dialog. Nothing a Welsh speaker reads is English but
the shared post's own words and the names (``tests.i18n_walk``)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from safedesk.app import SafeDesk
from safedesk.core.digest import content_digest
from safedesk.core.errors import NotAllowedError
from safedesk.core.models import Pane, Platform, ShareKind
from safedesk.gui.decide_dialog import DecideDialog
from tests.conftest import Cast
from tests.gui_support import show
from tests.i18n_walk import english_left, welsh  # noqa: F401 - welsh: a fixture
from tests.share_support import SharingPlatform, edited, fire_post
from tests.test_share_gui import Platforms, look_up, servers_show, share_box

QUOTE = "Rhannwch y rhybudd hwn os gwelwch yn dda"  # the officer's own words, in Welsh


@pytest.mark.usefixtures("welsh")
def test_the_sharing_widgets_show_no_english(qtbot: QtBot, desk: SafeDesk, cast: Cast,
                                             platforms: Platforms) -> None:
    link = servers_show(platforms, [cast.jo, cast.council, cast.council_sky], Platform.MASTODON)
    post = fire_post()
    names = (post.text, post.text[:60], post.author, post.author_name, post.url, link,
             *(p.name for p in cast.people), *(a.address for a in desk.accounts.list()),
             # An approval's flag is recorded, and shown, as written.
             *(flag for p in cast.people if (flag := desk.people.standing(p).flag)))
    window = show(qtbot, desk, cast.author)
    found: list[str] = []

    box = share_box(window, Pane.OFFICIAL)
    look_up(box, qtbot, link, cast.council)
    assert box.post is not None, box.message.text()
    box.targets.set_chosen([cast.council.id, cast.council_sky.id])
    box.quote.click()
    qtbot.keyClicks(box.quote_text, QUOTE)
    found += english_left(box, names)
    qtbot.mouseClick(box.share_button, Qt.MouseButton.LeftButton)
    found += english_left(box.message, names)

    [waiting] = desk.queue.pending()
    queue = show(qtbot, desk, cast.approver).panes[Pane.OFFICIAL].queue
    assert queue is not None
    queue.select(waiting.id)
    found += english_left(queue.detail, names)
    dialog = queue.approve()
    assert isinstance(dialog, DecideDialog)
    found += english_left(dialog, names)
    dialog.reject()

    # A personal boost, its History row and the Undo share dialog.
    personal = share_box(window, Pane.PERSONAL)
    jo_post = desk.sharing.read(link, cast.jo.id, cast.author)
    desk.sharing.share(jo_post, ShareKind.BOOST, [cast.jo.id], cast.author, Pane.PERSONAL)
    found += english_left(personal, names)
    history = window.panes[Pane.PERSONAL].history
    history.reload()
    qtbot.waitUntil(lambda: history.tree.topLevelItemCount() >= 1)
    history.tree.setCurrentItem(history.tree.topLevelItem(0))
    found += english_left(history, names)
    undo = history.open_undo_share()
    assert undo is not None
    undo.with_words.setChecked(True)
    found += english_left(undo, names)
    undo.reject()
    assert found == []


@pytest.mark.usefixtures("welsh")
def test_a_share_that_came_back_shows_no_english(qtbot: QtBot, desk: SafeDesk, cast: Cast,
                                                 platforms: Platforms) -> None:
    """Sent back because its post was edited after approval: opened from My submissions in the
    share box, the note why and the button to resubmit are Welsh, the stored note included."""
    link = servers_show(platforms, [cast.council], Platform.MASTODON)
    post = desk.sharing.read(link, cast.council.id, cast.author)
    draft = desk.sharing.share(post, ShareKind.BOOST, [cast.council.id], cast.author,
                               Pane.OFFICIAL).draft
    desk.drafts.approve(draft.id, cast.approver, content_digest(draft.content))
    fake = platforms[cast.council.id]
    assert isinstance(fake, SharingPlatform)
    fake.show(edited(post, "Rhybudd llifogydd: mae'r ffordd ar gau heno."), post.uri, post.url)
    with pytest.raises(NotAllowedError):
        desk.publisher.publish(draft.id, cast.approver)
    window = show(qtbot, desk, cast.author)
    submissions = window.panes[Pane.OFFICIAL].submissions
    assert submissions is not None
    submissions.refresh()
    submissions.select(draft.id)
    submissions.edit()
    box = window.panes[Pane.OFFICIAL].share_box
    assert box.revising is not None
    names = (post.text, post.author, post.author_name, post.url, link, cast.council.address,
             *(p.name for p in cast.people))
    found = english_left(box, names)
    qtbot.mouseClick(box.look_up_button, Qt.MouseButton.LeftButton)
    assert box.share_button.isEnabled(), box.message.text()
    found += english_left(box, (*names, "Rhybudd llifogydd: mae'r ffordd ar gau heno."))
    assert found == []
