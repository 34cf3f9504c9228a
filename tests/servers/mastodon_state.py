"""State, request parameters and records of the Mastodon test server.

What is and is not modelled is listed in ``tests.servers.mastodon_server``. The server is one class
built in layers, each in its own module, none with network code except the last:

- ``mastodon_state``: constants, request parameter parsing, the in-memory records and token checks;
- ``mastodon_text``: Mastodon's status length rule and plain text to HTML;
- ``mastodon_entities``: the JSON shapes of Account, Status, MediaAttachment, ScheduledStatus and
  Instance, and the instance endpoints;
- ``mastodon_statuses``: the account, status and media endpoints;
- ``mastodon_oauth``: app registration and OAuth;
- ``mastodon_server``: HTTP, routing, rate limits, fault injection and the test controls.

All of it works on in-memory records guarded by one lock.
"""

from __future__ import annotations

import email.parser
import email.policy
import html
import json
import re
import secrets
import threading
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any
from urllib.parse import parse_qsl

from tests.servers.mastodon_quirks import ServerQuirks

OOB = "urn:ietf:wg:oauth:2.0:oob"
MAX_DESCRIPTION = 1500
URL_CHARS = 23
NOT_FOUND = "Record not found"
VISIBILITIES = ("public", "unlisted", "private", "direct")
_GRANULAR = (
    "read:accounts read:blocks read:bookmarks read:favourites read:filters read:follows "
    "read:lists read:mutes read:notifications read:search read:statuses write:accounts "
    "write:blocks write:bookmarks write:conversations write:favourites write:filters "
    "write:follows write:lists write:media write:mutes write:notifications write:reports "
    "write:statuses"
)
SCOPES = frozenset(["read", "write", "follow", "push", "profile", *_GRANULAR.split()])
_FOLLOW = {  # what the legacy "follow" scope grants
    "read:follows", "write:follows", "read:blocks", "write:blocks", "read:mutes", "write:mutes"
}
IMAGE_TYPES = ("image/jpeg", "image/png", "image/gif", "image/heic", "image/heif", "image/webp")
VIDEO_TYPES = ("video/webm", "video/mp4", "video/quicktime", "video/ogg")
AUDIO_TYPES = ("audio/wave", "audio/wav", "audio/x-wav", "audio/ogg", "audio/mpeg", "audio/mp3")
IMAGE_SIZE_LIMIT, VIDEO_SIZE_LIMIT = 16 * 1024 * 1024, 99 * 1024 * 1024
JSON_TYPE, HTML_TYPE = "application/json; charset=utf-8", "text/html; charset=utf-8"
PLAIN_TYPE = "text/plain; charset=utf-8"


class ApiError(Exception):
    """An error answer in Mastodon's shape: ``{"error": ...}`` (+ ``error_description``)."""

    def __init__(self, status: int, error: str, description: str | None = None) -> None:
        super().__init__(error)
        self.status, self.error, self.description = status, error, description

    def body(self) -> dict[str, str]:
        extra = {} if self.description is None else {"error_description": self.description}
        return {"error": self.error, **extra}

    def response(self) -> Response:
        return json_response(self.status, self.body())


class PlainApiError(ApiError):
    """An error answered as plain text, not Mastodon's JSON (Takahē's bad-token answer)."""

    def response(self) -> Response:
        return Response(self.status, self.error.encode(), PLAIN_TYPE)


@dataclass
class Response:
    status: int
    body: bytes = b""
    content_type: str = JSON_TYPE
    headers: dict[str, str] = field(default_factory=dict)


def json_response(status: int, payload: Any, headers: Mapping[str, str] | None = None) -> Response:
    return Response(status, json.dumps(payload).encode(), JSON_TYPE, dict(headers or {}))


def scope_covers(granted: Iterable[str], wanted: str) -> bool:
    """Whether ``granted`` scopes include ``wanted`` (``write`` covers ``write:statuses``)."""
    return any(
        g == wanted or wanted.startswith(g + ":") or (g == "follow" and wanted in _FOLLOW)
        for g in granted
    )


def iso(ts: float, digits: int = 3) -> str:
    """Rails' ``iso8601(digits)`` in UTC, e.g. ``2026-11-21T09:00:00.000Z``."""
    stamp = datetime.fromtimestamp(ts, UTC)
    frac = f".{stamp.microsecond:06d}"[: digits + 1] if digits else ""
    return stamp.strftime("%Y-%m-%dT%H:%M:%S") + frac + "Z"


def rails_bool(value: str | None) -> bool:
    return (value or "").strip().lower() in ("1", "true", "t", "on", "yes")



