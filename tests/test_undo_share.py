"""Undo share with scripted platforms: the corrections flow's delete action on a share's
publications, with the correction or apology optional; personal at once, official recorded as an
incident; asked twice, or already gone, is harmless; a failure on one account is retried."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, datetime

import pytest

from safedesk.app import SafeDesk
from safedesk.core.corrections import ActionState, Route
from safedesk.core.digest import content_digest
from safedesk.core.errors import InvalidInputError, NotAllowedError, ServerFailureError
from safedesk.core.models import (
    Account,
    Content,
    DraftState,
    Pane,
    Platform,
    PublicationState,
    Share,
    SharedPost,
    ShareKind,
)
from safedesk.core.platform import RemoteRef
from safedesk.core.workflow import PendingEvent
from tests.conftest import Cast
from tests.fake_platform import FakePlatform
from tests.share_support import SharingPlatform, fire_post

FLOOD = SharedPost(platform=Platform.MASTODON, uri="https://fire.example/users/fire/statuses/7",
                   url="https://fire.example/@fire/7", content_hash="sha256:abc",
                   author="@fire@fire.example", author_id="https://fire.example/users/fire",
                   text="Flood warning for the river valley.", via_account="",
                   remote_id="7", author_name="Fire Service",
                   created_at=datetime(2026, 11, 20, 9, 0, tzinfo=UTC))


class ReadingPlatform(FakePlatform):
    """A scripted account whose server still shows the fire service's post as it was read (a
    share is looked at again before it goes out)."""

    def read_shared(self, address: str) -> SharedPost | None:
        return FLOOD if address in {FLOOD.uri, FLOOD.url, FLOOD.remote_id} else None


def quote(platforms: dict[str, FakePlatform], via: Account) -> Share:
    """A quote of the fire service's post as ``via``'s server read it."""
    platforms[via.id] = ReadingPlatform(via)
    return Share(ShareKind.QUOTE, replace(FLOOD, via_account=via.id))


def official_quote(desk: SafeDesk, cast: Cast, platforms: dict[str, FakePlatform]) -> str:
    draft = desk.drafts.create(cast.author, Pane.OFFICIAL, Content(
        text="Please read this.", targets=(cast.council.id, cast.council_sky.id),
        share=quote(platforms, cast.council)))
    desk.drafts.submit(draft.id, cast.author)
    decision = desk.queue.approve(draft.id, cast.approver, "sam-passphrase",
                                  content_digest(desk.drafts.get(draft.id).content))
    assert decision.report is not None and decision.report.complete
    return draft.id


def personal_quote(desk: SafeDesk, cast: Cast, platforms: dict[str, FakePlatform]) -> str:
    draft = desk.drafts.create(cast.author, Pane.PERSONAL, Content(
        text="Worth a read.", targets=(cast.jo.id,), share=quote(platforms, cast.jo)))
    assert desk.publisher.publish(draft.id, cast.author).complete
    return draft.id


def states(desk: SafeDesk, draft_id: str) -> dict[str, PublicationState]:
    return {p.account_id: p.state for p in desk.store.list_publications(draft_id=draft_id)}


def test_personal_undo_happens_at_once_with_no_words(desk: SafeDesk, cast: Cast,
                                                     platforms: dict[str, FakePlatform]) -> None:
    share_id = personal_quote(desk, cast, platforms)
    publication = desk.store.list_publications(draft_id=share_id)[0]
    report = desk.corrections.undo_share(publication.id, cast.author)
    assert report.complete and report.incident.route is Route.DIRECT
    assert not report.incident.has_correction
    assert [t.action_state for t in report.targets] == [ActionState.DONE]
    assert report.targets[0].detail == "Share undone."
    assert states(desk, share_id) == {cast.jo.id: PublicationState.DELETED}
    assert platforms[cast.jo.id].deleted == [
        RemoteRef(publication.remote_id, publication.remote_uri, publication.remote_cid)]
    assert not platforms[cast.jo.id].posts  # nothing of the account's own is left


def test_someone_else_cannot_undo_a_personal_share(desk: SafeDesk, cast: Cast,
                                                   platforms: dict[str, FakePlatform]) -> None:
    share_id = personal_quote(desk, cast, platforms)
    with pytest.raises(NotAllowedError):
        desk.corrections.undo_share(share_id, cast.approver)
    assert not platforms[cast.jo.id].deleted


def test_official_undo_is_an_incident_even_without_words(desk: SafeDesk, cast: Cast,
                                                         platforms: dict[str, FakePlatform],
                                                         ) -> None:
    share_id = official_quote(desk, cast, platforms)
    report = desk.corrections.undo_share(share_id, cast.author, note="Wrong partner")
    assert report.complete
    assert report.incident.pane is Pane.OFFICIAL and report.incident.note == "Wrong partner"
    assert set(states(desk, share_id).values()) == {PublicationState.DELETED}
    assert all(platforms[a].deleted for a in (cast.council.id, cast.council_sky.id))
    opened = [e for e in desk.store.audit_events() if e.action == "incident.open"]
    assert opened[-1].details["kind"] == "undo_share"
    assert opened[-1].details["share"] == {"kind": "quote", "url": FLOOD.url,
                                           "author": FLOOD.author}
    undone = [e for e in desk.store.audit_events() if e.action == "original.delete"]
    assert len(undone) == 2
    exported = json.loads(desk.incidents.export(report.incident.id, "json"))
    assert exported["undo_share"] == {"kind": "quote", "url": FLOOD.url,
                                      "author": FLOOD.author, "author_name": "Fire Service",
                                      "text": FLOOD.text, "words_posted": False}
    assert exported["correction"] is None
    markdown = desk.incidents.export(report.incident.id, "md")
    assert f"Undo of a quote of {FLOOD.author}'s post: {FLOOD.url}" in markdown
    assert "No correction or apology was posted" in markdown


def test_undo_twice_is_harmless(desk: SafeDesk, cast: Cast,
                                platforms: dict[str, FakePlatform]) -> None:
    share_id = official_quote(desk, cast, platforms)
    first = desk.corrections.undo_share(share_id, cast.author)
    again = desk.corrections.undo_share(share_id, cast.author)
    assert again.incident.id == first.incident.id and again.complete
    plan = desk.corrections.prepare_undo_share(share_id, "apology", cast.author)
    assert not plan.sending and "already undone" in plan.targets[0].notes[0]
    late = desk.corrections.undo_share(share_id, cast.author, plan=plan)
    assert late.incident.id == first.incident.id  # nothing posted for a share already gone
    assert len(desk.store.list_incidents(Pane.OFFICIAL)) == 1
    assert all(len(platforms[a].deleted) == 1 for a in (cast.council.id, cast.council_sky.id))


def test_a_share_already_gone_is_skipped_with_a_note(desk: SafeDesk, cast: Cast,
                                                     platforms: dict[str, FakePlatform]) -> None:
    share_id = personal_quote(desk, cast, platforms)
    publication = desk.store.list_publications(draft_id=share_id)[0]
    # Found gone on the platform (as a correction's lookup records it), then undone.
    desk.store.update_publication(replace(publication, state=PublicationState.DELETED),
                                  PendingEvent(cast.author.id, "publication.gone",
                                               publication.id, {}))
    report = desk.corrections.undo_share(share_id, cast.author)
    assert report.complete
    assert report.targets[0].action_state is ActionState.SKIPPED
    assert "already undone" in report.targets[0].detail


def test_a_failure_on_one_account_leaves_the_other_done_and_retries(
        desk: SafeDesk, cast: Cast, platforms: dict[str, FakePlatform]) -> None:
    share_id = official_quote(desk, cast, platforms)

    def down(ref: RemoteRef) -> None:
        raise ServerFailureError("Bluesky is down")

    platforms[cast.council_sky.id].before_delete = down
    report = desk.corrections.undo_share(share_id, cast.author)
    assert report.can_retry
    by_account = {t.account.id: t for t in report.targets}
    assert by_account[cast.council.id].action_state is ActionState.DONE
    assert by_account[cast.council_sky.id].action_state is ActionState.FAILED
    assert states(desk, share_id)[cast.council_sky.id] is PublicationState.PUBLISHED
    platforms[cast.council_sky.id].before_delete = None
    retried = desk.corrections.retry(report.incident.id, cast.author)
    assert retried.complete
    assert set(states(desk, share_id).values()) == {PublicationState.DELETED}
    assert len(platforms[cast.council.id].deleted) == 1  # the done one is not done again


def test_official_apology_waits_for_an_approver_and_the_undo_follows_it(
        desk: SafeDesk, cast: Cast, platforms: dict[str, FakePlatform]) -> None:
    share_id = official_quote(desk, cast, platforms)
    plan = desk.corrections.prepare_undo_share(share_id, "apology", cast.author,
                                               text="We shared that by mistake.")
    report = desk.corrections.undo_share(share_id, cast.author, plan=plan)
    assert report.incident.route is Route.QUEUED and report.status == "waiting for approval"
    assert set(states(desk, share_id).values()) == {PublicationState.PUBLISHED}
    apology = desk.drafts.get(report.incident.correction_draft_id)
    assert apology.content.reply_to == share_id  # a quote is a post: the apology threads
    assert desk.corrections.undo_share(share_id, cast.author, plan=plan).incident.id \
        == report.incident.id  # a double click posts once
    desk.queue.approve(apology.id, cast.approver, "sam-passphrase",
                       content_digest(apology.content))
    done = desk.corrections.report(report.incident.id)
    assert done.complete
    assert {t.detail for t in done.targets} == {("Share undone after the correction was "
                                                "published.")}
    assert set(states(desk, share_id).values()) == {PublicationState.DELETED}
    assert desk.drafts.get(apology.id).state is DraftState.PUBLISHED


def test_undo_with_no_words_takes_an_official_share_down_before_the_apology_is_approved(
        desk: SafeDesk, cast: Cast, platforms: dict[str, FakePlatform]) -> None:
    share_id = official_quote(desk, cast, platforms)
    plan = desk.corrections.prepare_undo_share(share_id, "apology", cast.author,
                                               text="We shared that by mistake.")
    waiting = desk.corrections.undo_share(share_id, cast.author, plan=plan)
    now = desk.corrections.undo_share(share_id, cast.author)
    assert now.incident.id != waiting.incident.id and now.complete
    assert set(states(desk, share_id).values()) == {PublicationState.DELETED}


def test_only_a_share_is_undone(desk: SafeDesk, cast: Cast) -> None:
    draft = desk.drafts.create(cast.author, Pane.PERSONAL,
                               Content(text="My own post", targets=(cast.jo.id,)))
    desk.publisher.publish(draft.id, cast.author)
    with pytest.raises(InvalidInputError, match="not a share"):
        desk.corrections.undo_share(draft.id, cast.author)



def personal_boost(desk: SafeDesk, cast: Cast, platforms: dict[str, FakePlatform]) -> str:
    """Jo's boost of the fire service's post, read and shared through the sharing service."""
    fake = platforms[cast.jo.id] = SharingPlatform(cast.jo)
    post = fire_post(Platform.MASTODON)
    fake.show(post, post.uri, post.url)
    shared = desk.sharing.read(post.url, cast.jo.id, cast.author)
    result = desk.sharing.share(shared, ShareKind.BOOST, [cast.jo.id], cast.author,
                                Pane.PERSONAL)
    assert result.report is not None and result.report.complete
    return result.draft.id


def test_a_boosts_apology_is_a_new_post_and_the_boost_is_undone(
        desk: SafeDesk, cast: Cast, platforms: dict[str, FakePlatform]) -> None:
    boost_id = personal_boost(desk, cast, platforms)
    boost = desk.store.list_publications(draft_id=boost_id)[0]
    plan = desk.corrections.prepare_undo_share(boost.id, "apology", cast.author,
                                               text="I boosted that by mistake.")
    report = desk.corrections.undo_share(boost.id, cast.author, plan=plan)
    assert report.complete and report.incident.has_correction
    apology = desk.drafts.get(report.incident.correction_draft_id)
    assert apology.content.reply_to is None  # nothing of Jo's own to reply under
    assert apology.state is DraftState.PUBLISHED
    assert states(desk, boost_id) == {cast.jo.id: PublicationState.DELETED}
    assert platforms[cast.jo.id].deleted == [
        RemoteRef(boost.remote_id, boost.remote_uri, boost.remote_cid)]


def test_a_boost_is_not_corrected_by_a_reply(desk: SafeDesk, cast: Cast,
                                             platforms: dict[str, FakePlatform]) -> None:
    boost_id = personal_boost(desk, cast, platforms)
    plan = desk.corrections.prepare(boost_id, "apology", text="Sorry.", check_originals=False)
    with pytest.raises(InvalidInputError, match="A boost has nothing of yours to reply under"):
        desk.corrections.publish(plan, cast.author)
    assert not platforms[cast.jo.id].deleted
    assert states(desk, boost_id) == {cast.jo.id: PublicationState.PUBLISHED}
