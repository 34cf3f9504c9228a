"""Fixtures of the store contract (tests/test_store_contract.py): the same five people in each
kind of store, and the official flow as the services and the publisher drive it.

The SQLite store trusts the actor a :class:`PendingEvent` names, so everyone shares one store; on
the team server each person has a login of their own (``tests/team_support.py``) and the server
names the caller itself. A :class:`StoreFamily` hides that: ``for_person(name)`` is the store that
person acts through, ``person(name)`` who they are.
"""

from __future__ import annotations

import contextlib
import hashlib
import uuid
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from safedesk.core import workflow
from safedesk.core.audit import ChainHead, verify_chain
from safedesk.core.digest import content_digest
from safedesk.core.models import (
    Account,
    AuditEvent,
    Content,
    ContentWarningOnBluesky,
    Draft,
    DraftState,
    MediaItem,
    Pane,
    Person,
    Platform,
    Publication,
    PublicationState,
    Role,
    ServerLimits,
    Visibility,
)
from safedesk.core.ports import Store, SystemClock
from safedesk.core.workflow import PendingEvent
from safedesk.services.accounts import AccountService
from safedesk.services.audit import AuditService
from safedesk.services.drafts import DraftService
from safedesk.services.people import PeopleService
from safedesk.storage.sqlite_store import SqliteStore
from safedesk.team.pg_store import PgStore
from tests.team_support import Team

CLOCK = SystemClock()
ROLES = {"Ada": Role.ADMIN, "Jo": Role.AUTHOR, "Sam": Role.APPROVER, "Kim": Role.APPROVER,
         "Pub": Role.AUTHOR}
PASSPHRASE = "Pale-Otter-Carries-Seven-Lanterns"
# Times the team server stamps itself; the embedded store takes the desk's clock.
NEAR = timedelta(minutes=2)


class StoreFamily:
    """The stores of one kind, one per person who acts, with the same five people in each."""

    kind: str
    # Who keeps official accounts: the publisher on a team, an admin on a desk of its own.
    keeper: str

    def for_person(self, name: str) -> Store:
        raise NotImplementedError

    def person(self, name: str) -> Person:
        found = self.for_person(name).find_person(name)
        assert found is not None, name
        return found

    def image(self, magic: bytes, mime_type: str, alt_text: str, filename: str) -> MediaItem:
        """An image item whose bytes the store can hold (a team server must have them)."""
        data = magic + filename.encode()
        return MediaItem(hashlib.sha256(data).hexdigest(), mime_type, alt_text, filename)

    def drafts(self, name: str) -> DraftService:
        return DraftService(self.for_person(name), CLOCK)

    def accounts(self) -> AccountService:
        """The keeper's account service, told whether it runs on the team's publisher."""
        return AccountService(self.for_person(self.keeper), CLOCK,
                              team_publisher=True if self.kind == "postgresql" else None)

    def add_official_account(self, handle: str, platform: Platform = Platform.MASTODON, *,
                             remote_id: str = "", limits: ServerLimits | None = None) -> Account:
        server = "https://social.example.gov.uk" if platform is Platform.MASTODON \
            else "https://bsky.social"
        return self.accounts().register(Pane.OFFICIAL, platform, server, handle,
                                        f"Council {handle}", actor=self.person(self.keeper).id,
                                        remote_id=remote_id, limits=limits)


class SqliteFamily(StoreFamily):
    kind, keeper = "sqlite", "Ada"

    def __init__(self, path: Path) -> None:
        self.store = SqliteStore(path)
        people = PeopleService(self.store, CLOCK)
        ada = people.add("Ada", Role.ADMIN, PASSPHRASE)
        for name, role in ROLES.items():
            if name != "Ada":
                people.add(name, role, PASSPHRASE, added_by=ada)

    def for_person(self, name: str) -> Store:
        """The one store: it trusts the actor each event names, whoever ``name`` is."""
        return self.store


class PgFamily(StoreFamily):
    kind, keeper = "postgresql", "Pub"

    def __init__(self, team: Team) -> None:
        self.team = team
        self._stores: dict[str, Store] = {}

    def for_person(self, name: str) -> Store:
        if name not in self._stores:
            self._stores[name] = self.team.store(name)
        return self._stores[name]

    def image(self, magic: bytes, mime_type: str, alt_text: str, filename: str) -> MediaItem:
        item = super().image(magic, mime_type, alt_text, filename)
        store = self.for_person("Jo")
        assert isinstance(store, PgStore)
        assert store.put_media(magic + filename.encode(), mime_type) == item.sha256
        return item


@contextlib.contextmanager
def one_event(store: Store, action: str, subject: str | None, actor: Person,
              ) -> Iterator[list[AuditEvent]]:
    """The write inside appends exactly one audit event, naming what was done, to what (when
    known beforehand) and by whom; the event is handed back for a closer look."""
    before = store.audit_head().count
    written: list[AuditEvent] = []
    yield written
    head = store.audit_head()
    assert head.count == before + 1
    last = list(store.audit_events())[-1]
    assert (last.seq, last.action, last.actor) == (head.count, action, actor.id)
    assert subject is None or last.subject == subject
    assert head.last_hash == last.event_hash
    written.append(last)


