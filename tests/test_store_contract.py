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
from collections.abc import Iterator, Sequence
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from safedesk.core import workflow
from safedesk.core.audit import ChainHead
from safedesk.core.corrections import (
    ActionState,
    CorrectionKind,
    Incident,
    IncidentTarget,
    OriginalAction,
    Route,
)
from safedesk.core.digest import content_digest
from safedesk.core.errors import (
    ConcurrentChangeError,
    InvalidInputError,
    NotAllowedError,
    NotFoundError,
)
from safedesk.core.models import (
    Account,
    Content,
    ContentWarningOnBluesky,
    Draft,
    DraftState,
    HistoryLine,
    Pane,
    PartOut,
    Person,
    Platform,
    PublicationState,
    Role,
    ServerLimits,
    Visibility,
)
from safedesk.core.ports import Store
from safedesk.core.server_text import published_content
from safedesk.core.templates import TemplatePreapproval
from safedesk.core.workflow import PendingEvent
from safedesk.services.people import PeopleService
from safedesk.services.templates import TemplateService
from tests.store_family import (
    CLOCK,
    NEAR,
    ROLES,
    PgFamily,
    SqliteFamily,
    StoreFamily,
    approved,
    assert_audit_agrees,
    one_event,
    published,
    record_publication,
    rich_content,
    start_publishing,
    submitted,
)


