"""Adding, signing in again to, and removing accounts once a platform sign-in has succeeded.

The platform flows themselves (browser OAuth, pasted code, access token, app password) live in
the adapters and return an identity. This service turns an identity into an account of exactly
one pane, keeps its secrets in the keyring under the new account's id, and undoes the keyring
write if the database refuses the account, so nothing is left half-added.

Signing in again (:meth:`SignInService.reauthenticate`, after a token was revoked or a session
expired) keeps the account's id, pane and history, and accepts only the same remote account on
the same server. A sign-in that is refused here (someone else, or an account already added) is
signed out at once, so its fresh token does not stay valid on the server unused.
"""

from __future__ import annotations

import importlib
import logging
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, Protocol

from safedesk.core import rules
from safedesk.core.corrections import server_host
from safedesk.core.errors import InvalidInputError, NotAllowedError, SafeDeskError
from safedesk.core.messages import Message, msg
from safedesk.core.models import Account, Pane, Person, Platform, ServerLimits
from safedesk.core.ports import CredentialStore
from safedesk.core.rules import check_may_manage_accounts
from safedesk.services.accounts import AccountService

log = logging.getLogger(__name__)

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

    def check_allowed(self, person: Person, pane: Pane, action: str) -> None:
        """Refuse ``person`` before a sign-in starts, when the account's pane is not theirs to
        manage (the official pane is an admin's); :meth:`add`, :meth:`reauthenticate` and
        :meth:`remove` check again themselves."""
        check_may_manage_accounts(person, pane, action,
                                  team_publisher=self._accounts.team_publisher)

    def add(self, pane: Pane, new: NewAccount, person: Person) -> Account:
        """Put a freshly signed-in identity into ``pane``, for good."""
        try:
            check_may_manage_accounts(person, pane, "add",
                                      team_publisher=self._accounts.team_publisher)
        except NotAllowedError:
            self._discard(new)
            raise
        existing = self._existing(new)
        if existing is not None:
            self._discard(new)
            where = msg("this pane") if existing.pane is pane else \
                msg("the official pane") if existing.pane is Pane.OFFICIAL else \
                msg("the personal pane")
            raise InvalidInputError(
                msg("{address} is already in SafeDesk, in {where}. An account belongs to "
                    "one pane for good; remove it first if it was added to the wrong one.",
                    address=existing.address, where=where))
        account_id = str(uuid.uuid4())
        new.save_secrets(self._credentials, account_id)
        identity = new.identity
        try:
            return self._accounts.register(
                pane, new.platform, identity.server, identity.handle, identity.display_name,
                actor=person.id, remote_id=identity.remote_id, limits=identity.limits,
                account_id=account_id, owner=person if pane is Pane.PERSONAL else None)
        except BaseException:
            self._forget_secrets(new.platform, account_id)
            raise

    def reauthenticate(self, account_id: str, new: NewAccount, person: Person) -> Account:
        """Sign ``account`` in again (its token revoked, its session expired): the same remote
        account on the same server only. It keeps its id, pane and history; the old sign-in is
        signed out (revoked where SafeDesk can) and the new one kept in its place."""
        account = self._accounts.get(account_id)
        identity = new.identity
        try:
            check_may_manage_accounts(person, account.pane, "sign in again to",
                                      team_publisher=self._accounts.team_publisher)
        except NotAllowedError:
            self._discard(new)
            raise
        if not rules.may_use(account, person):
            self._discard(new)
            rules.check_owner(account, person)
        if not self._same_remote_account(account, new):
            self._discard(new)
            who = identity.handle if identity.handle.startswith("did:") else f"@{identity.handle}"
            raise NotAllowedError(
                msg("That sign-in is for {who} on {server_host}, not "
                    "{address}. Nothing was changed: sign in as {address}, or add "
                    "the other account separately.",
                    who=who, server_host=server_host(identity.server), address=account.address))
        self._retire(account, new)
        new.save_secrets(self._credentials, account.id)
        refreshed = Account(
            id=account.id, pane=account.pane, platform=account.platform, server=account.server,
            handle=identity.handle, display_name=identity.display_name or account.display_name,
            created_at=account.created_at, remote_id=identity.remote_id or account.remote_id,
            limits=identity.limits, owner_id=account.owner_id)
        self._accounts.refresh(refreshed, actor=person.id)
        return refreshed

    @staticmethod
    def _same_remote_account(account: Account, new: NewAccount) -> bool:
        identity = new.identity
        if new.platform is not account.platform:
            return False
        if account.platform is Platform.MASTODON and \
                server_host(identity.server) != server_host(account.server):
            return False  # ids are per server: the same number elsewhere is someone else
        if account.remote_id and identity.remote_id:
            return identity.remote_id == account.remote_id
        return identity.handle.lower() == account.handle.lower()

    def _retire(self, account: Account, new: NewAccount) -> None:
        """Sign the account's old sign-in out, unless the server gave the same token again."""
        module = signin_module(account.platform)
        fresh = getattr(new.identity, "access_token", None) or getattr(
            new.identity, "session_string", None)
        if fresh and self._credentials.get(account.id, module.SECRET_KINDS[0]) == fresh:
            return
        try:
            module.sign_out(account, self._credentials)
        except SafeDeskError as error:  # the new sign-in matters more than the old one's end
            log.warning("could not sign the old sign-in of %s out: %s", account.id,
                        type(error).__name__)

    def _discard(self, new: NewAccount) -> None:
        """Sign out of a sign-in that will not be kept (revoking where the platform allows)."""
        identity = new.identity
        temporary = Account(
            id=f"discarded-{uuid.uuid4()}", pane=Pane.PERSONAL, platform=new.platform,
            server=identity.server, handle=identity.handle, display_name="",
            created_at=datetime.now(UTC), remote_id=identity.remote_id, limits=identity.limits)
        try:
            new.save_secrets(self._credentials, temporary.id)
            signin_module(new.platform).sign_out(temporary, self._credentials)
        except SafeDeskError as error:
            log.warning("could not sign out of a refused sign-in: %s", type(error).__name__)
            self._forget_secrets(new.platform, temporary.id)

    def remove(self, account_id: str, person: Person) -> Message:
        """Sign out (revoking where the platform allows), forget the secrets, keep the history."""
        account = self._accounts.get(account_id)
        check_may_manage_accounts(person, account.pane, "remove",
                                      team_publisher=self._accounts.team_publisher)
        rules.check_owner(account, person)
        result = signin_module(account.platform).sign_out(account, self._credentials)
        self._accounts.remove(account_id, person)
        said = getattr(result, "message", None)
        return said if isinstance(said, Message) else msg("Removed {address}.",
                                                           address=account.address)

    def _forget_secrets(self, platform: Platform, account_id: str) -> None:
        for kind in signin_module(platform).SECRET_KINDS:
            self._credentials.delete(account_id, kind)
