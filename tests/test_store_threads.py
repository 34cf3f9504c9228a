"""SQLite from several threads: reads never wait behind a write (nor behind another program's
write lock), each thread sees what was committed, a write sees its own rows, the change marker
sees every commit, and closing the store leaves no connection to the file open."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import threading
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TypeVar

import pytest

from safedesk.core.errors import NotASafeDeskDatabaseError
from safedesk.core.models import Pane, Person, Role
from safedesk.core.workflow import PendingEvent
from safedesk.storage.sqlite_store import DATABASE_NAME, SqliteStore
from tests.conftest import FakeClock

T = TypeVar("T")
WAIT_S = 30.0  # a bound for a test that went wrong, never a measure of speed

# Another program holding SQLite's write lock on the file until told (a line on its stdin).
HOLD_THE_WRITE_LOCK = """
import sqlite3, sys
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("BEGIN IMMEDIATE")
print("locked", flush=True)
sys.stdin.readline()
conn.execute("COMMIT")
"""
# Another program's write.
CHANGE_A_PASSPHRASE = """
import sqlite3, sys
conn = sqlite3.connect(sys.argv[1])
conn.execute("UPDATE people SET passphrase_hash = 'y'")
conn.commit()
"""


@pytest.fixture
def store(data_dir: Path, clock: FakeClock) -> Iterator[SqliteStore]:
    opened = SqliteStore(data_dir / DATABASE_NAME, clock)
    yield opened
    opened.close()


def person(name: str, clock: FakeClock) -> Person:
    return Person(id=str(uuid.uuid4()), name=name, role=Role.AUTHOR, passphrase_hash="x",
                  created_at=clock.now())


def add(store: SqliteStore, who: Person) -> None:
    store.add_person(who, PendingEvent("setup", "person.add", who.id, {"name": who.name}))


def on_another_thread(work: Callable[[], T]) -> T:
    """``work``'s result, computed on a thread of its own (as a worker's read is)."""
    results: list[T] = []
    errors: list[BaseException] = []

    def run() -> None:
        try:
            results.append(work())
        except BaseException as error:  # noqa: BLE001 - handed back to the test
            errors.append(error)

    thread = threading.Thread(target=run)
    thread.start()
    thread.join(WAIT_S)
    assert not thread.is_alive(), "the read did not return"
    if errors:
        raise errors[0]
    return results[0]


class OtherProgram:
    """Another process holding SQLite's write lock on the file until ``release()``."""

    def __init__(self, path: Path) -> None:
        self.process = subprocess.Popen([sys.executable, "-c", HOLD_THE_WRITE_LOCK, str(path)],
                                        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        assert self.process.stdout is not None
        assert self.process.stdout.readline().strip() == "locked"

    def release(self) -> None:
        assert self.process.stdin is not None
        self.process.stdin.write("\n")
        self.process.stdin.flush()
        assert self.process.wait(WAIT_S) == 0


def connections_to(path: Path) -> int:
    """How many file descriptors of this process are open on ``path`` (one per connection)."""
    target = path.resolve()
    count = 0
    for fd in Path("/proc/self/fd").iterdir():
        try:
            if fd.readlink() == target:
                count += 1
        except OSError:
            continue  # closed while listed
    return count


def test_reads_return_while_a_worker_waits_for_another_programs_write_lock(
        store: SqliteStore, clock: FakeClock) -> None:
    add(store, person("Ada", clock))
    marker = store.change_marker()
    other = OtherProgram(store.path)
    worker_errors: list[BaseException] = []

    def write_on_a_worker() -> None:
        try:
            add(store, person("Bo", clock))  # waits for the other program's lock
        except BaseException as error:  # noqa: BLE001 - checked below
            worker_errors.append(error)

    worker = threading.Thread(target=write_on_a_worker)
    try:
        worker.start()
        # The worker holds the store's write lock from here, waiting on SQLite's.
        while store._lock.acquire(blocking=False):
            store._lock.release()
            assert worker.is_alive()
        # What the GUI thread reads meanwhile comes back while the worker is still waiting.
        # Had any of it waited for the write lock, it could return only once the worker gave
        # up (StorageBusyError, checked below).
        assert [p.name for p in store.list_people()] == ["Ada"]
        assert store.list_drafts(Pane.OFFICIAL) == []
        assert store.change_marker() == marker
        assert store.schema_version > 0
        assert worker.is_alive()
    finally:
        other.release()
    worker.join(WAIT_S)
    assert not worker.is_alive() and worker_errors == []
    assert [p.name for p in store.list_people()] == ["Ada", "Bo"]
    assert store.change_marker() != marker


def test_a_write_reads_its_own_rows_and_other_threads_see_them_once_committed(
        store: SqliteStore, clock: FakeClock) -> None:
    bo = person("Bo", clock)
    with store._write() as conn:
        store._insert(conn, "people", {"id": bo.id, "name": bo.name, "name_key": "bo",
                                       "role": bo.role.value, "passphrase_hash": "x",
                                       "created_at": "2026-01-01T00:00:00+00:00"})
        # This thread, inside the write, sees the row before it is committed...
        assert store.find_person("Bo") is not None
        assert [p.name for p in store.list_people()] == ["Bo"]
        # ...another thread, reading the last commit, does not (and did not wait).
        assert on_another_thread(lambda: store.find_person("Bo")) is None
    assert on_another_thread(lambda: store.get_person(bo.id)).name == "Bo"


def test_the_change_marker_moves_for_every_commit_whichever_thread_asks(
        store: SqliteStore, clock: FakeClock) -> None:
    marker = store.change_marker()
    assert on_another_thread(store.change_marker) == marker  # nothing changed
    assert store.change_marker() == marker

    add(store, person("Ada", clock))  # this store's own write
    after_own = on_another_thread(store.change_marker)
    assert after_own != marker
    assert store.change_marker() == after_own

    # Another program's write, which this store's own count cannot know of.
    subprocess.run([sys.executable, "-c", CHANGE_A_PASSPHRASE, str(store.path)], check=True)
    after_other = store.change_marker()
    assert after_other != after_own
    assert after_other[1] == after_own[1]  # seen through SQLite's count alone
    assert on_another_thread(store.change_marker) == after_other


def test_close_leaves_no_connection_to_the_file_open(store: SqliteStore, clock: FakeClock) -> None:
    add(store, person("Ada", clock))
    store.change_marker()
    in_snapshot, done = threading.Event(), threading.Event()

    def read_slowly() -> list[str]:
        with store._readers.snapshot():
            names = [p.name for p in store.list_people()]
            in_snapshot.set()
            assert done.wait(WAIT_S)
            return names

    slow = threading.Thread(target=read_slowly)
    slow.start()
    assert in_snapshot.wait(WAIT_S)
    # A second read at the same time has a connection of its own.
    assert on_another_thread(lambda: [p.name for p in store.list_people()]) == ["Ada"]
    assert connections_to(store.path) >= 4  # writer, change watcher, two readers

    store.close()  # while a read is still under way: it keeps its connection until it ends
    done.set()
    slow.join(WAIT_S)
    assert not slow.is_alive()
    assert connections_to(store.path) == 0


def test_a_file_damaged_while_open_is_named_as_such_by_a_read(
        store: SqliteStore, clock: FakeClock) -> None:
    with store.path.open("r+b") as file:
        file.write(b"this is not SQLite" * 10)
    with pytest.raises(NotASafeDeskDatabaseError, match="damaged or is not a SafeDesk database"):
        on_another_thread(store.list_people)
    with pytest.raises(NotASafeDeskDatabaseError, match="damaged or is not a SafeDesk database"):
        store.change_marker()


def test_the_read_connections_refuse_to_write(store: SqliteStore) -> None:
    with store._readers.lend() as db, pytest.raises(sqlite3.OperationalError, match="readonly"):
        db.execute("DELETE FROM people")
