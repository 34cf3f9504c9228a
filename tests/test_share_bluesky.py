"""Sharing someone else's Bluesky post, against the real reference PDS (no AppView, so posts are
read from the repositories themselves): reading it by link or at:// URI, reposting it exactly
once, undoing the repost, and quoting it (or a fediverse post by its link)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
from PIL import Image

from safedesk.core.errors import CheckFailedError, InvalidInputError, RejectedError
from safedesk.core.models import Platform, Share, SharedPost, ShareKind
from safedesk.core.platform import EarlierAttempt, ImageUpload, PostRequest, RemoteRef, make_tid
from tests.bluesky_support import (
    Desk,
    Rule,
    get_record,
    list_records,
    main_session,
    open_desk,
    xrpc_error,
)
from tests.servers.fake_credentials import credential_store
from tests.servers.pds_harness import PdsServer

REPOST = "app.bsky.feed.repost"


@pytest.fixture
def desk(pds: PdsServer, request: pytest.FixtureRequest) -> Desk:
    """The organisation's account, which shares."""
    return open_desk(pds, "sh" + str(abs(hash(request.node.name)) % 10**6), credential_store())


@pytest.fixture
def fire(pds: PdsServer, request: pytest.FixtureRequest) -> Desk:
    """The fire service's account, whose posts are shared."""
    return open_desk(pds, "fi" + str(abs(hash(request.node.name)) % 10**6), credential_store())


def publish_warning(fire: Desk, tmp_path: Path) -> tuple[str, str]:
    """A post with a picture and its alt text; (its at:// URI, its bsky.app link by handle)."""
    picture = tmp_path / "map.png"
    Image.new("RGB", (40, 30), (10, 90, 200)).save(picture, format="PNG")
    made = fire.client.publish(PostRequest(
        text="Flood warning for the valley tonight.", idempotency_key=make_tid(),
        images=(ImageUpload(picture, "Map of the flood area"),)))
    rkey = made.ref.uri.rsplit("/", 1)[1]
    return made.ref.uri, f"https://bsky.app/profile/{fire.account.handle}/post/{rkey}"


def write_as(pds: PdsServer, fire: Desk, nsid: str, body: dict[str, Any]) -> dict[str, Any]:
    """A write with the author's own main session, for what SafeDesk never does (self-labels,
    rewriting a post in place)."""
    token = main_session(pds, fire.owner)["accessJwt"]
    response = httpx.post(f"{pds.url}/xrpc/{nsid}", json=body, timeout=20,
                          headers={"Authorization": f"Bearer {token}"})
    response.raise_for_status()
    answer: dict[str, Any] = response.json()
    return answer


def share(post: SharedPost, kind: ShareKind, text: str = "", *, key: str = "",
          earlier: EarlierAttempt | None = None) -> PostRequest:
    return PostRequest(text=text, idempotency_key=key or make_tid(), share=Share(kind, post),
                       earlier_attempt=earlier)


def read(desk: Desk, address: str) -> SharedPost:
    post = desk.client.read_shared(address)
    assert post is not None
    return post


# --- reading ------------------------------------------------------------------------------------


def test_a_post_is_read_by_its_link_with_pictures_and_alt_text(desk: Desk, fire: Desk,
                                                              tmp_path: Path) -> None:
    uri, link = publish_warning(fire, tmp_path)
    stored = get_record(fire.pds, uri)
    post = read(desk, link)
    assert (post.platform, post.uri, post.remote_id, post.url) == (
        Platform.BLUESKY, uri, uri, link)
    assert (post.author, post.author_id) == (f"@{fire.account.handle}", fire.account.remote_id)
    assert post.text == "Flood warning for the valley tonight."
    assert post.cid == post.content_hash == stored["cid"]
    assert post.created_at is not None and post.via_account == ""
    [picture] = post.media
    assert picture.alt_text == "Map of the flood area"
    blob = stored["value"]["embed"]["images"][0]["image"]["ref"]["$link"]
    assert blob in picture.url and httpx.get(picture.url, timeout=20).status_code == 200


