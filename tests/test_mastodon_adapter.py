"""MastodonClient against the Mastodon test server, through the real Mastodon.py over HTTP.

Tokens carry exactly the scopes SafeDesk asks for at sign-in, so these tests also show that those
scopes are enough for everything the client does.
"""

from __future__ import annotations

import logging
import socket
import subprocess
import sys
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PIL import Image

from safedesk.core.counting import check_mastodon
from safedesk.core.errors import (
    ConnectionFailedError,
    OutcomeUnknownError,
    RateLimitedError,
    RejectedError,
    ServerFailureError,
    SignedOutError,
    UnsupportedError,
)
from safedesk.core.models import Account, Pane, Platform, ServerLimits
from safedesk.core.platform import ImageUpload, PostRequest, RemoteRef, Visibility
from safedesk.core.ports import CredentialStore
from safedesk.core.target_check import check_for
from safedesk.platforms import open_client
from safedesk.platforms.mastodon_client import ACCESS_TOKEN, MastodonClient
from safedesk.platforms.mastodon_common import SCOPES
from safedesk.platforms.mastodon_lookup import comparable
from safedesk.platforms.mastodon_signin import save_sign_in, sign_in_with_token
from tests.servers.fake_credentials import credential_store
from tests.servers.mastodon_server import MastodonTestServer

FAMILY = "\U0001f468\u200d\U0001f469\u200d\U0001f467\u200d\U0001f466"  # one grapheme (ZWJ)
HEBREW = "\u05e9\u05b8\u05c1\u05dc\u05d5\u05b9\u05dd"  # shalom with points: 4 graphemes
ARABIC = "\u0645\u064e\u0631\u0652\u062d\u064e\u0628\u064b\u0627"  # marhaban with harakat: 5


@pytest.fixture
def server() -> Iterator[MastodonTestServer]:
    with MastodonTestServer() as running:
        yield running
        assert running.crashes == []


@pytest.fixture
def credentials() -> CredentialStore:
    return credential_store()


def make_account(server_url: str, handle: str = "alice", remote_id: str = "",
                 limits: ServerLimits | None = None) -> Account:
    return Account(id=f"acc-{uuid.uuid4()}", pane=Pane.PERSONAL, platform=Platform.MASTODON,
                   server=server_url, handle=handle, display_name=handle.title(),
                   created_at=datetime.now(UTC), remote_id=remote_id,
                   limits=limits or ServerLimits())


def connect(server: MastodonTestServer, credentials: CredentialStore, username: str = "alice",
            *, timeout: float = 5.0, know_id: bool = True,
            media_timeout: float = 10.0) -> tuple[MastodonClient, str]:
    """Sign in with a token that has SafeDesk's scopes, as the account service will."""
    token = server.create_user(username, scopes=" ".join(SCOPES))
    identity = sign_in_with_token(server.url, token, timeout=timeout)
    account = make_account(identity.server, identity.handle,
                           identity.remote_id if know_id else "", identity.limits)
    save_sign_in(credentials, account.id, identity)
    return MastodonClient(account, credentials, timeout=timeout, media_timeout=media_timeout,
                          poll_interval=0.02), token


def request(text: str, **options: object) -> PostRequest:
    return PostRequest(text=text, idempotency_key=str(uuid.uuid4()), **options)  # type: ignore[arg-type]


def png(path: Path, colour: str = "red") -> Path:
    Image.new("RGB", (16, 9), colour).save(path, format="PNG")
    return path


def posts_to(server: MastodonTestServer, prefix: str = "/api/v1/statuses") -> int:
    return sum(1 for r in server.requests if r.method == "POST" and r.path == prefix)


# --- posting ----------------------------------------------------------------------------------


def test_post_with_link_mention_emoji_warning_language_and_visibility(
    server: MastodonTestServer, credentials: CredentialStore
) -> None:
    client, _ = connect(server, credentials)
    server.create_user("bob")
    text = ("Hi @bob and @carol@elsewhere.example \U0001f389 read "
            "https://example.org/a/very/long/path/that/mastodon/shortens?x=1 #news")
    post = client.publish(request(text, content_warning="politics", language="de",
                                  visibility=Visibility.UNLISTED))
    [stored] = server.statuses_for("alice")
    assert stored["id"] == post.ref.remote_id
    assert (stored["text"], stored["spoiler_text"]) == (text, "politics")
    assert (stored["language"], stored["visibility"]) == ("de", "unlisted")
    assert [m["username"] for m in stored["mentions"]] == ["bob"]
    assert post.url == f"{server.url}/@alice/{post.ref.remote_id}"
    assert post.ref.uri.endswith(f"/statuses/{post.ref.remote_id}")
    assert comparable(post.text) == comparable(text)  # the HTML came back as the same text
    assert post.extra["content_warning"] == "politics"
    assert post.created_at is not None
    assert post.created_at.tzinfo is not None


