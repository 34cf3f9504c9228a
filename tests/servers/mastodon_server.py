"""A local stand-in for a Mastodon server, for tests only. It is NOT a Mastodon server.

It implements the part of the Mastodon 4.4 REST API (docs.joinmastodon.org) that Mastodon.py
2.3.3 needs to register an app, sign in, read instance limits, upload media and post, edit, read
and delete statuses, and it lets tests inject faults. It listens on 127.0.0.1 on a port chosen by
the OS, keeps all state in memory and forgets it when stopped. Error strings are Mastodon's where
known. The layers below HTTP live in their own modules; ``mastodon_state`` lists them.

Modelled:
- POST /api/v1/apps (client_name, redirect_uris, scopes, website); 422 for a blank name, a
  non-absolute redirect URI or an unknown scope (``profile`` too, with the quirk).
- GET /.well-known/oauth-authorization-server: RFC 8414 metadata with http:// URLs, so Mastodon.py
  needs ``allow_http=True`` in auth_request_url, log_in and revoke_access_token (pass
  ``oauth_metadata=False`` to act like Mastodon before 4.3, which had no such document).
- GET /oauth/authorize with automatic consent by the authorizing user (set_authorizing_user;
  default the first account). A registered redirect URI gets a 302 with ``code`` and ``state``;
  ``urn:ietf:wg:oauth:2.0:oob`` gets a 200 HTML page showing the code (real Mastodon redirects to
  /oauth/authorize/native first). Unknown client or unregistered redirect URI: HTML error page.
  Wrong response_type, a scope the app lacks, a code_challenge_method other than S256, or refused
  consent (set_consent(approve=False)): redirect with ``error=``.
- POST /oauth/token: ``authorization_code`` (single use, 10 minute codes, redirect_uri must match;
  after a PKCE challenge a missing code_verifier is 400 invalid_request, a wrong one 400
  invalid_grant) and ``client_credentials`` (app-only token). Bad client credentials 401
  invalid_client; other grants, password included (gone in 4.4), 400 unsupported_grant_type.
  Tokens never expire; no refresh tokens. POST /oauth/revoke as RFC 7009 (unknown token: 200).
- API token checks: missing or unknown 401 "The access token is invalid", revoked 401 "The access
  token was revoked", scope missing 403, app-only token where a user is needed 422. Public GETs
  check a token only when one is sent.
- GET /api/v1/instance and /api/v2/instance, both also with a trailing slash (Mastodon.py asks
  for ``/api/v1/instance/``; without an answer there its version detection recurses).
- GET /api/v1/accounts/verify_credentials, /api/v1/accounts/lookup?acct=, and
  /api/v1/accounts/:id/statuses (limit, max_id, min_id, exclude_replies, only_media, Link
  header; ``pinned=true`` gives an empty list as nothing can be pinned).
- POST /api/v1/statuses: status, spoiler_text, sensitive, visibility, language, in_reply_to_id,
  media_ids[], scheduled_at and the Idempotency-Key header. Length rule of Mastodon's
  StatusLengthValidator: spoiler plus text, each http(s) URL as 23, ``@user@domain`` as ``@user``,
  grapheme clusters approximated (ZWJ emoji and flags count once); over the limit 422
  "Validation failed: Text character limit of N exceeded". Media must be the caller's,
  unattached and processed, at most max_media_attachments, no video beside images. scheduled_at
  in the past posts now, under 5 minutes ahead is 422, later stores a ScheduledStatus that is
  never published. Idempotency keys are kept 3600 s per account, as Mastodon does (so per token
  too): a repeat answers with the first result, or 404 once that status is deleted. Like
  Mastodon, the key is stored only once the status exists: with set_posting_work(seconds) each
  new status takes that long with the server's lock released, so a repeat arriving meanwhile
  makes a second status. honour_idempotency(False) ignores the key altogether (Takahē).
- GET /api/v1/statuses/:id/source (the author's own: id, text, spoiler_text).
- GET, PUT, DELETE /api/v1/statuses/:id. public and unlisted are visible to all, private and
  direct to the author only (direct also to mentioned local users); unknown, deleted or
  invisible is 404, and so is editing or deleting another account's status (Mastodon looks it
  up among the caller's own). PUT works as Mastodon's controller and UpdateStatusService: what
  is not sent is passed on as nothing, so an edit without media_ids removes the media, one
  without spoiler_text the content warning, one without sensitive the mark; media_attributes[]
  (JSON) describe only media the edit keeps; never changes visibility; an edit that changes
  nothing changes nothing (no edited_at, no history entry). DELETE answers with the status plus
  ``text`` and detaches its media. GET /api/v1/statuses/:id/history: the original and each edit.
- GET /api/v2/search (q, type, resolve; read:search): a URL resolves to a local status by its
  ``uri`` or its address in the server's url style (``/@name/ID``), with ``resolve=true`` also
  to a status another server's address was registered for (register_remote_url,
  add_remote_status), as a real server does by fetching it over ActivityPub. resolve=true
  without a user token is 401. People and hashtags: see ``mastodon_search``.
- Reblogs, unreblogs, quote posts (with ``api_version`` 7, Mastodon 4.5) and other servers'
  posts that tests edit and delete: see ``mastodon_shares``.
- POST /api/v2/media (multipart; description at most 1500 characters; focus) and POST
  /api/v1/media (synchronous); GET and PUT /api/v1/media/:id for the caller's unattached media.
  Images are processed at once (200) unless bigger than ``media_async_threshold`` bytes or
  ``media_always_async`` is set; gif, video and audio are always 202 with ``url: null``. GET
  answers 206 until processing ends: after ``media_processing_polls`` 206 answers, after
  ``media_processing_seconds``, or on finish_media_processing().
- Rate limits: every /api/ answer has X-RateLimit-Limit, -Remaining and -Reset (ISO 8601). One
  budget per valid token, else per client IP, default 300 per 300 s from a bucket's first
  request; beyond it 429 ``{"error": "Too many requests"}`` before anything else is done.
- Form, multipart and JSON bodies, merged with the query string; ``access_token`` parameter.
  Unknown parameters are ignored, as Rails does.

Where real servers differ, ``ServerQuirks`` (``quirks=`` or set_quirks()) switches this server
to their way: post addresses in the Takahē (``/@name/posts/ID/``), GoToSocial
(``/@name/statuses/ID``) or Akkoma (``/notice/ID``) shape; an edit that keeps what it does not
send; Takahē's edit that makes the post public and takes "sensitive" as sent; another code than
404 for another's status; Takahē's 400 text/plain "Invalid Bearer token" for a bad token; no
``profile`` scope (before Mastodon 4.3: verify_credentials then needs read:accounts);
/api/v2/instance answering 500; and Takahē's boosts, which have no reblog status (the reblog
endpoint answers with the boosted status). mastodon_quirks lists them with their defaults.

Test controls (Python methods, not HTTP): create_user, set_authorizing_user, set_consent,
revoke, set_rate_limit, set_max_characters, set_media_processing, finish_media_processing,
set_quirks, register_remote_url, add_remote_status (and the rest of ``mastodon_shares``);
faults fail_next, malformed_next, accept_then_stall, drop_next, clear_faults; inspection
accounts, statuses_for, history_for, scheduled_for, media_for, requests, crashes (exceptions
inside the server, which it answers with 500). browser_visit() plays the user's browser for
the authorize step.

Not modelled (404 or 422, never a faked success): federation, ActivityPub, WebFinger,
streaming (the advertised URL has no listener), timelines, notifications, full-text search,
follows (so private posts reach nobody else), favourites, bookmarks, pins, lists,
filters, polls, custom emoji, preview cards, translation, scheduled status
endpoints and publishing, other account endpoints, registration, admin API, web pages and login,
serving media files, transcoding, thumbnails, real blurhashes, image matrix and frame-rate
limits. Not Rack::Attack's clock-aligned windows or its per-user, per-endpoint, media and
posting limits. Not the full twitter-text URL grammar (a URL here needs a letter TLD, so IP hosts
are not URLs) nor full UAX 29 segmentation. No TLS, HTTP/2, gzip, chunked request bodies, CORS.
"""

