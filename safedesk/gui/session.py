"""What the widgets share: the assembled app, the person using it, the task runner, and this
desk's preferences (pane colours, the language of new posts) from the GUI settings file.

Services emit nothing Qt-shaped. What an operation changed (``services.changes.Changes``) is
handed to :meth:`DeskSession.report`, the one place that turns it into Qt signals, one per kind of
list a view shows, so only the views that show something that changed read again, on the GUI
thread, whichever thread finished the work.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime
from typing import Any

from PySide6.QtCore import QObject, QSettings, Signal

from safedesk.app import SafeDesk
from safedesk.core.managed import POST_LANGUAGE
from safedesk.core.messages import ENGLISH, Message, Words, say
from safedesk.core.models import Account, Pane, Person
from safedesk.core.policy import PolicyContext
from safedesk.core.policy.settings import StoredPolicy
from safedesk.core.rules import may_manage_accounts
from safedesk.gui.announce import Announcer
from safedesk.gui.compose_language import WindowReader
from safedesk.gui.tasks import TaskRunner
from safedesk.gui.theme import Theme
from safedesk.services.changes import Changes

DEFAULT_LANGUAGE_KEY = "compose/default_language"

log = logging.getLogger(__name__)


class DeskSession(QObject):
    # Emitted only by report(): subscribe to the list a view shows.
    accounts_changed = Signal()
    history_changed = Signal(object)  # the Pane whose publications changed
    drafts_changed = Signal(object)  # the Pane whose unsent drafts changed
    queue_changed = Signal()  # official drafts entered, left or moved through the queue
    default_language_changed = Signal(str)  # the new language code ("" for not set)
    sign_in_requested = Signal(object)  # an Account whose sign-in a view found revoked
    policy_changed = Signal()  # the policy settings (or this person's restricted flag) changed
    # The person chose another language for SafeDesk itself (a Language): the window is built
    # again in it.
    interface_language_chosen = Signal(object)

    def __init__(self, app: SafeDesk, person: Person, runner: TaskRunner, settings: QSettings,
                 parent: QObject | None = None, *, words: Words = ENGLISH) -> None:
        super().__init__(parent)
        self.app = app
        # The language SafeDesk speaks in this window: what services and core say (messages)
        # is rendered with it; the widgets' own words come from Qt's translator.
        self.words = words
        self.person = person
        self.runner = runner
        self.settings = settings
        self.theme = Theme(settings, self, managed=app.managed)
        self.announcer = Announcer(self)
        # Set when the window closes: work still running then reports to no one, since the
        # views it would refresh (and the store they read) are going away.
        self.closed = False
        # The organisation's policy settings, as last read (off the GUI thread), and whether
        # this person is a politically restricted officer: what every live check uses, so
        # a keystroke never reads the store. Read again when a change is reported.
        self.policy = StoredPolicy()
        self.restricted = person.politically_restricted
        # The language of posts' words (loaded on a worker when first needed); once it can
        # read, the checks run again and warn of a tag that disagrees with the words.
        self.languages = WindowReader(app.languages, self.in_background, self.say, self)
        self.languages.ready.connect(self.policy_changed)
        self.refresh_policy()

    def close(self) -> None:
        self.closed = True

    def say(self, message: str | Message) -> str:
        """A message (or an error's) in this window's language."""
        return say(message, self.words)

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
        if changes.policy:
            self.refresh_policy()

    # -- the policy settings the checks use -------------------------------------------------

    def refresh_policy(self) -> None:
        """Read the policy settings and this person's flag again, off the GUI thread; views
        hear ``policy_changed`` only when something differs."""
        app, person_id = self.app, self.person.id

        def read() -> tuple[StoredPolicy, bool]:
            return app.policy.current(), app.store.get_person(person_id).politically_restricted

        def failed(error: BaseException) -> None:
            # The settings last read stay in use; services check the stored ones again
            # before anything is submitted or published.
            log.warning("the policy settings could not be read: %s", error)

        self.in_background(read, self._policy_read, failed)

    def _policy_read(self, read: tuple[StoredPolicy, bool]) -> None:
        stored, restricted = read
        if (stored, restricted) == (self.policy, self.restricted):
            return
        self.policy, self.restricted = stored, restricted
        self.policy_changed.emit()

    def policy_for_post(self, schedule_at: datetime | None) -> PolicyContext:
        """What a check of this person's post going out at ``schedule_at`` (None: now) uses."""
        return PolicyContext(self.policy.settings, restricted=self.restricted,
                             reader=self.languages).for_post(schedule_at, self.app.clock.now())

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
        """The language a new draft starts with; "" leaves it unset. IT's locked language wins;
        IT's default applies until the person chooses one (``core.managed``)."""
        managed = self.app.managed
        if managed.is_locked(POST_LANGUAGE):
            return managed.text(POST_LANGUAGE) or ""
        value = self.settings.value(DEFAULT_LANGUAGE_KEY)
        if value is None:
            return managed.text(POST_LANGUAGE) or ""
        return value if isinstance(value, str) else ""

    @property
    def default_language_locked(self) -> bool:
        return self.app.managed.is_locked(POST_LANGUAGE)

    def set_default_language(self, code: str) -> None:
        if code == self.default_language or self.default_language_locked:
            return
        self.settings.setValue(DEFAULT_LANGUAGE_KEY, code)
        self.settings.sync()
        self.default_language_changed.emit(code)
