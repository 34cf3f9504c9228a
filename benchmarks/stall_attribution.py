"""What the GUI thread was doing during each long stall of the scripted session.

Wall-clock times on a shared machine are noisy, so a long stall is explained by what ran during
it, not by how long it took. This runs ``session_probe``'s session (the same steps, the same
options) with three watchers:

- a heartbeat: a precise 5 ms timer on the GUI thread; a gap between two beats longer than
  ``--threshold-ms`` (plus the 5 ms) is a long stall;
- a sampler thread that, whenever the heartbeat is late by more than ``--late-ms``, takes the GUI
  thread's Python stack (``sys._current_frames()``) every ``--sample-ms``, and the innermost
  frame of every other thread running Python (a worker holding the interpreter lock makes the
  GUI thread wait for it). When a sample arrives much later than it was asked for, something
  held the interpreter lock all that time without letting go (Qt's C++ called with the lock
  held, a C extension): the report says so;
- Python's cyclic garbage collector, through ``gc.callbacks``: every collection's generation and
  duration.

For each long stall it prints the step it fell in, its length, the collections in it and the
stacks that took its time (each sample weighted by the time since the previous one), then the
functions that took the most time over all long stalls. Run it from the repository root on a
cached data set (a fresh working copy is made and removed, as the benchmark does)::

    .venv/bin/python -m benchmarks.stall_attribution --size 10000 [--cache DIR] [--json FILE]
    .venv/bin/python -m benchmarks.stall_attribution --data-dir DESK_DATA_FOLDER

Any ``session_probe`` option may follow (``--chars 100``, ``--keystrokes 1``...). Sampling costs
the GUI thread a little only while it is already late, so the stalls it finds are the session's.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import argparse
import gc
import json
import shutil
import sys
import tempfile
import threading
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType
from typing import Any

from PySide6.QtCore import Qt, QTimer

from benchmarks import datasets, session_probe
from benchmarks.figures import PERSON
from benchmarks.qt_probe import TICK_MS, qt_application, quiet_qt_noise

ROOT = Path(__file__).resolve().parent.parent
OURS = ("safedesk/", "benchmarks/", "tests/")
MAX_DEPTH = 60


def where(frame: FrameType) -> str:
    """``path:function:line`` with the path made short (the repository's, or a library's)."""
    path = frame.f_code.co_filename
    if path.startswith(str(ROOT)):
        path = path[len(str(ROOT)) + 1:]
    elif "site-packages/" in path:
        path = path.split("site-packages/", 1)[1]
    elif "/lib/python" in path:
        path = "stdlib/" + path.rsplit("/", 1)[-1]
    return f"{path}:{frame.f_code.co_name}:{frame.f_lineno}"


def stack_of(frame: FrameType | None) -> tuple[str, ...]:
    """Outermost first."""
    frames = []
    while frame is not None and len(frames) < MAX_DEPTH:
        frames.append(where(frame))
        frame = frame.f_back
    return tuple(reversed(frames))


@dataclass(slots=True)
class Sample:
    asked: float  # when the sampler asked for the interpreter lock (its sleep's end)
    at: float  # when it had it and read the stacks
    gui: tuple[str, ...]
    others: tuple[str, ...]  # the innermost frame of every other thread running Python


@dataclass(slots=True)
class Collection:
    start: float
    end: float
    generation: int
    collected: int
    thread: str  # the thread whose allocation set it off (it holds the lock throughout)


@dataclass
class Watch:
    late_s: float
    sample_s: float
    beats: list[float] = field(default_factory=list)
    beat_cpu: list[float] = field(default_factory=list)  # the GUI thread's CPU time at each beat
    samples: list[Sample] = field(default_factory=list)
    collections: list[Collection] = field(default_factory=list)
    imports: list[tuple[float, str]] = field(default_factory=list)  # on the GUI thread
    imports_elsewhere: list[tuple[float, str]] = field(default_factory=list)  # on workers
    _gc_started: float = 0.0
    _stop: threading.Event = field(default_factory=threading.Event)

    def __post_init__(self) -> None:
        self._gui_thread = threading.main_thread().ident
        self._timer = QTimer()
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setInterval(round(TICK_MS))
        self._timer.timeout.connect(self._beat)
        self._thread = threading.Thread(target=self._sample, name="stall-sampler", daemon=True)

    def _beat(self) -> None:
        self.beats.append(time.perf_counter())
        self.beat_cpu.append(time.thread_time())

    def start(self) -> None:
        self._beat()
        self._timer.start()
        gc.callbacks.append(self._on_gc)
        sys.addaudithook(self._on_audit)  # for good: an audit hook cannot be taken off
        self._thread.start()

    def stop(self) -> None:
        self._timer.stop()
        self._stop.set()
        self._thread.join()
        gc.callbacks.remove(self._on_gc)

    def _on_gc(self, phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            self._gc_started = time.perf_counter()
        else:
            self.collections.append(Collection(self._gc_started, time.perf_counter(),
                                               info["generation"], info["collected"],
                                               threading.current_thread().name))

    def _on_audit(self, event: str, details: tuple[Any, ...]) -> None:
        if event == "import" and not self._stop.is_set():
            # A worker's import holds the interpreter lock while it reads a module's code in
            # one piece (and while Qt builds a class's signals), so the GUI thread waits too.
            mine = threading.get_ident() == self._gui_thread
            (self.imports if mine else self.imports_elsewhere).append(
                (time.perf_counter(), str(details[0])))

    def _sample(self) -> None:
        me = threading.get_ident()
        while not self._stop.is_set():
            # Waking needs the interpreter lock: a wake-up far later than asked for means the
            # lock (or the processor) was held from ``asked`` on, and the stacks read at once
            # show where its holder went on from.
            asked = time.perf_counter() + self.sample_s
            time.sleep(self.sample_s)
            woke = time.perf_counter()
            if not self.beats or (woke - self.beats[-1] < self.late_s and
                                  woke - asked < self.late_s):
                continue
            frames = sys._current_frames()
            at = time.perf_counter()
            gui = stack_of(frames.get(self._gui_thread))
            others = tuple(where(f) for ident, f in frames.items()
                           if ident not in (me, self._gui_thread) and f is not None)
            self.samples.append(Sample(asked, at, gui, others))


def focus(stack: tuple[str, ...]) -> tuple[str, ...]:
    """The part of a stack worth reading: from the outermost frame of SafeDesk's below the
    session script's own frames, to the innermost."""
    for n, frame in enumerate(stack):
        if frame.startswith("safedesk/"):
            return stack[n:]
    inner = [n for n, frame in enumerate(stack) if frame.startswith(OURS)]
    return stack[inner[-1]:] if inner else stack[-8:]


