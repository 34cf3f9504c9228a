"""A view's reads of the store, off the GUI thread.

Any read that can grow with history (a list, a post's story) runs through the session's task
runner, and the view draws the rows when they arrive. Each read takes the next generation number;
a result whose generation is no longer the newest is dropped, so a slow read never overwrites
what a newer one drew (Picard's pattern for its background loads). Until the new rows arrive the
view keeps showing what it had. Tests use ``ImmediateRunner``, so there a read draws at once.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

from safedesk.gui.session import DeskSession

T = TypeVar("T")


class ViewReader(Generic[T]):
    def __init__(self, session: DeskSession, show: Callable[[T], None],
                 failed: Callable[[BaseException], None]) -> None:
        self._session = session
        self._show = show
        self._failed = failed
        self._generation = 0
        self.pending = False  # a read is on its way

    def read(self, work: Callable[[], T]) -> None:
        """Run ``work`` in the background; draw its result unless a newer read started."""
        self._generation += 1
        generation = self._generation
        self.pending = True

        def done(result: T) -> None:
            if generation == self._generation:
                self.pending = False
                self._show(result)

        def failed(error: BaseException) -> None:
            if generation == self._generation:
                self.pending = False
                self._failed(error)

        self._session.in_background(work, done, failed)

    def forget(self) -> None:
        """Drop whatever read is on its way (the view was cleared meanwhile)."""
        self._generation += 1
        self.pending = False
