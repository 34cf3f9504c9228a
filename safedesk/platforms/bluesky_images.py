"""Pictures made ready for Bluesky: a real image, at most 1,000,000 bytes, with no metadata.

Bluesky takes image blobs of up to about 1 MB (newer lexicons say 2 MB; 1,000,000 bytes is what
every server accepts), so a photo straight from a phone has to be made smaller, not refused.
An animated picture is refused, never sent as its first frame without the person choosing so
(see ``core.target_check.bluesky_still_note``).

Every picture is decoded and encoded again, which also drops EXIF, GPS positions, XMP and
comments: a phone photo must not tell the world where it was taken. The colour profile is kept,
as it holds nothing personal and the colours would shift without it.

The output is deterministic: the same file gives the same bytes, hence the same blob CID, so a
post retried later is still the identical record the server already has.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from PIL import Image, ImageOps, UnidentifiedImageError

from safedesk.core.errors import RejectedError
from safedesk.core.messages import msg

MAX_IMAGE_BYTES: Final = 1_000_000
#: Bluesky's apps show pictures at most 2000 pixels on the long side; more is wasted bytes.
MAX_SIDE: Final = 2000
#: Refuse absurd pictures before decoding them: 100 megapixels is beyond any camera's output.
MAX_PIXELS: Final = 100_000_000
#: Nor is a file read into memory past this size.
MAX_FILE_BYTES: Final = 200_000_000
_MIN_SIDE: Final = 200
_JPEG_QUALITIES: Final = (90, 85, 80, 75, 70, 60, 50, 40)
_SHRINK_STEP: Final = 0.75
# Only these decoders are tried: Pillow also reads formats (EPS through Ghostscript, for one)
# that have no business in a social media post and widen the attack surface.
# (A phone's multi-picture JPEG comes through the JPEG decoder and reports itself as "MPO".)
_ACCEPTED_FORMATS: Final = ("JPEG", "PNG", "GIF", "WEBP", "BMP", "TIFF")
_LOSSLESS_FORMATS: Final = frozenset({"PNG", "GIF", "BMP", "TIFF"})


@dataclass(frozen=True, slots=True)
class PreparedImage:
    data: bytes
    mime_type: str
    width: int
    height: int
    source_format: str

    def __repr__(self) -> str:  # the bytes would flood any log or assertion message
        return (f"PreparedImage({self.mime_type}, {self.width}x{self.height}, "
                f"{len(self.data)} bytes, from {self.source_format})")


def prepare_image(path: Path, *, max_bytes: int = MAX_IMAGE_BYTES,
                  max_side: int = MAX_SIDE) -> PreparedImage:
    """Read ``path`` and return it as PNG or JPEG within ``max_bytes``, metadata stripped.

    The file's content decides what it is, never its name. Raises :class:`RejectedError` with a
    message for people when it is not a picture, is damaged, or cannot be made small enough.
    """
    name = path.name
    Image.init()  # registers every decoder, so that ``formats`` below finds WebP, TIFF and the rest
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise RejectedError(
                msg("The file '{name}' is over {megabytes} MB, far more than any "
                    "picture needs. Export a smaller copy and attach that instead.",
                    name=name, megabytes=MAX_FILE_BYTES // 1_000_000))
        raw = path.read_bytes()
    except OSError as error:
        raise RejectedError(
            msg("SafeDesk cannot read the picture '{name}' ({strerror}).",
                name=name, strerror=error.strerror or type(error).__name__)
        ) from None
    try:
        with Image.open(io.BytesIO(raw), formats=_ACCEPTED_FORMATS) as opened:
            source_format = str(opened.format)
            if opened.width * opened.height > MAX_PIXELS:
                raise RejectedError(
                    msg("The picture '{name}' is {width}x{height} pixels, too large "
                        "to post. Export a smaller copy and attach that instead. Nothing was "
                        "posted.", name=name, width=opened.width, height=opened.height))
            if getattr(opened, "is_animated", False) and source_format != "MPO":
                # Sending its first frame would change the post behind the person's back.
                raise RejectedError(
                    msg("The picture '{name}' is animated, and Bluesky shows only still pictures. "
                        "Nothing was posted. Use a still of its first frame instead (SafeDesk "
                        "offers one where the picture is attached), or leave Bluesky out.",
                        name=name))
            # Turn the picture as the camera meant (the orientation tag goes with the EXIF).
            picture = ImageOps.exif_transpose(opened)
            picture.load()
            icc_profile = opened.info.get("icc_profile")
    except UnidentifiedImageError:
        raise RejectedError(
            msg("'{name}' is not a picture SafeDesk can post: its content is not a JPEG, PNG, GIF, "
                "WebP, BMP or TIFF image, whatever its name says. Nothing was posted.",
                name=name)) from None
    except Image.DecompressionBombError:
        raise RejectedError(
            msg("The picture '{name}' has too many pixels to post safely. Export a smaller copy "
                "and attach that instead. Nothing was posted.", name=name)) from None
    except (OSError, SyntaxError, ValueError) as error:
        raise RejectedError(
            msg("The picture '{name}' is damaged or unreadable ({kind}). "
                "Nothing was posted.", name=name, kind=type(error).__name__)) from None
    icc = icc_profile if isinstance(icc_profile, bytes) else None
    # Encoders copy some of ``info`` into the file (JPEG writes its comment back, for one), so
    # nothing of the original's metadata may stay attached.
    picture.info = {}
    return _fit(picture, source_format, icc, max_bytes=max_bytes, max_side=max_side, name=name)


def _fit(picture: Image.Image, source_format: str, icc: bytes | None, *, max_bytes: int,
         max_side: int, name: str) -> PreparedImage:
    if max(picture.size) > max_side:
        picture = picture.copy()
        picture.thumbnail((max_side, max_side), Image.Resampling.LANCZOS)
    if source_format in _LOSSLESS_FORMATS:
        # Screenshots and drawings stay sharp as PNG whenever that fits.
        png = _encode_png(picture, icc)
        if len(png) <= max_bytes:
            return PreparedImage(png, "image/png", picture.width, picture.height, source_format)
    flat = _flatten(picture)
    while True:
        for quality in _JPEG_QUALITIES:
            jpeg = _encode_jpeg(flat, quality, icc)
            if len(jpeg) <= max_bytes:
                return PreparedImage(jpeg, "image/jpeg", flat.width, flat.height, source_format)
        width, height = (round(side * _SHRINK_STEP) for side in flat.size)
        if min(width, height) < _MIN_SIDE:
            raise RejectedError(
                msg("SafeDesk could not make the picture '{name}' smaller than "
                    "{max_bytes:,} bytes without ruining it. Attach a simpler or smaller picture.",
                    name=name, max_bytes=max_bytes))
        flat = flat.resize((width, height), Image.Resampling.LANCZOS)


def _flatten(picture: Image.Image) -> Image.Image:
    """The picture in a mode JPEG can hold; transparency becomes white, as Bluesky shows it."""
    if picture.mode in {"RGB", "L"}:
        return picture
    if picture.mode in {"RGBA", "LA", "PA"} or (
            picture.mode == "P" and "transparency" in picture.info):
        rgba = picture.convert("RGBA")
        background = Image.new("RGB", rgba.size, (255, 255, 255))
        background.paste(rgba, mask=rgba.getchannel("A"))
        return background
    return picture.convert("RGB")


def _encode_png(picture: Image.Image, icc: bytes | None) -> bytes:
    out = io.BytesIO()
    image = picture if picture.mode in {"1", "L", "LA", "P", "RGB", "RGBA", "I;16"} \
        else picture.convert("RGBA")
    # No pnginfo, exif or text chunks are passed on, so none are written.
    options: dict[str, object] = {"optimize": True}
    if icc:
        options["icc_profile"] = icc
    image.save(out, format="PNG", **options)
    return out.getvalue()


def _encode_jpeg(picture: Image.Image, quality: int, icc: bytes | None) -> bytes:
    out = io.BytesIO()
    options: dict[str, object] = {"quality": quality, "optimize": True}
    if icc:
        options["icc_profile"] = icc
    picture.save(out, format="JPEG", **options)
    return out.getvalue()
