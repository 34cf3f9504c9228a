"""Registering accounts in a pane. The pane is chosen once, here, and never changes; so is the
owner of a personal account (the person who added it), who alone sees and uses it."""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from safedesk.core import rules
from safedesk.core.errors import InvalidInputError
from safedesk.core.messages import msg
from safedesk.core.models import Account, Pane, Person, Platform, ServerLimits
from safedesk.core.ports import Clock, Store
from safedesk.core.rules import check_may_manage_accounts
from safedesk.core.workflow import PendingEvent


class AccountService:
    def __init__(self, store: Store, clock: Clock, *, team_publisher: bool | None = None) -> None:
        self._store = store
        self._clock = clock
        # On a team desk: whether it is the publisher, the only desk that manages official
        # accounts (None on a desk on its own, where admins do).
        self.team_publisher = team_publisher

    def list(self, pane: Pane | None = None) -> Sequence[Account]:
        """Every live account, whoever owns it: for SafeDesk's own checks, never for showing."""
        return self._store.list_accounts(pane)

    def for_person(self, person: Person, pane: Pane | None = None) -> Sequence[Account]:
        """What ``person`` sees: the official accounts and their own personal ones."""
        return [a for a in self._store.list_accounts(pane) if rules.may_use(a, person)]

    def get(self, account_id: str) -> Account:
        return self._store.get_account(account_id)

    def register(self, pane: Pane, platform: Platform, server: str, handle: str,
                 display_name: str = "", actor: str = "setup", *, remote_id: str = "",
                 limits: ServerLimits | None = None, account_id: str | None = None,
                 owner: Person | None = None) -> Account:
        """Add an account to ``pane`` for good; a personal one belongs to ``owner`` for good."""
        handle = handle.strip().lstrip("@")
        if not handle:
            raise InvalidInputError(msg("An account needs a handle."))
        if pane is Pane.PERSONAL and owner is None:
            raise InvalidInputError(msg("A personal account needs the person it belongs to."))
        if pane is Pane.OFFICIAL and owner is not None:
            raise InvalidInputError(msg("An official account belongs to the organisation, not to "
                                        "{name}.", name=owner.name))
        account = Account(
            id=account_id or str(uuid.uuid4()),
            pane=pane,
            platform=platform,
            server=server.strip().rstrip("/"),
            handle=handle,
            display_name=display_name.strip(),
            created_at=self._clock.now(),
            remote_id=remote_id,
            limits=limits or ServerLimits(),
            owner_id=owner.id if owner is not None else "",
        )
        details: dict[str, object] = {"pane": pane.value, "platform": platform.value,
                                      "address": account.address}
        if owner is not None:
            details["owner"] = owner.id
        event = PendingEvent(actor=actor, action="account.add", subject=account.id,
                             details=details)
        self._store.add_account(account, event)
        return account

    def refresh(self, account: Account, actor: str = "system") -> None:
        """Store what the server now says about the account (handle, name, limits)."""
        event = PendingEvent(actor=actor, action="account.refresh", subject=account.id,
                             details={"address": account.address,
                                      "max_characters": account.limits.max_characters})
        self._store.update_account(account, event)

    def remove(self, account_id: str, person: Person) -> Account:
        account = self._store.get_account(account_id)
        check_may_manage_accounts(person, account.pane, "remove",
                                  team_publisher=self.team_publisher)
        event = PendingEvent(actor=person.id, action="account.remove", subject=account_id,
                             details={"pane": account.pane.value, "address": account.address})
        self._store.remove_account(account_id, event)
        return account
