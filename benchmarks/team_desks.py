"""Desks that listen: the live half of the team benchmark, in a process of its own.

Each desk is a thread holding what a desk in team mode holds, as its own login: a plain psycopg
connection LISTENing on the ``safedesk`` channel (where every write function on the server
announces what it changed), and a :class:`~safedesk.team.pg_store.PgStore` to re-read through.
When a notification names a draft, the desk re-reads that draft and reports the moment it holds
the version the notification named: that is when the change is visible on that desk. A bare
notification on :data:`ANCHOR_CHANNEL` is reported as soon as it arrives, with no re-read, so the
benchmark can tell delivery apart from the re-read.

The desks run in their own process so that the benchmark's own timings (the approver's desk,
the author's submits) never wait for the desks' Python threads; desks on other laptops would not
share a process either. Times are ``time.monotonic()``: CLOCK_MONOTONIC on Linux, one clock for
every process on the machine, so the benchmark subtracts its own readings from the desks'.
"""

from __future__ import annotations

import contextlib
import json
import multiprocessing
import queue
import threading
import time
from collections import defaultdict
from dataclasses import dataclass
from multiprocessing.context import SpawnProcess
from multiprocessing.synchronize import Event
from types import TracebackType
from typing import Any

import psycopg
from psycopg import sql

from safedesk.team.pg_store import PgStore

CHANNEL = "safedesk"  # what the server's announce() notifies on
ANCHOR_CHANNEL = "safedesk_bench_anchor"
POLL_S = 0.25  # how often a desk looks up from listening to see whether it should stop
READY_TIMEOUT_S = 60.0
STOP_TIMEOUT_S = 15.0

# (desk number, what it saw, when): what is a draft's "id:version", or an anchor's payload.
Report = tuple[int, str, float]


class DesksFailedError(RuntimeError):
    """A desk could not connect or listen, or did not see a change in time."""


@dataclass(frozen=True, slots=True)
class DeskLogin:
    conninfo: str
    password: str


def draft_key(draft_id: str, version: int) -> str:
    return f"{draft_id}:{version}"


def _desk(number: int, login: DeskLogin, reports: Any, stop: Event) -> None:
    """One desk: listen, and re-read each draft a notification names."""
    try:
        store = PgStore(login.conninfo, password=login.password)
        listening = psycopg.connect(login.conninfo, password=login.password, autocommit=True)
    except Exception as error:  # noqa: BLE001 - reported to the benchmark, which stops
        reports.put((number, f"error: {error}", time.monotonic()))
        return
    try:
        for channel in (CHANNEL, ANCHOR_CHANNEL):
            listening.execute(sql.SQL("LISTEN {}").format(sql.Identifier(channel)))
        reports.put((number, "ready", time.monotonic()))
        while not stop.is_set():
            for note in listening.notifies(timeout=POLL_S):
                if note.channel == ANCHOR_CHANNEL:
                    reports.put((number, note.payload, time.monotonic()))
                    continue
                change = json.loads(note.payload)
                if change.get("kind") != "draft":
                    continue
                draft = store.get_draft(change["id"])
                if draft.version >= int(change["version"]):
                    reports.put((number, draft_key(draft.id, int(change["version"])),
                                 time.monotonic()))
    except Exception as error:  # noqa: BLE001 - as above
        reports.put((number, f"error: {error}", time.monotonic()))
    finally:
        listening.close()
        store.close()


def run_desks(logins: list[DeskLogin], reports: Any, stop: Event) -> None:
    """The desks' process: one thread per desk until ``stop`` is set."""
    threads = [threading.Thread(target=_desk, args=(n, login, reports, stop), daemon=True)
               for n, login in enumerate(logins)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()


class Desks:
    """The listening desks, seen from the benchmark: start them, then wait for what they saw."""

    def __init__(self, logins: list[DeskLogin]) -> None:
        context = multiprocessing.get_context("spawn")
        self.count = len(logins)
        self._reports: Any = context.Queue()
        self._stop = context.Event()
        self._seen: dict[str, list[float]] = defaultdict(list)
        self._process: SpawnProcess = context.Process(
            target=run_desks, args=(logins, self._reports, self._stop), name="safedesk-desks")

    def __enter__(self) -> Desks:
        self._process.start()
        try:
            self.wait_for("ready", READY_TIMEOUT_S)
        except BaseException:
            self.close()
            raise
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        self.close()

    def wait_for(self, what: str, timeout_s: float) -> list[float]:
        """The moments every desk reported ``what``, waiting at most ``timeout_s``."""
        deadline = time.monotonic() + timeout_s
        while len(self._seen[what]) < self.count:
            try:
                number, seen, at = self._reports.get(timeout=max(0.0, deadline - time.monotonic()))
            except queue.Empty:
                raise DesksFailedError(
                    f"only {len(self._seen[what])} of {self.count} desks saw {what!r} within "
                    f"{timeout_s:g} s") from None
            if seen.startswith("error: "):
                raise DesksFailedError(f"desk {number} stopped: {seen.removeprefix('error: ')}")
            self._seen[seen].append(at)
        return self._seen.pop(what)

    def close(self) -> None:
        """Stop the desks. Their last reports are read away meanwhile: a process does not end
        while what it put on a queue is still waiting to be read."""
        self._stop.set()
        deadline = time.monotonic() + STOP_TIMEOUT_S
        while self._process.is_alive() and time.monotonic() < deadline:
            with contextlib.suppress(queue.Empty, OSError, ValueError):
                while True:
                    self._reports.get(timeout=0.05)
            self._process.join(timeout=0.05)
        if self._process.is_alive():
            self._process.terminate()
            self._process.join()
        self._reports.close()