from __future__ import annotations

import http.client
import re
import secrets
import threading
import time
import traceback
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from http import HTTPStatus
from types import TracebackType
from typing import Any, cast
from urllib.parse import parse_qs, urlsplit

from tests.servers.mastodon_http import LoopbackHttpServer
from tests.servers.mastodon_oauth import MastodonOAuth
from tests.servers.mastodon_quirks import ServerQuirks
from tests.servers.mastodon_state import (
    HTML_TYPE,
    JSON_TYPE,
    NOT_FOUND,
    OOB,
    ApiError,
    App,
    Request,
    Response,
    html_response,
    iso,
    json_response,
    parse_params,
)

__all__ = ["BrowserVisit", "MastodonTestServer", "RequestRecord", "browser_visit"]

MALFORMED_BODY = b'{"id": "1", "content": "<p>truncat'
_ERRORS = {
    401: "The access token is invalid",
    403: "This action is not allowed",
    404: NOT_FOUND,
    429: "Too many requests",
    503: "There was a temporary problem serving your request, please try again",
}


class _RateLimitedError(ApiError):
    def __init__(self, headers: dict[str, str]) -> None:
        super().__init__(429, "Too many requests")
        self.headers = headers


@dataclass
class Fault:
    kind: str  # "fail", "malformed", "stall" (after processing) or "drop"
    method: str
    prefix: str
    times: int
    seconds: float = 0.0
    commit: bool = True
    response: Response | None = None


