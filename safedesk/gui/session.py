"""What the widgets share: the assembled app, the person using it, the task runner, and this
desk's preferences (pane colours, the language of new posts) from the GUI settings file.

Services emit nothing Qt-shaped. What an operation changed (``services.changes.Changes``) is
handed to :meth:`DeskSession.report`, the one place that turns it into Qt signals, one per kind of
list a view shows, so only the views that show something that changed read again, on the GUI
thread, whichever thread finished the work.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QSettings, Signal

from safedesk.app import SafeDesk
from safedesk.core.models import Account, Pane, Person
from safedesk.core.rules import may_manage_accounts
from safedesk.gui.announce import Announcer
from safedesk.gui.tasks import TaskRunner
from safedesk.gui.theme import Theme
from safedesk.services.changes import Changes

DEFAULT_LANGUAGE_KEY = "compose/default_language"


class DeskSession(QObject):
    # Emitted only by report(): subscribe to the list a view shows.
    accounts_changed = Signal()
    history_changed = Signal(object)  # the Pane whose publications changed
    drafts_changed = Signal(object)  # the Pane whose unsent drafts changed
    queue_changed = Signal()  # official drafts entered, left or moved through the queue
    default_language_changed = Signal(str)  # the new language code ("" for not set)
    sign_in_requested = Signal(object)  # an Account whose sign-in a view found revoked

    def __init__(self, app: SafeDesk, person: Person, runner: TaskRunner, settings: QSettings,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.app = app
        self.person = person
        self.runner = runner
        self.settings = settings
        self.theme = Theme(settings, self)
        self.announcer = Announcer(self)
        # Set when the window closes: work still running then reports to no one, since the
        # views it would refresh (and the store they read) are going away.
        self.closed = False

    def close(self) -> None:
        self.closed = True

    def announce(self, source: QObject, words: str, *, urgent: bool = False) -> None:
        """Have a screen reader say ``words`` (an outcome shown in ``source``) at once."""
        self.announcer.say(source, words, urgent=urgent)

    def accounts(self, pane: Pane) -> list[Account]:
        """The accounts of ``pane`` this person sees: never another person's personal ones."""
        return list(self.app.accounts.for_person(self.person, pane))

    def may_manage_accounts(self, pane: Pane) -> bool:
        """Whether this person may add, sign in again to and remove ``pane``'s accounts (the
        services refuse otherwise; views use this to disable what would be refused)."""
        return may_manage_accounts(self.person, pane,
                                   team_publisher=self.app.accounts.team_publisher)

    def report(self, changes: Changes) -> None:
        """Tell the views that show what ``changes`` touched; nothing for nothing changed."""
        for pane in sorted(changes.unsent, key=lambda p: p.value):
            self.drafts_changed.emit(pane)
        if changes.queue:
            self.queue_changed.emit()
        for pane in sorted(changes.history, key=lambda p: p.value):
            self.history_changed.emit(pane)
        if changes.accounts:
            self.accounts_changed.emit()

    def in_background(self, work: Callable[[], Any], on_done: Callable[[Any], None],
                      on_error: Callable[[BaseException], None]) -> None:
        """Run blocking work (network) off the GUI thread; callbacks come back on it, unless
        the window closed meanwhile."""
        if self.closed:
            return

        def done(result: Any) -> None:
            if not self.closed:
                on_done(result)

        def failed(error: BaseException) -> None:
            if not self.closed:
                on_error(error)

        self.runner.run(work, done, failed)

    @property
    def default_language(self) -> str:
        """The language a new draft starts with; "" leaves it unset."""
        value = self.settings.value(DEFAULT_LANGUAGE_KEY, "")
        return value if isinstance(value, str) else ""

    def set_default_language(self, code: str) -> None:
        if code == self.default_language:
            return
        self.settings.setValue(DEFAULT_LANGUAGE_KEY, code)
        self.settings.sync()
        self.default_language_changed.emit(code)
