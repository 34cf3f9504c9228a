"""A credential store for the platform adapters' tests.

With ``SAFEDESK_TEST_SECRET_SERVICE`` set (scripts/test.sh sets it and starts an unlocked GNOME
Keyring), the store is the real :class:`~safedesk.credentials.KeyringCredentials` on the Secret
Service, under a service name of its own; otherwise an in-memory stand-in with the same contract
(the keyring itself is tested in tests/test_credentials.py).
"""

from __future__ import annotations

import os
import uuid

from safedesk.core.ports import CredentialStore


class MemoryCredentials:
    """The CredentialStore contract in a dict: ``get`` of a missing secret is None and
    ``delete`` of a missing one does nothing. ``puts`` counts writes."""

    def __init__(self) -> None:
        self.secrets: dict[tuple[str, str], str] = {}
        self.puts = 0

    def put(self, account_id: str, kind: str, secret: str) -> None:
        self.puts += 1
        self.secrets[(account_id, kind)] = secret

    def get(self, account_id: str, kind: str) -> str | None:
        return self.secrets.get((account_id, kind))

    def delete(self, account_id: str, kind: str) -> None:
        self.secrets.pop((account_id, kind), None)


def credential_store() -> CredentialStore:
    if not os.environ.get("SAFEDESK_TEST_SECRET_SERVICE"):
        return MemoryCredentials()
    from keyring.backends.SecretService import Keyring as SecretServiceKeyring

    from safedesk.credentials import KeyringCredentials

    backend = SecretServiceKeyring()  # type: ignore[no-untyped-call]
    return KeyringCredentials(backend, service=f"SafeDesk-test-{uuid.uuid4()}")
