"""``safedesk correct``, ``templates`` and ``incidents`` end to end on official accounts: the
Mastodon test server and the reference PDS, secrets in the real Secret Service."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from mastodon import Mastodon

from safedesk.cli.console import ExitCode
from tests.bluesky_support import get_record, list_records
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


def published_post(run: Run, monkeypatch: pytest.MonkeyPatch, text: str,
                   *accounts: str) -> dict[str, dict[str, str]]:
    """An official post, approved by Sam: its publications by account address."""
    as_person(monkeypatch, "jo-passphrase")
    targets = [arg for account in accounts for arg in ("--account", account)]
    code, out, err = run("post", "--as", "Jo", *targets, "--text", text, "--json")
    assert code == 0, err
    draft_id = json.loads(out)["draft_id"]
    as_person(monkeypatch, "sam-passphrase")
    code, _, err = run("queue", "approve", draft_id, "--as", "Sam")
    assert code == 0, err
    history = json.loads(run("history", "--pane", "official", "--json", "--as", "Sam")[1])
    return {row["platform"]: row for row in history if row["draft_id"] == draft_id}


def correct(run: Run, monkeypatch: pytest.MonkeyPatch, *args: str) -> tuple[int, dict[str, object],
                                                                           str]:
    as_person(monkeypatch, "jo-passphrase")
    code, out, err = run("correct", *args, "--as", "Jo", "--json")
    return code, json.loads(out) if out.strip() else {}, err


def preapprove_correction(run: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    """Sam reads the shipped correction template and pre-approves that version."""
    code, out, _ = run("templates", "show", "correction", "--lang", "en-GB")
    version = out.split("version ", 1)[1].split()[0]
    as_person(monkeypatch, "sam-passphrase")
    code, out, err = run("templates", "preapprove", "correction", "--lang", "en-GB",
                         "--version", version[:10], "--as", "Sam")
    assert code == 0, err


def test_a_preapproved_template_publishes_at_once_once_filled_in(
        run: Run, monkeypatch: pytest.MonkeyPatch, mastodon: MastodonTestServer,
        pds: PdsServer) -> None:
    masto_id, sky_id, did, _handle = add_accounts(run, monkeypatch, mastodon, pds, "clifix")
    original = published_post(run, monkeypatch, "Council tax is due on 1 May", masto_id, sky_id)
    pub = original["mastodon"]["publication_id"]

    # A template with its placeholder unfilled cannot be published.
    code, _, err = correct(run, monkeypatch, pub, "--kind", "correction")
    assert code == ExitCode.BAD_INPUT and "Fill in {correction}" in err

    preapprove_correction(run, monkeypatch)
    listed = json.loads(run("templates", "list", "--json")[1])
    row = next(r for r in listed if (r["name"], r["language"]) == ("correction", "en-GB"))
    assert [p["name"] for p in row["preapproved_by"]] == ["Sam"]

    code, report, err = correct(run, monkeypatch, pub, "--kind", "correction", "--field",
                                "correction=It is due on 1 June.", "--note", "Resident emailed")
    assert code == 0, err
    assert (report["status"], report["route"], report["urgent"]) == ("complete", "preapproved",
                                                                     False)
    statuses = mastodon.statuses_for("council")
    reply = next(s for s in statuses if s["in_reply_to_id"])
    assert reply["in_reply_to_id"] == original["mastodon"]["url"].rsplit("/", 1)[1]
    assert "It is due on 1 June." in reply["text"]
    records = {r["value"]["text"]: r for r in list_records(pds, did)}
    sky_reply = next(r for text, r in records.items() if "1 June" in text)
    original_record = records["Council tax is due on 1 May"]
    assert get_record(pds, sky_reply["uri"])["value"]["reply"]["parent"] == {
        "uri": original_record["uri"], "cid": original_record["cid"]}
    assert run("queue", "list", "--json")[1].strip() == "[]"
    as_person(monkeypatch, "ada-passphrase")
    code, markdown, _ = run("incidents", "export", str(report["incident"]), "--format", "md",
                            "--as", "Ada")
    assert code == 0
    assert "Opened: " in markdown and "by Jo" in markdown
    assert "Pre-approved by: Sam" in markdown and "Resident emailed" in markdown
    assert original["mastodon"]["url"] in markdown and reply["url"] in markdown
    exported = json.loads(run("incidents", "export", str(report["incident"]), "--format",
                              "json", "--as", "Ada")[1])
    assert exported["audit"]["intact"]
    assert all(len(e["event_hash"]) == 64 for e in exported["timeline"])
    assert run("audit", "verify")[0] == 0


def test_other_words_and_claims_of_a_hack_wait_as_urgent_at_the_top_of_the_queue(
        run: Run, monkeypatch: pytest.MonkeyPatch, mastodon: MastodonTestServer,
        pds: PdsServer) -> None:
    masto_id, sky_id, did, _handle = add_accounts(run, monkeypatch, mastodon, pds, "cliwait")
    original = published_post(run, monkeypatch, "Council tax is due on 1 May", masto_id, sky_id)
    pub = original["mastodon"]["publication_id"]
    preapprove_correction(run, monkeypatch)

    # Someone's own words wait in the queue, urgent, ahead of older posts.
    as_person(monkeypatch, "jo-passphrase")
    code, out, _ = run("post", "--as", "Jo", "--account", masto_id, "--text", "Library news",
                       "--json")
    routine = json.loads(out)["draft_id"]
    code, apology, err = correct(run, monkeypatch, pub, "--kind", "apology", "--text",
                                 "Sorry: we muddled the council tax dates.")
    assert code == 0, err
    assert (apology["status"], apology["route"], apology["urgent"]) == (
        "waiting for approval", "queued", True)
    # A claim of a hack is flagged for the approver, whatever was pre-approved.
    code, hacked, err = correct(run, monkeypatch, pub, "--kind", "correction", "--field",
                                "correction=We were hacked, it was not us.")
    assert code == 0, err
    assert hacked["route"] == "queued" and hacked["flags"] == ["hacked", "was not us"]
    queue = json.loads(run("queue", "list", "--json")[1])
    assert [r["id"] for r in queue] == [apology["correction_draft_id"],
                                       hacked["correction_draft_id"], routine]
    assert [r["urgent"] for r in queue] == [True, True, False]
    assert queue[1]["flags"] == ["hacked", "was not us"]
    code, out, _ = run("queue", "list")
    assert out.splitlines()[0].startswith("URGENT ")
    assert "[claims: hacked, was not us]" in out
    code, out, _ = run("queue", "show", hacked["correction_draft_id"])
    assert "Says the account was hacked or misused" in out and "Why it waits:" in out

    # Once Sam approves the apology it is published under the original on both platforms.
    as_person(monkeypatch, "sam-passphrase")
    code, out, err = run("queue", "approve", str(apology["correction_draft_id"]), "--as", "Sam")
    assert code == 0, err
    incidents = json.loads(run("incidents", "list", "--json", "--as", "Sam")[1])
    assert [i["status"] for i in incidents] == ["waiting for approval", "complete"]
    assert [len(list_records(pds, did)), len(mastodon.statuses_for("council"))] == [2, 2]
    replies = [s for s in mastodon.statuses_for("council") if s["in_reply_to_id"]]
    assert [s["text"] for s in replies] == ["Sorry: we muddled the council tax dates."]


def test_by_link_a_post_made_outside_safedesk_and_someone_elses_refused(
        run: Run, monkeypatch: pytest.MonkeyPatch, mastodon: MastodonTestServer,
        pds: PdsServer) -> None:
    add_accounts(run, monkeypatch, mastodon, pds, "clilink")
    phone = Mastodon(api_base_url=mastodon.url, access_token=mastodon.create_user("council"),
                     version_check_mode="none", mastodon_version="4.4.3")
    posted = phone.status_post("From the phone: the park is closed")
    theirs = Mastodon(api_base_url=mastodon.url, access_token=mastodon.create_user("mayor"),
                      version_check_mode="none", mastodon_version="4.4.3")
    not_ours = theirs.status_post("The mayor's post")

    code, _, err = correct(run, monkeypatch, not_ours.url, "--kind", "apology")
    assert code == ExitCode.NOT_ALLOWED
    assert "is by @mayor@127.0.0.1" in err and "not one of SafeDesk's accounts" in err
    code, _, err = correct(run, monkeypatch, posted.url, "--kind", "apology", "--pane",
                           "personal")
    assert code == ExitCode.NOT_ALLOWED and "Correct it from the Official pane" in err

    code, plan, err = correct(run, monkeypatch, posted.url, "--kind", "retraction",
                              "--dry-run")
    assert code == 0, err
    assert plan["imported"] and plan["default_action"] == "delete"
    assert plan["text"].startswith("We have withdrawn our post of ")
    code, report, err = correct(run, monkeypatch, posted.url, "--kind", "retraction",
                                "--text", "We have taken this down: the park is open.")
    assert code == 0, err
    assert report["status"] == "waiting for approval"
    as_person(monkeypatch, "sam-passphrase")
    code, _, err = run("queue", "approve", str(report["correction_draft_id"]), "--as", "Sam")
    assert code == 0, err
    statuses = mastodon.statuses_for("council", include_deleted=True)
    assert [(s["text"], s["deleted"], s["in_reply_to_id"]) for s in statuses] == [
        ("From the phone: the park is closed", True, None),
        ("We have taken this down: the park is open.", False, str(posted.id))]
