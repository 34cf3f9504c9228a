"""What the fault tests share: a desk whose accounts reach their servers through fault proxies,
and SafeDesk run as a person runs it, as a separate ``safedesk`` process that can be killed."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests.bluesky_support import list_records
from tests.cli_support import Run
from tests.servers.fault_proxy import FaultProxy
from tests.servers.mastodon_server import MastodonTestServer
from tests.servers.pds_harness import PdsServer

SAFEDESK = str(Path(sys.executable).with_name("safedesk"))


@dataclass
class FaultDesk:
    data_dir: Path
    run: Run
    mastodon: MastodonTestServer
    pds: PdsServer
    masto_proxy: FaultProxy
    sky_proxy: FaultProxy
    masto_id: str
    sky_id: str
    did: str

    def command(self, *args: str) -> list[str]:
        return [SAFEDESK, "--data-dir", str(self.data_dir), *args]

    def start(self, *args: str) -> subprocess.Popen[str]:
        """``safedesk ARGS`` as its own process (the person's passphrase in the environment)."""
        return subprocess.Popen(self.command(*args), stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True, env=_environment())

    def safedesk(self, *args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
        return subprocess.run(self.command(*args), capture_output=True, text=True,
                              timeout=timeout, env=_environment(), check=False)

    def mastodon_texts(self) -> list[str]:
        return [str(s["text"]) for s in self.mastodon.statuses_for("alice")]

    def bluesky_texts(self) -> list[str]:
        return [str(r["value"]["text"]) for r in list_records(self.pds, self.did)]

    def history(self) -> list[dict[str, Any]]:
        done = self.safedesk("history", "--json")
        assert done.returncode == 0, done.stderr
        rows: list[dict[str, Any]] = json.loads(done.stdout)
        return rows


def _environment() -> dict[str, str]:
    env = dict(os.environ)  # PYTHONPATH included, for a test that injects a fault
    env["SAFEDESK_PASSPHRASE"] = "jo-passphrase"
    env.pop("SAFEDESK_LOG", None)
    return env


def make_fault_desk(data_dir: Path, capsys: pytest.CaptureFixture[str],
                    monkeypatch: pytest.MonkeyPatch, mastodon: MastodonTestServer,
                    pds: PdsServer, masto_proxy: FaultProxy, sky_proxy: FaultProxy,
                    prefix: str) -> FaultDesk:
    """Jo, the only person, with a personal Mastodon account on a server that ignores
    Idempotency-Key and a personal Bluesky account, both behind fault proxies."""
    mastodon.honour_idempotency(False)
    run = Run(data_dir, capsys, monkeypatch)
    monkeypatch.setenv("SAFEDESK_PASSPHRASE", "jo-passphrase")
    assert run("people", "add", "Jo", "--role", "admin")[0] == 0
    token = mastodon.create_user("alice")
    code, _, err = run("accounts", "add", "--pane", "personal", "--platform", "mastodon",
                       "--server", masto_proxy.url, "--token-stdin", stdin=token + "\n")
    assert code == 0, err
    owner = pds.create_account(prefix)
    code, _, err = run("accounts", "add", "--pane", "personal", "--platform", "bluesky",
                       "--server", sky_proxy.url, "--handle", owner.handle,
                       "--app-password-stdin", stdin=f"{owner.app_password}\n")
    assert code == 0, err
    listed = json.loads(run("accounts", "list", "--json")[1])
    ids = {a["platform"]: a["id"] for a in listed}
    return FaultDesk(data_dir, run, mastodon, pds, masto_proxy, sky_proxy, ids["mastodon"],
                     ids["bluesky"], owner.did)