def assert_audit_agrees(store: Store) -> None:
    """The chain is whole, its head is its last link, and every checked table agrees with it."""
    report = AuditService(store).verify()
    assert report.intact, str(report)
    assert report.findings == (), str(report)
    events = list(store.audit_events())
    assert verify_chain(iter(events), store.audit_head()).intact
    assert store.audit_head() == ChainHead(events[-1].seq, events[-1].event_hash)


def submitted(family: StoreFamily, *accounts: Account, text: str = "Bins go out on Tuesday.",
              ) -> Draft:
    jo, as_jo = family.person("Jo"), family.drafts("Jo")
    draft = as_jo.create(jo, Pane.OFFICIAL, Content(text, tuple(a.id for a in accounts)))
    return as_jo.submit(draft.id, jo)


def approved(family: StoreFamily, *accounts: Account, text: str = "Bins go out on Tuesday.",
             ) -> Draft:
    draft = submitted(family, *accounts, text=text)
    return family.drafts("Sam").approve(draft.id, family.person("Sam"),
                                        content_digest(draft.content))


def start_publishing(family: StoreFamily, draft: Draft) -> tuple[Draft, list[Publication]]:
    """The publisher claims an approved draft, with one pending publication per target, as
    ``PublishService.publish`` does before it sends anything."""
    store, pub = family.for_person("Pub"), family.person("Pub")
    accounts = {a.id: a for a in store.list_accounts()}
    new = tuple(Publication(id=str(uuid.uuid4()), draft_id=draft.id, account_id=account_id,
                            pane=Pane.OFFICIAL, idempotency_key=f"key-{uuid.uuid4()}",
                            state=PublicationState.PENDING)
                for account_id in draft.content.targets)
    with one_event(store, "draft.start_publish", draft.id, pub) as started:
        publishing = store.apply(workflow.start_publish(draft, pub, accounts, CLOCK.now(), new))
    assert started[0].details["publications"] == {p.account_id: p.idempotency_key for p in new}
    return publishing, list(new)


def record_publication(family: StoreFamily, publication: Publication, action: str,
                       ) -> Publication:
    store, pub = family.for_person("Pub"), family.person("Pub")
    with one_event(store, action, publication.id, pub):
        store.update_publication(publication, PendingEvent(pub.id, action, publication.id, {
            "draft": publication.draft_id, "account": publication.account_id,
            "idempotency_key": publication.idempotency_key, "attempt": publication.attempts,
            "state": publication.state.value, "remote_id": publication.remote_id}))
    assert store.get_publication(publication.id) == publication
    return publication


def published(family: StoreFamily, *accounts: Account, text: str = "Bins go out on Tuesday.",
              ) -> tuple[Draft, list[Publication]]:
    """An official post out on every account, recorded as the publisher records it."""
    draft, pending = start_publishing(family, approved(family, *accounts, text=text))
    done = []
    for n, publication in enumerate(pending):
        now = datetime.now(UTC)
        attempt = record_publication(family, replace(
            publication, attempts=1, first_attempt_at=now, last_attempt_at=now),
            "publication.attempt")
        done.append(record_publication(family, replace(
            attempt, state=PublicationState.PUBLISHED, remote_id=f"1100{n}",
            url=f"https://social.example.gov.uk/@council/1100{n}",
            published_at=now + timedelta(seconds=n + 1), remote_uri=f"at://did:plc:c/{n}",
            remote_cid=f"bafy{n}"), "publication.published"))
    pub = family.person("Pub")
    draft = family.drafts("Pub").finish_publish(draft.id, pub, succeeded=True)
    assert draft.state is DraftState.PUBLISHED
    return draft, done


PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
JPEG_MAGIC = b"\xff\xd8\xff\xe0"


def rich_content(family: StoreFamily, accounts: tuple[Account, ...],
                 reply_to: str | None = None) -> Content:
    return Content(
        text="Caf\u00e9 \U0001f469\U0001f3fd\u200d\U0001f4bb \u0645\u0631\u062d\u0628\u0627 "
             "road closed on \u2018Heol y Bont\u2019\r\nCafe\u0301\ttab \"quoted\" \\ back\x07",
        targets=tuple(a.id for a in accounts),
        content_warning="Road works \u26a0\rsecond line",
        language="cy",
        media=(family.image(PNG_MAGIC, "image/png", "Map of the closure", "map.png"),
               family.image(JPEG_MAGIC, "image/jpeg", "Diversion sign \u00e9", "sign.jpg")),
        schedule_at=datetime.now(UTC).replace(microsecond=999999) + timedelta(days=30),
        reply_to=reply_to,
        visibility=Visibility.UNLISTED,
        cw_on_bluesky=ContentWarningOnBluesky.PREPEND,
    )


@pytest.fixture(params=["sqlite", "postgresql"])
def family(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[StoreFamily]:
    if request.param == "sqlite":
        made = SqliteFamily(tmp_path / "safedesk.sqlite3")
        yield made
        made.store.close()
    else:
        yield PgFamily(request.getfixturevalue("team"))
