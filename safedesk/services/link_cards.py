"""Link cards: the title, description and picture of the page a post's first link points to,
read from the page itself, for Bluesky's ``app.bsky.embed.external``.

Called off the GUI thread (it uses the network). Everything a stranger's web server may do is
bounded: http and https only, at most :data:`MAX_REDIRECTS` redirects, :data:`TIMEOUT_SECONDS`
for each step and :data:`DEADLINE_SECONDS` for the whole page, and only the first
:data:`MAX_PAGE_BYTES` of the page are read (the tags a card needs are in its head, near the
top). A page that cannot give a card raises :class:`NoLinkCardError` with words for people;
a picture that cannot be used leaves a card without one, and says why in
:attr:`FetchedCard.note`. The picture is decoded in full and kept in the media library, like an
attached image, so the approver sees the very bytes that will be sent.

Titles and descriptions are read with the standard library's HTML parser: ``og:`` tags first,
then ``twitter:`` tags, then ``<title>`` and ``<meta name="description">``.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import dataclass, replace
from html.parser import HTMLParser
from typing import TYPE_CHECKING, Final
from urllib.parse import urljoin, urlsplit

from safedesk.core.errors import InvalidInputError, SafeDeskError
from safedesk.core.facets import FacetKind, find_facets
from safedesk.core.messages import Message, msg
from safedesk.core.models import LinkCard
from safedesk.storage.media_library import MediaLibrary

if TYPE_CHECKING:
    import httpx

TIMEOUT_SECONDS: Final = 5.0
DEADLINE_SECONDS: Final = 10.0
MAX_REDIRECTS: Final = 3
MAX_PAGE_BYTES: Final = 1024 * 1024
MAX_PICTURE_BYTES: Final = 5 * 1024 * 1024
MAX_TITLE: Final = 300
MAX_DESCRIPTION: Final = 1000
_HTML_TYPES: Final = ("text/html", "application/xhtml+xml")
_USER_AGENT: Final = "SafeDesk link card (+https://github.com/safedesk)"


class NoLinkCardError(SafeDeskError):
    """The page gives no card; the message says why, for people."""


@dataclass(frozen=True, slots=True)
class FetchedCard:
    card: LinkCard
    # Why the card has no picture, when the page named one that was not usable.
    note: str | Message = ""


def first_link(text: str) -> str | None:
    """The post's first link, found as Bluesky's link facets find it (``example.org`` too)."""
    return next((facet.value for facet in find_facets(text) if facet.kind is FacetKind.LINK),
                None)


def card_words(card: LinkCard) -> Message:
    """The card in one line, as the compose box, the queue and ``queue show`` say it."""
    picture = msg("with a picture") if card.thumbnail is not None else msg("no picture")
    host = urlsplit(card.url).hostname or card.url
    if card.description:
        return msg("{title} — {description} ({host}, {picture})", title=card.title,
                   description=card.description, host=host, picture=picture)
    return msg("{title} ({host}, {picture})", title=card.title, host=host, picture=picture)


def fetch_card(url: str, media: MediaLibrary, *,
               transport: httpx.BaseTransport | None = None) -> FetchedCard:
    """Read the page at ``url`` and make its card, its picture kept in ``media``."""
    import httpx  # noqa: PLC0415 - loaded on the first link, not at start-up

    try:
        parts = urlsplit(url)
        host = parts.hostname or url
    except ValueError:  # not even an address ("http://[::1", say)
        parts, host = None, url
    if parts is None or parts.scheme.lower() not in {"http", "https"}:
        raise NoLinkCardError(msg("No link card: {url} is not a web address.", url=url))
    timeout = httpx.Timeout(TIMEOUT_SECONDS)
    with httpx.Client(timeout=timeout, follow_redirects=True, max_redirects=MAX_REDIRECTS,
                      transport=transport, headers={"User-Agent": _USER_AGENT}) as client:
        try:
            page_url, page, cut = _read_page(client, url, host)
            meta = _parse(page)
            title = _clean(meta.first("og:title", "twitter:title") or meta.title, MAX_TITLE)
            if not title and cut:
                raise NoLinkCardError(
                    msg("No link card: the page at {host} is too large. SafeDesk reads only its "
                        "first {megabytes} MB, and found no title there.",
                        host=host, megabytes=MAX_PAGE_BYTES // (1024 * 1024)))
            if not title:
                raise NoLinkCardError(msg("No link card: the page at {host} has no title.",
                                          host=host))
            description = _clean(meta.first("og:description", "twitter:description",
                                             "description"), MAX_DESCRIPTION)
            picture = meta.first("og:image", "og:image:url", "twitter:image")
            card = LinkCard(url=url, title=title, description=description)
            if not picture:
                return FetchedCard(card)
            return _with_picture(client, card, urljoin(page_url, picture), media)
        except httpx.TooManyRedirects:
            raise NoLinkCardError(
                msg("No link card: {host} sent SafeDesk round more than {most} "
                    "redirects.", host=host, most=MAX_REDIRECTS)) from None
        except httpx.TimeoutException:
            raise NoLinkCardError(
                msg("No link card: {host} did not answer in time.", host=host)) from None
        except httpx.HTTPError:
            raise NoLinkCardError(
                msg("No link card: {host} could not be reached.", host=host)) from None


def _read_page(client: httpx.Client, url: str, host: str) -> tuple[str, str, bool]:
    """The page's final address, the first :data:`MAX_PAGE_BYTES` of its text, and whether
    there was more."""
    with client.stream("GET", url) as response:
        if response.status_code >= 400:
            raise NoLinkCardError(
                msg("No link card: {host} answered {status_code} ({reason_phrase}).",
                    host=host, status_code=response.status_code,
                    reason_phrase=response.reason_phrase or msg("an error")))
        kind = response.headers.get("content-type", "").split(";")[0].strip().lower()
        if kind not in _HTML_TYPES:
            raise NoLinkCardError(
                msg("No link card: the link is not a web page ({kind}).",
                    kind=kind or msg("of no stated type")))
        data = capped(response.iter_bytes(), MAX_PAGE_BYTES + 1, time.monotonic())
        try:
            text = data[:MAX_PAGE_BYTES].decode(response.charset_encoding or "utf-8",
                                                errors="replace")
        except LookupError:  # a character set Python does not know
            text = data[:MAX_PAGE_BYTES].decode("utf-8", errors="replace")
        return str(response.url), text, len(data) > MAX_PAGE_BYTES


def capped(blocks: Iterator[bytes], limit: int, started: float) -> bytes:
    """At most ``limit`` bytes of ``blocks``, within :data:`DEADLINE_SECONDS` of ``started``
    (a server that trickles bytes never makes the whole read slower than that)."""
    import httpx  # noqa: PLC0415

    kept = bytearray()
    for block in blocks:
        kept += block
        if len(kept) >= limit:
            return bytes(kept[:limit])
        if time.monotonic() - started > DEADLINE_SECONDS:
            raise httpx.ReadTimeout("the whole answer took too long")
    return bytes(kept)


def _with_picture(client: httpx.Client, card: LinkCard, picture_url: str,
                  media: MediaLibrary) -> FetchedCard:
    """``card`` with the page's picture, or without it and a note saying why."""
    import httpx  # noqa: PLC0415

    name = urlsplit(picture_url).path.rsplit("/", 1)[-1] or "link picture"
    try:
        thumbnail = media.import_bytes(_picture_bytes(client, picture_url), name,
                                       alt_text=card.title)
    except NoLinkCardError as reason:
        return FetchedCard(card, reason.message)
    except InvalidInputError:
        return FetchedCard(card, msg("The card has no picture: the page's picture is damaged or "
                                     "not a picture SafeDesk can send."))
    except httpx.HTTPError:
        return FetchedCard(card, msg("The card has no picture: the page's picture could not be "
                                     "fetched."))
    if thumbnail.animated:
        return FetchedCard(card, msg("The card has no picture: the page's picture is animated, "
                                     "and Bluesky shows only still pictures."))
    return FetchedCard(replace(card, thumbnail=thumbnail))


