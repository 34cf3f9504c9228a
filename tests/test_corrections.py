"""The correction service with scripted platforms: threading under each original, the action on
the original only after the reply is out, pre-approved templates, the urgent queue, a claim of a
hack, an original already gone, a failure and its retry, templates and the incident export."""

from __future__ import annotations

import json
import sqlite3

import pytest

from safedesk.app import SafeDesk
from safedesk.core.corrections import ActionState, OriginalAction, Route
from safedesk.core.digest import content_digest
from safedesk.core.errors import (
    InvalidInputError,
    NotAllowedError,
    PlatformError,
    SelfApprovalError,
    ServerFailureError,
    WrongPaneError,
)
from safedesk.core.models import (
    Account,
    Content,
    DraftState,
    Pane,
    Person,
    Platform,
    PublicationState,
)
from safedesk.core.platform import PostRequest
from safedesk.services.corrections import UrgentNotice
from tests.conftest import Cast
from tests.fake_platform import FakePlatform


@pytest.fixture
def jo_sky(desk: SafeDesk, cast: Cast) -> Account:
    return desk.accounts.register(Pane.PERSONAL, Platform.BLUESKY, "https://bsky.social",
                                  "jo.bsky.social", "Jo", owner=cast.author)


@pytest.fixture
def notices(desk: SafeDesk) -> list[UrgentNotice]:
    heard: list[UrgentNotice] = []
    desk.corrections.on_urgent(heard.append)
    return heard


def personal_post(desk: SafeDesk, cast: Cast, jo_sky: Account, text: str = "Bins on Monday") -> str:
    draft = desk.drafts.create(cast.author, Pane.PERSONAL,
                               Content(text=text, targets=(cast.jo.id, jo_sky.id)))
    assert desk.publisher.publish(draft.id, cast.author).complete
    return draft.id


def official_post(desk: SafeDesk, cast: Cast, text: str = "Bins on Monday") -> str:
    draft = desk.drafts.create(cast.author, Pane.OFFICIAL,
                               Content(text=text, targets=(cast.council.id, cast.council_sky.id)))
    desk.drafts.submit(draft.id, cast.author)
    decision = desk.queue.approve(draft.id, cast.approver, "sam-passphrase",
                                  content_digest(desk.drafts.get(draft.id).content))
    assert decision.report is not None and decision.report.complete
    return draft.id


def preapprove(desk: SafeDesk, approver: Person, passphrase: str, name: str = "correction",
               language: str = "en-GB") -> None:
    version = desk.templates.get(name, language).version
    desk.templates.preapprove(name, language, approver, passphrase, version)


def publication_of(desk: SafeDesk, draft_id: str, account_id: str):  # type: ignore[no-untyped-def]
    return next(p for p in desk.store.list_publications(draft_id=draft_id)
                if p.account_id == account_id)


@pytest.mark.parametrize(("kind", "personal", "official"), [
    ("apology", "I am sorry. My post of", "We are sorry. Our post of"),
    ("correction", "Correction to my post of", "Correction to our post of"),
    ("retraction", "I have withdrawn my post of", "We have withdrawn our post of"),
])
def test_each_pane_corrects_in_its_own_voice(desk: SafeDesk, cast: Cast, jo_sky: Account,
                                             kind: str, personal: str, official: str) -> None:
    for language in ("en-GB", "cy"):  # the Welsh one is there for each pane too
        assert desk.templates.get(f"{kind}-personal", language).shipped
    fields = {"correction": "Bins are on Tuesday."} if kind == "correction" else None
    mine = desk.corrections.prepare(personal_post(desk, cast, jo_sky), kind, fields=fields)
    assert mine.text.startswith(personal)
    council = desk.corrections.prepare(official_post(desk, cast), kind, fields=fields)
    assert council.text.startswith(official)


