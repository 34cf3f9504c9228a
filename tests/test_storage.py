"""The SQLite store: round trips, migrations, bad files, atomicity and concurrency."""

from __future__ import annotations

import dataclasses
import sqlite3
import threading
from pathlib import Path

import pytest

from safedesk.app import Settings, build
from safedesk.core.digest import content_digest
from safedesk.core.errors import (
    ConcurrentChangeError,
    DataDirError,
    InvalidTransitionError,
    NotASafeDeskDatabaseError,
    NotFoundError,
    SchemaTooNewError,
    StorageError,
)
from safedesk.core.models import (
    Content,
    ContentWarningOnBluesky,
    DraftState,
    MediaItem,
    Pane,
    Platform,
    Role,
    ServerLimits,
)
from safedesk.services.people import PeopleService
from safedesk.storage.migrations import APPLICATION_ID, LATEST_VERSION
from safedesk.storage.sqlite_store import DATABASE_NAME, SqliteStore
from tests.conftest import Cast, FakeClock


def test_round_trip_of_people_accounts_and_drafts(data_dir: Path, clock: FakeClock) -> None:
    desk = build(Settings(data_dir), clock=clock)
    cast = Cast(desk)
    content = Content(
        text="Caf\u00e9 \U0001f469\U0001f3fd\u200d\U0001f4bb \u0645\u0631\u062d\u0628\u0627",
        targets=(cast.council.id, cast.council_sky.id),
        content_warning="Road works",
        language="cy",
        media=(MediaItem(sha256="ab" * 32, mime_type="image/png", alt_text="Map", filename="m.png"),),
        schedule_at=clock.current.replace(year=2027),
        reply_to="pub-1",
        cw_on_bluesky=ContentWarningOnBluesky.PREPEND,
    )
    draft = desk.drafts.create(cast.author, Pane.OFFICIAL, content)
    draft = desk.drafts.submit(draft.id, cast.author)
    draft = desk.drafts.approve(draft.id, cast.approver, content_digest(content), "Looks right")
    desk.close()

    reopened = build(Settings(data_dir), clock=clock)
    try:
        stored = reopened.drafts.get(draft.id)
        assert stored == draft
        assert stored.approval is not None and stored.approval.comment == "Looks right"
        assert {p.name for p in reopened.people.list()} == {p.name for p in cast.people}
        assert reopened.store.get_account(cast.council.id) == cast.council
        assert [a.id for a in reopened.accounts.list(Pane.PERSONAL)] == [cast.jo.id]
    finally:
        reopened.close()


def test_file_uses_wal_foreign_keys_and_is_marked_as_safedesk(desk_path: Path) -> None:
    store = SqliteStore(desk_path)
    try:
        conn = store.db.conn
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
        assert store.schema_version == LATEST_VERSION
    finally:
        store.close()


@pytest.fixture
def desk_path(data_dir: Path) -> Path:
    return data_dir / DATABASE_NAME


def test_migrates_an_empty_file(desk_path: Path) -> None:
    desk_path.parent.mkdir(parents=True)
    sqlite3.connect(desk_path).close()  # a zero-byte file, as a crashed first start leaves
    store = SqliteStore(desk_path)
    assert store.migrated_from == 0
    assert store.schema_version == LATEST_VERSION
    store.close()


@pytest.mark.parametrize("old_version", range(1, LATEST_VERSION))
def test_migrates_from_each_earlier_schema_keeping_data(desk_path: Path, clock: FakeClock,
                                                         old_version: int) -> None:
    old = SqliteStore(desk_path, clock, migrate_to=old_version)
    assert old.schema_version == old_version
    person = PeopleService(old, clock).add("Ada", Role.ADMIN, "the-passphrase")
    # An account row exactly as the first schema wrote it.
    old.db.execute(
        "INSERT INTO accounts (id, pane, platform, server, handle, display_name, created_at) "
        "VALUES ('acc-1', 'official', 'bluesky', 'https://bsky.social', 'council.example', "
        "'Council', '2026-11-01T09:00:00.000000+00:00')"
    )
    old.close()

    new = SqliteStore(desk_path, clock)
    try:
        assert new.migrated_from == old_version
        assert new.schema_version == LATEST_VERSION
        assert new.get_person(person.id).name == "Ada"
        account = new.get_account("acc-1")
        assert (account.pane, account.handle, account.display_name) == (
            Pane.OFFICIAL, "council.example", "Council")
        assert account.limits == ServerLimits()
        assert [e.action for e in new.audit_events()] == ["person.add"]
        assert new.list_accounts(Pane.OFFICIAL) == [account]
    finally:
        new.close()


