"""Sharing someone else's post from a Mastodon account, through the real Mastodon.py against the
Mastodon test server run as Mastodon 4.5: reading a post by any fediverse link, boosting it
exactly once, undoing the boost, and quoting it natively or by link."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from safedesk.core.errors import InvalidInputError, RejectedError
from safedesk.core.models import Platform, Share, SharedPost, ShareKind
from safedesk.core.platform import (
    EarlierAttempt,
    ImageUpload,
    PostRequest,
    RemoteRef,
    Visibility,
)
from safedesk.core.ports import CredentialStore
from safedesk.platforms.mastodon_client import MastodonClient
from tests.servers.fake_credentials import credential_store
from tests.servers.mastodon_server import MastodonTestServer
from tests.test_mastodon_adapter import connect, png

FIRE_URL = "https://fire.example/@service/113456789012345678"
FIRE_URI = "https://fire.example/users/service/statuses/113456789012345678"
WARNING = "Flood warning for the river valley tonight. Move valuables upstairs."


@pytest.fixture
def server() -> Iterator[MastodonTestServer]:
    with MastodonTestServer(version="4.5.2", api_version=7) as running:
        yield running
        assert running.crashes == []


@pytest.fixture
def credentials() -> CredentialStore:
    return credential_store()


@pytest.fixture
def client(server: MastodonTestServer, credentials: CredentialStore) -> MastodonClient:
    return connect(server, credentials)[0]


def seed_fire_post(server: MastodonTestServer, **options: object) -> str:
    return server.add_remote_status(FIRE_URL, "service@fire.example", WARNING, uri=FIRE_URI,
                                    media=[("https://fire.example/m/map.png", "Map of the valley")],
                                    **options)  # type: ignore[arg-type]


def read_fire_post(server: MastodonTestServer, client: MastodonClient,
                   **options: object) -> tuple[str, SharedPost]:
    """The fire service's post seeded, and read through the account's server: (its id, it)."""
    local_id = seed_fire_post(server, **options)
    post = client.read_shared(FIRE_URL)
    assert post is not None
    return local_id, post


def share_request(post: SharedPost, kind: ShareKind, text: str = "", *,
                  key: str = "", earlier: EarlierAttempt | None = None) -> PostRequest:
    return PostRequest(text=text, idempotency_key=key or str(uuid.uuid4()),
                       share=Share(kind, post), earlier_attempt=earlier)


def an_earlier_attempt() -> EarlierAttempt:
    now = datetime.now(UTC)
    return EarlierAttempt(first_at=now - timedelta(minutes=10), last_at=now - timedelta(minutes=10))


# --- reading ------------------------------------------------------------------------------------


@pytest.mark.parametrize("address", [FIRE_URL, FIRE_URI])
def test_another_servers_post_is_read_through_the_accounts_own_server(
        server: MastodonTestServer, client: MastodonClient, address: str) -> None:
    local_id = seed_fire_post(server)
    post = client.read_shared(address)
    assert post is not None
    assert (post.platform, post.uri, post.url, post.remote_id) == (
        Platform.MASTODON, FIRE_URI, FIRE_URL, local_id)
    assert (post.author, post.author_id, post.author_name) == (
        "@service@fire.example", "https://fire.example/users/service", "Service")
    assert post.text == WARNING
    # As Mastodon shows another server's picture: through its own media proxy.
    assert [(m.url, m.alt_text) for m in post.media] == [
        (f"{server.url}/media_proxy/{local_id}0/original", "Map of the valley")]
    assert post.via_account == "" and post.edited_at is None and post.created_at is not None
    searches = [r for r in server.requests if r.path == "/api/v2/search"]
    assert searches  # resolve=true: the server finds other servers' posts only then


@pytest.mark.parametrize("shape", [
    "https://takahe.example/@fire/posts/123456/",
    "https://akkoma.example/notice/AbC123",
    "https://misskey.example/notes/9k2m3x",
    "https://gts.example/@fire/statuses/01HXYZ",
])
def test_other_servers_url_shapes_resolve_too(server: MastodonTestServer, client: MastodonClient,
                                              shape: str) -> None:
    host = shape.split("/")[2]
    local_id = server.add_remote_status(shape, f"fire@{host}", "Road closed by the bridge.")
    post = client.read_shared(shape)
    assert post is not None and post.remote_id == local_id
    assert post.author == f"@fire@{host}" and post.text == "Road closed by the bridge."


def test_a_local_post_gets_the_servers_name_in_its_author(server: MastodonTestServer,
                                                        client: MastodonClient,
                                                        credentials: CredentialStore) -> None:
    bob, _ = connect(server, credentials, "bob")
    own = bob.publish(PostRequest(text="Library open late", idempotency_key="k1"))
    post = client.read_shared(own.url)
    assert post is not None
    assert post.author == f"@bob@{server.url.split('://')[1]}"


def test_an_edit_after_reading_changes_the_content_hash(server: MastodonTestServer,
                                                        client: MastodonClient) -> None:
    local_id = seed_fire_post(server)
    first = client.read_shared(FIRE_URL)
    same = client.read_shared(FIRE_URI)
    server.edit_remote_status(local_id, WARNING + " Updated 21:00.")
    edited = client.read_shared(FIRE_URL)
    assert first is not None and same is not None and edited is not None
    assert first.content_hash == same.content_hash
    assert edited.content_hash != first.content_hash
    assert edited.edited_at is not None and edited.text.endswith("Updated 21:00.")


def test_a_deleted_or_unknown_post_reads_as_none(server: MastodonTestServer,
                                                 client: MastodonClient) -> None:
    local_id = seed_fire_post(server)
    server.delete_remote_status(local_id)
    assert client.read_shared(FIRE_URL) is None
    assert client.read_shared("https://nowhere.example/@nobody/1") is None


@pytest.mark.parametrize(("address", "words"), [
    ("not a link", "not a link to a post"),
    ("ftp://fire.example/@service/1", "not a link to a post"),
    ("https://fire.example/@service", "link to a person or a server"),
    ("https://fire.example/", "link to a person or a server"),
    ("https://bsky.app/profile/fire.bsky.social/post/3kabc", "Bluesky post"),
])
def test_bad_links_are_refused_in_words(client: MastodonClient, address: str, words: str) -> None:
    with pytest.raises(InvalidInputError, match=words):
        client.read_shared(address)


# --- boosting -----------------------------------------------------------------------------------


def test_a_boost_reblogs_once_and_undo_unreblogs(server: MastodonTestServer,
                                                 client: MastodonClient) -> None:
    local_id, post = read_fire_post(server, client)
    boost = client.publish(share_request(post, ShareKind.BOOST))
    [reblog] = server.reblogs_of(local_id)
    assert boost.ref.remote_id == reblog["id"] and boost.ref.uri == reblog["uri"]
    assert boost.url == FIRE_URL and boost.text == ""
    assert boost.extra["reblog_of"] == local_id
    assert client.read_shared(FIRE_URL) is not None
    client.delete(boost.ref)
    assert server.reblogs_of(local_id) == []
    client.delete(boost.ref)  # undoing twice is no error
    assert [r.path for r in server.requests if r.method == "DELETE"] == []


def test_the_same_boost_twice_is_one_reblog(server: MastodonTestServer,
                                            client: MastodonClient) -> None:
    local_id, post = read_fire_post(server, client)
    same = share_request(post, ShareKind.BOOST)
    first = client.publish(same)
    again = client.publish(same)
    assert again.ref == first.ref
    assert len(server.reblogs_of(local_id)) == 1


def test_after_an_earlier_attempt_it_looks_before_reblogging(
        server: MastodonTestServer, client: MastodonClient, credentials: CredentialStore) -> None:
    server.set_reblogs_repeat()  # a server that would make a second reblog if asked again
    local_id, post = read_fire_post(server, client)
    first = client.publish(share_request(post, ShareKind.BOOST))
    again, _ = connect(server, credentials)  # a fresh process after a crash
    found = again.publish(share_request(post, ShareKind.BOOST, earlier=an_earlier_attempt()))
    assert found.ref == first.ref
    assert len(server.reblogs_of(local_id)) == 1
    reblog_calls = [r for r in server.requests if r.path.endswith("/reblog")]
    assert len(reblog_calls) == 1


def test_a_reblog_whose_answer_was_lost_is_found_not_sent_again(
        server: MastodonTestServer, client: MastodonClient) -> None:
    server.set_reblogs_repeat()  # a second reblog call would make a second reblog here
    local_id, post = read_fire_post(server, client)
    server.drop_next("POST", f"/api/v1/statuses/{local_id}/reblog", commit=True)
    boost = client.publish(share_request(post, ShareKind.BOOST))
    [reblog] = server.reblogs_of(local_id)
    assert boost.ref.remote_id == reblog["id"]
    assert len([r for r in server.requests if r.path.endswith("/reblog")]) == 1


def test_a_reblog_refused_by_the_server_says_so(server: MastodonTestServer,
                                                client: MastodonClient) -> None:
    _, post = read_fire_post(server, client)
    for code, words in ((403, "This action is not allowed"), (422, "Validation failed")):
        server.fail_next("POST", "/api/v1/statuses/", code, body={"error": words})
        with pytest.raises(RejectedError, match="does not let"):
            client.publish(share_request(post, ShareKind.BOOST))


def test_a_direct_post_cannot_be_boosted(server: MastodonTestServer,
                                         client: MastodonClient) -> None:
    direct = client.publish(PostRequest(text="Only for @bob", idempotency_key="k3",
                                        visibility=Visibility.DIRECT))
    post = client.read_shared(direct.url)
    assert post is not None
    with pytest.raises(RejectedError, match="does not let"):  # the server's 403
        client.publish(share_request(post, ShareKind.BOOST))
    assert server.reblogs_of(direct.ref.remote_id) == []


def test_undo_after_the_original_was_deleted_is_no_error(server: MastodonTestServer,
                                                         client: MastodonClient) -> None:
    local_id, post = read_fire_post(server, client)
    boost = client.publish(share_request(post, ShareKind.BOOST))
    server.delete_remote_status(local_id)
    client.delete(boost.ref)
    assert server.reblogs_of(local_id) == []


def test_a_deleted_post_cannot_be_boosted(server: MastodonTestServer,
                                          client: MastodonClient) -> None:
    local_id, post = read_fire_post(server, client)
    server.delete_remote_status(local_id)
    with pytest.raises(RejectedError, match="cannot be found"):
        client.publish(share_request(post, ShareKind.BOOST))
    assert not any(r.path.endswith("/reblog") for r in server.requests)


def test_a_bluesky_post_cannot_be_boosted_from_mastodon(client: MastodonClient) -> None:
    post = SharedPost(Platform.BLUESKY, "at://did:plc:x/app.bsky.feed.post/3k", "https://bsky.app/x",
                      "bafy", "@x.bsky.social", "did:plc:x", "hi", "", "at://did:plc:x/...")
    with pytest.raises(RejectedError, match="cannot be boosted"):
        client.publish(share_request(post, ShareKind.BOOST))


def test_deleting_an_ordinary_post_still_deletes_it(server: MastodonTestServer,
                                                    client: MastodonClient) -> None:
    own = client.publish(PostRequest(text="Mine", idempotency_key="k2"))
    client.delete(RemoteRef(own.ref.remote_id))
    assert server.statuses_for("alice") == []


# --- quoting ------------------------------------------------------------------------------------


def test_a_quote_is_native_on_a_server_with_quote_posts(server: MastodonTestServer,
                                                        client: MastodonClient) -> None:
    local_id, post = read_fire_post(server, client)
    assert client.quotes_natively(post)
    quote = client.publish(share_request(post, ShareKind.QUOTE, "Please read and share."))
    [stored] = server.statuses_for("alice")
    assert stored["id"] == quote.ref.remote_id
    assert stored["text"] == "Please read and share."
    assert stored["quote"]["quoted_status"]["id"] == local_id


def test_a_quote_is_a_link_where_the_server_has_no_quote_posts(
        credentials: CredentialStore) -> None:
    with MastodonTestServer(version="4.4.3", api_version=6) as older:
        older.add_remote_status(FIRE_URL, "service@fire.example", WARNING, uri=FIRE_URI)
        client, _ = connect(older, credentials)
        post = client.read_shared(FIRE_URL)
        assert post is not None
        assert not client.quotes_natively(post)
        client.publish(share_request(post, ShareKind.QUOTE, "Please read."))
        [stored] = older.statuses_for("alice")
        assert stored["text"] == f"Please read.\n\n{FIRE_URL}"
        assert stored.get("quote") is None
        assert older.crashes == []


def test_a_post_that_may_not_be_quoted_is_quoted_by_link(server: MastodonTestServer,
                                                         client: MastodonClient) -> None:
    _, post = read_fire_post(server, client, quote_policy="nobody")
    assert not client.quotes_natively(post)
    client.publish(share_request(post, ShareKind.QUOTE, "Read this."))
    [stored] = server.statuses_for("alice")
    assert stored["text"] == f"Read this.\n\n{FIRE_URL}" and stored.get("quote") is None


def test_a_bluesky_post_is_quoted_on_mastodon_by_its_link(server: MastodonTestServer,
                                                          client: MastodonClient) -> None:
    url = "https://bsky.app/profile/fire.bsky.social/post/3kabc"
    post = SharedPost(Platform.BLUESKY, "at://did:plc:x/app.bsky.feed.post/3kabc", url, "bafy",
                      "@fire.bsky.social", "did:plc:x", "hi", "", "at://did:plc:x/...")
    assert not client.quotes_natively(post)
    client.publish(share_request(post, ShareKind.QUOTE, "From Bluesky:"))
    [stored] = server.statuses_for("alice")
    assert stored["text"] == f"From Bluesky:\n\n{url}"


def test_a_quote_with_a_picture_is_quoted_by_link(server: MastodonTestServer,
                                                  client: MastodonClient, tmp_path: Path) -> None:
    _, post = read_fire_post(server, client)
    request = share_request(post, ShareKind.QUOTE, "Our map too.")
    client.publish(replace(request, images=(ImageUpload(png(tmp_path / "m.png"), "Our map"),)))
    [stored] = server.statuses_for("alice")
    assert stored["text"] == f"Our map too.\n\n{FIRE_URL}" and stored.get("quote") is None
    assert [m["description"] for m in stored["media_attachments"]] == ["Our map"]


# --- a server without reblog statuses (Takahē) ---------------------------------------------------


@pytest.fixture
def takahe_like(server: MastodonTestServer) -> MastodonTestServer:
    """Takahē's way: the reblog endpoint answers with the boosted status itself, the account's
    statuses do not list its boosts, and another's status is 401 to edit or delete."""
    server.set_quirks(reblog_answers_original=True, others_status_code=401, url_style="takahe")
    return server