def test_a_personal_apology_threads_under_each_original_and_keeps_them(
        desk: SafeDesk, cast: Cast, jo_sky: Account, platforms: dict[str, FakePlatform]) -> None:
    original = personal_post(desk, cast, jo_sky)
    first = publication_of(desk, original, cast.jo.id)
    plan = desk.corrections.prepare(first.id, "apology")
    assert {t.account.id for t in plan.targets} == {cast.jo.id, jo_sky.id}
    assert all(t.sending and t.check.length.ok for t in plan.targets)
    assert plan.default_action is OriginalAction.KEEP
    # A person's own account speaks as "I", never as the organisation.
    assert plan.text.startswith("I am sorry. My post of 21 November 2026 was wrong")
    assert plan.template is not None and plan.template.name == "apology-personal"
    assert plan.text.endswith("Jo") and plan.missing == () and plan.flags == ()
    assert OriginalAction.EDIT in plan.actions

    report = desk.corrections.publish(plan, cast.author)
    assert report.complete and report.incident.route is Route.DIRECT
    for account_id in (cast.jo.id, jo_sky.id):
        reply = platforms[account_id].requests[-1]
        assert reply.reply_to is not None
        assert reply.reply_to.remote_id == publication_of(desk, original, account_id).remote_id
        assert publication_of(desk, original, account_id).state is PublicationState.CORRECTED
        assert len(platforms[account_id].posts) == 2  # the original is still there
    assert report.correction.content.reply_to == original
    assert {t.action_state for t in report.targets} == {ActionState.DONE}
    # The same plan again (a double click) posts nothing more.
    twice = desk.corrections.publish(plan, cast.author)
    assert twice.incident.id == report.incident.id == plan.id
    assert all(len(platforms[a].posts) == 2 for a in (cast.jo.id, jo_sky.id))
    assert len(desk.store.list_incidents()) == 1
    with pytest.raises(InvalidInputError, match="not both"):
        desk.corrections.prepare(original, "correction", text="Mine",
                                 fields={"correction": "x"})


def test_a_retraction_deletes_each_original_only_after_its_reply_and_retry_finishes(
        desk: SafeDesk, cast: Cast, jo_sky: Account, platforms: dict[str, FakePlatform]) -> None:
    original = personal_post(desk, cast, jo_sky)
    sky = platforms[jo_sky.id]

    def replies_fail(request: PostRequest) -> None:
        if request.reply_to is not None:
            raise ServerFailureError("bsky.social failed (503). Try again later.")

    sky.before_publish = replies_fail
    plan = desk.corrections.prepare(original, "retraction")
    assert plan.default_action is OriginalAction.DELETE
    report = desk.corrections.publish(plan, cast.author)
    assert report.status == "partial" and report.can_retry
    by_account = {t.account.id: t for t in report.targets}
    assert by_account[cast.jo.id].action_state is ActionState.DONE
    assert publication_of(desk, original, cast.jo.id).state is PublicationState.DELETED
    # Bluesky's reply failed, so its original must still be up.
    assert by_account[jo_sky.id].action_state is ActionState.PENDING
    assert sky.deleted == []
    assert publication_of(desk, original, jo_sky.id).state is PublicationState.PUBLISHED

    sky.before_publish = None
    again = desk.corrections.retry(report.incident.id, cast.author)
    assert again.complete
    assert publication_of(desk, original, jo_sky.id).state is PublicationState.DELETED
    assert [p.text for p in sky.posts.values()] == [plan.text]  # one reply, original gone
    assert len(platforms[cast.jo.id].posts) == 1
    # Retrying once more changes nothing and sends nothing.
    requests = len(sky.requests) + len(platforms[cast.jo.id].requests)
    assert desk.corrections.retry(report.incident.id, cast.author).complete
    assert len(sky.requests) + len(platforms[cast.jo.id].requests) == requests


def test_a_failed_delete_is_reported_and_retried(
        desk: SafeDesk, cast: Cast, jo_sky: Account, platforms: dict[str, FakePlatform]) -> None:
    original = personal_post(desk, cast, jo_sky)
    masto = platforms[cast.jo.id]

    def refuse(_ref: object) -> None:
        raise ServerFailureError("mastodon.social failed (502). Try again later.")

    masto.before_delete = refuse
    report = desk.corrections.publish(desk.corrections.prepare(original, "retraction"),
                                      cast.author)
    failed = next(t for t in report.targets if t.account.id == cast.jo.id)
    assert failed.action_state is ActionState.FAILED and "502" in failed.detail
    assert report.status == "partial"
    masto.before_delete = None
    assert desk.corrections.retry(report.incident.id, cast.author).complete
    assert publication_of(desk, original, cast.jo.id).state is PublicationState.DELETED


