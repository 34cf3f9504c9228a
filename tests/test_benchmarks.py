"""The benchmarks still run: each is set up and measured in a tiny configuration.

Nothing here checks a timing (the machine is shared and noisy; the goals live in the benchmarks'
own tables). These tests only catch a benchmark broken by a change elsewhere.
"""

from __future__ import annotations

import json
import math
import re
import subprocess
import sys
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from benchmarks import __main__ as runner
from benchmarks import (
    audit_verify,
    check_per_keystroke,
    figures,
    policy_per_keystroke,
    publish_fanout,
    team_queue,
)
from safedesk.core.models import Pane


def test_policy_per_keystroke_probe_runs() -> None:
    """The probe finds what its text carries (so it times real work), and times every round."""
    findings = policy_per_keystroke.one_keystroke(policy_per_keystroke.policy_text())
    assert {"profanity", "hidden_text", "links", "hashtags", "wrong_pane", "election",
            "party_politics"} <= {f.rule for f in findings}
    personal = policy_per_keystroke.one_keystroke(policy_per_keystroke.policy_text(),
                                                  Pane.PERSONAL)
    assert {"politically_restricted", "wrong_pane"} <= {f.rule for f in personal}
    for pane in Pane:
        timings = policy_per_keystroke.measure(rounds=3, pane=pane)
        assert len(timings) == 3 and all(ms > 0 for ms in timings)


def test_per_keystroke_check_runs() -> None:
    text = check_per_keystroke.sample_text()
    assert len(text) == 5000
    check_per_keystroke.one_keystroke(text)


def test_publish_fanout_runs_and_gives_numbers(qtbot: QtBot) -> None:
    result = publish_fanout.measure(accounts=2, delay_s=0.05, rounds=1, history_posts=3)
    rounds = result.many + result.one + result.with_history
    assert [r.targets for r in rounds] == [2, 1, 2]
    for value in (result.stall_ms, result.median_gap_ms, result.fanout_ratio,
                  result.stall_with_history_ms, *(r.wall_s for r in rounds)):
        assert math.isfinite(value)
        assert value >= 0
    assert all(r.longest_at in {"click", "in flight", "report"} for r in rounds)
    table = publish_fanout.table(result)
    assert "GUI thread longest stall (2 accounts, 0.05 s servers)" in table
    assert "fan-out wall time, 2 accounts ÷ 1" in table


def test_audit_verify_benchmark_runs_clean() -> None:
    result = audit_verify.measure(events=60)
    assert result.events == 3 + 9 * audit_verify.EVENTS_PER_POST  # two people, one account
    assert result.findings == 0
    assert math.isfinite(result.verify_s) and result.verify_s >= 0
    assert result.peak_mb > 0
    assert "audit verify, 57 events (s per 100k)" in audit_verify.table(result)


def test_team_queue_benchmark_gives_its_table() -> None:
    result = team_queue.measure(drafts=24, submitted=6, desks=2, runs=2, submits_per_run=2,
                                writers=2)
    assert (result.drafts, result.submitted, result.desks) == (24, 6, 2)
    assert [f.goal_s for f in result.figures] == [team_queue.NOTIFY_GOAL_S,
                                                  team_queue.QUEUE_GOAL_S,
                                                  team_queue.APPROVE_GOAL_S]
    for figure in result.figures:
        assert len(figure.runs_s) == len(figure.anchor_runs_s) == 2
        for value in (*figure.runs_s, *figure.anchor_runs_s):
            assert math.isfinite(value) and value > 0
    assert all(math.isfinite(seconds) and seconds > 0 for _, seconds in result.extras)
    table = team_queue.table(result)
    for row in ("NOTIFY to visible on 2 desks, 95th percentile", "open the queue, 6 waiting",
                "approve round trip", "bare NOTIFY, p95", "SELECT 1"):
        assert row in table


