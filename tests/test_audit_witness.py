"""``audit verify`` holds the tables to the trail: a row written straight into SQLite is named.

A desk is worked through the real services (scripted platforms), then someone with the file edits
it with SQL, and ``safedesk audit verify`` is run through the command line's own entry point.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from safedesk.app import SafeDesk
from safedesk.cli.console import ExitCode
from safedesk.cli.main import main
from safedesk.core.audit import make_event
from safedesk.core.digest import content_digest
from safedesk.core.models import (
    AuditEvent,
    Content,
    DraftState,
    Pane,
    Platform,
    PublicationState,
)
from safedesk.core.witness import OLD_EVENT_SLACK, Trail
from safedesk.core.witness_checks import Finding, Row, check_tables
from safedesk.core.witness_closing import Closing
from safedesk.core.witness_tally import Tally
from safedesk.services import audit as audit_service
from safedesk.services.audit import AuditService
from safedesk.storage.sqlite_store import DATABASE_NAME, SqliteStore
from tests.conftest import Cast
from tests.fake_platform import FakePlatform


@dataclass
class Worked:
    """What the worked desk holds, by id."""

    published: str  # an official post, approved by Sam and published to both accounts
    corrected: str  # a personal post, corrected with an apology (its originals kept)
    resubmitted: str  # approved, withdrawn, approved again, edited: twice voided, waiting
    failed: str  # an official post whose Bluesky publication failed


def official(desk: SafeDesk, cast: Cast, text: str) -> str:
    draft = desk.drafts.create(cast.author, Pane.OFFICIAL,
                               Content(text=text, targets=(cast.council.id, cast.council_sky.id)))
    desk.drafts.submit(draft.id, cast.author)
    return draft.id


def digest_of(desk: SafeDesk, draft_id: str) -> str:
    return content_digest(desk.drafts.get(draft_id).content)


def approve(desk: SafeDesk, cast: Cast, draft_id: str) -> None:
    """Sam approves in the queue, which publishes at once."""
    desk.queue.approve(draft_id, cast.approver, "sam-passphrase", digest_of(desk, draft_id))


@pytest.fixture
def worked(desk: SafeDesk, cast: Cast, platforms: dict[str, FakePlatform]) -> Worked:
    """Submit, approve, publish, edit after approval, withdraw, fail, correct, remove an account."""
    published = official(desk, cast, "Bins are collected on Monday")
    approve(desk, cast, published)

    # Approved without publishing, then withdrawn and edited: each voids an approval.
    resubmitted = official(desk, cast, "Library opens at 9")
    desk.drafts.approve(resubmitted, cast.approver, digest_of(desk, resubmitted))
    desk.drafts.withdraw(resubmitted, cast.author)
    desk.drafts.submit(resubmitted, cast.author)
    desk.drafts.approve(resubmitted, cast.approver, digest_of(desk, resubmitted))
    desk.drafts.edit(resubmitted, cast.author, Content(
        text="Library opens at 10", targets=(cast.council.id, cast.council_sky.id)))

    failed = official(desk, cast, "Road closed on Friday")
    sky = desk.accounts.get(cast.council_sky.id)
    platforms.setdefault(sky.id, FakePlatform(sky)).before_publish = _refuse
    approve(desk, cast, failed)

    corrected = desk.drafts.create(cast.author, Pane.PERSONAL,
                                   Content(text="Bins on Monday", targets=(cast.jo.id,)))
    assert desk.publisher.publish(corrected.id, cast.author).complete
    plan = desk.corrections.prepare(corrected.id, "apology")
    assert desk.corrections.publish(plan, cast.author).complete

    spare = desk.accounts.register(Pane.PERSONAL, Platform.MASTODON, "https://example.social",
                                   "spare", owner=cast.admin)
    desk.accounts.remove(spare.id, cast.admin)
    return Worked(published, corrected.id, resubmitted, failed)


def _refuse(_request: object) -> None:
    from safedesk.core.errors import ServerFailureError

    raise ServerFailureError("bsky.social failed (503). Try again later.")


Verify = Callable[..., tuple[int, str, str]]


@pytest.fixture
def verify(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> Verify:
    """``safedesk --data-dir DIR audit verify [ARGS]``: exit code, standard output and error."""
    def run(*args: str) -> tuple[int, str, str]:
        code = main(["--data-dir", str(data_dir), "audit", "verify", *args])
        out, err = capsys.readouterr()
        return code, out, err
    return run


@pytest.fixture
def sql(data_dir: Path) -> Iterator[Callable[..., None]]:
    """What someone with the file could do: any statement, with the guard triggers dropped."""
    conn = sqlite3.connect(data_dir / DATABASE_NAME)

    def execute(statement: str, *params: object) -> None:
        conn.execute(statement, params)
        conn.commit()
    yield execute
    conn.close()


def findings(verify: Verify) -> list[str]:
    code, out, _ = verify("--json")
    report = json.loads(out)
    assert code == (ExitCode.OK if report["intact"] else ExitCode.AUDIT_BROKEN)
    return [f["problem"] for f in report["findings"]]


def test_a_worked_desk_verifies_clean(desk: SafeDesk, worked: Worked, verify: Verify) -> None:
    # The fixture really did what the test relies on.
    assert desk.drafts.get(worked.published).state is DraftState.PUBLISHED
    assert desk.drafts.get(worked.resubmitted).state is DraftState.SUBMITTED
    assert desk.drafts.get(worked.failed).state is DraftState.FAILED
    states = {p.state for p in desk.store.list_publications()}
    assert {PublicationState.CORRECTED, PublicationState.FAILED,
            PublicationState.PUBLISHED} <= states
    voided = desk.store.db.execute("SELECT count(*) FROM approvals WHERE voided_at IS NOT NULL")
    assert voided.fetchone()[0] == 2

    code, out, err = verify()
    assert (code, err) == (ExitCode.OK, "")
    assert "intact" in out and "The tables agree with the trail" in out
    assert findings(verify) == []


@pytest.mark.parametrize("batch", [None, 1, 7])
def test_a_worked_desk_is_vouched_for_by_its_fingerprints_in_one_read(
        worked: Worked, verify: Verify, monkeypatch: pytest.MonkeyPatch,
        batch: int | None) -> None:
    """Every kind of row the worked desk holds (voided approvals, corrected and failed
    publications, a removed account) matches the tally: the trail is not read a second time.
    Also when the tally folds the walk's events in batches smaller than the trail (the worked
    desk's trail is shorter than the usual batch): every event is folded, once, in order."""
    def read_again(_service: AuditService) -> list[Finding]:
        raise AssertionError("the tally doubted a clean desk")

    if batch is not None:
        monkeypatch.setattr(audit_service, "FOLD_BATCH", batch)
    monkeypatch.setattr(AuditService, "_every_finding", read_again)
    assert findings(verify) == []


