"""Each figure of the table, measured in processes of its own against an anchor from the same run.

A figure is the median of ``runs`` runs (after one unmeasured warm-up run of each process, except
in quick mode); its anchor is measured in the same runs, interleaved with it, so a busy machine
slows both. A goal is on the measured value, on measured ÷ anchor, or on measured - anchor
(``Goal.on``).

- start to idle: ``startup_probe`` from the parent's ``Popen`` to the child's "idle" reading;
  anchor: the bare PySide6 window. Idle RSS comes from the same children.
- the scripted session and the compose keystroke: ``session_probe``, each run on a fresh copy of
  the data set.
- ``history --json``, ``queue list --json`` and ``audit verify``: ``python -m safedesk`` (the CLI),
  wall time from start to exit and the child's own peak RSS (``benchmarks.peak_memory``); anchor: the same
  command on the data set with no drafts (the interpreter, SafeDesk's imports and, for
  ``history``, the passphrase check that ``--as`` asks for).
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import TypeVar

from benchmarks.datasets import APPROVER, PASSPHRASE, ROOT, Manifest
from benchmarks.policy_per_keystroke import ROW as POLICY_ROW

STARTUP_GOAL = 1.5
STARTUP_GOAL_LARGE = 2.0  # at 100k drafts and more
STALL_GOAL_MS = 50.0
KEYSTROKE_GOAL_MS = 5.0
LISTING_GOAL_S = 0.5  # history --json (the goal), queue list --json likewise
VERIFY_S_PER_100K = 1.0
VERIFY_MEMORY_MB = 80.0
IDLE_RSS_MB = 150.0
CHILD_TIMEOUT_S = 900.0
PERSON = APPROVER[0]
TIMES = "\N{MULTIPLICATION SIGN}"  # the unit of a growth ratio


class MeasureError(RuntimeError):
    """A measured process failed: there is no number to give."""


@dataclass(frozen=True, slots=True)
class Goal:
    limit: float
    on: str = "measured"  # "measured", "ratio" (measured ÷ anchor) or "excess" (- anchor)

    def met(self, measured: float, anchor: float | None) -> bool:
        if self.on == "ratio" and anchor:
            return measured / anchor <= self.limit
        if self.on == "excess" and anchor is not None:
            return measured - anchor <= self.limit
        return measured <= self.limit


@dataclass(slots=True)
class Figure:
    key: str  # the same figure at another size has the same key
    name: str
    drafts: int | None
    unit: str  # "ms", "s", "MB", or TIMES for a growth ratio
    goal: Goal | None
    runs: list[float]
    anchor_runs: list[float] = field(default_factory=list)
    anchor_name: str = ""
    note: str = ""

    @property
    def measured(self) -> float:
        return statistics.median(self.runs)

    @property
    def anchor(self) -> float | None:
        return statistics.median(self.anchor_runs) if self.anchor_runs else None

    @property
    def ratio(self) -> float | None:
        anchor = self.anchor
        return self.measured / anchor if anchor else None

    @property
    def at_goal(self) -> bool | None:
        return None if self.goal is None else self.goal.met(self.measured, self.anchor)


@dataclass(frozen=True, slots=True)
class Desk:
    """A data set's working copy (runs write to it; the cached set stays as built)."""

    drafts: int
    path: Path  # the SafeDesk data folder
    manifest: Manifest


