"""State, text rules, entities and content endpoints of the Mastodon test server.

What is and is not modelled is listed in ``tests.servers.mastodon_server``, which adds HTTP,
OAuth, instance information, rate limits, fault injection and the test controls. This module has
no network code: request parameter parsing, Mastodon's status length rule, plain text to HTML,
the JSON shapes of Account, Status, MediaAttachment and ScheduledStatus, and the account, status
and media endpoints, all working on in-memory records guarded by one lock.
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
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any
from urllib.parse import parse_qsl

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
_ACCOUNT_FIXED = json.loads(
    '{"locked": false, "bot": false, "discoverable": true, "indexable": false, "group": false,'
    ' "note": "", "followers_count": 0, "following_count": 0, "hide_collections": false,'
    ' "noindex": false, "emojis": [], "roles": [], "fields": []}'
)
_SOURCE_FIXED = json.loads(
    '{"sensitive": false, "note": "", "fields": [], "follow_requests_count": 0,'
    ' "hide_collections": false, "discoverable": true, "indexable": false,'
    ' "attribution_domains": []}'
)
_ROLE = {"id": "-99", "name": "", "permissions": "0", "color": "", "highlighted": False}
_STATUS_FIXED = json.loads(
    '{"reblogs_count": 0, "favourites_count": 0, "reblog": null, "emojis": [], "card": null,'
    ' "poll": null, "filtered": []}'
)
_VIEWER_FIXED = {"favourited": False, "reblogged": False, "muted": False, "bookmarked": False}


class ApiError(Exception):
    """An error answer in Mastodon's shape: ``{"error": ...}`` (+ ``error_description``)."""

    def __init__(self, status: int, error: str, description: str | None = None) -> None:
        super().__init__(error)
        self.status, self.error, self.description = status, error, description

    def body(self) -> dict[str, str]:
        extra = {} if self.description is None else {"error_description": self.description}
        return {"error": self.error, **extra}


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


# --- status length and rendering ------------------------------------------------------------

_URL_RE = re.compile(
    r"(?<![\w@$#/\uff20\uff03])https?://(?:[\w-]+\.)+[^\W\d_]{2,}(?::\d+)?(?:[/?#][^\s<>\"]*)?",
    re.I,
)
_MENTION_RE = re.compile(
    r"(?<![=/\w])@([a-z0-9_]+(?:[a-z0-9_.-]+[a-z0-9_]+)?)(?:@(\w+(?:[.-]+\w+)*))?", re.I
)
_HASHTAG_RE = re.compile(r"(?<![=/)\w])#(\w*[^\W\d_]\w*)")


@dataclass(frozen=True)
class Entity:
    start: int
    end: int
    kind: str  # "url", "mention" or "hashtag"
    value: str
    domain: str | None = None


def _trim_url(url: str) -> str:
    while url and (url[-1] in ".,:;!?'\"" or (url[-1] == ")" and url.count("(") < url.count(")"))):
        url = url[:-1]
    return url


def extract_entities(text: str) -> list[Entity]:
    """http(s) URLs, mentions and hashtags; overlapping ones dropped, URLs winning."""
    found = [
        Entity(m.start(), m.start() + len(_trim_url(m[0])), "url", _trim_url(m[0]))
        for m in _URL_RE.finditer(text)
    ]
    found += [Entity(m.start(), m.end(), "mention", m[1], m[2]) for m in _MENTION_RE.finditer(text)]
    found += [Entity(m.start(), m.end(), "hashtag", m[1]) for m in _HASHTAG_RE.finditer(text)]
    kept: list[Entity] = []
    for ent in found:
        if all(ent.end <= k.start or ent.start >= k.end for k in kept):
            kept.append(ent)
    return sorted(kept, key=lambda e: e.start)


def _pictographic(cp: int) -> bool:
    return 0x1F000 <= cp <= 0x1FAFF or 0x2190 <= cp <= 0x2BFF or cp in (0xA9, 0xAE, 0x203C)


def _extends(ch: str) -> bool:
    cp = ord(ch)
    return (
        unicodedata.category(ch) in ("Mn", "Me", "Mc")
        or cp in (0x200D, 0xFE0E, 0xFE0F)
        or 0x1F3FB <= cp <= 0x1F3FF  # skin tones
        or 0xE0020 <= cp <= 0xE007F  # emoji tag sequences
        or 0x1160 <= cp <= 0x11FF  # Hangul medial vowels and final consonants
    )


