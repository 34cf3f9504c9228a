"""The publisher: the one headless process that sends official posts (``safedesk publisher run``).

In team mode the official accounts' secrets live only in the publisher's keyring, so approved
posts go out from here, on time, with every desk closed. Each round (at start, every
``interval_s`` seconds, and at once when :meth:`Publisher.wake` is called, as a NOTIFY listener
will):

1. records a heartbeat (:class:`Heartbeat`), so ``team doctor`` can tell the publisher is alive;
2. finishes its own interrupted publishes (``RecoveryService.recover_interrupted``): a post a
   crash left ``publishing`` is looked for on each server before anything is sent again;
3. publishes every approved official draft that is due, scheduled or not
   (``QueueService.due(include_unscheduled=True)``), one at a time. Claiming is the
   ``start_publish`` compare-and-set on the draft's version: when two publishers reach the same
   draft, one wins and the other skips it, so a post never goes out twice.

It stops between two posts, never in the middle of one: :meth:`Publisher.stop` (or SIGTERM /
SIGINT through :func:`stop_on_signals`) lets the post in hand finish and be recorded first.
Nothing here imports Qt.
"""

from __future__ import annotations

import contextlib
import enum
import json
import os
import signal
import socket
import threading
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from types import FrameType
from typing import Protocol, runtime_checkable

from safedesk.core.errors import (
    NotAllowedError,
    SafeDeskError,
    StorageBusyError,
    StorageError,
    TeamUnreachableError,
)
from safedesk.core.messages import msg
from safedesk.core.models import Account, Draft, DraftState, Person, PublicationState
from safedesk.core.ports import Clock, Store, SystemClock
from safedesk.services.publishing import PublishReport, draft_outcome
from safedesk.services.queue import QueueService
from safedesk.services.recovery import RecoveryReport, RecoveryService
from safedesk.storage.private_files import PRIVATE_FILE, private_folder

DEFAULT_INTERVAL_S = 5.0
HEARTBEAT_FILE = "publisher-heartbeat.json"
# How often a stop request is looked at while waiting for the next round.
_STOP_CHECK_S = 0.2


@runtime_checkable
class Heartbeat(Protocol):
    """Where the publisher says it is alive. The PostgreSQL store calls ``safedesk.beat(host)``
    (one row per publisher login in ``safedesk.publishers``); on one machine a file does."""

    def beat(self, host: str) -> None: ...


class FileHeartbeat:
    """The heartbeat beside a SQLite database: ``publisher-heartbeat.json`` in the data folder,
    holding ``host``, ``pid``, ``started_at`` and ``beat_at``. It is replaced whole (written
    aside, then renamed), private (0600), and not audited: it records no decision, only that a
    publisher was running, and rewriting the audited database every few seconds would fill the
    trail with nothing."""

    def __init__(self, data_dir: Path, clock: Clock | None = None) -> None:
        self.path = data_dir / HEARTBEAT_FILE
        self._clock = clock or SystemClock()
        self._started_at = self._clock.now()

    def beat(self, host: str) -> None:
        private_folder(self.path.parent)
        document = {"host": host, "pid": os.getpid(),
                    "started_at": self._started_at.isoformat(),
                    "beat_at": self._clock.now().isoformat()}
        aside = self.path.with_suffix(".tmp")
        fd = os.open(aside, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, PRIVATE_FILE)
        with os.fdopen(fd, "w", encoding="utf-8") as file:
            json.dump(document, file)
        aside.replace(self.path)

    def last(self) -> dict[str, object] | None:
        """The last beat written, or None when no publisher has run here."""
        try:
            document = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        return document if isinstance(document, dict) else None


class Outcome(enum.StrEnum):
    PUBLISHED = "published"
    FAILED = "failed"
    UNKNOWN = "unknown"  # may have gone out: no one can tell yet


@dataclass(frozen=True, slots=True)
class AccountResult:
    """How one post went on one account."""

    address: str
    state: PublicationState
    url: str = ""
    error: str = ""


