"""MastodonClient on servers that are not the newest Mastodon, or stricter than a kind one:
edits that keep what they do not change and say what the server changed anyway, post links in
every server's shape, tokens refused in Takahē's words, an instance endpoint that fails. Through
the real Mastodon.py against the Mastodon test server and its ``ServerQuirks``."""

from __future__ import annotations

from pathlib import Path

import pytest

from safedesk.core.edits import DIFFERENCES
from safedesk.core.errors import (
    InvalidInputError,
    ServerFailureError,
    SignedOutError,
    UnsupportedError,
)
from safedesk.core.platform import ImageUpload, RemoteRef, Visibility
from safedesk.core.ports import CredentialStore
from safedesk.platforms.mastodon_common import read_server_info
from safedesk.platforms.mastodon_signin import sign_in_with_token
from tests.servers.fake_credentials import credential_store
from tests.servers.mastodon_quirks import ServerQuirks
from tests.servers.mastodon_server import MastodonTestServer
from tests.test_mastodon_adapter import connect, png, request


@pytest.fixture
def server(mastodon: MastodonTestServer) -> MastodonTestServer:
    return mastodon


@pytest.fixture
def credentials() -> CredentialStore:
    return credential_store()


# --- edits ----------------------------------------------------------------------------------------


def test_an_edit_keeps_images_descriptions_warning_and_mark(
        server: MastodonTestServer, credentials: CredentialStore, tmp_path: Path) -> None:
    client, _ = connect(server, credentials)
    images = (ImageUpload(png(tmp_path / "a.png"), "A map of the route"),
              ImageUpload(png(tmp_path / "b.png", "blue"), ""))
    post = client.publish(request("Road closed", content_warning="roadworks", images=images,
                                  visibility=Visibility.UNLISTED))
    edited = client.edit(post.ref, request("Road closed\n\n[Corrected: see below]",
                                           content_warning="roadworks",
                                           visibility=Visibility.UNLISTED))
    [stored] = server.statuses_for("alice")
    assert stored["text"] == "Road closed\n\n[Corrected: see below]"
    assert [m["description"] for m in stored["media_attachments"]] == ["A map of the route", ""]
    assert [m["id"] for m in stored["media_attachments"]] == post.extra["media_ids"]
    assert (stored["spoiler_text"], stored["sensitive"], stored["visibility"]) == (
        "roadworks", True, "unlisted")
    assert DIFFERENCES not in edited.extra
    assert len(server.history_for(post.ref.remote_id)) == 2


def test_an_edit_keeps_a_sensitive_mark_without_a_warning(
        server: MastodonTestServer, credentials: CredentialStore, tmp_path: Path) -> None:
    client, token = connect(server, credentials)
    from tests.test_mastodon_server import client as raw_client

    api = raw_client(server, token)
    image = api.media_post(png(tmp_path / "a.png").read_bytes(), mime_type="image/png")
    posted = api.status_post("Photos from the fete", media_ids=[image], sensitive=True)
    edited = client.edit(RemoteRef(str(posted.id)), request("Photos from the fete (updated)"))
    [stored] = server.statuses_for("alice")
    assert (stored["sensitive"], len(stored["media_attachments"])) == (True, 1)
    assert DIFFERENCES not in edited.extra


def test_new_images_in_an_edit_replace_the_old_ones(
        server: MastodonTestServer, credentials: CredentialStore, tmp_path: Path) -> None:
    client, _ = connect(server, credentials)
    post = client.publish(request("v1", images=(ImageUpload(png(tmp_path / "a.png"), "old"),)))
    client.edit(post.ref, request("v2", images=(ImageUpload(png(tmp_path / "b.png"), "new"),)))
    [stored] = server.statuses_for("alice")
    assert [m["description"] for m in stored["media_attachments"]] == ["new"]


def test_what_a_takahe_like_server_changes_is_said_in_words(
        server: MastodonTestServer, credentials: CredentialStore, tmp_path: Path) -> None:
    server.set_quirks(edit_resets_visibility=True)
    client, _ = connect(server, credentials)
    post = client.publish(request("Quiet news", visibility=Visibility.UNLISTED,
                                  images=(ImageUpload(png(tmp_path / "a.png"), "alt"),)))
    edited = client.edit(post.ref, request("Quiet news, corrected",
                                           visibility=Visibility.UNLISTED))
    assert [str(d) for d in edited.extra[DIFFERENCES]] == ["The server made the post public"]
    assert server.statuses_for("alice")[0]["visibility"] == "public"


@pytest.mark.parametrize("version", ["takahe/0.11.0", "4.2.0 (compatible; Takahe 0.11.0)"])
def test_a_takahe_server_is_not_asked_to_edit_a_post_that_is_not_public(
        credentials: CredentialStore, version: str) -> None:
    """Takahē makes every edited post public, and its API takes no visibility to keep: an
    unlisted or followers-only post edited there would be out to everyone before SafeDesk could
    say so. Known by its version, it is not edited; a public post still is."""
    quirks = ServerQuirks(edit_resets_visibility=True, url_style="takahe")
    with MastodonTestServer(version=version, quirks=quirks) as server:
        client, _ = connect(server, credentials)
        for visibility in (Visibility.UNLISTED, Visibility.PRIVATE):
            post = client.publish(request(f"Quiet news, {visibility}", visibility=visibility))
            with pytest.raises(UnsupportedError, match="makes every post it edits public"):
                client.edit(post.ref, request("Quiet news, corrected", visibility=visibility))
        assert [(s["visibility"], s["text"]) for s in server.statuses_for("alice")] == [
            ("unlisted", "Quiet news, unlisted"), ("private", "Quiet news, private")]
        assert not any(r.method == "PUT" for r in server.requests)
        public = client.publish(request("Loud news"))
        edited = client.edit(public.ref, request("Loud news, corrected"))
        assert "corrected" in edited.text and DIFFERENCES not in edited.extra
        assert server.crashes == []


