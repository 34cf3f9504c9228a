"""One contract, two stores: the embedded SQLite store and the team's PostgreSQL store.

Every test runs against both through a :class:`~tests.store_family.StoreFamily`, which hides who
acts where (see tests/store_family.py). The few things the stores do differently on purpose
(personal things never go to the team server; people are added there with logins; only the
publisher publishes or keeps official accounts; the server, not the event, names who acted) are
asserted as differences, never skipped. Times the team server stamps itself are checked to be
near now rather than equal to the desk's clock.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from safedesk.core import workflow
from safedesk.core.corrections import (
    CorrectionKind,
    Incident,
    OriginalAction,
)
from safedesk.core.digest import content_digest
from safedesk.core.errors import (
    ConcurrentChangeError,
    InvalidInputError,
    NotFoundError,
)
from safedesk.core.models import (
    Content,
    ContentWarningOnBluesky,
    Draft,
    DraftState,
    HistoryLine,
    Pane,
    PartOut,
    Platform,
    PublicationState,
    Visibility,
)
from safedesk.core.policy import PolicyContext
from safedesk.core.policy.settings import election_period, settings_of
from safedesk.core.ports import Store
from safedesk.core.server_text import published_content
from safedesk.core.workflow import PendingEvent
from tests.store_family import (
    CLOCK,
    NEAR,
    StoreFamily,
    approved,
    assert_audit_agrees,
    one_event,
    record_publication,
    rich_content,
    start_publishing,
    submitted,
)


def stored_is(store: Store, draft: Draft) -> Draft:
    """What a write returned is what the store now holds."""
    assert store.get_draft(draft.id) == draft
    return draft


# -- drafts ------------------------------------------------------------------------------------


def test_drafts_keep_every_field_through_their_whole_life(family: StoreFamily) -> None:
    council = family.add_official_account("council")
    sky = family.add_official_account("council.example.gov.uk", Platform.BLUESKY)
    jo, sam, kim = family.person("Jo"), family.person("Sam"), family.person("Kim")
    store = family.for_person("Jo")
    as_jo, as_sam, as_kim = family.drafts("Jo"), family.drafts("Sam"), family.drafts("Kim")
    content = rich_content(family, (council, sky), reply_to=str(uuid.uuid4()))

    with one_event(store, "draft.create", None, jo) as created:
        draft = stored_is(store, as_jo.create(jo, Pane.OFFICIAL, content))
    assert created[0].subject == draft.id
    assert draft.content == published_content(content)
    assert (draft.pane, draft.author_id, draft.state, draft.version) == (
        Pane.OFFICIAL, jo.id, DraftState.DRAFT, 1)
    assert (draft.editors, draft.last_editor_id, draft.approval, draft.urgent,
            draft.submitted_at, draft.decision_note, draft.imported) == (
        frozenset({jo.id}), jo.id, None, False, None, "", False)
    assert abs(draft.created_at - datetime.now(UTC)) < NEAR
    assert draft.updated_at == draft.created_at

    # The bell was stored as typed; it goes now, as an official post holding a control
    # character cannot be submitted (the policy's hidden-text block).
    changed = replace(content, text=content.text.replace("\x07", "") + " \u2014 until Friday",
                      visibility=Visibility.PRIVATE, cw_on_bluesky=ContentWarningOnBluesky.DROP,
                      media=content.media[:1])
    with one_event(store, "draft.edit", draft.id, sam):
        draft = stored_is(store, as_sam.edit(draft.id, sam, changed))
    assert draft.content == published_content(changed)
    assert (draft.version, draft.editors, draft.last_editor_id) == (
        2, frozenset({jo.id, sam.id}), sam.id)

    with one_event(store, "draft.submit", draft.id, jo):
        draft = stored_is(store, as_jo.submit(draft.id, jo, urgent=True))
    assert (draft.state, draft.urgent, draft.version) == (DraftState.SUBMITTED, True, 3)
    assert draft.submitted_at is not None and abs(draft.submitted_at - datetime.now(UTC)) < NEAR

    with one_event(store, "draft.request_changes", draft.id, kim):
        draft = stored_is(store, as_kim.request_changes(draft.id, kim, "  Say which bridge.  "))
    assert (draft.state, draft.decision_note) == (DraftState.CHANGES_REQUESTED,
                                                  "Say which bridge.")
    draft = stored_is(store, as_jo.edit(draft.id, jo, replace(changed, text="Pont Heol y Bont")))
    assert draft.decision_note == "Say which bridge."  # kept for the author until resubmitted

    draft = stored_is(store, as_jo.submit(draft.id, jo))
    assert (draft.decision_note, draft.urgent) == ("", False)
    digest = content_digest(draft.content)
    with one_event(store, "draft.approve", draft.id, kim):
        draft = stored_is(store, as_kim.approve(draft.id, kim, digest, "Good to go \u2714"))
    approval = draft.approval
    assert approval is not None
    assert (approval.draft_id, approval.approver_id, approval.digest, approval.comment) == (
        draft.id, kim.id, digest, "Good to go \u2714")
    assert approval.flag == "approved by Kim, whom Ada alone appointed"
    assert approval.approved_at == draft.updated_at
    assert (draft.state, draft.decision_note) == (DraftState.APPROVED, "Good to go \u2714")

    with one_event(store, "draft.withdraw", draft.id, jo):
        draft = stored_is(store, as_jo.withdraw(draft.id, jo))
    assert (draft.state, draft.approval) == (DraftState.DRAFT, None)
    draft = stored_is(store, as_jo.submit(draft.id, jo))
    with one_event(store, "draft.reject", draft.id, kim):
        draft = stored_is(store, as_kim.reject(draft.id, kim, "Not ours to announce."))
    assert (draft.state, draft.decision_note, draft.version) == (
        DraftState.REJECTED, "Not ours to announce.", 10)
    assert_audit_agrees(store)


def test_a_stale_version_is_refused_and_changes_nothing(family: StoreFamily) -> None:
    council = family.add_official_account("council")
    draft = submitted(family, council)
    sam, kim = family.person("Sam"), family.person("Kim")
    sam_store, kim_store = family.for_person("Sam"), family.for_person("Kim")
    seen = sam_store.get_draft(draft.id)
    both = [workflow.approve(seen, person, content_digest(seen.content), CLOCK.now())
            for person in (sam, kim)]

    won = sam_store.apply(both[0])
    head = kim_store.audit_head()
    with pytest.raises(ConcurrentChangeError):
        kim_store.apply(both[1])
    assert kim_store.audit_head() == head
    assert kim_store.get_draft(draft.id) == won
    assert won.approval is not None and won.approval.approver_id == sam.id

    # An edit made against the version before someone else's edit is refused the same way.
    jo = family.person("Jo")
    old = family.for_person("Jo").get_draft(draft.id)
    family.drafts("Jo").edit(draft.id, jo, replace(old.content, text="Bins go out on Wednesday."))
    with pytest.raises(ConcurrentChangeError):
        family.for_person("Jo").apply(workflow.edit(
            old, jo, replace(old.content, text="Bins go out on Thursday."),
            {council.id: council}, CLOCK.now()))
    assert family.for_person("Jo").get_draft(draft.id).content.text == "Bins go out on Wednesday."
    # A draft is created once: the same id again is someone else's draft, changed meanwhile.
    with pytest.raises(ConcurrentChangeError):
        family.for_person("Jo").apply(replace(
            workflow.new_draft(jo, Pane.OFFICIAL, old.content, {council.id: council},
                               CLOCK.now()), draft=old))


def test_an_edit_voids_the_approval(family: StoreFamily) -> None:
    council = family.add_official_account("council")
    draft = approved(family, council)
    approval = draft.approval
    assert approval is not None
    jo, store = family.person("Jo"), family.for_person("Jo")

    with one_event(store, "draft.edit", draft.id, jo) as edit:
        edited = family.drafts("Jo").edit(draft.id, jo, replace(draft.content, text="Bins: Wed."))
    assert (edited.state, edited.approval) == (DraftState.SUBMITTED, None)
    assert store.get_draft(draft.id) == edited
    assert edit[0].details["voided_approval"] == approval.id
    voided = {r["id"]: r for r in store.witnessed_rows("approvals", ["id", "voided_at"])}
    assert voided[approval.id]["voided_at"] is not None

    kim = family.person("Kim")
    again = family.drafts("Kim").approve(draft.id, kim, content_digest(edited.content))
    assert again.approval is not None and again.approval.id != approval.id
    live = [r for r in store.witnessed_rows("approvals", ["id", "draft_id", "voided_at"])
            if r["draft_id"] == draft.id and r["voided_at"] is None]
    assert [r["id"] for r in live] == [again.approval.id]
    assert_audit_agrees(store)


def test_an_override_is_kept_with_its_approval_and_an_edit_voids_it(family: StoreFamily,
                                                                   ) -> None:
    council = family.add_official_account("council")
    draft = submitted(family, council, text="Polling stations: vote  Labour or not, 7am-10pm.")
    today = CLOCK.now().astimezone().date()
    policy = PolicyContext(settings_of(political_terms=["Labour"], periods=[
        election_period("Local elections", today, today + timedelta(days=7))]))
    sam, store = family.person("Sam"), family.for_person("Sam")
    seen = store.get_draft(draft.id)

    with one_event(store, "draft.approve", draft.id, sam) as made:
        draft = stored_is(store, store.apply(workflow.approve(
            seen, sam, content_digest(seen.content), CLOCK.now(), policy=policy,
            override_reason="  Polling  times are a factual notice. ")))
    approval = draft.approval
    assert approval is not None
    assert (approval.override_reason, approval.overridden) == (
        "Polling times are a factual notice.", ("election|text|labour",))
    assert made[0].details["override_reason"] == "Polling times are a factual notice."
    assert made[0].details["overridden"] == [
        {"rule": "election", "field": "text", "words": "Labour"}]

    jo = family.person("Jo")
    edited = family.drafts("Jo").edit(draft.id, jo, replace(draft.content, text=(
        "Polling stations: vote Labour or not, 7am-9pm.")))
    assert edited.approval is None
    with pytest.raises(InvalidInputError, match="needs your written reason to override"):
        workflow.approve(edited, sam, content_digest(edited.content), CLOCK.now(),
                         policy=policy)
    assert_audit_agrees(store)


def test_the_history_reads_an_override_with_its_publications(family: StoreFamily) -> None:
    council = family.add_official_account("council")
    draft = submitted(family, council, text="Vote Labour, or anyone: polls open at 7am.")
    today = CLOCK.now().astimezone().date()
    policy = PolicyContext(settings_of(political_terms=["Labour"], periods=[
        election_period("Local elections", today, today)]))
    sam, store = family.person("Sam"), family.for_person("Sam")
    draft = store.apply(workflow.approve(draft, sam, content_digest(draft.content), CLOCK.now(),
                                         policy=policy, override_reason="Polling times."))
    plain = approved(family, council, text="Bins go out on Tuesday.")
    for each in (draft, plain):
        start_publishing(family, family.for_person("Pub").get_draft(each.id))

    stored = store.get_draft(draft.id).approval
    assert stored is not None and stored.overridden == ("election|text|labour",)
    entries = {e.publication.draft_id: e.override for e in store.history(Pane.OFFICIAL)}
    lines = {line.draft_id: line.override for line in store.history_lines(Pane.OFFICIAL)}
    assert entries == lines == {draft.id: stored, plain.id: None}


def test_drafts_are_listed_by_pane_and_state_oldest_first(family: StoreFamily) -> None:
    council = family.add_official_account("council")
    first = approved(family, council, text="One")
    second = submitted(family, council, text="Two")
    jo = family.person("Jo")
    third = family.drafts("Jo").create(jo, Pane.OFFICIAL, Content("Three", (council.id,)))
    store = family.for_person("Sam")

    def ids(drafts: Sequence[Draft]) -> list[str]:
        return [d.id for d in drafts]

    assert ids(store.list_drafts()) == [first.id, second.id, third.id]
    assert ids(store.list_drafts(Pane.OFFICIAL)) == [first.id, second.id, third.id]
    assert ids(store.list_drafts(Pane.OFFICIAL, {DraftState.SUBMITTED})) == [second.id]
    assert ids(store.list_drafts(states={DraftState.APPROVED, DraftState.DRAFT})) == [
        first.id, third.id]
    assert store.list_drafts(Pane.OFFICIAL, {DraftState.PUBLISHED}) == []
    assert store.list_drafts(Pane.PERSONAL) == []
    assert store.list_drafts(Pane.OFFICIAL)[0] == store.get_draft(first.id)


def test_a_page_of_drafts_is_one_authors_newest_first(family: StoreFamily) -> None:
    """What "My submissions" shows: one author's drafts in some states, the most recently
    changed first, and no more than asked for, read with LIMIT."""
    council = family.add_official_account("council")
    older = submitted(family, council, text="One")
    middle = approved(family, council, text="Two")
    sam = family.person("Sam")
    by_sam = family.drafts("Sam").create(sam, Pane.OFFICIAL, Content("Sam's", (council.id,)))
    newer = submitted(family, council, text="Three")
    store = family.for_person("Sam")
    jo = family.person("Jo")
    waiting = {DraftState.SUBMITTED, DraftState.APPROVED, DraftState.DRAFT}

    def ids(drafts: Sequence[Draft]) -> list[str]:
        return [d.id for d in drafts]

    assert ids(store.list_drafts(Pane.OFFICIAL, waiting, author_id=jo.id, newest=10)) == [
        newer.id, middle.id, older.id]
    assert ids(store.list_drafts(Pane.OFFICIAL, waiting, author_id=jo.id, newest=2)) == [
        newer.id, middle.id]
    assert ids(store.list_drafts(Pane.OFFICIAL, author_id=sam.id)) == [by_sam.id]
    assert ids(store.list_drafts(Pane.OFFICIAL, {DraftState.APPROVED}, newest=5)) == [middle.id]
    assert store.list_drafts(Pane.OFFICIAL, waiting, newest=1)[0] == store.get_draft(newer.id)
    assert store.list_drafts(Pane.PERSONAL, author_id=jo.id, newest=5) == []


def test_what_is_not_there_is_not_found(family: StoreFamily) -> None:
    store = family.for_person("Jo")
    missing = str(uuid.uuid4())
    for read in (store.get_draft, store.get_account, store.get_publication, store.get_incident,
                 store.get_person):
        with pytest.raises(NotFoundError):
            read(missing)
    assert store.find_person("Nobody") is None
    assert store.find_publication(missing, "123") is None
    assert store.find_incident(missing) is None
    ghost = Incident(id=missing, pane=Pane.OFFICIAL, kind=CorrectionKind.CORRECTION,
                     original_draft_id=missing, correction_draft_id=missing, opened_by="",
                     opened_at=CLOCK.now(), original_action=OriginalAction.KEEP, targets=())
    with pytest.raises(NotFoundError):
        store.update_incident(ghost, PendingEvent("", "incident.queued", missing, {}))


# -- publications ------------------------------------------------------------------------------


def test_history_lines_are_the_history_as_the_listing_prints_it(family: StoreFamily) -> None:
    """All of the history, in its order (newest first, the unpublished last), each line as
    ``safedesk history`` prints it: times as ``datetime.isoformat`` writes them, whole seconds
    too, with the draft's text and the live approval's flag."""
    council = family.add_official_account("council")
    sky = family.add_official_account("council.example.gov.uk", Platform.BLUESKY)
    library = family.add_official_account("library")
    text = "Bins go out on Tuesday.\n\u201cRecycling\u201d \u2014 caf\u00e9 \U0001f5d1"
    draft, pending = start_publishing(family, approved(family, council, sky, library, text=text))
    by_account = {p.account_id: p for p in pending}
    whole_second = datetime(2026, 3, 1, 9, 30, tzinfo=UTC)
    newer = record_publication(family, replace(
        by_account[council.id], state=PublicationState.PUBLISHED, remote_id="1",
        url="https://social.example.gov.uk/@council/1",
        published_at=whole_second + timedelta(microseconds=250)), "publication.published")
    older = record_publication(family, replace(
        by_account[sky.id], state=PublicationState.PUBLISHED, remote_id="at://x/2",
        url="https://bsky.app/profile/x/post/2", published_at=whole_second),
        "publication.published")
    waiting = by_account[library.id]
    store = family.for_person("Jo")
    approval = store.get_draft(draft.id).approval
    assert approval is not None
    expected = [HistoryLine(p.id, p.draft_id, Pane.OFFICIAL, p.account_id, p.state,
                            p.published_at.isoformat() if p.published_at else None, p.url,
                            p.error, p.imported, text, approval.flag)
                for p in (newer, older, waiting)]
    assert expected[1].published_at == "2026-03-01T09:30:00+00:00"
    assert list(store.history_lines()) == expected
    assert list(store.history_lines(Pane.OFFICIAL)) == expected
    assert list(store.history_lines(Pane.PERSONAL)) == []
    assert [line.publication_id for line in store.history_lines()] == \
        [entry.publication.id for entry in store.history()]


def test_publishing_records_each_publication(family: StoreFamily) -> None:
    council = family.add_official_account("council")
    sky = family.add_official_account("council.example.gov.uk", Platform.BLUESKY)
    draft, pending = start_publishing(family, approved(family, council, sky))
    store = family.for_person("Jo")  # anyone reads them
    assert draft.state is DraftState.PUBLISHING
    assert store.get_draft(draft.id) == draft
    assert sorted(store.list_publications(draft_id=draft.id), key=lambda p: p.account_id) == \
        sorted(pending, key=lambda p: p.account_id)
    for publication in pending:
        assert store.get_publication(publication.id) == publication

    now = datetime.now(UTC).replace(microsecond=123456)
    failed = record_publication(family, replace(
        pending[1], state=PublicationState.FAILED, attempts=1, first_attempt_at=now,
        last_attempt_at=now, error="Server said 503 \u2014 try later"), "publication.failed")
    out = record_publication(family, replace(
        pending[0], state=PublicationState.PUBLISHED, attempts=2, first_attempt_at=now,
        last_attempt_at=now + timedelta(seconds=5), remote_id="110042",
        url="https://social.example.gov.uk/@council/110042", published_at=now,
        remote_uri="at://did:plc:x/app.bsky.feed.post/3k", remote_cid="bafyrei"),
        "publication.published")
    assert store.find_publication(council.id, "110042") == out
    assert store.find_publication(sky.id, "110042") is None
    # Published first, newest first; then those with no time.
    assert store.list_publications(draft_id=draft.id) == [out, failed]
    assert store.list_publications(pane=Pane.OFFICIAL) == [out, failed]
    # A page at a time, in the same order.
    assert store.list_publications(pane=Pane.OFFICIAL, limit=1) == [out]
    assert store.list_publications(pane=Pane.OFFICIAL, limit=1, offset=1) == [failed]
    assert store.list_publications(pane=Pane.OFFICIAL, limit=5, offset=2) == []
    jo = family.person("Jo")
    assert family.drafts("Jo").history(jo, Pane.OFFICIAL, limit=1) == [out]
    # The history's one query: each publication with its account, draft text and approval flag.
    live = store.get_draft(draft.id).approval
    flag = live.flag if live else ""
    entries = store.history(Pane.OFFICIAL)
    assert [(e.publication, e.account, e.text, e.approval_flag) for e in entries] == [
        (p, store.get_account(p.account_id), draft.content.text, flag) for p in [out, failed]]
    assert [e.publication for e in store.history(Pane.OFFICIAL, limit=1, offset=1)] == [failed]
    assert [e.publication for e in store.history(limit=5)] == [out, failed]
    assert [e.publication for e in family.drafts("Jo").history_entries(jo, Pane.OFFICIAL)] == \
        [out, failed]
    assert store.list_publications(draft_id=str(uuid.uuid4())) == []
    with pytest.raises(NotFoundError):
        family.for_person("Pub").update_publication(
            replace(out, id=str(uuid.uuid4())),
            PendingEvent(family.person("Pub").id, "publication.published", out.id, {}))

    pub = family.person("Pub")
    with one_event(store, "draft.publish_failed", draft.id, pub):
        ended = family.drafts("Pub").finish_publish(draft.id, pub, succeeded=False, note="503")
    assert (ended.state, ended.decision_note) == (DraftState.FAILED, "503")
    assert store.get_draft(draft.id) == ended
    assert_audit_agrees(store)


# -- accounts ----------------------------------------------------------------------------------


def test_a_thread_and_its_progress_per_account_are_kept(family: StoreFamily) -> None:
    """The parts are content (the digest covers them, computed by each store), and each
    publication keeps which parts are out and when the next was first tried."""
    council = family.add_official_account("council")
    jo, as_jo = family.person("Jo"), family.drafts("Jo")
    content = Content("Roadworks start Monday. 1/3", (council.id,),
                      thread=("Expect delays on the A48. 2/3", "Buses divert via Mill Lane. 3/3"))
    draft = as_jo.submit(as_jo.create(jo, Pane.OFFICIAL, content).id, jo)
    store = family.for_person("Jo")
    assert store.get_draft(draft.id).content.thread == content.thread
    draft = family.drafts("Sam").approve(draft.id, family.person("Sam"),
                                         content_digest(draft.content))
    assert draft.approval is not None and draft.approval.digest == content_digest(content)
    _, [pending] = start_publishing(family, draft)
    now = datetime.now(UTC).replace(microsecond=654321)
    under_way = record_publication(family, replace(
        pending, attempts=1, first_attempt_at=now, last_attempt_at=now,
        parts_out=(PartOut("110001", url="https://social.example.gov.uk/@council/110001"),
                   PartOut("110002", "at://did:plc:x/app.bsky.feed.post/3k", "bafy", "u")),
        next_part_tried_at=now + timedelta(seconds=1)), "publication.part_published")
    assert store.get_publication(pending.id) == under_way
    done = record_publication(family, replace(
        under_way, state=PublicationState.PUBLISHED, next_part_tried_at=None,
        parts_out=(*under_way.parts_out, PartOut("110003")), remote_id="110001"),
        "publication.published")
    assert store.get_publication(pending.id).parts_out == done.parts_out