@pytest.fixture(params=["sqlite", "postgresql"])
def family(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[StoreFamily]:
    if request.param == "sqlite":
        made = SqliteFamily(tmp_path / "safedesk.sqlite3")
        yield made
        made.store.close()
    else:
        yield PgFamily(request.getfixturevalue("team"))


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


def test_accounts_are_added_refreshed_and_removed_in_their_pane(family: StoreFamily) -> None:
    store, keeper = family.for_person(family.keeper), family.person(family.keeper)
    limits = ServerLimits(max_characters=5000, url_weight=23, max_images=4)
    with one_event(store, "account.add", None, keeper):
        zeta = family.add_official_account("zeta", remote_id="109", limits=limits)
    alpha = family.add_official_account("alpha.example.gov.uk", Platform.BLUESKY)
    reader = family.for_person("Jo")
    stored = reader.get_account(zeta.id)
    # The team server stamps the time itself; the embedded store keeps the desk's.
    assert stored == replace(zeta, created_at=stored.created_at)
    assert abs(stored.created_at - zeta.created_at) < NEAR
    assert [a.id for a in reader.list_accounts()] == [alpha.id, zeta.id]
    assert [a.id for a in reader.list_accounts(Pane.OFFICIAL)] == [alpha.id, zeta.id]
    assert reader.list_accounts(Pane.PERSONAL) == []

    with pytest.raises(InvalidInputError, match="already"):
        family.add_official_account("zeta")

    refreshed = replace(stored, handle="zeta2", display_name="Zeta \u00e9", remote_id="110",
                        limits=ServerLimits(max_characters=11000, url_weight=0, max_images=8),
                        pane=Pane.PERSONAL)  # the pane is fixed: this part is not taken
    with one_event(store, "account.refresh", zeta.id, keeper):
        store.update_account(refreshed, PendingEvent(keeper.id, "account.refresh", zeta.id,
                                                     {"address": refreshed.address}))
    assert reader.get_account(zeta.id) == replace(refreshed, pane=Pane.OFFICIAL)

    with one_event(store, "account.remove", zeta.id, keeper):
        family.accounts().remove(zeta.id, keeper)
    assert [a.id for a in reader.list_accounts()] == [alpha.id]
    assert reader.get_account(zeta.id).handle == "zeta2"  # history still names it
    with pytest.raises(NotFoundError):
        store.remove_account(zeta.id, PendingEvent(keeper.id, "account.remove", zeta.id, {}))
    # Removed, its name is free again.
    family.add_official_account("zeta2")
    assert_audit_agrees(store)


# -- templates ---------------------------------------------------------------------------------


def test_template_versions_and_preapprovals_keep_their_order(family: StoreFamily) -> None:
    ada, sam, kim = family.person("Ada"), family.person("Sam"), family.person("Kim")
    store = family.for_person("Ada")
    templates = TemplateService(store, CLOCK, PeopleService(store, CLOCK))
    with one_event(store, "template.save", "road.en-GB", ada):
        first = templates.save("road", "en-GB", "{account}: {correction}", ada)
    second = templates.save("road", "en-GB", "{account}: {correction} Sorry \U0001f6a7", ada)
    welsh = templates.save("road", "cy", "{account}: {correction} Mae'n ddrwg gennym.", ada)

    reader = family.for_person("Jo")
    saved = reader.template_versions("road", "en-GB")
    assert [(t.text, t.version, t.editor_id) for t in saved] == [
        (first.text, first.version, ada.id), (second.text, second.version, ada.id)]
    assert all(t.saved_at is not None and abs(t.saved_at - datetime.now(UTC)) < NEAR
               for t in saved)
    assert [t.text for t in reader.template_versions()] == [first.text, second.text, welsh.text]
    assert [t.text for t in reader.template_versions(language="cy")] == [welsh.text]
    assert reader.template_versions("nothing") == []
    assert TemplateService(reader, CLOCK, PeopleService(reader, CLOCK)).get(
        "road", "en-GB").text == second.text

    def preapprove(person: Person, version: str) -> TemplatePreapproval:
        made = TemplatePreapproval(id=str(uuid.uuid4()), name="road", language="en-GB",
                                   version=version, approver_id=person.id,
                                   approved_at=CLOCK.now(), comment=f"read by {person.name}")
        family.for_person(person.name).add_preapproval(made, PendingEvent(
            person.id, "template.preapprove", "road.en-GB",
            {"version": version, "preapproval": made.id}))
        return made

    by_sam = preapprove(sam, second.version)
    by_kim = preapprove(kim, second.version)
    with pytest.raises(InvalidInputError, match="already pre-approved"):
        preapprove(sam, second.version)
    listed = reader.list_preapprovals("road", "en-GB")
    assert [replace(p, approved_at=made.approved_at) for p, made in
            zip(listed, (by_sam, by_kim), strict=True)] == [by_sam, by_kim]
    assert reader.list_preapprovals("road", "cy") == []
    assert [p.id for p in reader.list_preapprovals()] == [by_sam.id, by_kim.id]
    assert_audit_agrees(store)


# -- incidents ---------------------------------------------------------------------------------


def test_incidents_are_opened_rerouted_and_acted_on(family: StoreFamily) -> None:
    council = family.add_official_account("council")
    sky = family.add_official_account("council.example.gov.uk", Platform.BLUESKY)
    original, publications = published(family, council, sky)
    jo, pub = family.person("Jo"), family.person("Pub")
    store = family.for_person("Jo")
    correction = family.drafts("Jo").create(jo, Pane.OFFICIAL, Content(
        "Correction: bins go out on Wednesday.", (council.id, sky.id), reply_to=original.id))
    by_account = {p.account_id: p for p in publications}
    incident = Incident(
        id=str(uuid.uuid4()), pane=Pane.OFFICIAL, kind=CorrectionKind.CORRECTION,
        original_draft_id=original.id, correction_draft_id=correction.id, opened_by=jo.id,
        opened_at=CLOCK.now(), original_action=OriginalAction.EDIT,
        targets=(IncidentTarget(council.id, by_account[council.id].id, OriginalAction.EDIT),
                 IncidentTarget(sky.id, by_account[sky.id].id, OriginalAction.KEEP,
                                detail="Bluesky posts cannot be edited.")),
        note="Caller on the phone \u2014 HR ref 12", template_name="correction",
        template_language="en-GB", template_version="ab" * 32,
        fields=(("correct", "Wednesday"), ("wrong", "Tuesday")), route=Route.QUEUED,
        queue_reason="No approver has pre-approved this version.", flags=("hacked",))
    with one_event(store, "incident.open", incident.id, jo):
        store.add_incident(incident, PendingEvent(jo.id, "incident.open", incident.id, {
            "kind": "correction", "original": original.id, "route": "queued"}))
    stored = store.get_incident(incident.id)
    assert stored == replace(incident, opened_at=stored.opened_at)
    assert abs(stored.opened_at - datetime.now(UTC)) < NEAR
    assert store.find_incident(correction.id) == stored
    assert store.find_incident(original.id) is None
    assert store.list_incidents() == [stored]
    assert store.list_incidents(Pane.OFFICIAL) == [stored]
    assert store.list_incidents(Pane.PERSONAL) == []
    with pytest.raises(ConcurrentChangeError):
        store.add_incident(replace(incident, id=str(uuid.uuid4())), PendingEvent(
            jo.id, "incident.open", incident.id, {}))

    # Only how it goes out changes; what it is stays as opened.
    rerouted = replace(stored, route=Route.PREAPPROVED, preapproval_id="pre-1", queue_reason="",
                       flags=(), note="changed?", kind=CorrectionKind.APOLOGY)
    with one_event(store, "incident.queued", incident.id, jo):
        store.update_incident(rerouted, PendingEvent(jo.id, "incident.queued", incident.id,
                                                     {"reason": "requeued"}))
    assert store.get_incident(incident.id) == replace(
        stored, route=Route.PREAPPROVED, preapproval_id="pre-1", queue_reason="", flags=())

    # The publisher edits the original on Mastodon and records it with the original's new state.
    pub_store = family.for_person("Pub")
    acted_at = datetime.now(UTC).replace(microsecond=654321)
    done = replace(stored.target(council.id), state=ActionState.DONE, detail="Edited \u2714",
                   acted_at=acted_at, acted_by=pub.id)
    corrected = replace(by_account[council.id], state=PublicationState.CORRECTED)
    with one_event(pub_store, "original.edit", incident.id, pub):
        pub_store.record_action(incident.id, done, corrected, PendingEvent(
            pub.id, "original.edit", incident.id,
            {"account": council.id, "publication": corrected.id, "url": corrected.url,
             "state": corrected.state.value, "detail": done.detail}))
    # Nothing to do to the Bluesky original: anyone records that it is kept as it is.
    kept = replace(stored.target(sky.id), state=ActionState.SKIPPED, acted_at=acted_at,
                   acted_by=jo.id, detail="The original was deleted before the correction.")
    store.record_action(incident.id, kept, None, PendingEvent(
        jo.id, "incident.target_skipped", incident.id,
        {"account": sky.id, "publication": by_account[sky.id].id}))

    after = store.get_incident(incident.id)
    assert after.targets == (done, kept)
    assert store.get_publication(corrected.id) == corrected
    assert store.get_publication(by_account[sky.id].id) == by_account[sky.id]
    with pytest.raises(NotFoundError):
        store.record_action(incident.id, replace(kept, account_id=str(uuid.uuid4())), None,
                            PendingEvent(jo.id, "incident.target_skipped", incident.id, {}))
    assert_audit_agrees(store)


# -- audit -------------------------------------------------------------------------------------


def test_the_audit_trail_records_stands_alone_and_witnesses(family: StoreFamily) -> None:
    council = family.add_official_account("council")
    draft = approved(family, council)
    jo, store = family.person("Jo"), family.for_person("Jo")
    head = store.audit_head()

    event = store.record(PendingEvent(jo.id, "draft.schedule_missed", draft.id,
                                      {"late_seconds": 300}))
    assert (event.seq, event.actor, event.action, event.subject, dict(event.details)) == (
        head.count + 1, jo.id, "draft.schedule_missed", draft.id, {"late_seconds": 300})
    assert event.prev_hash == head.last_hash
    assert abs(event.occurred_at - datetime.now(UTC)) < NEAR
    assert store.audit_head() == ChainHead(event.seq, event.event_hash)
    assert list(store.audit_events())[-1] == event
    assert [e.seq for e in store.audit_events()] == list(range(1, event.seq + 1))
    # One draft's story, read by its subject: exactly its events, oldest first.
    story = store.audit_events_about(draft.id)
    assert story == [e for e in store.audit_events() if e.subject == draft.id]
    assert [e.action for e in story] == ["draft.create", "draft.submit", "draft.approve",
                                         "draft.schedule_missed"]
    assert store.audit_events_about("no-such-subject") == []

    rows = list(store.witnessed_rows("drafts", ["id", "state", "version", "no_such_column"]))
    assert rows == [{"id": draft.id, "state": "approved", "version": 3}]
    approvals = list(store.witnessed_rows("approvals", ["approver_id", "digest"]))
    assert approvals == [{"approver_id": family.person("Sam").id,
                          "digest": content_digest(draft.content)}]
    people = {r["id"]: r for r in store.witnessed_rows("people", ["id", "name", "role"])}
    assert {(r["name"], r["role"]) for r in people.values()} == {
        (name, role.value) for name, role in ROLES.items()}
    with pytest.raises(ValueError, match="not a table"):
        store.witnessed_rows("audit_events", ["seq"])
    assert_audit_agrees(store)


# -- people ------------------------------------------------------------------------------------


def test_people_read_the_same_on_both(family: StoreFamily) -> None:
    store = family.for_person("Jo")
    people = PeopleService(store, CLOCK)
    assert [p.name for p in people.list()] == sorted(ROLES, key=str.casefold)
    assert {p.name: p.role for p in people.list()} == ROLES
    sam = people.get(" sAM ")
    assert sam == store.get_person(sam.id) == store.find_person("sam")
    assert sam.disabled_at is None and not sam.passphrase_reset
    with pytest.raises(NotFoundError):
        people.get("Nobody")
    ada = people.get("Ada")
    grants = {g.person_id: g for g in store.list_grants()}
    assert set(grants) == {sam.id, people.get("Kim").id}
    assert {(g.role, g.granted_by, g.alone, g.confirmed_by) for g in grants.values()} == {
        (Role.APPROVER, ada.id, True, "")}
    assert people.standing(sam).flag == "approved by Sam, whom Ada alone appointed"
    assert sorted(a.person.name for a in people.lone_appointments()) == ["Kim", "Sam"]


# -- where the stores differ on purpose --------------------------------------------------------


def test_personal_things_stay_on_the_desk(family: StoreFamily) -> None:
    """The team server keeps only the organisation's things; a desk's own store keeps both."""
    jo, store = family.person("Jo"), family.for_person("Jo")
    keeper = family.person(family.keeper)
    personal = Account(id="jo-personal", pane=Pane.PERSONAL, platform=Platform.MASTODON,
                       server="https://mastodon.social", handle="jo", display_name="Jo",
                       created_at=CLOCK.now(), owner_id=jo.id)
    add = PendingEvent(keeper.id, "account.add", personal.id, {"address": personal.address})
    # Drafted against the account as a desk would, then handed to the store.
    change = workflow.new_draft(jo, Pane.PERSONAL, Content("My own post", (personal.id,)),
                                {personal.id: personal}, CLOCK.now())
    if family.kind == "postgresql":
        # Even the publisher, who keeps the official accounts, cannot put a personal one there.
        with pytest.raises(NotAllowedError, match="personal"):
            family.for_person(family.keeper).add_account(personal, add)
        with pytest.raises(NotAllowedError, match="personal ones stay"):
            store.apply(change)
        assert store.list_drafts(Pane.PERSONAL) == []
        assert store.list_accounts(Pane.PERSONAL) == []
        assert store.list_publications(pane=Pane.PERSONAL) == []
        assert store.list_incidents(Pane.PERSONAL) == []
        return
    store.add_account(personal, add)
    draft = store.apply(change)
    assert store.list_drafts(Pane.PERSONAL) == [draft]
    assert store.list_drafts(Pane.OFFICIAL) == []
    assert store.list_accounts(Pane.PERSONAL) == [personal]


def test_who_acts_is_the_event_s_actor_or_the_login(family: StoreFamily) -> None:
    """The embedded store records the actor the desk names; the team server the login's own
    person, whatever the desk sends. People and passphrases are the team's admin's business."""
    council = family.add_official_account("council")
    draft = approved(family, council)
    jo, sam = family.person("Jo"), family.person("Sam")
    store = family.for_person("Jo")
    claimed = store.record(PendingEvent(sam.id, "draft.schedule_missed", draft.id,
                                        {"late_seconds": 60}))
    newcomer = Person(id=str(uuid.uuid4()), name="Lee", role=Role.AUTHOR, passphrase_hash="",
                      created_at=CLOCK.now())
    add = PendingEvent(family.person("Ada").id, "person.add", newcomer.id,
                       {"name": "Lee", "role": "author"})
    start = workflow.start_publish(draft, jo, {council.id: council}, CLOCK.now())
    if family.kind == "postgresql":
        assert claimed.actor == jo.id
        with pytest.raises(InvalidInputError, match="cannot be recorded on its own"):
            store.record(PendingEvent(jo.id, "draft.approve", draft.id, {}))
        with pytest.raises(NotAllowedError, match="team add-person"):
            family.for_person("Ada").add_person(newcomer, add)
        with pytest.raises(NotAllowedError, match="database password"):
            store.set_passphrase_hash(jo.id, "x", PendingEvent(jo.id, "person.passphrase",
                                                               jo.id, {}))
        with pytest.raises(NotAllowedError, match="Only the publisher"):
            store.apply(start)
        other = replace(council, id=str(uuid.uuid4()), handle="council2")
        with pytest.raises(NotAllowedError, match="Only the publisher"):
            store.add_account(other, PendingEvent(jo.id, "account.add", other.id, {}))
        assert store.get_draft(draft.id).state is DraftState.APPROVED
    else:
        assert claimed.actor == sam.id
        store.add_person(newcomer, add)
        assert store.find_person("lee") == newcomer
        assert store.apply(start).state is DraftState.PUBLISHING
    assert_audit_agrees(store)


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
