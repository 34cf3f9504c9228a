"""Sending a draft to each of its accounts, in parallel, exactly once each.

Starting to publish records one pending publication per target, each with its own idempotency
key, in the same transaction as the state change. Before each send, the attempt itself is
recorded (``first_attempt_at``/``last_attempt_at``), so that after a crash SafeDesk knows which
posts may be out there: those are looked for before anything is sent again, and if looking
fails, nothing is sent (the publication becomes UNKNOWN and says so). A server's answer goes
into the fsynced publish journal before the database, so a post that went out is recorded as
published even when the database could not be written at that moment. A failure on one account
never stops the others; the draft ends ``published`` only when every target is.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable, Collection, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from datetime import datetime
from typing import NoReturn

from safedesk.core import workflow
from safedesk.core.errors import (
    ConcurrentChangeError,
    NotAllowedError,
    NotFoundError,
    OutcomeUnknownError,
    PlatformError,
    RejectedError,
    SafeDeskError,
    StorageError,
)
from safedesk.core.messages import Message, msg
from safedesk.core.models import (
    Account,
    Draft,
    DraftState,
    LinkCard,
    Pane,
    Person,
    Platform,
    Publication,
    PublicationState,
)
from safedesk.core.pair_posts import reply_target
from safedesk.core.pairs import PairLayout, PairStyle
from safedesk.core.platform import (
    EarlierAttempt,
    ExternalCard,
    ImageUpload,
    PlatformClient,
    PostRequest,
    RemotePost,
    RemoteRef,
    make_tid,
)
from safedesk.core.ports import Clock, Store
from safedesk.core.workflow import PendingEvent
from safedesk.services.pair_publishing import (
    ReplyFor,
    one_post_request,
    pair_plan,
    two_post_parts,
)
from safedesk.services.policy import policy_context
from safedesk.services.post_parts import PartPlan, ThreadParts
from safedesk.services.share_check import share_details, shared_post_changed
from safedesk.services.undo_share import check_not_undone
from safedesk.storage.draft_locks import DraftLocks
from safedesk.storage.media_library import MediaLibrary
from safedesk.storage.publish_journal import JournalEntry, PublishJournal

log = logging.getLogger(__name__)

ClientFactory = Callable[[Account], PlatformClient]
PublishListener = Callable[["PublishReport", Person], None]


@dataclass(frozen=True, slots=True)
class PublishReport:
    draft: Draft
    publications: tuple[Publication, ...]
    # Set when the server's answers could not all be saved in the database: they are in the
    # publish journal, and SafeDesk records them when it next starts.
    unsaved: str = ""

    @property
    def failed(self) -> tuple[Publication, ...]:
        return tuple(p for p in self.publications if p.state is PublicationState.FAILED)

    @property
    def unknown(self) -> tuple[Publication, ...]:
        return tuple(p for p in self.publications if p.state is PublicationState.UNKNOWN)

    @property
    def complete(self) -> bool:
        return all(p.state is PublicationState.PUBLISHED for p in self.publications)


def draft_outcome(publications: Collection[Publication]) -> DraftState:
    """PUBLISHED when every target is out; UNKNOWN while any may be out unseen; else FAILED."""
    states = {p.state for p in publications}
    if states <= {PublicationState.PUBLISHED}:
        return DraftState.PUBLISHED
    if PublicationState.UNKNOWN in states or any(
            p.state is PublicationState.PENDING and p.may_exist for p in publications):
        return DraftState.UNKNOWN
    return DraftState.FAILED


class PublishService:
    def __init__(self, store: Store, clock: Clock, clients: ClientFactory,
                 media: MediaLibrary, journal: PublishJournal, locks: DraftLocks, *,
                 max_workers: int = 8) -> None:
        self._store = store
        self._clock = clock
        self._clients = clients
        self._media = media
        self._max_workers = max_workers
        self._listeners: list[PublishListener] = []
        self.journal = journal
        self.locks = locks

    def after_publish(self, listener: PublishListener) -> None:
        """Call ``listener(report, actor)`` after every round of sending, on the same thread,
        whichever path started it (the author, the queue, a retry, a schedule, a recovery).
        A listener's failure is logged and never changes what was published."""
        self._listeners.append(listener)

    def publish(self, draft_id: str, actor: Person, *, knowingly: Collection[str] = (),
                expected_version: int | None = None) -> PublishReport:
        """Publish now (personal, or official with a valid approval), retry what failed, or
        check and finish what is UNKNOWN. ``knowingly`` names publications the person chose to
        send again although no one could tell whether they went out. ``expected_version``:
        start only from that version of the draft (a scheduled post found due is not sent once
        it has been changed or cancelled since)."""
        with self.locks.publishing(draft_id):
            draft = self._store.get_draft(draft_id)
            if expected_version is not None and draft.version != expected_version:
                raise ConcurrentChangeError(msg("This post changed after it was found due; it was "
                                                "not published."))
            check_not_undone(self._store, draft)
            accounts = {a.id: a for a in self._store.list_accounts()}
            existing = {p.account_id: p for p in self._store.list_publications(draft_id=draft.id)}
            new = tuple(
                Publication(id=str(uuid.uuid4()), draft_id=draft.id, account_id=account_id,
                            pane=draft.pane, idempotency_key=make_tid(),
                            state=PublicationState.PENDING)
                for account_id in draft.content.targets if account_id not in existing
            )
            change = workflow.start_publish(draft, actor, accounts, self._clock.now(), new,
                                             policy_context(self._store, actor))
            # Only once it may go out: a shared post edited or deleted since it was read stops it.
            changed = shared_post_changed(draft, accounts, existing.values(), self._clients)
            if changed is not None:
                self._refuse_share(draft, actor, changed)
            draft = self._store.apply(change)
            return self.send_all(draft, actor, accounts, knowingly=frozenset(knowingly))

    def _refuse_share(self, draft: Draft, actor: Person, note: Message) -> NoReturn:
        """Nothing is sent; an official share's approval is void and it goes back to its
        author with ``note`` (audited)."""
        if draft.pane is Pane.OFFICIAL:
            self._store.apply(workflow.shared_post_changed(draft, actor, str(note),
                                                           self._clock.now()))
        raise NotAllowedError(note)

    def send_all(self, draft: Draft, actor: Person, accounts: Mapping[str, Account], *,
                 knowingly: frozenset[str] = frozenset()) -> PublishReport:
        """Send every target of a ``publishing`` draft that is not out yet, then settle the
        draft. The caller holds the draft's lock (``locks``)."""
        publications = [p for p in self._store.list_publications(draft_id=draft.id)
                        if p.account_id in draft.content.targets]
        waiting = [p for p in publications if p.state is not PublicationState.PUBLISHED]
        results: dict[str, Publication] = {p.id: p for p in publications}
        unsaved: list[str] = []
        if waiting:
            self.journal.prepare()
            with ThreadPoolExecutor(max_workers=min(self._max_workers, len(waiting)),
                                    thread_name_prefix="publish") as pool:
                for publication, problem in pool.map(
                        lambda p: self._send_one(draft, p, actor, accounts, p.id in knowingly),
                        waiting):
                    results[publication.id] = publication
                    if problem:
                        unsaved.append(problem)
        final = tuple(results.values())
        if not unsaved:  # a database that just refused a write would refuse this one too
            draft, problem = self.settle(draft, actor, final, accounts)
            if problem:
                unsaved.append(problem)
        report = PublishReport(draft, final, " ".join(dict.fromkeys(unsaved)))
        for listener in self._listeners:
            try:
                listener(report, actor)
            except Exception:  # what went out stays out; the listener's own record says the rest
                log.exception("a listener failed after publishing %s", draft.id)
        return report

    def settle(self, draft: Draft, actor: Person, final: Collection[Publication],
               accounts: Mapping[str, Account]) -> tuple[Draft, str]:
        """Move a publishing (or unknown) draft to what its publications say; returns the draft
        and a storage problem that kept it from being saved ("" when none)."""
        outcome = draft_outcome(final)
        note = "; ".join(f"{self._address(accounts, p.account_id)}: {p.error}" for p in final
                         if p.state is not PublicationState.PUBLISHED and p.error)
        try:
            current = self._store.get_draft(draft.id)
            if current.state in {DraftState.PUBLISHING, DraftState.UNKNOWN} and \
                    current.state is not outcome:
                current = self._store.apply(workflow.finish_publish(
                    current, actor, outcome=outcome, now=self._clock.now(), note=note))
        except StorageError as error:
            log.warning("could not record the end of publishing %s: %s", draft.id, error)
            return draft, str(error)
        return current, ""

    @staticmethod
    def _require(account: Account | None) -> Account:
        if account is None:
            raise NotFoundError(msg("This account was removed from SafeDesk."))
        return account

    @staticmethod
    def _address(accounts: Mapping[str, Account], account_id: str) -> str:
        account = accounts.get(account_id)
        return account.address if account else account_id

    def _send_one(self, draft: Draft, publication: Publication, actor: Person,
                  accounts: Mapping[str, Account], knowingly: bool) -> tuple[Publication, str]:
        """Send one target; returns the publication as it now is, and a storage problem that
        kept its outcome from being saved ("" when none)."""
        now = self._clock.now()
        attempt = replace(publication, attempts=publication.attempts + 1,
                          state=PublicationState.PENDING, error="", last_attempt_at=now,
                          first_attempt_at=publication.first_attempt_at or now)
        if publication.parts_out:  # a thread under way: this attempt is for its next part
            attempt = replace(attempt, next_part_tried_at=publication.next_part_tried_at or now)
        try:
            account = self._require(accounts.get(publication.account_id))
            request, plan = self._shaped(draft, publication, account,
                                         self._request(draft, publication, account, knowingly))
            client = self._clients(account)
            # Written before anything is sent: after a crash, this says "it may be out there".
            self._record(attempt, actor, "publication.attempt",
                         {"earlier_attempts": publication.attempts, "knowingly": knowingly})
        except SafeDeskError as error:
            return self._fail(publication, actor, error, sent=False,
                              unknown=publication.state is PublicationState.UNKNOWN)
        if plan is not None:
            return self._send_parts(publication, attempt, actor, client, request, plan)
        try:
            post = client.publish(request)
        except SafeDeskError as error:
            # A post that may be out stays "unknown" until a look finds it or finds it absent
            # (a refusal of the content comes only after a look found it absent).
            return self._fail(attempt, actor, error, sent=True,
                              unknown=publication.state is PublicationState.UNKNOWN
                              and not isinstance(error, RejectedError))
        except Exception as error:  # one account's surprise must not stop the others
            log.exception("unexpected failure publishing to %s", publication.account_id)
            return self._fail(attempt, actor, PlatformError(
                msg("Unexpected problem: {kind}. SafeDesk checks for the post "
                    "before sending again.", kind=type(error).__name__)), sent=True, unknown=True)
        return self._published(attempt, post, actor, share_details(draft))

    def _send_parts(self, stored: Publication, attempt: Publication, actor: Person,
                    client: PlatformClient, request: PostRequest,
                    plan: PartPlan) -> tuple[Publication, str]:
        """Send a publication's parts (a thread's, a pair's) in order, starting after the last
        part known to be out. Each part's answer is saved before the next part is tried,
        together with the time the next part is first tried, so that a crash or a lost answer
        anywhere leaves a record of exactly which part may be out; that part alone is looked for
        before it is sent again (``request`` already carries the look when it is due)."""
        current = attempt
        first_post: RemotePost | None = None
        while len(current.parts_out) < plan.count:
            index = len(current.parts_out)
            part_request = plan.request(request, current, index,
                                        self._part_earlier(stored, index, request)
                                        if index > 0 else None)
            try:
                post = client.publish(part_request)
            except SafeDeskError as error:
                # Unknown stays unknown only for the part that was uncertain before.
                uncertain = stored.state is PublicationState.UNKNOWN and \
                    index == len(stored.parts_out) and not isinstance(error, RejectedError)
                return self._fail(current, actor, plan.error(error, index),
                                  sent=True, unknown=uncertain)
            except Exception as error:  # one account's surprise must not stop the others
                log.exception("unexpected failure publishing part %d to %s", index + 1,
                              current.account_id)
                return self._fail(current, actor, PlatformError(
                    plan.unexpected(index, type(error).__name__)), sent=True, unknown=True)
            first_post = post if index == 0 else first_post
            current = replace(current, parts_out=(
                *current.parts_out, plan.part_out(index, post, self._clock.now())),
                next_part_tried_at=None)
            if len(current.parts_out) < plan.count:
                now = self._clock.now()
                current = replace(current, next_part_tried_at=now, last_attempt_at=now)
                try:
                    self._record(current, actor, "publication.part_published", {
                        **plan.details(index), "remote_id": post.ref.remote_id,
                        "url": post.url})
                except StorageError as error:
                    # The next run looks for the part recorded as tried, and finds this one.
                    log.warning("part %d of %s went out but could not be saved: %s",
                                index + 1, current.id, error)
                    return replace(current, state=PublicationState.UNKNOWN,
                                   error=str(error)), str(error)
        head = current.parts_out[0]
        return self._published(current, first_post or RemotePost(
            RemoteRef(head.remote_id, head.uri, head.cid), head.url, request.text), actor,
            plan.published_details(current.parts_out))

    def _shaped(self, draft: Draft, publication: Publication, account: Account,
                request: PostRequest) -> tuple[PostRequest, PartPlan | None]:
        """The request of a single post, or the first request and the parts of a thread or of
        a pair sent as two posts."""
        content = draft.content
        if content.translation is not None:
            pair = pair_plan(content, account, self._pair_style(account), publication)
            reply_for = self._reply_for(draft, account)
            if pair.layout is PairLayout.ONE_POST:
                return one_post_request(request, content, pair, account, reply_for), None
            return request, two_post_parts(pair, reply_for)
        if content.thread:
            return request, ThreadParts((content.text, *content.thread))
        return request, None

    @staticmethod
    def _part_earlier(stored: Publication, index: int,
                      first: PostRequest) -> EarlierAttempt | None:
        """The look due before sending part ``index``: only for the part an earlier run tried
        and did not see go out."""
        if index != len(stored.parts_out) or stored.next_part_tried_at is None:
            return None
        tried = stored.next_part_tried_at
        earlier = first.earlier_attempt
        return EarlierAttempt(
            first_at=tried, last_at=max(stored.last_attempt_at or tried, tried),
            is_recorded=earlier.is_recorded if earlier else (lambda _remote_id: False),
            unanswered=stored.state in {PublicationState.PENDING, PublicationState.UNKNOWN},
            knowingly=earlier.knowingly if earlier else False)

    def _fail(self, publication: Publication, actor: Person, error: SafeDeskError, *, sent: bool,
              unknown: bool = False) -> tuple[Publication, str]:
        unknown = unknown or isinstance(error, OutcomeUnknownError)
        state = PublicationState.UNKNOWN if unknown else PublicationState.FAILED
        failed = replace(publication, state=state, error=str(error))
        action = "publication.unknown" if unknown else "publication.failed"
        details: dict[str, object] = {"error": str(error), "kind": type(error).__name__,
                                      "sent": sent}
        try:
            self._record(failed, actor, action, details)
        except StorageError as storage:
            log.warning("could not record %s for %s: %s", action, publication.id, storage)
            return failed, str(storage)
        return failed, ""

    def _published(self, attempt: Publication, post: RemotePost, actor: Person,
                   details: Mapping[str, object] | None = None) -> tuple[Publication, str]:
        done = replace(attempt, state=PublicationState.PUBLISHED, error="",
                       remote_id=post.ref.remote_id, remote_uri=post.ref.uri,
                       remote_cid=post.ref.cid, url=post.url,
                       published_at=post.created_at or self._clock.now())
        journaled = self.journal.record(journal_entry(done))
        try:
            # SQLite has already waited out a busy database (its busy timeout) by now.
            self.record_published(done, actor, {"url": post.url, **(details or {})})
        except StorageError as error:
            log.warning("%s went out but could not be saved: %s", done.id, error)
            later = ("It is kept aside and recorded when SafeDesk next starts." if journaled else
                     "SafeDesk will find it on the server when it next starts.")
            return done, f"Published, but SafeDesk could not save that: {error} {later}"
        if journaled:
            self.journal.settle(done.id)
        return done, ""

    def record_published(self, publication: Publication, actor: Person,
                         details: Mapping[str, object]) -> None:
        self._record(publication, actor, "publication.published",
                     {"remote_id": publication.remote_id, **details})

    def _record(self, publication: Publication, actor: Person, action: str,
                details: Mapping[str, object]) -> None:
        details = {"draft": publication.draft_id, "account": publication.account_id,
                   "idempotency_key": publication.idempotency_key,
                   "attempt": publication.attempts, "state": publication.state.value,
                   **details}
        self._store.update_publication(
            publication, PendingEvent(actor.id, action, publication.id, details))

    def _request(self, draft: Draft, publication: Publication, account: Account,
                 knowingly: bool) -> PostRequest:
        content = draft.content
        reply_to = self._reply_for(draft, account)(content.language)
        earlier = None
        if publication.may_exist:
            first = publication.first_attempt_at or draft.updated_at
            earlier = EarlierAttempt(first_at=first, last_at=publication.last_attempt_at or first,
                                     is_recorded=self._recorded_check(account.id, publication.id),
                                     unanswered=publication.state in {PublicationState.PENDING,
                                                                       PublicationState.UNKNOWN},
                                     knowingly=knowingly)
        return PostRequest(
            text=content.text,
            idempotency_key=publication.idempotency_key,
            content_warning=content.content_warning,
            language=content.language,
            images=tuple(ImageUpload(self._media.path_for(m), m.alt_text) for m in content.media),
            reply_to=reply_to,
            visibility=content.visibility,
            cw_on_bluesky=content.cw_on_bluesky,
            earlier_attempt=earlier,
            # Mastodon servers make their own cards: only Bluesky is sent one.
            link_card=self._external_card(content.link_card)
            if account.platform is Platform.BLUESKY else None,
            share=content.share,
        )

    def _external_card(self, card: LinkCard | None) -> ExternalCard | None:
        if card is None:
            return None
        thumbnail = self._media.path_for(card.thumbnail) if card.thumbnail is not None else None
        return ExternalCard(card.url, card.title, card.description, thumbnail)

    def _recorded_check(self, account_id: str, own_id: str) -> Callable[[str], bool]:
        def is_recorded(remote_id: str) -> bool:
            found = self._store.find_publication(account_id, remote_id)
            return found is not None and found.id != own_id
        return is_recorded

    def _reply_for(self, draft: Draft, account: Account) -> ReplyFor:
        """Where each language of ``draft`` goes on ``account`` when it answers an earlier
        draft: under that draft's post there, or its part in the same language
        (``core.pair_posts.reply_target``)."""
        if not draft.content.reply_to:
            return lambda _language: None
        original = self.original_on(draft.content.reply_to, account)
        return lambda language: reply_target(original, language)

    def original_on(self, original_draft_id: str, account: Account) -> Publication:
        """The publication on ``account`` of the draft being answered."""
        for publication in self._store.list_publications(draft_id=original_draft_id):
            if publication.account_id == account.id and \
                    publication.state in {PublicationState.PUBLISHED, PublicationState.CORRECTED}:
                return publication
        raise PlatformError(msg("The post being answered never went out as {address}, so "
                                "there is nothing to reply to there.", address=account.address))

    def _pair_style(self, account: Account) -> PairStyle:
        return self._store.policy_settings().settings.pair_style_for(account.id)


def journal_entry(publication: Publication) -> JournalEntry:
    published = publication.published_at or datetime.now().astimezone()
    return JournalEntry(publication_id=publication.id, draft_id=publication.draft_id,
                        remote_id=publication.remote_id, remote_uri=publication.remote_uri,
                        remote_cid=publication.remote_cid, url=publication.url,
                        published_at=published.isoformat())
