"""The Mastodon test server, driven through the real Mastodon.py over HTTP.

These tests pin down both sides: that the server answers the way the Mastodon API documentation
says, and which Mastodon.py 2.3.3 exception each server behaviour and injected fault becomes, so
SafeDesk's own tests can rely on both. Mastodon.py has no PKCE parameters, so PKCE is added the
way SafeDesk adds it: the challenge on the authorize URL, the verifier on the token request
(here through a requests.Session that Mastodon.py is given).
"""

from __future__ import annotations

import base64
import hashlib
import secrets
import time
import warnings
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import urlencode

import pytest
import requests
from mastodon import (
    Mastodon,
    MastodonAPIError,
    MastodonBadGatewayError,
    MastodonGatewayTimeoutError,
    MastodonIllegalArgumentError,
    MastodonInternalServerError,
    MastodonNetworkError,
    MastodonNotFoundError,
    MastodonRatelimitError,
    MastodonServiceUnavailableError,
    MastodonUnauthorizedError,
)

from tests.servers.mastodon_server import MastodonTestServer, browser_visit

REDIRECT = "http://127.0.0.1:8765/callback"
OOB = "urn:ietf:wg:oauth:2.0:oob"
SCOPES = ["read", "write"]
PNG = b"\x89PNG\r\n\x1a\n" + bytes(64)
FAMILY = "\U0001f468\u200d\U0001f469\u200d\U0001f467\u200d\U0001f466"  # one grapheme


class PkceSession(requests.Session):
    """Adds ``code_verifier`` to the token request, which Mastodon.py cannot do itself."""

    def __init__(self, verifier: str | None) -> None:
        super().__init__()
        self.verifier = verifier

    def request(  # type: ignore[override]
        self, method: str, url: str, *args: Any, **kwargs: Any
    ) -> requests.Response:
        data = kwargs.get("data")
        if self.verifier is not None and url.endswith("/oauth/token") and isinstance(data, dict):
            kwargs["data"] = {**data, "code_verifier": self.verifier}
        return super().request(method, url, *args, **kwargs)


def pkce_pair() -> tuple[str, str]:
    verifier = secrets.token_urlsafe(48)
    digest = hashlib.sha256(verifier.encode()).digest()
    return verifier, base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


def client(
    server: MastodonTestServer,
    token: str | None = None,
    *,
    timeout: float = 5.0,
    **options: Any,
) -> Mastodon:
    options.setdefault("version_check_mode", "none")
    return Mastodon(
        access_token=token,
        api_base_url=server.url,
        ratelimit_method="throw",
        request_timeout=timeout,
        **options,
    )


@pytest.fixture
def server() -> Iterator[MastodonTestServer]:
    with MastodonTestServer() as running:
        yield running
        assert running.crashes == []


@pytest.fixture
def alice(server: MastodonTestServer) -> Mastodon:
    return client(server, server.create_user("alice"))


def authorize(
    server: MastodonTestServer, redirect: str = REDIRECT, challenge: str | None = None
) -> tuple[Mastodon, str, str]:
    """Register an app, open its authorize URL in the "browser", return (api, code, state)."""
    client_id, secret = Mastodon.create_app(
        "SafeDesk", scopes=SCOPES, redirect_uris=redirect, api_base_url=server.url
    )
    verifier_session = PkceSession(None)
    api = Mastodon(client_id=client_id, client_secret=secret, api_base_url=server.url,
                   ratelimit_method="throw", request_timeout=5, session=verifier_session)
    state = secrets.token_urlsafe(16)
    url = api.auth_request_url(redirect_uris=redirect, scopes=SCOPES, state=state, allow_http=True)
    if challenge is not None:
        url += "&" + urlencode({"code_challenge": challenge, "code_challenge_method": "S256"})
    visit = browser_visit(url)
    if redirect == OOB:
        assert visit.status == 200
        return api, visit.oob_code() or "", state
    assert visit.status == 302
    assert visit.location is not None
    assert visit.location.startswith(redirect + "?")
    return api, visit.redirect_params()["code"], visit.redirect_params()["state"]


def log_in(api: Mastodon, code: str, verifier: str | None, redirect: str = REDIRECT) -> str:
    session = api.session
    assert isinstance(session, PkceSession)
    session.verifier = verifier
    return str(api.log_in(code=code, redirect_uri=redirect, scopes=SCOPES, allow_http=True))


# --- OAuth ------------------------------------------------------------------------------------


