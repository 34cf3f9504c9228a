"""Team mode at the size of a busy council: 10,000 official drafts, 20 desks listening.

A real PostgreSQL (``tests/pg_server.py``: Debian's package, a fresh cluster on 127.0.0.1) is set
up as an admin sets up a team: ``team init`` (``safedesk.team.admin.init_team``), then people
added with ``add_person`` through the admin's own login: an author (Jo), an approver (Sam), a
publisher who adds the one official account, and one person per listening desk. Jo then writes
the official drafts through the real team store (``PgStore.apply`` of the workflow's own changes:
every row is made by the server's ``create_draft``/``change_draft`` functions, with its audit
event), in several connections at once, and submits one in ten. Setup is not measured.

While it is being built, the cluster runs with durability off (as the tests' server does); for
the measurements ``fsync``, ``synchronous_commit`` and ``full_page_writes`` are switched back on
and the server restarted, so each commit costs what it costs on a real server. Each operation
runs once unmeasured first, so the numbers are of a server that has been up for a while.

Measured, with the desks (``benchmarks/team_desks.py``) connected and LISTENing throughout:

- NOTIFY to visible: Jo submits a draft on one connection; the time from just before the call
  until each desk has re-read that draft at its new version. The 95th percentile over every desk
  and submit of a run. Anchor: a bare ``pg_notify`` to the same desks, received and not re-read.
- Opening the queue on the approver's desk: what the queue panel reads when it refreshes,
  ``QueueService.pending()`` and ``pending_for(approver)``, on a real desk (``safedesk.app.build``
  over a data folder that has joined the team), with the submitted drafts waiting. Anchor: a bare
  ``SELECT 1`` round trip on the same desk's connection.
- Approving: ``DraftService.approve`` on that desk, through its DeskStore to the PgStore (read the
  draft, the approver's standing, then ``change_draft``). Anchor: ``SELECT 1`` as above.

Each figure is the median of several runs; the table gives it, its goal, its anchor measured in
the same run, measured ÷ anchor, and measured ÷ goal (at most 1 meets the goal).

Run: .venv/bin/python -m benchmarks.team_queue   (``--quick`` for a small one)
"""

from __future__ import annotations

import argparse
import contextlib
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import psycopg

from benchmarks.team_desks import ANCHOR_CHANNEL, DeskLogin, Desks, draft_key
from safedesk.app import SafeDesk, Settings, build
from safedesk.core import workflow
from safedesk.core.digest import content_digest
from safedesk.core.models import Account, Content, Draft, DraftState, Pane, Person, Platform
from safedesk.core.workflow import PendingEvent
from safedesk.team import join
from safedesk.team.admin import add_person, init_team
from safedesk.team.desk_store import DeskStore
from safedesk.team.pg_store import _DRAFT_SELECT, PgStore
from tests.pg_server import PostgresServer
from tests.servers.fake_credentials import MemoryCredentials

DRAFTS = 10_000
SUBMITTED = 1_000
DESKS = 20
RUNS = 5
SUBMITS_PER_RUN = 10
WRITERS = 4  # connections writing the drafts at once during setup
NOTIFY_GOAL_S = 1.0
QUEUE_GOAL_S = 0.100
APPROVE_GOAL_S = 0.050
SELECT_ONES_PER_RUN = 20
SEE_TIMEOUT_S = 10.0  # a desk that has not seen a change by then has not seen it at all
DATABASE = "safedesk_team"
ACCOUNT = Account("council-mastodon", Pane.OFFICIAL, Platform.MASTODON,
                  "https://mastodon.example", "council", "Council", datetime(2026, 1, 1, tzinfo=UTC))
DURABLE = ("fsync", "synchronous_commit", "full_page_writes")
WAITING_QUERY = (_DRAFT_SELECT + " WHERE d.state = ANY(%s) ORDER BY d.created_at").encode()


class TeamBenchmarkError(RuntimeError):
    """The team did not work as it should, so the numbers would mean nothing."""


@dataclass(frozen=True, slots=True)
class Figure:
    name: str
    goal_s: float
    runs_s: tuple[float, ...]
    anchor: str
    anchor_runs_s: tuple[float, ...]

    @property
    def measured_s(self) -> float:
        return statistics.median(self.runs_s)

    @property
    def anchor_s(self) -> float:
        return statistics.median(self.anchor_runs_s)


