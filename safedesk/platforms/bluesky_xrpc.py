"""The thin layer between SafeDesk's Bluesky adapter and the atproto SDK.

Everything that touches the SDK directly lives here, for three reasons:

- ``atproto`` costs about a second to import, so it is loaded on first use, never when the GUI
  starts (``import safedesk.platforms.bluesky_xrpc`` itself stays cheap).
- atproto ships without a ``py.typed`` marker. It is reached through ``importlib`` so its values
  are plainly ``Any`` here and everything leaving this module is typed.
- Its exceptions are turned into one :class:`XrpcError` that says what SafeDesk needs to know:
  did the request leave, did the server answer, and with which xrpc error. The adapter then turns
  that into the typed errors of :mod:`safedesk.core.errors`.

Requests go out as raw xrpc JSON rather than through the SDK's models: ``putRecord`` needs
``"swapRecord": null``, which the models cannot express (they drop ``None``), and a record built
once as a plain dict is byte-for-byte the same record on every retry.
"""

from __future__ import annotations

import enum
import importlib
import json
import logging
from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from typing import Any, Final, TypeVar

import httpx

from safedesk.core.errors import (
    ConnectionFailedError,
    OutcomeUnknownError,
    PlatformError,
    RateLimitedError,
    RejectedError,
    ServerFailureError,
    SignedOutError,
)
from safedesk.core.messages import Message, msg

log = logging.getLogger(__name__)
_T = TypeVar("_T")

#: The credential kind under which an account's exported atproto session string is kept.
SESSION_KIND: Final = "session"
POST_COLLECTION: Final = "app.bsky.feed.post"
PROFILE_COLLECTION: Final = "app.bsky.actor.profile"
#: Connecting should fail fast even when reads and uploads may take a while.
_CONNECT_TIMEOUT_CAP: Final = 10.0
_MAX_SERVER_MESSAGE: Final = 300
# Errors meaning the saved session is over: expired, revoked, or never valid.
_TOKEN_ERRORS: Final = frozenset({"ExpiredToken", "InvalidToken", "AuthenticationRequired",
                                  "AuthMissing"})


def sdk_module(name: str) -> Any:
    """An atproto module, imported on first use (see the module docstring for why)."""
    return importlib.import_module(name)


class FailureKind(enum.Enum):
    HTTP = "http"  # the server answered with an error status
    NOT_SENT = "not_sent"  # no connection was made: the server cannot have acted on it
    UNKNOWN = "unknown"  # sent, but no readable answer: it may or may not have taken effect
    NO_SESSION = "no_session"  # the SDK has no usable session to send it with


class XrpcError(Exception):
    """One failed xrpc call, stripped of everything that could carry a secret."""

    def __init__(self, kind: FailureKind, *, status: int = 0, error: str = "", message: str = "",
                 reset_at: datetime | None = None, detail: str | Message = "") -> None:
        super().__init__(f"{kind.value} {status} {error}".strip())
        self.kind = kind
        self.status = status
        self.error = error
        self.message = message
        self.reset_at = reset_at
        # A short, secret-free reason such as "ReadTimeout", in words for people where it can be.
        self.detail = detail

    @property
    def is_token_problem(self) -> bool:
        """The server refused the session itself (as opposed to the request)."""
        return self.kind is FailureKind.NO_SESSION or self.status == 401 or (
            self.status == 400 and self.error in _TOKEN_ERRORS)

    @property
    def possibly_applied(self) -> bool:
        """A write that failed this way may still have been carried out by the server."""
        return self.kind is FailureKind.UNKNOWN or (
            self.kind is FailureKind.HTTP and (self.status >= 500 or self.status == 409))


def new_sdk_client(base_url: str, *, timeout: float,
                   transport: httpx.BaseTransport | None = None) -> Any:
    """An atproto ``Client`` for ``base_url`` with SafeDesk's timeouts.

    httpx's default of 5 s is too short for image uploads, and the SDK never retries, so the
    timeout is explicit; connecting gets at most 10 s so an unreachable server is reported soon.
    ``transport`` lets tests observe or disturb the traffic.
    """
    client_module = sdk_module("atproto_client")
    request_module = sdk_module("atproto_client.request")
    options: dict[str, Any] = {
        "timeout": httpx.Timeout(timeout, connect=min(timeout, _CONNECT_TIMEOUT_CAP)),
    }
    if transport is not None:
        options["transport"] = transport
    return client_module.Client(base_url=base_url, request=request_module.Request(**options))


