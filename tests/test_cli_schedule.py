"""``safedesk post --at`` for personal accounts, ``safedesk scheduled`` and ``queue publish-due``
through main(), against the Mastodon test server and the reference PDS. SafeDesk's clock is
moved on (``build`` takes the system clock, replaced here by one running ahead on demand)."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from safedesk.cli.console import ExitCode
from tests.bluesky_support import list_records
from tests.cli_support import Run, as_person, needs_secret_service, team
from tests.servers.mastodon_server import MastodonTestServer
from tests.servers.pds_harness import PdsServer

pytestmark = needs_secret_service


@pytest.fixture
def run(data_dir: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> Run:
    return team(data_dir, capsys, monkeypatch)


@pytest.fixture
def move_clock(monkeypatch: pytest.MonkeyPatch) -> Callable[[timedelta], None]:
    """Every SafeDesk built from now on reads the real time plus the offset last given."""
    ahead = [timedelta()]

    class AheadClock:
        def now(self) -> datetime:
            return datetime.now(UTC) + ahead[0]

    monkeypatch.setattr("safedesk.app.SystemClock", AheadClock)
    return lambda offset: ahead.__setitem__(0, offset)


def personal_accounts(run: Run, monkeypatch: pytest.MonkeyPatch, mastodon: MastodonTestServer,
                      pds: PdsServer) -> tuple[str, str, str]:
    """Jo's own Mastodon and Bluesky accounts: (Mastodon id, Bluesky id, Bluesky DID)."""
    as_person(monkeypatch, "jo-passphrase")
    token = mastodon.create_user("jo")
    assert run("accounts", "add", "--pane", "personal", "--platform", "mastodon", "--server",
               mastodon.url, "--token-stdin", "--as", "Jo", stdin=token + "\n")[0] == 0
    owner = pds.create_account("joschedule")
    assert run("accounts", "add", "--pane", "personal", "--platform", "bluesky", "--server",
               pds.url, "--handle", owner.handle, "--app-password-stdin", "--as", "Jo",
               stdin=owner.app_password + "\n")[0] == 0
    listed = json.loads(run("accounts", "list", "--json", "--as", "Jo")[1])
    by_platform = {a["platform"]: a["id"] for a in listed if a["pane"] == "personal"}
    return by_platform["mastodon"], by_platform["bluesky"], owner.did


def test_post_at_schedules_and_publish_due_sends_it_once_for_its_owner(
        run: Run, monkeypatch: pytest.MonkeyPatch, mastodon: MastodonTestServer, pds: PdsServer,
        move_clock: Callable[[timedelta], None]) -> None:
    masto_id, sky_id, did = personal_accounts(run, monkeypatch, mastodon, pds)
    at = (datetime.now(UTC) + timedelta(hours=2)).replace(microsecond=0)
    code, out, err = run("post", "--as", "Jo", "--account", masto_id, "--account", sky_id,
                         "--text", "Allotment open day on Sunday", "--at", at.isoformat(),
                         "--json")
    assert code == 0, err
    posted = json.loads(out)
    assert (posted["state"], posted["pane"]) == ("scheduled", "personal")
    assert datetime.fromisoformat(posted["schedule_at"]) == at
    draft_id = posted["draft_id"]

    code, out, _ = run("scheduled", "list", "--as", "Jo", "--json")
    assert [row["id"] for row in json.loads(out)] == [draft_id]
    assert run("scheduled", "list", "--as", "Jo")[1].startswith(draft_id)
    as_person(monkeypatch, "sam-passphrase")
    assert run("scheduled", "list", "--as", "Sam")[1] == "Nothing is scheduled.\n"

    as_person(monkeypatch, "jo-passphrase")
    assert run("queue", "publish-due", "--as", "Jo")[1] == "Nothing is due.\n"
    move_clock(timedelta(hours=2, minutes=1))
    # Sam's run of the timer publishes official posts only: Jo's post is Jo's to send.
    as_person(monkeypatch, "sam-passphrase")
    assert run("queue", "publish-due", "--as", "Sam")[1] == "Nothing is due.\n"
    assert mastodon.statuses_for("jo") == []

    as_person(monkeypatch, "jo-passphrase")
    code, out, err = run("queue", "publish-due", "--as", "Jo")
    assert code == 0, err
    assert f"{draft_id}: published on time." in out
    assert "published as @jo@" in out
    assert run("queue", "publish-due", "--as", "Jo")[1] == "Nothing is due.\n"
    assert [s["text"] for s in mastodon.statuses_for("jo")] == ["Allotment open day on Sunday"]
    assert [r["value"]["text"] for r in list_records(pds, did)] == [
        "Allotment open day on Sunday"]


def test_a_past_time_is_refused_and_cancel_keeps_an_unsent_draft(
        run: Run, monkeypatch: pytest.MonkeyPatch, mastodon: MastodonTestServer, pds: PdsServer,
        move_clock: Callable[[timedelta], None]) -> None:
    masto_id, _sky_id, _did = personal_accounts(run, monkeypatch, mastodon, pds)
    code, _, err = run("post", "--as", "Jo", "--account", masto_id, "--text", "Too late",
                       "--at", "2001-01-01T09:00")
    assert code == ExitCode.BAD_INPUT and "The scheduled time has already passed" in err

    at = datetime.now(UTC) + timedelta(minutes=30)
    code, out, err = run("post", "--as", "Jo", "--account", masto_id, "--text", "Maybe later",
                         "--at", at.isoformat())
    assert code == 0, err
    draft_id, said = out.splitlines()
    assert said.startswith("Scheduled for ") and "as @jo@" in said

    as_person(monkeypatch, "sam-passphrase")
    code, _, err = run("scheduled", "cancel", draft_id, "--as", "Sam")
    assert code == ExitCode.NOT_ALLOWED and "Only the author" in err
    as_person(monkeypatch, "jo-passphrase")
    code, out, err = run("scheduled", "cancel", draft_id, "--as", "Jo")
    assert code == 0, err
    assert "stays as an unsent draft" in out
    code, _, err = run("scheduled", "cancel", draft_id, "--as", "Jo")
    assert code != 0 and "Cannot unschedule a personal post that is an unsent draft" in err

    move_clock(timedelta(hours=1))
    assert run("queue", "publish-due", "--as", "Jo")[1] == "Nothing is due.\n"
    assert mastodon.statuses_for("jo") == []