def test_a_server_that_drops_what_it_is_sent_is_caught(
        server: MastodonTestServer, credentials: CredentialStore, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """As if SafeDesk sent the edit without the images and the warning (an older SafeDesk's
    edit, or a server that ignores them): the answer shows it, and the client says so."""
    client, _ = connect(server, credentials)
    post = client.publish(request("Bins", content_warning="bins",
                                  images=(ImageUpload(png(tmp_path / "a.png"), "alt"),)))
    import safedesk.platforms.mastodon_client as module

    real = module.edit_arguments

    def forgetful(*args: object, **kwargs: object) -> tuple[dict[str, object], object]:
        arguments, intended = real(*args, **kwargs)  # type: ignore[arg-type]
        return {"status": arguments["status"]}, intended

    monkeypatch.setattr(module, "edit_arguments", forgetful)
    edited = client.edit(post.ref, request("Bins, corrected", content_warning="bins"))
    assert [str(d) for d in edited.extra[DIFFERENCES]] == ["The image was removed",
                                         "The server removed the content warning",
                                         "The server removed the sensitive-media mark"]


# --- post links -----------------------------------------------------------------------------------


@pytest.mark.parametrize("style", ["mastodon", "takahe", "gotosocial", "akkoma"])
def test_a_post_link_in_each_servers_shape_resolves(
        style: str, credentials: CredentialStore) -> None:
    with MastodonTestServer(quirks=ServerQuirks(url_style=style)) as styled:
        client, _ = connect(styled, credentials)
        post = client.publish(request("Find me", visibility=Visibility.PRIVATE))
        for address in (post.url, post.ref.uri):
            found = client.resolve(address)
            assert found is not None and found.ref.remote_id == post.ref.remote_id
            assert found.extra["author_id"] == client._account.remote_id
        assert client.resolve(f"{styled.url}/@alice/999/elsewhere") is None


def test_other_servers_addresses_resolve_to_whose_they_are(
        server: MastodonTestServer, credentials: CredentialStore) -> None:
    client, _ = connect(server, credentials)
    post = client.publish(request("Seen from Misskey"))
    server.register_remote_url("https://misskey.example/notes/9zz", post.ref.remote_id)
    theirs = server.add_remote_status("https://other.example/@carol/5", "carol@other.example",
                                      "Carol's post")
    mine = client.resolve("https://misskey.example/notes/9zz")
    assert mine is not None and mine.ref.remote_id == post.ref.remote_id
    carols = client.resolve("https://other.example/@carol/5")
    assert carols is not None
    assert (carols.ref.remote_id, carols.extra["author"]) == (theirs, "carol@other.example")
    assert client.resolve("https://nowhere.example/notes/1") is None


def test_a_token_without_the_search_scope_must_sign_in_again(
        server: MastodonTestServer, credentials: CredentialStore) -> None:
    client, token = connect(server, credentials)
    narrow = server.create_user("alice", scopes="write:statuses read:statuses profile")
    credentials.put(client._account.id, "access_token", narrow)
    from safedesk.platforms.mastodon_client import MastodonClient

    fresh = MastodonClient(client._account, credentials, timeout=5)
    with pytest.raises(SignedOutError, match="Sign in again to grant it"):
        fresh.resolve(f"{server.url}/@alice/1")
    assert token


# --- tokens and instance information --------------------------------------------------------------


def test_takahes_plain_400_for_a_revoked_token_means_sign_in_again(
        server: MastodonTestServer, credentials: CredentialStore, tmp_path: Path) -> None:
    client, token = connect(server, credentials)
    post = client.publish(request("Before"))
    server.set_quirks(bad_token_plain_400=True)
    server.revoke(token)
    for attempt in (lambda: client.fetch(post.ref), lambda: client.resolve(post.url),
                    lambda: client.edit(post.ref, request("After")),
                    lambda: client.delete(post.ref)):
        with pytest.raises(SignedOutError, match="no longer accepts SafeDesk's sign-in") as caught:
            attempt()
        assert "Bad Request" not in str(caught.value)
    with pytest.raises(InvalidInputError, match="does not accept that access token"):
        sign_in_with_token(server.url, token)


def test_instance_information_falls_back_to_v1_when_v2_fails(
        server: MastodonTestServer) -> None:
    server.set_max_characters(777)
    server.set_quirks(instance_v2_fails=True)
    info = read_server_info(server.url, timeout=5)
    assert (info.limits.max_characters, info.api_version) == (777, 0)
    identity = sign_in_with_token(server.url, server.create_user("alice"))
    assert identity.limits.max_characters == 777
    server.fail_next("GET", "/api/v1/instance", 503)
    with pytest.raises(ServerFailureError, match=r"had a problem \(HTTP 500\)"):
        read_server_info(server.url, timeout=5)
