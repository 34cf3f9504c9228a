"""``audit verify`` from the stored text: the same verdict as decoding every event.

The chain is checked by hashing the stored strings and details text as they are; spaced text
(older files, PostgreSQL's jsonb) is written out canonically by orjson; anything else that is
written differently but means the same (escapes, keys out of order) is decoded by json and
checked the full way, and a text that means something else is named. The tables are held to one
fingerprint per row and the trail is read again, decoded, only when something disagrees.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from safedesk.app import SafeDesk, Settings, build
from safedesk.core.audit import ChainWalk, StoredEvent, canonical_json
from safedesk.core.digest import content_digest
from safedesk.core.models import Content, Pane
from safedesk.core.witness_checks import Finding
from safedesk.core.workflow import PendingEvent
from safedesk.services.audit import AuditService
from tests.conftest import Cast, FakeClock

DETAILS: tuple[dict[str, object], ...] = (
    {"n": 1, "text": "Caf\u00e9"},
    {"text": "a,b:c", "list": [1, 2.5, None, True], "nested": {"z": "", "a": "x: y, z"}},
    {"quote": 'She said "no"', "path": "C:\\temp", "line": "one\ntwo"},
    {"emoji": "\U0001f600 \u05e9\u05dc\u05d5\u05dd", "at": "2026-01-01T00:00:00.000000Z"},
    {"n": 5, "where": "Hall,Main St:3"},
)


@pytest.fixture
def trail(data_dir: Path, clock: FakeClock) -> Iterator[SafeDesk]:
    desk = build(Settings(data_dir), clock=clock)
    for n, details in enumerate(DETAILS, start=1):
        desk.store.record(PendingEvent(actor=f"person-{n}", action="test.event",
                                       subject=f"thing-{n}", details=details))
    yield desk
    desk.close()


def stored_details(desk: SafeDesk) -> list[str]:
    conn = sqlite3.connect(desk.settings.database_path)
    rows = [row[0] for row in conn.execute("SELECT details FROM audit_events ORDER BY seq")]
    conn.close()
    return rows


def rewrite(desk: SafeDesk, seq: int, details: str) -> None:
    """Someone with the file writes another details text into one event."""
    conn = sqlite3.connect(desk.settings.database_path)
    conn.execute("DROP TRIGGER IF EXISTS audit_events_no_update")
    conn.execute("UPDATE audit_events SET details = ? WHERE seq = ?", (details, seq))
    conn.commit()
    conn.close()


def walked(desk: SafeDesk) -> ChainWalk:
    walk = ChainWalk()
    for _event in walk.walk(desk.store.audit_rows()):
        pass
    return walk


def test_the_store_keeps_details_as_the_canonical_json_the_hash_covers(trail: SafeDesk) -> None:
    assert stored_details(trail) == [canonical_json(d) for d in DETAILS]
    walk = walked(trail)
    # Every body orjson wrote gave its hash back: no event needed json to decode it.
    assert (walk.broken, walk.checked, walk.checked_the_full_way) == (None, len(DETAILS), 0)
    report = trail.audit.verify()
    assert (report.intact, report.checked) == (True, len(DETAILS))


SAME_MEANING: dict[str, Callable[[dict[str, object]], str]] = {
    # What SafeDesk wrote before the store kept canonical text.
    "older spaced form": lambda d: json.dumps(d, ensure_ascii=False, sort_keys=True),
    "indented": lambda d: json.dumps(d, ensure_ascii=False, sort_keys=True, indent=2),
    "keys in another order": lambda d: json.dumps(dict(reversed(list(d.items()))),
                                                  ensure_ascii=False),
    "non-ASCII escaped": lambda d: json.dumps(d, sort_keys=True, separators=(",", ":")),
}


@pytest.mark.parametrize("written", SAME_MEANING.values(), ids=SAME_MEANING.keys())
def test_details_written_differently_with_the_same_meaning_still_verify(
        trail: SafeDesk, written: Callable[[dict[str, object]], str]) -> None:
    for seq, details in enumerate(DETAILS, start=1):
        rewrite(trail, seq, written(details))
    report = trail.audit.verify()
    assert report.intact, report
    assert report.checked == len(DETAILS)


def test_spaced_details_are_written_out_again_not_decoded_by_json(trail: SafeDesk) -> None:
    """Spaced text, with its keys in any order and its characters escaped or not (older files,
    PostgreSQL's jsonb), is checked without json."""
    for seq, details in enumerate(DETAILS, start=1):
        rewrite(trail, seq, json.dumps(dict(reversed(details.items())), ensure_ascii=seq % 2 == 0))
    walk = walked(trail)
    assert (walk.broken, walk.checked, walk.checked_the_full_way) == (None, len(DETAILS), 0)


def test_details_kept_sorted_and_in_another_order_by_turns_are_all_written_out_again(
        trail: SafeDesk) -> None:
    """The walk tries first the key order that last gave a hash: a trail whose events change
    order from one to the next is still checked without json."""
    for seq, details in enumerate(DETAILS, start=1):
        keys = list(details.items())
        rewrite(trail, seq, json.dumps(dict(reversed(keys) if seq % 2 else sorted(keys))))
    walk = walked(trail)
    assert (walk.broken, walk.checked, walk.checked_the_full_way) == (None, len(DETAILS), 0)


@pytest.mark.parametrize(("recorded", "written"), [
    # orjson reads an integer beyond 64 bits as the float nearest to it, which it writes as
    # canonical_json writes that float: the spaced text must not pass for the float.
    (1.2345678901234568e29, "123456789012345678901234567890"),
    (-9.223372036854776e18, "-9223372036854775809"),
    # A number too large for a float is read by json as infinity: not null.
    (None, "1e400"),
])
def test_a_number_that_only_reads_like_the_recorded_one_breaks_the_chain(
        trail: SafeDesk, recorded: object, written: str) -> None:
    trail.store.record(PendingEvent(actor="person-6", action="test.event", subject="thing-6",
                                    details={"n": recorded}))
    assert trail.audit.verify().intact
    rewrite(trail, 6, f'{{"n": {written}}}')
    report = trail.audit.verify()
    assert (report.intact, report.broken_seq) == (False, 6)
    assert "changed" in report.problem


def test_orjson_writes_every_character_as_the_canonical_encoder_does() -> None:
    import orjson

    # Every character but the lone surrogates (which cannot be written as UTF-8 at all): in a
    # text, each after each; and as keys, to be sorted as canonical_json sorts them.
    every = [chr(code) for code in range(0x110000) if not 0xD800 <= code <= 0xDFFF]
    value = {"text": "".join(every), "keys": dict.fromkeys(reversed(every[::7]), 0),
             "other": [2**64 - 1, -(2**63), 0, None, True, False, [], {}]}
    assert orjson.dumps(value, option=orjson.OPT_SORT_KEYS).decode() == canonical_json(value)


CHANGED: dict[str, tuple[int, Callable[[str], str]]] = {
    "a letter in a canonical string": (1, lambda t: t.replace("Caf\u00e9", "Cafe")),
    # Only spaces between strings are insignificant: one added inside a string is a change.
    "a space after a comma inside a string": (5, lambda t: t.replace("Hall,", "Hall, ")),
    "a space after a colon inside a string": (5, lambda t: t.replace("St:", "St: ")),
    "spaced form with a space added inside": (
        5, lambda t: json.dumps(json.loads(t), sort_keys=True).replace("Hall,", "Hall, ")),
    "spaced form with a space doubled inside": (
        2, lambda t: json.dumps(json.loads(t), sort_keys=True).replace("x: y, z", "x: y,  z")),
    "an escaped character": (3, lambda t: t.replace("\\n", "\\t")),
    "a number": (2, lambda t: t.replace("2.5", "2.50001")),
    "an added key": (2, lambda t: t.replace('"z":""', '"z":"","q":1')),
}


@pytest.mark.parametrize("change", CHANGED.values(), ids=CHANGED.keys())
def test_details_that_mean_something_else_break_the_chain_there(
        trail: SafeDesk, change: tuple[int, Callable[[str], str]]) -> None:
    seq, edit = change
    before = stored_details(trail)[seq - 1]
    after = edit(before)
    assert json.loads(after) != json.loads(before)  # the edit really changed the meaning
    rewrite(trail, seq, after)
    report = trail.audit.verify()
    assert not report.intact
    assert report.broken_seq == seq
    assert "changed" in report.problem


def test_a_stored_event_decodes_to_what_the_store_gives(trail: SafeDesk) -> None:
    rows = [StoredEvent._make(row) for row in trail.store.audit_rows()]
    assert [row.decoded() for row in rows] == list(trail.store.audit_events())


@pytest.mark.parametrize("text", ["not json", "[1, 2]", '{"n": 1} trailing', '"text"'])
def test_details_that_are_not_an_object_break_the_chain_there(trail: SafeDesk, text: str) -> None:
    rewrite(trail, 2, text)
    report = trail.audit.verify()
    assert (report.intact, report.broken_seq) == (False, 2)
    assert "changed" in report.problem


# -- the tables, one fingerprint per row ------------------------------------------------------

def test_a_clean_desk_is_verified_in_one_read_of_the_trail(
        desk: SafeDesk, cast: Cast, monkeypatch: pytest.MonkeyPatch) -> None:
    draft = desk.drafts.create(cast.author, Pane.OFFICIAL,
                               Content(text="Bins on Monday", targets=(cast.council.id,)))
    desk.drafts.submit(draft.id, cast.author)
    desk.drafts.approve(draft.id, cast.approver,
                        content_digest(desk.drafts.get(draft.id).content))
    def read_again(_service: AuditService) -> list[Finding]:
        raise AssertionError("a clean desk needs the trail read once")

    monkeypatch.setattr(AuditService, "_every_finding", read_again)
    report = desk.audit.verify()
    assert report.intact

    conn = sqlite3.connect(desk.settings.database_path)
    conn.execute("UPDATE drafts SET state = 'published' WHERE id = ?", (draft.id,))
    conn.commit()
    conn.close()
    monkeypatch.undo()
    report = desk.audit.verify()  # the fingerprint differs: the trail is read again to name it
    last = max(e.seq for e in desk.store.audit_events() if e.subject == draft.id)
    assert [f.problem for f in report.findings] == [
        f"draft {draft.id} is published but the trail last made it approved (event #{last})"]



@pytest.mark.parametrize("details", [
    {"to": "publishing", "publications": {"account-1": 1.2345678901234568e29}},
    {"voided_approvals": ["approval-1", 7]},
])
def test_the_tally_holds_to_text_only_as_the_tables_keep_it(details: dict[str, object]) -> None:
    """A value the tables keep as text that is not text in an event (a float where orjson read
    a long integer) leaves the tally unsure, so the whole check decides."""
    from safedesk.core.witness_tally import Tally

    tally = Tally()
    event = (1, "2026-01-01T00:00:00.000000+00:00", "jo", "draft.start_publish", "draft-1",
             json.dumps(details), "0" * 64, "0" * 64)
    tally.fold_all([(event, {**details, "at": "2026-01-01T00:00:00.000000Z"})])
    assert tally.unsure
