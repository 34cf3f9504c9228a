"""What the Mastodon client and the Mastodon sign-in share.

- :func:`make_api` builds a Mastodon.py object that never guesses the server version by itself
  (its detection asks ``/api/v1/instance/`` and silently assumes 1.0.0 when that fails), never
  sleeps on a rate limit, and gives up after ``timeout`` seconds instead of 300.
- :func:`read_server_info` reads the version and the limits from ``/api/v2/instance``, falling
  back to ``/api/v1/instance`` for older servers and for a v2 that fails (Takahē answers 500
  there while it has no admin user).
- :func:`classify` and :func:`to_error` turn Mastodon.py's and requests' exceptions into
  SafeDesk's typed errors. Mastodon.py makes every transport problem a ``MastodonNetworkError`` and
  every 4xx but 401/404 a plain ``MastodonAPIError``, so the cause chain and the status decide.
  A token the server no longer accepts is "sign in again" however the server says it: 401, or
  400/403 with words like Takahē's plain-text "Invalid Bearer token".

No message built here contains a token, a response body or an exception's own text: Mastodon.py
puts whole response bodies into some of its messages, and a token endpoint's body is a secret.
"""

from __future__ import annotations

import enum
import json
import logging
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit

import requests
import urllib3.exceptions
from mastodon import (
    Mastodon,
    MastodonAPIError,
    MastodonNetworkError,
    MastodonRatelimitError,
)

import safedesk
from safedesk.core.errors import (
    ConnectionFailedError,
    InvalidInputError,
    OutcomeUnknownError,
    PlatformError,
    RateLimitedError,
    RejectedError,
    ServerFailureError,
    SignedOutError,
)
from safedesk.core.messages import Message, msg, msgn
from safedesk.core.models import LengthRule, ServerLimits

log = logging.getLogger(__name__)
# Takahē, recognised by the version it announces ("takahe/0.11.0"; "4.2.0 (compatible; Takahe
# 0.11.0)" where patched for Mastodon.py): where it differs from Mastodon, SafeDesk follows it.
TAKAHE = re.compile(r"takah[eē]", re.IGNORECASE)

APP_NAME = "SafeDesk"
USER_AGENT = f"SafeDesk/{safedesk.__version__}"
# The least SafeDesk needs: post and upload, and know who signed in. read:statuses is there only
# because after an unanswered post SafeDesk must read the account's own recent posts to find out
# whether the post went out (and read a post back before it is corrected); Mastodon refuses that
# read (403) to a token without it, and without any token it would not show private or direct
# posts. read:search turns a link to a post, in whatever shape its server gives it, into a status
# on the account's own server (/api/v2/search with resolve=true). ``profile`` exists from
# Mastodon 4.3; servers without it get read:accounts instead (mastodon_signin.scopes_for).
SCOPES = ("write:statuses", "write:media", "profile", "read:statuses", "read:search")
LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})
_UNKNOWN_VERSION = "1.0.0"


def host_of(server_url: str) -> str:
    """``mastodon.social`` for ``https://mastodon.social``; the port stays when there is one."""
    return urlsplit(server_url).netloc.lower()


def is_loopback(server_url: str) -> bool:
    return (urlsplit(server_url).hostname or "") in LOOPBACK_HOSTS


@dataclass(frozen=True, slots=True)
class ServerInfo:
    url: str
    version: str
    version_parts: tuple[int, int, int]
    api_version: int
    limits: ServerLimits


def _error_words(response: requests.Response) -> tuple[str, bool]:
    """(the server's own words for an error, whether they came as plain text)."""
    try:
        text = response.content.decode("utf-8").strip()
    except UnicodeDecodeError:
        return "", False
    if "json" not in response.headers.get("Content-Type", "").lower():
        plain = bool(text) and len(text) <= 200 and "<" not in text and "\n" not in text
        return (text, True) if plain else ("", False)
    try:
        body = json.loads(text)
    except ValueError:
        return "", False
    if not isinstance(body, Mapping):
        return "", False
    return " ".join(str(body.get(k) or "") for k in ("error", "error_description")).strip(), False


