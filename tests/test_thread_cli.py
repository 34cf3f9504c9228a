"""Threads from the command line, on the Mastodon test server and the reference PDS: an official
thread submitted with ``post --thread``, shown whole by ``queue show``, approved as one unit;
and a ``safedesk`` process killed after part 2 of 3 went out (and part 3 reached the server),
then ``safedesk recover``: every part exactly once, in order."""

from __future__ import annotations

import json
import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from safedesk.cli.console import ExitCode
from tests.cli_support import Run, add_accounts, as_person, team
from tests.fault_support import FaultDesk, make_fault_desk
from tests.servers.fault_proxy import FaultProxy
from tests.servers.mastodon_server import MastodonTestServer
from tests.servers.pds_harness import PdsServer
from tests.test_faults import BLUESKY_POST, MASTODON_POST, assert_no_traceback, kill
from tests.test_threads import bluesky_chain, mastodon_chain

pytestmark = pytest.mark.skipif(
    not os.environ.get("SAFEDESK_TEST_SECRET_SERVICE"),
    reason="the CLI keeps secrets in the real Secret Service that scripts/test.sh starts",
)

LONG = " ".join(f"Step {n}: the ferry timetable changes from Sunday, so check before you "
                "travel." for n in range(1, 9))  # about 620 characters: three parts on Bluesky
# About 1240 characters: three parts of Mastodon's 500.
LONGER = LONG + " " + " ".join(f"Note {n}: the ferry timetable changes from Sunday, so check "
                               "before you travel." for n in range(1, 9))


def test_an_official_thread_is_submitted_shown_whole_and_approved_as_one(
        data_dir: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
        mastodon: MastodonTestServer, pds: PdsServer) -> None:
    run: Run = team(data_dir, capsys, monkeypatch)
    masto_id, sky_id, did, _ = add_accounts(run, monkeypatch, mastodon, pds, "clithread")
    as_person(monkeypatch, "jo-passphrase")
    code, _, err = run("post", "--as", "Jo", "--account", masto_id, "--account", sky_id,
                       "--text", LONG)
    assert code == ExitCode.BAD_INPUT and "Too long for" in err
    code, out, err = run("post", "--as", "Jo", "--account", masto_id, "--account", sky_id,
                         "--text", LONG, "--thread", "--json")
    assert code == 0, err
    draft_id = json.loads(out)["draft_id"]

    code, out, _ = run("queue", "show", draft_id)
    assert "A thread of 3 parts" in out
    for number in (1, 2, 3):
        assert f" {number}/3" in out  # every part, as it will be published
    assert "Part 3:" in out
    digest = next(line.split()[1] for line in out.splitlines() if line.startswith("Digest:"))

    as_person(monkeypatch, "sam-passphrase")
    code, out, err = run("queue", "approve", draft_id, "--as", "Sam", "--digest", digest[:12])
    assert code == 0, err
    parts = mastodon_chain(mastodon, "council")
    assert len(parts) == 3 and all(p.endswith(f" {n}/3") for n, p in enumerate(parts, 1))
    assert " ".join(p.rsplit(" ", 1)[0] for p in parts) == LONG
    assert bluesky_chain(pds, did) == parts


@pytest.fixture
def faults(data_dir: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
           mastodon: MastodonTestServer, pds: PdsServer) -> Iterator[FaultDesk]:
    with FaultProxy(mastodon.url) as masto_proxy, FaultProxy(pds.url) as sky_proxy:
        yield make_fault_desk(data_dir, capsys, monkeypatch, mastodon, pds, masto_proxy,
                              sky_proxy, "threadkill")


@pytest.mark.parametrize("platform", ["mastodon", "bluesky"])
def test_killed_after_part_two_then_recover_posts_each_part_exactly_once(
        faults: FaultDesk, platform: str) -> None:
    """Parts 1 and 2 are answered; part 3 reaches the server, which stores it, and the process
    is killed before the answer arrives. ``safedesk recover`` must not send parts 1 or 2 again,
    and must find part 3 rather than send it a second time (the Mastodon server here ignores
    Idempotency-Key, so only looking saves it)."""
    proxy, route, account, text = (
        (faults.masto_proxy, MASTODON_POST, faults.masto_id, LONGER) if platform == "mastodon"
        else (faults.sky_proxy, BLUESKY_POST, faults.sky_id, LONG))
    target: list[subprocess.Popen[str]] = []
    proxy.on_answer(*route, times=2)  # parts 1 and 2: answered
    proxy.on_answer(*route, lambda: kill(target[0]), relay=False)  # part 3: stored, then death
    process = faults.start("post", "--account", account, "--text", text, "--thread")
    target.append(process)
    process.wait(timeout=120)
    texts = faults.mastodon_texts if platform == "mastodon" else faults.bluesky_texts
    assert len(texts()) == 3  # all three reached the server before the kill
    [row] = faults.history()
    assert row["state"] == "pending"

    recovered = faults.safedesk("recover")
    assert_no_traceback(recovered.stdout, recovered.stderr)
    assert recovered.returncode == 0, recovered.stdout + recovered.stderr
    [row] = faults.history()
    assert row["state"] == "published", row
    chain = mastodon_chain(faults.mastodon, "alice") if platform == "mastodon" \
        else bluesky_chain(faults.pds, faults.did)
    assert [p.rsplit(" ", 1)[1] for p in chain] == ["1/3", "2/3", "3/3"]  # once each, in order
    assert proxy.count(*route) == 3  # nothing was sent again