def innermost_ours(stack: tuple[str, ...]) -> str:
    for frame in reversed(stack):
        if frame.startswith("safedesk/"):
            return frame
    return stack[-1] if stack else "(no Python on the GUI thread)"


def report(watch: Watch, phases: session_probe.Phases, threshold_ms: float) -> dict[str, Any]:
    def step_at(moment: float) -> str:
        return (phases.name_at(moment) if phases.marks and moment >= phases.marks[0][1]
                else "(start-up, before the session)")

    stalls = []
    by_function: Counter[str] = Counter()
    by_leaf: Counter[str] = Counter()
    for n, (a, b) in enumerate(zip(watch.beats, watch.beats[1:], strict=False)):
        stall = (b - a) * 1000 - TICK_MS
        if stall < threshold_ms:
            continue
        # A sample asked for during the stall but read after it: the lock was held to the
        # end, and its stack is where the holder went on.
        inside = [s for s in watch.samples if a <= s.at <= b or a <= s.asked <= b]
        weights: Counter[tuple[str, ...]] = Counter()
        previous = a
        held = 0.0
        for sample in inside:
            moment = min(sample.at, b)
            weights[focus(sample.gui)] += (moment - previous) * 1000
            held = max(held, (sample.at - sample.asked) * 1000)
            previous = moment
        if b > previous:
            weights[("(after the last sample)",)] += (b - previous) * 1000
        for stack, ms in weights.items():
            for frame in set(stack):
                by_function[frame] += ms
            by_leaf[innermost_ours(stack)] += ms
        gcs = [{"generation": c.generation, "ms": round((c.end - c.start) * 1000, 1),
                "collected": c.collected}
               for c in watch.collections if c.end >= a and c.start <= b]
        others = Counter(o for s in inside for o in s.others)
        imported = [name for moment, name in watch.imports if a <= moment <= b]
        imported_elsewhere = [name for moment, name in watch.imports_elsewhere
                              if a <= moment <= b]
        stalls.append({
            "step": step_at(b),
            "at_s": round(a - watch.beats[0], 3), "ms": round(stall, 1),
            # Less than the stall: the GUI thread waited (for the processor on a busy machine,
            # for the interpreter lock, for a file or a lock) rather than worked.
            "gui_cpu_ms": round((watch.beat_cpu[n + 1] - watch.beat_cpu[n]) * 1000, 1),
            "samples": len(inside), "longest_lock_wait_ms": round(held, 1),
            "gc": gcs, "imported_on_the_gui_thread": imported[:20],
            "imported_by_other_threads": imported_elsewhere[:20],
            "stacks": [{"ms": round(ms, 1), "stack": list(stack)}
                       for stack, ms in weights.most_common(4)],
            "other_threads": [f"{frame} x{n}" for frame, n in others.most_common(3)]})
    gc_total: defaultdict[int, list[float]] = defaultdict(list)
    for c in watch.collections:
        gc_total[c.generation].append((c.end - c.start) * 1000)
    return {
        "steps": {name: round(start - watch.beats[0], 3) for name, start in phases.marks},
        "stalls": stalls,
        "long_collections": [
            {"at_s": round(c.start - watch.beats[0], 3), "generation": c.generation,
             "ms": round((c.end - c.start) * 1000, 1), "step": step_at(c.start),
             "thread": c.thread}
            for c in watch.collections if (c.end - c.start) * 1000 >= threshold_ms / 3],
        "by_innermost_safedesk_frame_ms": {k: round(v, 1) for k, v in by_leaf.most_common(25)},
        "by_function_inclusive_ms": {k: round(v, 1) for k, v in by_function.most_common(40)},
        "imported_on_the_gui_thread_during_the_session": sorted({
            name for moment, name in watch.imports
            if phases.marks and moment >= phases.marks[0][1]}),
        "gc_by_generation": {str(g): {"count": len(ms), "total_ms": round(sum(ms), 1),
                                      "longest_ms": round(max(ms), 1)}
                             for g, ms in sorted(gc_total.items())},
    }


