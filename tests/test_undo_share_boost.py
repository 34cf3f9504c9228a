"""Undoing a boost through the CLI on the real servers: an official boost of a fire service's post
(a reblog on the Mastodon test server, an app.bsky.feed.repost record on the reference PDS), shared
with ``safedesk share`` and approved, shows in the queue and the history as a boost, and
``safedesk correct ID --undo-share`` unreblogs it and deletes the repost record, recorded as an
incident; again it is harmless. A personal boost is undone at once, with an apology posted as a
new post of the account's own (a boost has nothing of the account's to reply under)."""

from __future__ import annotations

import json
import os
from datetime import UTC, datetime
from pathlib import Path

import pytest

from safedesk.cli.console import ExitCode
from tests.bluesky_support import list_records, main_session
from tests.cli_support import Run, add_accounts, as_person, team
from tests.servers.mastodon_server import MastodonTestServer
from tests.servers.pds_harness import PdsServer

pytestmark = pytest.mark.skipif(
    not os.environ.get("SAFEDESK_TEST_SECRET_SERVICE"),
    reason="the CLI keeps secrets in the real Secret Service that scripts/test.sh starts",
)

REPOST = "app.bsky.feed.repost"
FIRE_URL = "https://fire.example/@service/113456789012345678"
FIRE_URI = "https://fire.example/users/service/statuses/113456789012345678"
WARNING = "Flood warning for the river valley tonight. Move valuables upstairs."


