"""A scripted session at the desk, in a process of its own; prints one JSON line of results.

The real window (``open_main_window`` with the real ``ThreadPoolRunner``) on a working copy of a
data set, as the data set's first approver, who also has ``--accounts`` personal Mastodon
accounts on test servers answering posts ``--delay`` seconds late (``slow_accounts``). Once the
window is idle (``qt_probe``), a precise timer ticks every 5 ms on the GUI thread for the whole
script, and the longest gap between ticks, less 5 ms, is the longest stall:

1. typing ``--chars`` characters into the personal compose box (to the slow accounts), a key
   every ``KEY_MS`` with a ``PAUSE_MS`` pause every ``PAUSE_EVERY`` characters (long enough for
   autosave and the preview), as real key events (``QTest.keyClicks``);
2. the same in the official compose box (to the three official accounts);
3. switching through every tab of each pane and back, ``TAB_MS`` apart;
4. selecting ``--queue-items`` posts in the queue, one after another (the first, then the Down
   key), ``QUEUE_MS`` apart;
5. publishing the personal post to the slow accounts with the send button, until the report is
   on screen (every server must hold the post, else it stops with an error), then
   ``SETTLE_MS`` more.

Then, with the ticking stopped, one compose keystroke on a 5,000-character official post to the
three official accounts: ``QTest.keyClicks`` of one letter into the real compose box, timed until
it returns (the counts, the autosave timer, anything connected to a text change), ``--keystrokes``
times; then what the box leaves for a pause in typing (the safety checks and their marks), timed
on its own; the anchor is the same keystroke in a bare QPlainTextEdit holding the same text, and the
pure per-keystroke check (``check_per_keystroke``) is timed too, and every policy rule with the
counting (``policy_per_keystroke``).

Run by ``benchmarks.figures``: python -m benchmarks.session_probe DATA_DIR PERSON [options]
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import argparse
import json
import statistics
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QMainWindow, QPlainTextEdit, QWidget

from benchmarks.check_per_keystroke import one_keystroke, sample_text
from benchmarks.policy_per_keystroke import one_keystroke as policy_keystroke
from benchmarks.policy_per_keystroke import policy_text
from benchmarks.qt_probe import (
    TickProbe,
    qt_application,
    quiet_qt_noise,
    run_event_loop,
    wait_until_idle,
)
from benchmarks.slow_accounts import SlowMastodonAccounts, check_sent, click_send_and_wait
from safedesk.app import Settings, build
from safedesk.core.models import Pane
from safedesk.gui.launch import open_main_window
from safedesk.gui.main_window import MainWindow
from safedesk.gui.pane import PaneWidget
from safedesk.gui.tasks import ThreadPoolRunner
from tests.servers.fake_credentials import MemoryCredentials

KEY_MS = 30
PAUSE_EVERY = 50
PAUSE_MS = 1_000
TAB_MS = 300
QUEUE_MS = 300
SETTLE_MS = 1_000
AFTER_SESSION = "(after the session: the keystroke figures)"
NOISE_MS = 2_000  # the anchor: how long a bare window is left ticking on its own
PUBLISH_TIMEOUT_S = 30.0
LONG_TEXT = 5_000
SENTENCES = ("Bins are collected on Monday this week. The library reopens at 9am. "
             "Road works on the A38 continue until Friday, so please use the diversion. ")


@dataclass(slots=True)
class Phases:
    """When each step of the script ran, to say where the longest stall fell."""

    marks: list[tuple[str, float]] = field(default_factory=list)

    def begin(self, name: str) -> None:
        self.marks.append((name, time.perf_counter()))

    def name_at(self, moment: float) -> str:
        current = self.marks[0][0]
        for name, start in self.marks:
            if start <= moment:
                current = name
        return current


def typed_text(chars: int) -> str:
    return (SENTENCES * (chars // len(SENTENCES) + 1))[:chars]


def type_into(widget: QWidget, text: str) -> None:
    for n, char in enumerate(text, start=1):
        QTest.keyClicks(widget, char)
        run_event_loop(PAUSE_MS if n % PAUSE_EVERY == 0 else KEY_MS)


def timed_keystrokes(widget: QWidget, count: int) -> list[float]:
    """Milliseconds each of ``count`` keystrokes took to be handled, ``KEY_MS`` apart."""
    timings = []
    for n in range(count):
        letter = "abcdefghij"[n % 10]
        start = time.perf_counter()
        QTest.keyClicks(widget, letter)
        timings.append((time.perf_counter() - start) * 1000)
        run_event_loop(KEY_MS)
    return timings


def script(window: MainWindow, slow: SlowMastodonAccounts, args: argparse.Namespace,
           phases: Phases) -> Iterator[Callable[[], None]]:
    """The steps, in order; each is run, then the next."""
    personal, official = window.panes[Pane.PERSONAL], window.panes[Pane.OFFICIAL]
    official_ids = [a.id for a in window.session.accounts(Pane.OFFICIAL)]

    def typing(pane_widget: PaneWidget, targets: list[str], name: str) -> Callable[[], None]:
        def step() -> None:
            phases.begin(name)
            compose = pane_widget.compose
            pane_widget.tabs.setCurrentIndex(0)
            compose.text.setFocus()
            compose.set_targets(targets)
            type_into(compose.text, typed_text(args.chars))
        return step

    yield typing(personal, slow.ids, "typing in the personal pane")
    yield typing(official, official_ids[:3], "typing in the official pane")

    def tabs() -> None:
        phases.begin("switching tabs")
        for pane_widget in (personal, official):
            for index in [*range(1, pane_widget.tabs.count()), 0]:
                pane_widget.tabs.setCurrentIndex(index)
                run_event_loop(TAB_MS)

    yield tabs

    def queue() -> None:
        phases.begin("selecting queue items")
        panel = official.queue
        if panel is None:
            raise RuntimeError("the person has no queue: not an approver")
        official.tabs.setCurrentWidget(panel)
        run_event_loop(TAB_MS)
        panel.list.setFocus()
        for n in range(min(args.queue_items, panel.list.count())):
            if n == 0:
                panel.list.setCurrentRow(0)
            else:
                QTest.keyClick(panel.list, Qt.Key.Key_Down)
            run_event_loop(QUEUE_MS)

    yield queue

    def publish() -> None:
        phases.begin(f"publishing to {len(slow.accounts)} accounts")
        personal.tabs.setCurrentIndex(0)
        chosen = range(len(slow.accounts))
        before = slow.counts(chosen)
        slow.slow_down_next_post(chosen)
        personal.compose.set_targets(slow.ids)
        try:
            sent = click_send_and_wait(personal, timeout_s=PUBLISH_TIMEOUT_S,
                                       grace_ms=SETTLE_MS)
        finally:
            slow.clear_faults()
        check_sent(sent, personal, len(slow.accounts), PUBLISH_TIMEOUT_S)
        slow.check_one_new_status(chosen, before)

    yield publish


def keystrokes(window: MainWindow, count: int) -> dict[str, float]:
    """One keystroke on a 5,000-character post, in the real compose box and in a bare one."""
    text = sample_text(LONG_TEXT)
    official = window.panes[Pane.OFFICIAL]
    official.tabs.setCurrentIndex(0)
    compose = official.compose
    compose.load_draft(None)
    compose.set_targets([a.id for a in window.session.accounts(Pane.OFFICIAL)][:3])
    compose.text.setPlainText(text)
    compose.text.setFocus()
    run_event_loop(SETTLE_MS)  # the autosave and preview that the pasted text set going
    real = timed_keystrokes(compose.text, count)
    # What a keystroke leaves for the pause in typing: the safety checks and their marks, run
    # by the box's own timer once typing pauses (timed here by running them as it would).
    at_pause = []
    for _ in range(count):
        QTest.keyClicks(compose.text, "k")
        start = time.perf_counter()
        compose.check_policy_now()
        at_pause.append((time.perf_counter() - start) * 1000)
        run_event_loop(KEY_MS)
    bare = QPlainTextEdit()
    bare.setPlainText(text)
    bare.resize(500, 300)
    bare.show()
    run_event_loop(100)
    anchor = timed_keystrokes(bare, count)
    bare.close()
    pure = []
    for n in range(count):
        start = time.perf_counter()
        one_keystroke(text[: len(text) - 6] + f"{n:06d}")  # a new text each time, as typed
        pure.append((time.perf_counter() - start) * 1000)
    flagged = policy_text(LONG_TEXT)
    policy_keystroke(flagged)  # the word list is read once, when the box first checks
    policy = []
    for n in range(count):
        start = time.perf_counter()
        policy_keystroke(flagged[: len(flagged) - 6] + f"{n:06d}")
        policy.append((time.perf_counter() - start) * 1000)
    return {"keystroke_ms": statistics.median(real), "keystroke_max_ms": max(real),
            "pause_check_ms": statistics.median(at_pause),
            "bare_keystroke_ms": statistics.median(anchor),
            "pure_check_ms": statistics.median(pure),
            "policy_check_ms": statistics.median(policy)}


def noise_floor() -> float:
    """The anchor for the stall: the longest stall of a bare window left idle for
    ``NOISE_MS`` in this process (what the machine and the timer do on their own)."""
    bare = QMainWindow()
    bare.resize(400, 300)
    bare.show()
    probe = TickProbe()
    probe.start()
    run_event_loop(NOISE_MS)
    probe.stop()
    bare.close()
    return max((probe.stall_ms(span) for span in probe.spans()), default=0.0)


def run(args: argparse.Namespace, phases: Phases | None = None) -> dict[str, object]:
    """The session; ``phases``, when given, is where each step's start is marked (a tool that
    watches the session from outside reads it to name the step a stall fell in)."""
    app = qt_application()
    floor = noise_floor()
    desk = build(Settings(Path(args.data_dir)), credentials=MemoryCredentials())
    person = desk.people.get(args.person)
    slow = SlowMastodonAccounts(desk, person, args.accounts, args.delay)
    runner = ThreadPoolRunner()
    window = open_main_window(desk, person, runner)
    try:
        window.show()
        wait_until_idle(app)
        phases = phases if phases is not None else Phases()
        probe = TickProbe()
        probe.start()
        started = time.perf_counter()
        try:
            for step in script(window, slow, args, phases):
                step()
        finally:
            probe.stop()
        ended = time.perf_counter()
        phases.begin(AFTER_SESSION)
        stalls: dict[str, float] = {}
        for span in probe.spans(started, ended):
            name = phases.name_at(span[1])
            stalls[name] = max(stalls.get(name, 0.0), probe.stall_ms(span))
        results: dict[str, object] = {
            "stall_ms": max(stalls.values(), default=0.0), "phases": stalls,
            "session_s": ended - started, "bare_stall_ms": floor}
        results.update(keystrokes(window, args.keystrokes))
        return results
    finally:
        window.close()
        runner.wait()
        run_event_loop(0)
        desk.close()
        slow.close()


def arguments(description: str | None = None) -> argparse.ArgumentParser:
    """The session's options (shared with ``stall_attribution``, which runs the same session)."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("data_dir")
    parser.add_argument("person")
    parser.add_argument("--chars", type=int, default=300)
    parser.add_argument("--queue-items", type=int, default=20)
    parser.add_argument("--accounts", type=int, default=4)
    parser.add_argument("--delay", type=float, default=1.0)
    parser.add_argument("--keystrokes", type=int, default=60)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = arguments(__doc__.splitlines()[0] if __doc__ else None).parse_args(argv)
    quiet_qt_noise()
    print(json.dumps(run(args)), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
