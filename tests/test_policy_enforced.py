"""Blocks are enforced in core, where the other rules are: at submit, schedule and publish, and
for a correction through a pre-approved template; warnings never stop a post."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest

from safedesk.app import SafeDesk
from safedesk.core import workflow
from safedesk.core.digest import content_digest
from safedesk.core.errors import InvalidInputError
from safedesk.core.models import Content, DraftState, MediaItem, Pane
from safedesk.core.policy import PolicyBlockedError
from safedesk.core.templates import render
from tests.conftest import Cast, FakeClock
from tests.test_corrections_core import ACCOUNTS, AUTHOR, NOW, SAM, TEMPLATE, correction, preapproval


def official(cast: Cast, text: str, **content: object) -> Content:
    return Content(text, (cast.council.id,), **content)  # type: ignore[arg-type]


def test_a_blocked_official_draft_cannot_be_submitted(desk: SafeDesk, cast: Cast) -> None:
    draft = desk.drafts.create(cast.author, Pane.OFFICIAL, official(cast, "damn… vote Labour"))
    with pytest.raises(PolicyBlockedError, match="“damn” is profanity"):
        desk.drafts.submit(draft.id, cast.author)
    assert desk.drafts.get(draft.id).state is DraftState.DRAFT
    hidden = desk.drafts.create(cast.author, Pane.OFFICIAL, official(cast, "Bins \u202eyadnom"))
    with pytest.raises(PolicyBlockedError, match="U\\+202E"):
        desk.drafts.submit(hidden.id, cast.author)
    photo = MediaItem("ab" * 32, "image/png", "IMG_0042.png", "IMG_0042.png")
    pictured = desk.drafts.create(cast.author, Pane.OFFICIAL,
                                  official(cast, "New bins", media=(photo,)))
    with pytest.raises(PolicyBlockedError, match="file name"):
        desk.drafts.submit(pictured.id, cast.author)


def test_warnings_never_block(desk: SafeDesk, cast: Cast) -> None:
    draft = desk.drafts.create(cast.author, Pane.OFFICIAL,
                               official(cast, "I think #binday #bins #recycling http://bit.ly/x"))
    assert desk.drafts.submit(draft.id, cast.author).state is DraftState.SUBMITTED
    personal = desk.drafts.create(cast.author, Pane.PERSONAL,
                                  Content("The dumb fuck", (cast.jo.id,)))
    assert desk.drafts.start_publish(personal.id, cast.author).state is DraftState.PUBLISHING


def test_a_zero_width_post_is_refused_in_either_pane(desk: SafeDesk, cast: Cast,
                                                      clock: FakeClock) -> None:
    personal = desk.drafts.create(cast.author, Pane.PERSONAL, Content("\u200b\u200b", (cast.jo.id,)))
    with pytest.raises(InvalidInputError, match="only invisible characters"):
        desk.drafts.start_publish(personal.id, cast.author)
    later = clock.now() + timedelta(hours=1)
    scheduled = desk.drafts.create(cast.author, Pane.PERSONAL,
                                   Content("\u2060", (cast.jo.id,), schedule_at=later))
    with pytest.raises(InvalidInputError, match="only invisible characters"):
        desk.drafts.schedule(scheduled.id, cast.author)
    draft = desk.drafts.create(cast.author, Pane.OFFICIAL, official(cast, "\u200b"))
    with pytest.raises(InvalidInputError, match="invisible"):
        desk.drafts.submit(draft.id, cast.author)


def test_an_approved_post_that_carries_a_block_does_not_publish() -> None:
    """Approved before the rule (or by any path around submit): publishing checks again."""
    draft = correction()
    change = workflow.approve(draft, SAM, content_digest(draft.content), NOW)
    # As a store holds a post approved before the rule existed: an approval of these words.
    content = replace(draft.content, text="Correction: sh1t, Thursday.")
    assert change.draft.approval is not None
    blocked = replace(change.draft, content=content, approval=replace(
        change.draft.approval, digest=content_digest(content)))
    with pytest.raises(PolicyBlockedError, match="sh1t"):
        workflow.start_publish(blocked, SAM, ACCOUNTS, NOW)
    # Approving it now is refused: no approver can lift that block, the text must change.
    waiting = replace(draft, content=content)
    with pytest.raises(PolicyBlockedError, match="sh1t"):
        workflow.approve(waiting, SAM, content_digest(content), NOW)


def test_a_preapproved_template_cannot_carry_a_block() -> None:
    draft = correction()
    fields = {"correction": "the bins are fucking late"}
    text = render(TEMPLATE, fields)
    blocked = replace(draft, content=replace(draft.content, text=text))
    with pytest.raises(PolicyBlockedError, match="fucking"):
        workflow.approve_by_preapproval(blocked, preapproval(), SAM, TEMPLATE, fields, AUTHOR,
                                        NOW)

