"""Signing a Bluesky account in and out, with a handle (or DID) and an app password.

``sign_in`` creates the one session SafeDesk will keep using: the caller stores
``identity.session_string`` under the new account's id (:func:`save_sign_in`), and from then on
:class:`~safedesk.platforms.bluesky_client.BlueskyClient` reuses and renews it. Signing in again
for every run would soon hit Bluesky's limit of 30 sign-ins per 5 minutes.

The names here match what ``safedesk.services.signin`` expects of every adapter: an identity
with ``server``, ``handle``, ``display_name``, ``remote_id`` and ``limits``; ``save_sign_in``;
``sign_out`` returning a :class:`SignOutResult`; and ``SECRET_KINDS``.
"""

from __future__ import annotations

import base64
import binascii
import ipaddress
import json
import logging
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Final
from urllib.parse import urlsplit

from safedesk.core.errors import (
    ConnectionFailedError,
    InvalidInputError,
    PlatformError,
    SignedOutError,
)
from safedesk.core.messages import Message, msg
from safedesk.core.models import Account, ServerLimits
from safedesk.core.ports import CredentialStore
from safedesk.platforms.bluesky_xrpc import (
    PROFILE_COLLECTION,
    SESSION_KIND,
    FailureKind,
    XrpcError,
    call,
    close_sdk_client,
    new_sdk_client,
    procedure,
    query,
    sdk_module,
    server_said,
    to_platform_error,
)

if TYPE_CHECKING:
    import httpx

log = logging.getLogger(__name__)

BLUESKY_LIMITS: Final = ServerLimits(max_characters=300, url_weight=0, max_images=4)
#: Every kind of secret this adapter keeps per account.
SECRET_KINDS: Final = (SESSION_KIND,)
_LOOPBACK_HOSTS: Final = frozenset({"localhost", "127.0.0.1", "::1"})
_HOST_LABEL: Final = re.compile(r"(?!-)[a-z0-9-]{1,63}(?<!-)")
_HANDLE: Final = re.compile(r"(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]?")
_DID: Final = re.compile(r"did:[a-z]+:[a-zA-Z0-9._:%-]+")
_APP_PASSWORD_SHAPE: Final = re.compile(r"[a-z0-9]{4}-[a-z0-9]{4}-[a-z0-9]{4}-[a-z0-9]{4}")
_APP_PASSWORD_SCOPES: Final = frozenset({"com.atproto.appPass", "com.atproto.appPassPrivileged"})
# What a server that is not a PDS answers to /xrpc/...: nothing there, or not that method.
_NOT_A_PDS_STATUSES: Final = frozenset({404, 405, 501})

MAIN_LOGIN_WARNING: Final = msg(
    "That looks like the account's main password rather than an app password. SafeDesk signed "
    "in, but an app password is safer: create one in Bluesky under Settings > Privacy and "
    "security > App passwords, then sign in again with it.")


@dataclass(frozen=True, slots=True)
class BlueskyIdentity:
    """Who signed in, and the session to keep (in the keyring only; it never prints)."""

    server: str
    handle: str
    did: str
    display_name: str
    session_string: str = field(repr=False)
    limits: ServerLimits = BLUESKY_LIMITS
    warnings: tuple[Message, ...] = ()

    @property
    def remote_id(self) -> str:
        """The DID: the account's id that survives a change of handle."""
        return self.did


@dataclass(frozen=True, slots=True)
class SignOutResult:
    ended: bool  # the server confirmed the session is over
    message: Message


