"""Link cards: read from a real web server on 127.0.0.1 with the faults strangers' servers have,
covered by the approval digest, stored and read back, and published through SafeDesk to the
reference PDS, where the record is read back."""

from __future__ import annotations

import dataclasses
import hashlib
import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image

from safedesk.app import SafeDesk, Settings, build
from safedesk.core.digest import canonical_form, content_digest
from safedesk.core.models import Content, LinkCard, MediaItem, Pane, Person, Platform, Role
from safedesk.services import link_cards
from safedesk.services.link_cards import NoLinkCardError, fetch_card, first_link
from safedesk.storage.media_library import MediaLibrary
from tests import image_samples as samples
from tests.bluesky_support import get_blob, get_record
from tests.link_pages import Page, PageServer
from tests.servers.mastodon_server import MastodonTestServer
from tests.servers.pds_harness import PdsServer
from tests.test_corrections_live import add_bluesky, add_mastodon


@pytest.fixture
def pages(tmp_path: Path) -> Iterator[PageServer]:
    with PageServer(tmp_path) as server:
        yield server


@pytest.fixture
def media(tmp_path: Path) -> MediaLibrary:
    return MediaLibrary(tmp_path / "media")


# -- reading the page -----------------------------------------------------------------------------

def test_the_card_is_read_from_og_tags_and_its_picture_kept_by_hash(
        pages: PageServer, media: MediaLibrary) -> None:
    picture = pages.picture()
    url = pages.add_card_page("/news/mill-lane", "Mill Lane closed &amp; diverted",
                              "  The road is shut\n for  repairs.  ", picture=picture)
    fetched = fetch_card(url, media)
    card = fetched.card
    assert (card.url, card.title, card.description, fetched.note) == (
        url, "Mill Lane closed & diverted", "The road is shut for repairs.", "")
    assert card.thumbnail is not None
    assert card.thumbnail.sha256 == hashlib.sha256(picture).hexdigest()
    assert (media.root / card.thumbnail.sha256).read_bytes() == picture
    assert card.thumbnail.mime_type == "image/png"


def test_without_og_tags_the_title_and_meta_description_serve(
        pages: PageServer, media: MediaLibrary) -> None:
    pages.pages["/plain"] = Page(b"<html><head><title>Council news</title>"
                                 b'<meta name="description" content="What is on this week">'
                                 b"</head><body><title>Not in the head</title></body></html>")
    card = fetch_card(f"{pages.url}/plain", media).card
    assert (card.title, card.description, card.thumbnail) == (
        "Council news", "What is on this week", None)


def test_redirects_are_followed_a_few_times_only(pages: PageServer, media: MediaLibrary) -> None:
    pages.add_card_page("/final", "Arrived", "After redirects")
    for hop in range(1, 6):
        target = "/final" if hop == 1 else f"/hop{hop - 1}"
        pages.pages[f"/hop{hop}"] = Page(b"", status=302, headers={"Location": target})
    assert fetch_card(f"{pages.url}/hop3", media).card.title == "Arrived"
    with pytest.raises(NoLinkCardError, match="more than 3 redirects"):
        fetch_card(f"{pages.url}/hop5", media)


@pytest.mark.parametrize(("page", "words"), [
    (Page(b"%PDF-1.7 ...", "application/pdf"), "the link is not a web page (application/pdf)"),
    (Page(b"gone", "text/html", 404), "answered 404"),
    (Page(b"<html><head></head><body>no title</body></html>"), "has no title"),
    (Page(b"<html><head>", endless=b"<!-- padding -->" * 256),
     "is too large. SafeDesk reads only its first 1 MB, and found no title there"),
], ids=["not-html", "404", "no-title", "huge"])
def test_a_page_that_gives_no_card_says_why(pages: PageServer, media: MediaLibrary, page: Page,
                                            words: str) -> None:
    pages.pages["/page"] = page
    with pytest.raises(NoLinkCardError, match=r"^No link card: ") as raised:
        fetch_card(f"{pages.url}/page", media)
    assert words in str(raised.value)