def test_a_file_from_before_restricted_posts_still_changes_its_people(desk_path: Path,
                                                                       clock: FakeClock) -> None:
    """Schema 13 has no politically restricted column: a change to a person there writes the
    columns it has, and the person reads as not restricted until the file is migrated."""
    old = SqliteStore(desk_path, clock, migrate_to=13)
    people = PeopleService(old, clock)
    ada = people.add("Ada", Role.ADMIN, "the-passphrase")
    people.add("Jo", Role.AUTHOR, "jo-passphrase", added_by=ada)
    renamed = people.rename("Jo", "Joanna", ada)
    assert old.get_person(renamed.id) == renamed and not renamed.politically_restricted
    old.close()
    new = SqliteStore(desk_path, clock)
    try:
        marked = PeopleService(new, clock).set_politically_restricted("Joanna", True, ada)
        assert new.get_person(marked.id) == marked and marked.politically_restricted
    finally:
        new.close()


def test_accounts_are_refreshed_and_removed_but_never_deleted(desk_path: Path,
                                                              clock: FakeClock) -> None:
    desk = build(Settings(desk_path.parent), clock=clock)
    cast = Cast(desk)
    refreshed = dataclasses.replace(cast.council, display_name="Council",
                                    limits=ServerLimits(max_characters=5000))
    desk.accounts.refresh(refreshed)
    assert desk.accounts.get(cast.council.id).limits.max_characters == 5000
    desk.accounts.remove(cast.council.id, cast.admin)
    assert cast.council.id not in [a.id for a in desk.accounts.list()]
    assert desk.accounts.get(cast.council.id).handle == "council"  # history still resolves
    with pytest.raises(NotFoundError):
        desk.accounts.remove(cast.council.id, cast.admin)
    again = desk.accounts.register(Pane.OFFICIAL, Platform.MASTODON,
                                   "https://social.example.gov.uk", "council")
    assert again.id != cast.council.id
    actions = [e.action for e in desk.store.audit_events()][-3:]
    assert actions == ["account.refresh", "account.remove", "account.add"]
    desk.close()


def test_a_newer_schema_is_refused_untouched(desk_path: Path) -> None:
    SqliteStore(desk_path).close()
    conn = sqlite3.connect(desk_path)
    conn.execute(f"PRAGMA user_version = {LATEST_VERSION + 1}")
    conn.commit()
    conn.close()
    before = desk_path.read_bytes()
    with pytest.raises(SchemaTooNewError, match="newer SafeDesk"):
        SqliteStore(desk_path)
    assert desk_path.read_bytes() == before


def test_a_foreign_sqlite_file_is_refused(desk_path: Path) -> None:
    desk_path.parent.mkdir(parents=True)
    conn = sqlite3.connect(desk_path)
    conn.execute("CREATE TABLE recipes (name TEXT)")
    conn.commit()
    conn.close()
    with pytest.raises(NotASafeDeskDatabaseError, match="another program"):
        SqliteStore(desk_path)


def test_a_corrupt_file_is_refused(desk_path: Path) -> None:
    desk_path.parent.mkdir(parents=True)
    desk_path.write_bytes(b"this is not a database at all" * 200)
    with pytest.raises(NotASafeDeskDatabaseError, match="damaged"):
        SqliteStore(desk_path)


