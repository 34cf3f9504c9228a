"""The store contract, part two: accounts, templates, incidents, the audit trail, people, and
what each store keeps apart. Run against the embedded SQLite store and the team's PostgreSQL
store alike (see tests/test_store_contract.py for the contract's rules).
"""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import UTC, datetime

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
    DraftState,
    Pane,
    Person,
    Platform,
    PublicationState,
    Role,
    ServerLimits,
)
from safedesk.core.policy.settings import (
    RuleLevel,
    StoredPolicy,
    election_period,
    settings_of,
)
from safedesk.core.templates import TemplatePreapproval
from safedesk.core.workflow import PendingEvent
from safedesk.services.people import PeopleService
from safedesk.services.templates import TemplateService
from tests.store_family import (
    CLOCK,
    NEAR,
    ROLES,
    StoreFamily,
    approved,
    assert_audit_agrees,
    one_event,
    published,
)


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


def test_a_politically_restricted_post_is_marked_and_cleared_by_an_admin(
        family: StoreFamily) -> None:
    ada, jo, store = family.person("Ada"), family.person("Jo"), family.for_person("Ada")
    people = PeopleService(store, CLOCK)
    assert not any(p.politically_restricted for p in people.list())
    sam = people.get("Sam")
    with one_event(store, "person.restricted", sam.id, ada) as marked:
        changed = people.set_politically_restricted("Sam", True, ada)
    assert marked[0].details == {"restricted": True}
    assert changed == replace(sam, politically_restricted=True)
    # Everyone reads the flag, through every way of reading a person.
    readers = family.for_person("Jo")
    assert readers.get_person(sam.id) == readers.find_person("sam") == changed
    assert {p.name for p in readers.list_people() if p.politically_restricted} == {"Sam"}
    with pytest.raises(InvalidInputError, match="already marked politically restricted"):
        people.set_politically_restricted("Sam", True, ada)
    with pytest.raises(NotAllowedError, match="Only an admin can mark politically restricted"):
        PeopleService(readers, CLOCK).set_politically_restricted("Sam", False, jo)
    if family.kind == "postgresql":
        # A desk that skips the service's check is refused by the server.
        with pytest.raises(NotAllowedError, match="Only an admin can mark politically restr"):
            readers.update_person(replace(changed, politically_restricted=False), PendingEvent(
                jo.id, "person.restricted", sam.id, {"restricted": False}))
    assert readers.get_person(sam.id).politically_restricted
    with one_event(store, "person.restricted", sam.id, ada) as cleared:
        people.set_politically_restricted("Sam", False, ada)
    assert cleared[0].details == {"restricted": False}
    assert readers.get_person(sam.id) == sam
    # Other changes to the person keep the flag as it is.
    people.set_politically_restricted("Jo", True, ada)
    people.rename("Jo", "Joanna", ada)
    assert readers.get_person(jo.id).politically_restricted
    assert_audit_agrees(store)


def test_policy_settings_are_saved_over_the_version_read(family: StoreFamily) -> None:
    ada, store = family.person("Ada"), family.for_person("Ada")
    assert store.policy_settings() == StoredPolicy()  # nothing saved: the built-in rules
    settings = settings_of(
        names=["Tref Council"], handles=["@tref@social.example"], hashtags=["#TrefNews"],
        political_terms=["Vote Labour", "Plaid Cymru"],
        periods=[election_period("County elections 2027", "2027-04-01", "2027-05-06",
                                 ["Jane Candidate"])],
        levels={"profanity": RuleLevel.WARN, "hashtags": RuleLevel.OFF})
    described = {"changed": ["organisation_names", "election_periods"]}
    with one_event(store, "policy.save", "policy", ada) as saved_event:
        saved = store.save_policy_settings(settings, 0, PendingEvent(
            ada.id, "policy.save", "policy", described))
    assert saved_event[0].details.items() >= described.items()
    assert (saved.settings, saved.version, saved.updated_by) == (settings, 1, ada.id)
    assert saved.updated_at is not None and abs(saved.updated_at - CLOCK.now()) < NEAR
    # Every role reads them as saved.
    assert family.for_person("Jo").policy_settings() == saved == store.policy_settings()

    # An admin who read version 0 does not overwrite version 1.
    before = store.audit_head()
    with pytest.raises(ConcurrentChangeError, match="Someone else changed the policy settings"):
        store.save_policy_settings(settings_of(names=["Other"]), 0, PendingEvent(
            ada.id, "policy.save", "policy", {}))
    assert store.audit_head() == before
    assert store.policy_settings() == saved
    emptied = store.save_policy_settings(settings_of(), 1, PendingEvent(
        ada.id, "policy.save", "policy", {}))
    assert emptied.version == 2 and store.policy_settings().settings == settings_of()
    if family.kind == "postgresql":
        # The server names who may: an author's store is refused whatever the desk sends.
        jo = family.person("Jo")
        with pytest.raises(NotAllowedError, match="Only an admin can change the policy"):
            family.for_person("Jo").save_policy_settings(settings, 2, PendingEvent(
                jo.id, "policy.save", "policy", {}))
        assert store.policy_settings().version == 2
    assert_audit_agrees(store)


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