@dataclass(frozen=True)
class RequestRecord:
    method: str
    path: str
    status: int | None  # None: the connection was dropped


@dataclass(frozen=True)
class BrowserVisit:
    """What a browser got for one URL (redirects are not followed)."""

    status: int
    location: str | None
    body: str

    def redirect_params(self) -> dict[str, str]:
        query = urlsplit(self.location or "").query
        return {k: v[-1] for k, v in parse_qs(query, keep_blank_values=True).items()}

    def oob_code(self) -> str | None:
        match = re.search(r'class="oauth-code"[^>]*value="([^"]*)"', self.body)
        return match[1] if match else None


def browser_visit(url: str, timeout: float = 5.0) -> BrowserVisit:
    """Play the user's browser for one GET, e.g. of the authorize URL the app would open."""
    parts = urlsplit(url)
    if parts.scheme != "http" or parts.hostname not in ("127.0.0.1", "localhost"):
        raise ValueError(f"browser_visit only opens loopback http URLs, not {url!r}")
    conn = http.client.HTTPConnection(parts.hostname, parts.port or 80, timeout=timeout)
    try:
        conn.request("GET", parts.path + (f"?{parts.query}" if parts.query else ""))
        reply = conn.getresponse()
        return BrowserVisit(reply.status, reply.getheader("Location"), reply.read().decode())
    finally:
        conn.close()


