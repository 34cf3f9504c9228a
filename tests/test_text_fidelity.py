"""Text in = text out: what SafeDesk stores, counts and links is what the servers publish.

The reference PDS drops a leading U+FEFF, so facets found in the text with it would point three
bytes off; links ending in ")" and bare domains must be linked as the Bluesky app links them;
Mastodon counts only URLs with a scheme as 23. The PDS tests read every record back.
"""

from __future__ import annotations

import dataclasses
import json
import os
from pathlib import Path

import pytest
from atproto_client.utils import detect_facets

from safedesk.app import SafeDesk
from safedesk.core.counting import check_mastodon, grapheme_count, mastodon_countable_text
from safedesk.core.digest import content_digest
from safedesk.core.facets import FacetKind, find_facets
from safedesk.core.models import Content, MediaItem, Pane
from safedesk.core.platform import PostRequest, make_tid
from safedesk.core.server_text import published_text
from safedesk.core.target_check import check_for
from safedesk.core.tld_list import TOP_LEVEL_DOMAINS
from tests.bluesky_support import get_record, list_records, open_desk
from tests.cli_support import Run, as_person, team
from tests.conftest import Cast
from tests.servers.fake_credentials import credential_store
from tests.servers.mastodon_text import countable_length
from tests.servers.pds_harness import PdsServer

BOM = "\ufeff"


def linked(text: str) -> list[tuple[str, str]]:
    """(the linked words, the URI) of every link facet."""
    data = text.encode("utf-8")
    return [(data[f.byte_start:f.byte_end].decode("utf-8"), f.value)
            for f in find_facets(text) if f.kind is FacetKind.LINK]


# -- what the servers keep ----------------------------------------------------------------------

def test_only_leading_byte_order_marks_go() -> None:
    assert published_text(BOM + "Bins") == "Bins"
    assert published_text(BOM * 3 + "Bins") == "Bins"  # each pass through the PDS drops one
    # What the PDS keeps, SafeDesk keeps (checked against the reference PDS).
    for kept in ("\u200bBins", "\u2060Bins", "\u00a0Bins", " Bins", "\nBins", "Bi" + BOM + "ns",
                 "Bins" + BOM):
        assert published_text(kept) == kept


def test_counts_and_facets_are_those_of_the_published_text(cast: Cast) -> None:
    text = BOM + "Bins #BinDay"
    checked = check_for(cast.council_sky, text)
    assert checked.length.measures[0].used == grapheme_count("Bins #BinDay")
    assert [(f.byte_start, f.byte_end) for f in checked.facets] == [(5, 12)]
    assert check_for(cast.council, text).length.measures[0].used == 12


def test_drafts_are_stored_as_they_will_be_published(desk: SafeDesk, cast: Cast) -> None:
    picture = MediaItem("ab" * 32, "image/png", BOM + "A map", "map.png")
    typed = Content(text=BOM + "Road closed", targets=(cast.council_sky.id,), media=(picture,))
    draft = desk.drafts.create(cast.author, Pane.OFFICIAL, typed)
    assert draft.content.text == "Road closed"
    assert draft.content.media[0].alt_text == "A map"
    assert desk.drafts.get(draft.id).content == draft.content
    # The digest an approver signs is that of the words that go out.
    clean = dataclasses.replace(typed, text="Road closed",
                                media=(dataclasses.replace(picture, alt_text="A map"),))
    assert content_digest(draft.content) == content_digest(clean)
    edited = desk.drafts.edit(draft.id, cast.author,
                              dataclasses.replace(typed, text=BOM + BOM + "Road open"))
    assert edited.content.text == "Road open"


# -- links ----------------------------------------------------------------------------------------

def test_a_closing_parenthesis_belongs_to_a_link_only_when_it_opened_there() -> None:
    wiki = "https://en.wikipedia.org/wiki/Foo_(bar)"
    assert linked(f"Read {wiki} today") == [(wiki, wiki)]
    assert linked(f"({wiki})") == [(wiki, wiki)]
    assert linked("(see https://x.org/a)") == [("https://x.org/a", "https://x.org/a")]
    assert linked("(see https://x.org/a).") == [("https://x.org/a", "https://x.org/a")]
    assert linked("Open: https://x.org/a!!") == [("https://x.org/a", "https://x.org/a")]


def test_bare_domains_with_a_known_top_level_domain_are_linked_with_https() -> None:
    assert linked("Bins: www.gov.uk/bins.") == [("www.gov.uk/bins", "https://www.gov.uk/bins")]
    assert linked("gov.uk") == [("gov.uk", "https://gov.uk")]
    assert linked("see example.com, then") == [("example.com", "https://example.com")]
    assert linked("(example.com)") == [("example.com", "https://example.com")]
    assert linked("\U0001f5d1\ufe0f www.bin-day.co.uk/wales") == [
        ("www.bin-day.co.uk/wales", "https://www.bin-day.co.uk/wales")]
    # Not links: no known top-level domain, an e-mail address, a mention, a hashtag, and (as in
    # the app) a capitalised "domain" that is the end of one sentence and the start of the next.
    for plain in ("e.g. this", "v1.2.3", "foo.bar.baz", "jo@example.com", "@jo.example.com",
                  "#gov.uk", "Done.Now", "https://"):
        assert linked(plain) == [], plain
    assert {"uk", "com", "cymru", "wales"} <= TOP_LEVEL_DOMAINS