def test_a_forged_approval_is_named(desk: SafeDesk, cast: Cast, worked: Worked, verify: Verify,
                                    sql: Callable[..., None]) -> None:
    draft = desk.drafts.get(worked.resubmitted)
    sql("INSERT INTO approvals (id, draft_id, approver_id, digest, approved_at) "
        "VALUES ('forged', ?, ?, ?, ?)", draft.id, cast.approver.id,
        content_digest(draft.content), datetime.now(UTC).isoformat())
    sql("UPDATE drafts SET state = 'approved' WHERE id = ?", draft.id)

    code, _, err = verify()
    assert code == ExitCode.AUDIT_BROKEN
    assert "Audit trail links intact" in err  # the chain itself was not touched
    assert f"approval of draft {draft.id} by Sam Approver has no matching event" in err
    assert f"draft {draft.id} is approved but the trail last made it submitted" in err


def test_a_restricted_post_cleared_behind_the_trail_is_named(
        desk: SafeDesk, cast: Cast, worked: Worked, verify: Verify,
        sql: Callable[..., None]) -> None:
    desk.people.set_politically_restricted(cast.author.name, True, cast.admin)
    assert verify()[0] == ExitCode.OK
    sql("UPDATE people SET politically_restricted = 0 WHERE id = ?", cast.author.id)
    code, _, err = verify()
    assert code == ExitCode.AUDIT_BROKEN
    assert "Jo Author's post is politically restricted in the trail (event #" in err
    sql("UPDATE people SET politically_restricted = 1 WHERE id = ?", cast.approver.id)
    told = verify()[2]
    assert ("Sam Approver's post is not politically restricted in the trail but the people "
            "table says otherwise") in told


