"""Personal Mastodon accounts whose servers answer a post late, for the GUI benchmarks.

Each account lives on its own ``tests/servers/mastodon_server.py`` on 127.0.0.1 and is added
through the real sign-in path (``sign_in_with_token`` and ``SignInService.add``), so publishing
to it is the real Mastodon adapter over HTTP. "A server that answers after ``delay_s``" is the
test server's ``accept_then_stall`` fault: the status is stored at once and the answer comes
``delay_s`` later, well inside the client's 20 s timeout, so the client sees a slow but
successful post.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QEventLoop, QTimer

from safedesk.app import SafeDesk
from safedesk.core.models import Account, Pane, Person
from safedesk.gui.pane import PaneWidget
from safedesk.platforms.mastodon_common import SCOPES
from safedesk.platforms.mastodon_signin import sign_in_with_token
from safedesk.services.publishing import PublishReport
from safedesk.services.signin import mastodon_account
from tests.servers.mastodon_server import MastodonTestServer

STATUSES = "/api/v1/statuses"


class PublishFailedError(RuntimeError):
    """Publishing itself went wrong, so the numbers would mean nothing."""


class SlowMastodonAccounts:
    """``count`` personal accounts of ``person``, one test server each. Call :meth:`close`."""

    def __init__(self, app: SafeDesk, person: Person, count: int, delay_s: float) -> None:
        self.delay_s = delay_s
        self.servers: list[MastodonTestServer] = []
        self.accounts: list[Account] = []
        self._usernames: list[str] = []
        try:
            for n in range(1, count + 1):
                server = MastodonTestServer(default_username=None).start()
                self.servers.append(server)
                username = f"officer{n}"
                token = server.create_user(username, scopes=" ".join(SCOPES))
                identity = sign_in_with_token(server.url, token, timeout=5.0)
                self.accounts.append(app.signin.add(Pane.PERSONAL, mastodon_account(identity),
                                                    person))
                self._usernames.append(username)
        except BaseException:
            self.close()
            raise

    @property
    def ids(self) -> list[str]:
        return [a.id for a in self.accounts]

    def statuses(self, index: int) -> int:
        return len(self.servers[index].statuses_for(self._usernames[index]))

    def counts(self, indices: Iterable[int]) -> list[int]:
        return [self.statuses(i) for i in indices]

    def slow_down_next_post(self, indices: Iterable[int]) -> None:
        for i in indices:
            self.servers[i].accept_then_stall("POST", STATUSES, self.delay_s, times=1)

    def clear_faults(self) -> None:
        for server in self.servers:
            server.clear_faults()

    def check_one_new_status(self, indices: Sequence[int], before: Sequence[int]) -> None:
        """Each of these servers holds exactly one more status than ``before``, and none
        crashed; else :class:`PublishFailedError`."""
        after = self.counts(indices)
        if [a - b for a, b in zip(after, before, strict=True)] != [1] * len(indices):
            raise PublishFailedError(f"statuses per server went from {list(before)} to {after}, "
                                     "not +1")
        for i in indices:
            if self.servers[i].crashes:
                raise PublishFailedError(f"a test server crashed: {self.servers[i].crashes[-1]}")

    def close(self) -> None:
        for server in self.servers:
            server.stop()
        self.servers.clear()


@dataclass(frozen=True, slots=True)
class Sent:
    """One click on a pane's send button: when, when its report was on screen (None if it never
    was), and the reports the progress panel gave."""

    click_at: float
    report_at: float | None
    reports: tuple[PublishReport, ...]


def click_send_and_wait(pane: PaneWidget, *, timeout_s: float, grace_ms: int,
                        click_after_ms: int = 0) -> Sent:
    """Click ``pane``'s send button after ``click_after_ms`` and run the event loop until its
    progress panel has put up the report, and ``grace_ms`` more (or ``timeout_s`` passed)."""
    compose, progress = pane.compose, pane.progress
    marks: dict[str, float] = {}
    reports: list[PublishReport] = []
    loop = QEventLoop()

    def click() -> None:
        marks["click"] = time.perf_counter()
        compose.send_button.click()

    def shown(report: object) -> None:
        marks["report"] = time.perf_counter()
        if isinstance(report, PublishReport):
            reports.append(report)
        QTimer.singleShot(grace_ms, loop.quit)

    progress.finished.connect(shown)
    guard = QTimer()
    guard.setSingleShot(True)
    guard.timeout.connect(loop.quit)
    try:
        guard.start(round(timeout_s * 1000))
        QTimer.singleShot(click_after_ms, click)
        loop.exec()
    finally:
        guard.stop()
        progress.finished.disconnect(shown)
    return Sent(marks.get("click", time.perf_counter()), marks.get("report"), tuple(reports))


def check_sent(sent: Sent, pane: PaneWidget, targets: int, timeout_s: float) -> None:
    """The report came, and says every one of ``targets`` accounts published."""
    if sent.report_at is None:
        raise PublishFailedError(f"no report within {timeout_s:.0f} s; progress says "
                                 f"{pane.progress.title.text()!r}")
    reports = sent.reports
    if len(reports) != 1 or not reports[0].complete or len(reports[0].publications) != targets:
        errors = [p.error for r in reports for p in r.publications if p.error]
        raise PublishFailedError(f"not every account published: {errors or reports}")
