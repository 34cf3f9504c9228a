"""Sending a draft to each of its accounts, in parallel, exactly once each.

Starting to publish records one pending publication per target, each with its own idempotency
key, in the same transaction as the state change. Each target is then sent on its own worker
thread; the adapter uses the key so that a repeat (a retry, or recovery after a crash) finds or
re-sends the same post rather than a second one. A failure on one account never stops the others;
the draft ends ``published`` only when every target is.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace

from safedesk.core import workflow
from safedesk.core.errors import NotFoundError, PlatformError, SafeDeskError
from safedesk.core.models import (
    Account,
    Draft,
    DraftState,
    Person,
    Publication,
    PublicationState,
)
from safedesk.core.platform import ImageUpload, PlatformClient, PostRequest, RemoteRef, make_tid
from safedesk.core.ports import Clock, Store
from safedesk.core.workflow import PendingEvent
from safedesk.storage.media_library import MediaLibrary

log = logging.getLogger(__name__)

ClientFactory = Callable[[Account], PlatformClient]
PublishListener = Callable[["PublishReport", Person], None]


@dataclass(frozen=True, slots=True)
class PublishReport:
    draft: Draft
    publications: tuple[Publication, ...]

    @property
    def failed(self) -> tuple[Publication, ...]:
        return tuple(p for p in self.publications if p.state is PublicationState.FAILED)

    @property
    def complete(self) -> bool:
        return all(p.state is PublicationState.PUBLISHED for p in self.publications)


class PublishService:
    def __init__(self, store: Store, clock: Clock, clients: ClientFactory,
                 media: MediaLibrary, *, max_workers: int = 8) -> None:
        self._store = store
        self._clock = clock
        self._clients = clients
        self._media = media
        self._max_workers = max_workers
        self._listeners: list[PublishListener] = []

    def after_publish(self, listener: PublishListener) -> None:
        """Call ``listener(report, actor)`` after every round of sending, on the same thread,
        whichever path started it (the author, the queue, a retry, a schedule, a recovery).
        A listener's failure is logged and never changes what was published."""
        self._listeners.append(listener)

    def publish(self, draft_id: str, actor: Person) -> PublishReport:
        """Publish now (personal, or official with a valid approval), or retry what failed."""
        draft = self._store.get_draft(draft_id)
        accounts = {a.id: a for a in self._store.list_accounts()}
        existing = {p.account_id: p for p in self._store.list_publications(draft_id=draft.id)}
        new = tuple(
            Publication(id=str(uuid.uuid4()), draft_id=draft.id, account_id=account_id,
                        pane=draft.pane, idempotency_key=make_tid(),
                        state=PublicationState.PENDING)
            for account_id in draft.content.targets if account_id not in existing
        )
        change = workflow.start_publish(draft, actor, accounts, self._clock.now(), new)
        draft = self._store.apply(change)
        return self._send_all(draft, actor, accounts)

    def recover_interrupted(self, actor: Person) -> list[PublishReport]:
        """After a crash: finish every draft left ``publishing``, checking before re-sending."""
        accounts = {a.id: a for a in self._store.list_accounts()}
        return [self._send_all(draft, actor, accounts)
                for draft in self._store.list_drafts(states={DraftState.PUBLISHING})]

    def _send_all(self, draft: Draft, actor: Person,
                  accounts: Mapping[str, Account]) -> PublishReport:
        publications = [p for p in self._store.list_publications(draft_id=draft.id)
                        if p.account_id in draft.content.targets]
        waiting = [p for p in publications if p.state is not PublicationState.PUBLISHED]
        if waiting:
            with ThreadPoolExecutor(max_workers=min(self._max_workers, len(waiting)),
                                    thread_name_prefix="publish") as pool:
                list(pool.map(lambda p: self._send_one(draft, p, actor, accounts), waiting))
        final = tuple(self._store.list_publications(draft_id=draft.id))
        succeeded = all(p.state is PublicationState.PUBLISHED for p in final)
        failures = [p for p in final if p.state is PublicationState.FAILED]
        note = "" if succeeded else "; ".join(
            f"{self._address(accounts, p.account_id)}: {p.error}" for p in failures)
        draft = self._store.apply(workflow.finish_publish(
            self._store.get_draft(draft.id), actor, succeeded=succeeded, now=self._clock.now(),
            note=note))
        report = PublishReport(draft, final)
        for listener in self._listeners:
            try:
                listener(report, actor)
            except Exception:  # what went out stays out; the listener's own record says the rest
                log.exception("a listener failed after publishing %s", draft.id)
        return report

    @staticmethod
    def _require(account: Account | None) -> Account:
        if account is None:
            raise NotFoundError("This account was removed from SafeDesk.")
        return account

    @staticmethod
    def _address(accounts: Mapping[str, Account], account_id: str) -> str:
        account = accounts.get(account_id)
        return account.address if account else account_id

    def _send_one(self, draft: Draft, publication: Publication, actor: Person,
                  accounts: Mapping[str, Account]) -> None:
        account = accounts.get(publication.account_id)
        attempt = replace(publication, attempts=publication.attempts + 1)
        try:
            client = self._clients(self._require(account))
            post = client.publish(self._request(draft, publication, self._require(account)))
        except SafeDeskError as error:
            self._record(replace(attempt, state=PublicationState.FAILED, error=str(error)),
                         actor, "publication.failed", {"error": str(error),
                                                       "kind": type(error).__name__})
            return
        except Exception as error:  # one account's surprise must not stop the others
            log.exception("unexpected failure publishing to %s", publication.account_id)
            message = f"Unexpected problem: {type(error).__name__}. Try again."
            self._record(replace(attempt, state=PublicationState.FAILED, error=message),
                         actor, "publication.failed", {"error": message})
            return
        done = replace(attempt, state=PublicationState.PUBLISHED, error="",
                       remote_id=post.ref.remote_id, remote_uri=post.ref.uri,
                       remote_cid=post.ref.cid, url=post.url,
                       published_at=post.created_at or self._clock.now())
        self._record(done, actor, "publication.published",
                     {"url": post.url, "remote_id": post.ref.remote_id})

    def _record(self, publication: Publication, actor: Person, action: str,
                details: dict[str, object]) -> None:
        details = {"draft": publication.draft_id, "account": publication.account_id,
                   "idempotency_key": publication.idempotency_key,
                   "attempt": publication.attempts, **details}
        self._store.update_publication(
            publication, PendingEvent(actor.id, action, publication.id, details))

    def _request(self, draft: Draft, publication: Publication, account: Account) -> PostRequest:
        content = draft.content
        reply_to = self._reply_ref(content.reply_to, account) if content.reply_to else None
        return PostRequest(
            text=content.text,
            idempotency_key=publication.idempotency_key,
            content_warning=content.content_warning,
            language=content.language,
            images=tuple(ImageUpload(self._media.path_for(m), m.alt_text) for m in content.media),
            reply_to=reply_to,
            visibility=content.visibility,
            cw_on_bluesky=content.cw_on_bluesky,
        )

    def _reply_ref(self, original_draft_id: str, account: Account) -> RemoteRef:
        for publication in self._store.list_publications(draft_id=original_draft_id):
            if publication.account_id == account.id and \
                    publication.state in {PublicationState.PUBLISHED, PublicationState.CORRECTED}:
                return RemoteRef(publication.remote_id, publication.remote_uri,
                                 publication.remote_cid)
        raise PlatformError(f"The post being answered never went out as {account.address}, so "
                            "there is nothing to reply to there.")
