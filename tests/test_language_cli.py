"""``safedesk post`` without ``--lang`` tags the post with the language its text reads as, on
the Mastodon test server (through the real Mastodon.py) and the reference PDS (through atproto):
each server is read back."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from tests.bluesky_support import list_records
from tests.cli_support import Run, needs_secret_service, with_admin
from tests.servers.mastodon_server import MastodonTestServer
from tests.servers.pds_harness import PdsServer

pytestmark = needs_secret_service

WELSH = "Mae'r ffordd ar gau rhwng Llanidloes a'r Drenewydd tan 6pm heno. Diolch am eich amynedd."
ENGLISH = "The road is closed between Llanidloes and Newtown until 6pm tonight. Thank you."


@pytest.fixture
def run(data_dir: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> Run:
    return with_admin(data_dir, capsys, monkeypatch)


def personal_accounts(run: Run, mastodon: MastodonTestServer, pds: PdsServer) -> tuple[str, str, str]:
    """Ada's personal Mastodon and Bluesky accounts: their ids, and the Bluesky DID."""
    token = mastodon.create_user("ada")
    assert run("accounts", "add", "--pane", "personal", "--platform", "mastodon", "--server",
               mastodon.url, "--token-stdin", stdin=token + "\n")[0] == 0
    owner = pds.create_account("adalang")
    assert run("accounts", "add", "--pane", "personal", "--platform", "bluesky", "--server",
               pds.url, "--handle", owner.handle, "--app-password-stdin",
               stdin=f"{owner.app_password}\n")[0] == 0
    ids = {a["platform"]: a["id"] for a in json.loads(run("accounts", "list", "--json")[1])}
    return ids["mastodon"], ids["bluesky"], owner.did


def post(run: Run, accounts: tuple[str, str, str], text: str, *options: str) -> str:
    code, _, err = run("post", "--account", accounts[0], "--account", accounts[1], "--text", text,
                       *options)
    assert code == 0, err
    return err


def languages_out(mastodon: MastodonTestServer, pds: PdsServer, did: str) -> tuple[str, object]:
    """The language of the newest post on each server, as the server keeps it."""
    status = mastodon.statuses_for("ada")[-1]
    record = max(list_records(pds, did), key=lambda r: r["value"]["createdAt"])["value"]
    return status["language"], record.get("langs")


def test_a_post_without_a_language_takes_the_one_its_text_reads_as(
        run: Run, mastodon: MastodonTestServer, pds: PdsServer) -> None:
    accounts = personal_accounts(run, mastodon, pds)
    post(run, accounts, WELSH)
    assert languages_out(mastodon, pds, accounts[2]) == ("cy", ["cy"])
    post(run, accounts, ENGLISH)
    assert languages_out(mastodon, pds, accounts[2]) == ("en", ["en"])


def test_an_unsure_reading_takes_the_desks_default_and_a_chosen_language_stands(
        run: Run, mastodon: MastodonTestServer, pds: PdsServer) -> None:
    accounts = personal_accounts(run, mastodon, pds)
    post(run, accounts, "Bore da")  # two words: too close to call, and no default set
    status = mastodon.statuses_for("ada")[-1]
    assert languages_out(mastodon, pds, accounts[2])[1] is None
    assert status["language"] != "cy"
    # The window's Settings > Language, as the window keeps it.
    window = QSettings(str(run.data_dir / "window.ini"), QSettings.Format.IniFormat)
    window.setValue("compose/default_language", "cy")
    window.sync()
    post(run, accounts, "Bore da")
    assert languages_out(mastodon, pds, accounts[2]) == ("cy", ["cy"])
    err = post(run, accounts, ENGLISH, "--lang", "cy")  # the person's choice goes out
    assert languages_out(mastodon, pds, accounts[2]) == ("cy", ["cy"])
    assert "Warning: Tagged Welsh, but it reads as English" in err
