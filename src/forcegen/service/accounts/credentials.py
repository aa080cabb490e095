"""Credentials: password hashing (argon2) and random API tokens stored only as hashes."""

from __future__ import annotations

import functools
import hashlib
import secrets

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

# argon2-cffi's defaults follow RFC 9106's recommended low-memory profile.
_HASHER = PasswordHasher()

TOKEN_BYTES = 32  # 256 bits of randomness; the design asks for at least 128.


def hash_password(password: str) -> str:
    """Return an argon2id hash of the password, salt and parameters included."""
    return _HASHER.hash(password)


def verify_password(password: str, password_hash: str) -> bool:
    """Return True when `password` matches `password_hash`; False for a wrong or corrupt hash."""
    try:
        return _HASHER.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def burn_password_check(password: str) -> None:
    """Spend the time of one password check without a real hash.

    Called when the username is unknown, so that the response time does not reveal
    which usernames exist.
    """
    verify_password(password, _dummy_hash())


@functools.cache
def _dummy_hash() -> str:
    return _HASHER.hash(secrets.token_urlsafe(16))


def new_token() -> str:
    """Return a new URL-safe random token (256 bits from the OS's secure generator)."""
    return secrets.token_urlsafe(TOKEN_BYTES)


def hash_token(token: str) -> str:
    """Return the sha256 hex digest under which a token is stored and looked up.

    No salt and no slow hash, unlike passwords: salts and argon2 protect secrets that
    people choose, which are few enough to guess. A token holds 256 random bits, so
    neither guessing nor precomputed tables can reverse its digest, and an unsalted
    digest can be looked up directly through a unique index.
    """
    return hashlib.sha256(token.encode("utf-8")).hexdigest()
