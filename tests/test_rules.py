"""The rules of DESIGN.md, exercised through the real services and store."""

from __future__ import annotations

import dataclasses
from datetime import timedelta

import pytest

from safedesk.app import SafeDesk
from safedesk.core.digest import content_digest
from safedesk.core.errors import (
    ApprovalRequiredError,
    InvalidInputError,
    InvalidTransitionError,
    NotAllowedError,
    SelfApprovalError,
    WrongPaneError,
)
from safedesk.core.lifecycle import TRANSITIONS, Action, allowed_actions, next_state
from safedesk.core.models import Content, Draft, DraftState, Pane, Role
from tests.conftest import Cast, FakeClock


def official(cast: Cast, text: str = "Bin collections are delayed today.") -> Content:
    return Content(text=text, targets=(cast.council.id, cast.council_sky.id))


def submitted(desk: SafeDesk, cast: Cast) -> Draft:
    draft = desk.drafts.create(cast.author, Pane.OFFICIAL, official(cast))
    return desk.drafts.submit(draft.id, cast.author)


def test_rule1_targets_of_the_other_pane_are_refused(desk: SafeDesk, cast: Cast) -> None:
    mixed = Content(text="Hello", targets=(cast.council.id, cast.jo.id))
    with pytest.raises(WrongPaneError, match="personal account"):
        desk.drafts.create(cast.author, Pane.OFFICIAL, mixed)
    draft = desk.drafts.create(cast.author, Pane.PERSONAL,
                               Content(text="Hi", targets=(cast.jo.id,)))
    with pytest.raises(WrongPaneError, match="official account"):
        desk.drafts.edit(draft.id, cast.author,
                         Content(text="Hi", targets=(cast.jo.id, cast.council.id)))
    assert desk.drafts.get(draft.id).content.targets == (cast.jo.id,)


def test_rule2_official_drafts_never_publish_without_approval(desk: SafeDesk, cast: Cast) -> None:
    draft = desk.drafts.create(cast.author, Pane.OFFICIAL, official(cast))
    with pytest.raises(InvalidTransitionError):
        desk.drafts.start_publish(draft.id, cast.author)
    draft = desk.drafts.submit(draft.id, cast.author)
    with pytest.raises(InvalidTransitionError):
        desk.drafts.start_publish(draft.id, cast.admin)
    assert desk.drafts.get(draft.id).state is DraftState.SUBMITTED


def test_rule2_personal_drafts_publish_on_request(desk: SafeDesk, cast: Cast) -> None:
    draft = desk.drafts.create(cast.author, Pane.PERSONAL, Content(text="Hi", targets=(cast.jo.id,)))
    assert desk.drafts.start_publish(draft.id, cast.author).state is DraftState.PUBLISHING


@pytest.mark.parametrize("role", list(Role))
def test_rule3_no_role_may_approve_its_own_post(desk: SafeDesk, cast: Cast, role: Role) -> None:
    writer = desk.people.add(f"Writer {role.value}", role, "the-passphrase", added_by=cast.admin)
    draft = desk.drafts.create(writer, Pane.OFFICIAL, official(cast))
    draft = desk.drafts.submit(draft.id, writer)
    with pytest.raises(NotAllowedError) as refused:
        desk.drafts.approve(draft.id, writer, content_digest(draft.content))
    if role.may_approve:
        assert isinstance(refused.value, SelfApprovalError)
        assert "wrote this post" in str(refused.value)
    assert desk.drafts.get(draft.id).approval is None


@pytest.mark.parametrize("editor_role", [Role.APPROVER, Role.ADMIN])
def test_rule3_an_editor_since_submission_cannot_approve(desk: SafeDesk, cast: Cast,
                                                         editor_role: Role) -> None:
    editor = cast.approver if editor_role is Role.APPROVER else cast.admin
    draft = submitted(desk, cast)
    draft = desk.drafts.edit(draft.id, editor, official(cast, "Bin collections resume Monday."))
    with pytest.raises(SelfApprovalError, match="edited this post"):
        desk.drafts.approve(draft.id, editor, content_digest(draft.content))
    approved = desk.drafts.approve(draft.id, cast.second_approver, content_digest(draft.content))
    assert approved.approval is not None
    assert approved.approval.approver_id == cast.second_approver.id