def grapheme_length(text: str) -> int:
    """Approximate UAX 29 extended grapheme clusters: combining marks, variation selectors, skin
    tones, tags, ZWJ emoji sequences, regional-indicator flags and CRLF each count once."""
    count, prev, pictographic, open_flag = 0, "", False, False
    for ch in text:
        cp = ord(ch)
        flag = 0x1F1E6 <= cp <= 0x1F1FF
        joins = bool(prev) and (
            _extends(ch)
            or (prev == "\r" and ch == "\n")
            or (prev == "\u200d" and pictographic and _pictographic(cp))
            or (flag and open_flag)
        )
        if not joins:
            count, pictographic = count + 1, _pictographic(cp)
        open_flag = flag and not (joins and open_flag)
        prev = ch
    return count


def countable_length(text: str, spoiler_text: str, url_chars: int = URL_CHARS) -> int:
    """Mastodon's StatusLengthValidator: spoiler + text in grapheme clusters, each URL counted as
    ``url_chars``, ``@user@domain`` counted as ``@user``."""
    parts, pos = [], 0
    for ent in extract_entities(text):
        swap = {"url": "x" * url_chars, "mention": "@" + ent.value}
        parts += [text[pos : ent.start], swap.get(ent.kind, text[ent.start : ent.end])]
        pos = ent.end
    return grapheme_length(spoiler_text + "".join(parts) + text[pos:])


def escape(text: str) -> str:
    return html.escape(text).replace("&#x27;", "&#39;")


def _url_anchor(url: str) -> str:
    match = re.match(r"(https?://(?:www\.)?)(.*)", url, re.I | re.S)
    prefix, rest = (match[1], match[2]) if match else ("", url)
    shown, hidden = rest[:30], rest[30:]
    return (
        f'<a href="{escape(url)}" target="_blank" rel="nofollow noopener" translate="no">'
        f'<span class="invisible">{escape(prefix)}</span><span class="'
        f'{"ellipsis" if hidden else ""}">{escape(shown)}</span><span class="invisible">'
        f"{escape(hidden)}</span></a>"
    )


def simple_format(rendered: str) -> str:
    """Rails' simple_format as Mastodon uses it: ``<p>`` per blank-line-separated paragraph and
    ``<br />`` for single newlines."""
    if not rendered.strip():
        return ""
    paragraphs = re.split(r"\n\n+", rendered.replace("\r\n", "\n").replace("\r", "\n"))
    return "".join(f"<p>{p.strip(chr(10)).replace(chr(10), '<br />')}</p>" for p in paragraphs)


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


@dataclass
class Scheduled:
    id: str
    account_id: str
    scheduled_at: float
    params: dict[str, Any]
    media_ids: list[str]


