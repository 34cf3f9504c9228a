""""Publish at": an optional time for a post, entered in local time, stored in UTC.

The time is part of the content, so it is part of the digest an approver signs: changing it after
approval sends the post back to the queue like any other edit. A personal post with a time is
scheduled rather than posted (``services.scheduling``); changing its time reschedules it, and
unticking unschedules it. Whether the time is in the future is the core's decision
(``rules.check_ready_to_send``), made when the post is submitted or scheduled.

Three widgets, placed by the compose box: the "Schedule" tick box (beside the audience, so an
unscheduled post costs no height), and the "Publish at" label and time, shown only when ticked.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from PySide6.QtCore import QDateTime, QLocale, QObject, Signal
from PySide6.QtWidgets import QCheckBox, QDateTimeEdit, QLabel, QWidget

from safedesk.core.models import Pane
from safedesk.core.ports import Clock

DISPLAY_FORMAT = "dd MMM yyyy HH:mm"


def to_qt(moment: datetime) -> QDateTime:
    """An aware datetime as a QDateTime in the machine's local time (what the field shows)."""
    return QDateTime.fromSecsSinceEpoch(int(moment.timestamp()))


def from_qt(value: QDateTime) -> datetime:
    """Seconds since the epoch are the one unambiguous bridge; naive datetimes never appear."""
    return datetime.fromtimestamp(value.toSecsSinceEpoch(), UTC)


class ScheduleField(QObject):
    changed = Signal()

    def __init__(self, clock: Clock, parent: QWidget, pane: Pane = Pane.OFFICIAL) -> None:
        super().__init__(parent)
        self._clock = clock
        self._loaded: datetime | None = None
        self.enabled = QCheckBox(self.tr("Schedule"), parent)
        self.enabled.setAccessibleName(self.tr("Publish at a set time"))
        self.enabled.setToolTip(self.tr("Leave unticked to publish as soon as it is approved.")
                                if pane is Pane.OFFICIAL
                                else self.tr("Leave unticked to post now."))
        self.when = QDateTimeEdit(parent)
        self.when.setAccessibleName(self.tr("Publish at (your local time)"))
        self.when.setDisplayFormat(DISPLAY_FORMAT)
        self.when.setCalendarPopup(True)
        self.label = QLabel(self.tr("Publish at"), parent)
        self.label.setBuddy(self.when)
        self._show_time(shown=False)
        self.enabled.toggled.connect(self._toggled)
        self.when.dateTimeChanged.connect(lambda _value: self.changed.emit())

    def _show_time(self, *, shown: bool) -> None:
        self.when.setVisible(shown)
        self.label.setVisible(shown)

    def _toggled(self, on: bool) -> None:
        self._show_time(shown=on)
        if on and from_qt(self.when.dateTime()) <= self._clock.now():
            # A sensible start: the next whole hour at least 30 minutes away. The field shows
            # minutes only, so the seconds are zero and the digest matches what is seen.
            start = (self._clock.now() + timedelta(minutes=90)).replace(minute=0, second=0,
                                                                        microsecond=0)
            self.when.blockSignals(True)
            self.when.setDateTime(to_qt(start))
            self.when.blockSignals(False)
        self.changed.emit()

    def value(self) -> datetime | None:
        if not self.enabled.isChecked():
            return None
        shown = from_qt(self.when.dateTime())
        # A stored time comes back exactly as stored (sub-second part included): merely opening
        # a draft must never count as an edit, which would void its approval.
        if self._loaded is not None and shown == self._loaded.replace(microsecond=0):
            return self._loaded
        return shown

    def set_value(self, moment: datetime | None) -> None:
        """Show a stored schedule (or none) without reporting a change."""
        self._loaded = moment
        self.enabled.blockSignals(True)
        self.when.blockSignals(True)
        self.enabled.setChecked(moment is not None)
        if moment is not None:
            self.when.setDateTime(to_qt(moment))
        self._show_time(shown=moment is not None)
        self.when.blockSignals(False)
        self.enabled.blockSignals(False)

    def words(self) -> str:
        """The chosen time as the send button says it ("14:30" today, "Thu 3 Dec 14:30" on
        another day), or "" when the post is not scheduled."""
        moment = self.value()
        return "" if moment is None else time_words(moment, self._clock.now())


def time_words(moment: datetime, now: datetime) -> str:
    """In the window's language (its default locale); English as the C library writes it."""
    local = moment.astimezone()
    if local.date() == now.astimezone().date():
        return f"{local:%H:%M}"
    locale = QLocale()
    if locale.language() not in (QLocale.Language.English, QLocale.Language.C):
        return locale.toString(to_qt(moment), "ddd d MMM HH:mm")
    return f"{local:%a} {local.day} {local:%b %H:%M}"
