"""A link card on a team: its picture reaches the team server with the draft, the server takes
the digest over the card as the desks do, and the publisher's desk, which never saw the page,
sends the card with the very picture the author's desk read."""

from __future__ import annotations

import dataclasses
import hashlib
import json
from datetime import UTC, datetime
from pathlib import Path

import psycopg
import pytest
from psycopg.types.json import Jsonb

from safedesk.app import Settings, build
from safedesk.core.digest import content_digest
from safedesk.core.models import Account, Content, DraftState, Pane, Platform
from safedesk.core.workflow import PendingEvent
from safedesk.services.link_cards import fetch_card
from safedesk.storage import codec
from tests.cli_support import needs_secret_service
from tests.fake_platform import FakePlatform
from tests.link_pages import PageServer
from tests.team_support import Team, join_desk, person_of

pytestmark = needs_secret_service


def bluesky_account(team: Team) -> Account:
    account = Account(id="council-sky", pane=Pane.OFFICIAL, platform=Platform.BLUESKY,
                      server="https://bsky.example", handle="council.example",
                      display_name="Council", created_at=datetime.now(UTC))
    team.store("Pub").add_account(account, PendingEvent("ignored", "account.add", account.id,
                                                        {"address": account.address}))
    return account


def test_the_card_and_its_picture_go_through_the_team_server(
        team: Team, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    account = bluesky_account(team)
    pages = PageServer(tmp_path)
    try:
        picture = pages.picture()
        url = pages.add_card_page("/bins", "Bins \u0301late", "Collections\r\nrun late",
                                  picture=picture)
        jo_dir = join_desk(team, "Jo", tmp_path / "jo", monkeypatch)
        author = build(Settings(jo_dir))
        try:
            card = fetch_card(url, author.media).card
            jo = person_of(team.store("Jo"))
            draft = author.drafts.create(jo, Pane.OFFICIAL, Content(
                f"Bins: {url}", (account.id,), link_card=card))
            draft = author.drafts.submit(draft.id, jo)
        finally:
            author.close()
    finally:
        pages.close()
    assert card.thumbnail is not None
    sha = hashlib.sha256(picture).hexdigest()
    with team.raw("Kim") as conn:
        row = conn.execute("SELECT bytes FROM safedesk.media WHERE sha256 = %s", [sha]).fetchone()
        assert row is not None and bytes(row[0]) == picture
        stored = conn.execute("SELECT digest FROM safedesk.drafts WHERE id = %s",
                              [draft.id]).fetchone()
        assert stored is not None and stored[0] == content_digest(draft.content)
    assert content_digest(draft.content) != content_digest(
        dataclasses.replace(draft.content, link_card=None))

    # The approver's desk reads the card back and approves the digest the server took.
    sam_dir = join_desk(team, "Sam", tmp_path / "sam", monkeypatch)
    approver = build(Settings(sam_dir))
    try:
        read = approver.drafts.get(draft.id)
        assert read.content.link_card == card
        approver.drafts.approve(draft.id, person_of(team.store("Sam")),
                                content_digest(read.content))
    finally:
        approver.close()

    platform = FakePlatform(account)
    sent: list[bytes] = []
    platform.before_publish = lambda request: sent.extend(
        [request.link_card.thumbnail.read_bytes()]
        if request.link_card and request.link_card.thumbnail else [])
    publisher_dir = join_desk(team, "Pub", tmp_path / "pub", monkeypatch)
    publisher = build(Settings(publisher_dir), clients=lambda _account: platform)
    try:
        report = publisher.publisher.publish(draft.id, person_of(team.store("Pub")))
    finally:
        publisher.close()
    assert report.draft.state is DraftState.PUBLISHED, report
    assert sent == [picture]
    request_card = platform.requests[0].link_card
    assert request_card is not None
    assert (request_card.url, request_card.title) == (url, card.title)


@pytest.mark.parametrize("card", [
    {"url": "javascript:alert(1)", "title": "x", "description": "", "thumbnail": None},
    {"url": "https://example.org/", "title": 7, "description": "", "thumbnail": None},
    {"url": "https://example.org/", "title": "x", "extra": 1},
    {"url": "https://example.org/", "title": "x", "thumbnail": "ab" * 32},
    {"url": "https://example.org/", "title": "x",
     "thumbnail": {"sha256": "not a hash", "mime_type": "image/png"}},
    {"url": "https://example.org/", "title": "x",
     "thumbnail": {"sha256": "ab" * 32, "mime_type": "image/png"}},
], ids=["not-http", "title-not-text", "unknown-key", "picture-not-described", "picture-bad-hash",
        "picture-not-on-server"])
def test_the_server_refuses_a_card_safedesk_would_not_write(
        team: Team, card: dict[str, object]) -> None:
    account = bluesky_account(team)
    content = {**json.loads(codec.content_json(Content("Bins", (account.id,)))),
               "link_card": card}
    with team.raw("Jo") as raw, pytest.raises(psycopg.Error) as refused:
        raw.execute("SELECT safedesk.create_draft(%s, 'create', '{}', '[]')",
                    (Jsonb({"id": "odd-draft", "pane": "official", "content": content}),))
    assert refused.value.sqlstate == "SD422"
