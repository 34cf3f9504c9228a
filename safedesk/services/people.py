"""The people who use SafeDesk on this machine: adding, signing in, and changing them over time.

Every change is one store transaction with its audit event. The rules live in core:
``core.names`` (a name names one person), ``core.appointments`` (no one makes a second person
alone; a disabled person does nothing).
"""

from __future__ import annotations

import functools
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from safedesk.core import appointments, workflow
from safedesk.core.appointments import Grant, Standing
from safedesk.core.errors import (
    AuthenticationError,
    InvalidInputError,
    NotAllowedError,
    NotFoundError,
    PassphraseResetError,
)
from safedesk.core.messages import Message, msg
from safedesk.core.models import DraftState, Pane, Person, Role
from safedesk.core.names import MAX_NAME_LENGTH, check_new_name, parse_confusables
from safedesk.core.passphrase import (
    check_strength,
    hash_passphrase,
    needs_rehash,
    verify_passphrase,
)
from safedesk.core.ports import Clock, Store
from safedesk.core.workflow import DraftChange, PendingEvent
from safedesk.resources import resource_path

__all__ = ["BOOTSTRAP_ACTOR", "MAX_NAME_LENGTH", "RESTRICTED_POST", "PendingAppointment",
           "PeopleService", "parse_role", "standing_now"]

BOOTSTRAP_ACTOR = "setup"
# How a politically restricted post is named wherever people are listed.
RESTRICTED_POST = "politically restricted post"


def parse_role(text: str) -> Role:
    try:
        return Role(text.strip().lower())
    except ValueError:
        choices = ", ".join(r.value for r in Role)
        raise InvalidInputError(msg("'{text}' is not a role. Choose one of: {choices}.",
                                    text=text, choices=choices)) from None


@functools.cache
def _confusables() -> dict[str, str]:
    return parse_confusables(resource_path("unicode", "confusables.txt").read_text("utf-8"))


def passphrase_hash(passphrase: str, name: str = "") -> str:
    """The one place a new passphrase is accepted (strong enough, not the person's name) and
    hashed."""
    check_strength(passphrase, name)
    return hash_passphrase(passphrase)


def standing_now(store: Store, person: Person) -> tuple[Person, Standing]:
    """The person as stored now (role, enabled) and whether their approval counts, flagged."""
    fresh = store.get_person(person.id)
    return fresh, appointments.standing(fresh, store.list_grants(), store.list_people())


@dataclass(frozen=True, slots=True)
class PendingAppointment:
    """A grant waiting for a second admin, with the names the views need."""

    grant: Grant
    person: Person
    granted_by: str


# On a team desk, whether a password is this person's is the team server's to say.
PasswordCheck = Callable[[Person, str], bool]


