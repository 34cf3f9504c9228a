"""Real image files of every kind SafeDesk must refuse or treat with care when one is attached:
damaged, disguised, too many pixels, too many bytes, animated. Each is a real file, made the
cheap way, never a limit lowered for the test."""

from __future__ import annotations

import io
import os
import struct
import zlib
from pathlib import Path

from PIL import Image

from safedesk.storage.image_check import MAX_FILE_BYTES


def png(path: Path, size: tuple[int, int] = (60, 40), colour: tuple[int, int, int] = (29, 79, 145)
        ) -> Path:
    Image.new("RGB", size, colour).save(path, format="PNG")
    return path


def truncated_jpeg(path: Path) -> Path:
    """A photo cut off halfway, as an interrupted download or copy leaves it."""
    out = io.BytesIO()
    Image.frombytes("RGB", (400, 300), os.urandom(400 * 300 * 3)).save(out, format="JPEG")
    path.write_bytes(out.getvalue()[: len(out.getvalue()) // 2])
    return path


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def blank_png(path: Path, width: int, height: int) -> Path:
    """A black-and-white PNG of ``width`` x ``height`` pixels, all white: gigantic once decoded,
    a few kilobytes on disk, written chunk by chunk without holding the picture in memory."""
    row = b"\x00" + b"\xff" * ((width + 7) // 8)  # filter byte "none", then the bits
    packer = zlib.compressobj(9)
    data = b"".join(packer.compress(row) for _ in range(height)) + packer.flush()
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)  # 1 bit, greyscale
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header) + _chunk(b"IDAT", data)
                     + _chunk(b"IEND", b""))
    return path


def renamed_text(path: Path) -> Path:
    path.write_text("meeting notes, not a picture\n", encoding="utf-8")
    return path


def animated_gif(path: Path, frames: int = 3) -> Path:
    colours = [(200, 30, 30), (30, 200, 30), (30, 30, 200)]
    pictures = [Image.new("RGB", (48, 32), colours[i % 3]) for i in range(frames)]
    pictures[0].save(path, format="GIF", save_all=True, append_images=pictures[1:],
                     duration=200, loop=0)
    return path


def animated_webp(path: Path) -> Path:
    pictures = [Image.new("RGB", (48, 32), c) for c in ((250, 200, 0), (0, 120, 250))]
    pictures[0].save(path, format="WEBP", save_all=True, append_images=pictures[1:],
                     duration=200, loop=0, lossless=True)
    return path


def too_large_png(path: Path) -> Path:
    """A valid PNG padded past the size limit (sparse on disk, so cheap to make)."""
    png(path)
    with path.open("r+b") as handle:
        handle.truncate(MAX_FILE_BYTES + 1024)
    return path


def bmp(path: Path) -> Path:
    Image.new("RGB", (20, 10), (1, 2, 3)).save(path, format="BMP")
    return path