def test_app_registration_and_pkce_login(server: MastodonTestServer) -> None:
    verifier, challenge = pkce_pair()
    api, code, state = authorize(server, challenge=challenge)
    assert state
    token = log_in(api, code, verifier)
    assert token == api.access_token
    me = api.account_verify_credentials()
    assert me.username == "alice"
    assert me.source.privacy == "public"
    assert set(server.accounts) == {"alice"}


def test_pkce_missing_or_wrong_verifier_is_refused(server: MastodonTestServer) -> None:
    verifier, challenge = pkce_pair()
    api, code, _ = authorize(server, challenge=challenge)
    with pytest.raises(MastodonIllegalArgumentError, match="invalid_request"):
        log_in(api, code, None)
    with pytest.raises(MastodonIllegalArgumentError, match="invalid_grant"):
        log_in(api, code, pkce_pair()[0])
    log_in(api, code, verifier)  # failed attempts did not use the code up
    with pytest.raises(MastodonIllegalArgumentError, match="invalid_grant"):
        log_in(api, code, verifier)  # but success did


def test_authorize_url_over_http_needs_allow_http(server: MastodonTestServer) -> None:
    client_id, secret = Mastodon.create_app("SafeDesk", scopes=SCOPES, redirect_uris=REDIRECT,
                                            api_base_url=server.url)
    api = Mastodon(client_id=client_id, client_secret=secret, api_base_url=server.url)
    with pytest.raises(MastodonIllegalArgumentError, match="https"):
        api.auth_request_url(redirect_uris=REDIRECT, scopes=SCOPES)


def test_without_oauth_metadata_no_allow_http_is_needed() -> None:
    with MastodonTestServer(oauth_metadata=False) as old_server:
        url = old_server.url
        client_id, secret = Mastodon.create_app("SafeDesk", scopes=SCOPES, api_base_url=url)
        api = Mastodon(client_id=client_id, client_secret=secret, api_base_url=url)
        code = browser_visit(api.auth_request_url(scopes=SCOPES)).oob_code()
        assert code is not None
        api.log_in(code=code, scopes=SCOPES)
        assert api.me().username == "alice"


def test_oob_flow_shows_the_code_on_a_page(server: MastodonTestServer) -> None:
    api, code, _ = authorize(server, redirect=OOB)
    assert code
    log_in(api, code, None, redirect=OOB)
    assert api.account_verify_credentials().username == "alice"


def test_authorize_refusals_redirect_with_an_error(server: MastodonTestServer) -> None:
    api, _, _ = authorize(server)
    url = api.auth_request_url(redirect_uris=REDIRECT, scopes=SCOPES, state="s", allow_http=True)
    plain = browser_visit(url + "&code_challenge=abc&code_challenge_method=plain")
    assert plain.redirect_params()["error"] == "invalid_request"
    assert plain.redirect_params()["state"] == "s"
    server.set_consent(approve=False)
    assert browser_visit(url).redirect_params()["error"] == "access_denied"
    server.set_authorizing_user("bob")
    server.set_consent(approve=True)
    code = browser_visit(url).redirect_params()["code"]
    log_in(api, code, None)
    assert api.me().username == "bob"


def test_revoked_token_is_unauthorized(server: MastodonTestServer) -> None:
    token = server.create_user("alice")
    api = client(server, token)
    api.status_post("before")
    server.revoke(token)
    with pytest.raises(MastodonUnauthorizedError) as caught:
        api.status_post("after")
    assert caught.value.args[1:] == (401, "Unauthorized", "The access token was revoked")


def test_app_revokes_its_own_token(server: MastodonTestServer) -> None:
    api, code, _ = authorize(server)
    token = log_in(api, code, None)
    api.revoke_access_token(allow_http=True)
    with pytest.raises(MastodonUnauthorizedError):
        client(server, token).account_verify_credentials()


def test_app_only_token_and_narrow_scopes(server: MastodonTestServer) -> None:
    client_id, secret = Mastodon.create_app("SafeDesk", scopes=SCOPES, api_base_url=server.url)
    # Mastodon.py has no client_credentials call; this one token request uses requests directly.
    grant = {"grant_type": "client_credentials", "client_id": client_id,
             "client_secret": secret, "scope": "read"}
    app_token = requests.post(f"{server.url}/oauth/token", data=grant, timeout=5).json()
    app_api = client(server, app_token["access_token"])
    assert app_api.instance_v2().configuration.statuses.max_characters == 500
    with pytest.raises(MastodonAPIError, match="requires an authenticated user"):
        app_api.account_verify_credentials()
    reader = client(server, server.create_user("carol", scopes="read"))
    with pytest.raises(MastodonAPIError) as caught:
        reader.status_post("hi")
    assert caught.value.args[1] == 403