def escape(text: str) -> str:
    return html.escape(text).replace("&#x27;", "&#39;")


def html_response(status: int, title: str, inner: str) -> Response:
    page = f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{escape(title)}'
    return Response(status, f"{page}</title></head><body>{inner}</body></html>".encode(), HTML_TYPE)


# --- request parameters ---------------------------------------------------------------------


@dataclass(frozen=True)
class Upload:
    filename: str
    content_type: str
    data: bytes


@dataclass
class Params:
    """Query and body parameters merged, read as Rails reads them (``name[]`` for lists)."""

    values: dict[str, list[Any]] = field(default_factory=dict)
    files: dict[str, Upload] = field(default_factory=dict)

    def add(self, key: str, value: Any) -> None:
        self.values.setdefault(key, []).append(value)

    def has(self, name: str) -> bool:
        return name in self.values or name + "[]" in self.values

    def get(self, name: str) -> str | None:
        found = [v for v in self.values.get(name, []) if not isinstance(v, dict | list)]
        if not found or found[-1] is None:
            return None
        last = found[-1]
        return ("true" if last else "false") if isinstance(last, bool) else str(last)

    def get_list(self, name: str) -> list[str]:
        out: list[str] = []
        for raw in self.values.get(name + "[]", []) + self.values.get(name, []):
            out.extend(str(v) for v in (raw if isinstance(raw, list) else [raw]) if v is not None)
        return out

    def raw(self, name: str) -> Any:
        found = self.values.get(name)
        return found[-1] if found else None


def _parse_body(params: Params, content_type: str, body: bytes) -> None:
    ctype = content_type.split(";", maxsplit=1)[0].strip().lower()
    if ctype == "application/json" and body.strip():
        decoded = json.loads(body)
        if not isinstance(decoded, dict):
            raise ValueError("JSON body must be an object")
        params.values.update({key: [value] for key, value in decoded.items()})
    elif ctype == "multipart/form-data":
        head = f"Content-Type: {content_type}\r\n\r\n".encode()
        message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(head + body)
        if not message.is_multipart():
            raise ValueError("multipart body without parts")
        for part in message.iter_parts():
            name = part.get_param("name", header="content-disposition")
            payload = part.get_payload(decode=True)
            if isinstance(name, str) and isinstance(payload, bytes):
                if part.get_filename() is None:
                    params.add(name, payload.decode("utf-8", "replace"))
                else:
                    upload = Upload(part.get_filename() or "", part.get_content_type(), payload)
                    params.files[name] = upload
    elif body:
        for key, value in parse_qsl(body.decode("utf-8"), keep_blank_values=True):
            params.add(key, value)


def parse_params(query: str, content_type: str, body: bytes) -> Params:
    """Query string plus a form, multipart or JSON body; ApiError(400) when unreadable."""
    params = Params()
    for key, value in parse_qsl(query, keep_blank_values=True):
        params.add(key, value)
    try:
        _parse_body(params, content_type, body)
    except (ValueError, UnicodeDecodeError) as exc:
        raise ApiError(400, "Error occurred while parsing request parameters") from exc
    return params


# --- records --------------------------------------------------------------------------------


@dataclass
class Request:
    method: str
    path: str
    query: str
    headers: dict[str, str]
    body: bytes
    client: str
    params: Params = field(default_factory=Params)

    @property
    def token(self) -> str | None:
        auth = self.headers.get("authorization", "")
        if auth[:7].lower() == "bearer ":
            return auth[7:].strip() or None
        return self.params.get("access_token")


@dataclass
class App:
    id: str
    client_id: str
    client_secret: str
    name: str
    website: str | None
    redirect_uris: list[str]
    scopes: list[str]


@dataclass
class Account:
    id: str
    username: str
    display_name: str
    created_at: float
    default_visibility: str = "public"
    default_language: str = "en"
    domain: str | None = None  # another server's account, known here (add_remote_status)


@dataclass
class Token:
    value: str
    client_id: str
    account_id: str | None
    scopes: list[str]
    created_at: float
    revoked: bool = False


@dataclass
class Media:
    id: str
    account_id: str
    kind: str
    mime: str
    data: bytes
    description: str | None
    focus: tuple[float, float] | None
    processing: bool
    ready_at: float | None
    polls_left: int | None
    status_id: str | None = None
    key: str = field(default_factory=lambda: secrets.token_hex(8))