@dataclass(frozen=True, slots=True)
class TeamResult:
    drafts: int
    submitted: int
    desks: int
    setup_s: float
    server: str
    figures: tuple[Figure, ...]
    extras: tuple[tuple[str, float], ...] = ()  # (what, median seconds): printed below the table


@dataclass
class Team:
    """The server and what setup left for the measurements."""

    server: PostgresServer
    passwords: dict[str, str] = field(default_factory=dict)  # login -> password
    submitted: list[Draft] = field(default_factory=list)
    unsent: list[Draft] = field(default_factory=list)

    def conninfo(self, login: str) -> str:
        return (f"host={self.server.host} port={self.server.port} dbname={DATABASE} "
                f"user={login}")

    def store(self, login: str) -> PgStore:
        return PgStore(self.conninfo(login), password=self.passwords[login])


def now() -> datetime:
    return datetime.now(UTC)


def notice(n: int) -> Content:
    return Content(f"Notice {n}: the recycling centre on Mill Lane closes at 16:00 on Saturday "
                   f"for resurfacing, and opens as usual on Sunday. Bins are collected on the "
                   f"normal day. Questions: 01632 960{n % 1000:03d}.", (ACCOUNT.id,))


def p95(values: Sequence[float]) -> float:
    return statistics.quantiles(values, n=20, method="inclusive")[18]


# -- setting the team up (not measured) ----------------------------------------------------

def _person(store: PgStore) -> Person:
    return store.get_person(store.whoami().person_id)


def _write(team: Team, numbers: range, stride: int) -> tuple[list[Draft], list[Draft]]:
    """One writer: Jo's drafts ``numbers`` on a connection of its own; every ``stride``-th is
    submitted. Returns (submitted, left unsent)."""
    submitted: list[Draft] = []
    unsent: list[Draft] = []
    accounts = {ACCOUNT.id: ACCOUNT}
    with contextlib.closing(team.store("jo")) as store:
        jo = _person(store)
        for n in numbers:
            draft = store.apply(workflow.new_draft(jo, Pane.OFFICIAL, notice(n), accounts, now()))
            if n % stride == 0:
                submitted.append(store.apply(workflow.submit(draft, jo, accounts, now())))
            else:
                unsent.append(draft)
    return submitted, unsent


