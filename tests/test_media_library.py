from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from PIL import Image

from safedesk.core.errors import InvalidInputError, NotFoundError
from safedesk.storage.media_library import MAX_ALT_TEXT, MediaLibrary


def make_png(path: Path, size: tuple[int, int] = (40, 30)) -> Path:
    Image.new("RGB", size, (29, 79, 145)).save(path, format="PNG")
    return path


def test_an_image_is_copied_under_its_hash(tmp_path: Path) -> None:
    source = make_png(tmp_path / "map.png")
    library = MediaLibrary(tmp_path / "media")
    item = library.import_file(source, "A map of the closed road")
    assert item.sha256 == hashlib.sha256(source.read_bytes()).hexdigest()
    assert (item.mime_type, item.filename) == ("image/png", "map.png")
    source.unlink()  # the original may go; SafeDesk keeps its own copy
    assert library.path_for(item).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    again = library.import_file(make_png(tmp_path / "again.png"), "Same picture")
    assert again.sha256 == item.sha256
    assert [p.name for p in (tmp_path / "media").iterdir()] == [item.sha256]


def test_a_text_file_named_png_is_refused(tmp_path: Path) -> None:
    fake = tmp_path / "notes.png"
    fake.write_text("meeting notes, not a picture")
    with pytest.raises(InvalidInputError, match="not a PNG, JPEG, GIF or WebP image"):
        MediaLibrary(tmp_path / "media").import_file(fake, "alt")


def test_alt_text_over_the_limit_and_missing_files(tmp_path: Path) -> None:
    library = MediaLibrary(tmp_path / "media")
    source = make_png(tmp_path / "a.png")
    with pytest.raises(InvalidInputError, match="at most 1500"):
        library.import_file(source, "x" * (MAX_ALT_TEXT + 1))
    with pytest.raises(InvalidInputError, match="cannot be read"):
        library.import_file(tmp_path / "gone.png", "alt")
    item = library.import_file(source, "alt")
    library.path_for(item).unlink()
    with pytest.raises(NotFoundError, match="missing"):
        library.path_for(item)
