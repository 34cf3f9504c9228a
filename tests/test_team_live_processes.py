"""Three people on three desks, as the issue describes them: Jo's desk (the `safedesk` command
in a process of its own), Sam's desk (the window, in this process) and the team's publisher (a
third process, `safedesk publisher run --once`), all on the real team PostgreSQL; the post goes
to the real Bluesky PDS and the Mastodon test server.

Each desk joined the team with `safedesk team join URL` as its own login, the password given in
SAFEDESK_TEAM_PASSWORD. Only the publisher's desk holds the official accounts' secrets: it is the
only one where `accounts add --pane official` is allowed.
"""

from __future__ import annotations

import html
import json
import os
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Any

from pytestqt.qtbot import QtBot

from tests.cli_support import needs_secret_service
from tests.servers.mastodon_server import MastodonTestServer
from tests.servers.pds_harness import PdsServer
from tests.team_support import Team
from tests.test_team_live_gui import LIVE_MS, Desk

COMMAND_TIMEOUT_S = 120


class DeskProcess:
    """``python -m safedesk --data-dir DIR …`` in a process of its own, as ``who``."""

    def __init__(self, team: Team, who: str, data_dir: Path) -> None:
        self.team, self.who, self.data_dir = team, who, data_dir

    def __call__(self, *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
        env = {**os.environ, "SAFEDESK_TEAM_PASSWORD": self.team.passwords[self.who]}
        env.pop("SAFEDESK_PASSPHRASE", None)
        return subprocess.run(
            [sys.executable, "-m", "safedesk", "--data-dir", str(self.data_dir), *args],
            input=stdin, capture_output=True, text=True, env=env, timeout=COMMAND_TIMEOUT_S,
            check=False)

    def ok(self, *args: str, stdin: str = "") -> str:
        done = self(*args, stdin=stdin)
        assert done.returncode == 0, f"{args}: {done.stdout}\n{done.stderr}"
        return done.stdout

    def join(self) -> None:
        said = self.ok("team", "join", self.team.url(self.who))
        assert f"you are {self.who}" in said


def bluesky_posts(pds: PdsServer, did: str) -> list[str]:
    query = urllib.parse.urlencode({"repo": did, "collection": "app.bsky.feed.post"})
    with urllib.request.urlopen(f"{pds.url}/xrpc/com.atproto.repo.listRecords?{query}",  # noqa: S310
                                timeout=10) as answer:
        records: list[dict[str, Any]] = json.load(answer)["records"]
    return [str(r["value"]["text"]) for r in records]


@needs_secret_service
def test_author_approver_and_publisher_on_three_desks(
        qtbot: QtBot, team: Team, tmp_path: Path, mastodon: MastodonTestServer,
        pds: PdsServer) -> None:
    # The publisher's desk: the only one that holds the official accounts' secrets.
    publisher = DeskProcess(team, "Pub", tmp_path / "publisher")
    publisher.join()
    token = mastodon.create_user("council")
    publisher.ok("accounts", "add", "--pane", "official", "--platform", "mastodon", "--server",
                 mastodon.url, "--token-stdin", stdin=token + "\n")
    owner = pds.create_account("council")
    publisher.ok("accounts", "add", "--pane", "official", "--platform", "bluesky", "--server",
                 pds.url, "--handle", owner.handle, "--app-password-stdin",
                 stdin=owner.app_password + "\n")
    accounts = {a["platform"]: a["id"] for a in
                json.loads(publisher.ok("accounts", "list", "--pane", "official", "--json"))}

    author = DeskProcess(team, "Jo", tmp_path / "author")
    author.join()
    refused = author("accounts", "add", "--pane", "official", "--platform", "mastodon",
                     "--server", mastodon.url, "--token-stdin", stdin=token + "\n")
    assert refused.returncode != 0  # an author's desk never holds official credentials

    sam = Desk(qtbot, team, "Sam", tmp_path / "approver")
    try:
        text = "Recycling centre open until 8pm on Thursday."
        submitted = json.loads(author.ok("post", "--account", accounts["mastodon"],
                                         "--account", accounts["bluesky"], "--text", text,
                                         "--json"))
        assert submitted["state"] == "submitted"
        qtbot.waitUntil(lambda: sam.queue.list.count() == 1, timeout=LIVE_MS)
        # The queue's list and the watcher's notice are read apart, each on its own worker, on
        # the same announcement: either may be shown first.
        qtbot.waitUntil(lambda: "New for your approval" in sam.window.watcher.last_message,
                        timeout=LIVE_MS)

        sam.queue.list.setCurrentRow(0)  # the snapshot is read off the GUI thread
        qtbot.waitUntil(sam.queue.approve_button.isEnabled, timeout=10_000)
        dialog = sam.queue.approve()
        assert dialog is not None
        dialog.passphrase.setText(team.passwords["Sam"])
        dialog.ok_button.click()
        qtbot.waitUntil(lambda: "The team's publisher sends it"
                        in html.unescape(sam.queue.outcome.text()), timeout=10_000)
        assert mastodon.statuses_for("council") == []  # approving published nothing

        started = time.monotonic()
        said = publisher.ok("publisher", "run", "--once")
        assert time.monotonic() - started < COMMAND_TIMEOUT_S
        assert submitted["draft_id"] in said or "Recycling centre" in said
    finally:
        sam.close()

    assert [s["text"] for s in mastodon.statuses_for("council")] == [text]
    assert bluesky_posts(pds, owner.did) == [text]
    history = json.loads(author.ok("history", "--pane", "official", "--json"))
    mine = [row for row in history if row["draft_id"] == submitted["draft_id"]]
    assert sorted(row["platform"] for row in mine) == ["bluesky", "mastodon"]
    assert {row["state"] for row in mine} == {"published"}