def readable_errors(response: requests.Response, *_args: Any,
                    **_kwargs: Any) -> requests.Response:
    """A response hook that lets Mastodon.py read errors the way other servers write them.

    - A token the server no longer accepts becomes Mastodon's 401, whatever code it came with:
      Takahē answers HTTP 400 and the plain text "Invalid Bearer token", others 403 with
      similar words. Mastodon.py then raises its "unauthorized" error, which means "sign in
      again", on every endpoint (it drops the words of an error on endpoints that answer lists).
    - A short plain-text error body becomes Mastodon's JSON shape ``{"error": TEXT}``, since
      Mastodon.py takes an error's words only from JSON. HTML pages and long bodies stay as they
      are, and are never shown.
    """
    if response.status_code < 400:
        return response
    words, plain = _error_words(response)
    if response.status_code in (400, 403) and _BAD_TOKEN.search(words):
        response.status_code, response.reason = 401, "Unauthorized"
    if plain:
        # requests keeps the body in _content; replacing it is how a hook rewrites one.
        response._content = json.dumps({"error": words}).encode()
        response.headers["Content-Type"] = "application/json; charset=utf-8"
        response.encoding = "utf-8"
    return response


def make_api(server_url: str, *, timeout: float, access_token: str | None = None,
             client_id: str | None = None, client_secret: str | None = None,
             session: requests.Session | None = None, info: ServerInfo | None = None) -> Mastodon:
    """A Mastodon.py object that sends nothing until it is used.

    Passing ``mastodon_version`` marks the version check as done, so Mastodon.py never runs its
    own detection; with ``info`` the real version is set too, which decides for example whether
    media go to ``/api/v2/media`` (asynchronous) or the old ``/api/v1/media``.
    """
    session = session if session is not None else requests.Session()
    if readable_errors not in session.hooks["response"]:
        session.hooks["response"].append(readable_errors)
    api = Mastodon(
        api_base_url=server_url,
        access_token=access_token,
        client_id=client_id,
        client_secret=client_secret,
        request_timeout=timeout,
        ratelimit_method="throw",  # "wait" sleeps inside the call and is not thread-safe
        version_check_mode="none",
        mastodon_version=info.version if info else _UNKNOWN_VERSION,
        session=session,
        user_agent=USER_AGENT,
    )
    if info is not None:
        apply_version(api, info)
    return api


def apply_version(api: Mastodon, info: ServerInfo) -> None:
    api.mastodon_major, api.mastodon_minor, api.mastodon_patch = info.version_parts
    api.mastodon_api_version = info.api_version


# -- server information ---------------------------------------------------------------------------

def _positive(value: object, default: int) -> int:
    if isinstance(value, int) and not isinstance(value, bool) and value > 0:
        return value
    return default


def _mapping(value: object) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}


def limits_from_instance(doc: Mapping[str, Any]) -> ServerLimits:
    """Limits from an Instance entity (v2, or v1 from Mastodon 3.4 on); Pleroma-style servers put
    ``max_toot_chars`` at the top level of v1. Whatever is missing keeps Mastodon's default."""
    statuses = _mapping(_mapping(doc.get("configuration")).get("statuses"))
    default = ServerLimits()
    version = doc.get("version")
    return ServerLimits(
        max_characters=_positive(statuses.get("max_characters", doc.get("max_toot_chars")),
                                 default.max_characters),
        url_weight=_positive(statuses.get("characters_reserved_per_url"), default.url_weight),
        max_images=_positive(statuses.get("max_media_attachments"), default.max_images),
        # Takahē announces 23 per link but measures the status as sent (PLATFORM-NOTES).
        length_rule=LengthRule.CODE_POINTS
        if isinstance(version, str) and TAKAHE.search(version) else LengthRule.MASTODON,
    )


def _version_parts(version: str, *, modern: bool) -> tuple[int, int, int]:
    """Leading ``major.minor.patch`` ("4.4.3", "4.5.0-beta.1", "2.7.2 (compatible; Pleroma)").
    A server with a v2 instance document has at least Mastodon 4.0's API whatever it calls itself."""
    match = re.match(r"\s*(\d+)\.(\d+)(?:\.(\d+))?", version)
    if match:
        return int(match[1]), int(match[2]), int(match[3] or 0)
    return (4, 0, 0) if modern else (1, 0, 0)


def _get_json(session: requests.Session, url: str, timeout: float,
              host: str) -> tuple[int, object]:
    try:
        reply = session.get(url, timeout=timeout, headers={"User-Agent": USER_AGENT,
                                                            "Accept": "application/json"})
    except requests.RequestException as error:
        raise transport_error(error, host, timeout=timeout, write=False) from None
    try:
        return reply.status_code, reply.json()
    except ValueError:
        return reply.status_code, None