@pytest.fixture
def run(data_dir: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> Run:
    return team(data_dir, capsys, monkeypatch)


def fire_post_on_bluesky(pds: PdsServer) -> tuple[str, str]:
    """A post by the fire service's own Bluesky account: (its at:// URI, its bsky.app link)."""
    fire = pds.create_account("fire")
    session = main_session(pds, fire)
    created = pds.xrpc_post("com.atproto.repo.createRecord", {
        "repo": fire.did, "collection": "app.bsky.feed.post",
        "record": {"$type": "app.bsky.feed.post", "text": WARNING,
                   "createdAt": datetime.now(UTC).isoformat().replace("+00:00", "Z")}},
        access_jwt=session["accessJwt"])
    created.raise_for_status()
    uri = created.json()["uri"]
    return uri, f"https://bsky.app/profile/{fire.handle}/post/{uri.rsplit('/', 1)[1]}"


def boost_approved(run: Run, monkeypatch: pytest.MonkeyPatch, link: str,
                   account_id: str) -> dict[str, object]:
    """Jo boosts ``link`` from the official account; Sam reads it in the queue and approves it.
    Its history row."""
    as_person(monkeypatch, "jo-passphrase")
    code, _, err = run("share", link, "--account", account_id, "--as", "Jo", "--json")
    assert code == 0, err
    as_person(monkeypatch, "sam-passphrase")
    waiting = json.loads(run("queue", "list", "--json")[1])
    assert len(waiting) == 1 and waiting[0]["share"]["kind"] == "boost"
    draft_id = waiting[0]["id"]
    code, shown, _ = run("queue", "show", draft_id)
    assert "Boost of " in shown and WARNING in shown
    assert "Text:" not in shown  # a boost has no words of its own
    code, _, err = run("queue", "approve", draft_id, "--as", "Sam")
    assert code == 0, err
    history = json.loads(run("history", "--pane", "official", "--json", "--as", "Sam")[1])
    rows = [r for r in history if r["draft_id"] == draft_id]
    assert len(rows) == 1 and rows[0]["state"] == "published"
    assert rows[0]["share"]["kind"] == "boost"
    return rows[0]


def undo(run: Run, monkeypatch: pytest.MonkeyPatch, *args: str) -> dict[str, object]:
    as_person(monkeypatch, "jo-passphrase")
    code, out, err = run("correct", *args, "--undo-share", "--as", "Jo", "--json")
    assert code == 0, err
    report: dict[str, object] = json.loads(out)
    return report


def test_an_official_reblog_is_undone_on_mastodon(
        run: Run, monkeypatch: pytest.MonkeyPatch, mastodon: MastodonTestServer,
        pds: PdsServer) -> None:
    masto_id, _sky_id, _did, _handle = add_accounts(run, monkeypatch, mastodon, pds, "unboost")
    fire_id = mastodon.add_remote_status(FIRE_URL, "service@fire.example", WARNING, uri=FIRE_URI)
    row = boost_approved(run, monkeypatch, FIRE_URL, masto_id)
    assert row["share"] == {"kind": "boost", "url": FIRE_URL, "author": "@service@fire.example"}
    assert len(mastodon.reblogs_of(fire_id)) == 1
    as_person(monkeypatch, "jo-passphrase")  # a boost has nothing of the account's to reply under
    code, _, err = run("correct", str(row["publication_id"]), "--kind", "apology", "--text",
                       "Sorry", "--as", "Jo")
    assert code == ExitCode.BAD_INPUT and "A boost has nothing of yours to reply under" in err

    report = undo(run, monkeypatch, str(row["publication_id"]))
    assert (report["status"], report["pane"]) == ("complete", "official")
    assert mastodon.reblogs_of(fire_id) == []  # no longer reblogged
    again = undo(run, monkeypatch, str(row["publication_id"]))
    assert again["incident"] == report["incident"] and again["status"] == "complete"
    assert mastodon.reblogs_of(fire_id) == []
    as_person(monkeypatch, "ada-passphrase")
    code, markdown, _ = run("incidents", "export", str(report["incident"]), "--format", "md",
                            "--as", "Ada")
    assert code == 0
    assert f"Undo of a boost of @service@fire.example's post: {FIRE_URL}" in markdown


def test_an_official_repost_record_is_deleted_from_the_pds(
        run: Run, monkeypatch: pytest.MonkeyPatch, mastodon: MastodonTestServer,
        pds: PdsServer) -> None:
    _masto_id, sky_id, did, _handle = add_accounts(run, monkeypatch, mastodon, pds, "unrepost")
    fire_uri, fire_link = fire_post_on_bluesky(pds)
    row = boost_approved(run, monkeypatch, fire_link, sky_id)
    reposts = list_records(pds, did, REPOST)
    assert [r["value"]["subject"]["uri"] for r in reposts] == [fire_uri]
    assert row["url"] and row["state"] == "published"

    report = undo(run, monkeypatch, str(row["draft_id"]))
    assert report["status"] == "complete"
    assert list_records(pds, did, REPOST) == []  # the repost record is gone
    again = undo(run, monkeypatch, str(row["publication_id"]))
    assert again["incident"] == report["incident"]
    history = json.loads(run("history", "--pane", "official", "--json", "--as", "Jo")[1])
    assert next(r for r in history if r["draft_id"] == row["draft_id"])["state"] == "deleted"


def test_a_failed_unreblog_is_retried_and_never_counted_done(
        run: Run, monkeypatch: pytest.MonkeyPatch, mastodon: MastodonTestServer,
        pds: PdsServer) -> None:
    masto_id, _sky_id, _did, _handle = add_accounts(run, monkeypatch, mastodon, pds, "unretry")
    fire_id = mastodon.add_remote_status(FIRE_URL, "service@fire.example", WARNING, uri=FIRE_URI)
    row = boost_approved(run, monkeypatch, FIRE_URL, masto_id)
    mastodon.fail_next("POST", f"/api/v1/statuses/{fire_id}/unreblog", 503, times=5)
    as_person(monkeypatch, "jo-passphrase")
    code, out, _ = run("correct", str(row["publication_id"]), "--undo-share", "--as", "Jo",
                       "--json")
    failed = json.loads(out)
    assert code == ExitCode.FAILED and failed["status"] == "partial"
    assert failed["targets"][0]["action_state"] == "failed"
    assert len(mastodon.reblogs_of(fire_id)) == 1  # still boosted, and said so
    mastodon.clear_faults()
    code, out, err = run("incidents", "retry", failed["incident"], "--as", "Jo", "--json")
    assert code == 0, err
    assert json.loads(out)["status"] == "complete"
    assert mastodon.reblogs_of(fire_id) == []


def test_a_personal_boost_is_undone_at_once_with_an_apology_of_its_own(
        run: Run, monkeypatch: pytest.MonkeyPatch, mastodon: MastodonTestServer) -> None:
    as_person(monkeypatch, "jo-passphrase")
    token = mastodon.create_user("jo")
    code, _, err = run("accounts", "add", "--pane", "personal", "--platform", "mastodon",
                       "--server", mastodon.url, "--token-stdin", "--as", "Jo",
                       stdin=token + "\n")
    assert code == 0, err
    jo_id = json.loads(run("accounts", "list", "--json", "--as", "Jo")[1])[0]["id"]
    fire_id = mastodon.add_remote_status(FIRE_URL, "service@fire.example", WARNING, uri=FIRE_URI)
    code, _, err = run("share", FIRE_URL, "--account", jo_id, "--as", "Jo", "--json")
    assert code == 0, err
    assert len(mastodon.reblogs_of(fire_id)) == 1
    history = json.loads(run("history", "--pane", "personal", "--json", "--as", "Jo")[1])
    boost = next(r for r in history if "share" in r)
    report = undo(run, monkeypatch, boost["publication_id"], "--kind", "apology", "--text",
                  "I boosted that by mistake.")
    assert (report["status"], report["route"]) == ("complete", "direct")
    assert mastodon.reblogs_of(fire_id) == []
    apology = next(s for s in mastodon.statuses_for("jo") if "by mistake" in s["text"])
    assert apology["in_reply_to_id"] is None  # a new post: nothing of Jo's to reply under
