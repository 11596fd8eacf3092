"""Shared fixtures: a throwaway certificate, a signed invoice, the DIAN stand-in."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from cryptography import x509

from tests.stand_ins.dian_ws import DianStandIn
from tools.einvoice.signing import SigningCredentials, load_pkcs12, sign_document
from tools.einvoice.ubl import BuiltDocument, build_document

from .factories import invoice_draft, self_signed_pkcs12


@dataclass(frozen=True)
class SignedDocument:
    built: BuiltDocument
    xml: bytes


@pytest.fixture(scope="session")
def test_certificate() -> tuple[SigningCredentials, x509.Certificate]:
    bundle, cert = self_signed_pkcs12()
    return load_pkcs12(bundle, "clave-prueba"), cert


@pytest.fixture(scope="session")
def signed_invoice(test_certificate: tuple[SigningCredentials, x509.Certificate]) -> SignedDocument:
    built = build_document(invoice_draft())
    return SignedDocument(built, sign_document(built.xml, test_certificate[0]))


@pytest.fixture
def dian() -> Iterator[DianStandIn]:
    with DianStandIn() as server:
        yield server
