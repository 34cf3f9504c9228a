"""Cost of ``audit verify`` on a desk whose trail holds 100,000 events.

The desk is written through the real store and the workflow's own state changes: official posts,
each created, submitted, approved, started (one publication), published and finished, so every
witnessed table holds rows the trail made. Then ``AuditService.verify`` checks the chain and holds
every table to it, and the chain check alone is timed for comparison.

Run: .venv/bin/python -m benchmarks.audit_verify
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
import time
import uuid
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

from safedesk.core import workflow
from safedesk.core.audit import verify_chain
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

GOAL_S = 10.0
EVENTS = 100_000
EVENTS_PER_POST = 6


class SteppingClock:
    def __init__(self) -> None:
        self.current = datetime(2026, 1, 1, tzinfo=UTC)

    def now(self) -> datetime:
        self.current += timedelta(milliseconds=1)
        return self.current


@dataclass(frozen=True)
class Result:
    events: int
    verify_s: float
    chain_only_s: float
    findings: int


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
                                    Content(text=f"Notice {n}", targets=(account.id,)),
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


def measure(events: int = EVENTS) -> Result:
    folder = Path(tempfile.mkdtemp(prefix="safedesk-bench-audit-"))
    try:
        clock = SteppingClock()
        store = SqliteStore(folder / "safedesk.sqlite3", clock)
        build(store, clock, max(1, (events - 3) // EVENTS_PER_POST))
        audit = AuditService(store)
        start = time.perf_counter()
        report = audit.verify()
        verify_s = time.perf_counter() - start
        start = time.perf_counter()
        chain = verify_chain(store.audit_events(), store.audit_head())
        chain_only_s = time.perf_counter() - start
        store.close()
        if not (report.intact and chain.intact):
            raise SystemExit(f"audit verify did not pass on an untouched desk:\n{report}")
        return Result(report.checked, verify_s, chain_only_s, len(report.findings))
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def table(result: Result) -> str:
    lines = [f"{'measure':44} {'value':>8} {'goal':>8} {'ratio':>7}",
             (f"{f'audit verify, {result.events:,} events (s)':44} {result.verify_s:8.2f} "
             f"{GOAL_S:8.2f} {result.verify_s / GOAL_S:7.2f}"),
             (f"(the chain alone: {result.chain_only_s:.2f} s; findings: {result.findings}; "
             "ratio <= 1 meets the goal)")]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--events", type=int, default=EVENTS)
    print(table(measure(parser.parse_args().events)))


if __name__ == "__main__":
    main()
