"""Exactly once on a Mastodon-API server, through the real Mastodon.py: look before sending
again, never send blind, and hold up when the server ignores Idempotency-Key (Takahē) or is
still working on the first request when a repeat arrives (Mastodon's own race)."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest

from safedesk.core.errors import CheckFailedError, OutcomeUnknownError, ServerFailureError
from safedesk.core.platform import EarlierAttempt, PostRequest
from safedesk.core.ports import CredentialStore
from safedesk.platforms.mastodon_client import SETTLE_S
from tests.servers.fake_credentials import credential_store
from tests.servers.mastodon_server import MastodonTestServer
from tests.test_mastodon_adapter import connect, posts_to


@pytest.fixture
def server() -> Iterator[MastodonTestServer]:
    """A server that ignores Idempotency-Key, as Takahē does: only looking prevents a second
    post here."""
    with MastodonTestServer() as running:
        running.honour_idempotency(False)
        yield running
        assert running.crashes == []


@pytest.fixture
def credentials() -> CredentialStore:
    return credential_store()


def request(text: str, *, earlier: EarlierAttempt | None = None, key: str = "") -> PostRequest:
    return PostRequest(text=text, idempotency_key=key or str(uuid.uuid4()),
                       earlier_attempt=earlier)


def earlier_attempt(*, seconds_ago: float = 600.0, first_ago: float = 600.0,
                    knowingly: bool = False, unanswered: bool = True) -> EarlierAttempt:
    now = datetime.now(UTC)
    return EarlierAttempt(first_at=now - timedelta(seconds=first_ago),
                          last_at=now - timedelta(seconds=seconds_ago),
                          knowingly=knowingly, unanswered=unanswered)


def test_the_server_really_ignores_the_key(server: MastodonTestServer,
                                           credentials: CredentialStore) -> None:
    client, _ = connect(server, credentials)
    same = request("twice?")
    client.publish(same)
    client.publish(same)
    assert len(server.statuses_for("alice")) == 2  # so the tests below prove the look


def test_a_retry_after_a_crash_finds_the_post_and_sends_nothing(
        server: MastodonTestServer, credentials: CredentialStore) -> None:
    client, _ = connect(server, credentials)
    first = client.publish(request("Bins are collected on Friday this week."))
    # A new process after a crash: a fresh client that has never seen that status.
    again, _ = connect(server, credentials)
    found = again.publish(request("Bins are collected on Friday this week.",
                                  earlier=earlier_attempt()))
    assert found.ref == first.ref
    assert len(server.statuses_for("alice")) == 1
    assert posts_to(server) == 1


def test_a_post_further_back_than_one_page_is_still_found(
        server: MastodonTestServer, credentials: CredentialStore) -> None:
    client, _ = connect(server, credentials)
    wanted = client.publish(request("The one that went out before the crash."))
    for n in range(45):  # more than one page of 40 since
        client.publish(request(f"Later post {n}"))
    again, _ = connect(server, credentials)
    found = again.publish(request("The one that went out before the crash.",
                                  earlier=earlier_attempt()))
    assert found.ref == wanted.ref
    assert len(server.statuses_for("alice")) == 46


def test_when_looking_fails_nothing_is_sent(server: MastodonTestServer,
                                            credentials: CredentialStore) -> None:
    client, _ = connect(server, credentials)
    server.fail_next("GET", "/api/v1/accounts/", 500)
    with pytest.raises(CheckFailedError, match="could not check") as caught:
        client.publish(request("Maybe out", earlier=earlier_attempt()))
    assert "confirm it went out" in str(caught.value)
    assert posts_to(server) == 0


def test_absent_after_a_recent_unanswered_attempt_waits_before_sending(
        server: MastodonTestServer, credentials: CredentialStore) -> None:
    client, _ = connect(server, credentials)
    with pytest.raises(OutcomeUnknownError, match="may still be working on it"):
        client.publish(request("Slow server", earlier=earlier_attempt(seconds_ago=5)))
    assert posts_to(server) == 0
    assert SETTLE_S <= 600
    post = client.publish(request("Slow server", earlier=earlier_attempt()))  # long since
    assert [s["id"] for s in server.statuses_for("alice")] == [post.ref.remote_id]


def test_absent_after_a_definite_failure_is_sent_at_once(
        server: MastodonTestServer, credentials: CredentialStore) -> None:
    client, _ = connect(server, credentials)
    client.publish(request("After a 503", earlier=earlier_attempt(seconds_ago=1,
                                                                   unanswered=False)))
    assert len(server.statuses_for("alice")) == 1


def test_sending_again_knowingly_skips_the_look(server: MastodonTestServer,
                                                credentials: CredentialStore) -> None:
    client, _ = connect(server, credentials)
    server.fail_next("GET", "/api/v1/accounts/", 500, times=5)
    client.publish(request("The person checked: not there", earlier=earlier_attempt(
        seconds_ago=1, knowingly=True)))
    assert len(server.statuses_for("alice")) == 1


def test_timeout_after_commit_finds_the_post(server: MastodonTestServer,
                                             credentials: CredentialStore) -> None:
    client, _ = connect(server, credentials, timeout=0.5)
    server.accept_then_stall("POST", "/api/v1/statuses", seconds=3)
    post = client.publish(request("did it post? @bob@elsewhere.example\n\nyes"))
    [stored] = server.statuses_for("alice")
    assert post.ref.remote_id == stored["id"]


def test_unreadable_answer_after_commit_is_found(server: MastodonTestServer,
                                                 credentials: CredentialStore) -> None:
    client, _ = connect(server, credentials, know_id=False)  # the look asks me() who it is
    server.malformed_next("POST", "/api/v1/statuses", commit=True)
    post = client.publish(request("kept"))
    assert post.ref.remote_id == server.statuses_for("alice")[0]["id"]


def test_no_answer_and_not_there_is_unknown_and_never_sent_twice_in_one_go(
        server: MastodonTestServer, credentials: CredentialStore) -> None:
    client, token = connect(server, credentials)
    server.drop_next("POST", "/api/v1/statuses")  # dropped before the server made it
    with pytest.raises(OutcomeUnknownError, match="not on the account yet") as caught:
        client.publish(request("lost"))
    assert server.statuses_for("alice") == []
    assert token not in str(caught.value)


def test_a_timeout_then_a_failed_look_is_unknown_not_a_second_post(
        server: MastodonTestServer, credentials: CredentialStore) -> None:
    """The frozen-server case: no answer, and the look fails too. Nothing more is sent, and the
    message says SafeDesk could not look (not that the post is absent)."""
    client, _ = connect(server, credentials, timeout=0.5)
    server.accept_then_stall("POST", "/api/v1/statuses", seconds=3)
    server.fail_next("GET", "/api/v1/accounts/", 503)
    with pytest.raises(CheckFailedError, match="could not check"):
        client.publish(request("frozen"))
    assert len(server.statuses_for("alice")) == 1


def test_a_5xx_with_the_post_absent_is_a_server_failure(
        server: MastodonTestServer, credentials: CredentialStore) -> None:
    client, _ = connect(server, credentials)
    server.fail_next("POST", "/api/v1/statuses", 503)
    with pytest.raises(ServerFailureError):
        client.publish(request("503"))
    assert server.statuses_for("alice") == []


def test_a_repeat_during_the_servers_work_is_not_sent(server: MastodonTestServer,
                                                      credentials: CredentialStore) -> None:
    """Mastodon's race: the first request is still being processed when SafeDesk gives up on
    it. The look does not see it yet, and SafeDesk does not send a repeat that would slip
    past the key; the next check finds the first one."""
    server.honour_idempotency(True)
    server.set_posting_work(1.5)
    client, _ = connect(server, credentials, timeout=0.5)
    with pytest.raises(OutcomeUnknownError):
        client.publish(request("slow to make", key="k-race"))
    server.set_posting_work(0)
    import time

    deadline = time.monotonic() + 5
    while not server.statuses_for("alice") and time.monotonic() < deadline:
        time.sleep(0.05)
    later = client.publish(request("slow to make", key="k-race",
                                   earlier=earlier_attempt(seconds_ago=5)))
    assert [s["id"] for s in server.statuses_for("alice")] == [later.ref.remote_id]


def test_an_earlier_identical_post_of_safedesk_is_not_taken_for_this_one(
        server: MastodonTestServer, credentials: CredentialStore) -> None:
    client, _ = connect(server, credentials)
    old = client.publish(request("same words"))
    recorded = {old.ref.remote_id}
    fresh, _ = connect(server, credentials)
    attempt = EarlierAttempt(first_at=datetime.now(UTC) - timedelta(seconds=600),
                             last_at=datetime.now(UTC) - timedelta(seconds=600),
                             is_recorded=recorded.__contains__)
    new = fresh.publish(request("same words", earlier=attempt))
    assert new.ref != old.ref
    assert len(server.statuses_for("alice")) == 2


def test_rendering_that_differs_is_compared_by_source(server: MastodonTestServer,
                                                      credentials: CredentialStore,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """Servers render HTML differently; when the rendered text does not match, the source
    text decides."""
    from safedesk.platforms import mastodon_lookup

    client, _ = connect(server, credentials)
    first = client.publish(request("Road closed: see council site"))
    monkeypatch.setattr(mastodon_lookup, "html_to_text", lambda _html: "rendered otherwise")
    again, _ = connect(server, credentials)
    found = again.publish(request("Road closed: see council site", earlier=earlier_attempt()))
    assert found.ref == first.ref
    assert any(r.path.endswith("/source") for r in server.requests)
