"""The official queue: what waits for a second person, and what happens once they decide.

Approving re-checks the approver's passphrase, records the approval against the digest the
approver saw, and publishes at once, or at the scheduled time. SafeDesk itself publishes
scheduled posts (for both platforms, so one path and one audit trail): while it runs, a timer
calls :meth:`QueueService.publish_due`; when it was closed at the scheduled moment, the next start
(or ``safedesk queue publish-due``, which a system timer can run) publishes what is overdue and
says so. The same paths publish the person's own scheduled personal posts
(``services.scheduling``). In team mode only the publisher (``safedesk publisher run``) sends
official posts: it asks :meth:`QueueService.due` with ``include_unscheduled`` and publishes each draft through
:meth:`QueueService.publish_due_draft`, so it can stop between two posts.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import datetime

from safedesk.core.digest import content_digest
from safedesk.core.errors import (
    ConcurrentChangeError,
    InvalidTransitionError,
    NotAllowedError,
    NotFoundError,
)
from safedesk.core.messages import Message, msg
from safedesk.core.models import Account, AuditEvent, Draft, DraftState, Pane, Person
from safedesk.core.overrides import fixed_blocks, overridable_blocks
from safedesk.core.policy import Finding, PolicyContext, check_content
from safedesk.core.ports import Clock, Store
from safedesk.core.post_language import LanguageReader
from safedesk.core.templates import hack_claims
from safedesk.services.checking import TargetCheck, check_for
from safedesk.services.drafts import DraftService
from safedesk.services.people import PeopleService, standing_now
from safedesk.services.policy import policy_context
from safedesk.services.publishing import PublishReport, PublishService
from safedesk.services.scheduling import DuePublished, late_note


@dataclass(frozen=True, slots=True)
class Original:
    """The post a reply or correction answers."""

    text: str
    links: tuple[str, ...]  # where it was published (one per account it reached)


@dataclass(frozen=True, slots=True)
class QueueItem:
    """Everything an approver needs to decide on exactly what will be published."""

    draft: Draft
    digest: str
    author: Person
    accounts: tuple[Account, ...]
    checks: tuple[TargetCheck, ...]
    history: tuple[AuditEvent, ...]
    # Phrases claiming the account was hacked or misused: shown to the approver, whatever the
    # post is (a correction with one never skips the queue).
    flags: tuple[str, ...] = ()
    # What a reply or correction answers: the original's words and where it went out, shown
    # beside it so the approver judges the fix against what it fixes.
    original: Original | None = None
    # What the policy finds in it, with the organisation's settings on the post's own day.
    findings: tuple[Finding, ...] = ()

    @property
    def editors(self) -> tuple[str, ...]:
        return tuple(sorted(self.draft.editors))

    @property
    def to_override(self) -> tuple[Finding, ...]:
        """Blocks only an approver's written reason lifts (a watched term in an election
        period); they count only while nothing else blocks the post."""
        return () if self.cannot_pass else overridable_blocks(self.findings)

    @property
    def cannot_pass(self) -> tuple[Finding, ...]:
        """Blocks no one may lift: the author must change the text before anyone approves."""
        return fixed_blocks(self.findings)


@dataclass(frozen=True, slots=True)
class Decision:
    draft: Draft
    report: PublishReport | None = None  # None when approved for later (scheduled)
    note: str | Message = ""


class QueueService:
    def __init__(self, store: Store, clock: Clock, drafts: DraftService, people: PeopleService,
                 publisher: PublishService, *, publishes_on_approval: bool = True,
                 languages: LanguageReader | None = None) -> None:
        # False on a team desk without the publisher role: it holds no official credentials,
        # and the team's publisher sends what is approved.
        self.publishes_on_approval = publishes_on_approval
        self._store = store
        self._clock = clock
        self._drafts = drafts
        self._people = people
        self._publisher = publisher
        self._languages = languages  # the page about a post warns of a language mismatch

    # -- reading ----------------------------------------------------------------------------

    def pending(self) -> list[Draft]:
        """Drafts waiting for approval: urgent first, then the longest-waiting."""
        return _queue_order(self._store.list_drafts(Pane.OFFICIAL, states={DraftState.SUBMITTED}))

    def approved_waiting(self) -> list[Draft]:
        """Approved official drafts not yet published (waiting for their time), soonest first."""
        approved = self._store.list_drafts(Pane.OFFICIAL, states={DraftState.APPROVED})
        return sorted(approved, key=lambda d: (d.content.schedule_at or d.updated_at))

    def pending_for(self, person: Person, waiting: Sequence[Draft] | None = None) -> list[Draft]:
        """What this person could approve: not their own, not edited by them, and only while
        their appointment counts (``core.appointments``). ``waiting`` is :meth:`pending` when
        the caller has just read it (the queue is read once per refresh)."""
        person, standing = standing_now(self._store, person)
        if not person.role.may_approve or standing.refusal:
            return []
        return [d for d in (self.pending() if waiting is None else waiting)
                if person.id not in d.editors]

    def may_decide(self, person: Person, draft: Draft) -> bool:
        """Whether :meth:`pending_for` would list ``draft`` for this person, asked of the one
        draft (choosing a post in a queue of thousands reads no other)."""
        person, standing = standing_now(self._store, person)
        return (person.role.may_approve and not standing.refusal
                and draft.pane is Pane.OFFICIAL and draft.state is DraftState.SUBMITTED
                and person.id not in draft.editors)

    def show(self, draft_id: str) -> QueueItem:
        draft = self._store.get_draft(draft_id)
        accounts = tuple(self._store.get_account(a) for a in draft.content.targets)
        checks = tuple(check_for(a, draft.content.text, draft.content.content_warning,
                                 draft.content.cw_on_bluesky) for a in accounts)
        history = tuple(self._store.audit_events_about(draft.id))
        author = self._store.get_person(draft.author_id)
        return QueueItem(draft, content_digest(draft.content), author, accounts, checks, history,
                         hack_claims(draft.content.text), self._original(draft),
                         self.findings(draft, policy_context(self._store, author,
                                                             self._languages)))

    def findings(self, draft: Draft, policy: PolicyContext) -> tuple[Finding, ...]:
        """What the policy finds in ``draft`` as of its day (its scheduled one, or today)."""
        return check_content(draft.content, draft.pane,
                             policy.for_post(draft.content.schedule_at, self._clock.now()))

    def needing_override(self, drafts: Sequence[Draft]) -> set[str]:
        """The ids of ``drafts`` that an approver can pass only with a written override (the
        settings read once for the lot)."""
        policy = PolicyContext(self._store.policy_settings().settings)
        marked = set()
        for draft in drafts:
            found = self.findings(draft, policy)
            if overridable_blocks(found) and not fixed_blocks(found):
                marked.add(draft.id)
        return marked

    def _original(self, draft: Draft) -> Original | None:
        answered = draft.content.reply_to
        if answered is None:
            return None
        try:
            original = self._store.get_draft(answered)
        except NotFoundError:
            return None
        links = tuple(p.url for p in self._store.list_publications(draft_id=answered) if p.url)
        return Original(original.content.text, links)

    def outcomes_for(self, author: Person, newest: int = 200) -> list[Draft]:
        """The author's official drafts that someone has decided on, the ``newest`` changed
        last, newest first (read as one page, however many years of them there are)."""
        decided = {DraftState.REJECTED, DraftState.CHANGES_REQUESTED, DraftState.APPROVED,
                   DraftState.PUBLISHED, DraftState.FAILED}
        return list(self._store.list_drafts(Pane.OFFICIAL, decided, author_id=author.id,
                                            newest=newest))

    def in_progress_for(self, author: Person) -> list[Draft]:
        """The author's official drafts waiting for approval (as the approver sees them: urgent
        first, then the longest waiting), then those being published."""
        waiting = self._store.list_drafts(Pane.OFFICIAL, {DraftState.SUBMITTED},
                                          author_id=author.id)
        publishing = self._store.list_drafts(Pane.OFFICIAL, {DraftState.PUBLISHING},
                                             author_id=author.id)
        return [*_queue_order(waiting), *publishing]

    # -- deciding ---------------------------------------------------------------------------

    def _confirm(self, approver: Person, passphrase: str) -> Person:
        """Approving is signing: the passphrase is asked again, whoever is signed in."""
        return self._people.authenticate(approver.name, passphrase)

    def approve(self, draft_id: str, approver: Person, passphrase: str, seen_digest: str,
                comment: str = "", override_reason: str = "",
                seen_overrides: Collection[str] | None = None) -> Decision:
        """``seen_overrides``: the blocks the approver was shown as needing an override (see
        ``workflow.approve``); None where the approver names the post alone (the CLI)."""
        confirmed = self._confirm(approver, passphrase)
        draft = self._drafts.approve(draft_id, confirmed, seen_digest, comment, override_reason,
                                     seen_overrides)
        schedule = draft.content.schedule_at
        if schedule is not None and schedule > self._clock.now():
            return Decision(draft, None, msg("Approved. It will be published at {time}.",
                                             time=schedule.astimezone().strftime("%d %b %Y %H:%M")))
        if not self.publishes_on_approval:
            return Decision(draft, None, msg("Approved. The team's publisher sends it within "
                                             "seconds; it shows as published here when it has."))
        report = self._publisher.publish(draft.id, confirmed)
        return Decision(report.draft, report, msg("Approved and published.")
                        if report.complete else
                        msg("Approved, but some accounts failed; retry from the queue or "
                            "history."))

    def reject(self, draft_id: str, approver: Person, passphrase: str, reason: str) -> Draft:
        return self._drafts.reject(draft_id, self._confirm(approver, passphrase), reason)

    def request_changes(self, draft_id: str, approver: Person, passphrase: str,
                        comment: str) -> Draft:
        return self._drafts.request_changes(draft_id, self._confirm(approver, passphrase),
                                            comment)

    def retry(self, draft_id: str, person: Person) -> PublishReport:
        """Publish an approved draft whose publishing failed; the approval still holds."""
        draft = self._store.get_draft(draft_id)
        if draft.state is not DraftState.FAILED:
            raise NotAllowedError(msg("Only a post whose publishing failed can be retried."))
        return self._publisher.publish(draft_id, person)

    # -- scheduled publishing ---------------------------------------------------------------

    def due(self, now: datetime | None = None, *,
            include_unscheduled: bool = False) -> list[Draft]:
        """Approved official drafts whose time has come, soonest first. ``include_unscheduled``
        adds approved drafts with no schedule: in team mode the approver's desk never publishes,
        so the publisher sends those too (on one machine the approver's own approval does)."""
        moment = now or self._clock.now()
        return [d for d in self.approved_waiting()
                if (d.content.schedule_at is None and include_unscheduled)
                or (d.content.schedule_at is not None and d.content.schedule_at <= moment)]

    def publish_due(self, runner: Person, *,
                    include_unscheduled: bool = False) -> list[DuePublished]:
        """Publish every approved post whose time has come; say which were late and by how much.

        ``runner`` is recorded as who set the publishing going (the approval stays the
        approver's)."""
        now = self._clock.now()
        results = []
        for draft in self.due(now, include_unscheduled=include_unscheduled):
            result = self.publish_due_draft(draft, runner, now)
            if result is not None:
                results.append(result)
        return results

    def publish_due_draft(self, draft: Draft, runner: Person,
                          now: datetime | None = None) -> DuePublished | None:
        """Publish one draft :meth:`due` listed: (draft, report, a note when it is late), or
        None when another SafeDesk on this database took it first (theirs to finish)."""
        now = now or self._clock.now()
        current = self._store.get_draft(draft.id)
        if current.state is not DraftState.APPROVED or current.version != draft.version:
            # Taken, or changed since it was listed: skipped without waiting for another
            # sender's lock; a changed draft is listed afresh next time.
            return None
        note = late_note(self._store, runner, current, now)
        try:
            return current, self._publisher.publish(draft.id, runner), note
        except (ConcurrentChangeError, InvalidTransitionError):
            return None  # another SafeDesk on this database started it first: theirs to finish

    def people_who_can_approve(self, author: Person) -> Sequence[Person]:
        return [p for p in self._people.list() if p.role.may_approve and p.id != author.id]


def _queue_order(waiting: Sequence[Draft]) -> list[Draft]:
    """Urgent first, then the longest waiting."""
    return sorted(waiting, key=lambda d: (not d.urgent, d.submitted_at or d.updated_at))
