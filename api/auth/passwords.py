"""Password hashing for the panel login (argon2 through pwdlib)."""

from __future__ import annotations

from pwdlib import PasswordHash
from pwdlib.hashers.argon2 import Argon2Hasher

_hasher = PasswordHash((Argon2Hasher(),))
# Verifying against this keeps a wrong e-mail as slow as a wrong password.
_DUMMY_HASH = _hasher.hash("cuadre-dummy-password")


def hash_password(password: str) -> str:
    """The argon2 hash stored in `User.password_hash`."""
    return _hasher.hash(password)


def verify_password(password: str, password_hash: str | None) -> bool:
    """True when `password` matches; a missing hash still costs one verification."""
    if not password_hash:
        _hasher.verify(password, _DUMMY_HASH)
        return False
    try:
        return _hasher.verify(password, password_hash)
    except Exception:  # a malformed stored hash never logs anyone in
        return False