def test_edit_adds_the_note_on_mastodon_and_bluesky_says_it_cannot(
        desk: SafeDesk, cast: Cast, jo_sky: Account, platforms: dict[str, FakePlatform]) -> None:
    original = personal_post(desk, cast, jo_sky, "Bins on Monday")
    plan = desk.corrections.prepare(original, "correction",
                                    fields={"correction": "They are on Thursday."})
    sky_target = next(t for t in plan.targets if t.account.id == jo_sky.id)
    assert not sky_target.can_edit
    report = desk.corrections.publish(plan, cast.author, OriginalAction.EDIT, note="typo")
    assert report.complete
    [(ref, request)] = platforms[cast.jo.id].edits
    assert ref.remote_id == publication_of(desk, original, cast.jo.id).remote_id
    assert request.text == "Bins on Monday\n\n[Corrected: please see the reply below.]"
    assert platforms[jo_sky.id].edits == []
    details = {t.account.id: t for t in report.targets}
    assert details[jo_sky.id].action is OriginalAction.KEEP
    assert "cannot be edited" in details[jo_sky.id].detail
    assert report.incident.note == "typo"


def test_only_bluesky_cannot_be_edited_at_all(
        desk: SafeDesk, cast: Cast, jo_sky: Account) -> None:
    draft = desk.drafts.create(cast.author, Pane.PERSONAL,
                               Content(text="Sky only", targets=(jo_sky.id,)))
    desk.publisher.publish(draft.id, cast.author)
    plan = desk.corrections.prepare(draft.id, "apology")
    assert OriginalAction.EDIT not in plan.actions
    with pytest.raises(InvalidInputError, match="Bluesky posts cannot be edited"):
        desk.corrections.publish(plan, cast.author, "edit")


def test_a_preapproved_template_publishes_an_official_correction_at_once(
        desk: SafeDesk, cast: Cast, platforms: dict[str, FakePlatform],
        notices: list[UrgentNotice]) -> None:
    original = official_post(desk, cast)
    preapprove(desk, cast.approver, "sam-passphrase")
    plan = desk.corrections.prepare(original, "correction",
                                    fields={"correction": "Bins are on Thursday."})
    assert plan.uses_template_only
    report = desk.corrections.publish(plan, cast.author)
    assert report.complete and report.incident.route is Route.PREAPPROVED
    approval = report.correction.approval
    assert approval is not None and approval.approver_id == cast.approver.id
    version = desk.templates.get("correction", "en-GB").version
    assert approval.comment == f"pre-approved template correction.en-GB@{version[:12]}"
    assert desk.queue.pending() == [] and notices == []
    assert platforms[cast.council.id].requests[-1].reply_to is not None
    events = [e for e in desk.store.audit_events() if e.subject == report.correction.id]
    used = next(e for e in events if e.action == "draft.approve_by_preapproval")
    assert used.actor == cast.author.id and used.details["approver"] == cast.approver.id


def test_the_pre_approver_writing_the_correction_goes_to_the_queue(
        desk: SafeDesk, cast: Cast, notices: list[UrgentNotice]) -> None:
    original = official_post(desk, cast)
    preapprove(desk, cast.approver, "sam-passphrase")
    plan = desk.corrections.prepare(original, "correction", fields={"correction": "Thursday."})
    report = desk.corrections.publish(plan, cast.approver)
    assert report.status == "waiting for approval" and report.urgent
    assert "pre-approved this template yourself" in report.incident.queue_reason
    assert [n.draft_id for n in notices] == [report.correction.id]
    # A second pre-approval by someone else lets the same text through for the approver.
    preapprove(desk, cast.second_approver, "kim-passphrase")
    again = desk.corrections.publish(
        desk.corrections.prepare(original, "correction", fields={"correction": "Thursday."}),
        cast.approver)
    assert again.complete
    assert again.correction.approval is not None
    assert again.correction.approval.approver_id == cast.second_approver.id


def test_own_words_wait_as_urgent_and_approval_then_does_the_action(
        desk: SafeDesk, cast: Cast, platforms: dict[str, FakePlatform],
        notices: list[UrgentNotice]) -> None:
    waiting = desk.drafts.create(cast.author, Pane.OFFICIAL,
                                 Content(text="Routine", targets=(cast.council.id,)))
    desk.drafts.submit(waiting.id, cast.author)
    original = official_post(desk, cast)
    preapprove(desk, cast.approver, "sam-passphrase", "retraction")
    plan = desk.corrections.prepare(original, "retraction", text="We got the bin day wrong: "
                                    "please ignore the post above.")
    report = desk.corrections.publish(plan, cast.author)
    assert report.status == "waiting for approval"
    assert report.incident.route is Route.QUEUED and "own words" in report.incident.queue_reason
    assert [d.id for d in desk.queue.pending()] == [report.correction.id, waiting.id]
    assert desk.queue.pending()[0].urgent
    assert notices[0].reason == report.incident.queue_reason
    council = platforms[cast.council.id]
    assert council.deleted == []

    digest = content_digest(report.correction.content)
    desk.queue.approve(report.correction.id, cast.second_approver, "kim-passphrase", digest)
    done = desk.corrections.report(report.incident.id)
    assert done.complete
    assert publication_of(desk, original, cast.council.id).state is PublicationState.DELETED
    assert [t.acted_by for t in done.targets] == [cast.second_approver.id] * 2