def _picture_bytes(client: httpx.Client, picture_url: str) -> bytes:
    """The picture's bytes, or :class:`NoLinkCardError` saying why the card has no picture."""
    try:
        return read_picture(client, picture_url, MAX_PICTURE_BYTES)
    except PictureRefusedError as refused:
        if refused.status_code:
            raise NoLinkCardError(msg("The card has no picture: the page's picture could not "
                                      "be fetched ({status_code} from its server).",
                                      status_code=refused.status_code)) from None
        if refused.too_large:
            raise NoLinkCardError(_too_large()) from None
        raise NoLinkCardError(msg("The card has no picture: the page's picture is not at a web "
                                  "address.")) from None


class PictureRefusedError(Exception):
    """Why :func:`read_picture` read no picture: not a web address (neither set), an error
    answer (``status_code``), or more than the limit (``too_large``)."""

    def __init__(self, *, status_code: int = 0, too_large: bool = False) -> None:
        super().__init__(f"status {status_code}" if status_code else
                         "too large" if too_large else "not a web address")
        self.status_code = status_code
        self.too_large = too_large


def read_picture(client: httpx.Client, url: str, limit: int) -> bytes:
    """A picture's bytes from ``url`` (http or https), at most ``limit`` of them, never reading
    more than one past it (a length the server states is believed first, then counted)."""
    try:
        scheme = urlsplit(url).scheme.lower()
    except ValueError:  # not even an address ("http://[::1", say)
        raise PictureRefusedError from None
    if scheme not in {"http", "https"}:
        raise PictureRefusedError
    with client.stream("GET", url) as response:
        if response.status_code >= 400:
            raise PictureRefusedError(status_code=response.status_code)
        if int(response.headers.get("content-length") or 0) > limit:
            raise PictureRefusedError(too_large=True)
        data = capped(response.iter_bytes(), limit + 1, time.monotonic())
    if len(data) > limit:
        raise PictureRefusedError(too_large=True)
    return data


