"""atproto records and addresses, without the network: record keys (TIDs) and their times,
at:// URIs, strong references, the fields of a record as the repository returns it, and the
checks of a post's text and pictures before anything is sent."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime, timedelta
from typing import Any, Final

from safedesk.core.counting import check_bluesky
from safedesk.core.errors import InvalidInputError, RejectedError
from safedesk.core.messages import msg
from safedesk.core.platform import PostRequest, RemoteRef, bluesky_text, is_tid

_TID_ALPHABET: Final = "234567abcdefghijklmnopqrstuvwxyz"  # atproto's sortable base32
_EPOCH: Final = datetime(1970, 1, 1, tzinfo=UTC)
MAX_IMAGES: Final = 4


def record_key(idempotency_key: str) -> str:
    if not is_tid(idempotency_key):
        raise InvalidInputError(
            msg("A Bluesky publication needs a TID as its idempotency key "
                "(core.platform.make_tid), as it becomes the post's record key; got something else."))
    return idempotency_key


def tid_time(tid: str) -> datetime:
    """When a TID was made: its upper 53 bits count microseconds since 1970."""
    value = 0
    for char in tid:
        value = value * 32 + _TID_ALPHABET.index(char)
    return _EPOCH + timedelta(microseconds=value >> 10)


def created_at_of(rkey: str) -> str:
    # From the key, not the clock: a retry an hour later must still be the identical record.
    moment = tid_time(rkey)
    return f"{moment:%Y-%m-%dT%H:%M:%S}.{moment.microsecond // 1000:03d}Z"


def at_uri_of(ref: RemoteRef) -> str:
    for candidate in (ref.uri, ref.remote_id):
        if candidate.startswith("at://"):
            return candidate
    raise InvalidInputError(msg("'{remote_id}' is not a Bluesky post address "
                                "(at://...).", remote_id=ref.remote_id or ref.uri))


def parse_at_uri(uri: str) -> tuple[str, str, str]:
    parts = uri.removeprefix("at://").split("/")
    if not uri.startswith("at://") or len(parts) != 3 or not all(parts):
        raise InvalidInputError(msg("'{uri}' is not a Bluesky post address (at://repo/collection/key).",
                                    uri=uri))
    return parts[0], parts[1], parts[2]


def record_value(item: Mapping[str, Any]) -> dict[str, Any]:
    value = item.get("value")
    return value if isinstance(value, dict) else {}


def strong_ref(reply: object, which: str) -> dict[str, str] | None:
    if not isinstance(reply, dict):
        return None
    ref = reply.get(which)
    if isinstance(ref, dict) and isinstance(ref.get("uri"), str) and isinstance(ref.get("cid"), str):
        return {"uri": ref["uri"], "cid": ref["cid"]}
    return None


def parse_time(value: object) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        return None


def text_with_warning(request: PostRequest) -> str:
    return bluesky_text(request.text, request.content_warning, request.cw_on_bluesky)


def check_content(text: str, image_count: int) -> None:
    check = check_bluesky(text)
    if not check.ok:
        raise RejectedError(check.message())
    if image_count > MAX_IMAGES:
        raise RejectedError(msg("Bluesky takes at most {most} pictures per post; this one has "
                                "{image_count}. Nothing was posted.",
                                most=MAX_IMAGES, image_count=image_count))
    if not text.strip() and image_count == 0:
        raise RejectedError(msg("There is nothing to post: the text is empty and there is no picture."))