def test_capabilities_and_local_length_check(
    server: MastodonTestServer, credentials: CredentialStore
) -> None:
    account = make_account(server.url, limits=ServerLimits(100, 23, 2))
    client = MastodonClient(account, credentials)
    assert client.capabilities.max_images == 2
    assert client.capabilities.can_edit and client.capabilities.has_visibility
    check = check_for(account, "a" * 90 + " https://example.org/" + "x" * 50, "cw").length
    assert (check.headline.used, check.headline.maximum) == (90 + 1 + 23 + 2, 100)
    assert not check.ok
    assert server.requests == []  # nothing was sent


@pytest.mark.parametrize("over", [False, True])
def test_text_at_the_limit_with_zwj_emoji_and_rtl(
    server: MastodonTestServer, credentials: CredentialStore, over: bool
) -> None:
    client, token = connect(server, credentials)
    unit = f"{FAMILY} {HEBREW} {ARABIC} "
    text = unit * 30
    text += "a" * (500 - check_mastodon(text).headline.used + (1 if over else 0))
    assert check_mastodon(text).headline.used == (501 if over else 500)
    assert check_mastodon(text).ok is not over
    if not over:
        client.publish(request(text))
        assert server.statuses_for("alice")[0]["text"] == text
        return
    with pytest.raises(RejectedError, match="Text character limit of 500 exceeded") as caught:
        client.publish(request(text))
    assert token not in str(caught.value)
    assert server.statuses_for("alice") == []


def test_reply_edit_and_delete(server: MastodonTestServer, credentials: CredentialStore) -> None:
    client, _ = connect(server, credentials)
    first = client.publish(request("first"))
    reply = client.publish(request("a reply", reply_to=first.ref))
    assert reply.reply_to == first.ref.remote_id
    assert server.statuses_for("alice")[1]["in_reply_to_id"] == first.ref.remote_id

    edited = client.edit(reply.ref, request("a better reply", content_warning="cw",
                                            reply_to=first.ref))
    assert (edited.text, edited.extra["edited"]) == ("a better reply", True)
    assert server.statuses_for("alice")[1]["text"] == "a better reply"
    with pytest.raises(UnsupportedError, match="who sees"):
        client.edit(reply.ref, request("x", reply_to=first.ref, visibility=Visibility.PRIVATE))
    with pytest.raises(UnsupportedError, match="another thread"):
        client.edit(reply.ref, request("x", reply_to=reply.ref))
    assert client.edit(reply.ref, request("no target: stays a reply")).reply_to == first.ref.remote_id
    with pytest.raises(UnsupportedError, match="language"):
        client.edit(reply.ref, request("x", reply_to=first.ref, language="fr"))

    third = client.publish(request("third"))
    assert [(s["id"], s["text"]) for s in server.statuses_for("alice")] == [
        (first.ref.remote_id, "first"), (reply.ref.remote_id, "no target: stays a reply"),
        (third.ref.remote_id, "third")]
    read_back = client.fetch(reply.ref)
    assert read_back is not None
    assert (read_back.text, read_back.reply_to) == ("no target: stays a reply",
                                                   first.ref.remote_id)

    client.delete(reply.ref)
    client.delete(reply.ref)  # already gone: still fine
    assert [s["text"] for s in server.statuses_for("alice")] == ["first", "third"]


def test_image_with_alt_text(
    server: MastodonTestServer, credentials: CredentialStore, tmp_path: Path
) -> None:
    client, _ = connect(server, credentials)
    image = ImageUpload(png(tmp_path / "holiday photo.png"), "A red rectangle")
    post = client.publish(request("look", images=(image,)))
    [stored] = server.statuses_for("alice")
    [media] = stored["media_attachments"]
    assert media["description"] == "A red rectangle"
    assert media["url"].endswith(".png")
    assert post.extra["media_ids"] == [media["id"]]


