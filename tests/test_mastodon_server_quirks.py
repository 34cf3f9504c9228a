"""The Mastodon test server where real servers are strict or differ, through the real Mastodon.py.

Each behaviour here is one real servers have (Mastodon 4.4's controllers and services, Takahē
0.11, GoToSocial, Akkoma) and SafeDesk must cope with; the switches are ``ServerQuirks``.
"""

from __future__ import annotations

import pytest
import requests
from mastodon import Mastodon, MastodonAPIError, MastodonNotFoundError, MastodonUnauthorizedError

from tests.servers.mastodon_quirks import ServerQuirks
from tests.servers.mastodon_server import MastodonTestServer
from tests.test_mastodon_server import client

PNG = b"\x89PNG\r\n\x1a\n" + bytes(64)


@pytest.fixture
def server(mastodon: MastodonTestServer) -> MastodonTestServer:
    return mastodon


@pytest.fixture
def alice(server: MastodonTestServer) -> Mastodon:
    return client(server, server.create_user("alice"))


# --- edits --------------------------------------------------------------------------------------


def test_an_edit_replaces_everything_it_does_not_send(
        server: MastodonTestServer, alice: Mastodon) -> None:
    image = alice.media_post(PNG, mime_type="image/png", description="the bins")
    posted = alice.status_post("Bins on Monday", media_ids=[image], spoiler_text="bins",
                               sensitive=True, visibility="unlisted")
    edited = alice.status_update(posted, "Bins on Tuesday")
    # Mastodon's controller passes media_ids, spoiler_text and sensitive along even when they
    # were not sent, and UpdateStatusService then clears them.
    assert edited.media_attachments == []
    assert (edited.spoiler_text, edited.sensitive) == ("", False)
    assert edited.visibility == "unlisted"
    assert server.media_for("alice")[0]["status_id"] is None  # detached, not deleted


def test_an_edit_that_sends_everything_keeps_it(
        server: MastodonTestServer, alice: Mastodon) -> None:
    image = alice.media_post(PNG, mime_type="image/png", description="the bins")
    posted = alice.status_post("Bins on Monday", media_ids=[image], spoiler_text="bins",
                               visibility="unlisted")
    # The only form Mastodon.py 2.3.3 can send both ids and descriptions in: media_attributes
    # alone, from which it makes media_ids in the same order.
    edited = alice.status_update(posted, "Bins on Tuesday", spoiler_text="bins", sensitive=True,
                                 media_attributes=[{"id": image.id, "description": "new alt"}])
    assert [m.description for m in edited.media_attachments] == ["new alt"]
    assert (edited.spoiler_text, edited.sensitive, edited.visibility) == ("bins", True,
                                                                         "unlisted")


def test_media_attributes_only_describe_media_the_edit_keeps(
        server: MastodonTestServer, alice: Mastodon) -> None:
    first = alice.media_post(PNG, mime_type="image/png", description="one")
    second = alice.media_post(PNG, mime_type="image/png", description="two")
    posted = alice.status_post("two images", media_ids=[first, second])
    token = server.create_user("alice")
    reply = requests.put(f"{server.url}/api/v1/statuses/{posted.id}", timeout=5,
                         headers={"Authorization": f"Bearer {token}"},
                         json={"status": "one image", "media_ids": [str(second.id)],
                               "media_attributes": [{"id": str(first.id), "description": "x"}]})
    assert reply.status_code == 200, reply.text
    assert [m["description"] for m in reply.json()["media_attachments"]] == ["two"]


def test_a_lenient_server_keeps_what_an_edit_leaves_out() -> None:
    with MastodonTestServer(quirks=ServerQuirks(edit_keeps_omitted=True)) as lenient:
        api = client(lenient, lenient.create_user("alice"))
        image = api.media_post(PNG, mime_type="image/png")
        posted = api.status_post("v1", media_ids=[image], spoiler_text="cw")
        edited = api.status_update(posted, "v2")
        assert (len(edited.media_attachments), edited.spoiler_text, edited.sensitive) == (
            1, "cw", True)


