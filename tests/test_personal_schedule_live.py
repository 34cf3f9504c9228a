"""Personal scheduling against the real servers: Jo schedules a cross-post in the personal
compose box, and the window's timer publishes it at its time, once, to the Mastodon test server
and the reference PDS. SafeDesk's clock is faked (it starts at the real time and is moved on),
so the test need not wait; the servers keep their own time."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from safedesk.app import SafeDesk, Settings, build
from safedesk.core.models import DraftState, Pane, Role
from safedesk.gui.schedule_field import to_qt
from tests.bluesky_support import list_records
from tests.conftest import FakeClock
from tests.gui_support import show as open_as
from tests.servers.fake_credentials import credential_store
from tests.servers.mastodon_server import MastodonTestServer
from tests.servers.pds_harness import PdsServer
from tests.test_desk_live import add_bluesky, add_mastodon


@pytest.fixture
def desk_clock() -> FakeClock:
    return FakeClock(datetime.now(UTC))


@pytest.fixture
def timed_desk(data_dir: Path, desk_clock: FakeClock) -> Iterator[SafeDesk]:
    """SafeDesk with the real platform adapters, on a clock the test moves on."""
    app = build(Settings(data_dir), clock=desk_clock, credentials=credential_store())
    yield app
    app.close()


def test_the_timer_publishes_a_scheduled_personal_post_once_on_both_servers(
        qtbot: QtBot, timed_desk: SafeDesk, desk_clock: FakeClock, mastodon: MastodonTestServer,
        pds: PdsServer) -> None:
    jo = timed_desk.people.add("Jo", Role.ADMIN, "jo-passphrase")
    window = open_as(qtbot, timed_desk, jo)
    toot = add_mastodon(qtbot, window, Pane.PERSONAL, mastodon, "jo")
    owner = pds.create_account("joplan")
    sky = add_bluesky(qtbot, window, Pane.PERSONAL, pds, owner)

    compose = window.panes[Pane.PERSONAL].compose
    compose.set_targets([toot.id, sky.id])
    compose.text.setPlainText("Open gardens this Sunday, 10 till 4")
    compose.schedule.enabled.setChecked(True)
    when = (desk_clock.current + timedelta(hours=1)).replace(second=0, microsecond=0)
    compose.schedule.when.setDateTime(to_qt(when))
    assert compose.send_button.words().startswith(
        f"Schedule as {toot.address} and {sky.address} for ")
    compose.send()
    assert "Scheduled for" in compose.notice.text(), compose.notice.text()
    [draft] = timed_desk.scheduled.scheduled_for(jo)

    window.watcher.publish_due()
    assert mastodon.statuses_for("jo") == []
    assert list_records(pds, owner.did) == []

    desk_clock.advance(hours=1, seconds=30)
    window.watcher.publish_due()  # what the 30-second timer does
    assert [s["text"] for s in mastodon.statuses_for("jo")] == [
        "Open gardens this Sunday, 10 till 4"]
    assert [r["value"]["text"] for r in list_records(pds, owner.did)] == [
        "Open gardens this Sunday, 10 till 4"]
    assert timed_desk.drafts.get(draft.id).state is DraftState.PUBLISHED

    desk_clock.advance(minutes=1)
    window.watcher.publish_due()  # the next round sends nothing again
    assert len(mastodon.statuses_for("jo")) == 1
    assert len(list_records(pds, owner.did)) == 1
