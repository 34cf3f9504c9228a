"""The team's live feed: a desk hears what another desk wrote, through NOTIFY, within a second,
and keeps hearing after the server dropped its connection."""

from __future__ import annotations

import queue
import time
from collections.abc import Iterator

import pytest

from safedesk.core.messages import say
from safedesk.core.models import Account, Content, Pane
from safedesk.core.ports import SystemClock
from safedesk.i18n.catalog import translator
from safedesk.i18n.languages import WELSH
from safedesk.services.drafts import DraftService
from safedesk.team.connection import open_connection
from safedesk.team.live import TeamChange, TeamListener, parse_change
from tests.pg_fixtures import PgDatabase
from tests.team_support import Team, official_account, person_of

STATUS_TIMEOUT_S = 10.0


class Heard:
    """What a listener passed on, as it arrived on its thread."""

    def __init__(self, listener: TeamListener) -> None:
        self.changes: queue.Queue[TeamChange] = queue.Queue()
        self.statuses: queue.Queue[tuple[bool, str]] = queue.Queue()
        listener.on_change(self.changes.put)
        listener.on_status(lambda connected, words: self.statuses.put((connected, words)))

    def change_about(self, subject: str, timeout: float) -> TeamChange:
        deadline = time.monotonic() + timeout
        while (left := deadline - time.monotonic()) > 0:
            try:
                change = self.changes.get(timeout=left)
            except queue.Empty:
                break
            if change.id == subject:
                return change
        raise AssertionError(f"no announcement about {subject} within {timeout} s")

    def status(self) -> tuple[bool, str]:
        return self.statuses.get(timeout=STATUS_TIMEOUT_S)


@pytest.fixture
def sam_listens(team: Team) -> Iterator[tuple[TeamListener, Heard]]:
    listener = TeamListener.for_store(team.store("Sam"))
    heard = Heard(listener)
    listener.start()
    assert heard.status() == (True, "")
    yield listener, heard
    listener.stop()


def submit_as_jo(team: Team, account: Account, text: str) -> tuple[str, float]:
    """Jo submits an official draft from a store of her own; (its id, when the write returned)."""
    jo_store = team.store("Jo")
    jo = person_of(jo_store)
    drafts = DraftService(jo_store, SystemClock())
    draft = drafts.create(jo, Pane.OFFICIAL, Content(text, (account.id,)))
    drafts.submit(draft.id, jo)
    return draft.id, time.monotonic()


def test_a_draft_another_desk_submits_is_heard_within_a_second(
        team: Team, sam_listens: tuple[TeamListener, Heard]) -> None:
    _listener, heard = sam_listens
    account = official_account(team)
    draft_id, written = submit_as_jo(team, account, "Bins go out on Tuesday.")
    change = heard.change_about(draft_id, timeout=1.0)
    # The create comes first, then the submit: wait for the submit itself.
    while change.state != "submitted":
        change = heard.change_about(draft_id, timeout=1.0 - (time.monotonic() - written))
    assert change.kind == "draft"
    assert change.version is not None and change.version >= 2
    assert time.monotonic() - written < 1.0


def test_the_listener_reconnects_after_the_server_drops_it(
        team: Team, pg_database: PgDatabase, sam_listens: tuple[TeamListener, Heard]) -> None:
    listener, heard = sam_listens
    account = official_account(team)
    assert pg_database.terminate_backends() >= 1
    connected, words = heard.status()
    assert not connected
    assert "Live updates paused" in str(words) and "reconnect" in str(words)
    assert heard.status() == (True, "")
    assert listener.connections == 2
    draft_id, _written = submit_as_jo(team, account, "Library opens late on Monday.")
    assert heard.change_about(draft_id, timeout=1.0).kind == "draft"


def test_a_wrong_password_is_said_in_words_and_retried(team: Team) -> None:
    # As if the password had been changed on the server since this desk joined.
    listener = TeamListener(lambda: open_connection(team.conninfo("Kim"),
                                                    password="not-kims-password"))
    heard = Heard(listener)
    listener.start()
    try:
        connected, words = heard.status()
        assert not connected
        assert "refused the password" in str(words)
        # The notice is said in the person's language, the server's refusal too.
        welsh = say(words, translator(WELSH))
        assert welsh.startswith("Diweddariadau byw wedi\u2019u hoedi: ")
        assert "Mae SafeDesk yn dal i geisio ailgysylltu." in welsh and "refused" not in welsh
    finally:
        listener.stop()
    assert listener.connections == 0


def test_stop_ends_the_thread_promptly(team: Team) -> None:
    listener = TeamListener.for_store(team.store("Kim"))
    heard = Heard(listener)
    listener.start()
    assert heard.status() == (True, "")
    started = time.monotonic()
    listener.stop()
    assert time.monotonic() - started < 1.0
    assert not listener.connected


@pytest.mark.parametrize("payload", ["not json", "[]", '{"kind": "draft"}',
                                     '{"kind": 3, "id": "x"}'])
def test_an_announcement_it_does_not_understand_is_ignored(payload: str) -> None:
    assert parse_change(payload) is None


def test_an_announcement_is_read_whole() -> None:
    assert parse_change('{"kind": "draft", "id": "d1", "state": "approved", "version": 4}') \
        == TeamChange("draft", "d1", "approved", 4)
    assert parse_change('{"kind": "person", "id": "p1"}') == TeamChange("person", "p1")
