"""What the widgets share: the assembled app, the person using it, and the task runner.

Services emit nothing Qt-shaped; this object re-emits "something changed" as Qt signals so every
view updates on the GUI thread, whichever thread finished the work.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal

from safedesk.app import SafeDesk
from safedesk.core.models import Account, Pane, Person
from safedesk.gui.tasks import TaskRunner


class DeskSession(QObject):
    accounts_changed = Signal()
    history_changed = Signal(object)  # the Pane whose publications changed
    drafts_changed = Signal(object)  # the Pane whose drafts changed

    def __init__(self, app: SafeDesk, person: Person, runner: TaskRunner,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.app = app
        self.person = person
        self.runner = runner

    def accounts(self, pane: Pane) -> list[Account]:
        return list(self.app.accounts.list(pane))

    def in_background(self, work: Callable[[], Any], on_done: Callable[[Any], None],
                      on_error: Callable[[BaseException], None]) -> None:
        """Run blocking work (network) off the GUI thread; callbacks come back on it."""
        self.runner.run(work, on_done, on_error)