class MastodonTestServer(MastodonOAuth):
    """In-memory Mastodon API test double at ``self.url``; see the module docstring."""

    def __init__(
        self,
        *,
        version: str = "4.4.3",
        api_version: int = 6,
        max_characters: int = 500,
        max_media_attachments: int = 4,
        rate_limit: int = 300,
        rate_window: float = 300.0,
        default_username: str | None = "alice",
        oauth_metadata: bool = True,
        media_always_async: bool = False,
        media_async_threshold: int | None = None,
        media_processing_polls: int | None = 1,
        media_processing_seconds: float | None = None,
        quirks: ServerQuirks | None = None,
    ) -> None:
        super().__init__(max_characters=max_characters, max_media_attachments=max_media_attachments)
        self.version, self.api_version, self._oauth_metadata = version, api_version, oauth_metadata
        self._rl_limit, self._rl_window = rate_limit, rate_window
        self._rl_buckets: dict[str, list[float]] = {}
        self._rl_preset: tuple[float, float] | None = None  # (window start, requests used)
        self._media_rules = (
            media_always_async, media_async_threshold, media_processing_polls,
            media_processing_seconds,
        )
        self._faults: list[Fault] = []
        self._log: list[RequestRecord] = []
        self._crashes: list[str] = []
        self._codes: dict[str, tuple[str, str, str, list[str], str | None, float]] = {}
        self._consent, self._authorizing = True, ""
        self._stop = threading.Event()
        self._httpd: LoopbackHttpServer | None = None
        self._thread: threading.Thread | None = None
        # Owner of the tokens create_user() hands out, like a "Development" app in the web UI.
        self._shortcut = App("1", secrets.token_urlsafe(32), secrets.token_urlsafe(32),
                             "Web", None, [OOB], ["read", "write", "follow", "push"])
        self._apps[self._shortcut.client_id] = self._shortcut
        self._quirks = quirks or ServerQuirks()
        if default_username:
            self._ensure_account(default_username)

    # --- lifecycle -----------------------------------------------------------------------------

    def start(self) -> MastodonTestServer:
        if self._httpd is None:
            self._stop.clear()
            self._httpd = LoopbackHttpServer(self)
            self._base = f"http://127.0.0.1:{self._httpd.server_address[1]}"
            self._thread = threading.Thread(
                target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
            )
            self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()  # wakes stalled handlers at once
        if self._httpd is not None:
            self._httpd.shutdown()
            self._httpd.server_close()
            self._httpd = None
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None

    def __enter__(self) -> MastodonTestServer:
        return self.start()

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()

    @property
    def url(self) -> str:
        """``http://127.0.0.1:PORT``, the api_base_url to give Mastodon.py."""
        if self._httpd is None:
            raise RuntimeError("MastodonTestServer is not running; call start() first")
        return self._base

    # --- test controls -------------------------------------------------------------------------
    def create_user(self, username: str, *, scopes: str = "read write follow push") -> str:
        """Create the account if needed and return a fresh access token for it, as a user who
        made one under Preferences > Development would ("sign in with an access token")."""
        with self._lock:
            acc = self._ensure_account(username)
            return self._issue(self._shortcut, acc.id, scopes.split()).value

    def set_authorizing_user(self, username: str) -> None:
        """The account that approves /oauth/authorize requests from now on (created if new)."""
        with self._lock:
            self._authorizing = self._ensure_account(username).id

    def set_consent(self, *, approve: bool) -> None:
        """Whether the simulated user approves authorization requests (else access_denied)."""
        with self._lock:
            self._consent = approve

    def revoke(self, token: str) -> None:
        """Revoke a token as the user would under Preferences > Authorized apps."""
        with self._lock:
            self._tokens[token].revoked = True

    def set_rate_limit(
        self, limit: int, remaining: int | None = None, window_seconds: float | None = None
    ) -> None:
        """A new budget for every token and IP; ``remaining`` presets what is left in the current
        window, so ``remaining=0`` makes the next /api/ request a 429."""
        with self._lock:
            self._rl_limit, self._rl_window = limit, window_seconds or self._rl_window
            self._rl_buckets.clear()
            self._rl_preset = None if remaining is None else (time.time(), limit - remaining)

    def set_quirks(self, **changes: Any) -> None:
        """Behave like another server from now on (see ServerQuirks), e.g.
        ``set_quirks(url_style="takahe")``."""
        with self._lock:
            self._quirks = replace(self._quirks, **changes)

    def set_max_characters(self, limit: int) -> None:
        with self._lock:
            self._max_chars = limit

    def set_media_processing(
        self,
        *,
        always_async: bool = False,
        threshold: int | None = None,
        polls: int | None = 1,
        seconds: float | None = None,
    ) -> None:
        """For new v2 uploads: images over ``threshold`` bytes, all media if ``always_async``,
        and gif/video/audio always are processed asynchronously, finishing after ``polls`` 206
        answers or ``seconds``; with both None only finish_media_processing() ends it."""
        with self._lock:
            self._media_rules = (always_async, threshold, polls, seconds)

    def finish_media_processing(self, media_id: str | None = None) -> None:
        with self._lock:
            for media in self._media.values():
                media.processing = media.processing and media_id not in (None, media.id)

    # --- fault injection -----------------------------------------------------------------------

    def _add_fault(self, fault: Fault) -> None:
        with self._lock:
            self._faults.append(replace(fault, method=fault.method.upper()))

    def fail_next(
        self,
        method: str,
        path_prefix: str,
        status: int,
        times: int = 1,
        body: bytes | str | Mapping[str, Any] | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        """Answer the next ``times`` requests whose method is ``method`` (or any, for ``"*"``)
        and whose path starts with ``path_prefix`` with ``status``, processing nothing. Default
        body: Mastodon's JSON error, or nginx's HTML page for 502 and 504. A 429 gets rate limit
        headers; other statuses none unless given."""
        phrase = HTTPStatus(status).phrase
        if body is None and status in (502, 504):
            body = f"<html><head><title>{status} {phrase}</title></head><body><center><h1>{status}"
            body += f" {phrase}</h1></center><hr><center>nginx</center></body></html>"
        if body is None or isinstance(body, Mapping):
            response = json_response(status, dict(body or {"error": _ERRORS.get(status, phrase)}))
        else:
            response = Response(status, body.encode() if isinstance(body, str) else body, HTML_TYPE)
        response.headers.update(headers or {})
        if status == 429 and not headers:
            response.headers.update(self._limit_headers(time.time(), self._rl_limit + 1))
        self._add_fault(Fault("fail", method, path_prefix, times, commit=False, response=response))

    def malformed_next(
        self, method: str, path_prefix: str, times: int = 1, *, commit: bool = False
    ) -> None:
        """Answer 200 with truncated JSON; with ``commit`` the request is processed first."""
        self._add_fault(Fault("malformed", method, path_prefix, times, commit=commit))

    def accept_then_stall(
        self, method: str, path_prefix: str, seconds: float, times: int = 1
    ) -> None:
        """Process (commit) the request, then wait ``seconds`` before answering, so a client that
        times out cannot tell that its post exists. stop() ends the wait early."""
        self._add_fault(Fault("stall", method, path_prefix, times, seconds=seconds))

    def drop_next(
        self, method: str, path_prefix: str, times: int = 1, *, commit: bool = False
    ) -> None:
        """Close the connection without answering; with ``commit`` after processing."""
        self._add_fault(Fault("drop", method, path_prefix, times, commit=commit))

    def clear_faults(self) -> None:
        with self._lock:
            self._faults.clear()

    # --- inspection ----------------------------------------------------------------------------

    @property
    def accounts(self) -> dict[str, dict[str, Any]]:
        """Account entities by username."""
        with self._lock:
            return {a.username: self._account_json(a) for a in self._accounts.values()}

    def statuses_for(self, username: str, *, include_deleted: bool = False) -> list[dict[str, Any]]:
        """The user's statuses as Status entities plus ``text`` and ``deleted``, oldest first."""
        with self._lock:
            acc = self._account_named(username)
            found = sorted(
                (s for s in self._statuses.values() if acc and s.account_id == acc.id),
                key=lambda s: int(s.id),
            )
            return [
                {**self._status_json(s, acc, source=True), "deleted": s.deleted}
                for s in found
                if include_deleted or not s.deleted
            ]

    def scheduled_for(self, username: str) -> list[dict[str, Any]]:
        with self._lock:
            acc = self._account_named(username)
            found = [s for s in self._scheduled.values() if acc and s.account_id == acc.id]
            return [self._scheduled_json(s) for s in found]

    def media_for(self, username: str) -> list[dict[str, Any]]:
        """The user's MediaAttachment entities plus ``status_id`` (None while unattached)."""
        with self._lock:
            acc = self._account_named(username)
            found = [m for m in self._media.values() if acc and m.account_id == acc.id]
            return [{**self._media_json(m), "status_id": m.status_id} for m in found]

    @property
    def requests(self) -> list[RequestRecord]:
        """Every request served so far, in order."""
        with self._lock:
            return list(self._log)

    @property
    def crashes(self) -> list[str]:
        """Tracebacks of exceptions inside this server (each answered with a 500); a fixture
        should check this is empty, since such a 500 is a bug here, not an injected fault."""
        with self._lock:
            return list(self._crashes)

    # --- request handling ----------------------------------------------------------------------

    def handle(self, req: Request) -> Response | None:
        """Serve one request with any matching fault applied; None means drop the connection."""
        with self._lock:
            fault = next(
                (f for f in self._faults if f.method in ("*", req.method)
                 and req.path.startswith(f.prefix)), None
            )
            if fault is not None:
                fault.times -= 1
                if fault.times <= 0:
                    self._faults.remove(fault)
        response = fault.response if fault is not None else None
        if fault is None or fault.commit:
            response = self._dispatch(req)
        if fault is not None and fault.kind == "stall":
            self._stop.wait(fault.seconds)
        elif fault is not None and fault.kind == "malformed":
            headers = response.headers if response else {}
            response = Response(200, MALFORMED_BODY, JSON_TYPE, headers)
        elif fault is not None and fault.kind == "drop":
            response = None
        with self._lock:
            status = None if response is None else response.status
            self._log.append(RequestRecord(req.method, req.path, status))
        return response

    def _dispatch(self, req: Request) -> Response:
        with self._lock:
            limits: dict[str, str] = {}
            try:
                req.params = parse_params(req.query, req.headers.get("content-type", ""), req.body)
                self._check_bearer(req)
                limits = self._rate_limit(req) if req.path.startswith("/api/") else {}
                response = self._route(req)
            except ApiError as exc:
                response = exc.response()
                limits = exc.headers if isinstance(exc, _RateLimitedError) else limits
            except Exception:  # noqa: BLE001 - a bug in this server: answer 500 and record it
                self._crashes.append(traceback.format_exc())
                response = json_response(500, {"error": "Internal Server Error"})
            response.headers.update(limits)
            return response

    def _route(self, req: Request) -> Response:
        for method, pattern, name in _ROUTES:
            match = pattern.fullmatch(req.path)
            if match and method == req.method:
                return cast(_Handler, getattr(self, name))(req, match)
        if not req.path.startswith("/api/"):
            return html_response(404, "The page you are looking for isn't here.", "")
        raise ApiError(404, NOT_FOUND)

    def _limit_headers(self, start: float, used: float) -> dict[str, str]:
        return {
            "X-RateLimit-Limit": str(self._rl_limit),
            "X-RateLimit-Remaining": str(max(0, self._rl_limit - int(used))),
            "X-RateLimit-Reset": iso(start + self._rl_window, 6),
        }

    def _rate_limit(self, req: Request) -> dict[str, str]:
        token = self._tokens.get(req.token or "")
        key = f"token:{token.value}" if token and not token.revoked else f"ip:{req.client}"
        now, bucket = time.time(), self._rl_buckets.get(key)
        if bucket is None or now >= bucket[0] + self._rl_window:
            preset = self._rl_preset
            fresh = preset is not None and now < preset[0] + self._rl_window
            bucket = [preset[0], preset[1]] if preset is not None and fresh else [now, 0.0]
            self._rl_buckets[key] = bucket
        bucket[1] += 1
        headers = self._limit_headers(bucket[0], bucket[1])
        if bucket[1] > self._rl_limit:
            raise _RateLimitedError(headers)
        return headers

_Handler = Callable[[Request, re.Match[str]], Response]
_ROUTES: list[tuple[str, re.Pattern[str], str]] = [
    (method, re.compile(pattern), name)
    for method, pattern, name in [
        ("POST", r"/api/v1/apps", "_h_create_app"),
        ("GET", r"/\.well-known/oauth-authorization-server", "_h_oauth_metadata"),
        ("GET", r"/oauth/authorize", "_h_authorize"),
        ("POST", r"/oauth/token", "_h_token"),
        ("POST", r"/oauth/revoke", "_h_revoke"),
        ("GET", r"/api/v1/instance/?", "_h_instance_v1"),
        ("GET", r"/api/v2/instance/?", "_h_instance_v2"),
        ("GET", r"/api/v1/accounts/verify_credentials", "_h_verify_credentials"),
        ("GET", r"/api/v1/accounts/lookup", "_h_lookup"),
        ("GET", r"/api/v1/accounts/search", "_h_account_search"),
        ("GET", r"/api/v1/accounts/(\d+)/statuses", "_h_account_statuses"),
        ("POST", r"/api/v1/statuses", "_h_post_status"),
        ("GET", r"/api/v1/statuses/(\d+)", "_h_get_status"),
        ("GET", r"/api/v1/statuses/(\d+)/source", "_h_status_source"),
        ("GET", r"/api/v1/statuses/(\d+)/history", "_h_status_history"),
        ("GET", r"/api/v2/search", "_h_search"),
        ("POST", r"/api/v1/statuses/(\d+)/reblog", "_h_reblog"),
        ("POST", r"/api/v1/statuses/(\d+)/unreblog", "_h_unreblog"),
        ("PUT", r"/api/v1/statuses/(\d+)", "_h_edit_status"),
        ("DELETE", r"/api/v1/statuses/(\d+)", "_h_delete_status"),
        ("POST", r"/api/v([12])/media", "_h_upload"),
        ("GET", r"/api/v1/media/(\d+)", "_h_get_media"),
        ("PUT", r"/api/v1/media/(\d+)", "_h_update_media"),
        ("GET", r"/media_proxy/(\d+)/(?:original|small)", "_h_media_proxy"),
    ]
]
