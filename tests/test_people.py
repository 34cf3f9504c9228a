"""People over time, through the services: the lone admin's flag, appointments a second admin
confirms, leavers, passphrase resets, and names that are people, not strings."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest

from safedesk.app import SafeDesk
from safedesk.core.digest import content_digest
from safedesk.core.errors import (
    AuthenticationError,
    InvalidInputError,
    NotAllowedError,
    PassphraseResetError,
)
from safedesk.core.models import Content, DraftState, Pane, Person, Role
from tests.conftest import Cast
from tests.test_corrections import official_post, preapprove

LONE_FLAG = "approved by Sam Approver, whom Ada Admin alone appointed"


def submitted(desk: SafeDesk, cast: Cast, text: str = "Bins delayed", *,
              later: bool = False) -> str:
    content = Content(text=text, targets=(cast.council.id,))
    if later:
        content = Content(text=text, targets=(cast.council.id,),
                          schedule_at=desk.clock.now() + timedelta(hours=2))
    draft = desk.drafts.create(cast.author, Pane.OFFICIAL, content)
    return desk.drafts.submit(draft.id, cast.author).id


def approve(desk: SafeDesk, draft_id: str, approver: Person, passphrase: str) -> None:
    desk.queue.approve(draft_id, approver, passphrase,
                       content_digest(desk.drafts.get(draft_id).content))


def second_admin(desk: SafeDesk, cast: Cast) -> Person:
    """Bea, made admin by Ada while Ada was alone (so it took effect at once)."""
    return desk.people.add("Bea Admin", Role.ADMIN, "bea-passphrase", added_by=cast.admin)


# -- the lone admin's appointee --------------------------------------------------------------

def test_a_lone_admins_appointee_approves_with_the_flag_everywhere(desk: SafeDesk,
                                                                   cast: Cast) -> None:
    assert desk.people.standing(cast.approver).flag == LONE_FLAG
    later = submitted(desk, cast, "Tomorrow's bins", later=True)
    approve(desk, later, cast.approver, "sam-passphrase")
    item = desk.queue.show(later)
    assert item.draft.state is DraftState.APPROVED
    assert item.draft.approval is not None and item.draft.approval.flag == LONE_FLAG
    approving = next(e for e in item.history if e.action == "draft.approve")
    assert approving.details["flag"] == LONE_FLAG
    assert [d.id for d in desk.queue.approved_waiting()] == [later]

    # The incident export carries the flag of the correction's approval.
    original = official_post(desk, cast)
    assert desk.drafts.get(original).approval.flag == LONE_FLAG  # type: ignore[union-attr]
    preapprove(desk, cast.approver, "sam-passphrase")
    plan = desk.corrections.prepare(original, "correction", fields={"correction": "Thursday."})
    report = desk.corrections.publish(plan, cast.author)
    document = json.loads(desk.incidents.export(report.incident.id, "json"))
    assert document["correction"]["approval"]["flag"] == LONE_FLAG
    assert f"Flagged: {LONE_FLAG}" in desk.incidents.export(report.incident.id, "md")


def test_the_founding_admin_approves_unflagged_but_a_confirmation_by_their_appointee_is_not_a_second_person(
        desk: SafeDesk, cast: Cast) -> None:
    """Ada alone made Bea an admin; Bea confirming Sam is still only Ada's word."""
    assert desk.people.standing(cast.admin).flag == ""
    bea = second_admin(desk, cast)
    desk.people.confirm("Sam Approver", bea)
    draft_id = submitted(desk, cast)
    approve(desk, draft_id, cast.approver, "sam-passphrase")
    assert desk.drafts.get(draft_id).approval.flag == (  # type: ignore[union-attr]
        "approved by Sam Approver, whose appointment rests on Ada Admin alone")
    # Past approvals stay as they were recorded: nothing rewrites them.
    events = [e for e in desk.store.audit_events() if e.action == "person.confirm"]
    assert events[-1].actor == bea.id and events[-1].details["was_alone"] is True


def test_a_confirmation_by_an_independent_admin_clears_the_flag(desk: SafeDesk,
                                                                 cast: Cast) -> None:
    """An admin whose role came from no grant (from before appointments were recorded) stands
    for themselves: their confirmation makes a second person."""
    from safedesk.core.passphrase import hash_passphrase
    from safedesk.core.workflow import PendingEvent

    old_admin = Person(id="p-old", name="Olu Admin", role=Role.ADMIN,
                       passphrase_hash=hash_passphrase("olu-passphrase"),
                       created_at=desk.clock.now())
    desk.store.add_person(old_admin, PendingEvent("setup", "person.add", old_admin.id,
                                                  {"name": old_admin.name, "role": "admin"}))
    desk.people.confirm("Sam Approver", old_admin)
    draft_id = submitted(desk, cast)
    approve(desk, draft_id, cast.approver, "sam-passphrase")
    assert desk.drafts.get(draft_id).approval.flag == ""  # type: ignore[union-attr]


# -- two admins: appointments wait for the other one ----------------------------------------