def close_sdk_client(client: Any, transport: httpx.BaseTransport | None = None) -> None:
    """Close the client's connections, unless they belong to a transport the caller passed in
    (closing the client would close that transport too, and its owner may still need it)."""
    if transport is not None:
        return
    try:
        client.request.close()
    except Exception as error:  # noqa: BLE001 - closing is best effort; nothing depends on it
        log.debug("closing the atproto client failed: %s", type(error).__name__)


def _content(response: Any) -> dict[str, Any]:
    content = response.content
    if isinstance(content, dict):
        return content
    if not content:
        return {}
    raise XrpcError(FailureKind.UNKNOWN, detail=msg("answer was not JSON"))


def query(client: Any, nsid: str, params: Mapping[str, object]) -> dict[str, Any]:
    """GET ``/xrpc/<nsid>`` and return the JSON answer; raises :class:`XrpcError`."""
    dot_dict = sdk_module("atproto_client.models.dot_dict").DotDict
    return call(lambda: _content(client.invoke_query(nsid, params=dot_dict(dict(params)))))


def procedure(client: Any, nsid: str, body: Mapping[str, object] | bytes | None, *,
              content_type: str = "application/json",
              headers: Mapping[str, str] | None = None,
              check_session: bool = True) -> dict[str, Any]:
    """POST to ``/xrpc/<nsid>``. A dict body is sent as JSON exactly as given, nulls included.

    ``check_session=False`` stops the SDK from refreshing its own session first, for calls that
    carry their own ``Authorization`` (refreshing or ending a session).
    """
    options: dict[str, Any] = {"headers": dict(headers or {})}
    if body is not None:
        options["content"] = body if isinstance(body, bytes) else json.dumps(
            body, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        options["headers"]["Content-Type"] = content_type
    if not check_session:
        options["ignore_session_check"] = True
    return call(lambda: _content(client.invoke_procedure(nsid, **options)))


_NOT_SENT_ERRORS: Final = (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout,
                           httpx.UnsupportedProtocol, httpx.ProxyError, httpx.LocalProtocolError,
                           httpx.InvalidURL)


def call(action: Callable[[], _T]) -> _T:
    """Run one SDK call, turning whatever it raises into an :class:`XrpcError`."""
    exceptions = sdk_module("atproto_client.exceptions")
    core_exceptions = sdk_module("atproto_core.exceptions")
    try:
        return action()
    except XrpcError:
        raise
    except exceptions.LoginRequiredError:
        raise XrpcError(FailureKind.NO_SESSION, detail=msg("no session")) from None
    except exceptions.RequestErrorBase as error:
        raise _from_request_error(error) from None
    except _NOT_SENT_ERRORS as error:
        raise XrpcError(FailureKind.NOT_SENT, detail=_describe(error)) from None
    except (httpx.HTTPError, ValueError, core_exceptions.AtProtocolError) as error:
        # The connection broke or the answer could not be read (a server that closed the
        # connection, JSON the SDK cannot parse...): the server may have acted on the request.
        raise XrpcError(FailureKind.UNKNOWN, detail=_describe(error)) from None


# What went wrong on the wire, in words; first match wins, so the specific come first.
_DESCRIPTIONS: Final[tuple[tuple[tuple[type[BaseException], ...], Message], ...]] = (
    ((httpx.ConnectTimeout, httpx.PoolTimeout), msg("the connection could not be made in time")),
    ((httpx.TimeoutException,), msg("no answer in time")),
    ((httpx.ConnectError,), msg("the connection was refused or the server name is unknown")),
    ((httpx.UnsupportedProtocol, httpx.InvalidURL), msg("the server address cannot be used")),
    ((httpx.NetworkError, httpx.RemoteProtocolError), msg("the connection broke off")),
    ((ValueError,), msg("the answer could not be read")),
)


def _describe(error: BaseException | None) -> str | Message:
    """A short reason for people; never the exception's own text, which may quote data."""
    if error is None:
        return msg("no answer")
    for kinds, words in _DESCRIPTIONS:
        if isinstance(error, kinds):
            return words
    if type(error).__name__.endswith("ModelError"):  # the SDK could not parse the answer
        return msg("the answer could not be read")
    return type(error).__name__


def _from_request_error(error: Any) -> XrpcError:
    response = error.response
    if response is None:
        # The SDK wraps httpx's exception; the cause tells whether the request ever left.
        cause = error.__cause__
        kind = FailureKind.NOT_SENT if isinstance(cause, _NOT_SENT_ERRORS) else FailureKind.UNKNOWN
        return XrpcError(kind, detail=_describe(cause))
    status = int(response.status_code)
    content = response.content
    name = str(getattr(content, "error", "") or "") if content is not None else ""
    message = str(getattr(content, "message", "") or "") if content is not None else ""
    reset_at: datetime | None = None
    reset = (response.headers or {}).get("ratelimit-reset")
    if reset is not None:
        try:
            reset_at = datetime.fromtimestamp(int(reset), tz=UTC)
        except (TypeError, ValueError, OverflowError, OSError):
            reset_at = None
    return XrpcError(FailureKind.HTTP, status=status, error=name,
                     message=message[:_MAX_SERVER_MESSAGE], reset_at=reset_at,
                     detail=f"HTTP {status}")


def server_said(failure: XrpcError) -> str:
    """The server's own explanation, for people: its message, else its error name."""
    return failure.message or failure.error or f"HTTP {failure.status}"


def to_platform_error(  # noqa: PLR0911 - one return per family of failures reads best
        failure: XrpcError, *, action: Message, who: str, server: str, writing: bool) -> PlatformError:
    """The typed SafeDesk error for a failed call.

    ``action`` completes "could not ..." (e.g. "post to Bluesky"), ``who`` names the account
    (e.g. "@council.bsky.social"), ``writing`` says whether the call could change something, which
    decides whether a lost answer is an unknown outcome or merely a failed read.
    """
    if failure.kind is FailureKind.NOT_SENT:
        return ConnectionFailedError(
            msg("SafeDesk could not reach the Bluesky server {server} to {action} "
                "({detail}). Nothing was sent; check the connection and the server "
                "address, then try again.",
                server=server, action=action, detail=failure.detail))
    if failure.kind is FailureKind.UNKNOWN:
        if writing:
            return OutcomeUnknownError(
                msg("SafeDesk got no usable answer from Bluesky ({detail}), so it cannot "
                    "tell whether it managed to {action}. Check {who} before trying again.",
                    detail=failure.detail, action=action, who=who))
        return ConnectionFailedError(
            msg("SafeDesk got no usable answer from Bluesky ({detail}) when it tried to "
                "{action}. Nothing was changed; try again.",
                detail=failure.detail, action=action))
    if failure.is_token_problem:
        return SignedOutError(
            msg("Bluesky no longer accepts the saved sign-in for {who} (it may have expired, or "
                "the app password may have been revoked). Sign in to this account again.",
                who=who))
    if failure.status == 429:
        if failure.reset_at is None:
            return RateLimitedError(
                msg("Bluesky asks SafeDesk to slow down: it could not {action} for {who} now. "
                    "Try again later.", action=action, who=who), reset_at=None)
        return RateLimitedError(
            msg("Bluesky asks SafeDesk to slow down: it could not {action} for {who} now. "
                "Try again after {time}.", action=action, who=who,
                time=failure.reset_at.astimezone().strftime("%H:%M")),
            reset_at=failure.reset_at)
    if failure.status >= 500 or failure.status == 409:
        return ServerFailureError(
            msg("The Bluesky server failed while SafeDesk tried to {action} ({server_said}). "
                "Trying again later may work.",
                action=action, server_said=server_said(failure)))
    return RejectedError(msg("Bluesky refused to {action}: {server_said}.",
                             action=action, server_said=server_said(failure)))