class PeopleService:
    def __init__(self, store: Store, clock: Clock, *,
                 password_check: PasswordCheck | None = None) -> None:
        self._store = store
        self._clock = clock
        self._password_check = password_check

    # -- reading ----------------------------------------------------------------------------

    def list(self) -> Sequence[Person]:
        return self._store.list_people()

    def get(self, name: str) -> Person:
        person = self._store.find_person(name)
        if person is None:
            raise NotFoundError(msg("There is no person called '{name}' in SafeDesk.",
                                    name=name.strip()))
        return person

    def needs_admin_to_add(self) -> bool:
        """Once an admin exists, only an admin may add people.

        Otherwise anyone could add a second "approver" and approve their own posts.
        """
        return any(p.role is Role.ADMIN for p in self._store.list_people())

    def standing(self, person: Person) -> Standing:
        return standing_now(self._store, person)[1]

    def pending_appointments(self) -> Sequence[PendingAppointment]:
        people = {p.id: p for p in self._store.list_people()}
        return [PendingAppointment(g, people[g.person_id],
                                   people[g.granted_by].name if g.granted_by in people
                                   else g.granted_by)
                for g in self._store.list_grants() if g.pending and g.person_id in people]

    def lone_appointments(self) -> Sequence[PendingAppointment]:
        """Appointments made by a lone admin that no second admin has confirmed yet."""
        people = {p.id: p for p in self._store.list_people()}
        found = []
        for person in people.values():
            grant = appointments.current_grant(person, self._store.list_grants())
            if grant is not None and grant.alone and not grant.confirmed_by:
                granter = people.get(grant.granted_by)
                found.append(PendingAppointment(grant, person,
                                                granter.name if granter else grant.granted_by))
        return found

    # -- adding and signing in --------------------------------------------------------------

    def _check_name(self, name: str, except_id: str = "") -> str:
        existing = [(p.id, p.name) for p in self._store.list_people() if p.id != except_id]
        return check_new_name(name, existing, _confusables())

    def add(self, name: str, role: Role, passphrase: str, added_by: Person | None = None) -> Person:
        clean = self._check_name(name)
        if self.needs_admin_to_add():
            if added_by is None:
                raise NotAllowedError(msg("Only an admin can add people. Sign in as an admin first."))
            added_by = self._store.get_person(added_by.id)
            appointments.check_is_admin(added_by, "add people")
        now = self._clock.now()
        person = Person(id=str(uuid.uuid4()), name=clean, role=role,
                        passphrase_hash=passphrase_hash(passphrase, clean), created_at=now)
        grants: list[Grant] = []
        details: dict[str, object] = {"name": person.name, "role": role.value}
        if added_by is not None and appointments.needs_grant(None, role):
            grant = appointments.make_grant(person.id, role, added_by, self._store.list_people(),
                                            now)
            grants.append(grant)
            details.update(grant=grant.id, alone=grant.alone)
            if grant.pending:
                # Until a second admin confirms, the newcomer writes but does not approve.
                person = replace(person, role=Role.AUTHOR)
                details.update(role=Role.AUTHOR.value, pending_role=role.value)
        event = PendingEvent(actor=added_by.id if added_by else BOOTSTRAP_ACTOR,
                             action="person.add", subject=person.id, details=details)
        self._store.add_person(person, event, grants)
        return person

    def authenticate(self, name: str, passphrase: str) -> Person:
        person = self._store.find_person(name)
        if person is None:
            raise AuthenticationError(msg("There is no person called '{name}' in SafeDesk.",
                                          name=name.strip()))
        if person.disabled_at is not None:
            raise AuthenticationError(msg("{name} is disabled in SafeDesk and cannot sign in. "
                                          "Ask an admin if this is a mistake.",
                                          name=person.name))
        if self._password_check is not None:
            if not self._password_check(person, passphrase):
                raise AuthenticationError(msg("That is not {name}'s team password, or "
                                              "this desk is not signed in as them. Try again.",
                                              name=person.name))
            return person
        if not verify_passphrase(passphrase, person.passphrase_hash):
            self._store.record(PendingEvent(actor=person.id, action="person.auth_failed",
                                            subject=person.id, details={}))
            raise AuthenticationError(msg("That passphrase is not {name}'s. Try again.",
                                          name=person.name))
        if person.passphrase_reset:
            raise PassphraseResetError(
                msg("An admin reset {name}'s passphrase. Choose a new one first: "
                    "safedesk people passphrase '{name}', or sign in to the window.",
                    name=person.name))
        if needs_rehash(person.passphrase_hash):
            person = self._upgrade_hash(person, passphrase)
        return person

    def _upgrade_hash(self, person: Person, passphrase: str) -> Person:
        """Re-hash a passphrase that was stored with weaker scrypt parameters: the passphrase is
        only ever known here, at a sign-in that just succeeded."""
        upgraded = replace(person, passphrase_hash=hash_passphrase(passphrase))
        self._store.set_passphrase_hash(person.id, upgraded.passphrase_hash, PendingEvent(
            actor=person.id, action="person.passphrase_rehash", subject=person.id,
            details={"reason": "stronger hashing parameters"}))
        return upgraded

    # -- passphrases ------------------------------------------------------------------------

    def change_passphrase(self, name: str, old: str, new: str) -> Person:
        """A person changes their own passphrase, proving the old one (or the one an admin
        gave them with a reset, which this completes)."""
        person = self.get(name)
        if person.disabled_at is not None:
            raise AuthenticationError(msg("{name} is disabled in SafeDesk.", name=person.name))
        if not verify_passphrase(old, person.passphrase_hash):
            self._store.record(PendingEvent(person.id, "person.auth_failed", person.id, {}))
            raise AuthenticationError(msg("That passphrase is not {name}'s. Nothing was "
                                          "changed.", name=person.name))
        if new == old:
            raise InvalidInputError(msg("Choose a passphrase different from the old one."))
        changed = replace(person, passphrase_hash=passphrase_hash(new, person.name),
                          passphrase_reset=False)
        self._store.update_person(changed, PendingEvent(
            person.id, "person.passphrase", person.id,
            {"by": "self", "completes_reset": person.passphrase_reset}))
        return changed

    def reset_passphrase(self, name: str, temporary: str, admin: Person) -> Person:
        """An admin sets a passphrase to hand over; the person must choose their own at their
        next sign-in."""
        admin = self._admin(admin, "reset someone's passphrase")
        person = self.get(name)
        changed = replace(person, passphrase_hash=passphrase_hash(temporary, person.name),
                          passphrase_reset=True)
        self._store.update_person(changed, PendingEvent(admin.id, "person.passphrase", person.id,
                                                        {"by": "admin", "reset": True}))
        return changed

    # -- changes by an admin ----------------------------------------------------------------

    def _admin(self, actor: Person, what: str) -> Person:
        fresh = self._store.get_person(actor.id)
        appointments.check_is_admin(fresh, what)
        return fresh

    def _check_keeps_an_admin(self, person: Person, refusal: Message) -> None:
        """``refusal`` says why, whole: its parts would not read right alone in Welsh."""
        others = [p for p in appointments.enabled_admins(self._store.list_people())
                  if p.id != person.id]
        if person.role is Role.ADMIN and person.disabled_at is None and not others:
            raise NotAllowedError(refusal)

    def rename(self, name: str, new_name: str, admin: Person) -> Person:
        admin = self._admin(admin, "rename people")
        person = self.get(name)
        clean = self._check_name(new_name, except_id=person.id)
        changed = replace(person, name=clean)
        self._store.update_person(changed, PendingEvent(admin.id, "person.rename", person.id,
                                                        {"from": person.name, "to": clean}))
        return changed

    def disable(self, name: str, admin: Person) -> Person:
        """A leaver: history and audit kept; sign-in and every action refused; their approvals
        not yet used are void (the post goes back to the queue) and their submitted drafts
        come back to draft with a note."""
        admin = self._admin(admin, "disable people")
        person = self.get(name)
        if person.disabled_at is not None:
            raise InvalidInputError(msg("{name} is already disabled.", name=person.name))
        self._check_keeps_an_admin(person, msg(
            "{name} is the only admin, so cannot be disabled. Make someone else an admin first.",
            name=person.name))
        now = self._clock.now()
        note = f"returned because {person.name} was disabled"
        changes: list[DraftChange] = []
        for draft in self._store.list_drafts(Pane.OFFICIAL, states={DraftState.APPROVED,
                                                                    DraftState.SUBMITTED}):
            if draft.state is DraftState.APPROVED and draft.approval is not None \
                    and draft.approval.approver_id == person.id:
                changes.append(workflow.void_approval(
                    draft, admin, f"approval void because {person.name} was disabled", now))
            elif draft.state is DraftState.SUBMITTED and draft.author_id == person.id:
                changes.append(workflow.return_to_draft(draft, admin, note, now))
        changed = replace(person, disabled_at=now)
        self._store.update_person(changed, PendingEvent(
            admin.id, "person.disable", person.id,
            {"approval_voided_on": [c.draft.id for c in changes
                                  if c.draft.state is DraftState.SUBMITTED],
             "returned_drafts": [c.draft.id for c in changes
                                 if c.draft.state is DraftState.DRAFT]}),
            draft_changes=changes)
        return changed

    def enable(self, name: str, admin: Person) -> Person:
        admin = self._admin(admin, "enable people")
        person = self.get(name)
        if person.disabled_at is None:
            raise InvalidInputError(msg("{name} is not disabled.", name=person.name))
        changed = replace(person, disabled_at=None)
        self._store.update_person(changed, PendingEvent(admin.id, "person.enable", person.id, {}))
        return changed

    def set_politically_restricted(self, name: str, restricted: bool, admin: Person) -> Person:
        """An admin marks (or clears) a politically restricted post: the person's personal posts
        naming parties, candidates or watched political terms then warn them."""
        admin = self._admin(admin, "mark politically restricted posts")
        person = self.get(name)
        if person.politically_restricted is restricted:
            raise InvalidInputError(
                msg("{name}'s post is already marked politically restricted.", name=person.name)
                if restricted else
                msg("{name}'s post is not marked politically restricted.", name=person.name))
        changed = replace(person, politically_restricted=restricted)
        self._store.update_person(changed, PendingEvent(admin.id, "person.restricted", person.id,
                                                        {"restricted": restricted}))
        return changed

    def set_role(self, name: str, role: Role, admin: Person) -> Person:
        """Lowering a role takes effect at once; raising it to approver or admin is a grant
        (``core.appointments``): at once and flagged while one admin exists, otherwise when a
        second admin confirms."""
        admin = self._admin(admin, "change roles")
        person = self.get(name)
        now = self._clock.now()
        grants = self._store.list_grants()
        # Whatever was waiting for this person is replaced by this decision.
        closed = [replace(g, closed_at=now) for g in grants if g.person_id == person.id
                  and (g.pending or (role is Role.AUTHOR and g.in_effect))]
        if role is person.role and not any(g.pending for g in closed):
            raise InvalidInputError(msg("{name} is already an {value}.",
                                        name=person.name, value=role.word))
        if not appointments.needs_grant(person.role, role):
            if role is not Role.ADMIN:
                self._check_keeps_an_admin(person, msg(
                    "{name} is the only admin, so cannot be made an {role}. Make someone else an "
                    "admin first.", name=person.name, role=role.word))
            changed = replace(person, role=role)
            self._store.update_person(changed, PendingEvent(
                admin.id, "person.role", person.id, {"from": person.role.value, "to": role.value}),
                grants=closed)
            return changed
        grant = appointments.make_grant(person.id, role, admin, self._store.list_people(), now)
        changed = replace(person, role=role) if grant.alone else person
        self._store.update_person(changed, PendingEvent(
            admin.id, "person.grant", person.id,
            {"grant": grant.id, "from": person.role.value, "to": role.value,
             "alone": grant.alone}), grants=[*closed, grant])
        return changed

    def confirm(self, name: str, admin: Person) -> Person:
        """A second admin confirms an appointment: a pending one takes effect; a lone one loses
        its flag for the approvals that follow."""
        admin = self._admin(admin, "confirm appointments")
        person = self.get(name)
        grants = self._store.list_grants()
        grant = appointments.pending_grant(person.id, grants)
        if grant is None:
            lone = appointments.current_grant(person, grants)
            grant = lone if lone is not None and lone.alone and not lone.confirmed_by else None
        if grant is None:
            raise InvalidInputError(msg("{name} has no appointment waiting to be confirmed.",
                                        name=person.name))
        confirmed = appointments.check_can_confirm(grant, admin, person, self._clock.now())
        changed = replace(person, role=grant.role)
        self._store.update_person(changed, PendingEvent(
            admin.id, "person.confirm", person.id,
            {"grant": grant.id, "role": grant.role.value, "granted_by": grant.granted_by,
             "was_alone": grant.alone}), grants=[confirmed])
        return changed