def test_an_edit_that_changes_nothing_changes_nothing(
        server: MastodonTestServer, alice: Mastodon) -> None:
    posted = alice.status_post("Same words", spoiler_text="cw")
    same = alice.status_update(posted, "Same words", spoiler_text="cw", sensitive=True)
    assert same.edited_at is None
    assert server.history_for(str(posted.id)) == []
    assert len(alice.status_history(posted)) == 1  # Mastodon shows the original only

    changed = alice.status_update(posted, "Other words", spoiler_text="cw", sensitive=True)
    assert changed.edited_at is not None
    history = alice.status_history(posted)
    assert [h.content for h in history] == ["<p>Same words</p>", "<p>Other words</p>"]

    again = alice.status_update(posted, "Other words", spoiler_text="cw", sensitive=True)
    assert again.edited_at == changed.edited_at
    assert len(server.history_for(str(posted.id))) == 2


def test_takahe_makes_an_edited_post_public_and_takes_sensitive_as_sent() -> None:
    with MastodonTestServer(quirks=ServerQuirks(edit_resets_visibility=True)) as takahe:
        api = client(takahe, takahe.create_user("alice"))
        posted = api.status_post("quiet", visibility="unlisted", spoiler_text="cw")
        edited = api.status_update(posted, "still quiet?", spoiler_text="cw")
        assert (edited.visibility, edited.sensitive, edited.spoiler_text) == ("public", False,
                                                                             "cw")


def test_another_accounts_status_is_not_found_or_as_the_quirk_says(
        server: MastodonTestServer, alice: Mastodon) -> None:
    theirs = client(server, server.create_user("bob")).status_post("bob's")
    with pytest.raises(MastodonNotFoundError):
        alice.status_delete(theirs)
    server.set_quirks(others_status_code=401)  # Takahē: "Not the author of this status"
    with pytest.raises(MastodonUnauthorizedError):
        alice.status_update(theirs, "mine")
    assert server.statuses_for("bob")[0]["text"] == "bob's"


# --- tokens, scopes, instance --------------------------------------------------------------------


def test_a_bad_token_as_takahe_answers_it(server: MastodonTestServer) -> None:
    token = server.create_user("alice")
    server.revoke(token)
    with pytest.raises(MastodonUnauthorizedError):
        client(server, token).account_verify_credentials()
    server.set_quirks(bad_token_plain_400=True)
    reply = requests.get(f"{server.url}/api/v1/instance", timeout=5,
                         headers={"Authorization": f"Bearer {token}"})
    assert (reply.status_code, reply.headers["Content-Type"], reply.text) == (
        400, "text/plain; charset=utf-8", "Invalid Bearer token")
    with pytest.raises(MastodonAPIError) as caught:
        client(server, token).account_verify_credentials()
    # Mastodon.py finds no JSON error in the body, so all it keeps is the reason phrase.
    assert caught.value.args[1:] == (400, "Bad Request", None)
    assert requests.get(f"{server.url}/api/v1/instance", timeout=5).status_code == 200


def test_without_the_profile_scope(server: MastodonTestServer) -> None:
    server.set_quirks(profile_scope=False)
    form = {"client_name": "SafeDesk", "redirect_uris": "urn:ietf:wg:oauth:2.0:oob"}
    refused = requests.post(f"{server.url}/api/v1/apps", timeout=5,
                            data={**form, "scopes": "write:statuses profile"})
    assert refused.status_code == 422
    assert requests.post(f"{server.url}/api/v1/apps", timeout=5,
                         data={**form, "scopes": "write:statuses read:accounts"}).ok
    metadata = requests.get(f"{server.url}/.well-known/oauth-authorization-server",
                            timeout=5).json()
    assert "profile" not in metadata["scopes_supported"]
    assert "read:accounts" in metadata["scopes_supported"]
    profile_only = client(server, server.create_user("alice", scopes="profile"))
    with pytest.raises(MastodonAPIError, match="outside the authorized scopes"):
        profile_only.account_verify_credentials()
    server.set_quirks(profile_scope=True)
    assert profile_only.account_verify_credentials().username == "alice"


