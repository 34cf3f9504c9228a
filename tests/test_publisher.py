"""``safedesk publisher run``: the headless publisher sends approved official posts, scheduled or
not, to the real Bluesky PDS and the Mastodon test server, exactly once, and nothing else.

Jo (author) writes, Sam (approver) approves on the desk without publishing (as in team mode,
where an approver's desk never publishes), and Pat runs the publisher. The accounts reach their
servers through fault proxies, so a test can stop or kill the publisher at the worst moment.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from safedesk.app import Settings, build
from safedesk.cli.console import ExitCode
from safedesk.core.models import Content, DraftState, Pane
from safedesk.team.publisher import HEARTBEAT_FILE
from tests.cli_support import as_person
from tests.publisher_support import MASTODON_POST, Office, open_office
from tests.servers.mastodon_server import MastodonTestServer
from tests.servers.pds_harness import PdsServer

pytestmark = pytest.mark.skipif(
    not os.environ.get("SAFEDESK_TEST_SECRET_SERVICE"),
    reason="the publisher keeps the official secrets in the real Secret Service that "
           "scripts/test.sh starts",
)


@pytest.fixture
def office(data_dir: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
           mastodon: MastodonTestServer, pds: PdsServer,
           request: pytest.FixtureRequest) -> Iterator[Office]:
    prefix = request.node.name.removeprefix("test_")[:10].replace("_", "")
    with open_office(data_dir, capsys, monkeypatch, mastodon, pds, prefix) as ready:
        yield ready


def test_the_publisher_sends_approved_and_due_posts_and_nothing_else(office: Office) -> None:
    both = (office.masto_id, office.sky_id)
    [unscheduled] = office.approve(["Bins are collected on Monday this week"], both)
    [due] = office.approve(["The library reopens today"], both,
                           schedule_at=datetime.now(UTC) - timedelta(seconds=30))
    [later] = office.approve(["Fireworks on Saturday"], both,
                             schedule_at=datetime.now(UTC) + timedelta(hours=1))
    app = build(Settings(office.data_dir))
    try:  # submitted but not approved: never the publisher's
        jo = app.people.authenticate("Jo", "jo-passphrase")
        waiting = app.drafts.create(jo, Pane.OFFICIAL, Content(text="Not approved", targets=both))
        app.drafts.submit(waiting.id, jo)
    finally:
        app.close()

    code, out, err = office.run("publisher", "run", "--once", "--as", "Pat")
    assert code == ExitCode.OK, out + err
    assert Counter(office.mastodon_texts()) == Counter(
        ["Bins are collected on Monday this week", "The library reopens today"])
    assert Counter(office.bluesky_texts()) == Counter(office.mastodon_texts())
    states = office.states()
    assert (states[unscheduled], states[due]) == ("published", "published")
    assert (states[later], states[waiting.id]) == ("approved", "submitted")
    # One line per post and account, in words, with the link.
    published = [line for line in out.splitlines() if " published draft " in line]
    assert len(published) == 4, out
    assert any(f'draft {unscheduled} "Bins are collected on Monday this week" as @council@'
               in line and "http" in line for line in published), out
    beat = json.loads((office.data_dir / HEARTBEAT_FILE).read_text())
    assert beat["host"] and beat["beat_at"] >= beat["started_at"]

    # The next round, as its own process, finds nothing due, sends nothing, and never loads Qt.
    check = ("import sys\nfrom safedesk.cli.main import main\ncode = main(sys.argv[1:])\n"
             "print('Qt loaded:', sorted(m for m in sys.modules if m.startswith(('PySide6', "
             "'shiboken6'))))\nsys.exit(code)")
    done = subprocess.run([sys.executable, "-c", check, *office.command("--once")[1:]],
                          capture_output=True, text=True, timeout=120, check=False,
                          env=dict(os.environ, SAFEDESK_PASSPHRASE="pat-passphrase"))
    assert done.returncode == 0, done.stdout + done.stderr
    assert "nothing was due" in done.stdout and "Qt loaded: []" in done.stdout
    assert len(office.mastodon_texts()) == 2 and len(office.bluesky_texts()) == 2
    assert office.run("audit", "verify")[0] == 0


def test_two_publishers_at_once_send_each_of_50_posts_exactly_once(office: Office) -> None:
    texts = [f"Notice {n}: the council meets on Thursday" for n in range(50)]
    office.approve(texts, (office.masto_id, office.sky_id),
                   schedule_at=datetime.now(UTC) - timedelta(seconds=20))
    publishers = [office.start("--interval", "1") for _ in range(2)]
    try:
        deadline = time.monotonic() + 240
        while set(office.states().values()) != {"published"}:
            assert time.monotonic() < deadline, office.states()
            assert all(p.poll() is None for p in publishers)
            time.sleep(1)
    finally:
        for process in publishers:
            process.send_signal(signal.SIGTERM)
    outputs = [p.communicate(timeout=60) for p in publishers]
    for process, (out, err) in zip(publishers, outputs, strict=True):
        assert process.returncode == 0, out + err
        assert out.rstrip().endswith("publisher stopped"), out
        assert "Traceback" not in err, err
        assert "FAILED" not in out and "NOT KNOWN" not in out, out  # the loser just skips
    for sent in (Counter(office.mastodon_texts()), Counter(office.bluesky_texts())):
        assert sent == Counter(texts)  # every post, each exactly once
    lines = [line for out, _ in outputs for line in out.splitlines() if " published draft " in line]
    assert len(lines) == 100  # each publication logged once, by whichever publisher sent it
    _code, out, _ = office.run("audit", "export", "--format", "json")
    claims = Counter(e["subject"] for e in json.loads(out)["events"]
                     if e["action"] == "draft.start_publish")
    assert len(claims) == 50 and set(claims.values()) == {1}


def wait_for_line(process: subprocess.Popen[str], text: str, timeout: float = 60) -> str:
    assert process.stdout is not None
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        line = process.stdout.readline()
        if text in line:
            return line
        assert line or process.poll() is None, "the publisher ended early"
    raise AssertionError(f"no line with {text!r}")


def test_sigterm_finishes_the_post_in_hand_then_stops(office: Office) -> None:
    first, second = office.approve(["First of two", "Second of two"], (office.masto_id,))
    process: list[subprocess.Popen[str]] = []
    # SIGTERM arrives while the server is answering the first post.
    office.masto_proxy.on_answer(*MASTODON_POST, lambda: process[0].send_signal(signal.SIGTERM))
    process.append(office.start("--interval", "30"))
    out, err = process[0].communicate(timeout=120)
    assert process[0].returncode == 0, out + err
    assert f'published draft {first} "First of two"' in out
    assert out.rstrip().endswith("publisher stopped") and "Traceback" not in err
    assert office.mastodon_texts() == ["First of two"]
    states = office.states()
    assert (states[first], states[second]) == ("published", "approved")  # recorded, not begun

    code, out, err = office.run("publisher", "run", "--once", "--as", "Pat")
    assert code == ExitCode.OK, out + err
    assert Counter(office.mastodon_texts()) == Counter(["First of two", "Second of two"])


def test_a_publisher_killed_mid_post_is_finished_by_the_next_without_a_duplicate(
        office: Office) -> None:
    [draft_id] = office.approve(["Killed while posting"], (office.masto_id, office.sky_id))
    process: list[subprocess.Popen[str]] = []
    # The server makes the post; the publisher is killed before it hears so.
    office.masto_proxy.on_answer(*MASTODON_POST, lambda: process[0].send_signal(signal.SIGKILL),
                                 relay=False)
    process.append(office.start("--interval", "30"))
    process[0].communicate(timeout=120)
    assert process[0].returncode == -signal.SIGKILL
    assert office.mastodon_texts() == ["Killed while posting"]
    assert office.states()[draft_id] == "publishing"

    code, out, err = office.run("publisher", "run", "--once", "--as", "Pat")
    assert code == ExitCode.OK, out + err
    assert f'after an interruption, published draft {draft_id} "Killed while posting"' in out
    assert office.mastodon_texts() == ["Killed while posting"]
    assert office.bluesky_texts() == ["Killed while posting"]
    assert office.states()[draft_id] == DraftState.PUBLISHED.value
    assert office.masto_proxy.count(*MASTODON_POST) == 1  # looked for, never sent again


def test_bad_input_is_refused_and_a_publisher_whose_person_is_disabled_stops(
        office: Office, monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(SystemExit) as usage:  # argparse's own exit, code 2
        office.run("publisher", "run", "--once", "--interval", "soon", "--as", "Pat")
    assert usage.value.code == ExitCode.BAD_INPUT
    assert "is not a number of seconds" in office.run.capsys.readouterr().err
    code, _, err = office.run("publisher", "run", "--once")
    assert code == ExitCode.BAD_INPUT and "--as NAME" in err

    process = office.start("--interval", "0.2")
    wait_for_line(process, "publisher started as Pat")
    as_person(monkeypatch, "ada-passphrase")
    assert office.run("people", "disable", "Pat", "--as", "Ada")[0] == 0
    _out, err = process.communicate(timeout=60)
    assert process.returncode == ExitCode.NOT_ALLOWED
    assert "Pat is disabled in SafeDesk, so this publisher stops" in err
    assert "Traceback" not in err