def test_an_unreachable_or_slow_server_says_so(pages: PageServer, media: MediaLibrary,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    pages.close()  # nothing listens on its port any more
    with pytest.raises(NoLinkCardError, match=r"127\.0\.0\.1 could not be reached"):
        fetch_card(f"{pages.url}/news", media)
    slow = PageServer(media.root.parent)
    try:
        monkeypatch.setattr(link_cards, "TIMEOUT_SECONDS", 0.3)
        slow.pages["/slow"] = Page(b"<title>Late</title>", before=slow.hold)
        with pytest.raises(NoLinkCardError, match=r"127\.0\.0\.1 did not answer in time"):
            fetch_card(f"{slow.url}/slow", media)
    finally:
        slow.close()


def test_a_link_that_is_no_address_at_all_gives_no_card_in_words(media: MediaLibrary) -> None:
    # Bluesky's link facets find it in a post's text; it cannot even be taken apart.
    assert first_link("Bins: http://[::1/collections today") == "http://[::1/collections"
    with pytest.raises(NoLinkCardError, match=r"No link card: http://\[::1/collections is not "
                                              r"a web address\."):
        fetch_card("http://[::1/collections", media)


@pytest.mark.parametrize(("picture", "words"), [
    (b"<html>not a picture</html>", "the page's picture is damaged or not a picture"),
    (b"\x89PNG" + b"\x00" * (6 * 1024 * 1024), "the page's picture is larger than 5 MB"),
    (None, "the page's picture could not be fetched (404 from its server)"),
], ids=["not-a-picture", "huge", "missing"])
def test_a_bad_picture_leaves_a_card_without_one(pages: PageServer, media: MediaLibrary,
                                                 picture: bytes | None, words: str) -> None:
    url = pages.add_card_page("/news", "Bins", "Delayed", picture=picture or b"x")
    if picture is None:
        del pages.pages["/news.png"]
    fetched = fetch_card(url, media)
    assert (fetched.card.title, fetched.card.thumbnail) == ("Bins", None)
    assert str(fetched.note).startswith("The card has no picture: ")
    assert words in str(fetched.note)
    assert not media.root.exists() or list(media.root.iterdir()) == []  # nothing kept


def test_the_first_link_is_found_as_bluesky_finds_links() -> None:
    assert first_link("Read example.org/news, or https://b.example.com/x.") == \
        "https://example.org/news"
    assert first_link("No links, e.g. here.") is None


# -- approval, storage ----------------------------------------------------------------------------

THUMB = MediaItem(sha256="ab" * 32, mime_type="image/png", alt_text="Bins", filename="b.png")
CARD = LinkCard(url="https://example.org/bins", title="Bins", description="Delayed",
                thumbnail=THUMB)
PLAIN = Content(text="Bins https://example.org/bins", targets=("acc-1",))


def test_content_without_a_card_keeps_its_digest_and_a_card_changes_it() -> None:
    assert b"link_card" not in canonical_form(PLAIN)
    with_card = dataclasses.replace(PLAIN, link_card=CARD)
    assert content_digest(with_card) != content_digest(PLAIN)
    assert b'"thumbnail_sha256":"' + b"ab" * 32 + b'"' in canonical_form(with_card)


@pytest.mark.parametrize("change", [
    {"url": "https://example.org/other"}, {"title": "Bins late"}, {"description": "Late"},
    {"thumbnail": dataclasses.replace(THUMB, sha256="cd" * 32)}, {"thumbnail": None},
], ids=["url", "title", "description", "picture", "no-picture"])
def test_every_part_of_the_card_changes_the_digest(change: dict[str, object]) -> None:
    changed = dataclasses.replace(CARD, **change)  # type: ignore[arg-type]
    assert content_digest(dataclasses.replace(PLAIN, link_card=changed)) != \
        content_digest(dataclasses.replace(PLAIN, link_card=CARD))


def test_a_card_is_stored_and_read_back(data_dir: Path) -> None:
    desk = build(Settings(data_dir))
    try:
        jo = desk.people.add("Jo", Role.ADMIN, "the-passphrase")
        account = desk.accounts.register(Pane.PERSONAL, Platform.BLUESKY, "https://bsky.social",
                                         "jo.example", owner=jo)
        content = dataclasses.replace(PLAIN, targets=(account.id,), link_card=CARD)
        draft = desk.drafts.create(jo, Pane.PERSONAL, content)
        bare = desk.drafts.create(jo, Pane.PERSONAL, dataclasses.replace(
            PLAIN, targets=(account.id,)))
    finally:
        desk.close()
    reopened = build(Settings(data_dir))
    try:
        assert reopened.drafts.get(draft.id).content.link_card == CARD
        assert reopened.drafts.get(bare.id).content.link_card is None
    finally:
        reopened.close()


# -- published --------------------------------------------------------------------------------------

@pytest.fixture
def jo(live_desk: SafeDesk) -> Person:
    return live_desk.people.add("Jo", Role.ADMIN, "the-passphrase")


def test_the_card_is_on_the_pds_record(live_desk: SafeDesk, jo: Person, pds: PdsServer,
                                       pages: PageServer) -> None:
    sky, owner = add_bluesky(live_desk, jo, pds, "linkcard")
    picture = pages.picture((1200, 630))
    url = pages.add_card_page("/news/bins", "Bin collections delayed",
                              "Collections run a day late this week.", picture=picture)
    card = fetch_card(url, live_desk.media).card
    draft = live_desk.drafts.create(jo, Pane.PERSONAL, Content(
        text=f"Bins are late: {url}", targets=(sky.id,), link_card=card))
    [published] = live_desk.publisher.publish(draft.id, jo).publications
    assert published.error == ""
    record = get_record(pds, published.remote_uri)["value"]
    embed = record["embed"]
    assert embed["$type"] == "app.bsky.embed.external"
    external = embed["external"]
    assert (external["uri"], external["title"], external["description"]) == (
        url, "Bin collections delayed", "Collections run a day late this week.")
    thumb = external["thumb"]
    assert thumb["$type"] == "blob" and thumb["mimeType"] == "image/png"
    blob = get_blob(pds, owner.did, thumb["ref"]["$link"])
    assert len(blob) == thumb["size"] <= 1_000_000
    with Image.open(io.BytesIO(blob)) as sent:
        assert sent.size == (1000, 525)  # made card-sized; the same picture
        assert sent.getpixel((500, 262)) == Image.open(io.BytesIO(picture)).getpixel((600, 315))
    assert record["facets"][0]["features"][0]["uri"] == url


def test_images_win_over_the_card_and_mastodon_gets_none(
        live_desk: SafeDesk, jo: Person, pds: PdsServer, mastodon: MastodonTestServer,
        pages: PageServer, tmp_path: Path) -> None:
    sky, _ = add_bluesky(live_desk, jo, pds, "cardimages")
    masto = add_mastodon(live_desk, jo, mastodon, "jo")
    url = pages.add_card_page("/news", "News", "Today", picture=pages.picture())
    card = fetch_card(url, live_desk.media).card
    image = live_desk.media.import_file(samples.png(tmp_path / "map.png"), "A map")
    draft = live_desk.drafts.create(jo, Pane.PERSONAL, Content(
        text=f"See {url}", targets=(sky.id, masto.id), media=(image,), link_card=card))
    report = live_desk.publisher.publish(draft.id, jo)
    assert [p.error for p in report.publications] == ["", ""]
    by_account = {p.account_id: p for p in report.publications}
    record = get_record(pds, by_account[sky.id].remote_uri)["value"]
    assert record["embed"]["$type"] == "app.bsky.embed.images"
    [status] = mastodon.statuses_for("jo")
    assert status["text"] == f"See {url}"
    # The image only: the card's picture was never uploaded there.
    assert [m["description"] for m in status["media_attachments"]] == ["A map"]


