"""Publishing a draft to its accounts: parallel, exactly once, partial failure and retry, crash
recovery. The platforms are scripted fakes; the store, rules and audit are real."""

from __future__ import annotations

import threading

import pytest

from safedesk.app import SafeDesk
from safedesk.core import workflow
from safedesk.core.digest import content_digest
from safedesk.core.errors import InvalidTransitionError, ServerFailureError
from safedesk.core.models import Content, DraftState, Pane, PublicationState
from safedesk.core.platform import PostRequest, is_tid
from safedesk.services.publishing import PublishService
from tests.conftest import Cast
from tests.fake_platform import FakePlatform


@pytest.fixture
def publisher(desk: SafeDesk, cast: Cast, platforms: dict[str, FakePlatform]) -> PublishService:
    """The desk's own publisher; each account's scripted platform exists up front so tests can
    give it a behaviour before anything is sent."""
    for account in cast.accounts:
        platforms[account.id] = FakePlatform(account)
    return desk.publisher


def official_approved(desk: SafeDesk, cast: Cast, text: str = "Bins delayed") -> str:
    draft = desk.drafts.create(cast.author, Pane.OFFICIAL,
                               Content(text=text, targets=(cast.council.id, cast.council_sky.id)))
    desk.drafts.submit(draft.id, cast.author)
    desk.drafts.approve(draft.id, cast.approver, content_digest(draft.content))
    return draft.id


def test_all_targets_publish_in_parallel(desk: SafeDesk, cast: Cast, publisher: PublishService,
                                         platforms: dict[str, FakePlatform]) -> None:
    draft_id = official_approved(desk, cast)
    together = threading.Barrier(2, timeout=10)  # passes only if both sends run at once
    for account in (cast.council, cast.council_sky):
        platforms[account.id].before_publish = lambda _request: together.wait()
    report = publisher.publish(draft_id, cast.approver)
    assert report.complete
    assert report.draft.state is DraftState.PUBLISHED
    assert {p.account_id for p in report.publications} == {cast.council.id, cast.council_sky.id}
    assert all(p.url.startswith("https://example.test/") for p in report.publications)
    keys = [p.idempotency_key for p in report.publications]
    assert len(set(keys)) == 2
    assert all(is_tid(k) for k in keys)
    actions = [e.action for e in desk.store.audit_events()]
    assert actions.count("publication.published") == 2
    assert actions[-1] == "draft.publish_succeeded"


def test_official_draft_without_approval_creates_no_publication(
        desk: SafeDesk, cast: Cast, publisher: PublishService) -> None:
    draft = desk.drafts.create(cast.author, Pane.OFFICIAL,
                               Content(text="Hi", targets=(cast.council.id,)))
    desk.drafts.submit(draft.id, cast.author)
    with pytest.raises(InvalidTransitionError):
        publisher.publish(draft.id, cast.author)
    assert desk.store.list_publications(draft_id=draft.id) == []


def test_partial_failure_then_retry_with_the_same_key(
        desk: SafeDesk, cast: Cast, publisher: PublishService,
        platforms: dict[str, FakePlatform]) -> None:
    draft_id = official_approved(desk, cast)
    sky = platforms[cast.council_sky.id]

    def fail_once(_request: PostRequest) -> None:
        sky.before_publish = None
        raise ServerFailureError("Bluesky's server failed (502). Try again in a few minutes.")

    sky.before_publish = fail_once
    report = publisher.publish(draft_id, cast.approver)
    assert report.draft.state is DraftState.FAILED
    assert [p.account_id for p in report.failed] == [cast.council_sky.id]
    assert "@council.example.gov.uk: Bluesky's server failed (502)" in report.draft.decision_note
    first_key = report.failed[0].idempotency_key

    retry = publisher.publish(draft_id, cast.approver)
    assert retry.complete
    assert retry.draft.state is DraftState.PUBLISHED
    assert [r.idempotency_key for r in sky.requests] == [first_key, first_key]
    assert len(platforms[cast.council.id].requests) == 1  # the good one was not sent again
    assert len(sky.posts) == 1