def test_at_uris_by_did_or_handle_name_the_same_post(desk: Desk, fire: Desk,
                                                    tmp_path: Path) -> None:
    uri, link = publish_warning(fire, tmp_path)
    by_link = read(desk, link)
    by_did = read(desk, uri)
    by_handle = read(desk, uri.replace(fire.account.remote_id, fire.account.handle))
    assert by_did.uri == by_handle.uri == by_link.uri == uri
    assert by_did.content_hash == by_link.content_hash
    assert by_handle.author == f"@{fire.account.handle}"
    # Without an AppView the PDS cannot tell a DID's handle: the author shows as the DID.
    assert by_did.author == f"@{fire.account.remote_id}"


def test_the_posts_and_the_authors_labels_are_read(pds: PdsServer, desk: Desk,
                                                   fire: Desk) -> None:
    did = fire.account.remote_id
    write_as(pds, fire, "com.atproto.repo.putRecord", {
        "repo": did, "collection": "app.bsky.actor.profile", "rkey": "self",
        "record": {"$type": "app.bsky.actor.profile", "displayName": "Fire Service",
                   "labels": {"$type": "com.atproto.label.defs#selfLabels",
                              "values": [{"val": "!no-unauthenticated"}]}}})
    made = write_as(pds, fire, "com.atproto.repo.createRecord", {
        "repo": did, "collection": "app.bsky.feed.post",
        "record": {"$type": "app.bsky.feed.post", "text": "Pictures of the fire",
                   "createdAt": "2026-12-02T10:00:00.000Z",
                   "labels": {"$type": "com.atproto.label.defs#selfLabels",
                              "values": [{"val": "graphic-media"}]}}})
    post = read(desk, made["uri"])
    assert post.labels == ("graphic-media", "!no-unauthenticated")
    assert post.author_name == "Fire Service"


def test_a_post_rewritten_after_reading_has_another_content_hash(pds: PdsServer, desk: Desk,
                                                                  fire: Desk,
                                                                  tmp_path: Path) -> None:
    uri, link = publish_warning(fire, tmp_path)
    before = read(desk, link)
    value = get_record(fire.pds, uri)["value"]
    write_as(pds, fire, "com.atproto.repo.putRecord", {
        "repo": fire.account.remote_id, "collection": "app.bsky.feed.post",
        "rkey": uri.rsplit("/", 1)[1], "record": {**value, "text": "All clear now."}})
    after = read(desk, link)
    assert after.content_hash != before.content_hash and after.text == "All clear now."


def test_a_deleted_post_or_an_unknown_author_reads_as_none(desk: Desk, fire: Desk,
                                                           tmp_path: Path) -> None:
    uri, link = publish_warning(fire, tmp_path)
    fire.client.delete(RemoteRef(uri, uri=uri))
    assert desk.client.read_shared(link) is None
    assert desk.client.read_shared(uri) is None
    assert desk.client.read_shared("https://bsky.app/profile/nobody-here.test/post/3kaaaaaaaaaa2") \
        is None


@pytest.mark.parametrize(("address", "words"), [
    ("not a link", "not a link to a Bluesky post"),
    ("https://bsky.app/profile/fire.bsky.social", "link to a Bluesky profile"),
    ("https://mastodon.social/@fire/1234", "read through a Mastodon account"),
    ("at://did:plc:abc/app.bsky.feed.like/3kabc", "it is a app.bsky.feed.like record"),
    ("at://did:plc:abc", "not a link to a Bluesky post"),
])
def test_bad_links_are_refused_in_words(desk: Desk, address: str, words: str) -> None:
    with pytest.raises(InvalidInputError, match=words):
        desk.client.read_shared(address)


# --- reposting ----------------------------------------------------------------------------------


