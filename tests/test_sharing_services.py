"""Sharing other people's posts through the services (issue 17), on scripted platforms: the rules
of shares, the second person, and the look before a share goes out. The adapters' own part is
tested against the real servers."""

from __future__ import annotations

from datetime import timedelta

import pytest

from safedesk.app import SafeDesk
from safedesk.core.digest import content_digest
from safedesk.core.errors import (
    InvalidInputError,
    NotAllowedError,
    NotFoundError,
    PlatformError,
    SelfApprovalError,
)
from safedesk.core.models import (
    Account,
    Content,
    Draft,
    DraftState,
    Pane,
    Platform,
    PublicationState,
    Share,
    SharedPost,
    ShareKind,
)
from tests.conftest import Cast
from tests.fake_platform import FakePlatform
from tests.share_support import SharingPlatform, edited, fire_post

Platforms = dict[str, FakePlatform]


def server(platforms: Platforms, account: Account,
           post: SharedPost | None = None) -> SharingPlatform:
    """``account``'s scripted server, showing ``post`` by its URI and its link."""
    fake = platforms.get(account.id)
    if not isinstance(fake, SharingPlatform):
        fake = platforms[account.id] = SharingPlatform(account)
    if post is not None:
        fake.show(post, post.uri, post.url)
    return fake


def read(desk: SafeDesk, platforms: Platforms, account: Account, person_id: str,
         post: SharedPost | None = None) -> SharedPost:
    post = post or fire_post(account.platform)
    server(platforms, account, post)
    return desk.sharing.read(post.url, account.id, desk.store.get_person(person_id))


def approved_boost(desk: SafeDesk, cast: Cast, platforms: Platforms) -> tuple[Draft, SharedPost]:
    post = read(desk, platforms, cast.council, cast.author.id)
    draft = desk.sharing.share(post, ShareKind.BOOST, [cast.council.id], cast.author,
                               Pane.OFFICIAL).draft
    assert draft.state is DraftState.SUBMITTED
    return desk.drafts.approve(draft.id, cast.approver, content_digest(draft.content)), post


def test_read_sets_the_reading_account_and_refuses_someone_elses(
        desk: SafeDesk, cast: Cast, platforms: Platforms) -> None:
    post = read(desk, platforms, cast.jo, cast.author.id)
    assert post.via_account == cast.jo.id
    with pytest.raises(NotAllowedError, match="someone else's personal account"):
        desk.sharing.read(post.url, cast.jo.id, cast.approver)
    with pytest.raises(NotFoundError, match="found no post"):
        desk.sharing.read("https://service.example/@fire/404", cast.jo.id, cast.author)


def test_a_personal_boost_goes_out_once_carrying_the_share(
        desk: SafeDesk, cast: Cast, platforms: Platforms) -> None:
    post = read(desk, platforms, cast.jo, cast.author.id)
    result = desk.sharing.share(post, ShareKind.BOOST, [cast.jo.id], cast.author, Pane.PERSONAL)
    assert result.report is not None and result.report.complete
    assert result.draft.state is DraftState.PUBLISHED
    sent = platforms[cast.jo.id].requests
    assert len(sent) == 1 and sent[0].share is not None and sent[0].text == ""
    assert sent[0].share.post.uri == post.uri and sent[0].share.kind is ShareKind.BOOST
    assert desk.sharing.first_from(post, Pane.OFFICIAL)
    assert not desk.sharing.first_from(post, Pane.PERSONAL)


def test_an_official_quote_waits_for_a_second_person(
        desk: SafeDesk, cast: Cast, platforms: Platforms) -> None:
    # Sam may approve, but not a share Sam made: Kim approves it.
    post = read(desk, platforms, cast.council, cast.approver.id)
    server(platforms, cast.council_sky)
    assert desk.sharing.first_from(post, Pane.OFFICIAL)
    result = desk.sharing.share(post, ShareKind.QUOTE, [cast.council.id, cast.council_sky.id],
                                cast.approver, Pane.OFFICIAL, quote="Please take care tonight.")
    draft = result.draft
    assert result.report is None and draft.state is DraftState.SUBMITTED
    assert draft.content.language == "en"
    assert not platforms[cast.council.id].requests
    digest = content_digest(draft.content)
    with pytest.raises(SelfApprovalError):
        desk.drafts.approve(draft.id, cast.approver, digest)
    desk.drafts.approve(draft.id, cast.second_approver, digest)
    report = desk.publisher.publish(draft.id, cast.second_approver)
    assert report.complete
    for account in (cast.council, cast.council_sky):
        [request] = platforms[account.id].requests
        assert request.text == "Please take care tonight." and request.share is not None
    assert not desk.sharing.first_from(post, Pane.OFFICIAL)


def test_an_edit_of_the_shared_post_after_approval_voids_the_approval(
        desk: SafeDesk, cast: Cast, platforms: Platforms) -> None:
    draft, post = approved_boost(desk, cast, platforms)
    council = server(platforms, cast.council, edited(post, "Vote for the Blue Party!"))
    with pytest.raises(NotAllowedError, match="edited after approval"):
        desk.publisher.publish(draft.id, cast.approver)
    back = desk.drafts.get(draft.id)
    assert back.state is DraftState.CHANGES_REQUESTED and back.approval is None
    assert "edited after approval" in back.decision_note
    assert not council.requests and not desk.store.list_publications(draft_id=draft.id)
    [event] = [e for e in desk.store.audit_events_about(draft.id)
               if e.action == "draft.shared_post_changed"]
    assert event.actor == cast.approver.id and event.details["to"] == "changes_requested"
    assert event.details["voided_digest"] == content_digest(draft.content)


