"""The official queue: ordering, approval with the passphrase again, publishing now or on time,
a missed schedule, a signed-out account, and the author's view of decisions."""

from __future__ import annotations

import dataclasses
from datetime import timedelta

import pytest

from safedesk.app import SafeDesk
from safedesk.core.digest import content_digest
from safedesk.core.errors import AuthenticationError, NotAllowedError, SignedOutError
from safedesk.core.models import Content, DraftState, Pane, PublicationState, Role
from safedesk.core.platform import PostRequest
from tests.conftest import Cast, FakeClock
from tests.fake_platform import FakePlatform


def submitted(desk: SafeDesk, cast: Cast, text: str = "Bins delayed", *, urgent: bool = False,
              schedule_in: timedelta | None = None) -> str:
    content = Content(text=text, targets=(cast.council.id, cast.council_sky.id))
    if schedule_in is not None:
        content = dataclasses.replace(content, schedule_at=desk.clock.now() + schedule_in)
    draft = desk.drafts.create(cast.author, Pane.OFFICIAL, content)
    return desk.drafts.submit(draft.id, cast.author, urgent=urgent).id


def digest_of(desk: SafeDesk, draft_id: str) -> str:
    return content_digest(desk.drafts.get(draft_id).content)


def test_urgent_first_then_oldest(desk: SafeDesk, cast: Cast, clock: FakeClock) -> None:
    first = submitted(desk, cast, "first")
    clock.advance(minutes=5)
    second = submitted(desk, cast, "second")
    clock.advance(minutes=5)
    urgent = submitted(desk, cast, "sorry, correction", urgent=True)
    assert [d.id for d in desk.queue.pending()] == [urgent, first, second]
    assert desk.queue.pending_for(cast.author) == []
    assert [d.id for d in desk.queue.pending_for(cast.approver)] == [urgent, first, second]


def test_show_gives_previews_targets_author_and_history(desk: SafeDesk, cast: Cast) -> None:
    draft_id = submitted(desk, cast)
    desk.drafts.edit(draft_id, cast.approver,
                     Content(text="Bins delayed today", targets=(cast.council.id,)))
    item = desk.queue.show(draft_id)
    assert item.author.name == "Jo Author"
    assert [a.address for a in item.accounts] == ["@council@social.example.gov.uk"]
    assert item.checks[0].length.ok
    assert [e.action for e in item.history] == ["draft.create", "draft.submit", "draft.edit"]
    assert set(item.editors) == {cast.author.id, cast.approver.id}


def test_approve_asks_the_passphrase_again_then_publishes(
        desk: SafeDesk, cast: Cast, platforms: dict[str, FakePlatform]) -> None:
    draft_id = submitted(desk, cast)
    with pytest.raises(AuthenticationError, match="not Sam Approver's"):
        desk.queue.approve(draft_id, cast.approver, "wrong", digest_of(desk, draft_id))
    assert desk.drafts.get(draft_id).state is DraftState.SUBMITTED
    decision = desk.queue.approve(draft_id, cast.approver, "sam-passphrase", digest_of(desk, draft_id))
    assert decision.report is not None and decision.report.complete
    assert decision.draft.state is DraftState.PUBLISHED
    assert [p.text for p in platforms[cast.council.id].posts.values()] == ["Bins delayed"]
    actions = [e.action for e in desk.store.audit_events() if e.subject == draft_id]
    assert actions == ["draft.create", "draft.submit", "draft.approve", "draft.start_publish",
                       "draft.publish_succeeded"]
    assert [d.id for d in desk.queue.outcomes_for(cast.author)] == [draft_id]


def test_self_approval_is_refused_even_for_an_admin(desk: SafeDesk, cast: Cast) -> None:
    draft = desk.drafts.create(cast.admin, Pane.OFFICIAL,
                               Content(text="Admin's own", targets=(cast.council.id,)))
    desk.drafts.submit(draft.id, cast.admin)
    with pytest.raises(NotAllowedError, match="wrote this post"):
        desk.queue.approve(draft.id, cast.admin, "admin-passphrase", digest_of(desk, draft.id))


def test_reject_and_request_changes_reach_the_author(desk: SafeDesk, cast: Cast) -> None:
    rejected = submitted(desk, cast, "Vote for X")
    changes = submitted(desk, cast, "Bins delayed (typo)")
    desk.queue.reject(rejected, cast.approver, "sam-passphrase", "Political: not for the council")
    desk.queue.request_changes(changes, cast.approver, "sam-passphrase", "Fix the typo")
    outcomes = {d.id: (d.state, d.decision_note) for d in desk.queue.outcomes_for(cast.author)}
    assert outcomes == {
        rejected: (DraftState.REJECTED, "Political: not for the council"),
        changes: (DraftState.CHANGES_REQUESTED, "Fix the typo"),
    }


def test_a_scheduled_post_waits_then_publishes_on_time(
        desk: SafeDesk, cast: Cast, clock: FakeClock, platforms: dict[str, FakePlatform]) -> None:
    draft_id = submitted(desk, cast, schedule_in=timedelta(hours=2))
    decision = desk.queue.approve(draft_id, cast.approver, "sam-passphrase", digest_of(desk, draft_id))
    assert decision.report is None
    assert "It will be published at" in str(decision.note)
    assert desk.queue.publish_due(cast.approver) == []
    assert platforms == {}
    clock.advance(hours=2, seconds=30)
    [(draft, report, note)] = desk.queue.publish_due(cast.approver)
    assert draft.id == draft_id and report.complete and note == ""
    assert len(platforms[cast.council.id].posts) == 1