def test_a_repost_is_a_record_with_a_strong_ref_and_undo_deletes_it(desk: Desk, fire: Desk,
                                                                    tmp_path: Path) -> None:
    uri, link = publish_warning(fire, tmp_path)
    post = read(desk, link)
    request = share(post, ShareKind.BOOST)
    made = desk.client.publish(request)
    [record] = list_records(desk.pds, desk.account.remote_id, REPOST)
    assert record["uri"] == made.ref.uri == made.ref.remote_id
    assert record["cid"] == made.ref.cid
    assert made.ref.uri == f"at://{desk.account.remote_id}/{REPOST}/{request.idempotency_key}"
    assert record["value"]["subject"] == {"uri": uri, "cid": post.cid}
    assert made.url == link and made.text == ""
    desk.client.delete(made.ref)
    assert list_records(desk.pds, desk.account.remote_id, REPOST) == []
    desk.client.delete(made.ref)  # undoing twice is no error
    assert desk.posts() == []  # no post was made or touched


def test_the_same_repost_twice_is_one_record_and_the_second_writes_nothing(
        desk: Desk, fire: Desk, tmp_path: Path) -> None:
    _, link = publish_warning(fire, tmp_path)
    post = read(desk, link)
    request = share(post, ShareKind.BOOST)
    first = desk.client.publish(request)
    writes = desk.traffic.count("com.atproto.repo.putRecord")
    now = datetime.now(UTC)
    earlier = EarlierAttempt(first_at=now - timedelta(minutes=5), last_at=now)
    again = desk.reopen().publish(share(post, ShareKind.BOOST, key=request.idempotency_key,
                                        earlier=earlier))
    assert again.ref == first.ref
    assert desk.traffic.count("com.atproto.repo.putRecord") == writes  # it looked first
    assert len(list_records(desk.pds, desk.account.remote_id, REPOST)) == 1


def test_a_fediverse_post_cannot_be_reposted(desk: Desk) -> None:
    post = SharedPost(Platform.MASTODON, "https://fire.example/users/f/statuses/1",
                      "https://fire.example/@f/1", "abc", "@f@fire.example",
                      "https://fire.example/users/f", "Flood", "", "1")
    with pytest.raises(RejectedError, match="cannot be reposted"):
        desk.client.publish(share(post, ShareKind.BOOST))
    assert list_records(desk.pds, desk.account.remote_id, REPOST) == []


# --- quoting ------------------------------------------------------------------------------------


def test_a_bluesky_post_is_quoted_with_a_record_embed(desk: Desk, fire: Desk,
                                                      tmp_path: Path) -> None:
    uri, link = publish_warning(fire, tmp_path)
    post = read(desk, link)
    assert desk.client.quotes_natively(post)
    made = desk.client.publish(share(post, ShareKind.QUOTE, "Please share this."))
    stored = get_record(desk.pds, made.ref.uri)["value"]
    assert stored["text"] == "Please share this."
    assert stored["embed"] == {"$type": "app.bsky.embed.record",
                               "record": {"uri": uri, "cid": post.cid}}


def test_a_fediverse_post_is_quoted_by_its_link(desk: Desk) -> None:
    url = "https://fire.example/@service/113456789"
    post = SharedPost(Platform.MASTODON, "https://fire.example/users/service/statuses/113456789",
                      url, "abc", "@service@fire.example", "https://fire.example/users/service",
                      "Flood", "", "1")
    assert not desk.client.quotes_natively(post)
    made = desk.client.publish(share(post, ShareKind.QUOTE, "From the fire service:"))
    stored = get_record(desk.pds, made.ref.uri)["value"]
    assert stored["text"] == f"From the fire service:\n\n{url}"
    [facet] = stored["facets"]
    assert facet["features"][0]["uri"] == url
    assert "embed" not in stored


