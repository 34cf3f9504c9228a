"""Bilingual pairs in both stores (the embedded SQLite store and the team server): a pair that
SafeDesk cannot publish is refused at submit in words; one approval covers both languages and an
edit to either voids it; the team server digests a pair as core does; a pair's parts out keep
their language and time; the organisation's pair styles are saved and read back."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from safedesk.core import rules
from safedesk.core.digest import content_digest
from safedesk.core.errors import ApprovalRequiredError, InvalidInputError
from safedesk.core.models import Account, Content, Draft, Pane, PartOut, Platform, Translation
from safedesk.core.pairs import PairLayout, PairStyle
from safedesk.core.policy import check_content
from safedesk.services.policy import PolicyService, TermList
from safedesk.services.publishing import PublishService
from safedesk.storage.draft_locks import DraftLocks
from safedesk.storage.media_library import MediaLibrary
from safedesk.storage.publish_journal import PublishJournal
from tests.fake_platform import FakePlatform
from tests.store_family import (
    CLOCK,
    PNG_MAGIC,
    StoreFamily,
    record_publication,
    start_publishing,
)

WELSH_TEXT = "Mae'r llyfrgell ar agor yn hwyr heno."
ENGLISH_TEXT = "The library is open late tonight."


def pair_content(family: StoreFamily, account: Account, **changes: object) -> Content:
    image = family.image(PNG_MAGIC, "image/png", "Drws y llyfrgell", "door.png")
    content = Content(WELSH_TEXT, (account.id,), content_warning="", language="cy",
                      media=(image,),
                      translation=Translation("en", ENGLISH_TEXT, "", ("The library door",)))
    return replace(content, **changes)  # type: ignore[arg-type]


def submitted_pair(family: StoreFamily, content: Content) -> Draft:
    jo, as_jo = family.person("Jo"), family.drafts("Jo")
    draft = as_jo.create(jo, Pane.OFFICIAL, content)
    return as_jo.submit(draft.id, jo)


@pytest.mark.parametrize(("translation", "refusal"), [
    (Translation("cy", ENGLISH_TEXT, "", ("x",)), "one part in Welsh (cy) and one in English"),
    (Translation("en", "  ", "", ("x",)), "Write both the Welsh and the English text"),
    (Translation("en", ENGLISH_TEXT, "", ()), "Each image of a bilingual post needs its alt"),
    (Translation("en", ENGLISH_TEXT, "", (" ",)), "Add the English description of each image"),
])
def test_a_pair_that_cannot_go_out_is_refused_at_submit_in_words(
        family: StoreFamily, translation: Translation, refusal: str) -> None:
    account = family.add_official_account("council")
    jo, as_jo = family.person("Jo"), family.drafts("Jo")
    draft = as_jo.create(jo, Pane.OFFICIAL, pair_content(family, account,
                                                         translation=translation))
    with pytest.raises(InvalidInputError, match=re.escape(refusal)):
        as_jo.submit(draft.id, jo)
    assert as_jo.get(draft.id).state.value == "draft"


def test_each_language_must_fit_each_account_and_the_refusal_names_it(
        family: StoreFamily) -> None:
    account = family.add_official_account("council.bsky.social", Platform.BLUESKY)
    too_long = pair_content(family, account).translation
    assert too_long is not None
    content = pair_content(family, account,
                           translation=replace(too_long, text="Open late. " * 40))
    jo, as_jo = family.person("Jo"), family.drafts("Jo")
    draft = as_jo.create(jo, Pane.OFFICIAL, content)
    with pytest.raises(InvalidInputError) as refused:
        as_jo.submit(draft.id, jo)
    assert str(refused.value).startswith(f"{account.address}, the English text: ")


@pytest.mark.parametrize("edited", ["own", "translation"])
def test_one_approval_covers_the_pair_and_an_edit_to_either_language_voids_it(
        family: StoreFamily, edited: str) -> None:
    account = family.add_official_account("council")
    draft = submitted_pair(family, pair_content(family, account))
    sam = family.person("Sam")
    approved = family.drafts("Sam").approve(draft.id, sam, content_digest(draft.content))
    assert rules.has_valid_approval(approved)
    assert approved.content.translation == draft.content.translation  # kept as written

    translation = draft.content.translation
    assert translation is not None
    changed = replace(draft.content, text=WELSH_TEXT + " Croeso.") if edited == "own" else \
        replace(draft.content, translation=replace(translation, text=ENGLISH_TEXT + " Welcome."))
    editor = family.drafts("Sam").edit(draft.id, sam, changed)
    assert editor.approval is None
    with pytest.raises(ApprovalRequiredError):
        rules.check_can_publish(family.drafts("Jo").get(draft.id))


def test_a_pairs_parts_out_keep_their_language_and_time(family: StoreFamily) -> None:
    account = family.add_official_account("council")
    draft = submitted_pair(family, pair_content(family, account))
    approved = family.drafts("Sam").approve(draft.id, family.person("Sam"),
                                            content_digest(draft.content))
    _, [pending] = start_publishing(family, approved)
    now = datetime.now(UTC).replace(microsecond=0)
    welsh = PartOut("1001", "", "", "https://social.example.gov.uk/@council/1001",
                    language="cy", out_at=now)
    progress = replace(pending, attempts=1, first_attempt_at=now, last_attempt_at=now,
                       parts_out=(welsh,), next_part_tried_at=now + timedelta(seconds=1))
    stored = record_publication(family, progress, "publication.part_published")
    assert stored.parts_out[0].language == "cy" and stored.parts_out[0].out_at == now


def test_the_pair_styles_are_saved_and_read_back(family: StoreFamily) -> None:
    account = family.add_official_account("council")
    policy = PolicyService(family.for_person("Ada"))
    saved = policy.set_pair_style(family.person("Ada"), account.id,
                                  PairStyle(PairLayout.ONE_POST, "en"))
    assert saved.changes == ((f"pair style of account {account.id}: one_post, en first "
                             "(was two_posts, cy first)"),)
    read = PolicyService(family.for_person("Jo")).current().settings
    assert read.pair_style_for(account.id) == PairStyle(PairLayout.ONE_POST, "en")
    # Another change to the settings keeps the style.
    policy.add_terms(family.person("Ada"), TermList.NAMES, ["Cyngor Tref"])
    assert PolicyService(family.for_person("Jo")).current().settings.pair_style_for(
        account.id) == PairStyle(PairLayout.ONE_POST, "en")


def test_the_second_language_is_read_by_the_policy_rules_and_stored_as_published(
        family: StoreFamily) -> None:
    """A profanity or a claim of a hack in the English of a pair is found as in the Welsh;
    a byte-order mark the PDS would drop is gone from the stored second language too."""
    account = family.add_official_account("council")
    translation = Translation("en", "\ufeffThis damn bridge is shut.", "", ("\ufeffThe door",))
    jo, as_jo = family.person("Jo"), family.drafts("Jo")
    draft = as_jo.create(jo, Pane.OFFICIAL, pair_content(family, account,
                                                         translation=translation))
    assert draft.content.translation == Translation("en", "This damn bridge is shut.", "",
                                                    ("The door",))
    findings = check_content(draft.content, Pane.OFFICIAL)
    assert [f.field.key for f in findings if f.rule == "profanity"] == ["second_text"]
    assert str(findings[0].field.words) == "the text in the second language"


def test_a_pair_goes_out_through_the_publisher_on_either_store(
        family: StoreFamily, tmp_path: Path) -> None:
    """Two top-level posts, Welsh first, each with its language; both parts kept with their
    times; the audit event of the publication records the gap (the team server takes it too)."""
    account = family.add_official_account("council")
    content = Content(ENGLISH_TEXT, (account.id,), language="en",
                      translation=Translation("cy", WELSH_TEXT))
    draft = submitted_pair(family, content)
    family.drafts("Sam").approve(draft.id, family.person("Sam"), content_digest(draft.content))
    platform = FakePlatform(account)
    store = family.for_person("Pub")
    (tmp_path / "locks").mkdir()
    publisher = PublishService(store, CLOCK, lambda _account: platform,
                               MediaLibrary(tmp_path / "media"), PublishJournal(tmp_path),
                               DraftLocks(tmp_path / "locks"))
    report = publisher.publish(draft.id, family.person("Pub"))
    assert report.complete, [p.error for p in report.publications]
    assert [(r.text, r.language, r.reply_to) for r in platform.requests] == [
        (WELSH_TEXT, "cy", None), (ENGLISH_TEXT, "en", None)]
    [publication] = report.publications
    kept = store.get_publication(publication.id)
    assert [(p.language, p.out_at is not None) for p in kept.parts_out] == [("cy", True),
                                                                             ("en", True)]
    [event] = [e for e in store.audit_events() if e.action == "publication.published"]
    pair = event.details["pair"]
    assert isinstance(pair, dict) and [p["language"] for p in pair["parts"]] == ["cy", "en"]
    assert pair["gap_seconds"] >= 0


def test_a_warning_in_the_second_language_alone_asks_the_bluesky_decision(
        family: StoreFamily) -> None:
    account = family.add_official_account("council.bsky.social", Platform.BLUESKY)
    content = Content(WELSH_TEXT, (account.id,), language="cy",
                      translation=Translation("en", ENGLISH_TEXT, "Flooding"))
    jo, as_jo = family.person("Jo"), family.drafts("Jo")
    draft = as_jo.create(jo, Pane.OFFICIAL, content)
    with pytest.raises(InvalidInputError) as refused:
        as_jo.submit(draft.id, jo)
    assert str(refused.value).startswith(f"{account.address}, the English text: Bluesky has no "
                                         "content warnings")
