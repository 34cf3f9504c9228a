"""``safedesk correct ID --undo-share`` on official accounts on the Mastodon test server and the
reference PDS: the share comes down everywhere it went, recorded as an incident whose export names
it; asked again it is harmless; with an apology, the apology waits for an approver and the share
comes down once it is out."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from safedesk.cli.console import ExitCode
from tests.bluesky_support import list_records
from tests.cli_support import Run, add_accounts, as_person, team
from tests.servers.mastodon_server import MastodonTestServer
from tests.servers.pds_harness import PdsServer
from tests.test_share_listings import FIRE_URL, WARNING, fire_post, submitted_quote

pytestmark = pytest.mark.skipif(
    not os.environ.get("SAFEDESK_TEST_SECRET_SERVICE"),
    reason="the CLI keeps secrets in the real Secret Service that scripts/test.sh starts",
)

WORDS = "Please read the fire service's warning."


@pytest.fixture
def run(data_dir: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> Run:
    return team(data_dir, capsys, monkeypatch)


def published_quote(run: Run, data_dir: Path, monkeypatch: pytest.MonkeyPatch,
                    mastodon: MastodonTestServer, *accounts: str) -> dict[str, dict[str, str]]:
    """Jo's official quote of the fire service's post, approved by Sam through the CLI: its
    history rows by platform."""
    draft_id = submitted_quote(data_dir, WORDS, accounts, fire_post(data_dir, mastodon,
                                                                    accounts[0]))
    as_person(monkeypatch, "sam-passphrase")
    code, _, err = run("queue", "approve", draft_id, "--as", "Sam")
    assert code == 0, err
    history = json.loads(run("history", "--pane", "official", "--json", "--as", "Sam")[1])
    return {row["platform"]: row for row in history if row["draft_id"] == draft_id}


def undo(run: Run, monkeypatch: pytest.MonkeyPatch, *args: str) -> tuple[int, dict[str, object],
                                                                        str]:
    as_person(monkeypatch, "jo-passphrase")
    code, out, err = run("correct", *args, "--undo-share", "--as", "Jo", "--json")
    return code, json.loads(out) if out.strip() else {}, err


def live_texts(mastodon: MastodonTestServer) -> list[str]:
    return [s["text"] for s in mastodon.statuses_for("council")]


def test_an_official_share_comes_down_everywhere_and_is_recorded(
        run: Run, data_dir: Path, monkeypatch: pytest.MonkeyPatch,
        mastodon: MastodonTestServer, pds: PdsServer) -> None:
    masto_id, sky_id, did, _handle = add_accounts(run, monkeypatch, mastodon, pds, "undocli")
    rows = published_quote(run, data_dir, monkeypatch, mastodon, masto_id, sky_id)
    assert any(WORDS in text for text in live_texts(mastodon))
    assert len(list_records(pds, did)) == 1

    code, report, err = undo(run, monkeypatch, rows["mastodon"]["publication_id"], "--note",
                             "Shared from the wrong account")
    assert code == 0, err
    assert (report["status"], report["route"]) == ("complete", "direct")
    assert report["undo_share"] == {"kind": "quote", "url": FIRE_URL,
                                    "author": "@service@fire.example", "author_name": "Service",
                                    "text": WARNING, "words_posted": False}
    assert report["correction_draft_id"] is None
    assert [t["action_state"] for t in report["targets"]] == ["done", "done"]  # type: ignore[index]
    assert not any(WORDS in text for text in live_texts(mastodon))
    assert list_records(pds, did) == []
    history = json.loads(run("history", "--pane", "official", "--json", "--as", "Jo")[1])
    assert {r["state"] for r in history if r["draft_id"] == rows["mastodon"]["draft_id"]} == {
        "deleted"}

    again_code, again, err = undo(run, monkeypatch, rows["bluesky"]["draft_id"])
    assert again_code == 0, err
    assert again["incident"] == report["incident"] and again["status"] == "complete"

    as_person(monkeypatch, "ada-passphrase")
    code, markdown, _ = run("incidents", "export", str(report["incident"]), "--format", "md",
                            "--as", "Ada")
    assert code == 0
    assert "Kind: undo share, with no correction or apology" in markdown
    assert f"Undo of a quote of @service@fire.example's post: {FIRE_URL}" in markdown
    assert "Shared from the wrong account" in markdown
    listed = json.loads(run("incidents", "list", "--json", "--as", "Ada")[1])
    assert [i["id"] for i in listed] == [report["incident"]]
    assert listed[0]["undo_share"]["kind"] == "quote"


def test_an_apology_waits_for_an_approver_and_the_share_comes_down_once_it_is_out(
        run: Run, data_dir: Path, monkeypatch: pytest.MonkeyPatch,
        mastodon: MastodonTestServer, pds: PdsServer) -> None:
    masto_id, _sky_id, _did, _handle = add_accounts(run, monkeypatch, mastodon, pds, "undosorry")
    rows = published_quote(run, data_dir, monkeypatch, mastodon, masto_id)
    code, report, err = undo(run, monkeypatch, rows["mastodon"]["publication_id"], "--kind",
                             "apology", "--text", "We shared that by mistake.")
    assert code == 0, err
    assert (report["status"], report["route"], report["urgent"]) == (
        "waiting for approval", "queued", True)
    assert any(WORDS in text for text in live_texts(mastodon))  # not before the apology

    as_person(monkeypatch, "sam-passphrase")
    code, out, _ = run("queue", "show", str(report["correction_draft_id"]))
    assert "Why it waits:" in out
    code, _, err = run("queue", "approve", str(report["correction_draft_id"]), "--as", "Sam")
    assert code == 0, err
    statuses = mastodon.statuses_for("council")
    assert not any(WORDS in s["text"] for s in statuses)
    apology = next(s for s in statuses if "by mistake" in s["text"])
    assert apology["in_reply_to_id"] == rows["mastodon"]["url"].rsplit("/", 1)[1]


def test_what_cannot_go_with_an_undo_is_refused(
        run: Run, data_dir: Path, monkeypatch: pytest.MonkeyPatch,
        mastodon: MastodonTestServer, pds: PdsServer) -> None:
    masto_id, _sky_id, _did, _handle = add_accounts(run, monkeypatch, mastodon, pds, "undobad")
    rows = published_quote(run, data_dir, monkeypatch, mastodon, masto_id)
    publication = rows["mastodon"]["publication_id"]
    for args, says in (
            (("--text", "Sorry"), "Give --kind correction or --kind apology"),
            (("--kind", "apology", "--original", "keep"), "always takes the share down"),
            ((), "")):
        as_person(monkeypatch, "jo-passphrase")
        code, _, err = run("correct", rows["mastodon"]["url"] if not args else publication,
                           *args, "--undo-share", "--as", "Jo")
        assert code == ExitCode.BAD_INPUT
        assert says in err if says else "not a link" in err
    code, _, err = run("correct", publication, "--as", "Jo")
    assert code == ExitCode.BAD_INPUT and "--undo-share" in err
    assert any(WORDS in text for text in live_texts(mastodon))  # nothing was taken down
