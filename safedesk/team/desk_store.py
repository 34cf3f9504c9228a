"""A desk in team mode: the organisation's state on the team server, the person's own here.

Official accounts, drafts, publications, incidents, templates and people live on the team's
PostgreSQL (:class:`~safedesk.team.pg_store.PgStore`); personal accounts, drafts and history stay
in the laptop's SQLite file. Every call goes to the one side that holds what it names, so nothing
personal ever reaches the server, and the services above work unchanged.

The person signed in here is mirrored into the local file (once, with its own audit event) only
because personal drafts name their author there.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator, Sequence

from safedesk.core.appointments import Grant
from safedesk.core.audit import ChainHead
from safedesk.core.corrections import Incident, IncidentTarget
from safedesk.core.errors import NotFoundError
from safedesk.core.models import Account, AuditEvent, Draft, DraftState, Pane, Person, Publication
from safedesk.core.templates import Template, TemplatePreapproval
from safedesk.core.workflow import DraftChange, PendingEvent
from safedesk.storage.sqlite_store import SqliteStore
from safedesk.team.pg_store import PgStore

# Events recorded on their own (no row changes) that belong to the team's trail.
_TEAM_EVENTS = frozenset({"draft.schedule_missed", "incident.action_failed",
                          "incident.target_skipped"})


class DeskStore:
    """The :class:`~safedesk.core.ports.Store` of a desk that has joined a team."""

    def __init__(self, local: SqliteStore, team: PgStore) -> None:
        self.local = local
        self.team = team

    def _side(self, pane: Pane) -> SqliteStore | PgStore:
        return self.team if pane is Pane.OFFICIAL else self.local

    @property
    def schema_version(self) -> int:
        return self.local.schema_version

    def close(self) -> None:
        self.team.close()
        self.local.close()

    def beat(self, host: str) -> None:
        """The publisher's heartbeat goes to the team server (see ``publisher.Heartbeat``)."""
        self.team.beat(host)

    def mirror_person(self, person: Person) -> None:
        """Make the signed-in person known to the local file (personal drafts name them)."""
        try:
            self.local.get_person(person.id)
        except NotFoundError:
            self.local.add_person(person, PendingEvent(
                "setup", "person.add", person.id,
                {"name": person.name, "role": person.role.value, "from": "team server"}))

    # -- people: the team's ---------------------------------------------------------------

    def add_person(self, person: Person, event: PendingEvent,
                   grants: Sequence[Grant] = ()) -> None:
        self.team.add_person(person, event, grants)

    def update_person(self, person: Person, event: PendingEvent, *,
                      grants: Sequence[Grant] = (),
                      draft_changes: Sequence[DraftChange] = ()) -> None:
        self.team.update_person(person, event, grants=grants, draft_changes=draft_changes)

    def list_grants(self) -> Sequence[Grant]:
        return self.team.list_grants()

    def get_person(self, person_id: str) -> Person:
        return self.team.get_person(person_id)

    def find_person(self, name: str) -> Person | None:
        return self.team.find_person(name)

    def list_people(self) -> Sequence[Person]:
        return self.team.list_people()

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
            return self.team.get_account(account_id)

    def list_accounts(self, pane: Pane | None = None) -> Sequence[Account]:
        if pane is not None:
            return self._side(pane).list_accounts(pane)
        return [*self.local.list_accounts(Pane.PERSONAL), *self.team.list_accounts(Pane.OFFICIAL)]

    # -- drafts -----------------------------------------------------------------------------

    def apply(self, change: DraftChange) -> Draft:
        return self._side(change.draft.pane).apply(change)

    def get_draft(self, draft_id: str) -> Draft:
        try:
            return self.local.get_draft(draft_id)
        except NotFoundError:
            return self.team.get_draft(draft_id)

    def list_drafts(self, pane: Pane | None = None,
                    states: Collection[DraftState] | None = None) -> Sequence[Draft]:
        if pane is not None:
            return self._side(pane).list_drafts(pane, states)
        return [*self.local.list_drafts(Pane.PERSONAL, states),
                *self.team.list_drafts(Pane.OFFICIAL, states)]

    # -- publications -----------------------------------------------------------------------

    def update_publication(self, publication: Publication, event: PendingEvent) -> None:
        self._side(publication.pane).update_publication(publication, event)

    def get_publication(self, publication_id: str) -> Publication:
        try:
            return self.local.get_publication(publication_id)
        except NotFoundError:
            return self.team.get_publication(publication_id)

    def list_publications(self, *, draft_id: str | None = None,
                          pane: Pane | None = None) -> Sequence[Publication]:
        if pane is not None:
            return self._side(pane).list_publications(draft_id=draft_id, pane=pane)
        return [*self.local.list_publications(draft_id=draft_id, pane=Pane.PERSONAL),
                *self.team.list_publications(draft_id=draft_id, pane=Pane.OFFICIAL)]

    def find_publication(self, account_id: str, remote_id: str) -> Publication | None:
        return (self.local.find_publication(account_id, remote_id)
                or self.team.find_publication(account_id, remote_id))

    # -- templates: the team's --------------------------------------------------------------

    def add_template_version(self, template: Template, event: PendingEvent) -> None:
        self.team.add_template_version(template, event)

    def template_versions(self, name: str | None = None,
                          language: str | None = None) -> Sequence[Template]:
        return self.team.template_versions(name, language)

    def add_preapproval(self, preapproval: TemplatePreapproval, event: PendingEvent) -> None:
        self.team.add_preapproval(preapproval, event)

    def list_preapprovals(self, name: str | None = None,
                          language: str | None = None) -> Sequence[TemplatePreapproval]:
        return self.team.list_preapprovals(name, language)

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
                or self.team.find_incident(correction_draft_id))

    def list_incidents(self, pane: Pane | None = None) -> Sequence[Incident]:
        if pane is not None:
            return self._side(pane).list_incidents(pane)
        return [*self.local.list_incidents(Pane.PERSONAL),
                *self.team.list_incidents(Pane.OFFICIAL)]

    # -- audit: this desk's own trail; the team's is checked with `safedesk team verify` -------

    def record(self, event: PendingEvent) -> AuditEvent:
        if event.action in _TEAM_EVENTS:
            return self.team.record(event)
        return self.local.record(event)

    def audit_events(self) -> Iterator[AuditEvent]:
        return self.local.audit_events()

    def audit_head(self) -> ChainHead:
        return self.local.audit_head()

    def witnessed_rows(self, table: str, columns: Sequence[str]) -> Iterator[dict[str, object]]:
        return self.local.witnessed_rows(table, columns)

