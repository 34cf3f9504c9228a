"""Signing in and out of Bluesky against the real reference PDS."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from safedesk.core.errors import (
    ConnectionFailedError,
    InvalidInputError,
    RateLimitedError,
    SignedOutError,
)
from safedesk.core.models import ServerLimits
from safedesk.platforms.bluesky_signin import (
    MAIN_LOGIN_WARNING,
    SECRET_KINDS,
    normalise_identifier,
    normalise_server_url,
    sign_in,
    sign_out,
)
from tests.bluesky_support import Traffic, main_session, open_desk
from tests.servers.fake_credentials import credential_store
from tests.servers.pds_harness import PdsServer, free_loopback_port


def test_sign_in_with_an_app_password(pds: PdsServer) -> None:
    owner = pds.create_account("signin")
    assert owner.app_password is not None
    traffic = Traffic()
    identity = sign_in(pds.url, f"  @{owner.handle.upper()} ", owner.app_password,
                       transport=traffic)
    assert (identity.server, identity.handle, identity.did) == (pds.url, owner.handle, owner.did)
    assert identity.remote_id == owner.did
    assert identity.display_name == ""
    assert identity.limits == ServerLimits(max_characters=300, url_weight=0, max_images=4)
    assert identity.warnings == ()
    assert identity.session_string.startswith(f"{owner.handle}:::{owner.did}:::")
    assert identity.session_string not in repr(identity)
    assert traffic.count("com.atproto.server.createSession") == 1
    assert SECRET_KINDS == ("session",)


def test_sign_in_with_a_did_and_read_the_display_name(pds: PdsServer) -> None:
    owner = pds.create_account("named")
    assert owner.app_password is not None
    main = main_session(pds, owner)
    profile = pds.xrpc_post("com.atproto.repo.putRecord", {
        "repo": owner.did, "collection": "app.bsky.actor.profile", "rkey": "self",
        "record": {"$type": "app.bsky.actor.profile", "displayName": "Council Press Office"},
    }, access_jwt=main["accessJwt"])
    assert profile.status_code == 200, profile.text
    identity = sign_in(pds.url, owner.did, owner.app_password)
    assert (identity.handle, identity.display_name) == (owner.handle, "Council Press Office")


def test_the_main_password_works_but_brings_a_warning(pds: PdsServer) -> None:
    owner = pds.create_account("mainpw", app_password=False)
    identity = sign_in(pds.url, owner.handle, owner.password)
    assert identity.warnings == (MAIN_LOGIN_WARNING,)
    assert "app password" in str(MAIN_LOGIN_WARNING)


def test_a_wrong_password_is_refused_clearly(pds: PdsServer) -> None:
    owner = pds.create_account("wrongpw")
    with pytest.raises(SignedOutError, match="did not accept that handle and app password"):
        sign_in(pds.url, owner.handle, "abcd-efgh-ijkl-mnop")


def test_a_handle_that_does_not_exist_is_named(pds: PdsServer) -> None:
    with pytest.raises(InvalidInputError, match=r"cannot find the handle @nobody-at-all\.test"):
        sign_in(pds.url, "nobody-at-all.test", "abcd-efgh-ijkl-mnop")


@pytest.mark.parametrize("typed", ["", "  ", "jo", "jo..test", "@", "https://bsky.app/profile/jo"])
def test_what_is_not_a_handle_is_refused_before_any_request(typed: str) -> None:
    with pytest.raises(InvalidInputError):
        normalise_identifier(typed)


def test_handles_and_dids_are_normalised() -> None:
    assert normalise_identifier(" @Jo.Bsky.Social ") == "jo.bsky.social"
    assert normalise_identifier("did:plc:abc123") == "did:plc:abc123"


@pytest.mark.parametrize(("typed", "expected"), [
    ("bsky.social", "https://bsky.social"),
    (" https://bsky.social/ ", "https://bsky.social"),
    ("HTTPS://PDS.Example.ORG:8443", "https://pds.example.org:8443"),
    ("http://127.0.0.1:2583", "http://127.0.0.1:2583"),
    ("http://localhost:2583/", "http://localhost:2583"),
    ("[::1]:2583", "https://[::1]:2583"),
])
def test_server_addresses_are_normalised(typed: str, expected: str) -> None:
    assert normalise_server_url(typed) == expected


@pytest.mark.parametrize(("typed", "complaint"), [
    ("", "Enter the Bluesky server address"),
    ("http://bsky.social", "only talks to bsky.social over https"),
    ("htps://bsky.social", "must start with https://"),
    ("ftp://bsky.social", "must start with https://"),
    ("bsky social", "not a valid server name"),
    ("bsky", "not a valid server name"),
    ("bsky,social", "not a valid server name"),
    ("https://bsky.social/xrpc", "more than a server address"),
    ("https://bsky.social?x=1", "more than a server address"),
    ("https://jo:secret@bsky.social", "user name or password"),
    ("https://bsky.social:99999", "not a server address"),
])
def test_garbage_server_addresses_are_refused(typed: str, complaint: str) -> None:
    with pytest.raises(InvalidInputError, match=complaint):
        normalise_server_url(typed)


def test_an_unreachable_server_says_so() -> None:
    port = free_loopback_port()  # nothing listens there
    with pytest.raises(ConnectionFailedError, match=rf"could not reach http://127\.0\.0\.1:{port}"):
        sign_in(f"http://127.0.0.1:{port}", "jo.test", "abcd-efgh-ijkl-mnop")


class _NotFound(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        self._answer()

    def do_POST(self) -> None:
        self._answer()

    def _answer(self) -> None:
        body = b"<html>No such page</html>"
        self.send_response(404)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib's name
        pass


@pytest.fixture
def web_server() -> Iterator[str]:
    """An ordinary web server that is no Bluesky server: 404 for everything."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _NotFound)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_a_web_server_that_is_not_bluesky_is_named(web_server: str) -> None:
    with pytest.raises(InvalidInputError, match="does not look like a Bluesky server"):
        sign_in(web_server, "jo.example.org", "abcd-efgh-ijkl-mnop")


