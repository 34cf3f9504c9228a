"""No one makes a second person alone: who may approve, and on whose word.

Making someone an approver or admin (adding them so, or raising their role) is a *grant*. Once two
enabled admins exist, a grant takes effect only when a second admin, not the granter, confirms it;
until then the person keeps the role they had (a new person starts as an author). While only one
admin exists there is no one to confirm, so the grant takes effect at once but is marked *alone*:
every official approval the appointee gives carries "approved by X, whom Y alone appointed".
Once a second admin exists, such a lone appointment must be confirmed before the appointee
approves again: the flag was for the time when no one could check.

The founding admin, and anyone whose role dates from before grants were recorded, has no grant
and approves unflagged.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime

from safedesk.core.errors import NotAllowedError
from safedesk.core.messages import Message, msg
from safedesk.core.models import Person, Role

_RANK = {Role.AUTHOR: 0, Role.APPROVER: 1, Role.ADMIN: 2}


@dataclass(frozen=True, slots=True)
class Grant:
    """An appointment to ``role``. ``alone``: given by the only admin, in effect at once."""

    id: str
    person_id: str
    role: Role
    granted_by: str
    granted_at: datetime
    alone: bool
    confirmed_by: str = ""
    confirmed_at: datetime | None = None
    # A later role change or a refusal closes a grant that never took effect or no longer holds.
    closed_at: datetime | None = None

    @property
    def pending(self) -> bool:
        """Waiting for a second admin before it takes effect."""
        return not self.alone and not self.confirmed_by and self.closed_at is None

    @property
    def in_effect(self) -> bool:
        return self.closed_at is None and (self.alone or bool(self.confirmed_by))


@dataclass(frozen=True, slots=True)
class Standing:
    """Whether a person's approval counts now, and what it carries. Empty: counts, unflagged."""

    flag: str = ""  # recorded with the approval and shown to others as written: plain English
    refusal: str | Message = ""


# The standing of a person whose role came from no grant (the founding admin), for callers that
# hold no grant records; the services always work it out.
UNRESTRICTED = Standing()


def is_enabled(person: Person) -> bool:
    return person.disabled_at is None


def enabled_admins(people: Iterable[Person]) -> list[Person]:
    return [p for p in people if p.role is Role.ADMIN and is_enabled(p)]


def needs_grant(old: Role | None, new: Role) -> bool:
    """Giving approval rights, or raising them to admin, is a grant; lowering a role is not."""
    return new.may_approve and (old is None or _RANK[new] > _RANK[old])


def check_is_admin(actor: Person, what: str | Message) -> None:
    """``what`` completes "Only an admin can …" (a :func:`msg`, so that it is translated)."""
    if actor.role is not Role.ADMIN or not is_enabled(actor):
        raise NotAllowedError(msg("Only an admin can {what}. {name} is not one.", what=what,
                                  name=actor.name))


def make_grant(person_id: str, role: Role, granter: Person, people: Sequence[Person],
               now: datetime) -> Grant:
    """A grant by ``granter``: in effect at once (alone) only while they are the one admin."""
    check_is_admin(granter, msg("appoint approvers and admins"))
    if person_id == granter.id:
        raise NotAllowedError(msg("{name} cannot raise their own role; another admin must.",
                                  name=granter.name))
    alone = len(enabled_admins(people)) < 2
    return Grant(id=str(uuid.uuid4()), person_id=person_id, role=role, granted_by=granter.id,
                 granted_at=now, alone=alone)


def check_can_confirm(grant: Grant, confirmer: Person, appointee: Person,
                      now: datetime) -> Grant:
    """The grant confirmed by a second admin: neither the granter nor the appointee."""
    check_is_admin(confirmer, msg("confirm an appointment"))
    if grant.closed_at is not None or grant.confirmed_by:
        raise NotAllowedError(msg("{name} has no appointment waiting to be confirmed.",
                                  name=appointee.name))
    if confirmer.id == grant.granted_by:
        raise NotAllowedError(msg("{name} made this appointment, so cannot confirm it: "
                                  "a second admin must.", name=confirmer.name))
    if confirmer.id == appointee.id:
        raise NotAllowedError(msg("{name} cannot confirm their own appointment.",
                                  name=confirmer.name))
    return replace(grant, confirmed_by=confirmer.id, confirmed_at=now)