def test_media_processed_asynchronously_before_posting(
    server: MastodonTestServer, credentials: CredentialStore, tmp_path: Path
) -> None:
    client, _ = connect(server, credentials)
    server.set_media_processing(always_async=True, polls=3)
    images = (ImageUpload(png(tmp_path / "a.png"), "one"),
              ImageUpload(png(tmp_path / "b.png", "blue"), "two"))
    client.publish(request("two pictures", images=images))
    [stored] = server.statuses_for("alice")
    assert [m["description"] for m in stored["media_attachments"]] == ["one", "two"]
    polls = [r.status for r in server.requests if r.method == "GET"
             and r.path.startswith("/api/v1/media/")]
    assert polls.count(206) == 6  # three "still processing" answers per image, then 200s
    assert posts_to(server) == 1  # posted once, only after processing had finished
    assert [r.path for r in server.requests if r.method == "POST" and "media" in r.path] == [
        "/api/v2/media", "/api/v2/media"]


def test_media_that_never_finishes_is_a_server_failure(
    server: MastodonTestServer, credentials: CredentialStore, tmp_path: Path
) -> None:
    client, _ = connect(server, credentials, media_timeout=0.3)
    server.set_media_processing(always_async=True, polls=None, seconds=None)
    with pytest.raises(ServerFailureError, match="still processing"):
        client.publish(request("never", images=(ImageUpload(png(tmp_path / "a.png"), ""),)))
    assert posts_to(server) == 0


def test_bad_images_are_refused_before_anything_is_uploaded(
    server: MastodonTestServer, credentials: CredentialStore, tmp_path: Path
) -> None:
    client, _ = connect(server, credentials)
    fake = tmp_path / "notes.png"
    fake.write_text("just some text, renamed", encoding="utf-8")
    good = png(tmp_path / "good.png")
    with pytest.raises(RejectedError, match=r"Image 2 \(notes.png\) is not a PNG"):
        client.publish(request("x", images=(ImageUpload(good, ""), ImageUpload(fake, ""))))
    with pytest.raises(RejectedError, match="1501 characters; Mastodon allows 1500"):
        client.publish(request("x", images=(ImageUpload(good, "d" * 1501),)))
    with pytest.raises(RejectedError, match="at most 4 images"):
        client.publish(request("x", images=(ImageUpload(good, ""),) * 5))
    with pytest.raises(RejectedError, match="cannot be read"):
        client.publish(request("x", images=(ImageUpload(tmp_path / "missing.png", ""),)))
    assert not [r for r in server.requests if "media" in r.path]
    assert posts_to(server) == 0


def test_reply_to_a_missing_post_is_rejected_with_the_servers_words(
    server: MastodonTestServer, credentials: CredentialStore
) -> None:
    client, _ = connect(server, credentials)
    with pytest.raises(RejectedError, match="does not appear to exist"):
        client.publish(request("to nothing", reply_to=RemoteRef("12345")))


# --- exactly once -----------------------------------------------------------------------------


def test_same_key_twice_gives_the_same_post(
    server: MastodonTestServer, credentials: CredentialStore
) -> None:
    client, _ = connect(server, credentials)
    once = request("once")
    assert client.publish(once).ref == client.publish(once).ref
    assert len(server.statuses_for("alice")) == 1


# --- failures ---------------------------------------------------------------------------------


def test_rate_limit_gives_the_reset_time(
    server: MastodonTestServer, credentials: CredentialStore
) -> None:
    client, _ = connect(server, credentials)
    server.set_rate_limit(10, remaining=0)
    with pytest.raises(RateLimitedError, match="Try again after") as caught:
        client.publish(request("too fast"))
    reset_at = caught.value.reset_at
    assert reset_at is not None
    assert timedelta(minutes=4) < reset_at - datetime.now(UTC) < timedelta(minutes=6)
    assert server.statuses_for("alice") == []


@pytest.mark.parametrize("status", [500, 502, 503])
def test_server_errors(server: MastodonTestServer, credentials: CredentialStore,
                       status: int) -> None:
    client, _ = connect(server, credentials)
    server.fail_next("POST", "/api/v1/statuses", status)
    with pytest.raises(ServerFailureError, match=f"HTTP {status}"):
        client.publish(request("hello"))
    assert server.statuses_for("alice") == []
    assert posts_to(server) == 1  # looked, found nothing, did not hammer a failing server