def test_a_data_dir_that_cannot_be_created_is_explained(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    with pytest.raises(DataDirError, match="--data-dir"):
        SqliteStore(blocker / "sub" / DATABASE_NAME)


def test_a_transition_and_its_audit_event_roll_back_together(
        desk_path: Path, clock: FakeClock, monkeypatch: pytest.MonkeyPatch) -> None:
    desk = build(Settings(desk_path.parent), clock=clock)
    cast = Cast(desk)
    draft = desk.drafts.create(cast.author, Pane.OFFICIAL,
                               Content(text="Hello", targets=(cast.council.id,)))
    head_before = desk.store.audit_head()

    def broken_append(*_args: object) -> None:
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(desk.store, "_append_event", broken_append)
    with pytest.raises(StorageError, match="cannot write"):  # in words, not SQLite's
        desk.drafts.submit(draft.id, cast.author)
    monkeypatch.undo()

    assert desk.drafts.get(draft.id).state is DraftState.DRAFT
    assert desk.drafts.get(draft.id).version == draft.version
    assert desk.store.audit_head() == head_before
    assert desk.audit.verify().intact
    desk.close()


def test_the_database_itself_refuses_a_cross_pane_target(desk_path: Path, clock: FakeClock) -> None:
    desk = build(Settings(desk_path.parent), clock=clock)
    cast = Cast(desk)
    draft = desk.drafts.create(cast.author, Pane.OFFICIAL,
                               Content(text="Hello", targets=(cast.council.id,)))
    with pytest.raises(sqlite3.IntegrityError, match="own pane"):
        desk.store.db.execute("INSERT INTO draft_targets VALUES (?, ?)", [draft.id, cast.jo.id])
    with pytest.raises(sqlite3.IntegrityError, match="stays in the pane"):
        desk.store.db.execute("UPDATE accounts SET pane = 'personal' WHERE id = ?",
                              [cast.council.id])
    desk.close()


def test_stale_version_is_refused(desk_path: Path, clock: FakeClock) -> None:
    """Two windows open on the same draft: the second save must not overwrite the first."""
    from safedesk.core import workflow

    desk = build(Settings(desk_path.parent), clock=clock)
    cast = Cast(desk)
    accounts = {a.id: a for a in cast.accounts}
    draft = desk.drafts.create(cast.author, Pane.OFFICIAL,
                               Content(text="v1", targets=(cast.council.id,)))
    first = workflow.edit(draft, cast.author, Content(text="v2", targets=(cast.council.id,)),
                          accounts, clock.now())
    second = workflow.edit(draft, cast.approver, Content(text="v3", targets=(cast.council.id,)),
                           accounts, clock.now())
    desk.store.apply(first)
    with pytest.raises(ConcurrentChangeError, match="Someone else"):
        desk.store.apply(second)
    assert desk.drafts.get(draft.id).content.text == "v2"
    desk.close()


def test_two_approvers_at_once_give_one_approval_and_one_publish(
        desk_path: Path, clock: FakeClock) -> None:
    """Two threads, each with its own connection to the same file, as two processes would."""
    desk = build(Settings(desk_path.parent), clock=clock)
    cast = Cast(desk)
    approvers = [cast.approver, cast.second_approver]
    for _round in range(5):
        draft = desk.drafts.create(cast.author, Pane.OFFICIAL,
                                   Content(text=f"Round {_round}", targets=(cast.council.id,)))
        draft = desk.drafts.submit(draft.id, cast.author)
        digest = content_digest(draft.content)
        barrier = threading.Barrier(len(approvers))
        outcomes: list[str] = []
        lock = threading.Lock()

        def approve_and_publish(person_index: int, draft_id: str = draft.id,
                                digest: str = digest, barrier: threading.Barrier = barrier,
                                outcomes: list[str] = outcomes, lock: threading.Lock = lock) -> None:
            other = build(Settings(desk_path.parent), clock=FakeClock(clock.current))
            person = approvers[person_index]
            try:
                barrier.wait()
                try:
                    other.drafts.approve(draft_id, person, digest)
                    other.drafts.start_publish(draft_id, person)
                    result = "published"
                except (ConcurrentChangeError, InvalidTransitionError) as error:
                    result = type(error).__name__
            finally:
                other.close()
            with lock:
                outcomes.append(result)

        threads = [threading.Thread(target=approve_and_publish, args=(i,)) for i in range(2)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=30)
        assert outcomes.count("published") == 1, outcomes
        rows = list(desk.store.db.query("SELECT * FROM approvals WHERE draft_id = ?", [draft.id]))
        assert len(rows) == 1
        starts = [e for e in desk.store.audit_events()
                  if e.subject == draft.id and e.action == "draft.start_publish"]
        assert len(starts) == 1
    assert desk.audit.verify().intact
    desk.close()


def test_a_transaction_sqlite_already_rolled_back_is_not_rolled_back_twice(
        desk_path: Path, clock: FakeClock) -> None:
    """After "database or disk is full" SQLite has rolled back by itself; a second ROLLBACK
    would fail ("no transaction is active") and hide the real, human message."""
    from safedesk.core.errors import StorageFullError

    store = SqliteStore(desk_path, clock)

    def fill_the_disk_mid_write() -> None:
        with store._write() as conn:
            conn.execute("ROLLBACK")  # what SQLite does itself on SQLITE_FULL
            raise sqlite3.OperationalError("database or disk is full")

    try:
        with pytest.raises(StorageFullError, match="is full"):
            fill_the_disk_mid_write()
        assert not store.db.conn.in_transaction
    finally:
        store.close()


def test_a_database_held_locked_by_another_program_is_explained(
        desk_path: Path, clock: FakeClock, monkeypatch: pytest.MonkeyPatch) -> None:
    from safedesk.core.errors import StorageBusyError

    store = SqliteStore(desk_path, clock)
    other = sqlite3.connect(desk_path, isolation_level=None)
    try:
        other.execute("BEGIN IMMEDIATE")
        store.db.conn.execute("PRAGMA busy_timeout = 50")  # not 15 s in a test
        with pytest.raises(StorageBusyError, match="busy"), store._write():
            pass
    finally:
        other.close()
        store.close()