def normalise_server_url(text: str) -> str:
    """``bsky.social`` -> ``https://bsky.social``; plain http only for this computer.

    Raises :class:`InvalidInputError` for anything that is not a bare server address.
    """
    raw = text.strip()
    if not raw:
        raise InvalidInputError(msg("Enter the Bluesky server address, for example https://bsky.social."))
    candidate = raw if "://" in raw else f"https://{raw}"
    try:
        parts = urlsplit(candidate)
        port = parts.port
    except ValueError:
        raise InvalidInputError(msg("'{raw}' is not a server address; for example "
                                    "https://bsky.social.", raw=raw)) from None
    scheme, host = parts.scheme.lower(), (parts.hostname or "").lower()
    if scheme not in {"http", "https"}:
        raise InvalidInputError(msg("'{raw}' is not a server address: it must start with https:// "
                                    "(or have no prefix at all).", raw=raw))
    if parts.username is not None or parts.password is not None:
        raise InvalidInputError(msg("The server address must not contain a user name or password."))
    if parts.path not in {"", "/"} or parts.query or parts.fragment:
        raise InvalidInputError(msg("'{raw}' has more than a server address in it; enter only the "
                                    "server, for example https://bsky.social.", raw=raw))
    if not _valid_host(host):
        raise InvalidInputError(msg("'{host}' is not a valid server name; check the spelling "
                                    "(for example bsky.social).", host=host or raw))
    if scheme == "http" and host not in _LOOPBACK_HOSTS:
        raise InvalidInputError(
            msg("SafeDesk only talks to {host} over https://, so that the app password cannot be "
                "read on the way. Use https://{host}.", host=host))
    shown_host = f"[{host}]" if ":" in host else host
    return f"{scheme}://{shown_host}" + (f":{port}" if port is not None else "")


