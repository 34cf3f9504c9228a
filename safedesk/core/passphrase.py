"""Passphrase hashing with scrypt from the standard library.

The stored form names its parameters, so they can be raised later without breaking old hashes.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
import unicodedata

from safedesk.core.errors import InvalidInputError

_N, _R, _P = 2**14, 8, 1
_SCHEME = "scrypt"


def _derive(passphrase: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    data = unicodedata.normalize("NFC", passphrase).encode("utf-8")
    return hashlib.scrypt(data, salt=salt, n=n, r=r, p=p, dklen=32, maxmem=64 * 1024 * 1024)


def hash_passphrase(passphrase: str) -> str:
    if not passphrase.strip():
        raise InvalidInputError("The passphrase is empty. Choose one you can remember.")
    salt = secrets.token_bytes(16)
    key = _derive(passphrase, salt, _N, _R, _P)
    encode = base64.b64encode
    return f"{_SCHEME}${_N}${_R}${_P}${encode(salt).decode()}${encode(key).decode()}"


def verify_passphrase(passphrase: str, stored: str) -> bool:
    try:
        scheme, n, r, p, salt_b64, key_b64 = stored.split("$")
    except ValueError:
        return False
    if scheme != _SCHEME:
        return False
    key = _derive(passphrase, base64.b64decode(salt_b64), int(n), int(r), int(p))
    return hmac.compare_digest(key, base64.b64decode(key_b64))
