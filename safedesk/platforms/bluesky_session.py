"""The session of one signed-in Bluesky account, for :class:`~safedesk.platforms.
bluesky_client.BlueskyClient`.

The session string lives in the keyring under the account (kind ``"session"``) and is reused,
never replaced by a new sign-in here: ``createSession`` is limited to 30 per 5 minutes. The SDK
refreshes it before the access token runs out and every new one is saved at once. When the
server still calls it expired, it is refreshed by hand on a fresh SDK client; when that fails
too (the app password was revoked, or the refresh token is over), the account is signed out.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from safedesk.core.errors import PlatformError, SignedOutError
from safedesk.core.messages import Message, msg
from safedesk.core.models import Account
from safedesk.core.ports import CredentialStore
from safedesk.platforms.bluesky_xrpc import (
    SESSION_KIND,
    FailureKind,
    XrpcError,
    close_sdk_client,
    new_sdk_client,
    procedure,
    query,
    sdk_module,
    to_platform_error,
)

if TYPE_CHECKING:
    import httpx

log = logging.getLogger(__name__)
_T = TypeVar("_T")


class BlueskySession:
    """The SDK client of one account, signed in from its saved session and renewed when the
    server refuses it. Nothing touches the network until the first call. Thread-safe."""

    def __init__(self, account: Account, credentials: CredentialStore, *, timeout: float,
                 transport: httpx.BaseTransport | None) -> None:
        self._account = account
        self._credentials = credentials
        self._timeout = timeout
        self._transport = transport
        self._lock = threading.RLock()
        self._sdk: Any = None
        self._session_string = ""  # the one in use, to notice a refresh made by someone else
        self._did = account.remote_id

    def close(self) -> None:
        """Let go of the connections; the next call opens new ones."""
        with self._lock:
            sdk, self._sdk = self._sdk, None
        if sdk is not None:
            close_sdk_client(sdk, self._transport)

    def repo(self) -> str:
        self._client()
        return self._did

    def _client(self) -> Any:
        with self._lock:
            if self._sdk is None:
                stored = self._credentials.get(self._account.id, SESSION_KIND)
                if not stored:
                    raise SignedOutError(msg("SafeDesk has no Bluesky sign-in for "
                                             "{address}. Sign in to this account again.",
                                             address=self._account.address))
                self._sdk = self._connect(stored)
            return self._sdk

    def _connect(self, session_string: str) -> Any:
        client_module = sdk_module("atproto_client")
        try:
            session = client_module.Session.decode(session_string)
            if not session.access_jwt_payload.exp:
                raise ValueError("no expiry")  # noqa: TRY301 - handled just below, like bad input
        except Exception:  # noqa: BLE001 - any failure to read it means the same: sign in again
            raise SignedOutError(msg("The saved Bluesky sign-in for {address} is "
                                     "unreadable. Sign in to this account again.",
                                     address=self._account.address)) from None
        if self._account.remote_id and session.did != self._account.remote_id:
            # Never post as someone else: a personal session must not serve an official account.
            raise SignedOutError(msg("The saved Bluesky sign-in for {address} belongs "
                                     "to a different account. Sign in to this account again.",
                                     address=self._account.address))
        client = new_sdk_client(self._account.server, timeout=self._timeout,
                                transport=self._transport)
        client.on_session_change(self._session_saver())
        client.login(session_string=session_string, fetch_bsky_profile=False)
        self._session_string = session_string
        self._did = str(session.did)
        return client

    def _session_saver(self) -> Callable[[Any, Any], None]:
        # A closure rather than a bound method: some atproto releases called back only plain
        # functions and silently skipped methods and partials (0.0.73 calls any callable).
        credentials, account_id = self._credentials, self._account.id

        def save(event: Any, session: Any) -> None:
            if getattr(event, "value", "") == "import":
                return  # that one came from the keyring in the first place
            encoded = str(session.encode())
            credentials.put(account_id, SESSION_KIND, encoded)
            self._session_string = encoded
            log.info("saved the renewed Bluesky session of %s", self._account.address)

        return save

    def _with_session(self, action: Callable[[Any], _T]) -> _T:
        """Run ``action`` on the SDK client; if the server refuses the session, renew it once.

        Repeating the action is safe even for writes: a refused session means the server did
        nothing with the request.
        """
        client = self._client()
        try:
            return action(client)
        except XrpcError as failure:
            if not failure.is_token_problem:
                raise
            log.info("Bluesky refused the session of %s (%s %s); renewing it",
                     self._account.address, failure.status, failure.error)
        return action(self._renew(client))

    def _renew(self, failed: Any) -> Any:
        with self._lock:
            if self._sdk is not None and self._sdk is not failed:
                return self._sdk  # another thread has renewed it meanwhile
            stored = self._credentials.get(self._account.id, SESSION_KIND)
            if not stored:
                raise SignedOutError(msg("{address} was signed out of Bluesky. "
                                         "Sign in to this account again.",
                                         address=self._account.address))
            if stored == self._session_string:
                stored = self._refresh(stored)
            # else another SafeDesk window or process renewed it and saved the new one: use that.
            fresh = self._connect(stored)
            self._sdk = fresh
        close_sdk_client(failed, self._transport)
        return fresh

    def _refresh(self, session_string: str) -> str:
        """Trade the refresh token for a new session, on a fresh client; save and return it."""
        client_module = sdk_module("atproto_client")
        session = client_module.Session.decode(session_string)
        client = new_sdk_client(session.pds_endpoint or self._account.server,
                                timeout=self._timeout, transport=self._transport)
        try:
            answer = procedure(client, "com.atproto.server.refreshSession", None,
                               headers={"Authorization": f"Bearer {session.refresh_jwt}"},
                               check_session=False)
        except XrpcError as failure:
            if failure.kind is FailureKind.HTTP and failure.status in {400, 401, 403}:
                raise SignedOutError(
                    msg("Bluesky no longer accepts the saved sign-in for {address} "
                        "(the app password may have been revoked, or the sign-in is too old). Sign "
                        "in to this account again.", address=self._account.address)) from None
            raise self.error(failure, msg("renew the sign-in"), writing=False) from None
        finally:
            close_sdk_client(client, self._transport)
        access, refresh = answer.get("accessJwt"), answer.get("refreshJwt")
        if not isinstance(access, str) or not isinstance(refresh, str):
            unreadable = XrpcError(FailureKind.UNKNOWN, detail=msg("the answer could not be read"))
            raise self.error(unreadable, msg("renew the sign-in"), writing=False)
        renewed = client_module.Session(
            handle=str(answer.get("handle", session.handle)), did=str(answer.get("did", session.did)),
            access_jwt=access, refresh_jwt=refresh, pds_endpoint=session.pds_endpoint)
        encoded = str(renewed.encode())
        self._credentials.put(self._account.id, SESSION_KIND, encoded)
        return encoded

    def query(self, nsid: str, params: Mapping[str, object]) -> dict[str, Any]:
        return self._with_session(lambda client: query(client, nsid, params))

    def procedure(self, nsid: str, body: Mapping[str, object] | bytes, *,
                   content_type: str = "application/json") -> dict[str, Any]:
        return self._with_session(
            lambda client: procedure(client, nsid, body, content_type=content_type))

    def error(self, failure: XrpcError, action: Message, *, writing: bool) -> PlatformError:
        return to_platform_error(failure, action=action, who=self._account.address,
                                 server=self._account.server, writing=writing)