@dataclass(frozen=True, slots=True)
class PostOutcome:
    """What became of one official post in one round: what the log and the mail say."""

    draft_id: str
    outcome: Outcome
    excerpt: str  # the first line of the text, shortened
    accounts: tuple[AccountResult, ...]
    note: str = ""  # late, interrupted earlier, or why it could not even start
    recovered: bool = False  # finished after an interruption

    def lines(self) -> list[str]:
        """One line per account, in plain words (a post that never started: one line)."""
        before = "after an interruption, " if self.recovered else ""
        post = f'draft {self.draft_id} "{self.excerpt}"'
        lines = []
        for account in self.accounts:
            if account.state is PublicationState.PUBLISHED:
                lines.append(f"{before}published {post} as {account.address}: "
                             f"{account.url or '(no link given)'}")
            elif account.state is PublicationState.UNKNOWN:
                lines.append(f"{before}NOT KNOWN whether {post} went out as {account.address}: "
                             f"{account.error} (see `safedesk recover`)")
            else:
                lines.append(f"{before}FAILED to publish {post} as {account.address}: "
                             f"{account.error or 'not sent'}")
        if not self.accounts:
            lines.append(f"{before}FAILED to publish {post}: {self.note}")
        elif self.note:
            lines.append(f"{post}: {self.note}")
        return lines


PostListener = Callable[[PostOutcome], None]


@dataclass(frozen=True, slots=True)
class RoundReport:
    outcomes: tuple[PostOutcome, ...] = ()
    taken: tuple[str, ...] = ()  # drafts another publisher claimed first
    stopped: bool = False  # a stop was asked before every due post was sent

    @property
    def complete(self) -> bool:
        return all(o.outcome is Outcome.PUBLISHED for o in self.outcomes)


def excerpt_of(draft: Draft, limit: int = 60) -> str:
    text = draft.content.text.strip()
    first = text.splitlines()[0] if text else "(no text)"
    return first if len(first) <= limit else first[:limit - 1].rstrip() + "…"


def outcome_of(report: PublishReport, accounts: Mapping[str, Account], *, note: str = "",
               recovered: bool = False) -> PostOutcome:
    results = tuple(AccountResult(_address(accounts, p.account_id), p.state, p.url, p.error)
                    for p in report.publications)
    state = draft_outcome(report.publications)
    outcome = {DraftState.PUBLISHED: Outcome.PUBLISHED,
               DraftState.UNKNOWN: Outcome.UNKNOWN}.get(state, Outcome.FAILED)
    notes = " ".join(n for n in (note, report.unsaved) if n)
    return PostOutcome(report.draft.id, outcome, excerpt_of(report.draft), results, notes,
                       recovered)


def _address(accounts: Mapping[str, Account], account_id: str) -> str:
    account = accounts.get(account_id)
    return account.address if account else f"account {account_id} (removed)"


def _stamped(line: str) -> str:
    return f"{datetime.now().astimezone():%Y-%m-%d %H:%M:%S} {line}"


def print_line(line: str) -> None:
    """The default log: one stamped line on standard output, flushed at once (a service's log
    is read while it runs)."""
    print(_stamped(line), flush=True)