def test_a_boost_without_a_reblog_status_is_undone_by_unreblogging(
        takahe_like: MastodonTestServer, client: MastodonClient) -> None:
    local_id, post = read_fire_post(takahe_like, client)
    boost = client.publish(share_request(post, ShareKind.BOOST))
    assert boost.ref == RemoteRef(f"boost-of:{local_id}")  # never the boosted status's own id
    assert (boost.url, boost.extra["reblog_of"]) == (FIRE_URL, local_id)
    assert len(takahe_like.reblogs_of(local_id)) == 1
    assert client.fetch(boost.ref) is not None  # there, as the boosted status says
    client.delete(boost.ref)
    assert takahe_like.reblogs_of(local_id) == []
    assert client.fetch(boost.ref) is None  # undone
    assert client.read_shared(FIRE_URL) is not None  # the post itself is untouched
    client.delete(boost.ref)  # undoing twice is no error
    assert [r.path for r in takahe_like.requests if r.method == "DELETE"] == []


def test_undoing_a_boost_of_the_accounts_own_post_never_deletes_the_post(
        takahe_like: MastodonTestServer, client: MastodonClient) -> None:
    own = client.publish(PostRequest(text="Our own news", idempotency_key="own"))
    post = client.read_shared(own.url)
    assert post is not None
    boost = client.publish(share_request(post, ShareKind.BOOST))
    client.delete(boost.ref)
    assert takahe_like.reblogs_of(own.ref.remote_id) == []
    assert [s["text"] for s in takahe_like.statuses_for("alice")] == ["Our own news"]