def test_a_forged_role_change_is_named(cast: Cast, worked: Worked, verify: Verify,
                                       sql: Callable[..., None]) -> None:
    sql("UPDATE people SET role = 'approver' WHERE id = ?", cast.author.id)
    code, _, err = verify()
    assert code == ExitCode.AUDIT_BROKEN
    assert "Jo Author's role is approver but the trail last made them author" in err


def test_a_forged_publication_state_is_named(desk: SafeDesk, worked: Worked, verify: Verify,
                                             sql: Callable[..., None]) -> None:
    failed = next(p for p in desk.store.list_publications(draft_id=worked.failed)
                  if p.state is PublicationState.FAILED)
    sql("UPDATE publications SET state = 'published' WHERE id = ?", failed.id)
    problems = findings(verify)
    assert problems == [(f"publication {failed.id} of draft {worked.failed} is published but no "
                        "event says so; the trail last made it failed (event #"
                        f"{_last_event_about(desk, failed.id)})")]


def _last_event_about(desk: SafeDesk, subject: str) -> int:
    return max(e.seq for e in desk.store.audit_events() if e.subject == subject)


def test_a_deleted_event_breaks_the_chain_and_leaves_its_row_unwitnessed(
        desk: SafeDesk, worked: Worked, verify: Verify, sql: Callable[..., None]) -> None:
    approval = desk.drafts.get(worked.published).approval
    assert approval is not None
    seq = next(e.seq for e in desk.store.audit_events()
               if e.action == "draft.approve" and e.subject == worked.published)
    sql("DROP TRIGGER audit_events_no_delete")
    sql("DELETE FROM audit_events WHERE seq = ?", seq)

    code, _, err = verify()
    assert code == ExitCode.AUDIT_BROKEN
    assert f"BROKEN at event #{seq}" in err and "missing" in err
    assert f"approval of draft {worked.published} by Sam Approver has no matching event" in err


@pytest.mark.parametrize(("statement", "words"), [
    (("UPDATE approvals SET approver_id = (SELECT id FROM people WHERE name = 'Kim Approver') "
     "WHERE voided_at IS NULL AND draft_id = :published"),
     "approval of draft {published} by Kim Approver does not match its event"),
    (("UPDATE approvals SET voided_at = NULL WHERE id = (SELECT id FROM approvals "
     "WHERE voided_at IS NOT NULL ORDER BY approved_at LIMIT 1)"),
     "is live in the table but the trail voided it"),
    (("UPDATE approvals SET approved_at = '2020-01-01T00:00:00.000000+00:00' "
     "WHERE draft_id = :published"), "is dated 2020-01-01T00:00:00.000000+00:00"),
    ("UPDATE approvals SET digest = 'abc' WHERE draft_id = :published",
     "is for other content than its event"),
    (("INSERT INTO people (id, name, name_key, role, passphrase_hash, created_at) VALUES "
     "('ghost', 'Ghost', 'ghost', 'admin', 'x', '2026-11-21T09:00:00+00:00')"),
     "Ghost (admin) is in the people table but no event added them"),
    ("DELETE FROM people WHERE name = 'Kim Approver'",
     "the trail added Kim Approver (event #4) but they are missing from the people table"),
    ("UPDATE accounts SET removed_at = NULL", "was removed (event #"),
    ("UPDATE drafts SET state = 'published' WHERE id = :resubmitted",
     "draft {resubmitted} is published but the trail last made it submitted"),
    (("UPDATE drafts SET author_id = (SELECT id FROM people WHERE name = 'Kim Approver') "
     "WHERE id = :published"), "names Kim Approver as its author but Jo Author created it"),
])
def test_other_forged_rows_are_named(worked: Worked, verify: Verify, data_dir: Path,
                                     statement: str, words: str) -> None:
    conn = sqlite3.connect(data_dir / DATABASE_NAME)
    conn.execute("PRAGMA foreign_keys = OFF")
    conn.execute(statement, {"published": worked.published, "resubmitted": worked.resubmitted})
    conn.commit()
    conn.close()
    problems = findings(verify)
    expected = words.format(published=worked.published, resubmitted=worked.resubmitted)
    assert any(expected in problem for problem in problems), problems


