"""Account secrets in the operating system's keyring, and nowhere else.

If the keyring cannot be used (no Secret Service, the ``fail`` backend, a locked collection, or a
plaintext backend from ``keyrings.alt``), every call raises
:class:`~safedesk.core.errors.CredentialsUnavailableError` with what to do. There is deliberately no
fallback to a file: a token in a file is a token anyone with the laptop can post with.

Secrets never appear in exception messages: errors from the backend are re-raised with a message
of our own and without their cause chained.

Finding the backend is slow (keyring imports and asks every backend it knows whether it works, a
D-Bus round trip for the Secret Service), so it happens on first use, which is always off the GUI
thread (publishing, signing in), or when the window warms it up after it first paints; never
while SafeDesk starts. The unsafe backends are refused on every use, whenever it was found.
"""

from __future__ import annotations

import logging
import threading
from typing import TYPE_CHECKING

from safedesk.core.errors import CredentialsUnavailableError
from safedesk.core.messages import Message, msg

if TYPE_CHECKING:
    import keyring.backend

log = logging.getLogger(__name__)

SERVICE_NAME = "SafeDesk"

# keyrings.alt's "plaintext" keyring only base64-encodes; it and the null/fail backends are refused.
_REFUSED_MODULES = ("keyring.backends.fail", "keyring.backends.null", "keyrings.alt")

_WHAT_TO_DO = msg(
    "SafeDesk keeps account passwords and tokens only in the system keyring, and none is "
    "available. On Linux, install and unlock a Secret Service such as GNOME Keyring or KWallet "
    "(Debian: apt install gnome-keyring), sign out and in again, then retry."
)


def describe_backend(backend: keyring.backend.KeyringBackend) -> str:
    cls = type(backend)
    return f"{cls.__module__}.{cls.__qualname__}"


def backend_problem(backend: keyring.backend.KeyringBackend) -> Message | None:
    """Why this backend cannot hold SafeDesk's secrets, or None if it can."""
    module = type(backend).__module__
    if module.startswith(_REFUSED_MODULES):
        return msg("the keyring backend is {backend}, which stores nothing safely",
                   backend=describe_backend(backend))
    try:
        priority = float(backend.priority)
    except Exception:  # noqa: BLE001 - a backend's priority check may raise anything
        return msg("the keyring backend {backend} is not usable here",
                   backend=describe_backend(backend))
    if priority <= 0:
        return msg("the keyring backend {backend} is not usable here",
                   backend=describe_backend(backend))
    return None


def preferred_backend(backend: keyring.backend.KeyringBackend) -> keyring.backend.KeyringBackend:
    """One safe backend, never a chain.

    With several backends installed, keyring hands back a chainer that falls through to the next
    backend when one fails, which could mean a plaintext file when the Secret Service is locked.
    SafeDesk takes the chain apart and keeps only its best safe member.
    """
    from keyring.backends.chainer import ChainerBackend  # noqa: PLC0415 - loaded on first use

    if not isinstance(backend, ChainerBackend):
        return backend
    members = backend.backends
    if not members:
        return backend
    safe = [b for b in members if backend_problem(b) is None]
    return max(safe, key=lambda b: float(b.priority)) if safe else backend


class KeyringCredentials:
    """A :class:`~safedesk.core.ports.CredentialStore` backed by one keyring backend."""

    def __init__(self, backend: keyring.backend.KeyringBackend | None = None,
                 service: str = SERVICE_NAME) -> None:
        # None until first needed: then the system's, as keyring chooses it (see the module doc).
        self._backend = backend
        self._finding = threading.Lock()  # two workers' first uses look it up once
        self._service = service

    def backend(self) -> keyring.backend.KeyringBackend:
        """The backend in use, looked up on the first call (whichever thread makes it)."""
        with self._finding:
            if self._backend is None:
                import keyring  # noqa: PLC0415 - slow: never on the way to the first window

                self._backend = preferred_backend(keyring.get_keyring())
            return self._backend

    def warm(self) -> None:
        """Look the backend up now (off the GUI thread), so the first publish does not wait."""
        self.backend()

    @property
    def backend_name(self) -> str:
        return describe_backend(self.backend())

    def _usable(self) -> keyring.backend.KeyringBackend:
        backend = self.backend()
        problem = backend_problem(backend)
        if problem is not None:
            raise CredentialsUnavailableError(msg("{what_to_do} (Details: {details}.)",
                                                  what_to_do=_WHAT_TO_DO, details=problem))
        return backend

    def _username(self, account_id: str, kind: str) -> str:
        return f"{account_id}:{kind}"

    def _fail(self, verb: str, error: Exception) -> CredentialsUnavailableError:
        # Only the exception's type is logged: some backends echo the secret in their messages.
        log.warning("keyring %s failed: %s", verb, type(error).__name__)
        from keyring.errors import KeyringLocked  # noqa: PLC0415 - loaded with the backend

        locked = isinstance(error, KeyringLocked) or "dismissed" in str(error)
        refused = {"store": msg("the keyring refused to store the secret ({kind})",
                                kind=type(error).__name__),
                   "read": msg("the keyring refused to read the secret ({kind})",
                               kind=type(error).__name__),
                   "delete": msg("the keyring refused to delete the secret ({kind})",
                                 kind=type(error).__name__)}
        reason = msg("the keyring is locked; unlock it and try again") if locked else refused[verb]
        return CredentialsUnavailableError(msg("{what_to_do} (Details: {details}.)",
                                               what_to_do=_WHAT_TO_DO, details=reason))

    def put(self, account_id: str, kind: str, secret: str) -> None:
        backend = self._usable()
        try:
            backend.set_password(self._service, self._username(account_id, kind), secret)
        except Exception as error:  # noqa: BLE001 - every backend failure means the same to users
            raise self._fail("store", error) from None

    def get(self, account_id: str, kind: str) -> str | None:
        backend = self._usable()
        try:
            return backend.get_password(self._service, self._username(account_id, kind))
        except Exception as error:  # noqa: BLE001
            raise self._fail("read", error) from None

    def delete(self, account_id: str, kind: str) -> None:
        backend = self._usable()
        from keyring.errors import PasswordDeleteError  # noqa: PLC0415 - loaded with the backend

        try:
            backend.delete_password(self._service, self._username(account_id, kind))
        except PasswordDeleteError:
            return  # already gone: deleting is idempotent
        except Exception as error:  # noqa: BLE001
            raise self._fail("delete", error) from None

    def check(self) -> str | None:
        """A round trip through the keyring; None if it works, else the human reason."""
        probe = "safedesk-doctor-probe"
        try:
            self.put(probe, "probe", "probe")
            ok = self.get(probe, "probe") == "probe"
            self.delete(probe, "probe")
        except CredentialsUnavailableError as error:
            return str(error)
        return None if ok else "the keyring did not return what was stored"