def test_sign_out_ends_the_session_and_forgets_it(pds: PdsServer) -> None:
    desk = open_desk(pds, "signout", credential_store())
    refresh_token = desk.session.split(":::")[3]
    result = sign_out(desk.account, desk.credentials)
    assert result.ended is True
    assert "Signed out of" in str(result.message) and "App passwords" in str(result.message)
    assert desk.credentials.get(desk.account.id, "session") is None
    refreshed = pds.xrpc_post("com.atproto.server.refreshSession", {}, access_jwt=refresh_token)
    assert refreshed.status_code == 400, refreshed.text
    again = sign_out(desk.account, desk.credentials)
    assert (again.ended, str(again.message)) == \
        (False, f"SafeDesk had no sign-in for @{desk.account.handle}.")
    with pytest.raises(SignedOutError):
        desk.reopen().fetch(desk.never_posted())


def test_sign_out_works_here_even_when_the_server_is_gone(pds: PdsServer) -> None:
    desk = open_desk(pds, "gone", credential_store())
    # The session knows its own server, so point it at a closed port to lose the server.
    handle, did, access, refresh, _ = desk.session.split(":::")
    dead = f"http://127.0.0.1:{free_loopback_port()}/xrpc"
    desk.credentials.put(desk.account.id, "session", ":::".join([handle, did, access, refresh, dead]))
    result = sign_out(replace(desk.account, server=dead), desk.credentials, timeout=2.0)
    assert result.ended is False and "could not be told" in str(result.message)
    assert desk.credentials.get(desk.account.id, "session") is None


def test_too_many_sign_ins_are_rate_limited(pds_rate_limited: PdsServer) -> None:
    owner = pds_rate_limited.create_account("limited")
    assert owner.app_password is not None

    def create_session(_: int) -> int:
        return pds_rate_limited.xrpc_post("com.atproto.server.createSession", {
            "identifier": owner.handle, "password": owner.app_password}).status_code

    # createSession allows 30 per handle in 5 minutes; use them up in parallel.
    with ThreadPoolExecutor(max_workers=8) as pool:
        statuses = list(pool.map(create_session, range(30)))
    assert set(statuses) == {200}
    with pytest.raises(RateLimitedError, match="slow down") as raised:
        sign_in(pds_rate_limited.url, owner.handle, owner.app_password)
    assert raised.value.reset_at is not None
    assert raised.value.reset_at > datetime.now(UTC)
