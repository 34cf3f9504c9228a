"""The audit chain: any tampering, deletion or reordering is found and named."""

from __future__ import annotations

import itertools
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from safedesk.app import SafeDesk, Settings, build
from safedesk.core.audit import GENESIS_HASH, verify_chain
from safedesk.core.workflow import PendingEvent
from tests.conftest import FakeClock


@pytest.fixture
def trail(data_dir: Path, clock: FakeClock) -> Iterator[SafeDesk]:
    desk = build(Settings(data_dir), clock=clock)
    for n in range(1, 7):
        desk.store.record(PendingEvent(actor=f"person-{n}", action="test.event",
                                       subject=f"thing-{n}", details={"n": n, "text": "Caf\u00e9"}))
    yield desk
    desk.close()


def tamper(desk: SafeDesk, *statements: str) -> None:
    """What someone with the file could do: drop the guard triggers, then edit rows."""
    conn = sqlite3.connect(desk.settings.database_path)
    conn.execute("DROP TRIGGER audit_events_no_update")
    conn.execute("DROP TRIGGER audit_events_no_delete")
    for statement in statements:
        conn.execute(statement)
    conn.commit()
    conn.close()


def test_an_untouched_chain_verifies(trail: SafeDesk) -> None:
    report = trail.audit.verify()
    assert report.intact
    assert report.checked == 6
    events = list(trail.store.audit_events())
    assert events[0].prev_hash == GENESIS_HASH
    assert all(b.prev_hash == a.event_hash for a, b in itertools.pairwise(events))


def test_the_app_itself_cannot_edit_or_delete_events(trail: SafeDesk) -> None:
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        trail.store.db.execute("UPDATE audit_events SET actor = 'x' WHERE seq = 2")
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        trail.store.db.execute("DELETE FROM audit_events WHERE seq = 2")


@pytest.mark.parametrize(("column", "value"), [
    ("actor", "'someone-else'"),
    ("action", "'test.other'"),
    ("subject", "'thing-99'"),
    ("details", """'{"n": 3, "text": "Cafe"}'"""),
    ("occurred_at", "'2020-01-01T00:00:00.000000+00:00'"),
])
def test_a_changed_field_is_named(trail: SafeDesk, column: str, value: str) -> None:
    tamper(trail, f"UPDATE audit_events SET {column} = {value} WHERE seq = 3")
    report = trail.audit.verify()
    assert not report.intact
    assert report.broken_seq == 3
    assert "changed" in report.problem


def test_a_changed_event_with_a_recomputed_hash_breaks_the_next_link(trail: SafeDesk) -> None:
    from safedesk.core.audit import event_hash

    third = list(trail.store.audit_events())[2]
    forged = event_hash(third.seq, third.occurred_at, "forger", third.action, third.subject,
                        third.details, third.prev_hash)
    tamper(trail, f"UPDATE audit_events SET actor = 'forger', event_hash = '{forged}' "
                  "WHERE seq = 3")
    report = trail.audit.verify()
    assert report.broken_seq == 4
    assert "does not point at the event before it" in report.problem


def test_a_deleted_middle_event_is_named(trail: SafeDesk) -> None:
    tamper(trail, "DELETE FROM audit_events WHERE seq = 4")
    report = trail.audit.verify()
    assert not report.intact
    assert report.broken_seq == 4
    assert "missing" in report.problem


def test_deleted_newest_events_are_found_through_the_head(trail: SafeDesk) -> None:
    tamper(trail, "DELETE FROM audit_events WHERE seq >= 5")
    report = trail.audit.verify()
    assert not report.intact
    assert report.broken_seq == 5
    assert "newest were removed" in report.problem


def test_reordered_events_are_named(trail: SafeDesk) -> None:
    # Swap the contents of rows 2 and 3 while keeping their places.
    columns = "occurred_at, actor, action, subject, details, prev_hash, event_hash"
    tamper(
        trail,
        f"CREATE TEMP TABLE swap AS SELECT seq, {columns} FROM audit_events WHERE seq IN (2, 3)",
        *[
            f"UPDATE audit_events SET ({columns}) = (SELECT {columns} FROM swap "
            f"WHERE seq = {other}) WHERE seq = {seq}"
            for seq, other in ((2, 3), (3, 2))
        ],
    )
    report = trail.audit.verify()
    assert not report.intact
    assert report.broken_seq == 2


def test_verification_without_a_head_still_checks_links() -> None:
    assert verify_chain([], None).intact


def test_export_json_and_csv_hold_every_event_and_the_verdict(trail: SafeDesk) -> None:
    import csv
    import io
    import json

    document = json.loads(trail.audit.export("json"))
    assert document["verification"]["intact"] is True
    assert [e["seq"] for e in document["events"]] == [1, 2, 3, 4, 5, 6]
    assert document["events"][0]["details"] == {"n": 1, "text": "Caf\u00e9"}
    rows = list(csv.DictReader(io.StringIO(trail.audit.export("csv"))))
    assert [r["event_hash"] for r in rows] == [e["event_hash"] for e in document["events"]]
