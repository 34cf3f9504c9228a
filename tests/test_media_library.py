"""The media library: images kept under their hash, each decoded in full when it is attached and
refused there, under its own name, when it is damaged, disguised, too large or has too many
pixels. Every file here is real (see tests/image_samples.py)."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from pathlib import Path

import pytest
from PIL import Image

from safedesk.core.errors import InvalidInputError, NotFoundError
from safedesk.core.models import MediaItem
from safedesk.storage.media_library import MAX_ALT_TEXT, MediaLibrary
from tests import image_samples as samples


def stored_files(root: Path) -> list[str]:
    return sorted(p.name for p in root.iterdir() if p.is_file()) if root.exists() else []


def test_an_image_is_copied_under_its_hash(tmp_path: Path) -> None:
    source = samples.png(tmp_path / "map.png")
    library = MediaLibrary(tmp_path / "media")
    item = library.import_file(source, "A map of the closed road")
    assert item.sha256 == hashlib.sha256(source.read_bytes()).hexdigest()
    assert (item.mime_type, item.filename, item.animated) == ("image/png", "map.png", False)
    source.unlink()  # the original may go; SafeDesk keeps its own copy
    assert library.path_for(item).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    again = library.import_file(samples.png(tmp_path / "again.png"), "Same picture")
    assert again.sha256 == item.sha256
    assert stored_files(tmp_path / "media") == [item.sha256]


def test_the_stored_bytes_are_handed_out_under_the_files_own_name(tmp_path: Path) -> None:
    library = MediaLibrary(tmp_path / "media")
    item = library.import_file(samples.png(tmp_path / "Bin day map.png"), "A map")
    named = library.path_for(item)
    assert named.name == "Bin day map.png"
    assert hashlib.sha256(named.read_bytes()).hexdigest() == item.sha256
    assert library.path_for(item) == named  # asked again (a retry), the same file
    # A name that is no plain file name is never used as one; the hash serves instead.
    for odd in ("../escape.png", "", ".."):
        assert library.path_for(MediaItem(item.sha256, "image/png", "", odd)).name == item.sha256


def test_a_file_name_that_is_not_utf8_is_shown_readably(tmp_path: Path) -> None:
    raw = os.fsdecode(b"caf\xe9.png")  # a Latin-1 name on a UTF-8 system
    item = MediaLibrary(tmp_path / "media").import_file(samples.png(tmp_path / raw), "")
    assert item.filename == "caf\ufffd.png"


REFUSALS: list[tuple[str, Callable[[Path], Path], str]] = [
    ("holiday.jpg", samples.truncated_jpeg, "is damaged or incomplete"),
    ("poster.png", lambda p: samples.blank_png(p, 20_000, 20_000), "has more pixels than"),
    # Between Pillow's limit and twice that, Pillow only warns: still a refusal.
    ("scan.png", lambda p: samples.blank_png(p, 10_000, 10_000), "has more pixels than"),
    ("notes.png", samples.renamed_text, "is not a PNG, JPEG, GIF or WebP image"),
    ("huge.png", samples.too_large_png, "SafeDesk attaches images up to 16 MB"),
    ("logo.bmp", samples.bmp, "is a BMP image"),
]


@pytest.mark.parametrize(("name", "make", "reason"), REFUSALS, ids=[r[0] for r in REFUSALS])
def test_a_bad_file_is_refused_by_its_own_name_and_nothing_is_kept(
        tmp_path: Path, name: str, make: Callable[[Path], Path], reason: str) -> None:
    library = MediaLibrary(tmp_path / "media")
    source = make(tmp_path / name)
    with pytest.raises(InvalidInputError) as refused:
        library.import_file(source, "alt")
    assert str(refused.value).startswith(name)
    assert reason in str(refused.value)
    assert stored_files(tmp_path / "media") == []
    with pytest.raises(InvalidInputError, match=reason):
        library.inspect(source)  # what `safedesk check --image` says


@pytest.mark.parametrize("make", [samples.animated_gif, samples.animated_webp])
def test_an_animation_is_marked_and_can_become_a_still(tmp_path: Path,
                                                       make: Callable[[Path], Path]) -> None:
    library = MediaLibrary(tmp_path / "media")
    item = library.import_file(make(tmp_path / "wave.anim"), "A waving hand")
    assert item.animated
    still = library.first_frame(item)
    assert (still.filename, still.mime_type, still.alt_text, still.animated) == (
        "wave (first frame).png", "image/png", "A waving hand", False)
    with Image.open(library.path_for(still)) as picture:
        assert not getattr(picture, "is_animated", False)
        assert picture.size == (48, 32)
        first_colour = picture.convert("RGB").getpixel((0, 0))
    assert first_colour in {(200, 30, 30), (250, 200, 0)}
    assert library.first_frame(item) == still  # the same still every time


def test_a_one_frame_gif_is_no_animation(tmp_path: Path) -> None:
    item = MediaLibrary(tmp_path / "media").import_file(
        samples.animated_gif(tmp_path / "still.gif", frames=1), "")
    assert (item.mime_type, item.animated) == ("image/gif", False)


def test_alt_text_over_the_limit_and_missing_files(tmp_path: Path) -> None:
    library = MediaLibrary(tmp_path / "media")
    source = samples.png(tmp_path / "a.png")
    with pytest.raises(InvalidInputError, match="at most 1500"):
        library.import_file(source, "x" * (MAX_ALT_TEXT + 1))
    with pytest.raises(InvalidInputError, match=r"gone\.png cannot be read"):
        library.import_file(tmp_path / "gone.png", "alt")
    item = library.import_file(source, "alt")
    (tmp_path / "media" / item.sha256).unlink()
    with pytest.raises(NotFoundError, match=r"a\.png is missing"):
        library.path_for(item)
