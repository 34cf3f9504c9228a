"""Personal scheduling through the services: a personal post set to go out at a time waits,
can be changed or cancelled by its author alone, and is published once when due, by the same
round that publishes official posts, only for the person at the desk."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from safedesk.app import SafeDesk
from safedesk.core.errors import (
    ConcurrentChangeError,
    InvalidInputError,
    InvalidTransitionError,
    NotAllowedError,
)
from safedesk.core.models import Content, DraftState, Pane
from tests.conftest import Cast, FakeClock
from tests.fake_platform import FakePlatform


def scheduled(desk: SafeDesk, cast: Cast, text: str = "Off to the allotment",
              in_time: timedelta = timedelta(hours=2)) -> str:
    content = Content(text=text, targets=(cast.jo.id,), schedule_at=desk.clock.now() + in_time)
    draft = desk.drafts.create(cast.author, Pane.PERSONAL, content)
    return desk.drafts.schedule(draft.id, cast.author).id


def actions(desk: SafeDesk, draft_id: str) -> list[str]:
    return [e.action for e in desk.store.audit_events_about(draft_id)]


def posts_of(platforms: dict[str, FakePlatform], account_id: str) -> list[str]:
    platform = platforms.get(account_id)
    return [p.text for p in platform.posts.values()] if platform else []


def test_a_scheduled_personal_post_waits_then_goes_out_once(
        desk: SafeDesk, cast: Cast, clock: FakeClock, platforms: dict[str, FakePlatform]) -> None:
    draft_id = scheduled(desk, cast)
    assert desk.drafts.get(draft_id).state is DraftState.SCHEDULED
    assert [d.id for d in desk.scheduled.scheduled_for(cast.author)] == [draft_id]
    assert desk.drafts.unsent(Pane.PERSONAL, cast.author) == []  # listed as scheduled instead
    assert desk.scheduled.publish_due(cast.author) == []
    assert posts_of(platforms, cast.jo.id) == []

    clock.advance(hours=2, seconds=30)
    [(draft, report, note)] = desk.scheduled.publish_due(cast.author)
    assert draft.id == draft_id and report.complete and note == ""
    assert desk.drafts.get(draft_id).state is DraftState.PUBLISHED
    assert desk.scheduled.publish_due(cast.author) == []  # the next round sends nothing again
    assert posts_of(platforms, cast.jo.id) == ["Off to the allotment"]
    assert actions(desk, draft_id)[:3] == ["draft.create", "draft.schedule",
                                           "draft.start_publish"]
    [event] = [e for e in desk.store.audit_events_about(draft_id)
               if e.action == "draft.schedule"]
    assert event.details["to"] == "scheduled" and "schedule_at" in event.details
    report = desk.audit.verify()  # the trail and the tables agree on every step
    assert report.intact, str(report)


def test_a_time_already_gone_or_missing_is_refused(desk: SafeDesk, cast: Cast) -> None:
    past = Content(text="Too late", targets=(cast.jo.id,),
                   schedule_at=desk.clock.now() - timedelta(minutes=1))
    draft = desk.drafts.create(cast.author, Pane.PERSONAL, past)
    with pytest.raises(InvalidInputError, match="scheduled time has already passed"):
        desk.drafts.schedule(draft.id, cast.author)
    untimed = desk.drafts.create(cast.author, Pane.PERSONAL,
                                 Content(text="No time", targets=(cast.jo.id,)))
    with pytest.raises(InvalidInputError, match="Choose a time"):
        desk.drafts.schedule(untimed.id, cast.author)
    assert desk.drafts.get(draft.id).state is DraftState.DRAFT


def test_it_is_not_published_before_its_time_by_any_path(
        desk: SafeDesk, cast: Cast, platforms: dict[str, FakePlatform]) -> None:
    draft_id = scheduled(desk, cast)
    with pytest.raises(NotAllowedError, match="scheduled for"):
        desk.publisher.publish(draft_id, cast.author)
    assert posts_of(platforms, cast.jo.id) == []


def test_an_edit_reschedules_and_taking_the_time_away_unschedules(
        desk: SafeDesk, cast: Cast, clock: FakeClock, platforms: dict[str, FakePlatform]) -> None:
    draft_id = scheduled(desk, cast)
    later = clock.now() + timedelta(hours=5)
    content = Content(text="Off to the allotment, later", targets=(cast.jo.id,), schedule_at=later)
    edited = desk.drafts.edit(draft_id, cast.author, content)
    assert edited.state is DraftState.SCHEDULED and edited.content.schedule_at == later
    [rescheduled] = [e for e in desk.store.audit_events_about(draft_id) if e.action == "draft.edit"]
    assert datetime.fromisoformat(str(rescheduled.details["schedule_at"])) == later

    gone = Content(text="Back in time", targets=(cast.jo.id,),
                   schedule_at=clock.now() - timedelta(minutes=5))
    with pytest.raises(InvalidInputError, match="already passed"):
        desk.drafts.edit(draft_id, cast.author, gone)
    assert desk.drafts.get(draft_id).content.schedule_at == later  # the refused edit changed nothing

    clock.advance(hours=2, seconds=30)  # the first time has come: it no longer counts
    assert desk.scheduled.publish_due(cast.author) == []
    unscheduled = desk.drafts.edit(draft_id, cast.author,
                                   Content(text="Maybe not", targets=(cast.jo.id,)))
    assert unscheduled.state is DraftState.DRAFT
    assert actions(desk, draft_id)[-1] == "draft.unschedule"
    clock.advance(hours=4)
    assert desk.scheduled.publish_due(cast.author) == []
    assert posts_of(platforms, cast.jo.id) == []


def test_a_cancelled_post_stays_a_draft_and_is_never_published(
        desk: SafeDesk, cast: Cast, clock: FakeClock, platforms: dict[str, FakePlatform]) -> None:
    draft_id = scheduled(desk, cast)
    cancelled = desk.drafts.unschedule(draft_id, cast.author)
    assert cancelled.state is DraftState.DRAFT
    assert [d.id for d in desk.drafts.unsent(Pane.PERSONAL, cast.author)] == [draft_id]
    assert actions(desk, draft_id)[-1] == "draft.unschedule"
    clock.advance(hours=3)
    assert desk.scheduled.publish_due(cast.author) == []
    assert posts_of(platforms, cast.jo.id) == []
    with pytest.raises(InvalidTransitionError):
        desk.drafts.unschedule(draft_id, cast.author)


def test_only_its_owner_sees_changes_cancels_or_publishes_it(
        desk: SafeDesk, cast: Cast, clock: FakeClock, platforms: dict[str, FakePlatform]) -> None:
    draft_id = scheduled(desk, cast)
    assert desk.scheduled.scheduled_for(cast.admin) == []
    with pytest.raises(NotAllowedError):
        desk.drafts.unschedule(draft_id, cast.admin)
    with pytest.raises(NotAllowedError):
        desk.drafts.edit(draft_id, cast.admin, Content(text="Hijack", targets=(cast.jo.id,)))
    clock.advance(hours=3)
    # Someone else's desk runs the round (an approver publishing official posts): Jo's
    # personal post is not theirs to send.
    assert desk.scheduled.publish_due(cast.approver) == []
    assert desk.queue.publish_due(cast.approver) == []
    assert posts_of(platforms, cast.jo.id) == []
    assert len(desk.scheduled.publish_due(cast.author)) == 1


def test_a_missed_time_is_published_late_and_says_so(
        desk: SafeDesk, cast: Cast, clock: FakeClock, platforms: dict[str, FakePlatform]) -> None:
    draft_id = scheduled(desk, cast, in_time=timedelta(minutes=30))
    clock.advance(hours=3)  # SafeDesk was closed when it was due
    [(_draft, report, note)] = desk.scheduled.publish_due(cast.author)
    assert report.complete
    assert "150 minutes after its scheduled time" in str(note)
    assert "draft.schedule_missed" in actions(desk, draft_id)
    assert len(posts_of(platforms, cast.jo.id)) == 1


def test_a_post_changed_after_it_was_found_due_is_left_alone(
        desk: SafeDesk, cast: Cast, clock: FakeClock, platforms: dict[str, FakePlatform]) -> None:
    draft_id = scheduled(desk, cast)
    clock.advance(hours=3)
    [found] = desk.scheduled.due(cast.author)
    desk.drafts.unschedule(draft_id, cast.author)  # cancelled while the round was under way
    with pytest.raises(ConcurrentChangeError):
        desk.publisher.publish(draft_id, cast.author, expected_version=found.version)
    assert posts_of(platforms, cast.jo.id) == []
    assert desk.drafts.get(draft_id).state is DraftState.DRAFT


def test_official_posts_are_not_scheduled_this_way(desk: SafeDesk, cast: Cast) -> None:
    content = Content(text="Council notice", targets=(cast.council.id,),
                      schedule_at=desk.clock.now() + timedelta(hours=1))
    draft = desk.drafts.create(cast.author, Pane.OFFICIAL, content)
    with pytest.raises(InvalidTransitionError, match="Cannot schedule an official post"):
        desk.drafts.schedule(draft.id, cast.author)


def test_a_post_to_an_account_removed_since_waits_in_sight_and_goes_nowhere(
        desk: SafeDesk, cast: Cast, clock: FakeClock, platforms: dict[str, FakePlatform]) -> None:
    draft_id = scheduled(desk, cast)
    desk.accounts.remove(cast.jo.id, cast.author)
    [listed] = desk.scheduled.scheduled_for(cast.author)
    assert listed.id == draft_id and desk.scheduled.removed_targets(listed) == [cast.jo.id]
    clock.advance(hours=3)
    assert desk.scheduled.publish_due(cast.author) == []  # not to only some of its accounts
    assert posts_of(platforms, cast.jo.id) == []
    assert desk.drafts.unschedule(draft_id, cast.author).state is DraftState.DRAFT
    report = desk.audit.verify()
    assert report.intact, str(report)
