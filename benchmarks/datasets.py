"""Desks with years of history, made through SafeDesk's own services and cached between runs.

A data set of N drafts is what a council's desk holds after N drafts went through it:
``safedesk.app.build`` on a folder of its own with a clock that steps through three years, four
people added by ``PeopleService`` (an admin, two approvers, an author), official and personal
accounts registered by ``AccountService``, and every draft created, autosaved (edited),
submitted, decided and published by ``DraftService`` and ``PublishService``, the calls the
window and the CLI make. Publishing goes through a client that answers at once
(``InstantClient``), so every publication, its attempt and its outcome are real rows with their
audit events. About 10 audit events and 1.5 publications per draft:

- 40 % personal posts by the approver or the author to their own accounts, four autosaves each;
- official posts by the author, three autosaves, submitted, approved by one of the approvers and
  published to one, two or all three official accounts; one in twenty first comes back with
  changes requested, one in thirty is rejected;
- ``waiting_for(N)`` official posts left in the queue (1,000 from 10,000 drafts up: a council's
  queue does not grow with its history), and a few unsent drafts in each pane.

A set is built in a folder of its own and renamed into the cache only when complete, keyed by its
size, ``DATA_FORMAT`` and SafeDesk's schema version. A new ``DATA_FORMAT`` builds it afresh; a
newer schema only migrates a copy of the cached set, as SafeDesk migrates a person's desk.

Building is not what is measured, so what it does beside the history is made cheap; every row is
still written by the services. The set is built on tmpfs (``/dev/shm``) when there is room, then
copied into the cache; SQLite's ``synchronous`` is off and its page cache large on the builder's
connection; and the publisher gets a journal that keeps nothing and locks that take no file
(``_SoleBuilderJournal``, ``_SoleBuilderLocks``): both guard against other processes and crashes,
which a build does not have to survive (a failed build is thrown away), and neither makes a row.
The real journal also re-read its whole file for each answer, never compacted while building, so
it made building time grow with the square of the size.
"""

from __future__ import annotations

import contextlib
import json
import shutil
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

from benchmarks.instant_client import InstantClient
from safedesk.app import SafeDesk, Settings, build
from safedesk.core.digest import content_digest
from safedesk.core.models import Account, Content, Draft, Pane, Person, Platform, Role
from safedesk.services.publishing import PublishService
from safedesk.storage.draft_locks import DraftLocks
from safedesk.storage.migrations import LATEST_VERSION
from safedesk.storage.publish_journal import JournalEntry, PublishJournal
from safedesk.storage.sqlite_store import SqliteStore
from tests.servers.fake_credentials import MemoryCredentials

DATA_FORMAT = 1  # raise when what a data set holds changes, so cached ones are built again
ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CACHE = ROOT / ".cache" / "benchmarks"
MANIFEST = "dataset.json"
QUEUE_LIMIT = 1_000
HISTORY_SPAN = timedelta(days=3 * 365)
# Where a set is built before it is copied into the cache: memory, when it has room for it.
_FAST_ROOT = Path("/dev/shm")  # noqa: S108 - a folder of our own is made inside it
_BYTES_PER_DRAFT = 10_000  # a set takes about 8 kB a draft (79 MB for 10,000)
_WRITER_CACHE_KIB = 256 * 1024  # SQLite's page cache on the builder's connection
_PROGRESS_EVERY = 10_000  # drafts between two progress lines

# Who uses the desk. The window and the CLI act as the first approver; the author writes the
# official posts, so every one waiting is the approver's to decide.
ADMIN = ("Ada Admin", Role.ADMIN)
APPROVER = ("Bo Approver", Role.APPROVER)
SECOND_APPROVER = ("Cy Approver", Role.APPROVER)
AUTHOR = ("Jo Author", Role.AUTHOR)
PASSPHRASE = "benchmark passphrase 2026"  # noqa: S105 - every benchmark person's, made up


