"""A desk in team mode: the organisation's state on the team server, the person's own here.

Official accounts, drafts, publications, incidents, templates and people live on the team's
PostgreSQL (:class:`~safedesk.team.pg_store.PgStore`); personal accounts, drafts and history stay
in the laptop's SQLite file. Every call goes to the one side that holds what it names, so nothing
personal ever reaches the server, and the services above work unchanged.

The person signed in here is mirrored into the local file (once, with its own audit event) only
because personal drafts name their author there.

When the team server cannot be reached the desk keeps working on what is its own: personal work
as always, and new official drafts, which wait in the :class:`~safedesk.team.outbox.Outbox` until
:meth:`DeskStore.sync` sends them (at the next start, the next command, or the window's retry).
While it is unreachable, official reads show what waits here and the last official accounts the
server named; nothing else is invented. A connection that drops during a decision is followed by
a fresh read of the draft, which says whether the server recorded it.
"""

from __future__ import annotations

import heapq
import threading
import time
from collections.abc import Callable, Collection, Iterator, Sequence
from dataclasses import dataclass
from typing import TypeVar

from safedesk.core.appointments import Grant
from safedesk.core.audit import ChainHead, StoredRow
from safedesk.core.corrections import Incident, IncidentTarget
from safedesk.core.digest import content_digest
from safedesk.core.errors import (
    ConcurrentChangeError,
    InvalidTransitionError,
    NotFoundError,
    TeamUnreachableError,
)
from safedesk.core.messages import Message, msg
from safedesk.core.models import (
    Account,
    AuditEvent,
    Draft,
    DraftState,
    HistoryEntry,
    HistoryLine,
    Pane,
    Person,
    Publication,
    Role,
)
from safedesk.core.policy.settings import PolicySettings, StoredPolicy
from safedesk.core.ports import Clock, SystemClock
from safedesk.core.templates import Template, TemplatePreapproval
from safedesk.core.workflow import DraftChange, PendingEvent
from safedesk.storage import codec
from safedesk.storage.sqlite_store import SqliteStore
from safedesk.team.connection import (
    DROPPED_ACTIONS,
    describe_server,
    not_recorded_error,
    recorded_words,
    unknown_outcome_error,
)
from safedesk.team.outbox import Outbox, Pushed, Waiting, push
from safedesk.team.pg_store import PgStore, TeamIdentity

# Events recorded on their own (no row changes) that belong to the team's trail.
_TEAM_EVENTS = frozenset({"draft.schedule_missed", "incident.action_failed",
                          "incident.target_skipped"})
T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class SyncReport:
    """What one :meth:`DeskStore.sync` found and did."""

    reachable: bool
    pushed: tuple[Pushed, ...] = ()
    still_waiting: int = 0  # official drafts still only on this computer
    problem: str = ""  # why the server could not be reached


def team_key(conninfo: str) -> str:
    """Which team (server, database and login) the outbox's entries were written for."""
    from psycopg.conninfo import conninfo_to_dict  # noqa: PLC0415

    return f"{describe_server(conninfo)} as {conninfo_to_dict(conninfo).get('user', '')}"