def child_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "SAFEDESK_HOME"}
    env.update(QT_QPA_PLATFORM="offscreen", SAFEDESK_PASSPHRASE=PASSPHRASE,
               PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")])))
    return env


@dataclass(frozen=True, slots=True)
class Finished:
    wall_s: float
    peak_mb: float
    stdout: str


def run_child(args: Sequence[str]) -> Finished:
    """Run ``python ARGS`` from the repository root; wall time from start to exit. A module run
    as ``-m MODULE`` goes through ``benchmarks.peak_memory``, which gives its own peak RSS."""
    with tempfile.TemporaryDirectory(prefix="safedesk-bench-child-") as folder:
        out, err, peak = (Path(folder) / name for name in ("out", "err", "peak"))
        command = ["-m", "benchmarks.peak_memory", str(peak), *args[1:]] \
            if args[:1] == ["-m"] else list(args)
        with out.open("wb") as stdout, err.open("wb") as stderr:
            start = time.perf_counter()
            process = subprocess.run([sys.executable, *command], cwd=ROOT,  # noqa: S603
                                     env=child_env(), stdin=subprocess.DEVNULL, stdout=stdout,
                                     stderr=stderr, check=False, timeout=CHILD_TIMEOUT_S)
            wall = time.perf_counter() - start
        if process.returncode != 0:
            raise MeasureError(f"{' '.join(args)} exited with {process.returncode}:\n"
                               f"{err.read_text(errors='replace')[-3000:]}")
        peak_mb = float(peak.read_text("ascii")) if peak.exists() else float("nan")
        return Finished(wall, peak_mb, out.read_text(errors="replace"))


def last_json(text: str, what: str) -> dict[str, object]:
    for line in reversed(text.splitlines()):
        if line.startswith("{"):
            found: dict[str, object] = json.loads(line)
            return found
    raise MeasureError(f"{what} printed no result:\n{text[-2000:]}")


Result = TypeVar("Result")


def interleaved(runs: int, warm_up: bool,
                *measures: Callable[[], Result]) -> list[list[Result]]:
    """Run each measure once per round, ``runs`` rounds (plus one unmeasured warm-up round)."""
    results: list[list[Result]] = [[] for _ in measures]
    for round_number in range(runs + (1 if warm_up else 0)):
        for index, measure in enumerate(measures):
            value = measure()
            if round_number > 0 or not warm_up:
                results[index].append(value)
    return results


def startup_once(mode: Sequence[str]) -> dict[str, float]:
    start = time.monotonic()
    finished = run_child(["-m", "benchmarks.startup_probe", *mode])
    found = last_json(finished.stdout, "the start-up probe")
    return {"idle_ms": (float(str(found["idle"])) - start) * 1000,
            "shown_ms": (float(str(found["shown"])) - start) * 1000,
            "rss_mb": float(str(found["rss_mb"]))}


def startup(desk: Desk, runs: int, warm_up: bool) -> list[Figure]:
    bare_runs, desk_runs, widget_runs = interleaved(
        runs, warm_up, partial(startup_once, ["bare"]),
        partial(startup_once, ["safedesk", str(desk.path), PERSON]),
        partial(startup_once, ["widgets"]))
    shown = statistics.median(r["shown_ms"] for r in desk_runs)
    bare = statistics.median(r["idle_ms"] for r in bare_runs)
    widgets = statistics.median(r["idle_ms"] for r in widget_runs)
    goal = STARTUP_GOAL_LARGE if desk.drafts >= 100_000 else STARTUP_GOAL
    # What Qt alone costs for the kinds of widget the window shows (no SafeDesk code), so the
    # ratio can be read as Qt's part and SafeDesk's part.
    qt_part = (f"a window of the same kinds of widget with no SafeDesk code: {widgets:,.0f} ms "
               f"(ratio {widgets / bare:.2f} to the bare window)") if bare > 0 else ""
    return [
        Figure("startup", f"start to idle window, {desk.drafts:,} drafts", desk.drafts, "ms",
               Goal(goal, "ratio"), [r["idle_ms"] for r in desk_runs],
               [r["idle_ms"] for r in bare_runs], "bare PySide6 window, start to idle",
               f"shown after {shown:,.0f} ms; {qt_part}"),
        Figure("idle_rss", f"idle memory (RSS), {desk.drafts:,} drafts", desk.drafts, "MB",
               Goal(IDLE_RSS_MB), [r["rss_mb"] for r in desk_runs],
               [r["rss_mb"] for r in bare_runs], "bare PySide6 window, RSS at idle"),
    ]


def session(dataset: Path, drafts: int, runs: int, quick: bool,
            copy: Callable[[Path], Path]) -> list[Figure]:
    options = (["--chars", "20", "--queue-items", "3", "--accounts", "2", "--delay", "0.05",
                "--keystrokes", "10"] if quick else [])
    results = []
    for _ in range(runs):
        working = copy(dataset)
        try:
            finished = run_child(["-m", "benchmarks.session_probe", str(working), PERSON,
                                  *options])
        finally:
            shutil.rmtree(working, ignore_errors=True)  # a 100k copy is most of a gigabyte
        results.append(last_json(finished.stdout, "the session probe"))

    def values(name: str) -> list[float]:
        return [float(str(r[name])) for r in results]

    worst = max(results, key=lambda r: float(str(r["stall_ms"])))
    phases = worst["phases"] if isinstance(worst["phases"], dict) else {}
    where = max(phases, key=lambda p: phases[p]) if phases else "?"
    session_name = "tiny scripted session" if quick else "scripted session"
    return [
        Figure("stall", f"longest GUI stall, {session_name}, {drafts:,} drafts", drafts, "ms",
               Goal(STALL_GOAL_MS), values("stall_ms"), values("bare_stall_ms"),
               "bare window left idle 2 s, longest stall",
               f"worst run's longest while {where}; by step: " + ", ".join(
                   f"{name} {float(ms):.0f}" for name, ms in phases.items())),
        Figure("keystroke", f"compose keystroke, 5,000 characters, 3 accounts, {drafts:,} drafts",
               drafts, "ms", Goal(KEYSTROKE_GOAL_MS), values("keystroke_ms"),
               values("bare_keystroke_ms"), "bare QPlainTextEdit keystroke, same text",
               f"slowest keystroke {max(values('keystroke_max_ms')):.1f} ms; the safety checks "
               f"it leaves for the pause in typing "
               f"{statistics.median(values('pause_check_ms')):.1f} ms"),
        Figure("check", "length check per keystroke (pure part), 5,000 characters", None, "ms",
               Goal(KEYSTROKE_GOAL_MS), values("pure_check_ms"), values("bare_keystroke_ms"),
               "bare QPlainTextEdit keystroke, same text"),
        Figure("policy", POLICY_ROW, None, "ms", Goal(KEYSTROKE_GOAL_MS),
               values("policy_check_ms"), values("bare_keystroke_ms"),
               "bare QPlainTextEdit keystroke, same text"),
    ]


def cli(desk: Desk, empty: Desk, runs: int, warm_up: bool) -> list[Figure]:
    """``history --json``, ``queue list --json`` and ``audit verify`` on ``desk``, each against
    the same command on the empty desk."""
    commands = {
        "history": (["history", "--json", "--as", PERSON],
                    f"history --json, {desk.manifest.publications:,} publications"),
        "queue": (["queue", "list", "--json"],
                  f"queue list --json, {desk.manifest.waiting:,} waiting"),
        "verify": (["audit", "verify"], f"audit verify, {desk.manifest.events:,} events"),
    }
    figures = []
    for key, (command, name) in commands.items():
        measured, anchors = interleaved(
            runs, warm_up,
            partial(run_child, ["-m", "safedesk", "--data-dir", str(desk.path), *command]),
            partial(run_child, ["-m", "safedesk", "--data-dir", str(empty.path), *command]))
        anchor_name = f"the same command on {empty.drafts} drafts"
        if key == "verify":
            limit = VERIFY_S_PER_100K * max(1.0, desk.manifest.events / 100_000)
            figures.append(Figure("verify", name, desk.drafts, "s", Goal(limit),
                                  [r.wall_s for r in measured], [r.wall_s for r in anchors],
                                  anchor_name))
            figures.append(Figure("verify_memory", f"{name}, peak memory", desk.drafts, "MB",
                                  Goal(VERIFY_MEMORY_MB), [r.peak_mb for r in measured],
                                  [r.peak_mb for r in anchors], anchor_name))
        else:
            figures.append(Figure(key, name, desk.drafts, "s", Goal(LISTING_GOAL_S, "excess"),
                                  [r.wall_s for r in measured], [r.wall_s for r in anchors],
                                  anchor_name))
    return figures


GROWTH_GOAL = 1.2
# A command's time over the empty desk's is counted as at least this: below it, two runs of the
# same command differ by as much on this machine, and a growth of noise would mean nothing.
EXCESS_FLOOR_S = 0.05
_OVER_EMPTY = "time over the empty desk's"


@dataclass(frozen=True, slots=True)
class Growth:
    """What a growth row is about: its words, and whether a view shows it (then ≈ 1 is the
    goal; what reads everything grows with the history, and has a note instead)."""

    words: str
    shown_by_a_view: bool
    note: str = ""


GROWTH = {
    "startup": Growth("start to idle window, ratio to the bare window", True),
    "idle_rss": Growth("idle memory (RSS)", True),
    "stall": Growth("longest GUI stall", True),
    "keystroke": Growth("compose keystroke", True),
    "queue": Growth(f"queue list --json, {_OVER_EMPTY}", True),
    "history": Growth(f"history --json, {_OVER_EMPTY}", False,
                      "lists every publication, so it grows with the history"),
    "verify": Growth(f"audit verify, {_OVER_EMPTY} per event", False,
                     "reads the whole trail; per event it should stay near 1"),
    "verify_memory": Growth("audit verify, peak memory", True),
}


def growth(figures: Sequence[Figure], small: int, large: int,
           events: dict[int, int]) -> list[Figure]:
    """``large`` ÷ ``small`` for each figure measured at both: of the value its goal is on
    (start-up: the ratio to the bare window; listings: the time over the empty desk;
    audit verify: the time over the empty desk's, per event)."""
    by_key = {(f.key, f.drafts): f for f in figures}
    rows = []
    for key, about in GROWTH.items():
        a, b = by_key.get((key, small)), by_key.get((key, large))
        if a is None or b is None:
            continue
        value_a, value_b = _growth_value(a, events.get(small, 1)), \
            _growth_value(b, events.get(large, 1))
        if value_a <= 0:
            continue
        rows.append(Figure(
            f"growth_{key}", f"growth {size_words(large)} ÷ {size_words(small)}: {about.words}",
            None, TIMES, Goal(GROWTH_GOAL) if about.shown_by_a_view else None,
            [value_b / value_a], note=about.note))
    return rows


def size_words(drafts: int) -> str:
    """A desk's size as the growth rows name it: 100k, 10k, 1k, 100."""
    return f"{drafts // 1000}k" if drafts >= 1000 and drafts % 1000 == 0 else f"{drafts:,}"


def _growth_value(figure: Figure, events: int) -> float:
    if figure.goal is not None and figure.goal.on == "ratio" and figure.ratio is not None:
        return figure.ratio
    if figure.goal is not None and figure.goal.on == "excess" and figure.anchor is not None:
        return max(figure.measured - figure.anchor, EXCESS_FLOOR_S)
    if figure.key == "verify":  # the time over the empty desk's, per event
        return max(figure.measured - (figure.anchor or 0.0), EXCESS_FLOOR_S) / max(events, 1)
    return figure.measured