def waiting_for(drafts: int) -> int:
    """Official drafts left waiting for approval in a set of ``drafts``."""
    return min(QUEUE_LIMIT, drafts // 10)


@dataclass(frozen=True, slots=True)
class Manifest:
    drafts: int
    waiting: int
    publications: int
    events: int
    build_s: float
    data_format: int
    schema: int
    made: str
    # Set when an older cached set was brought up to this schema by SafeDesk's own migrations
    # (as a person's desk is, by installing a new version), instead of being built again.
    upgraded_from: int | None = None


class SteppingClock:
    """The desk's clock while the history is made: a millisecond per reading, and jumps between
    drafts, so three years pass however many drafts there are."""

    def __init__(self, start: datetime) -> None:
        self.current = start

    def now(self) -> datetime:
        self.current += timedelta(milliseconds=1)
        return self.current

    def jump(self, step: timedelta) -> None:
        self.current += step


def dataset_key(drafts: int) -> str:
    return f"drafts-{drafts}-format{DATA_FORMAT}-schema{LATEST_VERSION}"


def dataset_path(drafts: int, cache: Path = DEFAULT_CACHE) -> Path:
    return cache / dataset_key(drafts)


def cached(drafts: int, cache: Path = DEFAULT_CACHE) -> Manifest | None:
    manifest = dataset_path(drafts, cache) / MANIFEST
    if not manifest.exists():
        return None
    return Manifest(**json.loads(manifest.read_text("utf-8")))


def _older_sets(drafts: int, cache: Path) -> list[tuple[int, Path]]:
    """Complete cached sets of this size and data format at an older schema, newest first."""
    prefix = f"drafts-{drafts}-format{DATA_FORMAT}-schema"
    found = []
    for folder in cache.glob(f"{prefix}*"):
        schema = folder.name.removeprefix(prefix)
        if schema.isdigit() and int(schema) < LATEST_VERSION and (folder / MANIFEST).exists():
            found.append((int(schema), folder))
    return sorted(found, reverse=True)


def _upgrade_older(drafts: int, cache: Path, say: Callable[[str], None]) -> Manifest | None:
    """Bring a cached set of an older schema up to date by opening a copy of it with SafeDesk,
    which migrates it as it migrates a person's desk after an upgrade: far quicker than making
    a hundred thousand drafts again, and the history in it is the same."""
    older = _older_sets(drafts, cache)
    if not older:
        return None
    schema, source = older[0]
    target = dataset_path(drafts, cache)
    say(f"upgrading the {drafts:,}-draft data set from schema {schema} to {LATEST_VERSION}")
    building = Path(tempfile.mkdtemp(prefix=f"{dataset_key(drafts)}.building-", dir=cache))
    try:
        shutil.copytree(source, building, dirs_exist_ok=True)
        build(Settings(data_dir(building)), credentials=MemoryCredentials()).close()
        before = Manifest(**json.loads((source / MANIFEST).read_text("utf-8")))
        manifest = replace(before, schema=LATEST_VERSION, upgraded_from=schema)
        (building / MANIFEST).write_text(json.dumps(asdict(manifest), indent=2) + "\n", "utf-8")
        building.rename(target)
    except BaseException:
        shutil.rmtree(building, ignore_errors=True)
        raise
    shutil.rmtree(source, ignore_errors=True)  # superseded: one copy of a large set is enough
    return manifest


def ensure(drafts: int, cache: Path = DEFAULT_CACHE, *,
           say: Callable[[str], None] = print) -> tuple[Path, Manifest]:
    """The cached data set of ``drafts`` drafts, built first if it is not there yet."""
    found = cached(drafts, cache)
    target = dataset_path(drafts, cache)
    if found is not None:
        return target, found
    cache.mkdir(parents=True, exist_ok=True)
    upgraded = _upgrade_older(drafts, cache, say)
    if upgraded is not None:
        return target, upgraded
    say(f"building the {drafts:,}-draft data set in {target} (once; cached afterwards)")
    building = Path(tempfile.mkdtemp(prefix=f"{dataset_key(drafts)}.building-", dir=cache))
    try:
        with _fast_folder(drafts) as fast:
            manifest = make(fast or building, drafts, say=say)
            if fast is not None:
                shutil.copytree(fast, building, dirs_exist_ok=True)
        try:
            building.rename(target)
        except OSError:  # another run finished the same set first: theirs is as good
            shutil.rmtree(building, ignore_errors=True)
            found = cached(drafts, cache)
            if found is None:
                raise
            return target, found
    except BaseException:
        shutil.rmtree(building, ignore_errors=True)
        raise
    say(f"built {drafts:,} drafts, {manifest.publications:,} publications and "
        f"{manifest.events:,} audit events in {manifest.build_s:.0f} s")
    return target, manifest


@contextlib.contextmanager
def _fast_folder(drafts: int) -> Iterator[Path | None]:
    """A folder on tmpfs to build in, removed afterwards; None when there is no room there."""
    try:
        free = shutil.disk_usage(_FAST_ROOT).free
    except OSError:
        free = 0
    if free < 2 * _BYTES_PER_DRAFT * max(drafts, 1_000):
        yield None
        return
    folder = Path(tempfile.mkdtemp(prefix="safedesk-bench-building-", dir=_FAST_ROOT))
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def data_dir(dataset: Path) -> Path:
    """The SafeDesk data folder inside a data set (``--data-dir``)."""
    return dataset / "data"


def make(folder: Path, drafts: int, *, say: Callable[[str], None] | None = None) -> Manifest:
    """Build a data set of ``drafts`` drafts in ``folder`` (which must exist); ``say`` hears how
    far it has got, every ``_PROGRESS_EVERY`` drafts."""
    started = time.perf_counter()
    end = datetime.now(UTC) - timedelta(hours=1)
    clock = SteppingClock(end - HISTORY_SPAN)
    settings = Settings(data_dir(folder))
    app = build(settings, clock=clock, credentials=MemoryCredentials(),
                clients=lambda account: InstantClient(account, clock))
    try:
        store = app.store
        if isinstance(store, SqliteStore):  # building is not what is measured
            store.db.conn.execute("PRAGMA synchronous = OFF")
            store.db.conn.execute(f"PRAGMA cache_size = -{_WRITER_CACHE_KIB}")
        writer = _HistoryWriter(app, clock)
        step = HISTORY_SPAN / max(drafts, 1)
        for plan in plans(drafts):
            clock.jump(step)
            writer.write(plan)
            if say is not None and plan.number % _PROGRESS_EVERY == _PROGRESS_EVERY - 1:
                say(f"{plan.number + 1:,} of {drafts:,} drafts written "
                    f"({time.perf_counter() - started:,.0f} s)")
        if isinstance(store, SqliteStore):
            store.db.conn.execute("PRAGMA synchronous = FULL")
            store.db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        manifest = Manifest(
            drafts=drafts, waiting=len(app.queue.pending()),
            publications=len(app.store.list_publications()),
            events=app.store.audit_head().count,
            build_s=round(time.perf_counter() - started, 1), data_format=DATA_FORMAT,
            schema=LATEST_VERSION, made=datetime.now(UTC).isoformat(timespec="seconds"))
    finally:
        app.close()
    (folder / MANIFEST).write_text(json.dumps(asdict(manifest), indent=2) + "\n", "utf-8")
    return manifest


@dataclass(frozen=True, slots=True)
class Plan:
    """What happens to one draft."""

    pane: Pane
    by_author: bool  # the author's (else the first approver's, for personal posts)
    fate: str  # "published", "waiting", "unsent", "rejected", "changes then published"
    targets: int  # how many of the pane's accounts it goes to
    number: int


def plans(drafts: int) -> Iterator[Plan]:
    """The mix, spread evenly over the history; the waiting posts are the newest."""
    waiting_from = drafts - waiting_for(drafts)
    unsent_every = 500
    for n in range(drafts):
        if n >= waiting_from:
            yield Plan(Pane.OFFICIAL, True, "waiting", 1 + n % 2, n)
        elif n % unsent_every == unsent_every - 1:
            yield Plan(Pane.PERSONAL if n % 1000 == 999 else Pane.OFFICIAL, True, "unsent", 1, n)
        elif n % 5 < 2:  # personal: 60 % to one account, 40 % to both
            yield Plan(Pane.PERSONAL, n % 3 == 0, "published", 2 if n % 5 == 1 else 1, n)
        elif n % 30 == 2:
            yield Plan(Pane.OFFICIAL, True, "rejected", 1, n)
        elif n % 20 == 3:
            yield Plan(Pane.OFFICIAL, True, "changes then published", 2, n)
        else:  # official: 50 % to one account, 35 % to two, 15 % to all three
            share = n % 20
            yield Plan(Pane.OFFICIAL, True, "published", 1 if share < 10 else 2 if share < 17
                       else 3, n)


WORDS = ("Bins are collected on Monday this week because of the bank holiday. "
         "The library on Station Road reopens at 9am with longer hours. "
         "Road works on the A38 continue until Friday; use the diversion signs. "
         "Council meeting tonight at 7pm, watch live on our website. ")


def text_for(number: int, length: int) -> str:
    start = (number * 37) % len(WORDS)
    body = (WORDS[start:] + WORDS) * 2
    return f"Update {number}: {body}"[:length]


class _HistoryWriter:
    """Each plan through the services, as people at the desk would have done it."""

    def __init__(self, app: SafeDesk, clock: SteppingClock) -> None:
        self.app = app
        people = app.people
        admin = people.add(ADMIN[0], ADMIN[1], PASSPHRASE)
        self.approvers = [people.add(name, role, PASSPHRASE, added_by=admin)
                          for name, role in (APPROVER, SECOND_APPROVER)]
        self.author = people.add(AUTHOR[0], AUTHOR[1], PASSPHRASE, added_by=admin)
        accounts = app.accounts
        self.official = [
            accounts.register(Pane.OFFICIAL, Platform.MASTODON, "https://social.council.example",
                              "council", "The Council", admin.id),
            accounts.register(Pane.OFFICIAL, Platform.MASTODON, "https://social.council.example",
                              "libraries", "Council Libraries", admin.id),
            accounts.register(Pane.OFFICIAL, Platform.BLUESKY, "https://bsky.example",
                              "council.bsky.example", "The Council", admin.id)]
        self.personal: dict[str, list[Account]] = {
            person.id: [
                accounts.register(Pane.PERSONAL, Platform.MASTODON, "https://mastodon.example",
                                  handle, person.name, person.id, owner=person),
                accounts.register(Pane.PERSONAL, Platform.BLUESKY, "https://bsky.example",
                                  f"{handle}.bsky.example", person.name, person.id,
                                  owner=person)]
            for person, handle in ((self.approvers[0], "bo"), (self.author, "jo"))}
        # The builder's own publisher: what it sends is answered at once, and the journal and
        # the locks guard against what a build never meets (see the module's docstring).
        self.publisher = PublishService(
            app.store, clock, lambda account: InstantClient(account, clock), app.media,
            _SoleBuilderJournal(app.settings.data_dir), _SoleBuilderLocks(app.settings.locks_dir),
            max_workers=1)

    def write(self, plan: Plan) -> None:
        drafts = self.app.drafts
        person = self.author if plan.by_author or plan.pane is Pane.OFFICIAL \
            else self.approvers[0]
        accounts = self.official if plan.pane is Pane.OFFICIAL else self.personal[person.id]
        targets = tuple(a.id for a in accounts[:plan.targets])
        full = text_for(plan.number, 120 + (plan.number * 53) % 150)  # Bluesky takes 300
        saves = 4 if plan.pane is Pane.PERSONAL else 3
        # Autosave writes what has been typed so far, a few times while the post is written.
        draft = drafts.create(person, plan.pane, Content(full[:20], targets))
        for n in range(1, saves + 1):
            draft = drafts.edit(draft.id, person,
                                Content(full[:len(full) * n // saves], targets))
        if plan.fate == "unsent":
            return
        if plan.pane is Pane.PERSONAL:
            self._publish(draft, person)
            return
        draft = drafts.submit(draft.id, person, urgent=plan.number % 97 == 0)
        if plan.fate == "waiting":
            return
        approver = self.approvers[plan.number % 2]
        if plan.fate == "rejected":
            drafts.reject(draft.id, approver, "Not for the council's account.")
            return
        if plan.fate == "changes then published":
            drafts.request_changes(draft.id, approver, "Please add the date.")
            draft = drafts.edit(draft.id, person,
                                Content(full + " (Monday 3 March)", targets))
            draft = drafts.submit(draft.id, person)
        draft = drafts.approve(draft.id, approver, content_digest(draft.content))
        self._publish(draft, approver)

    def _publish(self, draft: Draft, actor: Person) -> None:
        report = self.publisher.publish(draft.id, actor)
        if not report.complete:
            raise RuntimeError(f"publishing draft {draft.id} while building failed: {report}")


class _SoleBuilderJournal(PublishJournal):
    """Keeps nothing. The journal holds a server's answer when the database could not take it;
    the builder's database always takes it, or the build fails and is thrown away."""

    def prepare(self) -> None:
        pass

    def record(self, entry: JournalEntry) -> bool:  # noqa: ARG002 - the journal's signature
        return True

    def settle(self, publication_id: str) -> None:
        pass


class _SoleBuilderLocks(DraftLocks):
    """Takes no lock file: the builder is the only SafeDesk on its folder, and publishes one
    draft at a time."""

    @contextlib.contextmanager
    def publishing(self, draft_id: str) -> Iterator[None]:  # noqa: ARG002 - DraftLocks' own
        yield


def copy_to(dataset: Path, into: Path) -> Path:
    """A working copy of a data set's data folder (runs write to it; the cache stays as built)."""
    target = into / f"desk-{uuid.uuid4().hex[:8]}"
    shutil.copytree(data_dir(dataset), target)
    return target