def test_with_two_admins_an_appointee_waits_for_the_other_admin(desk: SafeDesk,
                                                                cast: Cast) -> None:
    bea = second_admin(desk, cast)
    lee = desk.people.add("Lee Approver", Role.APPROVER, "lee-passphrase", added_by=cast.admin)
    assert lee.role is Role.AUTHOR  # until Bea confirms
    waiting = desk.people.pending_appointments()
    assert [(a.person.name, a.grant.role, a.granted_by) for a in waiting] == [
        ("Lee Approver", Role.APPROVER, "Ada Admin")]

    draft_id = submitted(desk, cast)
    with pytest.raises(NotAllowedError, match="only approvers and admins can approve"):
        approve(desk, draft_id, lee, "lee-passphrase")
    assert desk.queue.pending_for(lee) == []
    with pytest.raises(NotAllowedError, match="made this appointment"):
        desk.people.confirm("Lee Approver", cast.admin)
    with pytest.raises(NotAllowedError, match="Only an admin"):
        desk.people.confirm("Lee Approver", cast.approver)

    confirmed = desk.people.confirm("Lee Approver", bea)
    assert confirmed.role is Role.APPROVER and desk.people.pending_appointments() == []
    approve(desk, draft_id, lee, "lee-passphrase")
    draft = desk.drafts.get(draft_id)
    assert draft.state is DraftState.PUBLISHED
    # Bea is someone Ada appointed alone, so her confirmation is no second person's: Ada could
    # otherwise approve her own post through Lee, whom she also made up, unflagged.
    assert draft.approval is not None and draft.approval.flag == (
        "approved by Lee Approver, whose appointment rests on Ada Admin alone")


def test_raising_a_role_with_two_admins_waits_and_lowering_does_not(desk: SafeDesk,
                                                                    cast: Cast) -> None:
    bea = second_admin(desk, cast)
    jo = desk.people.set_role("Jo Author", Role.APPROVER, bea)
    assert jo.role is Role.AUTHOR
    assert desk.people.confirm("Jo Author", cast.admin).role is Role.APPROVER
    assert desk.people.set_role("Jo Author", Role.AUTHOR, bea).role is Role.AUTHOR
    with pytest.raises(InvalidInputError, match="already an admin"):
        desk.people.set_role("Bea Admin", Role.ADMIN, bea)
    actions = [e.action for e in desk.store.audit_events() if e.subject == jo.id]
    assert actions == ["person.add", "person.grant", "person.confirm", "person.role"]


def test_once_a_second_admin_exists_a_lone_appointment_must_be_confirmed(desk: SafeDesk,
                                                                         cast: Cast) -> None:
    second_admin(desk, cast)
    draft_id = submitted(desk, cast)
    with pytest.raises(NotAllowedError, match="Ada Admin alone appointed Sam Approver"):
        approve(desk, draft_id, cast.approver, "sam-passphrase")
    assert desk.drafts.get(draft_id).state is DraftState.SUBMITTED


def test_the_last_admin_cannot_be_disabled_or_lowered(desk: SafeDesk, cast: Cast) -> None:
    with pytest.raises(NotAllowedError, match="only admin"):
        desk.people.disable("Ada Admin", cast.admin)
    with pytest.raises(NotAllowedError, match="only admin"):
        desk.people.set_role("Ada Admin", Role.APPROVER, cast.admin)
    with pytest.raises(NotAllowedError, match="Only an admin can disable"):
        desk.people.disable("Jo Author", cast.approver)


# -- leavers --------------------------------------------------------------------------------

def test_a_disabled_person_cannot_sign_in_or_act_and_their_approvals_are_void(
        desk: SafeDesk, cast: Cast) -> None:
    approved = submitted(desk, cast, "Approved for later", later=True)
    approve(desk, approved, cast.approver, "sam-passphrase")
    jo_waiting = submitted(desk, cast, "Jo's waiting post")

    desk.people.disable("Sam Approver", cast.admin)
    with pytest.raises(AuthenticationError, match="disabled"):
        desk.people.authenticate("Sam Approver", "sam-passphrase")
    # Their approval is void: the post is back in the queue, with no live approval.
    back = desk.drafts.get(approved)
    assert back.state is DraftState.SUBMITTED and back.approval is None
    voided = desk.store.db.execute(
        "SELECT voided_at FROM approvals WHERE draft_id = ?", [approved]).fetchall()
    assert len(voided) == 1 and voided[0][0] is not None
    # A stale session (the Person object from before) can do nothing either.
    with pytest.raises(NotAllowedError, match="disabled"):
        approve(desk, jo_waiting, cast.approver, "sam-passphrase")
    with pytest.raises(NotAllowedError, match="disabled"):
        desk.drafts.create(cast.approver, Pane.PERSONAL, Content(text="hi", targets=()))
    assert desk.queue.pending_for(cast.approver) == []

    desk.people.disable("Jo Author", cast.admin)
    returned = desk.drafts.get(jo_waiting)
    assert returned.state is DraftState.DRAFT
    assert returned.decision_note == "returned because Jo Author was disabled"
    disable = [e for e in desk.store.audit_events() if e.action == "person.disable"]
    assert disable[0].details["approval_voided_on"] == [approved]
    assert set(disable[1].details["returned_drafts"]) == {jo_waiting, approved}
    assert desk.audit.verify().intact  # history and audit kept, the chain whole

    desk.people.enable("Sam Approver", cast.admin)
    assert desk.people.authenticate("Sam Approver", "sam-passphrase").disabled_at is None


