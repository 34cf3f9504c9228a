"""``safedesk history`` reads its rows in one query along an index, streams them out, and shows
what it showed before, byte for byte."""

from __future__ import annotations

import contextlib
import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from safedesk.app import SafeDesk
from safedesk.cli.console import print_json, print_json_list, print_shown, print_shown_lines
from safedesk.core import rules
from safedesk.core.digest import content_digest
from safedesk.core.models import Content, Pane, Platform
from safedesk.storage.sqlite_store import SqliteStore
from tests.cli_support import Run
from tests.conftest import Cast


@pytest.fixture
def published(desk: SafeDesk, cast: Cast) -> SafeDesk:
    """Official posts approved and published to both accounts, and Jo's own personal posts."""
    for text in ("Bins are collected on Monday", "Library opens at 9\nSecond line",
                 'The \u201cBig\u201d \\ "Clean" \u2014 caf\u00e9\t\U0001f5d1 \u05e9\u05dc\u05d5\u05dd ' * 3):
        draft = desk.drafts.create(cast.author, Pane.OFFICIAL, Content(
            text=text, targets=(cast.council.id, cast.council_sky.id)))
        desk.drafts.submit(draft.id, cast.author)
        desk.queue.approve(draft.id, cast.approver, "sam-passphrase",
                           content_digest(desk.drafts.get(draft.id).content))
    for text in ("My own thought", "\n  Second thoughts, after a blank line"):
        personal = desk.drafts.create(cast.author, Pane.PERSONAL,
                                      Content(text=text, targets=(cast.jo.id,)))
        assert desk.publisher.publish(personal.id, cast.author).complete
    return desk


def as_before(desk: SafeDesk, cast: Cast) -> list[dict[str, object]]:
    """The rows as ``history --json`` built them before: each account and draft read apart."""
    rows: list[dict[str, object]] = []
    for publication in desk.store.list_publications():
        account = desk.store.get_account(publication.account_id)
        if not rules.may_use(account, cast.author):
            continue
        draft = desk.store.get_draft(publication.draft_id)
        text = draft.content.text.strip()
        rows.append({"publication_id": publication.id, "draft_id": draft.id,
                     "pane": publication.pane.value, "account": account.address,
                     "platform": account.platform.value, "state": publication.state.value,
                     "published_at": publication.published_at.isoformat()
                     if publication.published_at else None,
                     "url": publication.url, "error": publication.error,
                     "imported": publication.imported,
                     "text": text.splitlines()[0][:70] if text else "(no text)",
                     "approval_flag": draft.approval.flag if draft.approval else ""})
    return rows