def read_server_info(server_url: str, *, timeout: float,
                     session: requests.Session | None = None) -> ServerInfo:
    """Version and limits of the server at ``server_url`` (no token needed)."""
    own_session = session is None
    http = session if session is not None else requests.Session()
    host = host_of(server_url)
    failed: int | None = None  # a 5xx from v2: v1 may still answer
    try:
        for path, modern in (("/api/v2/instance", True), ("/api/v1/instance", False)):
            status, doc = _get_json(http, server_url + path, timeout, host)
            if status == 429:
                raise RateLimitedError(msg("{host} asks SafeDesk to slow down. Try again in a few "
                                           "minutes.", host=host))
            if status >= 500:
                log.info("%s answered HTTP %d for %s", host, status, path)
                failed = failed or status
                continue
            if status == 200 and isinstance(doc, Mapping) and isinstance(doc.get("version"), str):
                version = str(doc["version"])
                api_version = _positive(_mapping(doc.get("api_versions")).get("mastodon"), 0) \
                    if modern else 0
                return ServerInfo(server_url, version, _version_parts(version, modern=modern),
                                  api_version, limits_from_instance(doc))
    finally:
        if own_session:
            http.close()
    if failed is not None:
        raise ServerFailureError(msg("{host} had a problem (HTTP {failed}). Trying again later "
                                     "may work.", host=host, failed=failed))
    raise InvalidInputError(msg("{server_url} does not answer like a Mastodon server. Check the "
                                "address.", server_url=server_url))


# -- errors ----------------------------------------------------------------------------------------

class Failure(enum.Enum):
    """What a failed request means for whether it took effect."""

    NOT_SENT = "not sent"  # no connection was made: nothing happened
    UNKNOWN = "unknown"  # sent, but no answer (a timeout, a dropped connection): it may have happened
    UNREADABLE = "unreadable"  # an answer came, but not JSON: it may have happened
    SERVER = "server"  # 5xx: the server failed, most likely before doing anything
    RATE_LIMITED = "rate limited"  # 429: refused before anything was done
    SIGNED_OUT = "signed out"  # 401, or 400/403 saying so: the token is revoked or unknown
    NO_PERMISSION = "no permission"  # 403 for a scope the token lacks
    NOT_FOUND = "not found"  # 404
    REJECTED = "rejected"  # other 4xx: the server refused the content or the request


@dataclass(frozen=True, slots=True)
class Classified:
    failure: Failure
    status: int | None = None
    server_text: str = ""
    secure: bool = True  # False when TLS itself failed


def _chain(error: BaseException) -> list[BaseException]:
    """The error and everything it wraps: causes, contexts, and urllib3's ``reason``/args."""
    seen: list[BaseException] = []
    stack = [error]
    while stack:
        current = stack.pop()
        if any(current is known for known in seen):
            continue
        seen.append(current)
        linked = [current.__cause__, current.__context__, getattr(current, "reason", None),
                  *current.args]
        stack.extend(x for x in linked if isinstance(x, BaseException))
    return seen


_NEVER_SENT = (
    requests.exceptions.ConnectTimeout,
    requests.exceptions.SSLError,
    requests.exceptions.InvalidURL,
    urllib3.exceptions.NewConnectionError,  # refused, unreachable, and DNS failures
    urllib3.exceptions.ConnectTimeoutError,
    urllib3.exceptions.NameResolutionError,
)


def never_sent(error: BaseException) -> bool:
    """Whether a transport error happened before the request could reach the server. A read
    timeout or a connection dropped mid-answer is NOT this: the server may have acted."""
    return any(isinstance(link, _NEVER_SENT) for link in _chain(error))


def _api_details(error: MastodonAPIError) -> tuple[int | None, str]:
    """Status and the server's own error text from ``('Mastodon API returned error', status,
    reason, error_msg)``; other MastodonAPIErrors (such as unreadable JSON) have neither."""
    args = error.args
    if len(args) >= 3 and isinstance(args[1], int):
        text = args[3] if len(args) >= 4 and isinstance(args[3], str) and args[3] else args[2]
        return args[1], str(text or "")
    return None, ""


_BY_STATUS = {401: Failure.SIGNED_OUT, 404: Failure.NOT_FOUND, 429: Failure.RATE_LIMITED}
# How servers say a token is no good when they do not answer 401: Takahē's 400 "Invalid Bearer
# token", Doorkeeper's and others' wording on a 400 or 403.
_BAD_TOKEN = re.compile(r"invalid[ _]bearer|invalid_token|invalid credentials|"
                        r"access token (?:is invalid|was revoked|(?:has )?expired)|"
                        r"token (?:is )?(?:invalid|revoked|expired)", re.IGNORECASE)


def token_refused(status: int | None, text: str) -> bool:
    """Whether an answer means the token itself is no good (not a missing scope)."""
    return status == 401 or (status in (400, 403) and bool(_BAD_TOKEN.search(text)))