QUICK_SIZES = ("100 drafts", "1,000 drafts")
QUICK_ROWS = ("start to idle window, {size}", "idle memory (RSS), {size}",
              "longest GUI stall, tiny scripted session, {size}",
              "compose keystroke, 5,000 characters, 3 accounts, {size}")
SIZE_FREE_ROWS = ("length check per keystroke (pure part), 5,000 characters",
                  "all policy rules with counting per keystroke, 5,000 characters",
                  "history --json, ", "queue list --json, ", "audit verify, ", "peak memory")
NUMBER = re.compile(r"^\d[\d,]*(\.\d+)? (ms|s|MB)$")
GROWTH = re.compile(rf"^\d+\.\d\d{figures.TIMES}$")
GROWTH_GOAL = f"≤ {figures.GROWTH_GOAL:.2f}{figures.TIMES}"


def cells(row: str) -> list[str]:
    return [cell.strip() for cell in row.strip("|").split("|")]


def number(cell: str) -> float:
    return float(cell.split(maxsplit=1)[0].rstrip(figures.TIMES).replace(",", ""))


def test_the_runner_gives_one_table_with_every_figure(tmp_path: Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    """``python -m benchmarks --quick``: data sets made (or taken from the cache), every figure
    measured once against its anchor at 100 and 1,000 drafts, how each grew from one to the
    other, the table printed and written where --output says."""
    output = tmp_path / "performance.md"
    recorded = runner.DOCUMENT.read_text("utf-8") if runner.DOCUMENT.exists() else None
    assert runner.main(["--quick", "--output", str(output)]) == 0
    now = runner.DOCUMENT.read_text("utf-8") if runner.DOCUMENT.exists() else None
    assert now == recorded  # the recorded measurements are the full run's, never the test's
    printed = capsys.readouterr().out
    rows = [line for line in printed.splitlines() if line.startswith("| ")][1:]
    measured_rows = [r for r in rows if not r.startswith("| growth ")]
    names = [*(name.format(size=size) for size in QUICK_SIZES for name in QUICK_ROWS),
             *SIZE_FREE_ROWS]
    for name in names:
        matching = [r for r in measured_rows if name in r]
        assert matching, f"no row for {name!r} in:\n{printed}"
        for row in matching:
            _figure, goal, measured, anchor, ratio, verdict = cells(row)
            assert goal.startswith(("≤", "ratio ≤")), row
            assert NUMBER.match(measured) and NUMBER.match(anchor), row
            assert float(ratio) > 0, row
            assert verdict in {"yes", "**no**"}, row
    # Each size's figures; the length check and the policy rules once (neither depends on the
    # desk). The bundle's rows need two PyInstaller builds: never in quick mode.
    assert len(measured_rows) == 2 * 8 + 2
    assert not any("bundle" in row for row in rows)

    by_name = {cells(r)[0]: cells(r) for r in rows}
    for about in figures.GROWTH.values():  # every figure measured at both sizes
        growth = by_name.get(f"growth 1k ÷ 100: {about.words}")
        assert growth is not None, f"no growth row for {about.words!r} in:\n{printed}"
        _figure, goal, measured, anchor, ratio, verdict = growth
        assert GROWTH.match(measured), growth
        has_goal = about.shown_by_a_view
        assert (goal, anchor, ratio) == (GROWTH_GOAL if has_goal else "—", "—", "—"), growth
        assert verdict in ({"yes", "**no**"} if has_goal else {"—"}), growth
    assert len(rows) - len(measured_rows) == len(figures.GROWTH)

    def at(name: str, size: str, column: int) -> float:
        return number(by_name[f"{name}, {size}"][column])

    # The growth of memory is the larger desk's over the smaller's; of start-up, the ratio to
    # the bare window at one size over that at the other (both as printed, so only roughly).
    rss = at("idle memory (RSS)", "1,000 drafts", 2) / at("idle memory (RSS)", "100 drafts", 2)
    startup = at("start to idle window", "1,000 drafts", 4) / \
        at("start to idle window", "100 drafts", 4)
    grew = {key: number(by_name[f"growth 1k ÷ 100: {about.words}"][2])
            for key, about in figures.GROWTH.items()}
    assert grew["idle_rss"] == pytest.approx(rss, rel=0.02, abs=0.01)
    assert grew["startup"] == pytest.approx(startup, rel=0.03, abs=0.01)

    document = output.read_text("utf-8")
    assert "Python" in document and "Qt" in document  # the machine it was measured on
    assert all(row in document for row in rows)


def test_an_older_cached_data_set_is_brought_up_to_date_not_built_again(tmp_path: Path) -> None:
    """A cached set at an older schema is opened with SafeDesk (which migrates it, as after an
    upgrade) and kept under the new key; the old copy goes, and the report says so."""
    from benchmarks import datasets
    from benchmarks.report import datasets_words

    built_path, built = datasets.ensure(0, tmp_path, say=lambda _words: None)
    older_key = datasets.dataset_key(0).replace(f"schema{built.schema}",
                                                f"schema{built.schema - 1}")
    built_path.rename(tmp_path / older_key)
    said: list[str] = []
    path, manifest = datasets.ensure(0, tmp_path, say=said.append)
    assert path == built_path and (path / "data").is_dir()
    assert manifest.upgraded_from == built.schema - 1 and manifest.schema == built.schema
    assert manifest.build_s == built.build_s  # the history was not made again
    assert not (tmp_path / older_key).exists()
    upgrading = f"upgrading the 0-draft data set from schema {built.schema - 1} to {built.schema}"
    assert said == [upgrading]
    assert datasets.cached(0, tmp_path) == manifest
    assert "brought to" in datasets_words([manifest])


def test_the_bundle_benchmark_is_keyed_by_what_the_bundle_is_made_from(tmp_path: Path) -> None:
    """``python -m benchmarks`` (not --quick) builds the two bundles once per change of the lock,
    the spec, the entry points or SafeDesk's code, and reuses them otherwise."""
    from benchmarks import bundle

    assert bundle.bundle_key() == bundle.bundle_key()
    assert {"requirements/packaging.txt", "packaging/safedesk.spec"} <= set(bundle._INPUTS)
    cached = tmp_path / "bundles" / bundle.bundle_key()
    for name in (bundle.APP, bundle.ANCHOR):
        (cached / name).mkdir(parents=True)
        (cached / name / name).write_text("")
    assert bundle.ensure_bundles(tmp_path) == cached  # nothing rebuilt
    code = bundle.probe_code(["bare"])
    assert "from benchmarks.startup_probe import run" in code and "['bare']" in code


def test_the_stall_attribution_names_each_step_and_what_ran_in_its_stalls(tmp_path: Path) -> None:
    """``python -m benchmarks.stall_attribution``: the session on a fresh 0-draft desk, with
    every pause of the GUI thread over 5 ms explained."""
    found = tmp_path / "stalls.json"
    ran = subprocess.run(
        [sys.executable, "-m", "benchmarks.stall_attribution", "--size", "0", "--cache",
         str(tmp_path / "cache"), "--threshold-ms", "5", "--json", str(found),
         "--chars", "20", "--queue-items", "3", "--accounts", "2", "--delay", "0.05",
         "--keystrokes", "2"],
        check=False, capture_output=True, text=True, timeout=300,
        cwd=Path(__file__).resolve().parent.parent)
    assert ran.returncode == 0, ran.stdout[-3000:] + ran.stderr[-3000:]  # says why, if it fails
    report = json.loads(found.read_text("utf-8"))
    assert list(report["steps"])[:3] == ["typing in the personal pane",
                                         "typing in the official pane", "switching tabs"]
    assert report["results"]["stall_ms"] >= 0 and report["stalls"]  # start-up pauses, at least
    for stall in report["stalls"]:
        assert stall["ms"] >= 5 and stall["step"] and stall["stacks"]
        assert stall["gui_cpu_ms"] >= 0 and isinstance(stall["gc"], list)
