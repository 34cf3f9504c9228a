"""``safedesk accounts add/list/remove`` end to end: the real Mastodon.py against the Mastodon test
server, the real atproto SDK against the reference PDS, secrets in the real Secret Service."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from safedesk.cli.console import ExitCode
from tests.bluesky_support import list_records
from tests.cli_support import Run
from tests.servers.mastodon_server import MastodonTestServer, browser_visit
from tests.servers.pds_harness import PdsServer

pytestmark = pytest.mark.skipif(
    not os.environ.get("SAFEDESK_TEST_SECRET_SERVICE"),
    reason="the CLI keeps secrets in the real Secret Service that scripts/test.sh starts",
)


@pytest.fixture
def mastodon() -> Iterator[MastodonTestServer]:
    with MastodonTestServer(max_characters=1000) as server:
        yield server


@pytest.fixture
def run(data_dir: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> Run:
    monkeypatch.setenv("SAFEDESK_PASSPHRASE", "ada-passphrase")
    runner = Run(data_dir, capsys, monkeypatch)
    assert runner("people", "add", "Ada", "--role", "admin")[0] == 0
    return runner


def listed(run: Run) -> list[dict[str, object]]:
    code, out, _ = run("accounts", "list", "--json")
    assert code == 0
    result: list[dict[str, object]] = json.loads(out)
    return result


def test_mastodon_by_token_into_the_official_pane(run: Run, mastodon: MastodonTestServer) -> None:
    token = mastodon.create_user("council")
    code, out, err = run("accounts", "add", "--pane", "official", "--platform", "mastodon",
                         "--server", mastodon.url, "--token-stdin", stdin=token + "\n")
    assert code == 0, err
    assert "to the official pane, for good" in out
    [account] = listed(run)
    assert (account["pane"], account["platform"], account["max_characters"]) == (
        "official", "mastodon", 1000)
    assert str(account["address"]).startswith("@council@127.0.0.1")
    assert token not in (run.data_dir / "safedesk.sqlite3").read_bytes().decode("latin-1")

    # The same account cannot be added again, least of all to the other pane.
    code, _, err = run("accounts", "add", "--pane", "personal", "--platform", "mastodon",
                       "--server", mastodon.url, "--token-stdin", stdin=token + "\n")
    assert code == ExitCode.BAD_INPUT
    assert "already in SafeDesk, in the official pane" in err

    code, out, _ = run("check", "--account", str(account["id"]), "--text", "x" * 1000, "--json")
    assert code == 0 and json.loads(out)[0]["measures"][0]["maximum"] == 1000

    code, out, _ = run("accounts", "remove", str(account["id"]))
    assert code == 0 and "Signed out of" in out
    assert listed(run) == []


def test_mastodon_through_the_browser_with_pkce(run: Run, mastodon: MastodonTestServer,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    mastodon.create_user("jo")
    mastodon.set_authorizing_user("jo")
    def play_browser(url: str) -> bool:
        """Allow on the authorize page, then follow its redirect back to SafeDesk."""
        visit = browser_visit(url)
        assert visit.location is not None
        return browser_visit(visit.location).status == 200

    monkeypatch.setattr("webbrowser.open", play_browser)
    code, _, err = run("accounts", "add", "--pane", "personal", "--platform", "mastodon",
                       "--server", mastodon.url, "--oauth")
    assert code == 0, err
    assert "Opening the sign-in page" in err
    assert [a["address"] for a in listed(run)] == [f"@jo@{mastodon.url.split('//')[1]}"]
    code, out, _ = run("accounts", "remove", str(listed(run)[0]["id"]))
    assert "revoked" in out


def test_bluesky_with_an_app_password(run: Run, pds: PdsServer) -> None:
    owner = pds.create_account("cliuser")
    code, _, err = run("accounts", "add", "--pane", "personal", "--platform", "bluesky",
                       "--server", pds.url, "--handle", owner.handle, "--app-password-stdin",
                       stdin=f"{owner.app_password}\n")
    assert code == 0, err
    [account] = listed(run)
    assert (account["pane"], account["address"]) == ("personal", f"@{owner.handle}")
    assert list_records(pds, owner.did) == []
    assert "warning" not in err


def test_the_main_password_is_added_with_a_warning(run: Run, pds: PdsServer) -> None:
    owner = pds.create_account("climain", app_password=False)
    code, _, err = run("accounts", "add", "--pane", "personal", "--platform", "bluesky",
                       "--server", pds.url, "--handle", owner.handle, "--app-password-stdin",
                       stdin=f"{owner.password}\n")
    assert code == 0, err
    assert "safedesk: warning: That looks like the account's main password" in err


@pytest.mark.parametrize("server", ["not a server", "htps://mastodon.social", "http://"])
def test_bad_server_addresses_are_explained(run: Run, server: str) -> None:
    code, _, err = run("accounts", "add", "--pane", "personal", "--platform", "mastodon",
                       "--server", server, "--token-stdin", stdin="token\n")
    assert code == ExitCode.BAD_INPUT
    assert "Traceback" not in err
    assert err.startswith("safedesk: ")


def test_a_missing_secret_or_method_is_a_usage_error(run: Run, pds: PdsServer) -> None:
    code, _, err = run("accounts", "add", "--pane", "personal", "--platform", "bluesky",
                       "--server", pds.url, "--handle", "nobody.test")
    assert code == ExitCode.BAD_INPUT and "--app-password-stdin" in err
    code, _, err = run("accounts", "add", "--pane", "personal", "--platform", "mastodon",
                       "--server", "mastodon.social")
    assert code == ExitCode.BAD_INPUT and "--oauth" in err
