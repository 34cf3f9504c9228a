"""A team desk's live feed as Qt signals: the server's announcements, on the GUI thread.

:class:`~safedesk.team.live.TeamListener` calls back on its own thread; emitting a signal of this
object (which lives on the GUI thread) from there queues the call, so every handler runs on the
GUI thread, as the session's own "something changed" signals do. Only team desks build one, and
only they load the PostgreSQL driver for it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Signal

from safedesk.app import SafeDesk
from safedesk.core.models import Person

if TYPE_CHECKING:
    from safedesk.team.live import TeamListener


class TeamFeed(QObject):
    changed = Signal(object)  # a safedesk.team.live.TeamChange
    # connected, what to tell the person (a Message, or "" when connected)
    status_changed = Signal(bool, object)

    def __init__(self, listener: TeamListener, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.listener = listener
        listener.on_change(self.changed.emit)
        listener.on_status(self.status_changed.emit)

    @property
    def server(self) -> str:
        return self.listener.server

    def start(self) -> None:
        self.listener.start()

    def stop(self) -> None:
        """Ends the listener's thread before this object can go: nothing emits into a deleted
        object."""
        self.listener.stop()


def team_feed_for(app: SafeDesk, parent: QObject | None = None) -> TeamFeed | None:
    """The live feed of the team this desk joined; None on a desk of its own."""
    if app.team is None:
        return None
    from safedesk.team.desk_store import DeskStore  # noqa: PLC0415 - team desks only
    from safedesk.team.live import TeamListener  # noqa: PLC0415

    if not isinstance(app.store, DeskStore):
        return None
    return TeamFeed(TeamListener.for_store(app.store.team), parent)


def team_server(app: SafeDesk) -> str | None:
    """``host:port/database`` of the team this desk joined, as a person would name it."""
    if app.team is None:
        return None
    from safedesk.team.connection import describe_server  # noqa: PLC0415 - team desks only
    from safedesk.team.desk_store import DeskStore  # noqa: PLC0415

    return describe_server(app.store.team.conninfo) if isinstance(app.store, DeskStore) \
        else QCoreApplication.translate("TeamFeed", "the team server")


def team_person(app: SafeDesk) -> Person | None:
    """On a team desk, the person its database login is: no one else can use it."""
    if app.team is None:
        return None
    return app.store.get_person(app.team.person_id)