def test_text_changed_from_the_template_goes_to_the_queue(desk: SafeDesk, cast: Cast) -> None:
    original = official_post(desk, cast)
    preapprove(desk, cast.approver, "sam-passphrase")
    plan = desk.corrections.prepare(original, "correction", fields={"correction": "Thursday."})
    edited = desk.corrections.revise(plan, text=plan.text + " Sorry again!")
    assert not edited.uses_template_only and edited.template is not None
    report = desk.corrections.publish(edited, cast.author)
    assert report.incident.route is Route.QUEUED
    assert "changed from the template" in report.incident.queue_reason


def test_a_claim_of_a_hack_is_flagged_for_an_approver_even_when_preapproved(
        desk: SafeDesk, cast: Cast) -> None:
    original = official_post(desk, cast)
    preapprove(desk, cast.approver, "sam-passphrase")
    plan = desk.corrections.prepare(original, "correction",
                                    fields={"correction": "We were hacked; that was not us."})
    assert plan.flags == ("hacked", "was not us")
    report = desk.corrections.publish(plan, cast.author)
    assert report.incident.route is Route.QUEUED and report.urgent
    assert report.incident.flags == ("hacked", "was not us")
    item = desk.queue.show(report.correction.id)
    assert item.flags == ("hacked", "was not us") and item.draft.urgent


def test_an_unfilled_placeholder_cannot_be_published(desk: SafeDesk, cast: Cast,
                                                     jo_sky: Account) -> None:
    original = personal_post(desk, cast, jo_sky)
    plan = desk.corrections.prepare(original, "correction")
    assert plan.missing == ("correction",)
    assert "{correction}" in plan.text
    with pytest.raises(InvalidInputError, match=r"Fill in \{correction\}"):
        desk.corrections.publish(plan, cast.author)
    with pytest.raises(InvalidInputError, match=r"no \{account\}"):
        desk.corrections.revise(plan, fields={"account": "x"})
    assert desk.store.list_incidents() == []
    filled = desk.corrections.revise(plan, fields={"correction": "Thursday."})
    assert filled.missing == () and desk.corrections.publish(filled, cast.author).complete


def test_an_original_already_deleted_on_one_platform_is_recorded_and_the_rest_corrected(
        desk: SafeDesk, cast: Cast, jo_sky: Account, platforms: dict[str, FakePlatform]) -> None:
    original = personal_post(desk, cast, jo_sky)
    platforms[jo_sky.id].posts.clear()  # deleted in the Bluesky app
    plan = desk.corrections.prepare(original, "apology")
    gone = next(t for t in plan.targets if t.account.id == jo_sky.id)
    assert not gone.sending and "already deleted" in gone.notes[0]
    assert publication_of(desk, original, jo_sky.id).state is PublicationState.DELETED
    report = desk.corrections.publish(plan, cast.author)
    assert report.complete
    assert report.correction.content.targets == (cast.jo.id,)
    skipped = next(t for t in report.targets if t.account.id == jo_sky.id)
    assert skipped.action_state is ActionState.SKIPPED and skipped.reply_state == "not posted"
    assert platforms[jo_sky.id].posts == {}
    actions = [e.action for e in desk.store.audit_events()]
    assert "publication.gone" in actions


def test_gone_everywhere_cannot_be_corrected(desk: SafeDesk, cast: Cast, jo_sky: Account,
                                             platforms: dict[str, FakePlatform]) -> None:
    original = personal_post(desk, cast, jo_sky)
    for platform in platforms.values():
        platform.posts.clear()
    plan = desk.corrections.prepare(original, "apology")
    assert str(plan.problems[0]).startswith("The original is gone from every account")
    with pytest.raises(InvalidInputError, match="gone from every account"):
        desk.corrections.publish(plan, cast.author)