def show(found: dict[str, Any], results: dict[str, object]) -> None:
    print(f"session: longest stall {results['stall_ms']:.0f} ms; by step "
          + ", ".join(f"{k} {v:.0f}" for k, v in dict(results["phases"]).items()))  # type: ignore[call-overload]
    print(f"collections: {found['gc_by_generation']}")
    for c in found["long_collections"]:
        print(f"   generation {c['generation']} at {c['at_s']} s: {c['ms']} ms, set off by "
              f"{c['thread']} while {c['step']}")
    for stall in found["stalls"]:
        gcs = ", ".join(f"gen {g['generation']} {g['ms']} ms" for g in stall["gc"]) or "none"
        print(f"\n== {stall['ms']} ms ({stall['gui_cpu_ms']} ms of the GUI thread's CPU) "
              f"at {stall['at_s']} s while {stall['step']}; "
              f"{stall['samples']} samples, longest wait for the lock "
              f"{stall['longest_lock_wait_ms']} ms; collections: {gcs}")
        if stall["imported_on_the_gui_thread"]:
            print("   imported: " + ", ".join(stall["imported_on_the_gui_thread"]))
        if stall["imported_by_other_threads"]:
            print("   imported by other threads: "
                  + ", ".join(stall["imported_by_other_threads"]))
        if stall["other_threads"]:
            print("   other threads: " + "; ".join(stall["other_threads"]))
        for entry in stall["stacks"]:
            print(f"   {entry['ms']:6.1f} ms  " + "\n              ".join(entry["stack"][-14:]))
    print("\n-- imported on the GUI thread during the session: "
          + (", ".join(found["imported_on_the_gui_thread_during_the_session"]) or "nothing"))
    print("\n-- time in long stalls by innermost SafeDesk frame:")
    for frame, ms in found["by_innermost_safedesk_frame_ms"].items():
        print(f"   {ms:7.1f} ms  {frame}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    group = parser.add_mutually_exclusive_group(required=True)
    group.add_argument("--size", type=int,
                       help="the data set of this many drafts (built first if not cached)")
    group.add_argument("--data-dir", type=Path, help="a desk's data folder (written to)")
    parser.add_argument("--cache", type=Path, default=datasets.DEFAULT_CACHE)
    parser.add_argument("--threshold-ms", type=float, default=30.0)
    parser.add_argument("--late-ms", type=float, default=10.0)
    parser.add_argument("--sample-ms", type=float, default=1.0)
    parser.add_argument("--json", type=Path, help="also write the findings here")
    ours, rest = parser.parse_known_args(argv)
    quiet_qt_noise()
    qt_application()
    work = Path(tempfile.mkdtemp(prefix="safedesk-stalls-"))
    try:
        if ours.size is not None:
            dataset, _manifest = datasets.ensure(ours.size, ours.cache)
            desk = datasets.copy_to(dataset, work)
        else:
            desk = ours.data_dir
        args = session_probe.arguments().parse_args([str(desk), PERSON, *rest])
        watch = Watch(ours.late_ms / 1000, ours.sample_ms / 1000)
        phases = session_probe.Phases()
        watch.start()
        try:
            results = session_probe.run(args, phases)
        finally:
            watch.stop()
    finally:
        shutil.rmtree(work, ignore_errors=True)
    findings = report(watch, phases, ours.threshold_ms)
    show(findings, results)
    if ours.json is not None:
        ours.json.write_text(json.dumps({"results": results, **findings}, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
