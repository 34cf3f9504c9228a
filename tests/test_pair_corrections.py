"""Correcting a bilingual pair: the correction is a pair too, filled from the Welsh and the English
templates together, and goes out at once only when one approver pre-approved both."""

from __future__ import annotations

import json

import pytest

from safedesk.app import SafeDesk
from safedesk.core.corrections import OriginalAction, Route
from safedesk.core.errors import InvalidInputError, NotAllowedError
from safedesk.core.models import Content, Pane, Person
from safedesk.services.correction_plan import CorrectionPlan
from safedesk.services.corrections import UrgentNotice
from tests.conftest import Cast
from tests.fake_platform import FakePlatform
from tests.pair_support import ENGLISH_TEXT, WELSH_TEXT, as_two_posts, publish_pair


@pytest.fixture
def notices(desk: SafeDesk) -> list[UrgentNotice]:
    heard: list[UrgentNotice] = []
    desk.corrections.on_urgent(heard.append)
    return heard


def official_pair(desk: SafeDesk, cast: Cast) -> str:
    return publish_pair(desk, cast.author, Pane.OFFICIAL, (cast.council.id, cast.council_sky.id),
                        cast.approver, "sam-passphrase")


def preapprove(desk: SafeDesk, approver: Person, passphrase: str, language: str,
               name: str = "correction") -> None:
    version = desk.templates.get(name, language).version
    desk.templates.preapprove(name, language, approver, passphrase, version)


BOTH = {"correction": "Dydd Iau yw diwrnod y biniau."}
ENGLISH = {"correction": "Bins are on Thursday."}


def preapproved_in_both(desk: SafeDesk, cast: Cast, original: str) -> CorrectionPlan:
    """Sam pre-approved the Welsh and the English correction template; the plan fills both."""
    preapprove(desk, cast.approver, "sam-passphrase", "cy")
    preapprove(desk, cast.approver, "sam-passphrase", "en-GB")
    return desk.corrections.prepare(original, "correction", fields=BOTH, second_fields=ENGLISH)


def test_a_pair_is_corrected_in_welsh_and_english_from_both_templates(
        desk: SafeDesk, cast: Cast) -> None:
    original = official_pair(desk, cast)
    # Asked in English, it is still both: Welsh first, each with the date in its own words.
    plan = desk.corrections.prepare(original, "correction", language="en-GB", fields=BOTH,
                                    second_fields=ENGLISH)
    assert plan.language == "cy" and plan.translation is not None
    assert plan.text.startswith("Cywiriad i'n neges ar 21 Tachwedd 2026: Dydd Iau")
    english = plan.translation
    assert english.language == "en-GB" and english.post_language == "en"
    assert english.text.startswith("Correction to our post of 21 November 2026: Bins are on")
    assert english.template is not None and english.template.language == "en-GB"
    assert plan.problems == () and plan.uses_template_only
    assert OriginalAction.EDIT not in plan.actions  # a note in one language only: not offered

    unfilled = desk.corrections.prepare(original, "correction", fields=BOTH)
    assert unfilled.translation is not None and unfilled.translation.missing == ("correction",)
    assert any("in the English" in str(p) for p in unfilled.problems)
    with pytest.raises(InvalidInputError, match="in the English"):
        desk.corrections.publish(unfilled, cast.author)


def test_a_pair_correction_preapproved_in_both_languages_goes_out_at_once_as_a_pair(
        desk: SafeDesk, cast: Cast, notices: list[UrgentNotice]) -> None:
    original = official_pair(desk, cast)
    plan = preapproved_in_both(desk, cast, original)
    report = desk.corrections.publish(plan, cast.author)
    assert report.incident.route is Route.PREAPPROVED and notices == []
    content = report.correction.content
    assert content.language == "cy" and content.reply_to == original
    assert content.translation is not None and content.translation.language == "en"
    assert content.text == plan.text
    assert plan.translation is not None and content.translation.text == plan.translation.text
    approval = report.correction.approval
    assert approval is not None and approval.approver_id == cast.approver.id
    used = next(e for e in desk.store.audit_events()
                if e.subject == report.correction.id
                and e.action == "draft.approve_by_preapproval")
    assert used.details["language"] == "cy"
    assert used.details["translation"]["language"] == "en-GB"  # type: ignore[index]
    opened = next(e for e in desk.store.audit_events() if e.action == "incident.open")
    assert opened.details["translation"]["fields"]["correction"] == ENGLISH["correction"]  # type: ignore[index]


@pytest.mark.parametrize("preapproved", [("cy",), ("en-GB",), ()])
def test_a_pair_correction_waits_as_urgent_unless_both_languages_are_preapproved(
        desk: SafeDesk, cast: Cast, notices: list[UrgentNotice],
        preapproved: tuple[str, ...]) -> None:
    original = official_pair(desk, cast)
    for language in preapproved:
        preapprove(desk, cast.approver, "sam-passphrase", language)
    plan = desk.corrections.prepare(original, "correction", fields=BOTH, second_fields=ENGLISH)
    report = desk.corrections.publish(plan, cast.author)
    assert report.status == "waiting for approval" and report.urgent
    assert "both the Welsh and the English" in report.incident.queue_reason
    assert [n.draft_id for n in notices] == [report.correction.id]
    assert desk.queue.pending()[0].urgent


def test_each_language_preapproved_by_a_different_approver_is_not_enough(
        desk: SafeDesk, cast: Cast) -> None:
    original = official_pair(desk, cast)
    preapprove(desk, cast.approver, "sam-passphrase", "cy")
    preapprove(desk, cast.second_approver, "kim-passphrase", "en-GB")
    plan = desk.corrections.prepare(original, "correction", fields=BOTH, second_fields=ENGLISH)
    report = desk.corrections.publish(plan, cast.author)
    assert report.incident.route is Route.QUEUED


