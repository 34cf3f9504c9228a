"""What the window's lists read is found along an index, whatever the length of the history:
My submissions' decided page along the author's own index, the live states (unsent, waiting,
scheduled) along (pane, state), the team server's History page along its order. Checked by the
database's plan for the very queries the stores send."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import pytest

from safedesk.app import SafeDesk
from safedesk.core.digest import content_digest
from safedesk.core.models import Content, DraftState, Pane
from safedesk.storage.sqlite_store import SqliteStore
from safedesk.team.pg_store import PgStore
from tests.conftest import Cast
from tests.team_support import Team


def plans(store: SqliteStore, monkeypatch: pytest.MonkeyPatch,
          read: Callable[[], object]) -> list[tuple[str, str]]:
    """Every drafts query ``read()`` sent, with SQLite's plan for it."""
    sent: list[tuple[str, list[object]]] = []
    rows = store._rows

    def traced(sql: str, params: Sequence[object] = ()) -> list[dict[str, object]]:
        sent.append((sql, list(params)))
        return rows(sql, params)

    monkeypatch.setattr(store, "_rows", traced)
    read()
    monkeypatch.undo()
    with store._readers.lend() as conn:
        return [(sql, " / ".join(row[3] for row in conn.execute(f"EXPLAIN QUERY PLAN {sql}",
                                                                 params)))
                for sql, params in sent if sql.startswith("SELECT * FROM drafts WHERE")]


def test_each_drafts_view_reads_along_an_index(desk: SafeDesk, cast: Cast,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    store = desk.store
    assert isinstance(store, SqliteStore)
    targets = (cast.council.id,)
    for text in ("Bins on Monday", "Library at 9"):
        draft = desk.drafts.submit(desk.drafts.create(cast.author, Pane.OFFICIAL,
                                                      Content(text, targets)).id, cast.author)
        desk.queue.approve(draft.id, cast.approver, "sam-passphrase",
                           content_digest(draft.content))
    desk.drafts.submit(desk.drafts.create(cast.author, Pane.OFFICIAL,
                                          Content("Road works", targets)).id, cast.author)
    desk.drafts.create(cast.author, Pane.PERSONAL, Content("A thought", (cast.jo.id,)))

    outcomes = plans(store, monkeypatch, lambda: desk.queue.outcomes_for(cast.author))
    [(_sql, decided)] = outcomes
    # One author's newest page: walked newest first along their index, stopped at its end,
    # never every published post sorted first.
    assert "USING INDEX drafts_author_newest" in decided and "TEMP B-TREE" not in decided, \
        decided
    assert len(desk.queue.outcomes_for(cast.author)) == 2  # the two approved (and sent)

    live = plans(store, monkeypatch, lambda: (desk.queue.in_progress_for(cast.author),
                                              desk.drafts.unsent(Pane.PERSONAL, cast.author),
                                              desk.drafts.unsent(Pane.OFFICIAL, cast.author)))
    assert len(live) == 4, live
    for sql, plan in live:
        # A few live drafts: found by state, not by walking all the author ever wrote.
        assert "USING INDEX idx_drafts_pane_state" in plan, (sql, plan)


def pg_plans(team: Team, store: PgStore, monkeypatch: pytest.MonkeyPatch,
             read: Callable[[], object]) -> list[str]:
    """PostgreSQL's plan for each query ``read()`` sent, with sequential scans off: tables this
    small are otherwise read whole whatever the indexes."""
    sent: list[tuple[str, object]] = []
    rows = store._read

    def traced(query: str, params: Any, as_stored: bool) -> list[dict[str, Any]]:
        sent.append((query, params))
        return rows(query, params, as_stored)

    monkeypatch.setattr(store, "_read", traced)
    read()
    monkeypatch.undo()
    with team.raw("Jo") as raw:
        raw.execute("SET enable_seqscan = off")
        return ["\n".join(str(row[0]) for row in raw.execute(f"EXPLAIN {query}".encode(),
                                                               params))  # type: ignore[arg-type]
                for query, params in sent]


def test_the_team_servers_decided_page_walks_the_authors_index(
        team: Team, monkeypatch: pytest.MonkeyPatch) -> None:
    store = team.store("Jo")
    jo = store.get_person(store.whoami().person_id)
    [plan] = pg_plans(team, store, monkeypatch, lambda: store.list_drafts(
        Pane.OFFICIAL, {DraftState.PUBLISHED, DraftState.APPROVED}, author_id=jo.id,
        newest=200))
    assert "drafts_author_newest" in plan and "Sort" not in plan, plan


def test_the_team_servers_history_page_walks_its_index(team: Team,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """The official History tab on a team desk: a page of the newest publications, read along
    the history's own index instead of sorting every publication first."""
    store = team.store("Jo")
    plans = pg_plans(team, store, monkeypatch, lambda: (
        store.history(Pane.OFFICIAL, limit=300, offset=300), store.list_publications(limit=300)))
    assert len(plans) == 2
    for plan in plans:
        assert "publications_newest" in plan and "Sort" not in plan, plan