def test_rule4_an_edit_voids_the_approval(desk: SafeDesk, cast: Cast) -> None:
    draft = submitted(desk, cast)
    draft = desk.drafts.approve(draft.id, cast.approver, content_digest(draft.content))
    assert draft.state is DraftState.APPROVED
    edited = desk.drafts.edit(draft.id, cast.author, official(cast, "Changed after approval"))
    assert edited.state is DraftState.SUBMITTED
    assert edited.approval is None
    assert desk.drafts.get(draft.id).approval is None
    with pytest.raises(InvalidTransitionError):
        desk.drafts.start_publish(draft.id, cast.approver)
    events = [e for e in desk.store.audit_events() if e.action == "draft.edit"]
    assert events[-1].details["voided_approval"] == draft.approval.id  # type: ignore[union-attr]


def test_rule4_approval_must_name_the_digest_the_approver_saw(desk: SafeDesk, cast: Cast) -> None:
    draft = submitted(desk, cast)
    seen = content_digest(draft.content)
    desk.drafts.edit(draft.id, cast.author, official(cast, "Sneaky change"))
    with pytest.raises(NotAllowedError, match="changed after you opened it"):
        desk.drafts.approve(draft.id, cast.approver, seen)


def test_rule4_a_stale_approval_cannot_publish_even_if_state_says_approved(
        desk: SafeDesk, cast: Cast) -> None:
    """Defence in depth: the publish check recomputes the digest rather than trusting state."""
    from safedesk.core import workflow

    draft = submitted(desk, cast)
    draft = desk.drafts.approve(draft.id, cast.approver, content_digest(draft.content))
    forged = dataclasses.replace(draft, content=official(cast, "Swapped text"))
    with pytest.raises(ApprovalRequiredError):
        workflow.start_publish(forged, cast.approver, {a.id: a for a in cast.accounts},
                               desk.clock.now())


def test_rule5_a_transition_happens_once(desk: SafeDesk, cast: Cast) -> None:
    draft = submitted(desk, cast)
    digest = content_digest(draft.content)
    desk.drafts.approve(draft.id, cast.approver, digest)
    with pytest.raises(InvalidTransitionError, match="approved"):
        desk.drafts.approve(draft.id, cast.second_approver, digest)
    desk.drafts.start_publish(draft.id, cast.approver)
    with pytest.raises(InvalidTransitionError):
        desk.drafts.start_publish(draft.id, cast.approver)
    approvals = list(desk.store.db.query("SELECT * FROM approvals"))
    assert len(approvals) == 1


def test_rule6_every_change_writes_an_audit_event(desk: SafeDesk, cast: Cast) -> None:
    before = desk.store.audit_head().count
    draft = submitted(desk, cast)
    desk.drafts.approve(draft.id, cast.approver, content_digest(draft.content))
    desk.drafts.start_publish(draft.id, cast.approver)
    desk.drafts.finish_publish(draft.id, cast.approver, succeeded=True)
    actions = [e.action for e in desk.store.audit_events()][before:]
    assert actions == ["draft.create", "draft.submit", "draft.approve", "draft.start_publish",
                       "draft.publish_succeeded"]


def test_withdrawn_rejected_and_decided_drafts_cannot_be_approved(desk: SafeDesk,
                                                                  cast: Cast) -> None:
    draft = submitted(desk, cast)
    digest = content_digest(draft.content)
    desk.drafts.withdraw(draft.id, cast.author)
    with pytest.raises(InvalidTransitionError, match="unsent draft"):
        desk.drafts.approve(draft.id, cast.approver, digest)
    desk.drafts.submit(draft.id, cast.author)
    with pytest.raises(InvalidInputError, match="why"):
        desk.drafts.reject(draft.id, cast.approver, "  ")
    desk.drafts.reject(draft.id, cast.approver, "Wrong bin day")
    with pytest.raises(InvalidTransitionError, match="rejected"):
        desk.drafts.approve(draft.id, cast.second_approver, digest)
    assert desk.drafts.get(draft.id).decision_note == "Wrong bin day"


def test_a_schedule_in_the_past_cannot_be_submitted(desk: SafeDesk, cast: Cast,
                                                    clock: FakeClock) -> None:
    past = dataclasses.replace(official(cast), schedule_at=clock.current - timedelta(minutes=1))
    draft = desk.drafts.create(cast.author, Pane.OFFICIAL, past)
    with pytest.raises(InvalidInputError, match="already passed"):
        desk.drafts.submit(draft.id, cast.author)