class DeskStore:
    """The :class:`~safedesk.core.ports.Store` of a desk that has joined a team."""

    def __init__(self, local: SqliteStore, team: PgStore, *, clock: Clock | None = None,
                 reread_seconds: float = 8.0) -> None:
        self.local = local
        self.team = team
        self.outbox = Outbox(local.path, team_key(team.conninfo))
        self.server = describe_server(team.conninfo)
        # False from the first call the server did not answer until a sync succeeds: official
        # reads then show what this computer has, without waiting on the network each time.
        self.reachable = True
        self.unreachable_reason = ""
        # How long, after a dropped connection, to keep asking whether a decision was recorded.
        self.reread_seconds = reread_seconds
        self.person_id = ""
        self._clock = clock or SystemClock()
        self._sync_lock = threading.Lock()
        self._notices: list[str | Message] = []
        self.pushed: list[Pushed] = []  # every draft this desk sent from the outbox, this run
        self._policy_remembered = -1  # the version of the policy settings remembered here

    def _side(self, pane: Pane) -> SqliteStore | PgStore:
        return self.team if pane is Pane.OFFICIAL else self.local

    @property
    def schema_version(self) -> int:
        return self.local.schema_version

    # -- policy settings: the team's, remembered here for when the server is away ------------

    def policy_settings(self) -> StoredPolicy:
        """The team's settings; while the server cannot be reached, the last ones it gave (or,
        on a desk that never read them, the built-in rules)."""
        return self._read(self._policy_from_server, self._remembered_policy)

    def _policy_from_server(self) -> StoredPolicy:
        stored = self.team.policy_settings()
        if stored.version != self._policy_remembered:
            # Written here only when it changed: the settings are read for every check.
            self.outbox.remember("policy", codec.policy_row(stored), self._clock.now())
            self._policy_remembered = stored.version
        return stored

    def _remembered_policy(self) -> StoredPolicy:
        row = self.outbox.recall("policy")
        # With this desk's locks over it again: the managed file may have changed since.
        return self.team.managed_policy.effective(
            codec.policy_from(row) if isinstance(row, dict) else StoredPolicy())

    def save_policy_settings(self, settings: PolicySettings, expected_version: int,
                             event: PendingEvent) -> StoredPolicy:
        """An admin change, so the server's alone to make: refused while it is away."""
        saved = self.team.save_policy_settings(settings, expected_version, event)
        self.outbox.remember("policy", codec.policy_row(saved), self._clock.now())
        self._policy_remembered = saved.version
        return saved

    def close(self) -> None:
        self.outbox.close()
        self.team.close()
        self.local.close()

    def beat(self, host: str) -> None:
        """The publisher's heartbeat goes to the team server (see ``publisher.Heartbeat``)."""
        self.team.beat(host)

    def mirror_person(self, person: Person) -> None:
        """Make the signed-in person known to the local file (personal drafts name them)."""
        self.person_id = person.id
        try:
            self.local.get_person(person.id)
        except NotFoundError:
            self.local.add_person(person, PendingEvent(
                "setup", "person.add", person.id,
                {"name": person.name, "role": person.role.value, "from": "team server"}))

    # -- the server coming and going ------------------------------------------------------------

    def take_notices(self) -> list[str | Message]:
        """What the person should be told that no single call returned (drafts sent after a
        reconnection, a decision found recorded after a drop), once each."""
        notices, self._notices = self._notices, []
        return notices

    def _went_offline(self, error: TeamUnreachableError) -> None:
        if self.reachable:
            self._notices.append(msg("{error} Official drafts you write now are saved on this "
                                     "computer, not yet submitted.", error=error.message))
        self.reachable = False
        self.unreachable_reason = str(error)

    def start(self) -> TeamIdentity:
        """Who this desk is, as the server says, sending what waits here; when the server cannot
        be reached, as it last said (a desk that never reached it cannot open)."""
        self.sync()
        cached = self.outbox.recall("identity")
        if not isinstance(cached, dict):
            raise TeamUnreachableError(self.unreachable_reason)
        identity = TeamIdentity(str(cached["person_id"]), str(cached["name"]),
                                Role(str(cached["role"])), bool(cached["publisher"]))
        self.person_id = identity.person_id
        return identity

    def sync(self) -> SyncReport:
        """Reach the server again, refresh what is remembered of it, and send the drafts that
        wait here. Safe from any thread, and to run again: nothing is sent twice."""
        with self._sync_lock:
            try:
                identity = self.team.whoami()
                person = self.team.get_person(identity.person_id)
                self.mirror_person(person)
                now = self._clock.now()
                self.outbox.remember("identity", {
                    "person_id": identity.person_id, "name": identity.name,
                    "role": identity.role.value, "publisher": identity.publisher}, now)
                self.outbox.remember_accounts(self.team.list_accounts(Pane.OFFICIAL), now)
                pushed, gone = push(self.outbox, self.team, person, now)
            except TeamUnreachableError as error:
                pushed, gone = [], error
            self.pushed.extend(pushed)
            self._notices.extend(p.words for p in pushed)
            waiting = len(self.outbox.entries())
            if gone is not None:
                self._went_offline(gone)
                return SyncReport(False, tuple(pushed), waiting, str(gone))
            self.reachable = True
            self.unreachable_reason = ""
            return SyncReport(True, tuple(pushed), waiting)

    def waiting(self, draft_id: str) -> Waiting | None:
        """The official draft ``draft_id`` if it waits on this computer, not yet submitted."""
        return self.outbox.get(draft_id)

    def waiting_drafts(self) -> list[Waiting]:
        return self.outbox.entries()

    def _read(self, ask: Callable[[], T], offline: Callable[[], T]) -> T:
        """A read of the team's state; while the server cannot be reached, ``offline()``."""
        if not self.reachable:
            return offline()
        try:
            return ask()
        except TeamUnreachableError:
            pass
        try:
            # A connection found dropped is replaced once: the server may already be back.
            return ask()
        except TeamUnreachableError as error:
            self._went_offline(error)
            return offline()

    def _me_only(self, person: Person | None) -> Person | None:
        return person if person is not None and person.id == self.person_id else None

    # -- people: the team's ---------------------------------------------------------------

    def add_person(self, person: Person, event: PendingEvent,
                   grants: Sequence[Grant] = ()) -> None:
        self.team.add_person(person, event, grants)

    def update_person(self, person: Person, event: PendingEvent, *,
                      grants: Sequence[Grant] = (),
                      draft_changes: Sequence[DraftChange] = ()) -> None:
        self.team.update_person(person, event, grants=grants, draft_changes=draft_changes)

    def list_grants(self) -> Sequence[Grant]:
        return self._read(self.team.list_grants, list[Grant])

    # Offline, the only person known is the one mirrored here: this desk's own.
    def get_person(self, person_id: str) -> Person:
        return self._read(lambda: self.team.get_person(person_id),
                          lambda: self.local.get_person(person_id))

    def find_person(self, name: str) -> Person | None:
        return self._read(lambda: self.team.find_person(name),
                          lambda: self._me_only(self.local.find_person(name)))

    def list_people(self) -> Sequence[Person]:
        return self._read(self.team.list_people, lambda: [
            p for p in self.local.list_people() if p.id == self.person_id])

    def set_passphrase_hash(self, person_id: str, passphrase_hash: str,
                            event: PendingEvent) -> None:
        self.team.set_passphrase_hash(person_id, passphrase_hash, event)

    # -- accounts ---------------------------------------------------------------------------

    def add_account(self, account: Account, event: PendingEvent) -> None:
        self._side(account.pane).add_account(account, event)

    def update_account(self, account: Account, event: PendingEvent) -> None:
        self._side(account.pane).update_account(account, event)

    def remove_account(self, account_id: str, event: PendingEvent) -> None:
        self._side(self.get_account(account_id).pane).remove_account(account_id, event)

    def get_account(self, account_id: str) -> Account:
        try:
            return self.local.get_account(account_id)
        except NotFoundError:
            return self._read(lambda: self.team.get_account(account_id),
                              lambda: self._remembered_account(account_id))

    def _remembered_account(self, account_id: str) -> Account:
        for account in self.outbox.recall_accounts():
            if account.id == account_id:
                return account
        raise NotFoundError(msg("There is no account with id '{account_id}' on this computer, and "
                                "the team server cannot be reached to ask.",
                                account_id=account_id))

    def _official_accounts(self) -> Sequence[Account]:
        return self._read(lambda: self.team.list_accounts(Pane.OFFICIAL),
                          self.outbox.recall_accounts)

    def list_accounts(self, pane: Pane | None = None) -> Sequence[Account]:
        if pane is Pane.OFFICIAL:
            return self._official_accounts()
        if pane is Pane.PERSONAL:
            return self.local.list_accounts(pane)
        return [*self.local.list_accounts(Pane.PERSONAL), *self._official_accounts()]

    # -- drafts -----------------------------------------------------------------------------

    def apply(self, change: DraftChange) -> Draft:
        if change.draft.pane is not Pane.OFFICIAL:
            return self.local.apply(change)
        waiting = self.outbox.get(change.draft.id)
        if waiting is not None:
            return self._apply_waiting(waiting, change)
        if change.expected_version is None and change.event.action == "draft.create":
            return self._create_official(change)
        if change.expected_version is None:
            return self.team.apply(change)
        try:
            return self.team.apply(change)
        except TeamUnreachableError as dropped:
            return self._after_drop(change, dropped)

    def _create_official(self, change: DraftChange) -> Draft:
        if self.reachable:
            try:
                return self.team.apply(change)
            except TeamUnreachableError as error:
                # Perhaps created before the answer was lost: the push sorts that out, since
                # the server refuses a second draft under the same id.
                self.outbox.add(change.draft)
                self._went_offline(error)
                self.sync()  # a dropped connection is replaced once: the server may be back
                return self.get_draft(change.draft.id)
        self.outbox.add(change.draft)
        return change.draft

    def _apply_waiting(self, waiting: Waiting, change: DraftChange) -> Draft:
        """A change to a draft only this computer has: kept here, sent with the draft."""
        action = change.event.action
        if change.expected_version != waiting.draft.version:
            raise ConcurrentChangeError(msg("This draft changed on this computer a moment ago; look "
                                            "at it again."))
        if action == "draft.edit":
            self.outbox.change(change.draft, waiting.draft.version)
        elif action == "draft.submit":
            self.outbox.want_submit(waiting.draft.id, urgent=change.draft.urgent)
        else:
            raise InvalidTransitionError(msg("This official draft is still only on this computer: "
                                             "it can be edited and submitted, and goes to the team "
                                             "server when it can be reached."))
        if self.reachable and waiting.last_error:
            self.sync()  # the server refused it before and is there: try the new version now
        return self.get_draft(waiting.draft.id)

    def _after_drop(self, change: DraftChange, dropped: TeamUnreachableError) -> Draft:
        """The connection dropped while the change was on its way: read the draft again (for as
        long as ``reread_seconds`` allows) and say whether the server recorded it."""
        action = change.event.action.removeprefix("draft.")
        if action not in DROPPED_ACTIONS or change.expected_version is None:
            raise dropped
        deadline = time.monotonic() + self.reread_seconds
        while True:
            try:
                server = self.team.get_draft(change.draft.id)
                break
            except TeamUnreachableError as error:
                if time.monotonic() >= deadline:
                    self._went_offline(error)
                    raise unknown_outcome_error(action, change.draft.id, self.server) from None
                time.sleep(0.25)
        if _recorded(change, server):
            self._notices.append(recorded_words(action))
            return server
        if server.version == change.expected_version:
            raise not_recorded_error(action)
        raise ConcurrentChangeError(msg("The connection to the team server dropped, and the post "
                                        "has changed since: look at it again."))

    def get_draft(self, draft_id: str) -> Draft:
        try:
            return self.local.get_draft(draft_id)
        except NotFoundError:
            pass
        waiting = self.outbox.get(draft_id)
        if waiting is not None:
            return waiting.draft
        if not self.reachable:
            raise TeamUnreachableError(self.unreachable_reason)
        return self.team.get_draft(draft_id)

    def _official_drafts(self, states: Collection[DraftState] | None, author_id: str | None,
                         newest: int | None) -> list[Draft]:
        on_server = self._read(lambda: list(self.team.list_drafts(
            Pane.OFFICIAL, states, author_id=author_id, newest=newest)), list[Draft])
        known = {d.id for d in on_server}
        here = [w.draft for w in self.outbox.entries()
                if w.draft.id not in known and (states is None or DraftState.DRAFT in states)
                and author_id in (None, w.draft.author_id)]
        return _newest([*on_server, *here], newest)

    def list_drafts(self, pane: Pane | None = None,
                    states: Collection[DraftState] | None = None, *,
                    author_id: str | None = None, newest: int | None = None) -> Sequence[Draft]:
        def personal() -> list[Draft]:
            return list(self.local.list_drafts(Pane.PERSONAL, states, author_id=author_id,
                                               newest=newest))

        if pane is Pane.OFFICIAL:
            return self._official_drafts(states, author_id, newest)
        if pane is Pane.PERSONAL:
            return personal()
        both = [*personal(), *self._official_drafts(states, author_id, newest)]
        return both if newest is None else _newest(both, newest)

    def has_shared_from(self, pane: Pane, author_id: str) -> bool:
        if pane is Pane.PERSONAL:
            return self.local.has_shared_from(pane, author_id)
        # Offline, nothing is claimed: "never shared before" would be a guess.
        return self._read(lambda: self.team.has_shared_from(pane, author_id), lambda: False)

    # -- publications -----------------------------------------------------------------------

    def update_publication(self, publication: Publication, event: PendingEvent) -> None:
        self._side(publication.pane).update_publication(publication, event)

    def get_publication(self, publication_id: str) -> Publication:
        try:
            return self.local.get_publication(publication_id)
        except NotFoundError:
            return self.team.get_publication(publication_id)

    def list_publications(self, *, draft_id: str | None = None, pane: Pane | None = None,
                          limit: int | None = None, offset: int = 0) -> Sequence[Publication]:
        return self._both_sides(
            lambda side, side_pane, side_limit, side_offset: side.list_publications(
                draft_id=draft_id, pane=side_pane, limit=side_limit, offset=side_offset),
            pane, limit, offset, _newest_first)

    def history(self, pane: Pane | None = None, *, limit: int | None = None,
                offset: int = 0, visible_to: str | None = None) -> Sequence[HistoryEntry]:
        return self._both_sides(
            lambda side, side_pane, side_limit, side_offset: side.history(
                side_pane, limit=side_limit, offset=side_offset, visible_to=visible_to),
            pane, limit, offset, lambda entry: _newest_first(entry.publication))

    def history_lines(self, pane: Pane | None = None) -> Iterator[HistoryLine]:
        # Both sides are in the stores' order already: merged as they come, personal first
        # among equals as in ``_both_sides``.
        official: Iterator[HistoryLine] = iter(()) if pane is Pane.PERSONAL else self._read(
            lambda: self.team.history_lines(Pane.OFFICIAL), lambda: iter(()))
        personal = iter(()) if pane is Pane.OFFICIAL else self.local.history_lines(Pane.PERSONAL)
        return heapq.merge(personal, official, key=_line_oldest_first, reverse=True)

    def _both_sides(self, page_of: Callable[[SqliteStore | PgStore, Pane, int | None, int],
                                            Sequence[T]],
                    pane: Pane | None, limit: int | None, offset: int,
                    order: Callable[[T], tuple[bool, float]]) -> Sequence[T]:
        """A page of official (the team's) and personal (this desk's) rows in the stores'
        order. Each side pages its own; both together are merged in that order, then paged."""
        side_limit, side_offset = (limit, offset) if pane is not None else (
            None if limit is None else limit + offset, 0)
        official: list[T] = [] if pane is Pane.PERSONAL else self._read(
            lambda: list(page_of(self.team, Pane.OFFICIAL, side_limit, side_offset)), list)
        personal: list[T] = [] if pane is Pane.OFFICIAL else list(
            page_of(self.local, Pane.PERSONAL, side_limit, side_offset))
        if pane is not None:
            return official or personal
        merged = sorted([*personal, *official], key=order)
        return merged[offset:None if limit is None else offset + limit]

    def find_publication(self, account_id: str, remote_id: str) -> Publication | None:
        return (self.local.find_publication(account_id, remote_id)
                or self._read(lambda: self.team.find_publication(account_id, remote_id),
                              lambda: None))

    # -- templates: the team's --------------------------------------------------------------

    def add_template_version(self, template: Template, event: PendingEvent) -> None:
        self.team.add_template_version(template, event)

    def template_versions(self, name: str | None = None,
                          language: str | None = None) -> Sequence[Template]:
        return self._read(lambda: self.team.template_versions(name, language), list[Template])

    def add_preapproval(self, preapproval: TemplatePreapproval, event: PendingEvent) -> None:
        self.team.add_preapproval(preapproval, event)

    def list_preapprovals(self, name: str | None = None,
                          language: str | None = None) -> Sequence[TemplatePreapproval]:
        return self._read(lambda: self.team.list_preapprovals(name, language),
                          list[TemplatePreapproval])

    # -- incidents --------------------------------------------------------------------------

    def add_incident(self, incident: Incident, event: PendingEvent) -> None:
        self._side(incident.pane).add_incident(incident, event)

    def update_incident(self, incident: Incident, event: PendingEvent) -> None:
        self._side(incident.pane).update_incident(incident, event)

    def record_action(self, incident_id: str, target: IncidentTarget,
                      publication: Publication | None, event: PendingEvent) -> None:
        side = self._side(self.get_incident(incident_id).pane)
        side.record_action(incident_id, target, publication, event)

    def get_incident(self, incident_id: str) -> Incident:
        try:
            return self.local.get_incident(incident_id)
        except NotFoundError:
            return self.team.get_incident(incident_id)

    def find_incident(self, correction_draft_id: str) -> Incident | None:
        return (self.local.find_incident(correction_draft_id)
                or self._read(lambda: self.team.find_incident(correction_draft_id),
                              lambda: None))

    def list_incidents(self, pane: Pane | None = None) -> Sequence[Incident]:
        official = [] if pane is Pane.PERSONAL else self._read(
            lambda: list(self.team.list_incidents(Pane.OFFICIAL)), list[Incident])
        personal = [] if pane is Pane.OFFICIAL else self.local.list_incidents(Pane.PERSONAL)
        return [*personal, *official]

    # -- audit: this desk's own trail; the team's is checked with `safedesk team verify` -------

    def record(self, event: PendingEvent) -> AuditEvent:
        if event.action in _TEAM_EVENTS:
            return self.team.record(event)
        return self.local.record(event)

    def audit_events(self) -> Iterator[AuditEvent]:
        return self.local.audit_events()

    def audit_rows(self) -> Iterator[StoredRow]:
        return self.local.audit_rows()

    def audit_events_about(self, subject: str) -> Sequence[AuditEvent]:
        """A subject's story on this computer, or else on the team server (an official draft's
        is kept there)."""
        here = self.local.audit_events_about(subject)
        if here:
            return here
        return self._read(lambda: self.team.audit_events_about(subject), list)

    def audit_head(self) -> ChainHead:
        return self.local.audit_head()

    def witnessed_rows(self, table: str, columns: Sequence[str]) -> Iterator[dict[str, object]]:
        return self.local.witnessed_rows(table, columns)

    def witnessed_closing(self, table: str,
                          columns: Sequence[str]) -> Iterator[dict[str, object]]:
        return self.local.witnessed_closing(table, columns)