def test_a_changed_pane_is_named_once_the_guard_trigger_is_dropped(
        cast: Cast, worked: Worked, verify: Verify, sql: Callable[..., None]) -> None:
    sql("DROP TRIGGER accounts_pane_fixed")
    sql("UPDATE accounts SET pane = 'official' WHERE id = ?", cast.jo.id)
    assert findings(verify) == [(f"account {cast.jo.address} is in the official pane but the "
                                "trail added it to the personal pane")]


# -- events written before they carried a row's exact time ----------------------------------

T0 = datetime(2025, 3, 1, 12, 0, tzinfo=UTC)


def _old_trail(*events: tuple[str, str, str, dict[str, object]]) -> Trail:
    trail = Trail()
    for seq, (actor, action, subject, details) in enumerate(events, start=1):
        event: AuditEvent = make_event(seq, T0 + timedelta(seconds=seq), actor, action,
                                       subject, details, "0" * 64)
        trail.fold(event)
    return trail


def _tables(**tables: list[Row]) -> Callable[[str, object], list[Row]]:
    return lambda table, _columns: tables.get(table, [])


OLD_EVENTS: tuple[tuple[str, str, str, dict[str, object]], ...] = (
    ("setup", "person.add", "sam", {"name": "Sam", "role": "approver"}),
    ("jo", "draft.create", "d1", {"pane": "official", "digest": "x", "state": "draft"}),
    ("jo", "draft.submit", "d1", {"from": "draft", "to": "submitted", "digest": "x"}),
    ("sam", "draft.approve", "d1", {"from": "submitted", "to": "approved", "digest": "x",
                                     "approval": "a1"}),
    # An action this SafeDesk does not know is passed over, not taken as a role change.
    ("sam", "person.someday", "sam", {"role": "admin"}),
)


@pytest.mark.parametrize(("approved_at", "agrees"), [
    (T0 + timedelta(seconds=3), True),  # read from the clock a moment before its event
    (T0 + timedelta(seconds=4) - OLD_EVENT_SLACK, True),
    (T0 - timedelta(hours=2), False),
])
def test_old_events_hold_a_row_to_their_own_time_within_a_minute(
        approved_at: datetime, agrees: bool) -> None:
    trail = _old_trail(*OLD_EVENTS)
    people: list[Row] = [{"id": "sam", "name": "Sam", "role": "approver",
                          "created_at": T0.isoformat()}]
    drafts: list[Row] = [{"id": "d1", "pane": "official", "author_id": "jo", "state": "approved",
                          "digest": "x", "updated_at": approved_at.isoformat()}]
    approvals: list[Row] = [{"id": "a1", "draft_id": "d1", "approver_id": "sam", "digest": "x",
                             "approved_at": approved_at.isoformat(), "voided_at": None}]
    found = [f.problem for f in check_tables(
        trail, _tables(people=people, drafts=drafts, approvals=approvals))]
    dated = f"is dated {approved_at.isoformat()} but its event (#4) says 2025-03-01T12:00:04+00:00"
    assert found == ([] if agrees else [f"draft d1 {dated}",
                                        f"approval of draft d1 by Sam {dated}"])


# -- each row compared as soon as its story is told (memory that does not grow) -------------

def _whole_check(desk: SafeDesk) -> list[str]:
    """What the whole check finds: every event folded into a Trail, every table held to it."""
    trail = Trail()
    for event in desk.store.audit_events():
        trail.fold(event)
    return [f.problem for f in check_tables(trail, desk.store.witnessed_rows)]


def _held(tally: Tally) -> int:
    return (len(tally.drafts) + len(tally.approvals) + len(tally.started)
            + len(tally.imported) + len(tally.publication_states))


def test_the_tally_lets_go_of_each_row_once_its_story_is_told(
        desk: SafeDesk, cast: Cast, worked: Worked, monkeypatch: pytest.MonkeyPatch) -> None:
    """However many posts the trail tells of, the tally holds only those whose story is going
    on: each row is compared, and let go of, when the walk passes its story's last event."""
    posts = 20
    for n in range(posts):
        approve(desk, cast, official(desk, cast, f"Notice number {n}"))
    held: list[int] = []
    compare_up_to = Closing.compare_up_to

    def watched(closing: Closing, seq: float, **kwargs: bool) -> None:
        compare_up_to(closing, seq, **kwargs)
        held.append(_held(closing._tally))  # (what this test is about)

    def read_again(_service: AuditService) -> list[Finding]:
        raise AssertionError("a clean desk needs the trail read once")

    monkeypatch.setattr(Closing, "compare_up_to", watched)
    monkeypatch.setattr(audit_service, "FOLD_BATCH", 1)
    monkeypatch.setattr(AuditService, "_every_finding", read_again)
    assert desk.audit.verify().intact
    # A post or two in hand: a draft, its approval, and a publication to each account, started
    # and given a state. All the posts at once would be far more.
    assert 0 < max(held) <= 8 < posts