def test_an_official_edit_needs_a_preapproved_note(desk: SafeDesk, cast: Cast,
                                                   platforms: dict[str, FakePlatform]) -> None:
    original = official_post(desk, cast)
    preapprove(desk, cast.approver, "sam-passphrase", "apology")
    plan = desk.corrections.prepare(original, "apology")
    with pytest.raises(NotAllowedError, match="note added to an edited original"):
        desk.corrections.publish(plan, cast.author, "edit")
    assert desk.store.list_incidents() == []
    preapprove(desk, cast.approver, "sam-passphrase", "note")
    report = desk.corrections.publish(plan, cast.author, "edit")
    assert report.complete
    [(_ref, request)] = platforms[cast.council.id].edits
    assert request.text.endswith("[Corrected: please see the reply below.]")


def test_templates_are_edited_by_admins_and_a_new_version_needs_its_own_preapproval(
        desk: SafeDesk, cast: Cast) -> None:
    shipped = desk.templates.get("correction", "cy")
    assert shipped.shipped and shipped.placeholders == ("original_date", "correction")
    with pytest.raises(NotAllowedError, match="Only an admin"):
        desk.templates.save("correction", "cy", "Cywiriad: {correction}", cast.approver)
    with pytest.raises(InvalidInputError, match="hacked or misused"):
        desk.templates.save("correction", "en-GB", "We were hacked. {correction}", cast.admin)
    with pytest.raises(InvalidInputError, match=r"\{orignal_date\} is not a placeholder"):
        desk.templates.save("correction", "en-GB", "On {orignal_date}: {correction}", cast.admin)
    preapprove(desk, cast.approver, "sam-passphrase")
    saved = desk.templates.save("correction", "en-GB", "Correction: {correction}", cast.admin)
    assert desk.templates.get("correction", "en-GB") == saved and not saved.shipped
    assert desk.templates.preapprovals_of(saved) == []
    # The admin who wrote this version cannot pre-approve it; nor can anyone sign a stale one.
    with pytest.raises(SelfApprovalError, match="last edited"):
        desk.templates.preapprove("correction", "en-GB", cast.admin, "admin-passphrase",
                                  saved.version)
    with pytest.raises(NotAllowedError, match="changed after you read it"):
        desk.templates.preapprove("correction", "en-GB", cast.approver, "sam-passphrase",
                                  shipped.version)
    # Saving the shipped text again restores the shipped version and its pre-approval.
    english = desk.templates.shipped("correction", "en-GB")
    assert english is not None
    restored = desk.templates.save("correction", "en-GB", english.text + "\n", cast.admin)
    assert restored.version == english.version
    assert len(desk.templates.preapprovals_of(restored)) == 1
    listed = {(i.template.name, i.template.language): i for i in desk.templates.available()}
    assert {("apology", "cy"), ("note", "en-GB"), ("retraction", "en-GB")} <= set(listed)
    assert listed[("correction", "en-GB")].edited


def test_links_to_other_posts_are_refused_before_any_network(
        desk: SafeDesk, cast: Cast, platforms: dict[str, FakePlatform]) -> None:
    with pytest.raises(NotAllowedError, match="not one of the personal pane's accounts"):
        desk.corrections.import_link("https://mastodon.social/@someone/123", cast.author,
                                     Pane.PERSONAL)
    with pytest.raises(WrongPaneError, match="Correct it from the Official pane"):
        desk.corrections.import_link("https://social.example.gov.uk/@council/123", cast.author,
                                     Pane.PERSONAL)
    with pytest.raises(InvalidInputError, match="not a link to a Mastodon or Bluesky post"):
        desk.corrections.import_link("https://example.org/news", cast.author)
    assert platforms == {}


def test_an_unreachable_platform_does_not_count_as_deleted(
        desk: SafeDesk, cast: Cast, jo_sky: Account, platforms: dict[str, FakePlatform],
        monkeypatch: pytest.MonkeyPatch) -> None:
    original = personal_post(desk, cast, jo_sky)

    def down(_ref: object) -> None:
        raise PlatformError("bsky.social cannot be reached.")

    monkeypatch.setattr(platforms[jo_sky.id], "fetch", down)
    plan = desk.corrections.prepare(original, "apology")
    target = next(t for t in plan.targets if t.account.id == jo_sky.id)
    assert target.sending and "Could not check" in target.notes[0]
    assert publication_of(desk, original, jo_sky.id).state is PublicationState.PUBLISHED


