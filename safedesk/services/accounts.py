"""Registering accounts in a pane. The pane is chosen once, here, and never changes."""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from safedesk.core.errors import InvalidInputError
from safedesk.core.models import Account, Pane, Platform
from safedesk.core.ports import Clock, Store
from safedesk.core.workflow import PendingEvent


class AccountService:
    def __init__(self, store: Store, clock: Clock) -> None:
        self._store = store
        self._clock = clock

    def list(self, pane: Pane | None = None) -> Sequence[Account]:
        return self._store.list_accounts(pane)

    def register(self, pane: Pane, platform: Platform, server: str, handle: str,
                 display_name: str = "", actor: str = "setup") -> Account:
        handle = handle.strip().lstrip("@")
        if not handle:
            raise InvalidInputError("An account needs a handle.")
        account = Account(
            id=str(uuid.uuid4()),
            pane=pane,
            platform=platform,
            server=server.strip().rstrip("/"),
            handle=handle,
            display_name=display_name.strip(),
            created_at=self._clock.now(),
        )
        event = PendingEvent(actor=actor, action="account.add", subject=account.id,
                             details={"pane": pane.value, "platform": platform.value,
                                      "address": account.address})
        self._store.add_account(account, event)
        return account
