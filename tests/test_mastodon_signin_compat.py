"""Signing in to servers that are not the newest Mastodon, through the real Mastodon.py: the
scopes each one knows, a registration made for other scopes, and a token issued in a sign-in
that then failed, which must not be left working on the server."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

from safedesk.core.errors import RejectedError
from safedesk.core.ports import CredentialStore
from safedesk.platforms.mastodon_common import SCOPES
from safedesk.platforms.mastodon_signin import (
    APP_SCOPES,
    CLIENT_ID,
    LoopbackOAuth,
    PasteCodeSignIn,
    app_key,
    stored_app,
)
from tests.servers.fake_credentials import credential_store
from tests.servers.mastodon_quirks import ServerQuirks
from tests.servers.mastodon_server import MastodonTestServer, browser_visit
from tests.test_mastodon_signin import browser, registrations

OLD_SCOPES = ["write:statuses", "write:media", "read:accounts", "read:statuses", "read:search"]


@pytest.fixture
def credentials() -> CredentialStore:
    return credential_store()


def asked_scopes(seen: list[str]) -> list[str]:
    return parse_qs(urlsplit(seen[-1]).query)["scope"][0].split()


def sign_in(server: MastodonTestServer, credentials: CredentialStore,
            seen: list[str]) -> str:
    identity = LoopbackOAuth(server.url, credentials, open_browser=browser(seen),
                             wait_seconds=5).run()
    return identity.handle


def test_a_server_before_mastodon_4_3_is_asked_for_read_accounts(
        credentials: CredentialStore) -> None:
    quirks = ServerQuirks(profile_scope=False)
    with MastodonTestServer(version="4.2.10", oauth_metadata=False, quirks=quirks) as old:
        seen: list[str] = []
        assert sign_in(old, credentials, seen) == "alice"
        assert asked_scopes(seen) == OLD_SCOPES
        app = stored_app(old.url, credentials)
        assert app is not None and list(app.scopes) == OLD_SCOPES
        assert old.crashes == []


def test_oauth_metadata_without_profile_means_read_accounts(
        credentials: CredentialStore) -> None:
    with MastodonTestServer(quirks=ServerQuirks(profile_scope=False)) as server:
        seen: list[str] = []
        sign_in(server, credentials, seen)
        assert asked_scopes(seen) == OLD_SCOPES


def test_mastodon_4_3_and_later_is_asked_for_profile(credentials: CredentialStore) -> None:
    with MastodonTestServer() as server:
        seen: list[str] = []
        sign_in(server, credentials, seen)
        assert asked_scopes(seen) == list(SCOPES)
        assert "profile" in SCOPES and "read:accounts" not in SCOPES


def test_takahe_is_asked_for_read_which_its_verify_credentials_wants(
        credentials: CredentialStore) -> None:
    with MastodonTestServer(version="takahe/0.11.0", oauth_metadata=False,
                            quirks=ServerQuirks(profile_scope=False)) as takahe:
        seen: list[str] = []
        assert sign_in(takahe, credentials, seen) == "alice"
        assert asked_scopes(seen) == ["write:statuses", "write:media", "read"]


def test_a_registration_for_other_scopes_is_made_again(credentials: CredentialStore) -> None:
    with MastodonTestServer() as server:
        sign_in(server, credentials, [])
        key = app_key(server.url)
        first = credentials.get(key, CLIENT_ID)
        # As an older SafeDesk left it: registered without read:search, scopes not recorded.
        credentials.delete(key, APP_SCOPES)
        seen: list[str] = []
        sign_in(server, credentials, seen)
        assert registrations(server) == 2
        assert credentials.get(key, CLIENT_ID) != first
        assert asked_scopes(seen) == list(SCOPES)
        sign_in(server, credentials, [])
        assert registrations(server) == 2


def test_a_token_from_a_failed_sign_in_is_revoked(credentials: CredentialStore) -> None:
    with MastodonTestServer() as server:
        server.fail_next("GET", "/api/v1/accounts/verify_credentials", 403,
                         body={"error": "This action is outside the authorized scopes"})
        with pytest.raises(RejectedError, match="withdrew that sign-in") as caught:
            sign_in(server, credentials, [])
        assert "403" in str(caught.value)
        [token] = server.issued_tokens("alice")
        assert token.revoked
        assert [r.path for r in server.requests][-1] == "/oauth/revoke"


def test_a_pasted_code_sign_in_that_fails_revokes_its_token_too(
        credentials: CredentialStore) -> None:
    with MastodonTestServer() as server:
        flow = PasteCodeSignIn(server.url, credentials)
        code = browser_visit(flow.start()).oob_code() or ""
        server.fail_next("GET", "/api/v1/accounts/verify_credentials", 500)
        with pytest.raises(Exception, match="had a problem"):
            flow.finish(code)
        [token] = server.issued_tokens("alice")
        assert token.revoked