def test_instance_v2_can_fail_while_v1_works(server: MastodonTestServer) -> None:
    server.set_quirks(instance_v2_fails=True)
    assert requests.get(f"{server.url}/api/v2/instance", timeout=5).status_code == 500
    assert requests.get(f"{server.url}/api/v1/instance", timeout=5).json()["version"]


# --- post addresses and /api/v2/search ----------------------------------------------------------


@pytest.mark.parametrize(("style", "shape"), [
    ("mastodon", "{base}/@alice/{id}"),
    ("takahe", "{base}/@alice/posts/{id}/"),
    ("gotosocial", "{base}/@alice/statuses/{id}"),
    ("akkoma", "{base}/notice/{id}"),
])
def test_post_addresses_in_each_style_resolve_through_search(style: str, shape: str) -> None:
    with MastodonTestServer(quirks=ServerQuirks(url_style=style)) as styled:
        api = client(styled, styled.create_user("alice"))
        posted = api.status_post("find me", visibility="unlisted")
        assert posted.url == shape.format(base=styled.url, id=posted.id)
        for address in (posted.url, posted.uri):
            found = api.search_v2(address, resolve=True, result_type="statuses")
            assert [s.id for s in found.statuses] == [posted.id]
        other_style = "mastodon" if style != "mastodon" else "akkoma"
        styled.set_quirks(url_style=other_style)
        assert api.search_v2(posted.url, resolve=True, result_type="statuses").statuses == []


def test_search_resolves_other_servers_addresses_only_when_asked(
        server: MastodonTestServer, alice: Mastodon) -> None:
    mine = alice.status_post("mine")
    server.register_remote_url("https://misskey.example/notes/9abc", str(mine.id))
    theirs = server.add_remote_status("https://elsewhere.example/@carol/77", "carol@elsewhere.example",
                                      "carol's")
    found = alice.search_v2("https://misskey.example/notes/9abc", resolve=True,
                            result_type="statuses")
    assert [s.id for s in found.statuses] == [mine.id]
    remote = alice.search_v2("https://elsewhere.example/@carol/77", resolve=True,
                             result_type="statuses").statuses
    assert [(s.id, s.account.acct, s.url) for s in remote] == [
        (theirs, "carol@elsewhere.example", "https://elsewhere.example/@carol/77")]
    assert alice.search_v2("https://misskey.example/notes/9abc", resolve=False,
                           result_type="statuses").statuses == []
    with pytest.raises(MastodonUnauthorizedError, match="without authentication"):
        client(server, None).search_v2(mine.url, resolve=True, result_type="statuses")
    private = alice.status_post("followers only", visibility="private")
    bob = client(server, server.create_user("bob"))
    assert bob.search_v2(private.url, resolve=True, result_type="statuses").statuses == []


# --- length --------------------------------------------------------------------------------------


def test_takahe_measures_the_status_as_sent_and_not_its_edits(server: MastodonTestServer,
                                                              alice: Mastodon) -> None:
    link = "https://www.example.gov.uk/" + "bins/" * 20
    text = "x" * (500 - len(link)) + link  # 500 code points; 23 a link is far less
    alice.status_post(text)  # Mastodon counts the link as 23
    server.set_quirks(length_in_code_points=True)
    posted = alice.status_post(text)
    with pytest.raises(MastodonAPIError) as refused:
        alice.status_post(text + "!", spoiler_text="")
    assert refused.value.args[1] == 400 and "Status is too long" in str(refused.value)
    with pytest.raises(MastodonAPIError):
        alice.status_post("x" * 480 + "\U0001F468\u200D\U0001F469\u200D\U0001F467" * 5)
    alice.status_post("y" * 500, spoiler_text="w" * 100)  # the warning is not counted
    edited = alice.status_update(posted, text + " More.")  # nor are edits measured
    assert edited.content.endswith("More.</p>")
