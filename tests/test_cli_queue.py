"""``safedesk post``, ``queue`` and ``history`` end to end: an author submits an official post to
a Mastodon and a Bluesky account, a second person approves it from the command line, and it
appears on the Mastodon test server and on the reference PDS. Secrets live in the real Secret
Service, as for a person at a terminal."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from PIL import Image

from safedesk.cli.console import ExitCode
from tests.bluesky_support import list_records
from tests.cli_support import Run, add_accounts, as_person, team
from tests.servers.mastodon_server import MastodonTestServer
from tests.servers.pds_harness import PdsServer

pytestmark = pytest.mark.skipif(
    not os.environ.get("SAFEDESK_TEST_SECRET_SERVICE"),
    reason="the CLI keeps secrets in the real Secret Service that scripts/test.sh starts",
)


@pytest.fixture
def run(data_dir: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> Run:
    return team(data_dir, capsys, monkeypatch)


def test_submit_then_approve_publishes_everywhere(
        run: Run, monkeypatch: pytest.MonkeyPatch, mastodon: MastodonTestServer, pds: PdsServer,
        tmp_path: Path) -> None:
    masto_id, sky_id, did, _handle = add_accounts(run, monkeypatch, mastodon, pds, "cliqueue")
    picture = tmp_path / "map.png"
    Image.new("RGB", (80, 60), (30, 80, 140)).save(picture)
    as_person(monkeypatch, "jo-passphrase")
    code, out, err = run("post", "--as", "Jo", "--account", masto_id, "--account", sky_id,
                         "--text", "Road closed on Mill Lane until Friday", "--image",
                         str(picture), "--alt", "Map of the Mill Lane closure", "--json")
    assert code == 0, err
    draft_id = json.loads(out)["draft_id"]
    assert mastodon.statuses_for("council") == []

    code, out, _ = run("queue", "list", "--json")
    assert [row["id"] for row in json.loads(out)] == [draft_id]
    code, out, _ = run("queue", "show", draft_id)
    digest = next(line.split()[1] for line in out.splitlines() if line.startswith("Digest:"))
    assert "Mill Lane" in out and "alt text: 'Map of the Mill Lane closure'" in out

    # The author cannot approve it; the approver with a wrong passphrase cannot either.
    code, _, err = run("queue", "approve", draft_id, "--as", "Jo")
    assert code == ExitCode.NOT_ALLOWED and "only approvers and admins" in err
    as_person(monkeypatch, "not-sams")
    code, _, err = run("queue", "approve", draft_id, "--as", "Sam")
    assert code == ExitCode.NOT_ALLOWED and "not Sam's" in err

    as_person(monkeypatch, "sam-passphrase")
    code, out, err = run("queue", "approve", draft_id, "--as", "Sam", "--digest", digest[:12])
    assert code == 0, err
    assert "Approved and published." in out
    assert [s["text"] for s in mastodon.statuses_for("council")] == [
        "Road closed on Mill Lane until Friday"]
    records = list_records(pds, did)
    assert [r["value"]["text"] for r in records] == ["Road closed on Mill Lane until Friday"]
    assert records[0]["value"]["embed"]["images"][0]["alt"] == "Map of the Mill Lane closure"

    code, out, _ = run("history", "--pane", "official", "--json", "--as", "Sam")
    history = json.loads(out)
    assert {(h["state"], h["draft_id"]) for h in history} == {("published", draft_id)}
    assert len(history) == 2
    code, out, _ = run("audit", "export", "--format", "json")
    actions = [e["action"] for e in json.loads(out)["events"] if e["subject"] in
               {draft_id, *(h["publication_id"] for h in history)}]
    assert actions.count("publication.published") == 2
    assert {"draft.submit", "draft.approve", "draft.publish_succeeded"} <= set(actions)
    assert run("audit", "verify")[0] == 0


def test_a_changed_post_reject_and_bad_input(
        run: Run, monkeypatch: pytest.MonkeyPatch, mastodon: MastodonTestServer,
        pds: PdsServer) -> None:
    masto_id, sky_id, _did, _handle = add_accounts(run, monkeypatch, mastodon, pds, "clibad")
    as_person(monkeypatch, "jo-passphrase")
    code, out, _ = run("post", "--as", "Jo", "--account", masto_id, "--text", "Draft one",
                       "--json")
    draft_id = json.loads(out)["draft_id"]
    stale = "0" * 64
    as_person(monkeypatch, "sam-passphrase")
    code, _, err = run("queue", "approve", draft_id, "--as", "Sam", "--digest", stale)
    assert code == ExitCode.NOT_ALLOWED and "changed after you opened it" in err
    code, out, _ = run("queue", "reject", draft_id, "--as", "Sam", "--reason", "Not for us")
    assert code == 0 and "Jo will see: Not for us" in out
    code, _, err = run("queue", "approve", draft_id, "--as", "Sam")
    assert code == ExitCode.NOT_ALLOWED and "rejected" in err
    assert mastodon.statuses_for("council") == []

    as_person(monkeypatch, "jo-passphrase")
    code, _, err = run("post", "--as", "Jo", "--account", masto_id, "--text", "Later",
                       "--at", "2001-01-01T09:00")
    assert code == ExitCode.BAD_INPUT and "already passed" in err
    code, _, err = run("post", "--as", "Jo", "--account", masto_id, "--text", "x",
                       "--at", "next tuesday")
    assert code == ExitCode.BAD_INPUT and "is not a date and time" in err
    code, _, err = run("post", "--as", "Jo", "--account", sky_id, "--text", "\U0001f469" * 301)
    assert code == ExitCode.BAD_INPUT
    assert "Too long for Bluesky: 301 of 300 characters" in err


def test_a_post_whose_publishing_failed_is_retried_from_the_command_line_and_goes_out_once(
        run: Run, monkeypatch: pytest.MonkeyPatch, mastodon: MastodonTestServer,
        pds: PdsServer) -> None:
    masto_id, _sky_id, _did, _handle = add_accounts(run, monkeypatch, mastodon, pds, "cliretry")
    as_person(monkeypatch, "jo-passphrase")
    code, out, err = run("post", "--as", "Jo", "--account", masto_id,
                         "--text", "Library closed on Monday for repairs", "--json")
    assert code == 0, err
    draft_id = json.loads(out)["draft_id"]
    # The server refuses it once (as Mastodon does a post it will not take), then takes it.
    mastodon.fail_next("POST", "/api/v1/statuses", 422)
    as_person(monkeypatch, "sam-passphrase")
    code, out, err = run("queue", "approve", draft_id, "--as", "Sam")
    assert code == ExitCode.FAILED, err
    assert "NOT published as" in out
    assert f"safedesk queue retry {draft_id}" in out  # where to go from here
    assert mastodon.statuses_for("council") == []

    as_person(monkeypatch, "jo-passphrase")
    code, out, err = run("queue", "retry", draft_id, "--as", "Jo")
    assert code == 0, err
    assert "published as @council@" in out
    assert [s["text"] for s in mastodon.statuses_for("council")] == [
        "Library closed on Monday for repairs"]
    code, _, err = run("queue", "retry", draft_id, "--as", "Jo")  # nothing failed any more
    assert code == ExitCode.NOT_ALLOWED and "Only a post whose publishing failed" in err
    assert len(mastodon.statuses_for("council")) == 1