class MastodonState:
    """In-memory records, entity serialisers and the account, status and media endpoints.
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
        self._last_id = 0

    def _new_id(self) -> str:
        """Snowflake-like: Unix milliseconds shifted left 16 bits, strictly increasing."""
        self._last_id = max(self._last_id + 1, int(time.time() * 1000) << 16)
        return str(self._last_id)

    def _account_named(self, username: str) -> Account | None:
        wanted = username.lower()
        return next((a for a in self._accounts.values() if a.username.lower() == wanted), None)

    def _processing(self, media: Media) -> bool:
        if media.processing and media.ready_at is not None and time.time() >= media.ready_at:
            media.processing = False
        return media.processing

    # --- entities ---------------------------------------------------------------------------

    def _account_json(self, acc: Account, *, source: bool = False) -> dict[str, Any]:
        live = [s for s in self._statuses.values() if s.account_id == acc.id and not s.deleted]
        last = max((s.created_at for s in live), default=None)
        url, missing = f"{self._base}/@{acc.username}", f"{self._base}/avatars/original/missing.png"
        out: dict[str, Any] = {
            "id": acc.id, "username": acc.username, "acct": acc.username,
            "display_name": acc.display_name, **_ACCOUNT_FIXED,
            "created_at": iso(acc.created_at // 86400 * 86400), "url": url,
            "uri": f"{self._base}/users/{acc.username}", "avatar": missing,
            "avatar_static": missing, "header": missing.replace("avatars", "headers"),
            "header_static": missing.replace("avatars", "headers"), "statuses_count": len(live),
            "last_status_at": None if last is None else iso(last)[:10],
        }
        if source:
            out["source"] = {
                "privacy": acc.default_visibility, "language": acc.default_language,
                **_SOURCE_FIXED,
            }
            out["role"] = dict(_ROLE)
        return out

    def _media_json(self, media: Media) -> dict[str, Any]:
        processing = self._processing(media)
        root = f"{self._base}/system/media_attachments/files/{media.id}"
        ext = media.mime.split("/")[-1].replace("jpeg", "jpg")
        focus = {"focus": {"x": media.focus[0], "y": media.focus[1]}} if media.focus else {}
        return {
            "id": media.id, "type": media.kind,
            "url": None if processing else f"{root}/original/{media.key}.{ext}",
            "preview_url": f"{root}/small/{media.key}.png", "remote_url": None,
            "preview_remote_url": None, "text_url": None, "meta": focus,
            "description": media.description,
            "blurhash": None if media.kind == "audio" else "UFBWY:8_0Jxv4mx]t8t64.%M-:IUWGWAt6M}",
        }

    def _render(self, text: str) -> tuple[str, list[dict[str, str]], list[dict[str, str]]]:
        """Plain text to Mastodon-style HTML, plus the ``mentions`` and ``tags`` entities."""
        out, mentions, tags, pos = [], [], [], 0
        host = self._base.split("://", 1)[1].split(":")[0]
        for ent in extract_entities(text):
            out.append(escape(text[pos : ent.start]))
            pos = ent.end
            local = ent.kind == "mention" and ent.domain in (None, host)
            who = self._account_named(ent.value) if local else None
            if ent.kind == "url":
                out.append(_url_anchor(ent.value))
            elif who is not None:
                url = f"{self._base}/@{who.username}"
                out.append(
                    f'<span class="h-card" translate="no"><a href="{url}" class="u-url mention">'
                    f"@<span>{escape(who.username)}</span></a></span>"
                )
                mentions.append({"id": who.id, "username": who.username, "url": url,
                                 "acct": who.username})
            elif ent.kind == "hashtag":
                url = f"{self._base}/tags/{ent.value.lower()}"
                out.append(
                    f'<a href="{url}" class="mention hashtag" rel="tag">#<span>'
                    f"{escape(ent.value)}</span></a>"
                )
                tags.append({"name": ent.value.lower(), "url": url})
            else:
                out.append(escape(text[ent.start : ent.end]))
        out.append(escape(text[pos:]))
        return simple_format("".join(out)), mentions, tags

    def _status_json(
        self, st: Status, viewer: Account | None, *, source: bool = False
    ) -> dict[str, Any]:
        acc, app = self._accounts[st.account_id], self._apps.get(st.client_id)
        parent = self._statuses.get(st.in_reply_to_id or "")
        content, mentions, tags = self._render(st.text)
        media = [self._media_json(self._media[m]) for m in st.media_ids if m in self._media]
        out: dict[str, Any] = {
            "id": st.id, "created_at": iso(st.created_at), "in_reply_to_id": st.in_reply_to_id,
            "in_reply_to_account_id": parent.account_id if parent else None,
            "sensitive": st.sensitive, "spoiler_text": st.spoiler_text,
            "visibility": st.visibility, "language": st.language,
            "uri": f"{self._base}/users/{acc.username}/statuses/{st.id}",
            "url": f"{self._base}/@{acc.username}/{st.id}", "replies_count": st.replies_count,
            "edited_at": None if st.edited_at is None else iso(st.edited_at), "content": content,
            "application": {"name": app.name, "website": app.website} if app else None,
            "account": self._account_json(acc), "media_attachments": media,
            "mentions": mentions, "tags": tags, **_STATUS_FIXED,
        }
        if viewer is not None:
            out.update(_VIEWER_FIXED, **({"pinned": False} if viewer.id == acc.id else {}))
        if source:
            out["text"] = st.text
        return out

    def _scheduled_json(self, sc: Scheduled) -> dict[str, Any]:
        media = [self._media_json(self._media[m]) for m in sc.media_ids if m in self._media]
        params = dict(sc.params)
        return {"id": sc.id, "scheduled_at": iso(sc.scheduled_at), "params": params,
                "media_attachments": media}

    # --- authentication ---------------------------------------------------------------------

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

    # --- accounts ---------------------------------------------------------------------------

    def _h_verify_credentials(self, req: Request, _m: re.Match[str]) -> Response:
        _, acc = self._user(req, "read", "read:accounts", "profile")
        return json_response(200, self._account_json(acc, source=True))

    def _h_lookup(self, req: Request, _m: re.Match[str]) -> Response:
        self._auth(req, ("read", "read:accounts"), user=False, optional=True)
        username, _, domain = (req.params.get("acct") or "").lstrip("@").partition("@")
        if not username:
            raise ApiError(400, "param is missing or the value is empty: acct")
        acc = self._account_named(username)
        if acc is None or domain not in ("", self._base.split("://", 1)[1].split(":")[0]):
            raise ApiError(404, NOT_FOUND)
        return json_response(200, self._account_json(acc))

    def _h_account_statuses(self, req: Request, m: re.Match[str]) -> Response:
        viewer = self._auth(req, ("read", "read:statuses"), user=False, optional=True)
        acc, p = self._accounts.get(m[1]), req.params
        if acc is None:
            raise ApiError(404, NOT_FOUND)
        limit = max(1, min(40, int(p.get("limit") or 20)))
        skip_replies = rails_bool(p.get("exclude_replies"))
        found = [s for s in self._statuses.values() if s.account_id == acc.id]
        found = [s for s in found if self._can_see(s, viewer)]
        found = [s for s in found if not (skip_replies and s.in_reply_to_id)]
        found = [s for s in found if s.media_ids or not rails_bool(p.get("only_media"))]
        found = [] if rails_bool(p.get("pinned")) else found  # pins are not modelled
        found.sort(key=lambda s: int(s.id), reverse=True)
        if p.get("max_id"):
            found = [s for s in found if int(s.id) < int(p.get("max_id") or 0)]
        if p.get("min_id"):
            found = [s for s in found if int(s.id) > int(p.get("min_id") or 0)][-limit:]
        page, headers = found[:limit], {}
        if page:
            url = f"{self._base}/api/v1/accounts/{acc.id}/statuses?limit={limit}"
            headers["Link"] = (f'<{url}&max_id={page[-1].id}>; rel="next", '
                               f'<{url}&min_id={page[0].id}>; rel="prev"')
        return json_response(200, [self._status_json(s, viewer) for s in page], headers)

    # --- statuses ---------------------------------------------------------------------------

    def _can_see(self, st: Status, viewer: Account | None) -> bool:
        if st.deleted:
            return False
        if st.visibility in ("public", "unlisted") or (viewer and viewer.id == st.account_id):
            return True
        if viewer is None or st.visibility != "direct":
            return False
        return any(x["id"] == viewer.id for x in self._render(st.text)[1])

    def _visible(self, status_id: str, viewer: Account | None) -> Status:
        st = self._statuses.get(status_id)
        if st is None or not self._can_see(st, viewer):
            raise ApiError(404, NOT_FOUND)
        return st

    def _attachable(self, acc: Account, ids: list[str], status_id: str | None) -> list[Media]:
        if len(ids) > self._max_media:
            raise ApiError(422, f"Cannot attach more than {self._max_media} files")
        found = [self._media.get(i) for i in ids]
        missing = [i for i, x in zip(ids, found, strict=True) if x is None
                   or x.account_id != acc.id or x.status_id not in (None, status_id)]
        if missing:
            raise ApiError(422, f"Media with ID(s) {', '.join(missing)} could not be found")
        media = [x for x in found if x is not None]
        if any(self._processing(x) for x in media):
            raise ApiError(422, "Cannot attach files that have not finished processing. "
                           "Try again in a moment!")
        if len(media) > 1 and any(x.kind != "image" for x in media):
            raise ApiError(422, "Cannot attach a video to a post that already contains images")
        return media

    def _check_text(self, text: str, spoiler: str, media: list[Media]) -> None:
        if not text.strip() and not media:
            raise ApiError(422, "Validation failed: Text can't be blank")
        if countable_length(text, spoiler) > self._max_chars:
            raise ApiError(422, f"Validation failed: Text character limit of {self._max_chars} "
                           "exceeded")

    @staticmethod
    def _language(value: str | None, fallback: str) -> str:
        return value if value and re.fullmatch(r"[a-z]{2,3}(-[A-Za-z]{2,4})?", value) else fallback

    @staticmethod
    def _schedule_time(value: str | None, now: float) -> float | None:
        """None means "post now" (also for a time in the past, as Mastodon does)."""
        try:
            when = datetime.fromisoformat(value.replace("Z", "+00:00")).timestamp() if value else 0
        except ValueError as exc:
            raise ApiError(422, "Validation failed: Scheduled at is invalid") from exc
        if now < when < now + 300:
            raise ApiError(422, "Validation failed: Scheduled at The scheduled date must be in "
                           "the future")
        return when if when > now else None

    def _h_post_status(self, req: Request, _m: re.Match[str]) -> Response:
        token, acc = self._user(req, "write", "write:statuses")
        p, now, key = req.params, time.time(), req.headers.get("idempotency-key")
        seen = self._idempotency.get((acc.id, key)) if key else None
        if seen and seen[1] > now and seen[0] in self._scheduled:
            return json_response(200, self._scheduled_json(self._scheduled[seen[0]]))
        if seen and seen[1] > now:
            return json_response(200, self._status_json(self._visible(seen[0], acc), acc))
        if p.raw("poll") is not None or p.has("poll[options]"):
            raise ApiError(422, "Polls are not modelled by this test server")
        text, spoiler = p.get("status") or "", p.get("spoiler_text") or ""
        media = self._attachable(acc, p.get_list("media_ids"), None)
        self._check_text(text, spoiler, media)
        visibility = p.get("visibility") or acc.default_visibility
        if visibility not in VISIBILITIES:
            raise ApiError(422, "Validation failed: Visibility is not included in the list")
        reply_to = p.get("in_reply_to_id") or None
        parent = self._statuses.get(reply_to or "")
        if reply_to and (parent is None or not self._can_see(parent, acc)):
            raise ApiError(404, "The post you are trying to reply to does not appear to exist.")
        sensitive = rails_bool(p.get("sensitive")) or bool(spoiler)
        language = self._language(p.get("language"), acc.default_language)
        ids = [x.id for x in media]
        when = self._schedule_time(p.get("scheduled_at"), now)
        if when is not None:
            sc = Scheduled(self._new_id(), acc.id, when, {
                "text": text, "poll": None, "media_ids": ids or None, "sensitive": sensitive,
                "spoiler_text": spoiler or None, "visibility": visibility, "idempotency": key,
                "scheduled_at": None, "in_reply_to_id": reply_to, "language": language,
                "application_id": int(self._apps[token.client_id].id), "with_rate_limit": False,
            }, ids)
            self._scheduled[sc.id] = sc
            self._idempotency.update({(acc.id, key): (sc.id, now + 3600)} if key else {})
            return json_response(200, self._scheduled_json(sc))
        st = Status(self._new_id(), acc.id, text, spoiler, visibility, language, sensitive, now,
                    reply_to, ids, token.client_id)
        self._statuses[st.id] = st
        for item in media:
            item.status_id = st.id
        if parent is not None:
            parent.replies_count += 1
        self._idempotency.update({(acc.id, key): (st.id, now + 3600)} if key else {})
        return json_response(200, self._status_json(st, acc))

    def _h_get_status(self, req: Request, m: re.Match[str]) -> Response:
        viewer = self._auth(req, ("read", "read:statuses"), user=False, optional=True)
        return json_response(200, self._status_json(self._visible(m[1], viewer), viewer))

    def _own(self, req: Request, status_id: str) -> tuple[Account, Status]:
        _, acc = self._user(req, "write", "write:statuses")
        st = self._visible(status_id, acc)
        if st.account_id != acc.id:
            raise ApiError(403, "This action is not allowed")
        return acc, st

    def _h_edit_status(self, req: Request, m: re.Match[str]) -> Response:
        acc, st = self._own(req, m[1])
        p = req.params
        if p.raw("poll") is not None:
            raise ApiError(422, "Polls are not modelled by this test server")
        text = p.get("status") if p.has("status") else st.text
        spoiler = p.get("spoiler_text") if p.has("spoiler_text") else st.spoiler_text
        attributes = [a for a in p.raw("media_attributes") or [] if isinstance(a, dict)]
        ids = p.get_list("media_ids") if p.has("media_ids") else list(st.media_ids)
        ids += [str(a.get("id")) for a in attributes if str(a.get("id")) not in ids]
        media = self._attachable(acc, ids, st.id)
        self._check_text(text or "", spoiler or "", media)
        for attr in attributes:  # validate every change before applying any
            self._description(str(attr.get("description") or ""))
            self._focus(str(attr.get("focus") or "0,0"))
        st.text, st.spoiler_text, st.media_ids = text or "", spoiler or "", [x.id for x in media]
        sensitive = rails_bool(p.get("sensitive")) if p.has("sensitive") else st.sensitive
        st.sensitive = sensitive or bool(st.spoiler_text)
        st.language = self._language(p.get("language"), st.language)
        for item in media:
            item.status_id = st.id
        for attr in attributes:
            item = self._media[str(attr.get("id"))]
            if attr.get("description") is not None:
                item.description = str(attr["description"])
            if attr.get("focus"):
                item.focus = self._focus(str(attr["focus"]))
        st.edited_at = time.time()
        return json_response(200, self._status_json(st, acc))

    def _h_delete_status(self, req: Request, m: re.Match[str]) -> Response:
        acc, st = self._own(req, m[1])
        body = self._status_json(st, acc, source=True)
        st.deleted = True
        for media_id in st.media_ids:
            if rails_bool(req.params.get("delete_media")):
                del self._media[media_id]
            else:
                self._media[media_id].status_id = None  # kept for "delete and redraft"
        parent = self._statuses.get(st.in_reply_to_id or "")
        if parent is not None:
            parent.replies_count = max(0, parent.replies_count - 1)
        return json_response(200, body)

    # --- media ------------------------------------------------------------------------------

    @staticmethod
    def _description(value: str) -> str:
        if len(value) > MAX_DESCRIPTION:
            raise ApiError(422, "Validation failed: Description is too long (maximum is "
                           f"{MAX_DESCRIPTION} characters)")
        return value

    @staticmethod
    def _focus(value: str) -> tuple[float, float]:
        try:
            x, y = (max(-1.0, min(1.0, float(v))) for v in value.split(","))
        except ValueError as exc:
            raise ApiError(422, "Validation failed: Focus is invalid") from exc
        return x, y

    def _h_upload(self, req: Request, m: re.Match[str]) -> Response:
        _, acc = self._user(req, "write", "write:media")
        upload, p = req.params.files.get("file"), req.params
        if upload is None:
            raise ApiError(422, "Validation failed: File can't be blank")
        mime = upload.content_type.lower()
        kind = "gifv" if mime == "image/gif" else mime.split("/")[0]
        if mime not in (*IMAGE_TYPES, *VIDEO_TYPES, *AUDIO_TYPES):
            raise ApiError(422, "Validation failed: File content type is invalid, File is invalid")
        limit = IMAGE_SIZE_LIMIT if kind == "image" else VIDEO_SIZE_LIMIT
        if len(upload.data) > limit:
            raise ApiError(422, "Validation failed: File file size must be less than "
                           f"{limit // 1024 // 1024} MB")
        description = None if p.get("description") is None else self._description(
            p.get("description") or "")
        focus = self._focus(p.get("focus") or "") if p.get("focus") else None
        always, threshold, polls, seconds = self._media_rules
        big = threshold is not None and len(upload.data) > threshold
        slow = m[1] == "2" and (always or kind != "image" or big)
        ready_at = None if seconds is None else time.time() + seconds
        media = Media(self._new_id(), acc.id, kind, mime, upload.data, description, focus, slow,
                      ready_at, polls)
        self._media[media.id] = media
        return json_response(202 if slow else 200, self._media_json(media))

    def _own_media(self, req: Request, media_id: str) -> Media:
        _, acc = self._user(req, "write", "write:media")
        media = self._media.get(media_id)
        if media is None or media.account_id != acc.id or media.status_id is not None:
            raise ApiError(404, NOT_FOUND)
        return media

    def _h_get_media(self, req: Request, m: re.Match[str]) -> Response:
        media = self._own_media(req, m[1])
        if media.processing and media.polls_left is not None and media.polls_left <= 0:
            media.processing = False
        response = json_response(206 if self._processing(media) else 200, self._media_json(media))
        if media.processing and media.polls_left is not None:
            media.polls_left -= 1
            media.processing = media.polls_left > 0
        return response

    def _h_update_media(self, req: Request, m: re.Match[str]) -> Response:
        media, p = self._own_media(req, m[1]), req.params
        if p.get("description") is not None:
            media.description = self._description(p.get("description") or "")
        if p.get("focus"):
            media.focus = self._focus(p.get("focus") or "")
        return json_response(206 if self._processing(media) else 200, self._media_json(media))
