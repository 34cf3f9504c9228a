"""The team server's rules, through the team store a desk uses: what each person may do."""

from __future__ import annotations

import pytest

from safedesk.core.digest import content_digest
from safedesk.core.errors import NotAllowedError, SelfApprovalError
from safedesk.core.models import Content, DraftState, Pane
from safedesk.core.ports import SystemClock
from safedesk.core.witness import Trail
from safedesk.core.witness_checks import Finding, check_tables
from safedesk.services import audit as audit_service
from safedesk.services.audit import AuditService
from safedesk.services.drafts import DraftService
from tests.team_support import Team, official_account


def test_the_official_flow_checks_people_on_the_server(team: Team) -> None:
    account = official_account(team)
    jo_store, sam_store = team.store("Jo"), team.store("Sam")
    jo = jo_store.get_person(jo_store.whoami().person_id)
    sam = sam_store.get_person(sam_store.whoami().person_id)
    as_jo, as_sam = DraftService(jo_store, SystemClock()), DraftService(sam_store, SystemClock())

    draft = as_jo.create(jo, Pane.OFFICIAL, Content("Bins go out on Tuesday.", (account.id,)))
    draft = as_jo.submit(draft.id, jo)
    assert draft.state is DraftState.SUBMITTED
    with pytest.raises(NotAllowedError, match="only approvers"):
        as_jo.approve(draft.id, jo, content_digest(draft.content))
    approved = as_sam.approve(draft.id, sam, content_digest(draft.content))
    assert approved.state is DraftState.APPROVED
    assert approved.approval is not None and approved.approval.approver_id == sam.id

    report = AuditService(sam_store).verify()
    assert report.intact, str(report)
    assert report.checked >= 4


def test_an_approver_who_edited_cannot_approve(team: Team) -> None:
    account = official_account(team)
    jo_store, sam_store = team.store("Jo"), team.store("Sam")
    jo = jo_store.get_person(jo_store.whoami().person_id)
    sam = sam_store.get_person(sam_store.whoami().person_id)
    as_jo, as_sam = DraftService(jo_store, SystemClock()), DraftService(sam_store, SystemClock())
    draft = as_jo.submit(as_jo.create(jo, Pane.OFFICIAL,
                                      Content("Library closes at 5.", (account.id,))).id, jo)
    edited = as_sam.edit(draft.id, sam, Content("Library closes at 6.", (account.id,)))
    with pytest.raises(SelfApprovalError, match="edited this post"):
        as_sam.approve(edited.id, sam, content_digest(edited.content))


def test_a_template_version_names_its_words_on_the_server(team: Team) -> None:
    import psycopg
    from psycopg.types.json import Jsonb

    from safedesk.core.templates import template_version

    words = "We got this wrong: {correction}. Sorry."
    with team.raw("Ada") as raw:
        with pytest.raises(psycopg.Error, match="SHA-256 of its text"):
            raw.execute("SELECT safedesk.add_template_version(%s, '{}')", (Jsonb({
                "name": "correction", "language": "en-GB", "text": words,
                "version": template_version("Other words entirely.")}),))
        raw.execute("SELECT safedesk.add_template_version(%s, '{}')", (Jsonb({
            "name": "correction", "language": "en-GB", "text": words,
            "version": template_version(words)}),))


def test_the_team_trail_is_checked_from_its_jsonb_text_and_a_changed_event_is_named(
        team: Team) -> None:
    """The server's trail comes as jsonb's text (spaced, keys in jsonb's own order): it is
    checked without decoding by json, and an event changed on the server is still named."""
    from safedesk.core.audit import ChainWalk

    account = official_account(team)
    jo_store = team.store("Jo")
    jo = jo_store.get_person(jo_store.whoami().person_id)
    DraftService(jo_store, SystemClock()).create(
        jo, Pane.OFFICIAL, Content("Bins go out on Tuesday.", (account.id,)))
    walk = ChainWalk()
    for _event in walk.walk(jo_store.audit_rows()):
        pass
    assert (walk.broken, walk.checked_the_full_way) == (None, 0)
    assert walk.checked >= 3 and AuditService(jo_store).verify().intact

    with team.database.connect() as superuser:  # past the append-only trigger, as only it can
        superuser.execute("ALTER TABLE safedesk.audit_events DISABLE TRIGGER USER")
        superuser.execute("UPDATE safedesk.audit_events SET details = details || "
                          """'{"digest": "forged"}' WHERE seq = %s""", (walk.checked,))
        superuser.execute("ALTER TABLE safedesk.audit_events ENABLE TRIGGER USER")
    report = AuditService(jo_store).verify()
    assert (report.intact, report.broken_seq) == (False, walk.checked)
    assert "changed" in report.problem


def test_the_team_tables_are_held_to_the_trail_as_each_story_is_told(
        team: Team, monkeypatch: pytest.MonkeyPatch) -> None:
    """The team store reads each table in the order its rows' stories end, as the SQLite
    store does: a clean team desk is vouched for in one read, and a row changed behind the
    trail is named as the whole check names it."""
    account = official_account(team)
    jo_store, sam_store = team.store("Jo"), team.store("Sam")
    jo = jo_store.get_person(jo_store.whoami().person_id)
    sam = sam_store.get_person(sam_store.whoami().person_id)
    as_jo, as_sam = DraftService(jo_store, SystemClock()), DraftService(sam_store, SystemClock())
    waiting = as_jo.submit(as_jo.create(
        jo, Pane.OFFICIAL, Content("Bins go out on Tuesday.", (account.id,))).id, jo)
    approved = as_jo.submit(as_jo.create(
        jo, Pane.OFFICIAL, Content("The library opens at nine.", (account.id,))).id, jo)
    as_sam.approve(approved.id, sam, content_digest(approved.content))

    def read_again(_service: AuditService) -> list[Finding]:
        raise AssertionError("a clean desk needs the trail read once")

    with monkeypatch.context() as patched:
        patched.setattr(AuditService, "_every_finding", read_again)
        patched.setattr(audit_service, "FOLD_BATCH", 1)  # each row compared as soon as it may
        assert AuditService(sam_store).verify().intact

    with team.database.connect() as superuser:  # past the server's rules, as only it can
        superuser.execute("ALTER TABLE safedesk.drafts DISABLE TRIGGER USER")
        superuser.execute("UPDATE safedesk.drafts SET state = 'approved' WHERE id = %s",
                          (waiting.id,))
        superuser.execute("ALTER TABLE safedesk.drafts ENABLE TRIGGER USER")
    trail = Trail()
    for event in sam_store.audit_events():
        trail.fold(event)
    whole = [f.problem for f in check_tables(trail, sam_store.witnessed_rows)]
    report = AuditService(sam_store).verify()
    assert [f.problem for f in report.findings] == whole
    assert any(f"draft {waiting.id} is approved but the trail last made it submitted" in p
               for p in whole), whole