def test_a_missed_schedule_is_published_late_with_a_notice(
        desk: SafeDesk, cast: Cast, clock: FakeClock) -> None:
    draft_id = submitted(desk, cast, schedule_in=timedelta(minutes=30))
    desk.queue.approve(draft_id, cast.approver, "sam-passphrase", digest_of(desk, draft_id))
    clock.advance(hours=3)  # SafeDesk was closed at the time
    [(_draft, report, note)] = desk.queue.publish_due(cast.second_approver)
    assert report.complete
    assert "minutes after its scheduled time" in str(note)
    assert "draft.schedule_missed" in [e.action for e in desk.store.audit_events()]


def test_a_signed_out_account_leaves_it_approved_but_failed_with_a_retry(
        desk: SafeDesk, cast: Cast, platforms: dict[str, FakePlatform]) -> None:
    sky = FakePlatform(cast.council_sky)
    platforms[cast.council_sky.id] = sky

    def signed_out(_request: PostRequest) -> None:
        raise SignedOutError("Bluesky no longer accepts SafeDesk's sign-in for "
                             "@council.example.gov.uk. Sign in again.")

    sky.before_publish = signed_out
    draft_id = submitted(desk, cast)
    decision = desk.queue.approve(draft_id, cast.approver, "sam-passphrase", digest_of(desk, draft_id))
    assert decision.draft.state is DraftState.FAILED
    assert decision.draft.approval is not None  # nothing is lost: still approved
    assert "Sign in again" in decision.draft.decision_note
    sky.before_publish = None
    report = desk.queue.retry(draft_id, cast.approver)
    assert report.complete
    assert {p.state for p in report.publications} == {PublicationState.PUBLISHED}
    assert len(platforms[cast.council.id].posts) == 1


def test_who_could_approve(desk: SafeDesk, cast: Cast) -> None:
    names = {p.name for p in desk.queue.people_who_can_approve(cast.author)}
    assert names == {"Ada Admin", "Sam Approver", "Kim Approver"}
    lone = desk.people.add("Lee", Role.AUTHOR, "the-passphrase", added_by=cast.admin)
    assert lone.name not in names


def test_no_one_decides_on_their_own_post(desk: SafeDesk, cast: Cast) -> None:
    from safedesk.core.errors import SelfApprovalError

    draft = desk.drafts.create(cast.approver, Pane.OFFICIAL,
                               Content(text="Sam's own", targets=(cast.council.id,)))
    desk.drafts.submit(draft.id, cast.approver)
    with pytest.raises(SelfApprovalError, match="Withdraw it instead"):
        desk.queue.reject(draft.id, cast.approver, "sam-passphrase", "Never mind")
    with pytest.raises(SelfApprovalError):
        desk.queue.request_changes(draft.id, cast.approver, "sam-passphrase", "Fix")
    assert desk.drafts.get(draft.id).state is DraftState.SUBMITTED


def test_publish_due_leaves_a_post_another_safedesk_already_started(
        desk: SafeDesk, cast: Cast, clock: FakeClock, platforms: dict[str, FakePlatform]) -> None:
    first = submitted(desk, cast, "first", schedule_in=timedelta(minutes=10))
    second = submitted(desk, cast, "second", schedule_in=timedelta(minutes=10))
    for draft_id in (first, second):
        desk.queue.approve(draft_id, cast.approver, "sam-passphrase", digest_of(desk, draft_id))
    clock.advance(minutes=11)
    desk.drafts.start_publish(first, cast.second_approver)  # as if from another machine
    results = desk.queue.publish_due(cast.approver)
    assert [draft.id for draft, _report, _note in results] == [second]


def test_may_decide_answers_for_one_draft_as_the_queue_does(desk: SafeDesk, cast: Cast) -> None:
    plain = submitted(desk, cast, "plain")
    edited = submitted(desk, cast, "edited by Sam")
    desk.drafts.edit(edited, cast.approver, Content(text="edited by Sam, now",
                                                    targets=(cast.council.id,)))
    unsent = desk.drafts.create(cast.author, Pane.OFFICIAL,
                                Content(text="not sent", targets=(cast.council.id,))).id
    people = [cast.admin, cast.author, cast.approver, cast.second_approver]

    def agree() -> None:
        for person in people:
            listed = {d.id for d in desk.queue.pending_for(person)}
            for draft_id in (plain, edited, unsent):
                assert desk.queue.may_decide(person, desk.drafts.get(draft_id)) == \
                    (draft_id in listed), (person.name, draft_id)

    agree()
    assert desk.queue.may_decide(cast.second_approver, desk.drafts.get(edited))
    assert not desk.queue.may_decide(cast.approver, desk.drafts.get(edited))
    desk.people.disable(cast.second_approver.name, cast.admin)
    agree()
    assert not desk.queue.may_decide(cast.second_approver, desk.drafts.get(plain))
