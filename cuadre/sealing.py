"""Credentials Cuadre must use again (a payroll product's password, a portal link) are
stored sealed: encrypted and authenticated with a key derived from `CUADRE_SECRET_KEY`.

A password Cuadre only checks is hashed instead (argon2, `api/auth`); a sealed value is
one Cuadre has to hand back to another system, so it must be recoverable, but only by a
process that holds the deployment's secret key. Values written before sealing existed
(plain text, without the prefix) still read, and are sealed the next time they are saved.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass

from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from cuadre.settings import Settings

PREFIX = "sellado:v1:"


class SealError(ValueError):
    """A sealed value that this deployment's key cannot open."""

    def __init__(self) -> None:
        self.message_es = (
            "No pude leer una credencial guardada: fue cifrada con otra clave "
            "(CUADRE_SECRET_KEY cambió). Vuelve a configurarla."
        )
        super().__init__(self.message_es)


def derive_key(secret_key: str) -> bytes:
    """A Fernet key from the deployment's secret (HKDF-SHA256, its own context label)."""
    hkdf = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=b"cuadre-sealed-values")
    return base64.urlsafe_b64encode(hkdf.derive(secret_key.encode("utf-8")))


@dataclass(frozen=True)
class Sealer:
    """Seals and opens stored credentials with one deployment key."""

    fernet: Fernet

    @classmethod
    def from_secret(cls, secret_key: str) -> Sealer:
        """The sealer of a deployment whose `CUADRE_SECRET_KEY` is `secret_key`."""
        return cls(Fernet(derive_key(secret_key)))

    def seal(self, plain: str) -> str:
        """The value as stored: prefix + Fernet token (random IV, so never the same twice)."""
        return PREFIX + self.fernet.encrypt(plain.encode("utf-8")).decode("ascii")

    def open(self, stored: str) -> str:
        """The plain value; legacy unsealed values come back as they are."""
        if not stored.startswith(PREFIX):
            return stored
        try:
            return self.fernet.decrypt(stored[len(PREFIX) :].encode("ascii")).decode("utf-8")
        except InvalidToken as exc:
            raise SealError() from exc


def sealer(settings: Settings) -> Sealer:
    """The sealer for these settings."""
    return Sealer.from_secret(settings.secret_key)