def test_a_corrected_original_set_back_behind_the_trail_is_named(
        desk: SafeDesk, worked: Worked, verify: Verify, sql: Callable[..., None]) -> None:
    """An incident acts on an original after the original's own story is over: its row is
    held to what the incident's event made it, at the end of the walk."""
    original = next(p for p in desk.store.list_publications(draft_id=worked.corrected)
                    if p.state is PublicationState.CORRECTED)
    sql("UPDATE publications SET state = 'published' WHERE id = ?", original.id)
    problems = findings(verify)
    assert len(problems) == 1
    assert problems[0].startswith(f"publication {original.id} of draft {worked.corrected} is "
                                  "published but no event says so; the trail last made it "
                                  "corrected (event #")
    assert problems == _whole_check(desk)


@pytest.mark.parametrize("statement", [
    "DELETE FROM publications WHERE draft_id = :published",  # started, never claimed
    "DELETE FROM drafts WHERE id = :resubmitted",  # a draft the trail made, missing
    "DELETE FROM approvals WHERE draft_id = :resubmitted",  # approvals made, missing
    "UPDATE publications SET idempotency_key = 'imported:' || id WHERE draft_id = :published",
    "UPDATE publications SET state = 'deleted' WHERE state = 'corrected'",
    "UPDATE drafts SET updated_at = '2020-01-01T00:00:00.000000+00:00' WHERE id = :published",
    ("INSERT INTO publications (id, draft_id, account_id, pane, idempotency_key, state) "
     "SELECT 'copy', draft_id, account_id, pane, 'another key', state FROM publications "
     "WHERE draft_id = :published LIMIT 1"),
])
def test_verify_finds_what_the_whole_check_finds(
        desk: SafeDesk, worked: Worked, verify: Verify, data_dir: Path, statement: str) -> None:
    conn = sqlite3.connect(data_dir / DATABASE_NAME)
    conn.execute("PRAGMA foreign_keys = OFF")
    conn.execute(statement, {"published": worked.published, "resubmitted": worked.resubmitted})
    conn.commit()
    conn.close()
    problems = findings(verify)
    assert problems
    assert problems == _whole_check(desk)


def test_rows_compared_before_their_story_is_over_are_checked_the_whole_way(
        desk: SafeDesk, worked: Worked, monkeypatch: pytest.MonkeyPatch) -> None:
    """Were the store to give a row before its story is over, the row would differ from the
    tally's half-told story: the whole check decides, and finds what it always finds."""
    closing_of = SqliteStore.witnessed_closing
    wholes: list[int] = []
    every_finding = AuditService._every_finding  # (counted, then called)

    def too_soon(store: SqliteStore, table: str, columns: Sequence[str]) -> Iterator[Row]:
        return ({**row, "closed": 0} for row in closing_of(store, table, columns))

    def counted(service: AuditService) -> list[Finding]:
        wholes.append(1)
        return every_finding(service)

    monkeypatch.setattr(SqliteStore, "witnessed_closing", too_soon)
    monkeypatch.setattr(audit_service, "FOLD_BATCH", 1)  # (compared after each event)
    monkeypatch.setattr(AuditService, "_every_finding", counted)
    report = desk.audit.verify()
    assert report.intact and not report.findings
    assert wholes == [1]


@pytest.mark.parametrize("details", [
    {"to": "draft", "voided_approval": "never-made"},  # another story's, or none
    {"to": "publishing", "publications": {"account-1": "imported:account-1:7"}},
])
def test_the_tally_is_unsure_where_a_story_reaches_beyond_itself(
        details: dict[str, object]) -> None:
    tally = Tally()
    event = (1, "2026-01-01T00:00:00.000000+00:00", "jo", "draft.start_publish", "draft-1",
             json.dumps(details), "0" * 64, "0" * 64)
    tally.fold_all([(event, {**details, "at": "2026-01-01T00:00:00.000000Z"})])
    assert tally.unsure