def test_a_repost_whose_answer_was_lost_is_looked_up_not_sent_twice(desk: Desk, fire: Desk,
                                                                    tmp_path: Path) -> None:
    _, link = publish_warning(fire, tmp_path)
    post = read(desk, link)
    desk.traffic.rules.append(Rule("com.atproto.repo.putRecord",
                                   after=httpx.ReadTimeout("simulated: the answer was lost")))
    made = desk.client.publish(share(post, ShareKind.BOOST))
    assert desk.traffic.count("com.atproto.repo.putRecord") == 1
    [record] = list_records(desk.pds, desk.account.remote_id, REPOST)
    assert (record["uri"], record["cid"]) == (made.ref.uri, made.ref.cid)


def test_when_the_look_fails_after_an_earlier_attempt_nothing_is_reposted(
        desk: Desk, fire: Desk, tmp_path: Path) -> None:
    _, link = publish_warning(fire, tmp_path)
    post = read(desk, link)
    desk.traffic.rules.append(Rule("com.atproto.repo.getRecord",
                                   respond=xrpc_error(500, "InternalServerError")))
    now = datetime.now(UTC)
    with pytest.raises(CheckFailedError, match="could not check"):
        desk.client.publish(share(post, ShareKind.BOOST,
                                  earlier=EarlierAttempt(first_at=now, last_at=now)))
    assert desk.traffic.count("com.atproto.repo.putRecord") == 0


def test_with_an_appview_the_post_view_is_read(desk: Desk) -> None:
    """What an AppView answers (app.bsky.feed.getPosts, its documented shape): the handle, the
    pictures' CDN addresses and the labels come from the view."""
    did, uri = "did:plc:fire123", "at://did:plc:fire123/app.bsky.feed.post/3kfire22222a2"
    view = {"uri": uri, "cid": "bafyreifire", "indexedAt": "2026-12-02T10:00:01.000Z",
            "author": {"did": did, "handle": "fire.example.org", "displayName": "Fire",
                       "labels": [{"src": did, "uri": f"at://{did}/app.bsky.actor.profile/self",
                                   "val": "!no-unauthenticated", "cts": "2026-12-01T00:00:00Z"}]},
            "record": {"$type": "app.bsky.feed.post", "text": "Flood warning",
                       "createdAt": "2026-12-02T10:00:00.000Z"},
            "embed": {"$type": "app.bsky.embed.images#view", "images": [
                {"thumb": "https://cdn.example/thumb.jpg", "fullsize": "https://cdn.example/full.jpg",
                 "alt": "Map"}]},
            "labels": [{"src": "did:plc:mod", "uri": uri, "val": "graphic-media",
                        "cts": "2026-12-02T10:05:00Z"},
                       {"src": "did:plc:mod", "uri": uri, "val": "spam", "neg": True,
                        "cts": "2026-12-02T10:06:00Z"}]}
    desk.traffic.rules.append(Rule("com.atproto.identity.resolveHandle",
                                   respond=httpx.Response(200, json={"did": did})))
    desk.traffic.rules.append(Rule("app.bsky.feed.getPosts",
                                   respond=httpx.Response(200, json={"posts": [view]})))
    post = read(desk, "https://bsky.app/profile/fire.example.org/post/3kfire22222a2")
    assert (post.uri, post.cid, post.content_hash) == (uri, "bafyreifire", "bafyreifire")
    assert (post.author, post.author_id, post.author_name) == ("@fire.example.org", did, "Fire")
    assert [(m.url, m.alt_text) for m in post.media] == [("https://cdn.example/full.jpg", "Map")]
    assert post.labels == ("graphic-media", "!no-unauthenticated")
    assert post.quotes_allowed
    # The author's post gate, as the AppView says it to the account asking.
    desk.traffic.rules.append(Rule("app.bsky.feed.getPosts", respond=httpx.Response(
        200, json={"posts": [{**view, "viewer": {"embeddingDisabled": True}}]})))
    assert not read(desk, uri).quotes_allowed
    desk.traffic.rules.append(Rule("app.bsky.feed.getPosts",
                                   respond=httpx.Response(200, json={"posts": []})))
    assert desk.client.read_shared(uri) is None  # the AppView knows no such post (any more)