def test_a_deleted_shared_post_voids_the_approval(
        desk: SafeDesk, cast: Cast, platforms: Platforms) -> None:
    draft, _post = approved_boost(desk, cast, platforms)
    council = server(platforms, cast.council, None)
    council.shown.clear()
    with pytest.raises(NotAllowedError, match="deleted after approval"):
        desk.publisher.publish(draft.id, cast.approver)
    assert desk.drafts.get(draft.id).state is DraftState.CHANGES_REQUESTED
    assert not council.requests


def test_a_failed_look_sends_nothing_and_keeps_the_approval(
        desk: SafeDesk, cast: Cast, platforms: Platforms) -> None:
    draft, _post = approved_boost(desk, cast, platforms)
    council = server(platforms, cast.council)
    council.unreachable = True
    with pytest.raises(PlatformError, match="could not check"):
        desk.publisher.publish(draft.id, cast.approver)
    kept = desk.drafts.get(draft.id)
    assert kept.state is DraftState.APPROVED and kept.approval is not None
    assert not council.requests


def test_a_personal_share_of_an_edited_post_is_refused(
        desk: SafeDesk, cast: Cast, platforms: Platforms) -> None:
    post = read(desk, platforms, cast.jo, cast.author.id)
    jo = server(platforms, cast.jo, edited(post, "Something else now"))
    with pytest.raises(NotAllowedError, match="edited since you read it"):
        desk.sharing.share(post, ShareKind.BOOST, [cast.jo.id], cast.author, Pane.PERSONAL)
    assert not jo.requests


def test_a_retry_of_a_share_partly_out_does_not_look_again(
        desk: SafeDesk, cast: Cast, platforms: Platforms) -> None:
    post = read(desk, platforms, cast.council, cast.author.id)
    sky = server(platforms, cast.council_sky)

    def refuse(_request: object) -> None:
        raise PlatformError("Bluesky is down")

    sky.before_publish = refuse
    draft = desk.sharing.share(post, ShareKind.QUOTE, [cast.council.id, cast.council_sky.id],
                               cast.author, Pane.OFFICIAL, quote="Take care.").draft
    desk.drafts.approve(draft.id, cast.approver, content_digest(draft.content))
    first = desk.publisher.publish(draft.id, cast.approver)
    assert first.draft.state is DraftState.FAILED
    council = server(platforms, cast.council, edited(post, "Changed after it went out"))
    reads = len(council.reads)
    sky.before_publish = None
    again = desk.publisher.publish(draft.id, cast.approver)
    assert again.complete and len(council.reads) == reads
    states = {p.state for p in desk.store.list_publications(draft_id=draft.id)}
    assert states == {PublicationState.PUBLISHED}


def test_a_boost_goes_only_to_the_posts_own_platform(
        desk: SafeDesk, cast: Cast, platforms: Platforms) -> None:
    post = read(desk, platforms, cast.council, cast.author.id)
    with pytest.raises(InvalidInputError, match=r"@council\.example\.gov\.uk is on Bluesky"):
        desk.sharing.share(post, ShareKind.BOOST, [cast.council.id, cast.council_sky.id],
                           cast.author, Pane.OFFICIAL)
    assert not desk.drafts.list(Pane.OFFICIAL)


def test_a_share_from_the_other_panes_account_is_refused(
        desk: SafeDesk, cast: Cast, platforms: Platforms) -> None:
    post = read(desk, platforms, cast.council, cast.author.id)
    with pytest.raises(NotAllowedError, match="official account"):
        desk.sharing.share(post, ShareKind.BOOST, [cast.council.id], cast.author, Pane.PERSONAL)


def test_a_quote_needs_words_and_a_boost_takes_none(
        desk: SafeDesk, cast: Cast, platforms: Platforms) -> None:
    post = read(desk, platforms, cast.jo, cast.author.id)
    with pytest.raises(InvalidInputError, match="needs your own words"):
        desk.sharing.share(post, ShareKind.QUOTE, [cast.jo.id], cast.author, Pane.PERSONAL,
                           quote="  ")
    with pytest.raises(InvalidInputError, match="nothing added"):
        desk.sharing.share(post, ShareKind.BOOST, [cast.jo.id], cast.author, Pane.PERSONAL,
                           quote="My words")
    assert not platforms[cast.jo.id].requests


def test_a_quote_must_fit_with_the_shared_posts_link(
        desk: SafeDesk, cast: Cast, platforms: Platforms) -> None:
    post = read(desk, platforms, cast.jo, cast.author.id)
    # 480 characters fit Mastodon's 500 alone, but not with a blank line and a link (23).
    with pytest.raises(InvalidInputError, match="link is counted"):
        desk.sharing.share(post, ShareKind.QUOTE, [cast.jo.id], cast.author, Pane.PERSONAL,
                           quote="a" * 480)
    result = desk.sharing.share(post, ShareKind.QUOTE, [cast.jo.id], cast.author,
                                Pane.PERSONAL, quote="a" * 475)
    assert result.report is not None and result.report.complete


def test_a_bluesky_post_is_read_through_bluesky(
        desk: SafeDesk, cast: Cast, platforms: Platforms) -> None:
    post = read(desk, platforms, cast.council_sky, cast.author.id, fire_post(Platform.BLUESKY))
    assert post.platform is Platform.BLUESKY and post.via_account == cast.council_sky.id


def test_a_share_is_not_scheduled(desk: SafeDesk, cast: Cast, platforms: Platforms) -> None:
    post = read(desk, platforms, cast.jo, cast.author.id)
    later = desk.clock.now() + timedelta(hours=2)
    with pytest.raises(InvalidInputError, match="cannot schedule one"):
        desk.drafts.create(cast.author, Pane.PERSONAL, Content(
            "", (cast.jo.id,), schedule_at=later, share=Share(ShareKind.BOOST, post)))