def test_a_boost_after_an_earlier_attempt_or_a_lost_answer_is_one_reblog(
        takahe_like: MastodonTestServer, client: MastodonClient,
        credentials: CredentialStore) -> None:
    local_id, post = read_fire_post(takahe_like, client)
    takahe_like.drop_next("POST", f"/api/v1/statuses/{local_id}/reblog", commit=True)
    first = client.publish(share_request(post, ShareKind.BOOST))  # the answer was lost
    again, _ = connect(takahe_like, credentials)  # a fresh process after a crash
    found = again.publish(share_request(post, ShareKind.BOOST, earlier=an_earlier_attempt()))
    assert first.ref == found.ref == RemoteRef(f"boost-of:{local_id}")
    assert len(takahe_like.reblogs_of(local_id)) == 1


def test_a_boost_recorded_by_the_boosted_status_is_unreblogged_not_deleted(
        takahe_like: MastodonTestServer, client: MastodonClient) -> None:
    """As an older SafeDesk recorded a boost on Takahē: by the id its answer gave, the boosted
    status's own. Undoing it unreblogs; it does not try to delete another's post."""
    local_id, post = read_fire_post(takahe_like, client)
    client.publish(share_request(post, ShareKind.BOOST))
    client.delete(RemoteRef(local_id))
    assert takahe_like.reblogs_of(local_id) == []
    assert client.read_shared(FIRE_URL) is not None
    assert [r.path for r in takahe_like.requests if r.method == "DELETE"] == []