def test_the_incident_exports_what_an_investigation_needs(
        desk: SafeDesk, cast: Cast, platforms: dict[str, FakePlatform]) -> None:
    original = official_post(desk, cast)
    preapprove(desk, cast.approver, "sam-passphrase")
    plan = desk.corrections.prepare(original, "correction", fields={"correction": "Thursday."})
    report = desk.corrections.publish(plan, cast.author, "delete", note="Reported by a resident")
    document = json.loads(desk.incidents.export(report.incident.id, "json"))
    assert document["kind"] == "correction" and document["status"] == "complete"
    assert document["opened_by"]["name"] == "Jo Author"
    assert document["template"]["preapproved_by"]["name"] == "Sam Approver"
    assert document["template"]["text"].startswith("Correction to our post of {original_date}")
    assert document["note"] == "Reported by a resident"
    assert {a["state"] for a in document["actions"]} == {"done"}
    assert all(p["url"] for p in document["correction"]["publications"])
    hashes = {e.event_hash for e in desk.store.audit_events()}
    timeline = document["timeline"]
    assert {e["event_hash"] for e in timeline} <= hashes
    assert {"incident.open", "draft.approve_by_preapproval", "original.delete",
            "template.preapprove", "draft.approve"} <= {e["action"] for e in timeline}
    assert document["audit"]["intact"]
    markdown = desk.incidents.export(report.incident.id, "md")
    assert f"# Incident {report.incident.id}" in markdown
    assert "Pre-approved by: Sam Approver" in markdown
    assert "| when (UTC) | who | what | subject | audit event hash |" in markdown
    assert [r.incident.id for r in desk.incidents.recent(Pane.OFFICIAL)] == [report.incident.id]
    assert desk.incidents.recent(Pane.PERSONAL) == []
    with pytest.raises(InvalidInputError):
        desk.incidents.export(report.incident.id, "pdf")


def test_nothing_published_cannot_be_corrected(desk: SafeDesk, cast: Cast) -> None:
    draft = desk.drafts.create(cast.author, Pane.OFFICIAL,
                               Content(text="Not yet", targets=(cast.council.id,)))
    with pytest.raises(InvalidInputError, match="has not been published"):
        desk.corrections.prepare(draft.id, "correction")
    assert desk.drafts.get(draft.id).state is DraftState.DRAFT


def test_the_record_cannot_be_quietly_changed(desk: SafeDesk, cast: Cast,
                                              jo_sky: Account) -> None:
    original = personal_post(desk, cast, jo_sky)
    report = desk.corrections.publish(desk.corrections.prepare(original, "apology"), cast.author)
    desk.templates.save("apology", "en-GB", "We are sorry about {original_date}.", cast.admin)
    preapprove(desk, cast.approver, "sam-passphrase", "apology")
    conn = desk.store.db.conn
    for statement in ("DELETE FROM incidents", "DELETE FROM incident_targets",
                      "DELETE FROM templates", "UPDATE templates SET text = 'x'",
                      "DELETE FROM template_preapprovals"):
        with pytest.raises(sqlite3.IntegrityError, match="never"):
            conn.execute(statement)
    assert desk.corrections.report(report.incident.id).complete


def test_a_preapproval_refused_at_the_last_moment_sends_it_to_the_queue_instead(
        desk: SafeDesk, cast: Cast, notices: list[UrgentNotice],
        monkeypatch: pytest.MonkeyPatch) -> None:
    original = official_post(desk, cast)
    preapprove(desk, cast.approver, "sam-passphrase")
    plan = desk.corrections.prepare(original, "correction", fields={"correction": "Thursday."})

    def refused(*_args: object, **_kwargs: object) -> None:
        raise NotAllowedError("Sam is no longer an approver.")

    monkeypatch.setattr(desk.drafts, "approve_by_preapproval", refused)
    report = desk.corrections.publish(plan, cast.author)
    assert report.status == "waiting for approval" and report.urgent
    assert report.incident.queue_reason == "Sam is no longer an approver."
    assert report.incident.preapproval_id == ""
    assert report.correction.urgent and report.correction.state is DraftState.SUBMITTED
    assert [n.incident_id for n in notices] == [report.incident.id]


def test_a_placeholder_left_in_own_words_cannot_be_published(
        desk: SafeDesk, cast: Cast, jo_sky: Account, platforms: dict[str, FakePlatform]) -> None:
    from safedesk.core.errors import InvalidInputError

    original = personal_post(desk, cast, jo_sky)
    plan = desk.corrections.prepare(publication_of(desk, original, cast.jo.id).id, "correction",
                                    text="We got the date wrong: {correction}")
    assert plan.missing == ("correction",)
    with pytest.raises(InvalidInputError, match=r"\{correction\}"):
        desk.corrections.publish(plan, cast.author)
    assert all(len(p.posts) == 1 for p in platforms.values() if p.posts)