@dataclass
class Status:
    id: str
    account_id: str
    text: str
    spoiler_text: str
    visibility: str
    language: str
    sensitive: bool
    created_at: float
    in_reply_to_id: str | None
    media_ids: list[str]
    client_id: str
    edited_at: float | None = None
    deleted: bool = False
    replies_count: int = 0
    url: str | None = None  # a remote status's own address; local ones follow the url style
    uri: str | None = None  # a remote status's ActivityPub id (mastodon_shares)
    reblog_of_id: str | None = None  # a reblog: the status it shares (mastodon_shares)
    quote_of_id: str | None = None  # a quote post: the status it quotes (mastodon_shares)
    # Snapshots for GET /api/v1/statuses/:id/history: the original and one per real edit.
    history: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class Scheduled:
    id: str
    account_id: str
    scheduled_at: float
    params: dict[str, Any]
    media_ids: list[str]


class MastodonState:
    """In-memory records and token checks, the base of the server's layers.
    Handlers run with ``self._lock`` held (see MastodonTestServer._dispatch)."""

    def __init__(self, *, max_characters: int = 500, max_media_attachments: int = 4) -> None:
        self._lock = threading.RLock()
        self._base = "http://127.0.0.1:0"
        self._max_chars, self._max_media = max_characters, max_media_attachments
        self._media_rules: tuple[bool, int | None, int | None, float | None] = (
            False, None, 1, None
        )
        self._apps: dict[str, App] = {}
        self._accounts: dict[str, Account] = {}
        self._tokens: dict[str, Token] = {}
        self._media: dict[str, Media] = {}
        self._statuses: dict[str, Status] = {}
        self._scheduled: dict[str, Scheduled] = {}
        self._idempotency: dict[tuple[str, str], tuple[str, float]] = {}
        self._keys_honoured = True  # see honour_idempotency()
        self._posting_work_s = 0.0  # see set_posting_work()
        self._last_id = 0
        self._quirks = ServerQuirks()
        self._remote_urls: dict[str, str] = {}  # another server's address of a status -> its id

    def _new_id(self) -> str:
        """Snowflake-like: Unix milliseconds shifted left 16 bits, strictly increasing."""
        self._last_id = max(self._last_id + 1, int(time.time() * 1000) << 16)
        return str(self._last_id)

    def _account_named(self, username: str) -> Account | None:
        """A local account (remote ones are found by their status URLs only)."""
        wanted = username.lower()
        return next((a for a in self._accounts.values()
                     if a.username.lower() == wanted and a.domain is None), None)

    def _processing(self, media: Media) -> bool:
        if media.processing and media.ready_at is not None and time.time() >= media.ready_at:
            media.processing = False
        return media.processing

    def _ensure_account(self, username: str) -> Account:
        if not re.fullmatch(r"[A-Za-z0-9_]+", username):
            raise ValueError(f"not a valid Mastodon username: {username!r}")
        acc = self._account_named(username)
        if acc is None:
            acc = Account(self._new_id(), username, username.capitalize(), time.time())
            self._accounts[acc.id] = acc
        return acc

    # --- authentication ---------------------------------------------------------------------

    def _check_bearer(self, req: Request) -> None:
        """Takahē's middleware: any request whose bearer token is unknown or revoked is a plain
        400, before routing (with the quirk; else each endpoint checks its token itself)."""
        auth = req.headers.get("authorization", "")
        if self._quirks.bad_token_plain_400 and auth[:7].lower() == "bearer ":
            token = self._tokens.get(auth[7:].strip())
            if token is None or token.revoked:
                raise PlainApiError(400, "Invalid Bearer token")

    def _auth(
        self, req: Request, scopes: tuple[str, ...], *, user: bool = True, optional: bool = False
    ) -> Account | None:
        """Doorkeeper's checks in Mastodon's order; returns the token's account (None for an
        app-only token or, when ``optional``, for a request without a token)."""
        if req.token is None and optional:
            return None
        token = self._tokens.get(req.token or "")
        if token is None:
            raise ApiError(401, "The access token is invalid")
        if token.revoked:
            raise ApiError(401, "The access token was revoked")
        if not any(scope_covers(token.scopes, s) for s in scopes):
            raise ApiError(403, "This action is outside the authorized scopes")
        if user and token.account_id is None:
            raise ApiError(422, "This method requires an authenticated user")
        return self._accounts.get(token.account_id or "")

    def _user(self, req: Request, *scopes: str) -> tuple[Token, Account]:
        acc = self._auth(req, scopes)
        if acc is None:
            raise ApiError(422, "This method requires an authenticated user")
        return self._tokens[req.token or ""], acc
