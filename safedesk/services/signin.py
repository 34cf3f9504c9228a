"""Adding, re-authenticating and removing accounts once a platform sign-in has succeeded.

The platform flows themselves (browser OAuth, pasted code, access token, app password) live in
the adapters and return an identity. This service turns an identity into an account of exactly
one pane, keeps its secrets in the keyring under the new account's id, and undoes the keyring
write if the database refuses the account, so nothing is left half-added.
"""

from __future__ import annotations

import importlib
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Protocol

from safedesk.core.errors import InvalidInputError, NotAllowedError
from safedesk.core.models import Account, Pane, Person, Platform, ServerLimits
from safedesk.core.ports import CredentialStore
from safedesk.services.accounts import AccountService

SecretSaver = Callable[[CredentialStore, str], None]


class Identity(Protocol):
    """What every adapter's sign-in returns."""

    @property
    def server(self) -> str: ...
    @property
    def handle(self) -> str: ...
    @property
    def display_name(self) -> str: ...
    @property
    def remote_id(self) -> str: ...
    @property
    def limits(self) -> ServerLimits: ...


@dataclass(frozen=True, slots=True)
class NewAccount:
    platform: Platform
    identity: Identity
    save_secrets: SecretSaver = field(repr=False)


def signin_module(platform: Platform) -> Any:
    # Imported on first use only: the SDKs are slow to import and never needed at start-up.
    name = "mastodon_signin" if platform is Platform.MASTODON else "bluesky_signin"
    return importlib.import_module(f"safedesk.platforms.{name}")


def mastodon_account(identity: Any) -> NewAccount:
    module = signin_module(Platform.MASTODON)
    return NewAccount(Platform.MASTODON, identity,
                      lambda credentials, account_id: module.save_sign_in(credentials, account_id,
                                                                          identity))


def bluesky_account(identity: Any) -> NewAccount:
    module = signin_module(Platform.BLUESKY)
    return NewAccount(Platform.BLUESKY, identity,
                      lambda credentials, account_id: module.save_sign_in(credentials, account_id,
                                                                          identity))


class SignInService:
    def __init__(self, accounts: AccountService, credentials: CredentialStore) -> None:
        self._accounts = accounts
        self._credentials = credentials

    def _existing(self, new: NewAccount) -> Account | None:
        for account in self._accounts.list():
            same_id = bool(new.identity.remote_id) and account.remote_id == new.identity.remote_id
            same_name = (account.server.rstrip("/") == new.identity.server.rstrip("/")
                         and account.handle.lower() == new.identity.handle.lower())
            if account.platform is new.platform and (same_id or same_name):
                return account
        return None

    def add(self, pane: Pane, new: NewAccount, person: Person) -> Account:
        """Put a freshly signed-in identity into ``pane``, for good."""
        existing = self._existing(new)
        if existing is not None:
            where = "this pane" if existing.pane is pane else f"the {existing.pane.value} pane"
            raise InvalidInputError(
                f"{existing.address} is already in SafeDesk, in {where}. An account belongs to "
                "one pane for good; remove it first if it was added to the wrong one.")
        account_id = str(uuid.uuid4())
        new.save_secrets(self._credentials, account_id)
        identity = new.identity
        try:
            return self._accounts.register(
                pane, new.platform, identity.server, identity.handle, identity.display_name,
                actor=person.id, remote_id=identity.remote_id, limits=identity.limits,
                account_id=account_id)
        except BaseException:
            self._forget_secrets(new.platform, account_id)
            raise

    def reauthenticate(self, account_id: str, new: NewAccount, person: Person) -> Account:
        """Replace the secrets of an account whose session was revoked or expired."""
        account = self._accounts.get(account_id)
        identity = new.identity
        same_id = bool(account.remote_id) and identity.remote_id == account.remote_id
        same = new.platform is account.platform and (
            same_id or identity.handle.lower() == account.handle.lower())
        if not same:
            raise NotAllowedError(
                f"That sign-in is for @{identity.handle}, not {account.address}. Sign in as "
                f"{account.address}, or add the other account separately.")
        new.save_secrets(self._credentials, account.id)
        refreshed = Account(
            id=account.id, pane=account.pane, platform=account.platform, server=account.server,
            handle=identity.handle, display_name=identity.display_name or account.display_name,
            created_at=account.created_at, remote_id=identity.remote_id or account.remote_id,
            limits=identity.limits)
        self._accounts.refresh(refreshed, actor=person.id)
        return refreshed

    def remove(self, account_id: str, person: Person) -> str:
        """Sign out (revoking where the platform allows), forget the secrets, keep the history."""
        account = self._accounts.get(account_id)
        result = signin_module(account.platform).sign_out(account, self._credentials)
        self._accounts.remove(account_id, person.id)
        return str(getattr(result, "message", result) or f"Removed {account.address}.")

    def _forget_secrets(self, platform: Platform, account_id: str) -> None:
        for kind in signin_module(platform).SECRET_KINDS:
            self._credentials.delete(account_id, kind)
