"""Publishing to several accounts from the desk: does the window stay responsive, and do the
accounts go out in parallel?

Everything is the real stack except the servers: an offscreen QApplication, the real MainWindow
(opened with ``open_main_window`` and the real ``ThreadPoolRunner``), the real SQLite store in a
temporary folder, the real PublishService and the real Mastodon adapter (Mastodon.py over HTTP,
through ``open_client`` with its default 20 s timeout). Each account lives on its own
``tests/servers/mastodon_server.py`` on 127.0.0.1 and was added through the real sign-in path
(``sign_in_with_token`` and ``SignInService.add``); its token is kept in an in-memory credential
store instead of the system keyring. "A server that answers after 1 s" is the test server's
``accept_then_stall`` fault: the status is stored at once and the answer comes ``DELAY_S`` later,
well inside the client's timeout, so the client sees a slow but successful post.

One round types a post into the personal compose box, clicks its send button, and runs the Qt
event loop until the progress panel shows the report. Meanwhile a precise QTimer on the GUI thread
ticks every ``TICK_MS``; a gap between ticks longer than that is time the GUI thread could not
handle events. For each round:

- wall time: from the click until the progress panel has put up the report (its ``finished``
  signal, emitted after the history and the drafts list have been reloaded);
- stall: the longest gap between ticks that overlaps that span, minus ``TICK_MS``;
- where the longest gap fell: at the click (saving the draft, starting the work), in flight (the
  workers holding the GIL, or anything else on the GUI thread), or at the report (showing it,
  reloading the history and the drafts list).

Rounds to ``ACCOUNTS`` accounts and to one account alternate, ``ROUNDS`` of each, with no warm-up:
the stall reported is the worst round to every account, the first included; the wall times are
medians. Those rounds start from an empty history, as the issue describes. Then ``HISTORY_POSTS`` earlier
posts to every account are written into the same store (through a PublishService whose client
answers at once, so it takes about a second) and ``ROUNDS`` more rounds to every account show the
stall once the desk has been in use for a while: the history tab and the drafts list are reloaded
on the GUI thread when each report arrives.

Mastodon.py is already imported when the rounds start (the sign-in in the setup loads it), as in
a session where an account was just added. Every round checks that each targeted server stored
exactly one new status and that the report says published; if not, the benchmark exits non-zero.

Run: .venv/bin/python -m benchmarks.publish_fanout
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import statistics
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType

from benchmarks.instant_client import InstantClient
from benchmarks.qt_probe import TICK_MS, TickProbe, qt_application, quiet_qt_noise, run_event_loop
from benchmarks.slow_accounts import (
    PublishFailedError,
    SlowMastodonAccounts,
    check_sent,
    click_send_and_wait,
)
from safedesk.app import SafeDesk, Settings, build
from safedesk.core.models import Account, Content, Pane, Person, Role
from safedesk.gui.launch import open_main_window
from safedesk.gui.main_window import MainWindow
from safedesk.gui.tasks import ThreadPoolRunner
from safedesk.services.publishing import PublishService
from tests.servers.fake_credentials import MemoryCredentials

ACCOUNTS = 4
DELAY_S = 1.0
ROUNDS = 3
HISTORY_POSTS = 250  # earlier posts to every account before the last rounds (4 x 250 rows)
STALL_GOAL_MS = 50.0
FANOUT_GOAL = 1.3
ROUND_TIMEOUT_S = 20.0  # the adapter's own timeout; a round that takes longer has gone wrong
SETTLE_MS = 100  # let the window finish what typing the post started before the click
GRACE_MS = 30  # keep ticking after the report, so the gap that contains it is closed

@dataclass(frozen=True, slots=True)
class Round:
    targets: int
    wall_s: float
    gaps_ms: tuple[float, ...]  # between GUI-thread ticks, from the click to the report
    longest_at: str  # "click", "in flight" or "report"

    @property
    def longest_gap_ms(self) -> float:
        return max(self.gaps_ms)

    @property
    def stall_ms(self) -> float:
        return max(0.0, self.longest_gap_ms - TICK_MS)


@dataclass(frozen=True, slots=True)
class FanoutResult:
    accounts: int
    delay_s: float
    many: tuple[Round, ...]  # rounds to every account
    one: tuple[Round, ...]  # rounds to the first account only
    history_posts: int = 0
    with_history: tuple[Round, ...] = ()  # rounds to every account after history_posts earlier

    @property
    def stall_with_history_ms(self) -> float:
        return max((r.stall_ms for r in self.with_history), default=0.0)

    @property
    def worst(self) -> Round:
        return max(self.many, key=lambda r: r.stall_ms)

    @property
    def stall_ms(self) -> float:
        return self.worst.stall_ms

    @property
    def median_gap_ms(self) -> float:
        return statistics.median(g for r in self.many for g in r.gaps_ms)

    @property
    def wall_many_s(self) -> float:
        return statistics.median(r.wall_s for r in self.many)

    @property
    def wall_one_s(self) -> float:
        return statistics.median(r.wall_s for r in self.one)

    @property
    def fanout_ratio(self) -> float:
        return self.wall_many_s / self.wall_one_s


class FanoutDesk:
    """The desk with ``accounts`` personal Mastodon accounts, one test server each, whose status
    posts are answered ``delay_s`` late. Use as a context manager: it cleans everything up."""

    def __init__(self, accounts: int = ACCOUNTS, delay_s: float = DELAY_S) -> None:
        self.accounts = accounts
        self.delay_s = delay_s
        self.slow: SlowMastodonAccounts | None = None
        self._folder: tempfile.TemporaryDirectory[str] | None = None
        self._app: SafeDesk | None = None
        self._runner: ThreadPoolRunner | None = None
        self._window: MainWindow | None = None
        self._person: Person | None = None
        self._sent = 0

    def __enter__(self) -> FanoutDesk:
        try:
            self._open()
        except BaseException:
            self.close()
            raise
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    @property
    def window(self) -> MainWindow:
        if self._window is None:
            raise RuntimeError("FanoutDesk is not open; use it in a with block")
        return self._window

    @property
    def account_list(self) -> list[Account]:
        return self.slow.accounts if self.slow is not None else []

    def _open(self) -> None:
        qt_application()
        self._folder = tempfile.TemporaryDirectory(prefix="safedesk-bench-")
        self._app = app = build(Settings(Path(self._folder.name) / "data"),
                                credentials=MemoryCredentials())
        admin = app.people.add("Ada Admin", Role.ADMIN, "bench-admin-pass")
        self._person = author = app.people.add("Jo Author", Role.AUTHOR, "bench-author-pass",
                                               added_by=admin)
        self.slow = SlowMastodonAccounts(app, author, self.accounts, self.delay_s)
        self._runner = ThreadPoolRunner()
        self._window = open_main_window(app, author, self._runner)
        self._window.show()
        run_event_loop(SETTLE_MS)

    def close(self) -> None:
        if self._window is not None:
            self._window.close()
            self._window.deleteLater()
            self._window = None
        if self._runner is not None:
            self._runner.wait()
            self._runner = None
        run_event_loop(0)  # deliver the deferred deletes
        if self._app is not None:
            self._app.close()
            self._app = None
        if self.slow is not None:
            self.slow.close()
            self.slow = None
        if self._folder is not None:
            self._folder.cleanup()
            self._folder = None

    def seed_history(self, posts: int) -> None:
        """``posts`` earlier posts to every account, stored as real publications."""
        if self._app is None or self._person is None:
            raise RuntimeError("FanoutDesk is not open; use it in a with block")
        app, person = self._app, self._person
        publisher = PublishService(app.store, app.clock, InstantClient, app.media,
                                   app.publisher.journal, app.publisher.locks)
        targets = tuple(a.id for a in self.account_list)
        for n in range(posts):
            draft = app.drafts.create(person, Pane.PERSONAL,
                                      Content(text=f"Earlier post {n}: road works.", targets=targets))
            if not publisher.publish(draft.id, person).complete:
                raise PublishFailedError(f"filling the history failed at post {n}")

    def publish_round(self, targets: int) -> Round:
        """Post to the first ``targets`` accounts by clicking the send button; measure."""
        if self.slow is None:
            raise RuntimeError("FanoutDesk is not open; use it in a with block")
        slow = self.slow
        pane = self.window.panes[Pane.PERSONAL]
        compose = pane.compose
        chosen = range(targets)
        before = slow.counts(chosen)
        slow.slow_down_next_post(chosen)
        self._sent += 1
        compose.set_targets([self.account_list[i].id for i in chosen])
        compose.text.setPlainText(f"Benchmark post {self._sent}: bins are collected on Monday.")
        if not compose.send_button.isEnabled():
            raise PublishFailedError(f"the send button is disabled: {compose.send_button.words()!r}")
        run_event_loop(SETTLE_MS)

        probe = TickProbe(TICK_MS)
        probe.start()
        try:
            sent = click_send_and_wait(pane, timeout_s=ROUND_TIMEOUT_S, grace_ms=GRACE_MS,
                                       click_after_ms=round(TICK_MS * 4))
        finally:
            probe.stop()
            slow.clear_faults()
        check_sent(sent, pane, targets, ROUND_TIMEOUT_S)
        slow.check_one_new_status(chosen, before)
        return self._measure(targets, probe, sent.click_at, sent.report_at or sent.click_at)

    @staticmethod
    def _measure(targets: int, probe: TickProbe, click: float, shown: float) -> Round:
        spans = probe.spans(click, shown)
        if not spans or spans[0][0] > click or spans[-1][1] < shown:
            raise PublishFailedError("the GUI-thread timer did not tick around the round")
        start, end = max(spans, key=lambda s: s[1] - s[0])
        where = "click" if start <= click else "report" if end >= shown else "in flight"
        return Round(targets, shown - click, tuple((b - a) * 1000 for a, b in spans), where)


def measure(accounts: int = ACCOUNTS, delay_s: float = DELAY_S, rounds: int = ROUNDS,
            history_posts: int = HISTORY_POSTS) -> FanoutResult:
    """Alternate rounds to every account and to one account, ``rounds`` of each; then, with
    ``history_posts`` earlier posts in the history, ``rounds`` more to every account."""
    many: list[Round] = []
    one: list[Round] = []
    later: list[Round] = []
    with FanoutDesk(accounts, delay_s) as desk:
        for _ in range(rounds):
            many.append(desk.publish_round(accounts))
            one.append(desk.publish_round(1))
        if history_posts:
            desk.seed_history(history_posts)
            later.extend(desk.publish_round(accounts) for _ in range(rounds))
    return FanoutResult(accounts, delay_s, tuple(many), tuple(one), history_posts, tuple(later))


def table(result: FanoutResult) -> str:
    """The goals as ratios (value ÷ goal; at most 1 meets the goal), then the raw numbers."""
    n, delay = result.accounts, f"{result.delay_s:g} s"
    rows = [
        (f"GUI thread longest stall ({n} accounts, {delay} servers)", result.stall_ms, "ms",
         STALL_GOAL_MS),
        (f"fan-out wall time, {n} accounts ÷ 1", result.fanout_ratio, "", FANOUT_GOAL),
    ]
    if result.with_history:
        rows.append((f"GUI thread longest stall, {result.history_posts} posts in history",
                     result.stall_with_history_ms, "ms", STALL_GOAL_MS))
    lines = [f"{'measure':52} {'value':>10} {'goal':>10} {'ratio':>7}"]
    lines.extend(f"{name:52} {value:7.2f} {unit:2} {goal:7.2f} {unit:2} {value / goal:7.2f}"
                 for name, value, unit, goal in rows)

    def walls(rounds: Sequence[Round]) -> str:
        return ", ".join(f"{r.wall_s:.3f}" for r in rounds)

    def stalls(rounds: Sequence[Round]) -> str:
        return ", ".join(f"{r.stall_ms:.1f} ({r.longest_at})" for r in rounds)

    worst = result.worst
    lines.append(f"  wall time, {n} accounts: {result.wall_many_s:.3f} s (median; rounds "
                 f"{walls(result.many)})")
    lines.append(f"  wall time, 1 account:  {result.wall_one_s:.3f} s (median; rounds "
                 f"{walls(result.one)})")
    lines.append(f"  GUI thread tick gaps publishing to {n}: median {result.median_gap_ms:.2f} ms, "
                 f"longest {worst.longest_gap_ms:.1f} ms (at the {worst.longest_at}); timer "
                 f"every {TICK_MS:g} ms")
    lines.append(f"  longest stall per round, ms: {n} accounts {stalls(result.many)}; "
                 f"1 account {stalls(result.one)}")
    if result.with_history:
        lines.append(f"  longest stall per round with {result.history_posts} earlier posts to the "
                     f"{n} accounts in the history, ms: {stalls(result.with_history)}")
    lines.append(f"({len(result.many)} rounds of each, alternating; ratio <= 1 meets the goal)")
    return "\n".join(lines)


def main() -> int:
    quiet_qt_noise()
    try:
        result = measure()
    except PublishFailedError as error:
        print(f"PUBLISHING FAILED, no numbers: {error}", file=sys.stderr)
        return 1
    print(table(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
