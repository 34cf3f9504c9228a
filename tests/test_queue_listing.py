"""``safedesk queue list`` reads each author and account once, however many posts wait."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from safedesk.app import SafeDesk
from safedesk.core.models import Content, Pane
from safedesk.storage import sqlite_errors
from tests.cli_support import Run
from tests.conftest import Cast


def _submit(desk: SafeDesk, cast: Cast, text: str) -> str:
    draft = desk.drafts.create(cast.author, Pane.OFFICIAL, Content(
        text=text, targets=(cast.council.id, cast.council_sky.id)))
    return desk.drafts.submit(draft.id, cast.author).id


def _listed(data_dir: Path, capsys: pytest.CaptureFixture[str],
            monkeypatch: pytest.MonkeyPatch) -> tuple[list[dict[str, object]], list[str]]:
    """``queue list --json``'s rows, and every statement its connections ran."""
    statements: list[str] = []
    opened = sqlite_errors.open_connection

    def traced(path: Path) -> sqlite3.Connection:
        conn = opened(path)
        conn.set_trace_callback(statements.append)
        return conn

    with monkeypatch.context() as patched:
        patched.setattr(sqlite_errors, "open_connection", traced)
        patched.setattr("safedesk.storage.sqlite_readers.open_connection", traced)
        patched.setattr("safedesk.storage.sqlite_store.open_connection", traced)
        code, out, err = Run(data_dir, capsys, monkeypatch)("queue", "list", "--json")
    assert code == 0, err
    return json.loads(out), statements


def test_the_queue_reads_each_author_and_account_once(
        desk: SafeDesk, cast: Cast, data_dir: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    first = _submit(desk, cast, "Bins go out on Tuesday")
    rows, one_waiting = _listed(data_dir, capsys, monkeypatch)
    assert [(r["id"], r["author"], r["accounts"], r["text"], r["flags"]) for r in rows] == [
        (first, "Jo Author", ["@council@social.example.gov.uk", "@council.example.gov.uk"],
         "Bins go out on Tuesday", [])]

    more = [_submit(desk, cast, f"Road {n} closed.\nWe were hacked, it was not us.")
            for n in range(4)]
    rows, five_waiting = _listed(data_dir, capsys, monkeypatch)
    assert [r["id"] for r in rows] == [first, *more]
    assert {r["author"] for r in rows} == {"Jo Author"}
    assert rows[-1]["flags"] == ["hacked", "was not us"]
    assert rows[-1]["text"] == "Road 3 closed."

    def reads(statements: list[str]) -> int:
        return sum(1 for s in statements if s.lstrip().upper().startswith("SELECT"))

    assert reads(five_waiting) == reads(one_waiting), five_waiting
