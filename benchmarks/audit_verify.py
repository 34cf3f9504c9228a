"""Cost of ``audit verify`` on a desk whose trail holds 100,000 events (or a million).

The desk is written through the real store and the workflow's own state changes: official posts,
each created, submitted, approved, started (one publication), published and finished, so every
witnessed table holds rows the trail made. Then, in a fresh process of its own (so that its peak
memory is its own), ``AuditService.verify`` checks the chain and holds every table to it, and the
chain check alone (``ChainWalk`` over the stored rows) is timed for its rate.

Run: .venv/bin/python -m benchmarks.audit_verify [--events N] [--desk DIR]
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

from safedesk.core import workflow
from safedesk.core.audit import ChainWalk
from safedesk.core.digest import content_digest
from safedesk.core.models import (
    Account,
    Content,
    DraftState,
    Pane,
    Person,
    Platform,
    Publication,
    PublicationState,
    Role,
)
from safedesk.core.workflow import PendingEvent
from safedesk.services.audit import AuditService
from safedesk.storage.sqlite_store import SqliteStore

EVENTS = 100_000
EVENTS_PER_POST = 6
# Issue 12: the chain at 150,000 events/s or more, the whole verify in 1 s per 100,000 events,
# and at most 80 MB at its peak at a million events, not growing with the trail.
CHAIN_GOAL_PER_S = 150_000
VERIFY_GOAL_S_PER_100K = 1.0
PEAK_GOAL_MB = 80.0


class SteppingClock:
    def __init__(self) -> None:
        self.current = datetime(2026, 1, 1, tzinfo=UTC)

    def now(self) -> datetime:
        self.current += timedelta(milliseconds=1)
        return self.current


@dataclass(frozen=True)
class Result:
    events: int
    verify_s: float  # wall time of AuditService.verify
    verify_cpu_s: float  # its CPU time (the machine is shared: wall time is noisy)
    chain_only_s: float
    chain_only_cpu_s: float
    peak_mb: float  # the verifying process's peak resident memory, imports included
    findings: int

    @property
    def verify_s_per_100k(self) -> float:
        return self.verify_s * 100_000 / max(1, self.events)

    @property
    def chain_per_s(self) -> float:
        return self.events / self.chain_only_s if self.chain_only_s else float("inf")

    @property
    def chain_per_cpu_s(self) -> float:
        return self.events / self.chain_only_cpu_s if self.chain_only_cpu_s else float("inf")


def _spelt(number: int) -> str:
    """``number`` in digits the policy never reads as letters (2, 6 and 9; in base 3): written
    plainly, a notice's number can be leetspeak for a listed word ("455")."""
    digits = ""
    while True:
        number, digit = divmod(number, 3)
        digits = "269"[digit] + digits
        if not number:
            return digits


def build(store: SqliteStore, clock: SteppingClock, posts: int) -> None:
    """Write ``posts`` official posts through the store, each with its six events."""
    store.db.conn.execute("PRAGMA synchronous = OFF")  # building is not what is measured
    author, approver = (Person(f"p-{role.value}", role.value.title(), role, "unused",
                               clock.now()) for role in (Role.AUTHOR, Role.APPROVER))
    for person in (author, approver):
        store.add_person(person, PendingEvent("setup", "person.add", person.id,
                                              {"name": person.name, "role": person.role.value}))
    account = Account("council", Pane.OFFICIAL, Platform.MASTODON, "https://example.gov.uk",
                      "council", "Council", clock.now())
    store.add_account(account, PendingEvent("setup", "account.add", account.id,
                                            {"pane": "official", "address": account.address}))
    accounts = {account.id: account}
    for n in range(posts):
        change = workflow.new_draft(author, Pane.OFFICIAL,
                                    Content(text=f"Notice {_spelt(n)}", targets=(account.id,)),
                                    accounts, clock.now())
        draft = store.apply(change)
        draft = store.apply(workflow.submit(draft, author, accounts, clock.now()))
        draft = store.apply(workflow.approve(draft, approver, content_digest(draft.content),
                                             clock.now()))
        publication = Publication(str(uuid.uuid4()), draft.id, account.id, Pane.OFFICIAL,
                                  str(uuid.uuid4()), PublicationState.PENDING)
        draft = store.apply(workflow.start_publish(draft, author, accounts, clock.now(),
                                                   (publication,)))
        done = replace(publication, state=PublicationState.PUBLISHED, remote_id=str(n),
                       published_at=clock.now())
        store.update_publication(done, PendingEvent(
            author.id, "publication.published", done.id,
            {"draft": draft.id, "account": account.id, "state": "published"}))
        store.apply(workflow.finish_publish(draft, author, outcome=DraftState.PUBLISHED,
                                            now=clock.now()))