def test_a_crash_mid_publishing_is_finished_on_next_start_without_duplicates(
        desk: SafeDesk, cast: Cast, publisher: PublishService,
        platforms: dict[str, FakePlatform]) -> None:
    draft_id = official_approved(desk, cast)
    mastodon = platforms[cast.council.id]

    class Crash(BaseException):
        """Stands in for the process dying after the server accepted the post."""

    def accept_then_die(request: PostRequest) -> None:
        mastodon.before_publish = None
        mastodon.publish(request)
        raise Crash

    mastodon.before_publish = accept_then_die
    with pytest.raises(Crash):
        publisher.publish(draft_id, cast.approver)
    assert desk.drafts.get(draft_id).state is DraftState.PUBLISHING
    pending = desk.store.list_publications(draft_id=draft_id)
    assert {p.state for p in pending} <= {PublicationState.PENDING, PublicationState.PUBLISHED}

    crashed = {p.account_id: p for p in pending}
    assert crashed[cast.council.id].may_exist  # recorded before it was sent
    recovery = desk.recovery.recover_interrupted(cast.approver)
    assert [r.draft.state for r in recovery.finished] == [DraftState.PUBLISHED]
    assert len(mastodon.posts) == 1
    assert len(platforms[cast.council_sky.id].posts) == 1
    again = mastodon.requests[-1]
    assert again.earlier_attempt is not None  # the adapter was told to look first
    assert again.earlier_attempt.first_at == crashed[cast.council.id].first_attempt_at


def test_personal_reply_threads_under_the_same_accounts_post(
        desk: SafeDesk, cast: Cast, publisher: PublishService,
        platforms: dict[str, FakePlatform]) -> None:
    first = desk.drafts.create(cast.author, Pane.PERSONAL,
                               Content(text="Original", targets=(cast.jo.id,)))
    original = publisher.publish(first.id, cast.author).publications[0]
    reply = desk.drafts.create(cast.author, Pane.PERSONAL,
                               Content(text="Follow-up", targets=(cast.jo.id,), reply_to=first.id))
    publisher.publish(reply.id, cast.author)
    sent = platforms[cast.jo.id].requests[-1]
    assert sent.reply_to is not None
    assert sent.reply_to.remote_id == original.remote_id
    assert sent.reply_to.cid == original.remote_cid


def test_start_publish_refuses_publications_for_other_accounts(desk: SafeDesk,
                                                               cast: Cast) -> None:
    from safedesk.core.errors import NotAllowedError
    from safedesk.core.models import Publication

    draft = desk.drafts.create(cast.author, Pane.PERSONAL,
                               Content(text="Hi", targets=(cast.jo.id,)))
    stray = Publication(id="p", draft_id=draft.id, account_id=cast.council.id, pane=Pane.PERSONAL,
                        idempotency_key="k", state=PublicationState.PENDING)
    with pytest.raises(NotAllowedError):
        workflow.start_publish(draft, cast.author, {a.id: a for a in cast.accounts},
                               desk.clock.now(), (stray,))


def test_the_next_start_leaves_a_settled_journal_empty(desk: SafeDesk, cast: Cast,
                                                       publisher: PublishService) -> None:
    """Every post adds two journal lines that are read whole at each start: once their answers
    are in the database, the start-up's recovery rewrites the journal without them."""
    for text in ("Bins delayed", "Library open late"):
        assert publisher.publish(official_approved(desk, cast, text), cast.approver).complete

    def written() -> bytes:
        return desk.publisher.journal.path.read_bytes().split(b"\0", 1)[0]

    assert written().count(b"\n") == 8  # an entry and its "done" per account, two accounts
    desk.recovery.recover_interrupted(cast.approver)
    assert written() == b""
    assert desk.publisher.journal.unsettled() == []
