"""Domain-like drafts and a throwaway signing certificate for the e-invoicing tests."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID

from tools.einvoice.types import (
    Address,
    BillingReference,
    DocumentKind,
    DraftLine,
    InvoiceDraft,
    Party,
    Resolution,
    Software,
)

BOGOTA = Address(
    line="Calle 72 # 10-34 Of. 501",
    city_code="11001",
    city_name="Bogotá, D.C.",
    department_name="Bogotá",
    department_code="11",
)
MEDELLIN = Address(
    line="Carrera 43A # 1-50",
    city_code="05001",
    city_name="Medellín",
    department_name="Antioquia",
    department_code="05",
)

SUPPLIER = Party(
    id_number="900108281",
    check_digit="3",
    name="Panadería La Espiga S.A.S.",
    address=BOGOTA,
    tax_level_codes=("O-13",),
    email="facturacion@laespiga.com.co",
    phone="6015551234",
    ciiu="1081",
)
CUSTOMER = Party(
    id_number="830048145",
    check_digit="8",
    name="Cafetería El Parque Ltda.",
    address=MEDELLIN,
    tax_level_codes=("R-99-PN",),
    email="compras@elparque.com.co",
)
RESOLUTION = Resolution(
    number="18760000001",
    prefix="FE",
    range_from=1,
    range_to=5000,
    valid_from=date(2025, 1, 1),
    valid_to=date(2026, 12, 31),
    technical_key="fc8eac422eba16e22ffd8c6f94b3f40a6e38162c",
)
SOFTWARE = Software(
    software_id="56f2ae4e-9812-4fad-9255-08fcfcd5ccb0",
    pin="20191",
    provider_nit="900108281",
    provider_check_digit="3",
)


def invoice_draft(number: int = 12, **changes: object) -> InvoiceDraft:
    """Invoice FE-12: bread at 19 % VAT, cakes at 5 % VAT plus 8 % INC, an excluded item."""
    draft = InvoiceDraft(
        kind=DocumentKind.INVOICE,
        prefix="FE",
        number=number,
        issue_date=date(2025, 3, 31),
        issue_time=time(10, 30, 0),
        due_date=date(2025, 4, 30),
        supplier=SUPPLIER,
        customer=CUSTOMER,
        payment_form="2",
        payment_means="ZZZ",
        lines=(
            DraftLine("Pan tajado integral x 500 g", Decimal("120"), Decimal("4500.00")),
            DraftLine(
                "Torta de chocolate porción",
                Decimal("15"),
                Decimal("8333.333"),
                vat_rate=Decimal("5"),
                inc_rate=Decimal("8"),
            ),
            DraftLine("Huevos AA x 30", Decimal("2"), Decimal("16500"), vat_rate=None),
        ),
        resolution=RESOLUTION,
        software=SOFTWARE,
    )
    return replace(draft, **changes)  # type: ignore[arg-type]


def credit_note_draft(invoice_cufe: str, number: int = 3) -> InvoiceDraft:
    """Credit note NC-3 returning 10 loaves of invoice FE-12."""
    return replace(
        invoice_draft(),
        kind=DocumentKind.CREDIT_NOTE,
        prefix="NC",
        number=number,
        due_date=None,
        payment_form="1",
        payment_means="10",
        lines=(DraftLine("Devolución pan tajado integral", Decimal("10"), Decimal("4500")),),
        billing_reference=BillingReference(
            number="FE12",
            cufe=invoice_cufe,
            issue_date=date(2025, 3, 31),
            reason_code="1",
            reason_text="Devolución parcial de los bienes",
        ),
    )


def debit_note_draft(invoice_cufe: str, number: int = 1) -> InvoiceDraft:
    """Debit note ND-1 charging late-payment interest on invoice FE-12."""
    note = credit_note_draft(invoice_cufe, number)
    ref = note.billing_reference
    assert ref is not None
    return replace(
        note,
        kind=DocumentKind.DEBIT_NOTE,
        prefix="ND",
        lines=(
            DraftLine("Intereses de mora marzo", Decimal("1"), Decimal("25000"), vat_rate=None),
        ),
        billing_reference=replace(ref, reason_code="1", reason_text="Intereses"),
    )


def self_signed_pkcs12(password: str = "clave-prueba") -> tuple[bytes, x509.Certificate]:
    """A throwaway RSA-2048 certificate for signing tests, as a PKCS#12 bundle."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "CO"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Panadería La Espiga S.A.S."),
            x509.NameAttribute(NameOID.COMMON_NAME, "Certificado de pruebas Cuadre"),
        ]
    )
    now = datetime.now(UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(days=1))
        .not_valid_after(now + timedelta(days=30))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    bundle = pkcs12.serialize_key_and_certificates(
        b"cuadre",
        key,
        cert,
        None,
        serialization.BestAvailableEncryption(password.encode()),
    )
    return bundle, cert