def set_up(team: Team, *, drafts: int, submitted: int, desks: int, writers: int) -> None:
    team.server.start()
    team.server.create_database(DATABASE)
    team.passwords["ada"] = "ada-bench-password"
    init_team(team.server.dsn(dbname=DATABASE), admin_name="Ada", admin_login="ada",
              admin_password=team.passwords["ada"])
    people = [("Jo", "author", "jo"), ("Sam", "approver", "sam"), ("Pub", "publisher", "pub"),
              *((f"Desk {n:02d}", "author", f"desk{n:02d}") for n in range(1, desks + 1))]
    with contextlib.closing(team.store("ada")) as admin:
        for name, role, login in people:
            team.passwords[login] = f"{login}-bench-password"
            add_person(admin, name, role, login, password=team.passwords[login])
    with contextlib.closing(team.store("pub")) as publisher:
        publisher.add_account(ACCOUNT, PendingEvent("pub", "account.add", ACCOUNT.id,
                                                    {"address": ACCOUNT.address}))
    stride = max(1, drafts // max(1, submitted))
    with ThreadPoolExecutor(max_workers=writers) as pool:
        shares = [range(first, drafts, writers) for first in range(writers)]
        for done, left in pool.map(lambda share: _write(team, share, stride), shares):
            team.submitted.extend(done)
            team.unsent.extend(left)


def make_durable(server: PostgresServer) -> None:
    """Commits that reach the disk, as on any real server, from here on."""
    with server.connect() as conn:
        for setting in DURABLE:
            conn.execute(f"ALTER SYSTEM SET {setting} = on")
    server.stop()
    server.start()


@contextlib.contextmanager
def approver_desk(team: Team) -> Iterator[tuple[SafeDesk, Person]]:
    """Sam's desk as SafeDesk builds it: a data folder that has joined the team."""
    folder = Path(tempfile.mkdtemp(prefix="safedesk-bench-team-"))
    credentials = MemoryCredentials()
    try:
        join.save(folder, join.TeamConfig(team.conninfo("sam"), "sam"), team.passwords["sam"],
                  credentials)
        app = build(Settings(folder), credentials=credentials)
        try:
            assert app.team is not None
            yield app, app.store.get_person(app.team.person_id)
        finally:
            app.store.close()
    finally:
        shutil.rmtree(folder, ignore_errors=True)


# -- measuring -----------------------------------------------------------------------------

def timed(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def team_connection(app: SafeDesk) -> psycopg.Connection[Any]:
    """The connection the desk's team store talks to the server on."""
    if not isinstance(app.store, DeskStore):
        raise TeamBenchmarkError("the approver's desk did not open in team mode")
    return app.store.team.connection


def select_one(conn: psycopg.Connection[Any]) -> float:
    """The median bare round trip on ``conn``: a query that does nothing."""
    return statistics.median(timed(lambda: conn.execute("SELECT 1").fetchone())
                             for _ in range(SELECT_ONES_PER_RUN))


def measure_queue(app: SafeDesk, sam: Person, waiting: int, runs: int,
                  ) -> tuple[list[float], list[float], list[float], list[float]]:
    """Opening the queue as the panel does (one read, then what Sam may decide), per run:
    (the panel's whole read, pending() alone, the rows
    fetched by psycopg alone, SELECT 1)."""
    conn = team_connection(app)

    def open_queue() -> None:
        pending = app.queue.pending()
        mine = app.queue.pending_for(sam, pending)
        if len(pending) != waiting or len(mine) != waiting:
            raise TeamBenchmarkError(f"the queue shows {len(pending)} drafts ({len(mine)} for "
                                     f"{sam.name}); {waiting} were submitted")

    def fetch_rows() -> None:  # the store's own query, with no decoding into drafts
        conn.execute(WAITING_QUERY, [[DraftState.SUBMITTED.value]]).fetchall()

    open_queue()
    both, alone, fetched, anchors = [], [], [], []
    for _ in range(runs):
        anchors.append(select_one(conn))
        both.append(timed(open_queue))
        alone.append(timed(app.queue.pending))
        fetched.append(timed(fetch_rows))
    return both, alone, fetched, anchors


def measure_approve(app: SafeDesk, sam: Person, team: Team, desks: Desks, runs: int,
                    ) -> tuple[list[float], list[float], list[float]]:
    """(DraftService.approve, the desk's whole approve with its password check, SELECT 1)."""
    conn = team_connection(app)
    password = team.passwords["sam"]

    def approve(draft: Draft, with_password: bool) -> float:
        digest = content_digest(draft.content)  # what Sam saw on screen
        took = timed(lambda: app.queue.approve(draft.id, sam, password, digest) if with_password
                     else app.drafts.approve(draft.id, sam, digest))
        if app.drafts.get(draft.id).state is not DraftState.APPROVED:
            raise TeamBenchmarkError(f"draft {draft.id} was not approved")
        desks.wait_for(draft_key(draft.id, draft.version + 1), SEE_TIMEOUT_S)  # let desks settle
        return took

    approve(team.submitted.pop(), False)
    approve(team.submitted.pop(), True)
    bare, whole, anchors = [], [], []
    for _ in range(runs):
        anchors.append(select_one(conn))
        bare.append(approve(team.submitted.pop(), False))
        whole.append(approve(team.submitted.pop(), True))
    return bare, whole, anchors


def measure_notify(team: Team, desks: Desks, runs: int, submits: int,
                   ) -> tuple[list[float], list[float]]:
    """Per run, the 95th percentile of (submit -> re-read on each desk) and of a bare NOTIFY."""
    accounts = {ACCOUNT.id: ACCOUNT}
    with contextlib.closing(team.store("jo")) as store, \
            psycopg.connect(team.conninfo("jo"), password=team.passwords["jo"],
                            autocommit=True) as bare:
        jo = _person(store)

        def one_submit() -> list[float]:
            draft = team.unsent.pop()
            change = workflow.submit(draft, jo, accounts, now())
            start = time.monotonic()
            store.apply(change)
            seen = desks.wait_for(draft_key(draft.id, draft.version + 1), SEE_TIMEOUT_S)
            return [at - start for at in seen]

        def one_notify(payload: str) -> list[float]:
            start = time.monotonic()
            bare.execute("SELECT pg_notify(%s, %s)", (ANCHOR_CHANNEL, payload))
            return [at - start for at in desks.wait_for(payload, SEE_TIMEOUT_S)]

        one_submit()
        one_notify("warm-up")
        visible, anchors = [], []
        for run in range(runs):
            seen: list[float] = []
            delivered: list[float] = []
            for n in range(submits):
                delivered.extend(one_notify(f"run {run} notify {n}"))
                seen.extend(one_submit())
            visible.append(p95(seen))
            anchors.append(p95(delivered))
    return visible, anchors


def measure(*, drafts: int = DRAFTS, submitted: int = SUBMITTED, desks: int = DESKS,
            runs: int = RUNS, submits_per_run: int = SUBMITS_PER_RUN,
            writers: int = WRITERS) -> TeamResult:
    if submitted < 2 * (runs + 1) or drafts - submitted < submits_per_run * runs + 1:
        raise ValueError("too few drafts for the runs: each run approves two submitted drafts "
                         "and submits `submits_per_run` more")
    team = Team(PostgresServer())
    try:
        started = time.perf_counter()
        set_up(team, drafts=drafts, submitted=submitted, desks=desks, writers=writers)
        make_durable(team.server)
        setup_s = time.perf_counter() - started
        waiting = len(team.submitted)
        logins = [DeskLogin(team.conninfo(f"desk{n:02d}"), team.passwords[f"desk{n:02d}"])
                  for n in range(1, desks + 1)]
        with Desks(logins) as live, approver_desk(team) as (app, sam):
            version = team_connection(app).info.parameter_status("server_version")
            queue_runs, pending_runs, fetch_runs, queue_anchor = measure_queue(app, sam, waiting, runs)
            approve_runs, whole_runs, approve_anchor = measure_approve(app, sam, team, live, runs)
            notify_runs, notify_anchor = measure_notify(team, live, runs, submits_per_run)
    finally:
        team.server.close()
    figures = (
        Figure(f"NOTIFY to visible on {desks} desks, 95th percentile", NOTIFY_GOAL_S,
               tuple(notify_runs), "bare NOTIFY, p95", tuple(notify_anchor)),
        Figure(f"open the queue, {waiting:,} waiting", QUEUE_GOAL_S, tuple(queue_runs),
               "SELECT 1", tuple(queue_anchor)),
        Figure("approve round trip", APPROVE_GOAL_S, tuple(approve_runs), "SELECT 1",
               tuple(approve_anchor)),
    )
    extras = (("QueueService.pending() alone", statistics.median(pending_runs)),
              ("its query's rows fetched by psycopg, not made into drafts",
               statistics.median(fetch_runs)),
              ("the desk's whole approve (password re-checked by the server, then approve)",
               statistics.median(whole_runs)))
    return TeamResult(drafts, waiting, desks, setup_s, f"PostgreSQL {version or '?'}", figures,
                      extras)


def table(result: TeamResult) -> str:
    head = (f"team mode: {result.drafts:,} official drafts ({result.submitted:,} submitted), "
            f"{result.desks} desks listening; {result.server} on 127.0.0.1 with fsync on; "
            f"setup {result.setup_s:.0f} s (not measured)")
    columns = (f"{'figure':48} {'goal ms':>8} {'measured':>9} {'anchor':>17} {'anchor ms':>9} "
               f"{'÷ anchor':>8} {'÷ goal':>7}")
    lines = [head, columns]
    for f in result.figures:
        lines.append(f"{f.name:48} {f.goal_s * 1000:8.1f} {f.measured_s * 1000:9.2f} "
                     f"{f.anchor:>17} {f.anchor_s * 1000:9.2f} "
                     f"{f.measured_s / f.anchor_s:8.1f} {f.measured_s / f.goal_s:7.2f}")
    runs = len(result.figures[0].runs_s)
    lines.append(f"(measured and anchor: medians of {runs} runs; ÷ goal <= 1 meets the goal)")
    lines.extend(f"also: {what}: {seconds * 1000:.2f} ms" for what, seconds in result.extras)
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--drafts", type=int, default=DRAFTS)
    parser.add_argument("--submitted", type=int, default=SUBMITTED)
    parser.add_argument("--desks", type=int, default=DESKS)
    parser.add_argument("--runs", type=int, default=RUNS)
    parser.add_argument("--quick", action="store_true",
                        help="a small team (200 drafts, 5 desks, 3 runs) to try it out")
    args = parser.parse_args()
    if args.quick:
        args.drafts, args.submitted, args.desks, args.runs = 200, 20, 5, 3
    print(table(measure(drafts=args.drafts, submitted=args.submitted, desks=args.desks,
                        runs=args.runs)))


if __name__ == "__main__":
    main()
