"""The pictures of someone else's post, made small, for the person who shares it and for the
approver who decides: an alt text says what its author meant a picture to show, not what it
shows, and an official account that boosts an offensive picture has boosted it whatever the alt
text said.

Called off the GUI thread (it uses the network). Each picture is read as a link card's picture
is (``services.link_cards``): http and https only, a few redirects, a time limit for each step
and for the whole picture, and at most :data:`MAX_PICTURE_BYTES`. It is then decoded by Pillow
with its limit on pixels (a small file can unpack to gigabytes), its first frame only, and made
into a PNG of at most :data:`THUMBNAIL_EDGE` pixels a side. A picture that cannot be shown says
why, in words for people, beside its alt text; the others are shown all the same.
"""

from __future__ import annotations

import io
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Final

from safedesk.core.messages import Message, msg
from safedesk.core.models import SharedMedia, SharedPost
from safedesk.services.link_cards import MAX_REDIRECTS, PictureRefusedError, read_picture

if TYPE_CHECKING:
    import httpx

# Mastodon's own limit for an uploaded image; a server's copy is never larger.
MAX_PICTURE_BYTES: Final = 16 * 1024 * 1024
TIMEOUT_SECONDS: Final = 5.0  # for each step, as for a link card's picture
THUMBNAIL_EDGE: Final = 240
_USER_AGENT: Final = "SafeDesk (shown before sharing)"


@dataclass(frozen=True, slots=True)
class SharedPicture:
    """One picture of a shared post (``number`` counts from 1, as the post's text does): a PNG
    of it made small, or why it cannot be shown."""

    number: int
    alt_text: str
    png: bytes = b""
    problem: str | Message = ""


def fetch_pictures(post: SharedPost, *,
                   transport: httpx.BaseTransport | None = None) -> list[SharedPicture]:
    """Every picture of ``post``, each made small or with why not."""
    if not post.media:
        return []
    import httpx  # noqa: PLC0415 - loaded on the first share with pictures, not at start-up

    with httpx.Client(timeout=httpx.Timeout(TIMEOUT_SECONDS), follow_redirects=True,
                      max_redirects=MAX_REDIRECTS, transport=transport,
                      headers={"User-Agent": _USER_AGENT}) as client:
        return [_picture(number, media, lambda url: _read(client, url))
                for number, media in enumerate(post.media, 1)]


def _picture(number: int, media: SharedMedia,
             read: Callable[[str], bytes]) -> SharedPicture:
    import httpx  # noqa: PLC0415

    try:
        png = thumbnail(read(media.url))
    except _CannotShowError as reason:
        return SharedPicture(number, media.alt_text, problem=reason.words)
    except httpx.InvalidURL:  # not an HTTPError: an address httpx cannot even parse
        return SharedPicture(number, media.alt_text, problem=msg(
            "Its server gave no web address for it."))
    except httpx.TimeoutException:
        return SharedPicture(number, media.alt_text, problem=msg(
            "Its server did not answer in time."))
    except httpx.HTTPError:
        return SharedPicture(number, media.alt_text, problem=msg(
            "Its server could not be reached."))
    return SharedPicture(number, media.alt_text, png=png)


class _CannotShowError(Exception):
    def __init__(self, words: Message) -> None:
        super().__init__(str(words))
        self.words = words


def _read(client: httpx.Client, url: str) -> bytes:
    try:
        return read_picture(client, url, MAX_PICTURE_BYTES)
    except PictureRefusedError as refused:
        if refused.status_code:
            raise _CannotShowError(msg("Its server answered {status_code}.",
                                       status_code=refused.status_code)) from None
        if refused.too_large:
            raise _CannotShowError(_too_large()) from None
        raise _CannotShowError(msg("Its server gave no web address for it.")) from None


def _too_large() -> Message:
    return msg("It is larger than {megabytes} MB.", megabytes=MAX_PICTURE_BYTES // (1024 * 1024))


def thumbnail(data: bytes) -> bytes:
    """``data`` (any picture Pillow reads) as a PNG of at most :data:`THUMBNAIL_EDGE` pixels a
    side, its first frame; :class:`_CannotShowError` saying why not."""
    from PIL import Image, UnidentifiedImageError  # noqa: PLC0415 - see fetch_pictures

    try:
        with warnings.catch_warnings():
            # Pillow only warns between its limit and twice that; here that is a refusal too.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as picture:
                picture.draft("RGB", (THUMBNAIL_EDGE, THUMBNAIL_EDGE))  # JPEG: decode it small
                picture.thumbnail((THUMBNAIL_EDGE, THUMBNAIL_EDGE))
                small = picture.convert("RGBA")
    except UnidentifiedImageError:
        raise _CannotShowError(msg("It is not a picture SafeDesk can show.")) from None
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise _CannotShowError(msg("It has too many pixels to open safely.")) from None
    except Exception:  # noqa: BLE001 - a damaged file breaks decoders in many ways
        raise _CannotShowError(msg("It is damaged or incomplete.")) from None
    out = io.BytesIO()
    small.save(out, format="PNG")
    return out.getvalue()