# -- passphrases ----------------------------------------------------------------------------

def test_a_person_changes_their_passphrase_and_an_admin_can_force_a_reset(
        desk: SafeDesk, cast: Cast) -> None:
    with pytest.raises(AuthenticationError):
        desk.people.change_passphrase("Jo Author", "wrong", "jo-new-passphrase")
    desk.people.change_passphrase("Jo Author", "jo-passphrase", "jo-new-passphrase")
    assert desk.people.authenticate("Jo Author", "jo-new-passphrase").name == "Jo Author"
    with pytest.raises(NotAllowedError, match="Only an admin"):
        desk.people.reset_passphrase("Sam Approver", "given-by-jo-now", cast.author)

    desk.people.reset_passphrase("Jo Author", "given-by-ada-now", cast.admin)
    with pytest.raises(PassphraseResetError, match="Choose a new one first"):
        desk.people.authenticate("Jo Author", "given-by-ada-now")
    desk.people.change_passphrase("Jo Author", "given-by-ada-now", "jo-own-passphrase-again")
    assert not desk.people.authenticate("Jo Author", "jo-own-passphrase-again").passphrase_reset
    kinds = [e.details for e in desk.store.audit_events() if e.action == "person.passphrase"]
    assert [k["by"] for k in kinds] == ["self", "admin", "self"]
    assert kinds[-1]["completes_reset"] is True


# -- names ----------------------------------------------------------------------------------

@pytest.mark.parametrize(("name", "like"), [
    ("ad\u200ba", "ada"),          # a zero-width space inside
    ("\u0430da", "ada"),           # Cyrillic a
    ("ADA", "ada"),
    ("\u0251da", "ada"),           # Latin alpha
    ("Sam Appr\u043ever", "Sam Approver"),  # Cyrillic o
])
def test_lookalike_names_are_refused_naming_who_they_resemble(desk: SafeDesk, cast: Cast,
                                                              name: str, like: str) -> None:
    desk.people.add("ada", Role.AUTHOR, "the-passphrase", added_by=cast.admin)
    with pytest.raises(InvalidInputError, match=f"'{like}'"):
        desk.people.add(name, Role.AUTHOR, "the-passphrase", added_by=cast.admin)
    with pytest.raises(InvalidInputError, match=f"'{like}'"):
        desk.people.rename("Jo Author", name, cast.admin)


@pytest.mark.parametrize(("name", "reason"), [
    ("\u200b\u200c\u2060", "only of invisible characters"),
    ("\u2800", "only of invisible characters"),
    ("Ann\u202eeno", "text-direction control"),
    ("Ann\u2066x", "text-direction control"),
    ("Ann\x1b[0m", "control character"),
    ("   ", "needs a name"),
])
def test_invisible_control_and_bidi_names_are_refused(desk: SafeDesk, cast: Cast, name: str,
                                                      reason: str) -> None:
    with pytest.raises(InvalidInputError, match=reason):
        desk.people.add(name, Role.AUTHOR, "the-passphrase", added_by=cast.admin)


def test_distinct_names_in_any_script_are_welcome_and_renames_are_audited(
        desk: SafeDesk, cast: Cast) -> None:
    for name in ("Αθηνά", "Siân Jones", "Zoë", "محمد", "Jo Author Junior"):
        desk.people.add(name, Role.AUTHOR, "the-passphrase", added_by=cast.admin)
    renamed = desk.people.rename("Zoë", "Zoë Evans", cast.admin)
    assert desk.people.get("Zoë Evans").id == renamed.id
    # Renaming someone to a lookalike of their own old name is no disguise.
    desk.people.rename("Zoë Evans", "ZOË EVANS", cast.admin)
    events = [e for e in desk.store.audit_events() if e.action == "person.rename"]
    assert [e.details["to"] for e in events] == ["Zoë Evans", "ZOË EVANS"]


def test_legitimate_people_changes_leave_the_tables_agreeing_with_the_trail(
        desk: SafeDesk, cast: Cast) -> None:
    """Every change to a person is witnessed by its event, so `audit verify` stays clean; a role
    written by SQL afterwards is named."""
    desk.people.set_role(cast.author.name, Role.APPROVER, cast.admin)  # lone admin: at once
    desk.people.rename(cast.second_approver.name, "Kim Okafor", cast.admin)
    desk.people.disable(cast.approver.name, cast.admin)
    desk.people.enable(cast.approver.name, cast.admin)
    desk.people.set_role(cast.author.name, Role.AUTHOR, cast.admin)
    report = desk.audit.verify()
    assert report.intact, report.problem
    desk.store.db.conn.execute("UPDATE people SET role = 'admin' WHERE id = ?", [cast.author.id])
    assert not desk.audit.verify().intact
