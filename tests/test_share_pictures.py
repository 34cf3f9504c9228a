"""The pictures of a post to share, read from a real web server on 127.0.0.1 and made small, with
the faults a server may have: each either shown small or said why not, the others shown all the
same (``services.share_pictures``)."""

from __future__ import annotations

import io
import socket
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from PIL import Image

from safedesk.core.messages import ENGLISH, say
from safedesk.core.models import Platform, SharedMedia
from safedesk.services import share_pictures
from safedesk.services.share_pictures import THUMBNAIL_EDGE, fetch_pictures
from tests import image_samples as samples
from tests.link_pages import Page, PageServer
from tests.share_support import fire_post


@pytest.fixture
def pages(tmp_path: Path) -> Iterator[PageServer]:
    with PageServer(tmp_path) as server:
        yield server


def sizes(png: bytes) -> tuple[int, int]:
    with Image.open(io.BytesIO(png)) as picture:
        assert picture.format == "PNG"
        return picture.size


def problems(pages: PageServer, *served: Page, urls: tuple[str, ...] = ()) -> list[str]:
    """What each picture of a post says, served in order (or at ``urls``)."""
    for number, page in enumerate(served, 1):
        pages.pages[f"/m/{number}"] = page
    addresses = urls or tuple(f"{pages.url}/m/{n}" for n in range(1, len(served) + 1))
    post = replace(fire_post(Platform.MASTODON),
                   media=tuple(SharedMedia(url, f"picture {n}") for n, url in
                               enumerate(addresses, 1)))
    return [say(p.problem, ENGLISH) for p in fetch_pictures(post)]


def test_each_picture_is_made_small_keeping_its_shape_and_alt_text(
        pages: PageServer, tmp_path: Path) -> None:
    wide = samples.png(tmp_path / "wide.png", (1200, 600)).read_bytes()
    photo = io.BytesIO()
    Image.new("RGB", (800, 1600), (200, 120, 40)).save(photo, format="JPEG")
    pages.pages["/m/wide.png"] = Page(wide, "image/png")
    pages.pages["/m/tall.jpg"] = Page(photo.getvalue(), "image/jpeg")
    post = replace(fire_post(Platform.MASTODON), media=(
        SharedMedia(f"{pages.url}/m/wide.png", "The flood map"),
        SharedMedia(f"{pages.url}/m/tall.jpg", "")))
    first, second = fetch_pictures(post)
    assert (first.number, first.alt_text, first.problem) == (1, "The flood map", "")
    assert sizes(first.png) == (THUMBNAIL_EDGE, THUMBNAIL_EDGE // 2)
    assert (second.number, second.alt_text) == (2, "")
    assert sizes(second.png) == (THUMBNAIL_EDGE // 2, THUMBNAIL_EDGE)


def test_a_post_without_pictures_reads_nothing(pages: PageServer) -> None:
    assert fetch_pictures(fire_post(Platform.MASTODON)) == []
    assert pages.requests == []


def test_what_cannot_be_shown_says_why_and_the_others_are_shown(
        pages: PageServer, tmp_path: Path) -> None:
    good = samples.png(tmp_path / "good.png").read_bytes()
    said = problems(
        pages,
        Page(b"gone", "text/plain", 404),
        Page(b"%PDF-1.7 not a picture", "application/pdf"),
        Page(samples.truncated_jpeg(tmp_path / "cut.jpg").read_bytes(), "image/jpeg"),
        Page(samples.blank_png(tmp_path / "bomb.png", 30_000, 30_000).read_bytes(), "image/png"),
        Page(good, "image/png"))
    assert said == ["Its server answered 404.",
                    "It is not a picture SafeDesk can show.",
                    "It is damaged or incomplete.",
                    "It has too many pixels to open safely.",
                    ""]


def test_a_huge_picture_is_refused_without_being_read_whole(
        pages: PageServer, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(share_pictures, "MAX_PICTURE_BYTES", 1024 * 1024)
    said = problems(pages,
                    Page(b"\0" * (2 * 1024 * 1024), "image/png"),  # says its length
                    Page(b"", "image/png", endless=b"\0" * 65536))  # says none, never ends
    assert said == ["It is larger than 1 MB."] * 2


def test_a_slow_or_unreachable_server_or_no_web_address_says_so(
        pages: PageServer, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(share_pictures, "TIMEOUT_SECONDS", 0.3)
    with socket.socket() as free:
        free.bind(("127.0.0.1", 0))
        closed = f"http://127.0.0.1:{free.getsockname()[1]}/m/1"
    pages.pages["/m/slow"] = Page(b"", "image/png", before=pages.hold)
    said = problems(pages, urls=(f"{pages.url}/m/slow", closed, "file:///etc/passwd",
                                 "http://[::1/m/1"))
    assert said == ["Its server did not answer in time.",
                    "Its server could not be reached.",
                    "Its server gave no web address for it.",
                    "Its server gave no web address for it."]