# --- instance ---------------------------------------------------------------------------------


def test_instance_v1_and_v2_limits(server: MastodonTestServer, alice: Mastodon) -> None:
    v1, v2 = alice.instance_v1(), alice.instance_v2()
    assert v1.version == v2.version == "4.4.3"
    statuses = v2.configuration.statuses
    assert (statuses.max_characters, statuses.characters_reserved_per_url) == (500, 23)
    assert statuses.max_media_attachments == 4
    assert v2.configuration.media_attachments.description_limit == 1500
    assert v1.configuration.statuses.max_characters == 500
    server.set_max_characters(1000)
    assert alice.instance_v2().configuration.statuses.max_characters == 1000
    for path in ("/api/v1/instance", "/api/v1/instance/", "/api/v2/instance"):
        assert browser_visit(server.url + path).status == 200


def test_version_detection_works_without_warnings(server: MastodonTestServer) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        api = client(server, server.create_user("alice"), version_check_mode="created")
        assert api.retrieve_mastodon_version() == "4.4.3"
        assert api.mastodon_api_version == 6
        assert api.status_post("checked").content == "<p>checked</p>"


# --- statuses ---------------------------------------------------------------------------------


def test_post_read_edit_delete(server: MastodonTestServer, alice: Mastodon) -> None:
    posted = alice.status_post(
        "Hi <b>all</b> & see https://example.org/x",
        spoiler_text="cw",
        language="de",
        visibility="unlisted",
    )
    assert posted.content.startswith("<p>Hi &lt;b&gt;all&lt;/b&gt; &amp; see <a href=")
    assert (posted.spoiler_text, posted.language, posted.visibility) == ("cw", "de", "unlisted")
    assert posted.sensitive is True  # a content warning makes the post sensitive
    assert posted.url == f"{server.url}/@alice/{posted.id}"
    assert posted.edited_at is None
    assert posted.created_at.tzinfo is not None
    assert alice.status(posted.id).content == posted.content

    edited = alice.status_update(posted.id, "Hi again", spoiler_text="")
    assert (edited.content, edited.spoiler_text) == ("<p>Hi again</p>", "")
    assert edited.visibility == "unlisted"  # an edit never changes visibility
    assert edited.edited_at is not None

    deleted = alice.status_delete(posted.id)
    assert deleted.text == "Hi again"
    with pytest.raises(MastodonNotFoundError):
        alice.status(posted.id)
    assert server.statuses_for("alice") == []
    assert server.statuses_for("alice", include_deleted=True)[0]["deleted"] is True


def test_ownership_visibility_and_replies(server: MastodonTestServer, alice: Mastodon) -> None:
    bob = client(server, server.create_user("bob"))
    public = alice.status_post("public")
    private = alice.status_post("followers only", visibility="private")
    # Mastodon finds a status to edit or delete among the caller's own: another's is 404.
    for attempt in (lambda: bob.status_update(public.id, "mine now"),
                    lambda: bob.status_delete(public.id)):
        with pytest.raises(MastodonNotFoundError) as caught:
            attempt()
        assert caught.value.args[1:] == (404, "Not Found", "Record not found")
    assert alice.status(public.id).content == "<p>public</p>"
    with pytest.raises(MastodonNotFoundError):
        bob.status(private.id)
    reply = bob.status_post("@alice hello", in_reply_to_id=public.id)
    assert reply.in_reply_to_id == public.id
    assert reply.mentions[0].username == "alice"
    assert alice.status(public.id).replies_count == 1
    with pytest.raises(MastodonNotFoundError):
        bob.status_post("to nothing", in_reply_to_id="123")


def test_idempotency_key_gives_one_status(server: MastodonTestServer, alice: Mastodon) -> None:
    first = alice.status_post("once", idempotency_key="key-1")
    again = alice.status_post("once", idempotency_key="key-1")
    other = alice.status_post("once", idempotency_key="key-2")
    assert first.id == again.id != other.id
    assert len(server.statuses_for("alice")) == 2
    # Mastodon keys idempotency by account, so another token of the same account gets it too.
    second_device = client(server, server.create_user("alice"))
    assert second_device.status_post("once", idempotency_key="key-1").id == first.id
    alice.status_delete(first)
    with pytest.raises(MastodonNotFoundError):
        alice.status_post("once", idempotency_key="key-1")