def test_history_json_is_what_it_was(published: SafeDesk, cast: Cast, data_dir: Path,
                                     capsys: pytest.CaptureFixture[str],
                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SAFEDESK_PASSPHRASE", "jo-passphrase")
    code, out, _ = Run(data_dir, capsys, monkeypatch)("history", "--json", "--as", "Jo Author")
    assert code == 0
    before = as_before(published, cast)
    assert len(before) == 8  # 3 official posts to 2 accounts, 2 personal posts
    assert json.loads(out) == before
    assert out == json.dumps(before, ensure_ascii=False, indent=2) + "\n"  # as print_json wrote it
    sams = Run(data_dir, capsys, monkeypatch)
    monkeypatch.setenv("SAFEDESK_PASSPHRASE", "sam-passphrase")
    assert sams("history", "--pane", "personal", "--json", "--as", "Sam Approver") == (0, "[]\n", "")


@pytest.mark.parametrize("count", [0, 1, 2, 5, 6])
def test_a_listing_written_a_page_at_a_time_is_what_one_list_was(
        count: int, capsys: pytest.CaptureFixture[str]) -> None:
    rows = [{"id": f"row {n}", "text": 'A \u201cquote\u201d, "quotes", \\, \t\x01\x7f \u2028 \U0001f5d1',
             "accounts": [f"@a{n}@example.org", "@b.bsky.social"][:n % 3], "flags": [],
             "urgent": n % 2 == 0, "schedule_at": None, "attempts": n} for n in range(count)]
    print_json(rows)
    whole = capsys.readouterr().out
    print_json_list(iter(rows), page=2)
    assert capsys.readouterr().out == whole


def test_history_is_one_query(published: SafeDesk, cast: Cast,
                              monkeypatch: pytest.MonkeyPatch) -> None:
    statements: list[str] = []
    store = published.store
    assert isinstance(store, SqliteStore)
    lend = store._readers.lend  # every read borrows a connection of its own: trace each

    @contextlib.contextmanager
    def traced() -> Iterator[sqlite3.Connection]:
        with lend() as conn:
            conn.set_trace_callback(statements.append)
            try:
                yield conn
            finally:
                conn.set_trace_callback(None)

    monkeypatch.setattr(store._readers, "lend", traced)
    store.db.conn.set_trace_callback(statements.append)  # and the writer's, for any write
    try:
        entries = published.drafts.history_entries(cast.author)
    finally:
        store.db.conn.set_trace_callback(None)
    assert len(entries) == 8
    assert len([s for s in statements if s.lstrip().upper().startswith("SELECT")]) == 1, \
        statements

    # The listing (`safedesk history`): one query for every line, walked along an index in the
    # history's order (nothing sorted first); each account is read once, however many lines.
    statements.clear()
    lines = list(published.drafts.history_lines(cast.author))
    assert [line.publication_id for line, _ in lines] == [e.publication.id for e in entries]
    selects = [s for s in statements if s.lstrip().upper().startswith("SELECT")]
    [listing] = [s for s in selects if "FROM publications" in s]
    assert len(selects) == 1 + len({line.account_id for line, _ in lines}), selects
    with store._readers.lend() as conn:
        plan = " / ".join(row[3] for row in conn.execute(f"EXPLAIN QUERY PLAN {listing}"))
        # The larger page cache the listing read with is given back with the connection.
        assert conn.execute("PRAGMA cache_size").fetchone()[0] == -2000  # SQLite's default
    assert "USING INDEX publications_newest" in plan and "TEMP B-TREE" not in plan, plan
    # The live approval is found once per line, along its own index (its flag and override).
    assert plan.count("approvals_one_live") == 1, plan


def test_a_page_of_history_is_the_newest_the_person_may_see(published: SafeDesk,
                                                            cast: Cast) -> None:
    """The History tab reads a page: the newest ``limit`` entries this person may see, read a
    page at a time past others' personal posts, in the order of the whole history."""
    sams = published.accounts.register(Pane.PERSONAL, Platform.MASTODON,
                                       "https://mastodon.social", "sam", owner=cast.approver)
    others = published.drafts.create(cast.approver, Pane.PERSONAL,
                                     Content(text="Sam's own", targets=(sams.id,)))
    assert published.publisher.publish(others.id, cast.approver).complete
    whole = [e.publication.id for e in published.drafts.history_entries(cast.author)]
    assert len(whole) == 8  # Sam's personal post is not Jo's to see
    for limit in (1, 2, 5, 8, 10):
        page = published.drafts.history_entries(cast.author, limit=limit)
        assert [e.publication.id for e in page] == whole[:limit]
    official = published.drafts.history_entries(cast.author, Pane.OFFICIAL, limit=3)
    assert [e.publication.pane for e in official] == [Pane.OFFICIAL] * 3


def test_a_page_of_someone_elses_desk_history_is_one_query(
        published: SafeDesk, cast: Cast, monkeypatch: pytest.MonkeyPatch) -> None:
    """A person with few personal posts among many of a colleague's gets their page from one
    query that keeps to what they may see, not by paging through every personal post."""
    for n in range(6):
        more = published.drafts.create(cast.author, Pane.PERSONAL,
                                       Content(text=f"Jo again {n}", targets=(cast.jo.id,)))
        assert published.publisher.publish(more.id, cast.author).complete
    store = published.store
    pages: list[dict[str, object]] = []
    history = store.history

    def counted(*args: object, **kwargs: object) -> object:
        pages.append(kwargs)
        return history(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(store, "history", counted)
    assert published.drafts.history_entries(cast.approver, Pane.PERSONAL, limit=2) == []
    assert len(pages) == 1, pages
    mine = published.drafts.history_entries(cast.author, Pane.PERSONAL, limit=3)
    assert [e.text for e in mine] == ["Jo again 5", "Jo again 4", "Jo again 3"]
    assert len(pages) == 2


def test_a_time_stored_in_another_form_is_listed_as_isoformat_writes_it(
        published: SafeDesk, cast: Cast) -> None:
    """SQLite writes the time of a row in SafeDesk's own stored form; a time stored otherwise
    (another offset, a ``Z``, no fraction) is worked out by Python, so every line reads alike."""
    store = published.store
    assert isinstance(store, SqliteStore)
    stored = {"2026-03-01T10:30:00.000000+01:00": "2026-03-01T09:30:00+00:00",
              "2026-03-01T09:30:00Z": "2026-03-01T09:30:00+00:00",
              "2026-03-01T09:30:00.250000+00:00": "2026-03-01T09:30:00.250000+00:00",
              "2026-03-01T09:30:00.000000+00:00": "2026-03-01T09:30:00+00:00"}
    ids = [p.id for p in store.list_publications()][:len(stored)]
    with store.db.conn:
        for publication_id, when in zip(ids, stored, strict=True):
            store.db.conn.execute("UPDATE publications SET published_at = ? WHERE id = ?",
                                  (when, publication_id))
    shown = {line.publication_id: line.published_at
             for line, _ in published.drafts.history_lines(cast.author)}
    assert [shown[i] for i in ids] == list(stored.values())


@pytest.mark.parametrize("page", [1, 2, 500])
def test_a_text_listing_written_a_page_at_a_time_is_what_each_line_was(
        page: int, capsys: pytest.CaptureFixture[str]) -> None:
    """Made visible a page at a time, as each line alone: a carriage return that ends a line
    is shown (no line feed of its own follows it), and so is a selector or joiner at either end."""
    lines = ["plain", "ends in a carriage return\r", "\ufe0fselector first", "joiner last\u200d",
             "\u200dborder", "CR LF inside\r\nstays", "\u202e override", "", "\u2028", "last"]
    print_shown(*lines)
    each = capsys.readouterr().out
    assert "⟨U+000D⟩" in each and "⟨U+FE0F⟩" in each
    assert print_shown_lines(iter(lines), page=page)
    assert capsys.readouterr().out == each
    assert not print_shown_lines(iter([]), page=page)
    assert capsys.readouterr().out == ""
