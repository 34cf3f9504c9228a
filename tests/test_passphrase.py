from __future__ import annotations

import unicodedata

import pytest

from safedesk.core.errors import InvalidInputError
from safedesk.core.passphrase import hash_passphrase, needs_rehash, verify_passphrase


def test_hash_verifies_only_the_right_passphrase() -> None:
    stored = hash_passphrase("correct horse")
    assert stored.startswith("scrypt$")
    assert "correct horse" not in stored
    assert verify_passphrase("correct horse", stored)
    assert not verify_passphrase("correct hors", stored)


def test_same_passphrase_hashes_differently_each_time() -> None:
    assert hash_passphrase("same") != hash_passphrase("same")


def test_unicode_forms_of_one_passphrase_are_one_passphrase() -> None:
    stored = hash_passphrase(unicodedata.normalize("NFC", "Caf\u00e9 Ll\u0177n"))
    assert verify_passphrase(unicodedata.normalize("NFD", "Caf\u00e9 Ll\u0177n"), stored)


@pytest.mark.parametrize("blank", ["", "   ", "\t\n"])
def test_empty_passphrase_is_refused(blank: str) -> None:
    with pytest.raises(InvalidInputError, match="empty"):
        hash_passphrase(blank)


def test_garbage_stored_value_never_verifies() -> None:
    assert not verify_passphrase("x", "not-a-hash")
    assert not verify_passphrase("x", "bcrypt$1$2$3$4$5")


def test_hashes_use_scrypt_at_n_2_17_and_older_ones_want_upgrading() -> None:
    stored = hash_passphrase("correct horse battery")
    assert stored.split("$")[1:4] == ["131072", "8", "1"]
    assert not needs_rehash(stored)
    older = stored.replace("$131072$", "$16384$", 1)
    assert needs_rehash(older)
    assert needs_rehash("not-a-hash")