def test_empty_or_targetless_posts_cannot_be_submitted(desk: SafeDesk, cast: Cast) -> None:
    draft = desk.drafts.create(cast.author, Pane.OFFICIAL, Content(text="Hello", targets=()))
    with pytest.raises(InvalidInputError, match="at least one account"):
        desk.drafts.submit(draft.id, cast.author)
    blank = desk.drafts.create(cast.author, Pane.OFFICIAL,
                               Content(text="   ", targets=(cast.council.id,)))
    with pytest.raises(InvalidInputError, match="empty"):
        desk.drafts.submit(blank.id, cast.author)


def test_only_the_author_or_a_reviewer_may_edit(desk: SafeDesk, cast: Cast) -> None:
    other_author = desk.people.add("Lee Author", Role.AUTHOR, "the-passphrase", added_by=cast.admin)
    draft = submitted(desk, cast)
    with pytest.raises(NotAllowedError, match="neither"):
        desk.drafts.edit(draft.id, other_author, official(cast, "Hijack"))


def test_transition_table_is_consistent() -> None:
    official_states = {s for (p, s, _a) in TRANSITIONS if p is Pane.OFFICIAL}
    assert DraftState.SUBMITTED in official_states
    # Only an approval leads into APPROVED, and only from SUBMITTED.
    into_approved = [(p, s, a) for (p, s, a), to in TRANSITIONS.items() if to is DraftState.APPROVED]
    assert into_approved == [(Pane.OFFICIAL, DraftState.SUBMITTED, Action.APPROVE)]
    # The only ways into PUBLISHING for official posts start from an approved state, or from
    # one that publishing itself left (failed, or unknown: perhaps out already).
    into_publishing = {s for (p, s, _a), to in TRANSITIONS.items()
                       if p is Pane.OFFICIAL and to is DraftState.PUBLISHING}
    assert into_publishing == {DraftState.APPROVED, DraftState.FAILED, DraftState.UNKNOWN}
    # A post that may be out is never edited or withdrawn.
    assert allowed_actions(Pane.OFFICIAL, DraftState.UNKNOWN) == frozenset(
        {Action.START_PUBLISH, Action.PUBLISH_SUCCEEDED})
    assert Action.SUBMIT not in allowed_actions(Pane.PERSONAL, DraftState.DRAFT)
    assert allowed_actions(Pane.OFFICIAL, DraftState.PUBLISHED) == frozenset()
    with pytest.raises(InvalidTransitionError, match="already published"):
        next_state(Pane.OFFICIAL, DraftState.PUBLISHED, Action.EDIT)


def test_official_images_need_alt_text_personal_ones_do_not(desk: SafeDesk, cast: Cast) -> None:
    from safedesk.core.models import MediaItem

    bare = MediaItem(sha256="ab" * 32, mime_type="image/png", alt_text=" ", filename="map.png")
    draft = desk.drafts.create(cast.author, Pane.OFFICIAL,
                               Content(text="Map", targets=(cast.council.id,), media=(bare,)))
    with pytest.raises(InvalidInputError, match=r"alt text on every image.*map\.png"):
        desk.drafts.submit(draft.id, cast.author)
    personal = desk.drafts.create(cast.author, Pane.PERSONAL,
                                  Content(text="Map", targets=(cast.jo.id,), media=(bare,)))
    assert desk.drafts.start_publish(personal.id, cast.author).state is DraftState.PUBLISHING


def test_copy_to_the_other_pane_makes_a_new_audited_draft(desk: SafeDesk, cast: Cast) -> None:
    personal = desk.drafts.create(cast.author, Pane.PERSONAL,
                                  Content(text="Road closed", targets=(cast.jo.id,),
                                          content_warning="Travel"))
    copy = desk.drafts.copy_to_pane(personal.id, cast.author)
    assert copy.id != personal.id
    assert copy.pane is Pane.OFFICIAL
    assert copy.content.targets == ()
    assert (copy.content.text, copy.content.content_warning) == ("Road closed", "Travel")
    assert desk.drafts.get(personal.id).content.targets == (cast.jo.id,)
    event = list(desk.store.audit_events())[-1]
    assert (event.action, event.details["copied_from"]) == ("draft.copy_to_pane", personal.id)
    # The copy lives by the official rules: it cannot be published without approval.
    copy = desk.drafts.edit(copy.id, cast.author, Content(text="Road closed",
                                                           targets=(cast.council.id,)))
    with pytest.raises(InvalidTransitionError):
        desk.drafts.start_publish(copy.id, cast.author)
    assert [d.id for d in desk.drafts.unsent(Pane.OFFICIAL, cast.author)] == [copy.id]
