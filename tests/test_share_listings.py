"""Shares in ``safedesk queue list``, ``queue show`` and ``history`` (text and ``--json``), on
official accounts on the Mastodon test server and the reference PDS: the approver reads the shared
post in full (author, text, images with alt text, date, labels), and the history names what each
share shared."""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest

from safedesk.app import Settings, build, build_credentials
from safedesk.core.models import (
    Content,
    Pane,
    Platform,
    Share,
    SharedMedia,
    SharedPost,
    ShareKind,
)
from safedesk.platforms import open_client
from tests.cli_support import Run, add_accounts, as_person, team
from tests.servers.mastodon_server import MastodonTestServer
from tests.servers.pds_harness import PdsServer

pytestmark = pytest.mark.skipif(
    not os.environ.get("SAFEDESK_TEST_SECRET_SERVICE"),
    reason="the CLI keeps secrets in the real Secret Service that scripts/test.sh starts",
)

FLOOD = SharedPost(
    platform=Platform.MASTODON, uri="https://fire.example/users/fire/statuses/7",
    url="https://fire.example/@fire/7", content_hash="sha256:abc", author="@fire@fire.example",
    author_id="https://fire.example/users/fire", text="Flood warning: the river is rising.",
    via_account="", remote_id="7", author_name="Fire Service",
    created_at=datetime(2026, 11, 20, 9, 30, tzinfo=UTC),
    media=(SharedMedia("https://fire.example/media/river.jpg", "The river over its banks"),
           SharedMedia("https://fire.example/media/map.png", "")),
    labels=("graphic-media",))


@pytest.fixture
def run(data_dir: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> Run:
    return team(data_dir, capsys, monkeypatch)


FIRE_URL = "https://fire.example/@service/113456789012345678"
FIRE_URI = "https://fire.example/users/service/statuses/113456789012345678"
WARNING = "Flood warning for the river valley tonight. Move valuables upstairs."


def fire_post(data_dir: Path, mastodon: MastodonTestServer, account_id: str) -> SharedPost:
    """The fire service's post, seeded on the Mastodon test server as another server's and
    read through ``account_id``'s own server, as sharing reads it."""
    mastodon.add_remote_status(FIRE_URL, "service@fire.example", WARNING, uri=FIRE_URI,
                               media=[("https://fire.example/m/map.png", "Map of the valley")])
    desk = build(Settings(data_dir))
    try:
        post = open_client(desk.accounts.get(account_id), build_credentials()).read_shared(
            FIRE_URL)
    finally:
        desk.close()
    assert post is not None
    return replace(post, via_account=account_id)


def submitted_quote(data_dir: Path, words: str, accounts: Sequence[str],
                    post: SharedPost = FLOOD) -> str:
    """Jo's official quote of ``post`` from ``accounts``, waiting for an approver."""
    desk = build(Settings(data_dir))
    try:
        jo = next(p for p in desk.people.list() if p.name == "Jo")
        draft = desk.drafts.create(jo, Pane.OFFICIAL, Content(
            text=words, targets=tuple(accounts), share=Share(ShareKind.QUOTE, post)))
        desk.drafts.submit(draft.id, jo)
        return draft.id
    finally:
        desk.close()


def test_the_approver_sees_the_shared_post_in_full_and_history_names_it(
        run: Run, data_dir: Path, monkeypatch: pytest.MonkeyPatch,
        mastodon: MastodonTestServer, pds: PdsServer) -> None:
    masto_id, _sky_id, _did, _handle = add_accounts(run, monkeypatch, mastodon, pds, "listing")
    draft_id = submitted_quote(data_dir, "Please read the fire service's warning.", [masto_id])

    as_person(monkeypatch, "sam-passphrase")
    code, out, err = run("queue", "list", "--json")
    assert code == 0, err
    row = next(r for r in json.loads(out) if r["id"] == draft_id)
    assert row["share"] == {"kind": "quote", "url": FLOOD.url, "author": FLOOD.author}
    code, out, _ = run("queue", "list")
    assert (f"Please read the fire service's warning. (Quote of {FLOOD.author}'s post: "
            f"{FLOOD.url})") in out

    code, out, err = run("queue", "show", draft_id)
    assert code == 0, err
    shown = out.splitlines()
    assert f"Quote of {FLOOD.author}'s post: {FLOOD.url}" in shown
    assert "Written by Fire Service (@fire@fire.example)" in shown
    assert any(line.startswith("Posted: 20 Nov 2026") for line in shown)
    assert shown[shown.index("The shared post's text:") + 1] == FLOOD.text
    assert ("Shared image 1: https://fire.example/media/river.jpg: alt text: "
            "'The river over its banks'") in shown
    assert "Shared image 2: https://fire.example/media/map.png: NO alt text" in shown
    assert "Labels: graphic-media" in shown
    assert shown[shown.index("Text:") + 1] == "Please read the fire service's warning."

    # The fire service's real post, quoted and approved: the history names it.
    post = fire_post(data_dir, mastodon, masto_id)
    draft_id = submitted_quote(data_dir, "Read this.", [masto_id], post)
    code, _, err = run("queue", "approve", draft_id, "--as", "Sam")
    assert code == 0, err
    code, out, err = run("history", "--pane", "official", "--json", "--as", "Sam")
    assert code == 0, err
    rows = [r for r in json.loads(out) if r["draft_id"] == draft_id]
    assert [r["share"] for r in rows] == [{"kind": "quote", "url": FIRE_URL,
                                           "author": "@service@fire.example"}]
    assert rows[0]["state"] == "published"
    others = [r for r in json.loads(out) if r["draft_id"] != draft_id]
    assert all("share" not in r for r in others)
    code, out, _ = run("history", "--pane", "official", "--as", "Sam")
    lines = out.splitlines()
    published = next(i for i, line in enumerate(lines) if rows[0]["url"] in line)
    assert lines[published + 1].strip() == f"Quote of @service@fire.example's post: {FIRE_URL}"