def test_unreadable_or_missing_answers_outside_publishing(
    server: MastodonTestServer, credentials: CredentialStore
) -> None:
    client, _ = connect(server, credentials, timeout=0.5)
    post = client.publish(request("v1"))
    server.malformed_next("GET", f"/api/v1/statuses/{post.ref.remote_id}")
    with pytest.raises(ServerFailureError, match="could not read"):
        client.fetch(post.ref)
    server.accept_then_stall("GET", f"/api/v1/statuses/{post.ref.remote_id}", seconds=2)
    with pytest.raises(ConnectionFailedError, match=r"did not answer within 0\.5 seconds"):
        client.fetch(post.ref)
    server.accept_then_stall("PUT", "/api/v1/statuses/", seconds=2)
    with pytest.raises(OutcomeUnknownError, match="not known whether this took effect"):
        client.edit(post.ref, request("v2"))
    assert server.statuses_for("alice")[0]["text"] == "v2"  # it did, this time


def test_connection_refused(credentials: CredentialStore) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    account = make_account(f"http://127.0.0.1:{port}")
    credentials.put(account.id, ACCESS_TOKEN, "a-token-for-nowhere")
    client = MastodonClient(account, credentials, timeout=2)
    with pytest.raises(ConnectionFailedError, match="nothing was sent") as caught:
        client.publish(request("hello"))
    assert "a-token-for-nowhere" not in str(caught.value)
    with pytest.raises(ConnectionFailedError, match="nothing was sent"):
        client.fetch(RemoteRef("1"))


def test_revoked_token_means_signed_out(
    server: MastodonTestServer, credentials: CredentialStore, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    client, token = connect(server, credentials)
    server.revoke(token)
    with pytest.raises(SignedOutError) as caught:
        client.publish(request("after"))
    assert str(caught.value) == (f"Mastodon no longer accepts SafeDesk's sign-in for "
                                 f"@alice@{server.url.split('://')[1]}. Sign in again.")
    assert token not in str(caught.value)
    assert caplog.records
    assert token not in caplog.text


def test_missing_token_or_scope_means_signed_out(
    server: MastodonTestServer, credentials: CredentialStore
) -> None:
    account = make_account(server.url)
    with pytest.raises(SignedOutError, match="no sign-in"):
        MastodonClient(account, credentials).publish(request("x"))
    credentials.put(account.id, ACCESS_TOKEN, server.create_user("alice", scopes="read"))
    with pytest.raises(SignedOutError, match="does not allow SafeDesk"):
        MastodonClient(account, credentials).publish(request("x"))


def test_factory_opens_a_mastodon_client_and_the_package_imports_no_sdk(
    server: MastodonTestServer, credentials: CredentialStore
) -> None:
    client = open_client(make_account(server.url), credentials, timeout=3)
    assert isinstance(client, MastodonClient)
    script = ("import sys, safedesk.platforms\n"
              "print(sorted(m for m in ('mastodon', 'atproto', 'requests') if m in sys.modules))")
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                            check=True)
    assert result.stdout.strip() == "[]"


def test_fetch_reads_one_status_with_its_author_and_none_once_gone(
    server: MastodonTestServer, credentials: CredentialStore
) -> None:
    client, _ = connect(server, credentials)
    mine = client.publish(request("mine", content_warning="bins", visibility=Visibility.UNLISTED))
    found = client.fetch(mine.ref)
    assert found is not None and found.ref == mine.ref and found.text == "mine"
    assert found.extra["author"] == "alice"
    assert found.extra["author_id"] == server.accounts["alice"]["id"]
    assert (found.extra["content_warning"], found.extra["visibility"]) == ("bins", "unlisted")
    other, _ = connect(server, credentials, "bob")
    theirs = other.publish(request("bob's"))
    seen = client.fetch(theirs.ref)
    assert seen is not None and seen.extra["author"] == "bob"  # the caller decides it is not ours
    client.delete(mine.ref)
    assert client.fetch(mine.ref) is None
    assert client.fetch(RemoteRef("999999")) is None
    server.fail_next("GET", "/api/v1/statuses/", 503)
    with pytest.raises(ServerFailureError):
        client.fetch(theirs.ref)