def current_grant(person: Person, grants: Iterable[Grant]) -> Grant | None:
    """The grant behind the person's present role, if their role came from one (an admin
    lowered to approver still approves on their appointment as admin)."""
    held = [g for g in grants if g.person_id == person.id and g.in_effect
            and _RANK[g.role] >= _RANK[person.role]]
    return max(held, key=lambda g: g.granted_at, default=None)


def pending_grant(person_id: str, grants: Iterable[Grant]) -> Grant | None:
    waiting = [g for g in grants if g.person_id == person_id and g.pending]
    return max(waiting, key=lambda g: g.granted_at, default=None)


def standing(person: Person, grants: Iterable[Grant], people: Sequence[Person]) -> Standing:
    """Whether ``person`` may approve now on their appointment, and the flag their approval
    carries. The rule-3 checks (author, editors) come on top, in ``rules.check_can_approve``."""
    if not is_enabled(person):
        return Standing(refusal=msg("{name} is disabled in SafeDesk, so cannot approve.",
                                    name=person.name))
    grants = list(grants)
    grant = current_grant(person, grants) if person.role.may_approve else None
    if grant is None:
        return Standing()  # the founder, a role from before grants, or no approver at all
    names = {p.id: p.name for p in people}
    if not grant.confirmed_by and len(enabled_admins(people)) >= 2:
        granter = names.get(grant.granted_by, grant.granted_by)
        return Standing(refusal=msg(
            "{granter} alone appointed {name} as {role}. Now that SafeDesk "
            "has a second admin, an admin other than {granter} must confirm the appointment "
            "(Settings, People; or safedesk people confirm '{name}' --as ADMIN) before "
            "{name} approves.", granter=granter, name=person.name, role=grant.role.word))
    # Confirmed by a second admin, but one admin may still stand behind both signatures (the
    # other is someone that admin appointed alone, directly or in a chain): one person's word.
    root = one_behind(person.id, grants, people)
    if root == person.id:
        return Standing()
    behind = names.get(root, root)
    if grant.confirmed_by:
        return Standing(flag=f"approved by {person.name}, whose appointment rests on {behind} "
                             "alone")
    return Standing(flag=f"approved by {person.name}, whom {behind} alone appointed")


def one_behind(person_id: str, grants: Sequence[Grant], people: Sequence[Person],
               seen: frozenset[str] = frozenset()) -> str:
    """Who stands behind ``person_id``'s power: themselves when their role came from no grant
    (the founding admin) or when two independent people appointed and confirmed it; otherwise
    the one admin behind both (an appointment made alone, or confirmed by someone whom the same
    admin stands behind)."""
    person = next((p for p in people if p.id == person_id), None)
    grant = current_grant(person, grants) if person is not None else None
    if grant is None or person_id in seen:
        return person_id
    seen = seen | {person_id}
    granter = one_behind(grant.granted_by, grants, people, seen)
    if not grant.confirmed_by:
        return granter if grant.alone else person_id
    confirmer = one_behind(grant.confirmed_by, grants, people, seen)
    return granter if granter == confirmer else person_id


# What a disabled person's earlier actions may still record: the outcome of a send already under
# way (and the corrections that follow it) is a fact, not a new act.
_FINISHING = ("publication.", "original.", "draft.publish_succeeded", "draft.publish_failed",
              "draft.publish_unknown", "incident.")


def check_may_act(name: str, disabled: bool, action: str) -> None:
    """A leaver keeps their history but does nothing new."""
    if disabled and not action.startswith(_FINISHING):
        raise NotAllowedError(msg("{name} is disabled in SafeDesk and can do nothing here. An "
                                  "admin can enable them again: safedesk people enable '{name}'.",
                                  name=name))
