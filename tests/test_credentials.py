"""Secrets in the real Secret Service (gnome-keyring, started by scripts/test.sh), or nowhere."""

from __future__ import annotations

import logging
import os
import uuid

import keyring.backend
import keyring.backends.fail
import keyring.errors
import pytest

from safedesk.core.errors import CredentialsUnavailableError
from safedesk.credentials import KeyringCredentials

needs_secret_service = pytest.mark.skipif(
    not os.environ.get("SAFEDESK_TEST_SECRET_SERVICE"),
    reason="needs the Secret Service that scripts/test.sh starts",
)


@pytest.fixture
def secret_service() -> KeyringCredentials:
    from keyring.backends.SecretService import Keyring as SecretServiceKeyring

    backend = SecretServiceKeyring()
    if backend.priority <= 0:  # type: ignore[operator]
        pytest.fail("The Secret Service is not reachable; scripts/test.sh should have started it.")
    return KeyringCredentials(backend, service=f"SafeDesk-test-{uuid.uuid4()}")


@needs_secret_service
def test_round_trip_through_the_real_secret_service(secret_service: KeyringCredentials) -> None:
    assert secret_service.backend_name.endswith("SecretService.Keyring")
    secret_service.put("acc-1", "session", "s3cr3t-\u00e9\U0001f511")
    secret_service.put("acc-2", "session", "other")
    assert secret_service.get("acc-1", "session") == "s3cr3t-\u00e9\U0001f511"
    assert secret_service.get("acc-2", "session") == "other"
    secret_service.put("acc-1", "session", "rotated")
    assert secret_service.get("acc-1", "session") == "rotated"
    secret_service.delete("acc-1", "session")
    assert secret_service.get("acc-1", "session") is None
    secret_service.delete("acc-1", "session")  # deleting twice is fine
    assert secret_service.check() is None


def test_the_fail_backend_gives_the_typed_error_with_advice() -> None:
    credentials = KeyringCredentials(keyring.backends.fail.Keyring())
    for call in (lambda: credentials.put("a", "token", "x"),
                 lambda: credentials.get("a", "token"),
                 lambda: credentials.delete("a", "token")):
        with pytest.raises(CredentialsUnavailableError, match="install and unlock a Secret Service"):
            call()
    assert credentials.check() is not None


class PlaintextLookalike(keyring.backend.KeyringBackend):
    """Stands in for keyrings.alt's plaintext file backend, which must never be used."""

    __module__ = "keyrings.alt.file"
    priority = 1  # type: ignore[assignment]

    def get_password(self, service: str, username: str) -> str | None:
        raise AssertionError("must not be called")

    def set_password(self, service: str, username: str, password: str) -> None:
        raise AssertionError("must not be called")

    def delete_password(self, service: str, username: str) -> None:
        raise AssertionError("must not be called")


def test_a_plaintext_backend_is_refused_not_used() -> None:
    with pytest.raises(CredentialsUnavailableError, match="stores nothing safely"):
        KeyringCredentials(PlaintextLookalike()).put("a", "token", "x")


class LeakyBackend(keyring.backend.KeyringBackend):
    """A backend whose errors echo the secret, as some do."""

    priority = 1  # type: ignore[assignment]

    def get_password(self, service: str, username: str) -> str | None:
        raise keyring.errors.KeyringLocked("collection is locked")

    def set_password(self, service: str, username: str, password: str) -> None:
        raise keyring.errors.PasswordSetError(f"could not store {password}")

    def delete_password(self, service: str, username: str) -> None:
        raise keyring.errors.PasswordDeleteError("gone")


def test_secrets_never_reach_messages_or_logs(caplog: pytest.LogCaptureFixture) -> None:
    credentials = KeyringCredentials(LeakyBackend())
    caplog.set_level(logging.DEBUG)
    with pytest.raises(CredentialsUnavailableError) as raised:
        credentials.put("acc", "token", "TOP-SECRET-TOKEN")
    assert "TOP-SECRET-TOKEN" not in str(raised.value)
    assert raised.value.__cause__ is None
    assert raised.value.__suppress_context__
    assert "TOP-SECRET-TOKEN" not in caplog.text


def test_a_locked_collection_says_so() -> None:
    with pytest.raises(CredentialsUnavailableError, match="locked"):
        KeyringCredentials(LeakyBackend()).get("acc", "token")


def test_a_chain_of_backends_is_reduced_to_its_best_safe_member() -> None:
    from keyring.backends.chainer import ChainerBackend

    from safedesk.credentials import preferred_backend

    class Chain(ChainerBackend):
        def __init__(self, members: list[keyring.backend.KeyringBackend]) -> None:
            self._members = members

        @property
        def backends(self) -> list[keyring.backend.KeyringBackend]:
            return self._members

    chosen = preferred_backend(Chain([PlaintextLookalike(), LeakyBackend()]))
    assert isinstance(chosen, LeakyBackend)  # the plaintext one is never a candidate
    with pytest.raises(CredentialsUnavailableError):
        KeyringCredentials(preferred_backend(Chain([PlaintextLookalike()]))).get("a", "token")


def test_the_backend_is_found_on_first_use_and_an_unsafe_one_is_still_refused(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Start-up never waits for keyring to find its backend; the first put/get/delete does, and
    it refuses the fail backend then exactly as when the backend was found at once."""
    looked: list[str] = []

    def found() -> keyring.backend.KeyringBackend:
        looked.append("found")
        return keyring.backends.fail.Keyring()

    monkeypatch.setattr(keyring, "get_keyring", found)
    credentials = KeyringCredentials()
    assert looked == []  # not at construction, which app.build does before the window shows
    with pytest.raises(CredentialsUnavailableError, match="stores nothing safely"):
        credentials.get("acc", "token")
    with pytest.raises(CredentialsUnavailableError, match="stores nothing safely"):
        credentials.put("acc", "token", "x")
    assert looked == ["found"]  # looked up once, then kept
    assert credentials.backend_name == "keyring.backends.fail.Keyring"