def test_account_lookup_and_statuses_paging(server: MastodonTestServer, alice: Mastodon) -> None:
    ids = [alice.status_post(f"post {n}").id for n in range(3)]
    me = alice.account_lookup("alice")
    with pytest.raises(MastodonNotFoundError):
        alice.account_lookup("nobody")
    page = alice.account_statuses(me.id, limit=2)
    assert [s.id for s in page] == [ids[2], ids[1]]
    rest = alice.fetch_next(page)
    assert rest is not None
    assert [s.id for s in rest] == [ids[0]]


def test_scheduled_status(server: MastodonTestServer, alice: Mastodon) -> None:
    later = datetime.now(UTC) + timedelta(minutes=10)
    scheduled = alice.status_post("later", scheduled_at=later)
    assert scheduled.params.text == "later"
    assert abs((scheduled.scheduled_at - later).total_seconds()) < 1
    assert len(server.scheduled_for("alice")) == 1
    assert server.statuses_for("alice") == []
    with pytest.raises(MastodonAPIError, match="must be in the future"):
        alice.status_post("too soon", scheduled_at=datetime.now(UTC) + timedelta(minutes=2))
    alice.status_post("overdue", scheduled_at=datetime.now(UTC) - timedelta(minutes=1))
    assert [s["text"] for s in server.statuses_for("alice")] == ["overdue"]  # posted at once


# --- the character limit ----------------------------------------------------------------------


def test_over_the_limit_is_422(alice: Mastodon) -> None:
    alice.status_post("a" * 500)
    with pytest.raises(MastodonAPIError) as caught:
        alice.status_post("a" * 501)
    # The reason phrase is Python's own (3.13 renamed 422 "Unprocessable Content"); code and error
    # are what clients read.
    status, _reason, error = caught.value.args[1:]
    assert (status, error) == (422, "Validation failed: Text character limit of 500 exceeded")


@pytest.mark.parametrize(
    ("text", "spoiler", "fits"),
    [
        ("a" * 476 + " https://example.org/" + "p" * 300, "", True),  # URL counts as 23
        ("a" * 477 + " https://example.org/" + "p" * 300, "", False),
        (FAMILY * 500, "", True),  # a ZWJ family emoji is one character
        (FAMILY * 501, "", False),
        ("\U0001f1e9\U0001f1ea" * 500, "", True),  # flags are one character
        ("e\u0301" * 500, "", True),  # combining accent
        ("@bob@mastodon.example " + "a" * 495, "", True),  # remote mention counts as @bob
        ("@bob@mastodon.example " + "a" * 496, "", False),
        ("a" * 490, "b" * 10, True),  # the content warning counts too
        ("a" * 490, "b" * 11, False),
    ],
)
def test_length_is_counted_like_mastodon(
    alice: Mastodon, text: str, spoiler: str, fits: bool
) -> None:
    if fits:
        alice.status_post(text, spoiler_text=spoiler or None)
    else:
        with pytest.raises(MastodonAPIError, match="character limit of 500"):
            alice.status_post(text, spoiler_text=spoiler or None)


# --- media ------------------------------------------------------------------------------------


def test_async_media_must_finish_before_posting(
    server: MastodonTestServer, alice: Mastodon
) -> None:
    server.set_media_processing(always_async=True, polls=1)
    media = alice.media_post(PNG, mime_type="image/png", description="A cat on a mat")
    assert media.url is None
    with pytest.raises(MastodonAPIError) as caught:
        alice.status_post("look", media_ids=[media])
    assert caught.value.args[1] == 422
    assert "not finished processing" in caught.value.args[3]
    assert alice.media(media).url is None  # 206 Partial Content
    assert alice.media(media).url is not None  # 200 OK
    posted = alice.status_post("look", media_ids=[media])
    assert posted.media_attachments[0].description == "A cat on a mat"
    with pytest.raises(MastodonNotFoundError):
        alice.media(media)  # attached media is no longer the uploader's to fetch


def test_small_images_are_ready_at_once_and_alt_text_is_limited(alice: Mastodon) -> None:
    media = alice.media_post(PNG, mime_type="image/png")
    assert media.url is not None
    assert alice.media_update(media, description="d" * 1500).description == "d" * 1500
    with pytest.raises(MastodonAPIError, match="Description is too long"):
        alice.media_update(media, description="d" * 1501)
    with pytest.raises(MastodonAPIError, match="Cannot attach more than 4 files"):
        alice.status_post("many", media_ids=[media] * 5)