APP_CORPUS = (
    "Bins: www.gov.uk/bins.", "gov.uk", "example.com", "see example.com/a?b=c, then", "e.g. this",
    "README.md", "Done.Now", "jo@example.com", "https://en.wikipedia.org/wiki/Foo_(bar) and more",
    "(see https://x.org/a)", "(see https://x.org/a).",
    "\u0174 https://x.org/\u0175 \U0001f600 www.gov.uk/bins!", "line\nexample.com\n",
    BOM + "https://x.org", "tab\texample.org",
    "https://x.org/a?b=1&c=2#frag", "Example.COM", "(example.com)", "www.bbc.co.uk/news:",
    "mail.google.com/mail/u/0/#inbox", "two links: a.org and https://b.org/c?d=e.",
)


@pytest.mark.parametrize("text", APP_CORPUS)
def test_links_are_where_the_bluesky_app_puts_them(text: str) -> None:
    """atproto's port of the app's detectFacets, run on the same text, finds the same links."""
    app = [(f.index.byte_start, f.index.byte_end, f.features[0].uri)
           for f in detect_facets(text) if f.features[0].py_type.endswith("#link")]
    ours = [(f.byte_start, f.byte_end, f.value) for f in find_facets(text)
            if f.kind is FacetKind.LINK]
    assert ours == app


# -- Mastodon's count ---------------------------------------------------------------------------

MASTODON_CORPUS = (
    "See https://www.example.gov.uk/a/very/long/path?x=1 now",
    "(https://a.example/x).",
    "Read https://en.wikipedia.org/wiki/Foo_(bar) today",
    "(see https://x.org/a)",
    "Bins: www.gov.uk/bins and gov.uk",
    "https://localhost/a/long/path/that/is/no/url/for/mastodon",
    "hi @jo@mastodon.social, see https://x.org/a!!",
)


def test_mastodon_counts_only_urls_with_a_scheme_as_23() -> None:
    assert check_mastodon("www.gov.uk/bins").measures[0].used == len("www.gov.uk/bins")
    assert mastodon_countable_text("Read https://en.wikipedia.org/wiki/Foo_(bar) today") == \
        "Read " + "x" * 23 + " today"
    assert mastodon_countable_text("(see https://x.org/a)") == "(see " + "x" * 23 + ")"


@pytest.mark.parametrize("text", MASTODON_CORPUS)
def test_the_count_agrees_with_the_mastodon_test_server(text: str) -> None:
    assert check_mastodon(text, "CW").measures[0].used == countable_length(text, "CW")


# -- on the reference PDS -----------------------------------------------------------------------

def facet_pieces(text: str, record: dict[str, object]) -> list[tuple[str, str, str]]:
    """(kind, the bytes each stored facet covers, what it points at), in text order."""
    data = text.encode("utf-8")
    pieces = []
    for facet in record["facets"]:  # type: ignore[attr-defined]
        [feature] = facet["features"]
        kind = feature["$type"].rsplit("#", 1)[1]
        target = feature.get("uri") or feature.get("did") or feature.get("tag")
        piece = data[facet["index"]["byteStart"]:facet["index"]["byteEnd"]].decode("utf-8")
        pieces.append((kind, piece, target))
    return pieces


def test_a_text_starting_with_a_bom_keeps_every_facet_on_its_words(pds: PdsServer) -> None:
    desk = open_desk(pds, "bomsky", credential_store())
    friend = pds.create_account("bomfriend", app_password=False)
    words = (f"Bins \U0001f5d1\ufe0f (see https://en.wikipedia.org/wiki/Foo_(bar)) with "
             f"@{friend.handle}, www.gov.uk/bins and #BinDay!")
    published = desk.client.publish(PostRequest(text=BOM + words,
                                                idempotency_key=make_tid()))
    record = get_record(pds, published.ref.uri)["value"]
    assert record["text"] == words
    assert facet_pieces(record["text"], record) == [
        ("link", "https://en.wikipedia.org/wiki/Foo_(bar)",
         "https://en.wikipedia.org/wiki/Foo_(bar)"),
        ("mention", f"@{friend.handle}", friend.did),
        ("link", "www.gov.uk/bins", "https://www.gov.uk/bins"),
        ("tag", "#BinDay", "BinDay"),
    ]


@pytest.mark.skipif(not os.environ.get("SAFEDESK_TEST_SECRET_SERVICE"),
                    reason="the CLI keeps secrets in the real Secret Service of scripts/test.sh")
def test_a_post_from_the_command_line_goes_out_as_stored(
        data_dir: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
        pds: PdsServer) -> None:
    run: Run = team(data_dir, capsys, monkeypatch)
    owner = pds.create_account("bomcli")
    as_person(monkeypatch, "jo-passphrase")
    assert run("accounts", "add", "--pane", "personal", "--platform", "bluesky", "--server",
               pds.url, "--handle", owner.handle, "--app-password-stdin", "--as", "Jo",
               stdin=f"{owner.app_password}\n")[0] == 0
    [account] = json.loads(run("accounts", "list", "--json", "--as", "Jo")[1])
    words = "Bin day moved: gov.uk/bins #BinDay"
    code, out, err = run("post", "--as", "Jo", "--account", account["id"], "--text",
                         BOM + words, "--json")
    assert code == 0, err
    assert json.loads(out)["state"] == "published"
    [history] = json.loads(run("history", "--json", "--as", "Jo")[1])
    assert history["text"] == words
    [stored] = list_records(pds, owner.did)
    assert facet_pieces(words, stored["value"]) == [
        ("link", "gov.uk/bins", "https://gov.uk/bins"), ("tag", "#BinDay", "BinDay")]
