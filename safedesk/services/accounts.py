"""Registering accounts in a pane. The pane is chosen once, here, and never changes."""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from safedesk.core.errors import InvalidInputError
from safedesk.core.models import Account, Pane, Person, Platform, ServerLimits
from safedesk.core.ports import Clock, Store
from safedesk.core.rules import check_may_manage_accounts
from safedesk.core.workflow import PendingEvent


class AccountService:
    def __init__(self, store: Store, clock: Clock) -> None:
        self._store = store
        self._clock = clock

    def list(self, pane: Pane | None = None) -> Sequence[Account]:
        return self._store.list_accounts(pane)

    def get(self, account_id: str) -> Account:
        return self._store.get_account(account_id)

    def register(self, pane: Pane, platform: Platform, server: str, handle: str,
                 display_name: str = "", actor: str = "setup", *, remote_id: str = "",
                 limits: ServerLimits | None = None, account_id: str | None = None) -> Account:
        handle = handle.strip().lstrip("@")
        if not handle:
            raise InvalidInputError("An account needs a handle.")
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
        )
        event = PendingEvent(actor=actor, action="account.add", subject=account.id,
                             details={"pane": pane.value, "platform": platform.value,
                                      "address": account.address})
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
        check_may_manage_accounts(person, account.pane, "remove")
        event = PendingEvent(actor=person.id, action="account.remove", subject=account_id,
                             details={"pane": account.pane.value, "address": account.address})
        self._store.remove_account(account_id, event)
        return account
