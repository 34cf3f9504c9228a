"""Passphrases: how strong a new one must be, and hashing with scrypt from the standard library.

The stored form names its parameters, so they can be raised later without breaking old hashes:
a hash made with weaker parameters still verifies, and :func:`needs_rehash` says it should be
replaced at the next successful sign-in (``PeopleService.authenticate`` does that).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
import unicodedata

from safedesk.core.errors import InvalidInputError
from safedesk.core.messages import msg, msgn

# OWASP's current guidance for scrypt: N=2^17, r=8, p=1. That needs 128 * r * N bytes = 128 MiB,
# so ``maxmem`` leaves room above it (OpenSSL refuses a derivation that would exceed it).
_N, _R, _P = 2**17, 8, 1
_MAX_MEMORY = 256 * 1024 * 1024
_SCHEME = "scrypt"

MIN_PASSPHRASE_LENGTH = 12


def _derive(passphrase: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    data = unicodedata.normalize("NFC", passphrase).encode("utf-8")
    return hashlib.scrypt(data, salt=salt, n=n, r=r, p=p, dklen=32, maxmem=_MAX_MEMORY)


_EMPTY = msg("The passphrase is empty. Choose one you can remember.")


def check_strength(passphrase: str, name: str = "") -> None:
    """Refuse a passphrase too weak to protect an approval, saying why. Call it wherever a
    passphrase is chosen (a person added, a passphrase changed), never when one is checked.

    The rule is length, which is what makes a passphrase hard to guess offline from a stolen
    database: at least :data:`MIN_PASSPHRASE_LENGTH` characters, not one character repeated, and
    not the person's own name."""
    text = unicodedata.normalize("NFC", passphrase)
    if not text.strip():
        raise InvalidInputError(_EMPTY)
    if len(text) < MIN_PASSPHRASE_LENGTH:
        raise InvalidInputError(msgn(
            "That passphrase has {count} character; use at least "
            "{least}. A few ordinary words together are easy to remember and hard to guess.",
            "That passphrase has {count} characters; use at least "
            "{least}. A few ordinary words together are easy to remember and hard to guess.",
            len(text), least=MIN_PASSPHRASE_LENGTH))
    if len(set(text.casefold())) == 1:
        raise InvalidInputError(msg("That passphrase is one character repeated, which is the "
                                    "first thing anyone would try. Use a few words instead."))
    squeezed = "".join(text.casefold().split())
    if name and squeezed == "".join(unicodedata.normalize("NFC", name).casefold().split()):
        raise InvalidInputError(msg("That passphrase is the person's own name, which anyone "
                                    "could guess. Use a few words instead."))


def hash_passphrase(passphrase: str) -> str:
    if not passphrase.strip():
        raise InvalidInputError(_EMPTY)
    salt = secrets.token_bytes(16)
    key = _derive(passphrase, salt, _N, _R, _P)
    encode = base64.b64encode
    return f"{_SCHEME}${_N}${_R}${_P}${encode(salt).decode()}${encode(key).decode()}"


def verify_passphrase(passphrase: str, stored: str) -> bool:
    """Check against the parameters the stored hash names, whatever today's are."""
    try:
        scheme, n, r, p, salt_b64, key_b64 = stored.split("$")
    except ValueError:
        return False
    if scheme != _SCHEME:
        return False
    key = _derive(passphrase, base64.b64decode(salt_b64), int(n), int(r), int(p))
    return hmac.compare_digest(key, base64.b64decode(key_b64))


def needs_rehash(stored: str) -> bool:
    """Whether a hash that verified was made with weaker parameters than today's."""
    parts = stored.split("$")
    if len(parts) != 6 or parts[0] != _SCHEME:
        return True
    try:
        n, r, p = (int(part) for part in parts[1:4])
    except ValueError:
        return True
    return n < _N or r < _R or p < _P