def _newest_first(publication: Publication) -> tuple[bool, float]:
    """The stores' order: published newest first, not yet published last."""
    when = publication.published_at
    return (when is None, -when.timestamp() if when is not None else 0.0)


def _line_oldest_first(line: HistoryLine) -> tuple[bool, str]:
    """:func:`_newest_first` of a history line, reversed: unpublished first, then oldest first.
    Its time is text as ``isoformat`` writes it in UTC, which sorts as the time does (a whole
    second's ``+`` before a fraction's ``.``), so nothing is parsed per line."""
    return (line.published_at is not None, line.published_at or "")


def _recorded(change: DraftChange, server: Draft) -> bool:
    """Whether the server's draft shows ``change`` as made (by this desk, not someone else)."""
    sent = change.draft
    if change.event.action == "draft.approve":
        # The approval's own id settles it, even after the publisher has moved the draft on.
        return (server.approval is not None and sent.approval is not None
                and server.approval.id == sent.approval.id)
    if server.version != (change.expected_version or 0) + 1 or server.state is not sent.state:
        return False
    if change.event.action == "draft.edit":
        return (server.last_editor_id == sent.last_editor_id
                and content_digest(server.content) == content_digest(sent.content))
    if change.event.action in {"draft.reject", "draft.request_changes"}:
        return server.decision_note == sent.decision_note.strip()
    return True  # submit and withdraw: only the author can, and this desk is the author's


def _newest(drafts: list[Draft], newest: int | None) -> list[Draft]:
    """Drafts from two places as one page: the ``newest`` changed last, newest first."""
    if newest is None:
        return drafts
    return sorted(drafts, key=lambda d: d.updated_at, reverse=True)[:newest]