def _too_large() -> Message:
    return msg("The card has no picture: the page's picture is larger than {megabytes} MB.",
               megabytes=MAX_PICTURE_BYTES // (1024 * 1024))


def _clean(text: str, limit: int) -> str:
    """White space made single, and cut at ``limit`` characters with an ellipsis."""
    words = " ".join(text.split())
    return words if len(words) <= limit else words[:limit - 1].rstrip() + "…"


class _PageMeta(HTMLParser):
    """The ``<meta>`` tags and the ``<title>`` of a page's head."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.meta: dict[str, str] = {}
        self.title = ""
        self._in_title = False
        self.done = False

    def first(self, *names: str) -> str:
        return next((self.meta[name] for name in names if self.meta.get(name, "").strip()), "")

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "title" and not self.title:
            self._in_title = True
        elif tag == "meta":
            values = {key.lower(): value or "" for key, value in attrs}
            name = (values.get("property") or values.get("name") or "").strip().lower()
            # The first of each counts, as in the apps that show cards.
            if name and "content" in values and name not in self.meta:
                self.meta[name] = values["content"]
        elif tag == "body":
            self.done = True

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
        elif tag == "head":
            self.done = True

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data


def _parse(page: str) -> _PageMeta:
    parser = _PageMeta()
    # Fed in pieces so that the body of a long page is not parsed once the head is read.
    for start in range(0, len(page), 16384):
        parser.feed(page[start:start + 16384])
        if parser.done:
            break
    parser.close()
    return parser
