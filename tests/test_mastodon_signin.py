"""Signing in to and out of the Mastodon test server, through the real Mastodon.py over HTTP.

The tests play the person's browser: the opener given to LoopbackOAuth receives the authorize URL
and visits it (the test server consents at once), then follows the redirect to SafeDesk's
listener on 127.0.0.1, as a browser would.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
from mastodon import Mastodon, MastodonUnauthorizedError

from safedesk.core.errors import (
    ConnectionFailedError,
    InvalidInputError,
    NotAllowedError,
    SignedOutError,
)
from safedesk.core.models import Account, Pane, Platform, ServerLimits
from safedesk.core.ports import CredentialStore
from safedesk.platforms.mastodon_client import ACCESS_TOKEN
from safedesk.platforms.mastodon_common import SCOPES
from safedesk.platforms.mastodon_signin import (
    CLIENT_ID,
    CLIENT_SECRET,
    OOB,
    SECRET_KINDS,
    LoopbackOAuth,
    MastodonIdentity,
    PasteCodeSignIn,
    app_key,
    normalise_server_url,
    save_sign_in,
    sign_in_with_token,
    sign_out,
    stored_app,
)
from tests.servers.fake_credentials import credential_store
from tests.servers.mastodon_server import MastodonTestServer, browser_visit


@pytest.fixture
def server() -> Iterator[MastodonTestServer]:
    with MastodonTestServer() as running:
        yield running
        assert running.crashes == []


@pytest.fixture
def credentials() -> CredentialStore:
    return credential_store()


def browser(seen: list[str], tamper: Callable[[str], str] = lambda url: url) -> Callable[[str],
                                                                                          bool]:
    """An opener that plays the browser: authorize page, then the redirect to SafeDesk."""

    def open_url(url: str) -> bool:
        seen.append(url)
        visit = browser_visit(url)
        assert visit.status == 302, visit.body
        assert visit.location is not None
        answer = browser_visit(tamper(visit.location))
        assert answer.status == 200
        return True

    return open_url


def api_for(server: MastodonTestServer, token: str) -> Mastodon:
    return Mastodon(api_base_url=server.url, access_token=token, version_check_mode="none",
                    request_timeout=5, ratelimit_method="throw")


def account_for(identity: MastodonIdentity) -> Account:
    return Account(id=f"acc-{uuid.uuid4()}", pane=Pane.OFFICIAL, platform=Platform.MASTODON,
                   server=identity.server, handle=identity.handle,
                   display_name=identity.display_name, created_at=datetime.now(UTC),
                   remote_id=identity.remote_id, limits=identity.limits)


def registrations(server: MastodonTestServer) -> int:
    return sum(1 for r in server.requests if (r.method, r.path) == ("POST", "/api/v1/apps"))


# --- server addresses -------------------------------------------------------------------------


@pytest.mark.parametrize(("typed", "url"), [
    ("mastodon.social", "https://mastodon.social"),
    ("  https://Mastodon.Social/ ", "https://mastodon.social"),
    ("https://mastodon.social:443", "https://mastodon.social"),
    ("social.example.gov.uk:8443", "https://social.example.gov.uk:8443"),
    ("@jo@mastodon.social", "https://mastodon.social"),
    ("https://mastodon.social/@jo", "https://mastodon.social"),
    ("m\u00fcnchen.social", "https://xn--mnchen-3ya.social"),
    ("http://127.0.0.1:3000", "http://127.0.0.1:3000"),
    ("http://localhost:3000/", "http://localhost:3000"),
])
def test_server_addresses_are_normalised(typed: str, url: str) -> None:
    assert normalise_server_url(typed) == url


@pytest.mark.parametrize("typed", [
    "not a url", "htps://mastodon.social", "ftp://mastodon.social", "mastodon",
    "https://mastodon.social/some/page", "https://user@mastodon.social", "https://x.social?q=1",
    "https://-bad-.social", "https://mastodon.social:99999", "mastodon..social",
])
def test_garbage_is_not_a_server_address(typed: str) -> None:
    with pytest.raises(InvalidInputError, match=r"is not a server address\. Type it like"):
        normalise_server_url(typed)
    with pytest.raises(InvalidInputError, match="Type the address of your Mastodon server"):
        normalise_server_url(" ")


def test_plain_http_only_for_this_computer() -> None:
    with pytest.raises(InvalidInputError, match="Use https://"):
        normalise_server_url("http://mastodon.social")


# --- the browser, with PKCE -------------------------------------------------------------------


def test_browser_sign_in_with_pkce_end_to_end(
    server: MastodonTestServer, credentials: CredentialStore
) -> None:
    server.set_max_characters(1000)
    seen: list[str] = []
    identity = LoopbackOAuth(server.url, credentials, open_browser=browser(seen),
                             wait_seconds=5).run()
    assert (identity.server, identity.handle, identity.display_name) == (server.url, "alice",
                                                                        "Alice")
    assert identity.remote_id == server.accounts["alice"]["id"]
    assert identity.limits == ServerLimits(max_characters=1000, url_weight=23, max_images=4)
    assert identity.access_token not in repr(identity)
    query = parse_qs(urlsplit(seen[0]).query)
    assert query["code_challenge_method"] == ["S256"]
    assert len(query["code_challenge"][0]) == 43
    assert len(query["state"][0]) >= 32
    assert query["scope"] == [" ".join(SCOPES)]
    assert query["redirect_uri"][0].startswith("http://127.0.0.1:")
    api = api_for(server, identity.access_token)
    assert api.status_post("signed in").content == "<p>signed in</p>"
    app = stored_app(server.url, credentials)
    assert app is not None
    assert identity.client_id == app.client_id
    assert OOB in app.redirect_uris


def test_a_wrong_state_is_refused_and_the_code_not_used(
    server: MastodonTestServer, credentials: CredentialStore
) -> None:
    def swap_state(location: str) -> str:
        parts = urlsplit(location)
        query = {k: v[0] for k, v in parse_qs(parts.query).items()} | {"state": "forged"}
        return parts._replace(query=urlencode(query)).geturl()

    flow = LoopbackOAuth(server.url, credentials, open_browser=browser([], swap_state),
                         wait_seconds=5)
    with pytest.raises(NotAllowedError, match="does not belong to this sign-in"):
        flow.run()
    assert not [r for r in server.requests if r.path == "/oauth/token"]


def test_refused_consent(server: MastodonTestServer, credentials: CredentialStore) -> None:
    server.set_consent(approve=False)
    with pytest.raises(NotAllowedError, match="did not allow SafeDesk"):
        LoopbackOAuth(server.url, credentials, open_browser=browser([]), wait_seconds=5).run()


def test_no_answer_from_the_browser(
    server: MastodonTestServer, credentials: CredentialStore
) -> None:
    flow = LoopbackOAuth(server.url, credentials, open_browser=lambda _url: False,
                         wait_seconds=0.2)
    with pytest.raises(ConnectionFailedError, match="did not hear back from your browser"):
        flow.run()


def test_the_app_is_registered_once_per_server(
    server: MastodonTestServer, credentials: CredentialStore
) -> None:
    first = LoopbackOAuth(server.url, credentials, open_browser=browser([]), wait_seconds=5).run()
    server.set_authorizing_user("bob")
    second = LoopbackOAuth(server.url, credentials, open_browser=browser([]),
                           wait_seconds=5).run()
    code_flow = PasteCodeSignIn(server.url, credentials)
    url = code_flow.start()
    third = code_flow.finish(browser_visit(url).oob_code() or "")
    assert (first.handle, second.handle, third.handle) == ("alice", "bob", "bob")
    assert registrations(server) == 1
    assert first.client_id == second.client_id == third.client_id
    key = app_key(server.url)
    assert key == f"mastodon-app:{server.url.split('://')[1]}"
    assert credentials.get(key, CLIENT_ID) == first.client_id
    assert credentials.get(key, CLIENT_SECRET)
    with MastodonTestServer() as other:  # another server, another registration
        LoopbackOAuth(other.url, credentials, open_browser=browser([]), wait_seconds=5).run()
        assert registrations(other) == 1
    assert credentials.get(key, CLIENT_ID) == first.client_id


# --- pasting a code, or a token ---------------------------------------------------------------


def test_paste_the_code(server: MastodonTestServer, credentials: CredentialStore) -> None:
    flow = PasteCodeSignIn(server.url, credentials)
    url = flow.start()
    assert parse_qs(urlsplit(url).query)["redirect_uri"] == [OOB]
    code = browser_visit(url).oob_code()
    assert code
    with pytest.raises(InvalidInputError, match="Paste the code"):
        flow.finish("  ")
    with pytest.raises(InvalidInputError, match="did not accept that sign-in code"):
        flow.finish("not-the-code")
    identity = flow.finish(f" {code}\n")
    assert identity.handle == "alice"
    with pytest.raises(InvalidInputError, match="A code works once"):
        flow.finish(code)


def test_sign_in_with_an_access_token(server: MastodonTestServer) -> None:
    server.set_max_characters(640)
    token = server.create_user("carol", scopes=" ".join(SCOPES))
    identity = sign_in_with_token(server.url, f" {token} ")
    assert (identity.handle, identity.client_id, identity.limits.max_characters) == (
        "carol", "", 640)
    assert identity.access_token == token
    with pytest.raises(InvalidInputError, match="does not accept that access token") as caught:
        sign_in_with_token(server.url, "made-up-token")
    assert "made-up-token" not in str(caught.value)


def test_limits_fall_back_to_instance_v1(server: MastodonTestServer) -> None:
    server.set_max_characters(1234)
    server.fail_next("GET", "/api/v2/instance", 404)
    identity = sign_in_with_token(server.url, server.create_user("alice"))
    assert identity.limits.max_characters == 1234


def test_a_server_that_is_not_mastodon(server: MastodonTestServer) -> None:
    server.fail_next("GET", "/api/v", 404, times=2)
    with pytest.raises(InvalidInputError, match="does not answer like a Mastodon server"):
        sign_in_with_token(server.url, "anything")


# --- signing out ------------------------------------------------------------------------------


def test_sign_out_revokes_and_forgets(
    server: MastodonTestServer, credentials: CredentialStore
) -> None:
    identity = LoopbackOAuth(server.url, credentials, open_browser=browser([]),
                             wait_seconds=5).run()
    account = account_for(identity)
    save_sign_in(credentials, account.id, identity)
    assert credentials.get(account.id, ACCESS_TOKEN) == identity.access_token
    result = sign_out(account, credentials)
    assert result.revoked
    assert "has revoked the token" in str(result.message)
    assert [credentials.get(account.id, kind) for kind in SECRET_KINDS] == [None, None]
    assert stored_app(server.url, credentials) is not None  # the registration stays for next time
    with pytest.raises(MastodonUnauthorizedError):
        api_for(server, identity.access_token).account_verify_credentials()


def test_sign_out_of_a_pasted_token_says_who_can_revoke_it(
    server: MastodonTestServer, credentials: CredentialStore
) -> None:
    token = server.create_user("alice")
    identity = sign_in_with_token(server.url, token)
    account = account_for(identity)
    save_sign_in(credentials, account.id, identity)
    result = sign_out(account, credentials)
    assert not result.revoked
    assert "Preferences > Development" in str(result.message)
    assert credentials.get(account.id, ACCESS_TOKEN) is None
    assert api_for(server, token).account_verify_credentials().username == "alice"


def test_sign_out_while_the_server_is_down_still_forgets(credentials: CredentialStore) -> None:
    with MastodonTestServer() as gone:
        identity = LoopbackOAuth(gone.url, credentials, open_browser=browser([]),
                                 wait_seconds=5).run()
    account = account_for(identity)
    save_sign_in(credentials, account.id, identity)
    result = sign_out(account, credentials, timeout=2)
    assert not result.revoked
    assert "could not be told" in str(result.message)
    assert credentials.get(account.id, ACCESS_TOKEN) is None


def test_an_expired_registration_is_forgotten(
    server: MastodonTestServer, credentials: CredentialStore
) -> None:
    flow = PasteCodeSignIn(server.url, credentials)
    code = browser_visit(flow.start()).oob_code() or ""
    server.fail_next("POST", "/oauth/token", 401, body={"error": "invalid_client"})
    with pytest.raises(SignedOutError, match="no longer knows SafeDesk"):
        flow.finish(code)
    assert stored_app(server.url, credentials) is None
