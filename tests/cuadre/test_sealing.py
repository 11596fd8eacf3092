"""Sealed credentials: recoverable with the deployment's key, useless without it."""

from __future__ import annotations

import pytest

from cuadre.sealing import PREFIX, Sealer, SealError


def test_a_sealed_secret_opens_with_the_same_key_and_never_shows_in_the_stored_text() -> None:
    box = Sealer.from_secret("clave-del-despliegue")
    stored = box.seal("nómina-S3creta")
    assert stored.startswith(PREFIX) and "S3creta" not in stored
    assert box.seal("nómina-S3creta") != stored  # a fresh IV every time
    assert Sealer.from_secret("clave-del-despliegue").open(stored) == "nómina-S3creta"


def test_another_deployment_key_cannot_open_it_and_says_so_in_spanish() -> None:
    stored = Sealer.from_secret("clave-uno").seal("secreto")
    with pytest.raises(SealError, match="CUADRE_SECRET_KEY cambió"):
        Sealer.from_secret("clave-dos").open(stored)


def test_a_value_saved_before_sealing_existed_still_reads() -> None:
    assert Sealer.from_secret("k").open("clave-en-claro") == "clave-en-claro"
