"""What the publisher tests share: a data folder with four people and two official accounts on
the real servers, drafts approved on a desk that does not publish, and the publisher run as its
own process."""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from safedesk.app import Settings, build
from safedesk.core.digest import content_digest
from safedesk.core.models import Content, Pane
from tests.bluesky_support import list_records
from tests.cli_support import Run, as_person, team
from tests.conftest import FakeClock
from tests.servers.fault_proxy import FaultProxy
from tests.servers.mastodon_server import MastodonTestServer
from tests.servers.pds_harness import PdsServer

SAFEDESK = str(Path(sys.executable).with_name("safedesk"))
MASTODON_POST = ("POST", "/api/v1/statuses")


@dataclass
class Office:
    """A data folder with Ada (admin), Jo (author), Sam (approver) and Pat (the publisher),
    and an official Mastodon and Bluesky account behind fault proxies."""

    data_dir: Path
    run: Run
    mastodon: MastodonTestServer
    pds: PdsServer
    masto_proxy: FaultProxy
    masto_id: str
    sky_id: str
    did: str
    masto_token: str

    def mastodon_texts(self) -> list[str]:
        return [str(s["text"]) for s in self.mastodon.statuses_for("council")]

    def bluesky_texts(self) -> list[str]:
        return [str(r["value"]["text"]) for r in list_records(self.pds, self.did)]

    def approve(self, texts: list[str], targets: tuple[str, ...], *,
                schedule_at: datetime | None = None) -> list[str]:
        """Jo submits each text and Sam approves it, on a desk that does not publish. A
        schedule in the past is made on a desk whose clock is earlier, as if approved then."""
        clock = FakeClock(schedule_at - timedelta(minutes=5)) if schedule_at else None
        app = build(Settings(self.data_dir), clock=clock)
        try:
            jo = app.people.authenticate("Jo", "jo-passphrase")
            sam = app.people.authenticate("Sam", "sam-passphrase")
            ids = []
            for text in texts:
                draft = app.drafts.create(jo, Pane.OFFICIAL, Content(
                    text=text, targets=targets, schedule_at=schedule_at))
                draft = app.drafts.submit(draft.id, jo)
                app.drafts.approve(draft.id, sam, content_digest(draft.content))
                ids.append(draft.id)
            return ids
        finally:
            app.close()

    def states(self) -> dict[str, str]:
        app = build(Settings(self.data_dir))
        try:
            return {d.id: d.state.value for d in app.store.list_drafts(Pane.OFFICIAL)}
        finally:
            app.close()

    def command(self, *args: str) -> list[str]:
        return [SAFEDESK, "--data-dir", str(self.data_dir), "publisher", "run", "--as", "Pat",
                *args]

    def start(self, *args: str) -> subprocess.Popen[str]:
        env = dict(os.environ, SAFEDESK_PASSPHRASE="pat-passphrase")
        env.pop("SAFEDESK_LOG", None)
        return subprocess.Popen(self.command(*args), stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True, env=env)


@contextlib.contextmanager
def open_office(data_dir: Path, capsys: pytest.CaptureFixture[str],
                monkeypatch: pytest.MonkeyPatch, mastodon: MastodonTestServer, pds: PdsServer,
                handle_prefix: str) -> Iterator[Office]:
    """Ada adds Pat (author; "pat-passphrase", which the next command reads) and the official
    accounts, the Mastodon one behind a fault proxy."""
    mastodon.honour_idempotency(False)  # only SafeDesk's own care keeps a post single
    run = team(data_dir, capsys, monkeypatch)
    monkeypatch.setenv("SAFEDESK_ADMIN_PASSPHRASE", "ada-passphrase")
    as_person(monkeypatch, "pat-passphrase")
    assert run("people", "add", "Pat", "--role", "author", "--as", "Ada")[0] == 0
    as_person(monkeypatch, "ada-passphrase")
    token = mastodon.create_user("council")
    with FaultProxy(mastodon.url) as masto_proxy:
        code, _, err = run("accounts", "add", "--pane", "official", "--platform", "mastodon",
                           "--server", masto_proxy.url, "--token-stdin", "--as", "Ada",
                           stdin=token + "\n")
        assert code == 0, err
        owner = pds.create_account(handle_prefix)
        code, _, err = run("accounts", "add", "--pane", "official", "--platform", "bluesky",
                           "--server", pds.url, "--handle", owner.handle,
                           "--app-password-stdin", "--as", "Ada",
                           stdin=owner.app_password + "\n")
        assert code == 0, err
        listed = json.loads(run("accounts", "list", "--json", "--as", "Ada")[1])
        ids = {a["platform"]: a["id"] for a in listed}
        as_person(monkeypatch, "pat-passphrase")
        yield Office(data_dir, run, mastodon, pds, masto_proxy, ids["mastodon"], ids["bluesky"],
                     owner.did, token)