@pytest.mark.parametrize(("english", "reason"), [
    ("Bins are on Thursday. Sorry!", "English was changed from the template"),
    ("Our account was hacked.", "The English is the author's own words"),
])
def test_english_changed_or_own_words_goes_to_the_queue(
        desk: SafeDesk, cast: Cast, english: str, reason: str) -> None:
    original = official_pair(desk, cast)
    plan = preapproved_in_both(desk, cast, original)
    edited = desk.corrections.revise(plan, second_text=english)
    assert edited.translation is not None and edited.translation.template is not None
    assert not edited.uses_template_only
    report = desk.corrections.publish(edited, cast.author)
    assert report.incident.route is Route.QUEUED
    if "hacked" in english:  # a claim in the English is flagged like one in the Welsh
        assert report.incident.flags == ("hacked",)
        assert "says “hacked”" in report.incident.queue_reason
    else:
        assert reason in report.incident.queue_reason
    assert report.correction.content.translation is not None
    assert report.correction.content.translation.text == english


def test_a_welsh_preapproval_alone_cannot_approve_a_pair(desk: SafeDesk, cast: Cast) -> None:
    """The rule itself, not only the route: the English must be covered too."""
    original = official_pair(desk, cast)
    preapprove(desk, cast.approver, "sam-passphrase", "cy")
    plan = desk.corrections.prepare(original, "correction", fields=BOTH, second_fields=ENGLISH)
    report = desk.corrections.publish(plan, cast.author)  # waits: no English pre-approval
    welsh = desk.templates.get("correction", "cy")
    preapproval = desk.templates.preapprovals_of(welsh)[0]
    desk.drafts.withdraw(report.correction.id, cast.author)
    desk.drafts.submit(report.correction.id, cast.author)
    with pytest.raises(NotAllowedError, match="both its Welsh and its English"):
        desk.drafts.approve_by_preapproval(report.correction.id, preapproval, welsh,
                                           dict(plan.fields), cast.author)


def test_a_personal_pair_is_corrected_at_once_in_both_languages(
        desk: SafeDesk, cast: Cast, platforms: dict[str, FakePlatform]) -> None:
    original = publish_pair(desk, cast.author, Pane.PERSONAL, (cast.jo.id,))
    plan = desk.corrections.prepare(original, "apology",
                                    second_text="I am sorry: my post was wrong.")
    assert plan.translation is not None and plan.translation.template is None
    assert plan.text.startswith("Mae'n ddrwg gen i")
    report = desk.corrections.publish(plan, cast.author)
    assert report.complete and report.incident.route is Route.DIRECT
    translation = report.correction.content.translation
    assert translation is not None and translation.text == "I am sorry: my post was wrong."
    assert platforms[cast.jo.id].requests[-1].reply_to is not None
    with pytest.raises(InvalidInputError, match="not edited to add a note"):
        desk.corrections.publish(desk.corrections.prepare(original, "apology"), cast.author,
                                 OriginalAction.EDIT)


def test_the_incident_export_shows_a_pair_and_its_correction_each_as_one_item(
        desk: SafeDesk, cast: Cast) -> None:
    original = official_pair(desk, cast)
    plan = preapproved_in_both(desk, cast, original)
    report = desk.corrections.publish(plan, cast.author)
    for reply in desk.store.list_publications(draft_id=report.correction.id):
        as_two_posts(desk, reply)
    links = [part.url for draft in (original, report.correction.id)
             for p in desk.store.list_publications(draft_id=draft) for part in p.parts_out]
    assert len(links) == 8  # two accounts, two languages, the original and its correction

    document = json.loads(desk.incidents.export(report.incident.id, "json"))
    for part, welsh, english in ((document["original"], WELSH_TEXT, ENGLISH_TEXT),
                                 (document["correction"], plan.text,
                                  plan.translation.text if plan.translation else "")):
        assert (part["language"], part["text"]) == ("cy", welsh)
        assert part["translation"] == {"language": "en", "text": english}
        for publication in part["publications"]:
            assert [p["language"] for p in publication["parts"]] == ["cy", "en"]
            assert publication["parts"][1]["url"] == publication["url"] + "-en"

    markdown = desk.incidents.export(report.incident.id, "md")
    assert markdown.count("Bilingual (cy + en): one post in two languages.") == 2
    assert f"Welsh (cy):\n\n> {WELSH_TEXT}\n\nEnglish (en):\n\n> {ENGLISH_TEXT}" in markdown
    assert "> Correction to our post of 21 November 2026: Bins are on Thursday." in markdown
    assert all(link in markdown for link in links)


def test_the_export_of_a_correction_in_one_language_keeps_its_shape(
        desk: SafeDesk, cast: Cast) -> None:
    draft = desk.drafts.create(cast.author, Pane.PERSONAL,
                               Content(text="Bins on Monday", targets=(cast.jo.id,)))
    assert desk.publisher.publish(draft.id, cast.author).complete
    report = desk.corrections.publish(desk.corrections.prepare(draft.id, "apology"), cast.author)
    document = json.loads(desk.incidents.export(report.incident.id, "json"))
    for part in (document["original"], document["correction"]):
        assert "translation" not in part and "language" not in part
        assert all("parts" not in p for p in part["publications"])
    assert "Bilingual" not in desk.incidents.export(report.incident.id, "md")
