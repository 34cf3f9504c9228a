"""Adding, listing and authenticating the people who use SafeDesk on this machine."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import replace

from safedesk.core.errors import AuthenticationError, InvalidInputError, NotAllowedError
from safedesk.core.models import Person, Role
from safedesk.core.passphrase import (
    check_strength,
    hash_passphrase,
    needs_rehash,
    verify_passphrase,
)
from safedesk.core.ports import Clock, Store
from safedesk.core.workflow import PendingEvent

MAX_NAME_LENGTH = 80
BOOTSTRAP_ACTOR = "setup"


def parse_role(text: str) -> Role:
    try:
        return Role(text.strip().lower())
    except ValueError:
        choices = ", ".join(r.value for r in Role)
        raise InvalidInputError(f"{text!r} is not a role. Choose one of: {choices}.") from None


class PeopleService:
    def __init__(self, store: Store, clock: Clock) -> None:
        self._store = store
        self._clock = clock

    def list(self) -> Sequence[Person]:
        return self._store.list_people()

    def needs_admin_to_add(self) -> bool:
        """Once an admin exists, only an admin may add people.

        Otherwise anyone could add a second "approver" and approve their own posts.
        """
        return any(p.role is Role.ADMIN for p in self._store.list_people())

    def add(self, name: str, role: Role, passphrase: str, added_by: Person | None = None) -> Person:
        clean = " ".join(name.split())
        if not clean:
            raise InvalidInputError("A person needs a name.")
        if len(clean) > MAX_NAME_LENGTH:
            raise InvalidInputError(f"Keep the name under {MAX_NAME_LENGTH} characters.")
        if self.needs_admin_to_add() and (added_by is None or added_by.role is not Role.ADMIN):
            raise NotAllowedError("Only an admin can add people. Sign in as an admin first.")
        if self._store.find_person(clean) is not None:
            raise InvalidInputError(f"There is already a person called {clean!r}. "
                                    "Choose another name.")
        check_strength(passphrase, clean)
        person = Person(
            id=str(uuid.uuid4()),
            name=clean,
            role=role,
            passphrase_hash=hash_passphrase(passphrase),
            created_at=self._clock.now(),
        )
        event = PendingEvent(
            actor=added_by.id if added_by else BOOTSTRAP_ACTOR,
            action="person.add",
            subject=person.id,
            details={"name": person.name, "role": role.value},
        )
        self._store.add_person(person, event)
        return person

    def authenticate(self, name: str, passphrase: str) -> Person:
        person = self._store.find_person(name)
        if person is None:
            raise AuthenticationError(f"There is no person called {name.strip()!r} in SafeDesk.")
        if not verify_passphrase(passphrase, person.passphrase_hash):
            self._store.record(PendingEvent(actor=person.id, action="person.auth_failed",
                                            subject=person.id, details={}))
            raise AuthenticationError(f"That passphrase is not {person.name}'s. Try again.")
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
