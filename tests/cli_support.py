"""What the command-line tests share: running ``safedesk`` in-process with standard input, a
team of three people, and official accounts signed in on the real servers."""

from __future__ import annotations

import io
import json
import os
import sys
from pathlib import Path

import pytest

from safedesk.cli.main import main
from tests.servers.mastodon_server import MastodonTestServer
from tests.servers.pds_harness import PdsServer

# The CLI keeps secrets in the system keyring: these tests need the real Secret Service.
needs_secret_service = pytest.mark.skipif(
    not os.environ.get("SAFEDESK_TEST_SECRET_SERVICE"),
    reason="the CLI keeps secrets in the real Secret Service that scripts/test.sh starts")


class Run:
    """``safedesk --data-dir DIR ARGS…`` in this process: exit code, standard output and error."""

    def __init__(self, data_dir: Path, capsys: pytest.CaptureFixture[str],
                 monkeypatch: pytest.MonkeyPatch) -> None:
        self.data_dir, self.capsys, self.monkeypatch = data_dir, capsys, monkeypatch

    def __call__(self, *args: str, stdin: str = "") -> tuple[int, str, str]:
        self.monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
        code = main(["--data-dir", str(self.data_dir), *args])
        out, err = self.capsys.readouterr()
        return code, out, err


def with_admin(data_dir: Path, capsys: pytest.CaptureFixture[str],
               monkeypatch: pytest.MonkeyPatch) -> Run:
    """A runner on a fresh data folder whose only person is Ada (admin, "ada-passphrase")."""
    runner = Run(data_dir, capsys, monkeypatch)
    monkeypatch.setenv("SAFEDESK_PASSPHRASE", "ada-passphrase")
    assert runner("people", "add", "Ada", "--role", "admin")[0] == 0
    return runner


def team(data_dir: Path, capsys: pytest.CaptureFixture[str],
         monkeypatch: pytest.MonkeyPatch) -> Run:
    """Ada (admin, "ada-passphrase") added Jo (author, "jo-passphrase") and Sam (approver,
    "sam-passphrase")."""
    runner = Run(data_dir, capsys, monkeypatch)
    monkeypatch.setenv("SAFEDESK_PASSPHRASE", "ada-passphrase")
    assert runner("people", "add", "Ada", "--role", "admin")[0] == 0
    monkeypatch.setenv("SAFEDESK_ADMIN_PASSPHRASE", "ada-passphrase")
    for name, role, secret in (("Jo", "author", "jo-passphrase"), ("Sam", "approver", "sam-passphrase")):
        monkeypatch.setenv("SAFEDESK_PASSPHRASE", secret)
        assert runner("people", "add", name, "--role", role, "--as", "Ada")[0] == 0
    return runner


def as_person(monkeypatch: pytest.MonkeyPatch, passphrase: str) -> None:
    """The passphrase the next command reads, as a person typing it would give it."""
    monkeypatch.setenv("SAFEDESK_PASSPHRASE", passphrase)


def add_accounts(run: Run, monkeypatch: pytest.MonkeyPatch, mastodon: MastodonTestServer,
                 pds: PdsServer, prefix: str) -> tuple[str, str, str, str]:
    """An official Mastodon and an official Bluesky account, added by Ada through the CLI:
    (Mastodon account id, Bluesky account id, the Bluesky DID, its handle)."""
    as_person(monkeypatch, "ada-passphrase")
    token = mastodon.create_user("council")
    assert run("accounts", "add", "--pane", "official", "--platform", "mastodon", "--server",
               mastodon.url, "--token-stdin", "--as", "Ada", stdin=token + "\n")[0] == 0
    owner = pds.create_account(prefix)
    assert run("accounts", "add", "--pane", "official", "--platform", "bluesky", "--server",
               pds.url, "--handle", owner.handle, "--app-password-stdin", "--as", "Ada",
               stdin=owner.app_password + "\n")[0] == 0
    listed = json.loads(run("accounts", "list", "--json", "--as", "Ada")[1])
    by_platform = {a["platform"]: a["id"] for a in listed}
    return by_platform["mastodon"], by_platform["bluesky"], owner.did, owner.handle
