"""Personal posts set to go out at a time, published by SafeDesk itself, like official ones.

A personal post with a "Publish at" time waits in the ``scheduled`` state (``core.lifecycle``)
until then. It is published on the same paths as an approved official post whose time has come:
the window's timer and its first look at start-up (``gui.watcher``), and ``safedesk queue
publish-due``. Each passes the person at the desk, and only that person's own scheduled posts,
to accounts that are still theirs, go out: a personal account is its owner's alone, and nothing
crosses panes. What fell due while SafeDesk was closed goes out at the next look and says how
late it is (:func:`late_note`, shared with the official queue).

Exactly once as for any post: a draft found due is published only from the very version that
was found (:meth:`PublishService.publish` with ``expected_version``), so one edited, rescheduled
or cancelled meanwhile is left alone, and publishing records one idempotency key per account.
"""

from __future__ import annotations

from datetime import datetime

from safedesk.core import rules
from safedesk.core.errors import ConcurrentChangeError, InvalidTransitionError, NotFoundError
from safedesk.core.messages import Message, msgn
from safedesk.core.models import Account, Draft, DraftState, Pane, Person
from safedesk.core.ports import Clock, Store
from safedesk.core.workflow import PendingEvent
from safedesk.services.publishing import PublishReport, PublishService

# Later than this after its time, a post is said to be late (the timer looks every 30 s).
LATE_AFTER_SECONDS = 120

# The draft as found, its report, a late note ("" when on time).
DuePublished = tuple[Draft, PublishReport, Message | str]


def late_note(store: Store, runner: Person, draft: Draft, now: datetime) -> Message | str:
    """Words for a scheduled post published well after its time ("" when on time), and an
    audit event saying by how much it missed, in ``runner``'s name."""
    schedule = draft.content.schedule_at
    if schedule is None:
        return ""
    late = (now - schedule).total_seconds()
    if late <= LATE_AFTER_SECONDS:
        return ""
    store.record(PendingEvent(runner.id, "draft.schedule_missed", draft.id,
                              {"late_seconds": int(late)}))
    return msgn("Published {count} minute after its scheduled time ({time}) because SafeDesk "
                "was not running then.",
                "Published {count} minutes after its scheduled time ({time}) because SafeDesk "
                "was not running then.", int(late // 60), time=schedule.astimezone())


class ScheduleService:
    """A person's scheduled personal posts: listing them, and publishing those due."""

    def __init__(self, store: Store, clock: Clock, publisher: PublishService) -> None:
        self._store = store
        self._clock = clock
        self._publisher = publisher

    def scheduled_for(self, person: Person) -> list[Draft]:
        """The person's scheduled personal posts, soonest first: only theirs, and only while
        every account each goes to is theirs (one since removed included, so that the post
        stays in sight to change or cancel)."""
        drafts = self._store.list_drafts(Pane.PERSONAL, {DraftState.SCHEDULED},
                                         author_id=person.id)
        known: dict[str, Account] = {}
        for account_id in {t for d in drafts for t in d.content.targets}:
            try:
                known[account_id] = self._store.get_account(account_id)  # removed ones too
            except NotFoundError:
                continue
        mine = [d for d in drafts if rules.may_see_draft(d, person, known)]
        return sorted(mine, key=lambda d: (d.content.schedule_at or d.updated_at, d.id))

    def removed_targets(self, draft: Draft) -> list[str]:
        """The accounts ``draft`` goes to that have been removed since: it waits, unsent, until
        its author changes or cancels it (it never goes out to only some of its accounts)."""
        live = {a.id for a in self._store.list_accounts(Pane.PERSONAL)}
        return [t for t in draft.content.targets if t not in live]

    def due(self, person: Person, now: datetime | None = None) -> list[Draft]:
        """The person's scheduled posts whose time has come, to accounts all still there."""
        moment = now or self._clock.now()
        return [d for d in self.scheduled_for(person)
                if d.content.schedule_at is not None and d.content.schedule_at <= moment
                and not self.removed_targets(d)]

    def publish_due(self, runner: Person) -> list[DuePublished]:
        """Publish every scheduled personal post of ``runner``'s whose time has come; say which
        were late and by how much. Another person's are never touched."""
        now = self._clock.now()
        results = []
        for draft in self.due(runner, now):
            try:
                report = self._publisher.publish(draft.id, runner,
                                                 expected_version=draft.version)
            except (ConcurrentChangeError, InvalidTransitionError):
                # Changed, cancelled or already started (by another SafeDesk on this file)
                # since it was found: theirs to finish, or found afresh at the next look.
                continue
            results.append((draft, report, late_note(self._store, runner, draft, now)))
        return results
