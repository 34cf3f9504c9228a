"""Shares in both stores (tests/store_family.py): the content and its digest as the team server
checks them, the second person, the voided approval when the shared post changed, the query of
authors shared before, and the watched accounts in the policy settings."""

from __future__ import annotations

from dataclasses import replace

import pytest

from safedesk.core import workflow
from safedesk.core.digest import content_digest
from safedesk.core.errors import NotAllowedError
from safedesk.core.models import (
    Account,
    Content,
    Draft,
    DraftState,
    Pane,
    Share,
    ShareKind,
)
from safedesk.core.policy.settings import settings_of
from safedesk.core.workflow import PendingEvent
from safedesk.services.share_check import EDITED_NOTE
from tests.share_support import fire_post
from tests.store_family import CLOCK, StoreFamily, assert_audit_agrees, one_event, start_publishing

FIRE = fire_post()


def boost(account: Account) -> Content:
    return Content("", (account.id,), share=Share(ShareKind.BOOST, replace(
        FIRE, via_account=account.id)))


def submitted_share(family: StoreFamily, author: str, account: Account) -> Draft:
    person, drafts = family.person(author), family.drafts(author)
    draft = drafts.create(person, Pane.OFFICIAL, boost(account))
    return drafts.submit(draft.id, person)


def test_a_share_is_stored_whole_and_its_digest_binds_the_post(family: StoreFamily) -> None:
    account = family.add_official_account("council")
    draft = submitted_share(family, "Jo", account)
    stored = family.for_person("Sam").get_draft(draft.id)
    assert stored.content == boost(account)
    # An approver who saw another version of the shared post approves nothing.
    other = replace(stored.content, share=Share(ShareKind.BOOST, replace(
        FIRE, via_account=account.id, content_hash="v2")))
    sam, as_sam = family.person("Sam"), family.drafts("Sam")
    with pytest.raises(NotAllowedError, match="changed after you opened it"):
        as_sam.approve(draft.id, sam, content_digest(other))
    approved = as_sam.approve(draft.id, sam, content_digest(stored.content))
    assert approved.approval is not None
    assert approved.approval.digest == content_digest(boost(account))


def test_the_author_of_a_share_cannot_approve_it(family: StoreFamily) -> None:
    account = family.add_official_account("council")
    draft = submitted_share(family, "Sam", account)
    sam, store = family.person("Sam"), family.for_person("Sam")
    with pytest.raises(NotAllowedError, match="wrote this post"):
        family.drafts("Sam").approve(draft.id, sam, content_digest(draft.content))
    if family.kind == "postgresql":
        # Past the desk's own check, the server refuses it too.
        change = workflow.approve(replace(draft, author_id="someone-else", editors=frozenset()),
                                  sam, content_digest(draft.content), CLOCK.now())
        with pytest.raises(NotAllowedError, match="Sam wrote this post"):
            store.apply(replace(change, draft=replace(change.draft, author_id=draft.author_id)))
    assert store.get_draft(draft.id).state is DraftState.SUBMITTED


def test_a_changed_shared_post_voids_the_approval_on_record(family: StoreFamily) -> None:
    account = family.add_official_account("council")
    draft = submitted_share(family, "Jo", account)
    approved = family.drafts("Sam").approve(draft.id, family.person("Sam"),
                                            content_digest(draft.content))
    assert approved.approval is not None
    keeper = "Pub" if family.kind == "postgresql" else "Ada"
    store, person = family.for_person(keeper), family.person(keeper)
    if family.kind == "postgresql":
        jo = family.person("Jo")
        with pytest.raises(NotAllowedError, match="Only the publisher"):
            family.for_person("Jo").apply(workflow.shared_post_changed(
                approved, jo, str(EDITED_NOTE), CLOCK.now()))
    with one_event(store, "draft.shared_post_changed", draft.id, person) as written:
        back = store.apply(workflow.shared_post_changed(approved, person, str(EDITED_NOTE),
                                                        CLOCK.now()))
    assert back.state is DraftState.CHANGES_REQUESTED and back.approval is None
    assert back.decision_note == str(EDITED_NOTE)
    details = written[0].details
    assert details["voided_approval"] == approved.approval.id
    assert details["reason"] == str(EDITED_NOTE)
    assert_audit_agrees(store)


# Only the team server's store: the desk's own store trusts core's lifecycle, which has no such
# check, while the server checks every change a client sends.
@pytest.mark.parametrize("family", ["postgresql"], indirect=True)
def test_a_post_that_is_no_share_cannot_be_voided_as_one_on_the_server(
        family: StoreFamily) -> None:
    account = family.add_official_account("council")
    jo, as_jo = family.person("Jo"), family.drafts("Jo")
    draft = as_jo.submit(as_jo.create(jo, Pane.OFFICIAL, Content("Bins.", (account.id,))).id,
                         jo)
    approved = family.drafts("Sam").approve(draft.id, family.person("Sam"),
                                            content_digest(draft.content))
    pub = family.person("Pub")
    with pytest.raises(NotAllowedError, match="Only a share"):
        family.for_person("Pub").apply(workflow.shared_post_changed(approved, pub, "Changed.",
                                                                    CLOCK.now()))


def test_authors_shared_before_are_those_of_shares_that_went_out(family: StoreFamily) -> None:
    account = family.add_official_account("council")
    store = family.for_person("Jo")
    draft = submitted_share(family, "Jo", account)
    assert not store.has_shared_from(Pane.OFFICIAL, FIRE.author_id)  # waiting is not shared
    approved = family.drafts("Sam").approve(draft.id, family.person("Sam"),
                                            content_digest(draft.content))
    start_publishing(family, approved)
    assert store.has_shared_from(Pane.OFFICIAL, FIRE.author_id)
    assert not store.has_shared_from(Pane.OFFICIAL, "https://other.example/users/someone")
    assert not store.has_shared_from(Pane.PERSONAL, FIRE.author_id)


def test_watched_accounts_are_kept_in_the_policy_settings(family: StoreFamily) -> None:
    store, ada = family.for_person("Ada"), family.person("Ada")
    settings = settings_of(political_terms=["Blue Party"],
                           watched_accounts=["@blue@party.example", "did:plc:candidate"])
    store.save_policy_settings(settings, 0, PendingEvent(ada.id, "policy.changed", "policy", {
        "settings": settings.as_json()}))
    assert family.for_person("Jo").policy_settings().settings == settings
    assert "watched_accounts" not in settings_of(political_terms=["x"]).as_json()
