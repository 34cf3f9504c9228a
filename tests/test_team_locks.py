"""Official drafts are locked on the team server while a publisher sends them, so that a
publisher on another machine tells a live publish from one whose process died."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from safedesk.core.errors import ConcurrentChangeError
from safedesk.storage.draft_locks import DraftLocks
from safedesk.team.locks import TeamDraftLocks
from tests.team_support import Team


def _locks(team: Team, tmp_path: Path, *, wait_s: float = 0.5) -> TeamDraftLocks:
    return TeamDraftLocks(DraftLocks(tmp_path / "locks"), team.conninfo("Pub"),
                          team.passwords["Pub"], lambda draft_id: draft_id.startswith("team-"),
                          wait_s=wait_s)


def test_a_live_publish_holds_the_draft_for_every_publisher(team: Team, tmp_path: Path) -> None:
    here, elsewhere = _locks(team, tmp_path / "a"), _locks(team, tmp_path / "b")
    with here.publishing("team-1"):
        with elsewhere.if_abandoned("team-1") as ours:
            assert ours is False
        with pytest.raises(ConcurrentChangeError, match="Another publisher"), \
                elsewhere.publishing("team-1"):
            pass
        with elsewhere.if_abandoned("team-2") as ours:
            assert ours is True  # another draft is free
    with elsewhere.if_abandoned("team-1") as ours:
        assert ours is True


def test_a_killed_publisher_releases_its_drafts(team: Team, tmp_path: Path) -> None:
    holder = textwrap.dedent(f"""
        import sys, time
        from pathlib import Path
        from safedesk.storage.draft_locks import DraftLocks
        from safedesk.team.locks import TeamDraftLocks
        locks = TeamDraftLocks(DraftLocks(Path({str(tmp_path / 'c')!r})), {team.conninfo('Pub')!r},
                               {team.passwords['Pub']!r}, lambda d: True)
        with locks.publishing("team-9"):
            print("holding", flush=True)
            time.sleep(60)
    """)
    child = subprocess.Popen([sys.executable, "-c", holder], stdout=subprocess.PIPE, text=True,
                             cwd=Path(__file__).parent.parent)
    try:
        assert child.stdout is not None and child.stdout.readline().strip() == "holding"
        with _locks(team, tmp_path / "d").if_abandoned("team-9") as ours:
            assert ours is False
        os.kill(child.pid, signal.SIGKILL)
        child.wait(10)
        # The server notices the dead session at once: its socket closed with the process.
        with _locks(team, tmp_path / "d").if_abandoned("team-9") as ours:
            assert ours is True
    finally:
        child.kill()
        child.wait(10)


def test_personal_drafts_keep_the_lock_file(team: Team, tmp_path: Path) -> None:
    locks = _locks(team, tmp_path)
    with locks.publishing("personal-1"), \
            DraftLocks(tmp_path / "locks").if_abandoned("personal-1") as ours:
        assert ours is False