def _valid_host(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
    except ValueError:
        pass
    else:
        return True
    labels = host.split(".")
    return host == "localhost" or (
        len(labels) >= 2 and all(_HOST_LABEL.fullmatch(label) for label in labels)
        and not labels[-1].isdigit())


def normalise_identifier(text: str) -> str:
    """A handle (``@jo.bsky.social`` -> ``jo.bsky.social``) or a DID, as typed otherwise."""
    identifier = text.strip().removeprefix("@").strip()
    if _DID.fullmatch(identifier):
        return identifier
    handle = identifier.lower()
    if not _HANDLE.fullmatch(handle):
        raise InvalidInputError(
            msg("'{handle}' is not a Bluesky handle or DID. A handle looks like "
                "jo.bsky.social or council.example.gov.uk.", handle=text.strip()))
    return handle


def sign_in(server_url: str, identifier: str, app_password: str, *, timeout: float = 30.0,
            transport: httpx.BaseTransport | None = None) -> BlueskyIdentity:
    """Sign in once and return the identity with its session string, for the caller to store.

    Raises :class:`InvalidInputError` for a malformed address or handle, or a handle the server
    cannot find; :class:`SignedOutError` when Bluesky does not accept the handle and password;
    :class:`ConnectionFailedError` when the server cannot be reached; other
    :class:`~safedesk.core.errors.PlatformError` subclasses as the server answers.
    """
    server = normalise_server_url(server_url)
    login = normalise_identifier(identifier)
    password = app_password.strip()
    if not password:
        raise InvalidInputError(msg("Enter the app password for this account."))
    warnings: list[Message] = []
    client = new_sdk_client(server, timeout=timeout, transport=transport)
    try:
        if not login.startswith("did:"):
            _check_handle_exists(client, server, login)
        try:
            call(lambda: client.login(login, password, fetch_bsky_profile=False))
        except XrpcError as failure:
            raise _sign_in_error(failure, server, login) from None
        session_string = str(client.export_session_string())
        session = sdk_module("atproto_client").Session.decode(session_string)
        # The token's scope tells for sure; the password's shape is the fall-back guess.
        scope = _token_scope(str(session.access_jwt))
        if (scope not in _APP_PASSWORD_SCOPES) if scope else (
                not _APP_PASSWORD_SHAPE.fullmatch(password)):
            warnings.append(MAIN_LOGIN_WARNING)
            log.warning("Bluesky sign-in for %s used what looks like a main password",
                        session.handle)
        display_name = _display_name(client, str(session.did))
    finally:
        close_sdk_client(client, transport)
    return BlueskyIdentity(server=server, handle=str(session.handle), did=str(session.did),
                           display_name=display_name, session_string=session_string,
                           warnings=tuple(warnings))


def save_sign_in(credentials: CredentialStore, account_id: str, identity: BlueskyIdentity) -> None:
    """Keep the session of a freshly signed-in account where ``BlueskyClient`` looks for it."""
    credentials.put(account_id, SESSION_KIND, identity.session_string)


def sign_out(account: Account, credentials: CredentialStore, *, timeout: float = 10.0,
             transport: httpx.BaseTransport | None = None) -> SignOutResult:
    """End the session on the server if possible, then delete it here whatever happened:
    signing out always works on this computer."""
    who = account.address
    stored = credentials.get(account.id, SESSION_KIND)
    ended, message = False, msg("SafeDesk had no sign-in for {who}.", who=who)
    keep_in_mind = msg("The app password itself still works until you revoke it in Bluesky "
                       "under Settings > Privacy and security > App passwords.")
    try:
        if stored:
            ended = _end_session(stored, account.server, timeout=timeout, transport=transport)
            message = msg("Signed out of {who}; Bluesky has ended the session. {keep_in_mind}",
                          who=who, keep_in_mind=keep_in_mind) if ended else \
                msg("Signed out of {who} here, but Bluesky could not be told. {keep_in_mind}",
                    who=who, keep_in_mind=keep_in_mind)
    finally:
        credentials.delete(account.id, SESSION_KIND)
    return SignOutResult(ended, message)


def _end_session(session_string: str, server: str, *, timeout: float,
                 transport: httpx.BaseTransport | None) -> bool:
    # Best effort: an unreachable server or a session that is already over must not keep the
    # person from signing out on this computer.
    try:
        session = sdk_module("atproto_client").Session.decode(session_string)
        client = new_sdk_client(session.pds_endpoint or server, timeout=timeout,
                                transport=transport)
    except Exception as error:  # noqa: BLE001 - an unreadable session has nothing to end
        log.info("Bluesky sign-out: the saved session was unreadable (%s)", type(error).__name__)
        return False
    try:
        procedure(client, "com.atproto.server.deleteSession", None,
                  headers={"Authorization": f"Bearer {session.refresh_jwt}"}, check_session=False)
    except XrpcError as failure:
        log.info("Bluesky sign-out: the server did not end the session (%s)", failure.detail)
        return False
    finally:
        close_sdk_client(client, transport)
    return True


def _check_handle_exists(client: Any, server: str, handle: str) -> None:
    """A clear "no such handle" instead of the server's "invalid identifier or password"."""
    try:
        query(client, "com.atproto.identity.resolveHandle", {"handle": handle})
    except XrpcError as failure:
        if failure.kind is FailureKind.HTTP and failure.status == 400:
            raise InvalidInputError(
                msg("Bluesky cannot find the handle @{handle} (asked {server}). Check its "
                    "spelling; a handle looks like jo.bsky.social.",
                    handle=handle, server=server)) from None
        if failure.kind is FailureKind.HTTP and failure.status in {*_NOT_A_PDS_STATUSES, 401}:
            return  # some servers do not resolve handles; signing in will tell
        raise _sign_in_error(failure, server, handle) from None


def _sign_in_error(failure: XrpcError, server: str, login: str) -> PlatformError | InvalidInputError:
    if failure.kind is FailureKind.HTTP and failure.status == 401:
        return SignedOutError(
            msg("Bluesky did not accept that handle and app password. Check both; an app password "
                "looks like xxxx-xxxx-xxxx-xxxx and is made in Bluesky under Settings > Privacy "
                "and security > App passwords."))
    if failure.kind is FailureKind.HTTP and failure.status in _NOT_A_PDS_STATUSES:
        return InvalidInputError(
            msg("{server} does not look like a Bluesky server ({server_said}). Check the "
                "address; for most people it is https://bsky.social.",
                server=server, server_said=server_said(failure)))
    if failure.kind is FailureKind.NOT_SENT:
        return ConnectionFailedError(
            msg("SafeDesk could not reach {server} ({detail}). Check the server address "
                "and the internet connection.", server=server, detail=failure.detail))
    return to_platform_error(failure, action=msg("sign in"), who=f"@{login}", server=server,
                             writing=False)


def _token_scope(jwt: str) -> str:
    """The ``scope`` claim of an access token: app-password sessions have their own."""
    try:
        payload = jwt.split(".")[1]
        claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    except (IndexError, ValueError, binascii.Error):
        return ""
    scope = claims.get("scope") if isinstance(claims, dict) else None
    return scope if isinstance(scope, str) else ""


def _display_name(client: Any, did: str) -> str:
    """The profile's display name, read from the repository itself (no AppView needed)."""
    try:
        answer = query(client, "com.atproto.repo.getRecord",
                       {"repo": did, "collection": PROFILE_COLLECTION, "rkey": "self"})
    except XrpcError:
        return ""  # no profile yet, or not readable: the handle will do
    value = answer.get("value")
    name = value.get("displayName") if isinstance(value, dict) else None
    return name.strip() if isinstance(name, str) else ""