def test_edit_replaces_text_and_media(server: MastodonTestServer, alice: Mastodon) -> None:
    first = alice.media_post(PNG, mime_type="image/png", description="one")
    second = alice.media_post(PNG, mime_type="image/png", description="two")
    posted = alice.status_post("v1", media_ids=[first])
    edited = alice.status_update(posted, "v2", media_ids=[second])
    assert [m.description for m in edited.media_attachments] == ["two"]
    assert server.statuses_for("alice")[0]["text"] == "v2"
    # media_attributes makes Mastodon.py send a JSON body
    alt = alice.generate_media_edit_attributes(second, description="two, better", focus=(0.5, 0))
    again = alice.status_update(posted, "v3", media_attributes=[alt])
    assert again.media_attachments[0].description == "two, better"
    assert again.media_attachments[0].meta.focus.x == 0.5


def test_media_processing_by_type_size_and_time(
    server: MastodonTestServer, alice: Mastodon
) -> None:
    server.set_media_processing(polls=None, seconds=None)  # only finish_media_processing() ends it
    video = alice.media_post(b"\0" * 10, mime_type="video/mp4")
    assert (video.type, video.url) == ("video", None)
    assert alice.media(video).url is None
    server.finish_media_processing(str(video.id))
    assert alice.media(video).url is not None
    server.set_media_processing(threshold=100, polls=None, seconds=0.3)
    assert alice.media_post(PNG, mime_type="image/png").url is not None  # small: synchronous
    big = alice.media_post(PNG + bytes(100), mime_type="image/png")
    assert big.url is None
    time.sleep(0.35)
    assert alice.media(big).url is not None


# --- faults -----------------------------------------------------------------------------------


def test_rate_limit_headers_and_429(server: MastodonTestServer, alice: Mastodon) -> None:
    alice.account_verify_credentials()
    assert (alice.ratelimit_limit, alice.ratelimit_remaining) == (300, 299)
    server.set_rate_limit(10, remaining=0)
    with pytest.raises(MastodonRatelimitError):
        alice.status_post("too fast")
    assert alice.ratelimit_remaining == 0
    assert alice.ratelimit_reset is not None
    assert alice.ratelimit_reset > time.time() + 200
    assert server.statuses_for("alice") == []


@pytest.mark.parametrize(
    ("status", "error"),
    [
        (500, MastodonInternalServerError),
        (502, MastodonBadGatewayError),
        (503, MastodonServiceUnavailableError),
        (504, MastodonGatewayTimeoutError),
        (401, MastodonUnauthorizedError),
        (404, MastodonNotFoundError),
        (422, MastodonAPIError),
    ],
)
def test_injected_errors(
    server: MastodonTestServer, alice: Mastodon, status: int, error: type[Exception]
) -> None:
    server.fail_next("POST", "/api/v1/statuses", status)
    with pytest.raises(error) as caught:
        alice.status_post("hello")
    assert caught.value.args[1] == status
    assert server.statuses_for("alice") == []
    alice.status_post("hello")  # the fault was used up


def test_malformed_json(server: MastodonTestServer, alice: Mastodon) -> None:
    server.malformed_next("POST", "/api/v1/statuses")
    with pytest.raises(MastodonAPIError, match="Could not parse response as JSON"):
        alice.status_post("lost")
    assert server.statuses_for("alice") == []
    server.malformed_next("POST", "/api/v1/statuses", commit=True)
    with pytest.raises(MastodonAPIError, match="Could not parse response as JSON"):
        alice.status_post("kept")
    assert [s["text"] for s in server.statuses_for("alice")] == ["kept"]


def test_timeout_after_commit_leaves_the_post(server: MastodonTestServer) -> None:
    impatient = client(server, server.create_user("alice"), timeout=0.5)
    server.accept_then_stall("POST", "/api/v1/statuses", seconds=3)
    with pytest.raises(MastodonNetworkError):
        impatient.status_post("did it post?", idempotency_key="attempt-1")
    stored = server.statuses_for("alice")
    assert [s["text"] for s in stored] == ["did it post?"]
    retried = impatient.status_post("did it post?", idempotency_key="attempt-1")
    assert retried.id == stored[0]["id"]
    assert len(server.statuses_for("alice")) == 1


def test_dropped_connection(server: MastodonTestServer, alice: Mastodon) -> None:
    server.drop_next("POST", "/api/v1/statuses")
    with pytest.raises(MastodonNetworkError):
        alice.status_post("gone")
    assert server.requests[-1].status is None
    assert server.statuses_for("alice") == []