class Publisher:
    """The publishing loop over any :class:`~safedesk.core.ports.Store`.

    ``transient`` are the errors a round may hit and the next round may not (a busy database,
    a server that went away for a moment): they are logged and the loop goes on. Any other
    :class:`SafeDeskError` outside one post's own sending ends :meth:`run` by raising it."""

    def __init__(self, store: Store, queue: QueueService, recovery: RecoveryService,
                 person: Person, heartbeat: Heartbeat, *,
                 interval_s: float = DEFAULT_INTERVAL_S, host: str | None = None,
                 say: Callable[[str], None] = print_line,
                 transient: tuple[type[Exception], ...] = (StorageBusyError,
                                                           TeamUnreachableError)) -> None:
        if interval_s <= 0:
            raise ValueError("interval_s must be positive")
        self._store = store
        self._queue = queue
        self._recovery = recovery
        self.person = person
        self._heartbeat = heartbeat
        self.interval_s = interval_s
        self.host = host or socket.gethostname()
        self._say = say
        self._transient = transient
        self._listeners: list[PostListener] = []
        self._wake = threading.Event()
        # A plain flag, so a signal handler can set it without taking any lock.
        self._stop_asked = False
        self._last_beat = 0.0

    # -- control, from any thread or a signal handler -----------------------------------------

    def add_listener(self, listener: PostListener) -> None:
        """Call ``listener`` with each post's outcome (the mail notice); its failure is logged
        and never stops publishing."""
        self._listeners.append(listener)

    def wake(self) -> None:
        """Start the next round now instead of at the end of the interval."""
        self._wake.set()

    def stop(self) -> None:
        """Stop after the post in hand (safe from another thread)."""
        self._stop_asked = True
        self._wake.set()

    def stop_from_signal(self) -> None:
        """What a signal handler calls: only a flag is set (no lock, no output), and the loop
        notices within a fraction of a second."""
        self._stop_asked = True

    # -- the loop -------------------------------------------------------------------------------

    def run(self) -> None:
        """Rounds until :meth:`stop`; raises what it cannot continue from."""
        self._say(f"publisher started as {self.person.name} on {self.host}, looking every "
                  f"{self.interval_s:g} s")
        while not self._stop_asked:
            self._wake.clear()
            try:
                self.run_once()
            except self._transient as error:
                self._say(f"this round stopped early and is tried again in "
                          f"{self.interval_s:g} s: {error}")
            self._wait()
        self._say("publisher stopped")

    def _wait(self) -> None:
        deadline = time.monotonic() + self.interval_s
        while not self._stop_asked and not self._wake.is_set():
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return
            self._wake.wait(min(remaining, _STOP_CHECK_S))

    def run_once(self) -> RoundReport:
        """One round: heartbeat, recovery of interrupted publishes, then every due post."""
        self._check_still_allowed()
        self._beat()
        outcomes = list(self._recover())
        taken: list[str] = []
        stopped = False
        for draft in self._queue.due(include_unscheduled=True):
            if self._stop_asked:
                stopped = True
                break
            self._beat_if_due()
            outcome = self._publish(draft)
            if outcome is None:
                taken.append(draft.id)
            else:
                outcomes.append(outcome)
                self._tell(outcome)
        return RoundReport(tuple(outcomes), tuple(taken), stopped)

    def _check_still_allowed(self) -> None:
        current = self._store.get_person(self.person.id)
        if current.disabled_at is not None:
            raise NotAllowedError(msg("{name} is disabled in SafeDesk, so this publisher "
                                      "stops. Run it as someone else, or enable them again.",
                                      name=current.name))
        self.person = current

    def _beat(self) -> None:
        self._last_beat = time.monotonic()
        try:
            self._heartbeat.beat(self.host)
        except (SafeDeskError, OSError) as error:
            # Publishing matters more than saying so; `team doctor` will show the beat is old.
            self._say(f"could not record the heartbeat: {error}")

    def _beat_if_due(self) -> None:
        if time.monotonic() - self._last_beat >= self.interval_s:
            self._beat()

    def _accounts(self) -> dict[str, Account]:
        return {a.id: a for a in self._store.list_accounts()}

    def _recover(self) -> Iterator[PostOutcome]:
        report: RecoveryReport = self._recovery.recover_interrupted(self.person)
        if not report.found_anything:
            return
        accounts = self._accounts()
        for publication in report.from_journal:
            self._say(f"recorded a post that went out before an interruption: draft "
                      f"{publication.draft_id} as {_address(accounts, publication.account_id)}: "
                      f"{publication.url or '(no link given)'}")
        for finished in report.finished:
            outcome = outcome_of(finished, accounts, recovered=True)
            self._tell(outcome)
            yield outcome
        for draft_id, why in report.skipped:
            self._say(f"draft {draft_id} was left as it is: {why}")

    def _publish(self, draft: Draft) -> PostOutcome | None:
        try:
            result = self._queue.publish_due_draft(draft, self.person)
        except self._transient:
            raise
        except StorageError:
            raise  # the database itself cannot be used: nothing more can be recorded
        except SafeDeskError as error:
            return PostOutcome(draft.id, Outcome.FAILED, excerpt_of(draft), (), str(error))
        if result is None:
            return None
        _draft, report, note = result
        return outcome_of(report, self._accounts(), note=str(note))  # the log's English

    def _tell(self, outcome: PostOutcome) -> None:
        for line in outcome.lines():
            self._say(line)
        for listener in self._listeners:
            try:
                listener(outcome)
            except Exception as error:  # noqa: BLE001 - a notice must never stop publishing
                self._say(f"could not send the notice about draft {outcome.draft_id}: "
                          f"{type(error).__name__}: {error}")


@contextlib.contextmanager
def stop_on_signals(publisher: Publisher,
                    signals: Sequence[int] | None = None) -> Iterator[None]:
    """While inside, SIGTERM and SIGINT (and SIGBREAK on Windows) ask ``publisher`` to stop
    after the post in hand instead of ending the process mid-write. The previous handlers come
    back on the way out. Only the main thread may install handlers."""
    chosen = list(signals) if signals is not None else [signal.SIGTERM, signal.SIGINT]
    if signals is None and hasattr(signal, "SIGBREAK"):
        chosen.append(signal.SIGBREAK)

    def handler(_signum: int, _frame: FrameType | None) -> None:
        publisher.stop_from_signal()

    previous = {number: signal.signal(number, handler) for number in chosen}
    try:
        yield
    finally:
        for number, old in previous.items():
            signal.signal(number, old)