def verify_in_this_process(path: Path) -> dict[str, float | int | bool]:
    """What the child process measures: verify, then the chain alone, and its peak memory."""
    store = SqliteStore(path)
    cpu, start = time.process_time(), time.perf_counter()
    report = AuditService(store).verify()
    verify_s, verify_cpu_s = time.perf_counter() - start, time.process_time() - cpu
    cpu, start = time.process_time(), time.perf_counter()
    walk = ChainWalk()
    for _event in walk.walk(store.audit_rows()):
        pass
    chain = walk.report(store.audit_head())
    chain_only_s, chain_only_cpu_s = time.perf_counter() - start, time.process_time() - cpu
    store.close()
    return {"events": report.checked, "intact": report.intact and chain.intact,
            "findings": len(report.findings), "verify_s": verify_s,
            "verify_cpu_s": verify_cpu_s, "chain_only_s": chain_only_s,
            "chain_only_cpu_s": chain_only_cpu_s,
            # Linux reports kilobytes.
            "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def measure(events: int = EVENTS, desk: Path | None = None) -> Result:
    """Build a desk of about ``events`` events (in ``desk``, kept and reused when given, else a
    temporary folder) and verify it in a fresh process."""
    folder = desk or Path(tempfile.mkdtemp(prefix="safedesk-bench-audit-"))
    path = folder / "safedesk.sqlite3"
    try:
        if not path.exists():
            folder.mkdir(parents=True, exist_ok=True)
            # Built under another name and renamed when complete: a build that stopped half
            # way is not taken for a desk the next time.
            building = path.with_name("building.sqlite3")
            building.unlink(missing_ok=True)
            clock = SteppingClock()
            store = SqliteStore(building, clock)
            build(store, clock, max(1, (events - 3) // EVENTS_PER_POST))
            store.close()
            building.replace(path)
        # This same module, with a path it was given: nothing from outside is run.
        child = subprocess.run(  # noqa: S603
            [sys.executable, "-m", "benchmarks.audit_verify", "--verify-only", str(path)],
            capture_output=True, text=True, check=True, cwd=Path(__file__).parent.parent)
        got = json.loads(child.stdout)
        if not got["intact"]:
            raise SystemExit(f"audit verify did not pass on an untouched desk: {got}")
        return Result(int(got["events"]), float(got["verify_s"]), float(got["verify_cpu_s"]),
                      float(got["chain_only_s"]), float(got["chain_only_cpu_s"]),
                      float(got["peak_mb"]), int(got["findings"]))
    finally:
        if desk is None:
            shutil.rmtree(folder, ignore_errors=True)


def table(result: Result) -> str:
    rows = [(f"audit verify, {result.events:,} events (s per 100k)", result.verify_s_per_100k,
             VERIFY_GOAL_S_PER_100K, result.verify_s_per_100k / VERIFY_GOAL_S_PER_100K),
            ("chain check (events/s, at least)", result.chain_per_s, CHAIN_GOAL_PER_S,
             CHAIN_GOAL_PER_S / result.chain_per_s),
            ("peak memory of the verify (MB)", result.peak_mb, PEAK_GOAL_MB,
             result.peak_mb / PEAK_GOAL_MB)]
    lines = [f"{'measure':44} {'value':>10} {'goal':>10} {'ratio':>7}"]
    lines += [f"{name:44} {value:10,.2f} {goal:10,.2f} {ratio:7.2f}"
              for name, value, goal, ratio in rows]
    lines.append(f"(verify {result.verify_s:.2f} s wall, {result.verify_cpu_s:.2f} s CPU; "
                 f"the chain alone {result.chain_only_s:.2f} s wall, "
                 f"{result.chain_only_cpu_s:.2f} s CPU ({result.chain_per_cpu_s:,.0f} events per "
                 f"CPU second); findings: {result.findings}; "
                 "ratio <= 1 meets the goal; the memory goal is for 1,000,000 events)")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--events", type=int, default=EVENTS)
    parser.add_argument("--desk", type=Path, help="a folder to build the desk in once and reuse")
    parser.add_argument("--verify-only", type=Path, help=argparse.SUPPRESS)  # the child's part
    args = parser.parse_args()
    if args.verify_only:
        print(json.dumps(verify_in_this_process(args.verify_only)))
        return
    print(table(measure(args.events, args.desk)))


if __name__ == "__main__":
    main()