def _failure_for(status: int | None, text: str) -> Failure:
    if status is None:
        # "Could not parse response as JSON": an answer came, but not one SafeDesk can read.
        return Failure.UNREADABLE
    if token_refused(status, text):
        return Failure.SIGNED_OUT
    if status == 403 and "scope" in text.lower():
        return Failure.NO_PERMISSION
    if status >= 500:
        return Failure.SERVER
    return _BY_STATUS.get(status, Failure.REJECTED)


def classify(error: BaseException) -> Classified:
    """Sort a Mastodon.py or requests exception by what it means; re-raises anything else."""
    if isinstance(error, MastodonRatelimitError):
        return Classified(Failure.RATE_LIMITED, 429)
    if isinstance(error, MastodonNetworkError | requests.RequestException):
        if never_sent(error):
            secure = not any(isinstance(x, requests.exceptions.SSLError) for x in _chain(error))
            return Classified(Failure.NOT_SENT, secure=secure)
        return Classified(Failure.UNKNOWN)
    if not isinstance(error, MastodonAPIError):
        raise error
    status, text = _api_details(error)
    return Classified(_failure_for(status, text), status, text)


def reset_time(epoch: float | None) -> datetime | None:
    if epoch is None:
        return None
    return datetime.fromtimestamp(float(epoch), UTC)


def _when(reset_at: datetime | None) -> Message:
    if reset_at is None:
        return msg("Try again in a few minutes.")
    minutes = max(1, round((reset_at - datetime.now(UTC)).total_seconds() / 60))
    return msgn("Try again after {time} (in about {count} minute).",
                "Try again after {time} (in about {count} minutes).", minutes,
                time=reset_at.astimezone().strftime("%H:%M"))


def to_error(found: Classified, *, who: str, host: str, timeout: float, write: bool,
             reset_at: datetime | None = None) -> PlatformError:
    """The typed error, with a message for people. ``who`` names the account
    (``@jo@mastodon.social``); ``write`` says whether the request could have changed something."""
    if found.failure is Failure.RATE_LIMITED:
        return RateLimitedError(msg("{host} asks SafeDesk to slow down for {who}. {when}",
                                    host=host, who=who, when=_when(reset_at)), reset_at)
    if found.failure in (Failure.UNKNOWN, Failure.UNREADABLE) and write:
        unknown = msg("{host} did not answer in time, so it is not known whether this took "
                      "effect. Check before trying again.", host=host) \
            if found.failure is Failure.UNKNOWN else \
            msg("{host} sent an answer SafeDesk could not read, so it is not known whether "
                "this took effect. Check before trying again.", host=host)
        return OutcomeUnknownError(unknown)
    text = found.server_text.strip().rstrip(".")
    how = msg("at all") if found.secure else msg("securely (its certificate was not accepted)")
    messages: dict[Failure, tuple[type[PlatformError], Message]] = {
        Failure.SIGNED_OUT: (SignedOutError, msg(
            "Mastodon no longer accepts SafeDesk's sign-in for {who}. Sign in again.", who=who)),
        Failure.NO_PERMISSION: (SignedOutError, msg(
            "The sign-in for {who} does not allow SafeDesk to do this. Sign in again to "
            "grant it.", who=who)),
        Failure.SERVER: (ServerFailureError, msg(
            "{host} had a problem (HTTP {status}). Trying again later may work.",
            host=host, status=found.status)),
        Failure.NOT_FOUND: (RejectedError, msg(
            "{host} says this does not exist (any more): {reason}.",
            host=host, reason=text or msg("not found"))),
        Failure.REJECTED: (RejectedError, msg("{host} refused this: {reason}.",
                                              host=host, reason=text or found.status)),
        Failure.NOT_SENT: (ConnectionFailedError, msg(
            "Could not connect to {host} {how}. Check the address and your internet "
            "connection; nothing was sent.", host=host, how=how)),
        Failure.UNKNOWN: (ConnectionFailedError, msg(
            "{host} did not answer within {timeout:g} seconds. Try again later.",
            host=host, timeout=timeout)),
        Failure.UNREADABLE: (ServerFailureError, msg(
            "{host} sent an answer SafeDesk could not read. Trying again later may work.",
            host=host)),
    }
    kind, message = messages[found.failure]
    return kind(message)


def transport_error(error: requests.RequestException, host: str, *, timeout: float,
                    write: bool) -> PlatformError:
    log.info("request to %s failed: %s", host, type(error).__name__)
    return to_error(classify(error), who=host, host=host, timeout=timeout, write=write)
