"""An image checked when it is attached: the whole file decoded with Pillow, every frame of an
animation included, so that a damaged, disguised or oversized picture is refused at once, under
the file's own name, and never waits to fail when the post is sent.

Pillow loads only when the first image is attached (``import PIL`` is not free at start-up).
"""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from PIL import Image, UnidentifiedImageError

from safedesk.core.errors import InvalidInputError
from safedesk.core.messages import Message, msg

#: Mastodon's own limit for an image upload (16 MiB); Bluesky's pictures are made smaller anyway.
MAX_FILE_BYTES: Final = 16 * 1024 * 1024
# The decoders tried, with the type each file is sent as. A phone's multi-picture JPEG comes
# through the JPEG decoder and reports itself as "MPO"; its extra pictures (a depth map, say)
# are not an animation.
_MIME_TYPES: Final = {"PNG": "image/png", "JPEG": "image/jpeg", "MPO": "image/jpeg",
                      "GIF": "image/gif", "WEBP": "image/webp"}
_DECODERS: Final = ("PNG", "JPEG", "GIF", "WEBP")
_ANIMATED_FORMATS: Final = frozenset({"PNG", "GIF", "WEBP"})
# What people most often pick by mistake, by its first bytes, so the refusal can say what it is.
_OTHER_KINDS: Final = ((b"BM", msg("a BMP image")), (b"II*\x00", msg("a TIFF image")),
                       (b"MM\x00*", msg("a TIFF image")), (b"%PDF", msg("a PDF document")),
                       (b"\x00\x00\x01\x00", msg("an icon file")),
                       (b"8BPS", msg("a Photoshop file")))
_HEIF_BRANDS: Final = (b"heic", b"heix", b"mif1", b"avif")


@dataclass(frozen=True, slots=True)
class ImageFacts:
    mime_type: str
    width: int
    height: int
    frames: int

    @property
    def animated(self) -> bool:
        return self.frames > 1


def megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB"


def check_size(size: int, name: str) -> None:
    if size > MAX_FILE_BYTES:
        raise InvalidInputError(
            msg("{name} is {megabytes}; SafeDesk attaches images up to "
                "{most} MB, the most Mastodon takes. Export a smaller "
                "copy and attach that.",
                name=name, megabytes=megabytes(size), most=MAX_FILE_BYTES // (1024 * 1024)))


def _other_kind(head: bytes) -> Message | None:
    for signature, kind in _OTHER_KINDS:
        if head.startswith(signature):
            return kind
    if head[4:8] == b"ftyp" and head[8:12] in _HEIF_BRANDS:
        return msg("a HEIC or AVIF image")
    if head.lstrip().lower().startswith((b"<svg", b"<?xml")):
        return msg("an SVG drawing")
    return None


def _too_many_pixels(name: str) -> InvalidInputError:
    limit = (Image.MAX_IMAGE_PIXELS or 0) // 1_000_000
    return InvalidInputError(
        msg("{name} has more pixels than SafeDesk opens safely (over {limit} million; a picture "
            "for a post needs far fewer, and such a file can exhaust the computer's memory). "
            "Export a smaller copy and attach that.", name=name, limit=limit))


def _decode_every_frame(picture: Image.Image, name: str) -> int:
    """Decode each frame in full (a truncated or corrupt one fails here); the frame count."""
    limit = Image.MAX_IMAGE_PIXELS
    if limit is not None and picture.width * picture.height > limit:
        raise _too_many_pixels(name)  # also when another thread changed the warning filters
    frames = getattr(picture, "n_frames", 1) if picture.format in _ANIMATED_FORMATS else 1
    for index in range(frames):
        picture.seek(index)
        picture.load()
    return frames


def check_image(path: Path, name: str) -> ImageFacts:
    """Decode the image at ``path`` (named ``name`` for people) and say what it is, or raise
    :class:`InvalidInputError` saying, by name, why it cannot be attached."""
    check_size(path.stat().st_size, name)
    with path.open("rb") as handle:
        head = handle.read(32)
    try:
        with warnings.catch_warnings():
            # Pillow only warns between its limit and twice that; a warning is a refusal here.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(path, formats=_DECODERS) as picture:
                size, kind = picture.size, str(picture.format)
                frames = _decode_every_frame(picture, name)
    except UnidentifiedImageError:
        other = _other_kind(head)
        if other is not None:
            raise InvalidInputError(
                msg("{name} is {other}. SafeDesk attaches PNG, JPEG, GIF and WebP pictures, which "
                    "both Mastodon and Bluesky show: save it as one of those and attach that.",
                    name=name, other=other)
            ) from None
        raise InvalidInputError(
            msg("{name} is not a picture: its content is not a PNG, JPEG, GIF or WebP image, "
                "whatever its name says. Choose an image file.", name=name)) from None
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise _too_many_pixels(name) from None
    except InvalidInputError:
        raise
    except Exception as error:  # noqa: BLE001 - a damaged file breaks decoders in many ways
        detail = str(error).split("\n", 1)[0][:80] or type(error).__name__
        raise InvalidInputError(
            msg("{name} is damaged or incomplete and cannot be shown ({detail}). Attach it again "
                "from the original, or export a new copy.", name=name, detail=detail)) from None
    return ImageFacts(_MIME_TYPES[kind], size[0], size[1], frames)


def first_frame_png(path: Path) -> bytes:
    """The first frame of the (checked) image at ``path`` as a PNG, transparency kept.

    Deterministic: the same file gives the same bytes, hence the same hash.
    """
    with Image.open(path, formats=_DECODERS) as picture:
        picture.seek(0)
        frame = picture.convert("RGBA" if _has_transparency(picture) else "RGB")
    out = io.BytesIO()
    frame.save(out, format="PNG", optimize=True)
    return out.getvalue()


def _has_transparency(picture: Image.Image) -> bool:
    return picture.mode in {"RGBA", "LA", "PA"} or "transparency" in picture.info
