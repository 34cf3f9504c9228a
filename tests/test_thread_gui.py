"""Threads through the compose box a person uses: the counts line offers the split when a post is
too long, the parts appear (editable) and in the preview per platform, Send publishes them in
order on the real servers, and an official thread is submitted, shown whole to the approver,
approved as one unit and published part by part."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from safedesk.app import SafeDesk
from safedesk.core.digest import content_digest
from safedesk.core.models import DraftState, Pane
from safedesk.gui.compose import ComposeBox
from safedesk.gui.main_window import MainWindow
from tests.bluesky_support import list_records
from tests.conftest import Cast
from tests.fake_platform import FakePlatform
from tests.gui_support import show as open_as
from tests.servers.mastodon_server import MastodonTestServer
from tests.servers.pds_harness import PdsServer
from tests.test_desk_live import add_bluesky, add_mastodon
from tests.test_queue_gui import decide, queue_of

LONG = " ".join(f"Point {n}: the recycling centre on Mill Lane keeps its winter hours until "
                "the end of March." for n in range(1, 9))  # about 700 characters


def type_long_post(compose: ComposeBox, targets: list[str]) -> None:
    compose.set_targets(targets)
    compose.text.setPlainText(LONG)
    assert "Too long for" in compose.counts.text()
    assert not compose.send_button.isEnabled()
    assert compose.thread_editor.split_button.isVisible()  # the way out, beside the counts
    assert "“Split into a thread” sends it as numbered parts" in compose.counts.text()


def test_split_edit_preview_and_send_a_personal_thread_to_both_servers(
        qtbot: QtBot, live_window: MainWindow, mastodon: MastodonTestServer,
        pds: PdsServer) -> None:
    masto = add_mastodon(qtbot, live_window, Pane.PERSONAL, mastodon, "jo")
    owner = pds.create_account("jothreadgui")
    sky = add_bluesky(qtbot, live_window, Pane.PERSONAL, pds, owner)
    compose = live_window.panes[Pane.PERSONAL].compose
    type_long_post(compose, [masto.id, sky.id])

    compose.thread_editor.split_button.click()
    boxes = compose.thread_editor.boxes
    total = len(boxes) + 1
    assert total >= 3  # Bluesky's 300 sets the size of every part
    assert compose.text.toPlainText().endswith(f" 1/{total}")
    assert compose.send_button.isEnabled(), compose.counts.text()
    assert not compose.thread_editor.split_button.isVisible()
    assert compose.thread_editor.join_button.isVisible()
    assert boxes[0].accessibleName() == "Personal thread part 2"
    # The person edits a part; it must still fit, and what is sent is what they typed.
    boxes[0].setPlainText(boxes[0].toPlainText().replace("Point", "Item", 1))
    compose.render_preview()
    preview = compose.preview.toPlainText()
    assert f"{sky.address} on Bluesky" in preview and f"{masto.address} on Mastodon" in preview
    assert preview.count(f"part {total}:") == 2  # every part, under each platform
    assert "Item" in preview
    parts = [compose.text.toPlainText(), *(box.toPlainText() for box in boxes)]

    compose.send()
    pane = live_window.panes[Pane.PERSONAL]
    assert "Published everywhere." in pane.progress.title.text()
    statuses = sorted(mastodon.statuses_for("jo"), key=lambda s: int(s["id"]))
    assert [s["text"] for s in statuses] == parts
    assert [s["in_reply_to_id"] for s in statuses] == [None, *(s["id"] for s in statuses[:-1])]
    records = sorted(list_records(pds, owner.did), key=lambda r: r["uri"])
    assert [r["value"]["text"] for r in records] == parts
    assert [r["value"].get("reply", {}).get("parent", {}).get("uri") for r in records] == \
        [None, *(r["uri"] for r in records[:-1])]


def test_join_puts_the_parts_back_as_one_post(qtbot: QtBot, desk: SafeDesk, cast: Cast) -> None:
    window = open_as(qtbot, desk, cast.author)
    compose = window.panes[Pane.OFFICIAL].compose
    type_long_post(compose, [cast.council_sky.id])
    compose.text.setPlainText(LONG + " The helpline is open 24/7")
    compose.thread_editor.split_button.click()
    assert compose.content().thread
    compose.thread_editor.join_button.click()
    assert compose.content().thread == ()
    joined = compose.text.toPlainText()
    # The words as typed, the split's numbers gone (a number of the person's own stays).
    assert " ".join(joined.split()) == LONG + " The helpline is open 24/7"
    assert "\n\n" in joined  # the parts' ends stay as paragraph breaks
    assert compose.thread_editor.split_button.isVisible()


def test_an_official_thread_is_approved_as_one_unit_and_published_in_order(
        qtbot: QtBot, desk: SafeDesk, cast: Cast, platforms: dict[str, FakePlatform]) -> None:
    author = open_as(qtbot, desk, cast.author)
    compose = author.panes[Pane.OFFICIAL].compose
    type_long_post(compose, [cast.council.id, cast.council_sky.id])
    compose.thread_editor.split_button.click()
    saved = compose.save_now()
    assert saved is not None
    compose.send()
    assert "Submitted for approval" in compose.notice.text(), compose.notice.text()
    draft = desk.drafts.get(saved.id)
    parts = [draft.content.text, *draft.content.thread]
    assert len(parts) >= 3

    approver = open_as(qtbot, desk, cast.approver)  # the approver opens SafeDesk
    panel = queue_of(approver)
    assert panel.list.count() == 1, [panel.list.item(i).text() for i in range(panel.list.count())]
    panel.select(draft.id)
    page = panel.detail.toPlainText()
    for part in parts[1:]:
        assert " ".join(part.split()) in " ".join(page.split())  # the approver sees every part
    dialog = decide(panel, "approve", "sam-passphrase")
    assert dialog.fingerprint.text() == content_digest(draft.content)[:12]
    assert "Approved and published." in panel.outcome.text(), panel.outcome.text()
    approved = desk.drafts.get(draft.id)
    assert approved.state is DraftState.PUBLISHED
    assert approved.approval is not None
    assert approved.approval.digest == content_digest(draft.content)
    for account in (cast.council, cast.council_sky):
        requests = platforms[account.id].requests
        assert [r.text for r in requests] == parts
        posted = list(platforms[account.id].posts.values())
        assert [r.reply_to.remote_id if r.reply_to else None for r in requests] == \
            [None, *(p.ref.remote_id for p in posted[:-1])]
        assert len({r.idempotency_key for r in requests}) == len(parts)


def test_going_over_the_limit_says_the_way_out_aloud(qtbot: QtBot, desk: SafeDesk,
                                                     cast: Cast) -> None:
    window = open_as(qtbot, desk, cast.author)
    said: list[str] = []
    window.session.announcer.said.connect(lambda words, _urgent: said.append(words))
    compose = window.panes[Pane.OFFICIAL].compose
    compose.set_targets([cast.council_sky.id])
    compose.text.setPlainText(LONG)
    assert any("Too long for Bluesky" in w and "Split into a thread" in w for w in said), said
    compose.thread_editor.split_button.click()
    assert said[-1] == "The post fits every chosen account again."
    assert "Split into a thread" not in compose.counts.text()
