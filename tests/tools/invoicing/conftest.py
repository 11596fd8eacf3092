"""A company set up for e-invoicing on SQLite, a throwaway certificate, the stand-ins."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import Engine

from ledger.db import company_session, init_db, make_engine
from tests.stand_ins.dian_ws import DianStandIn
from tests.stand_ins.smtp import Mailbox, free_port, smtp_server
from tests.tools.einvoice.factories import MEDELLIN, self_signed_pkcs12
from tests.utils.companies import new_company
from tests.utils.postgres import throwaway_database
from tools.einvoice.signing import SigningCredentials, load_pkcs12
from tools.einvoice.types import DocumentKind, DraftLine, Party
from tools.invoicing.issuing import InvoiceRequest
from tools.invoicing.numbering import ResolutionKind, add_resolution
from tools.invoicing.profile import configure_profile

COT = timezone(timedelta(hours=-5))
T0 = datetime(2025, 3, 31, 10, 30, tzinfo=COT)
CERT_PASSWORD = "clave-prueba"

CUSTOMER = Party(
    id_number="830048145",
    check_digit="8",
    name="Cafetería El Parque Ltda.",
    address=MEDELLIN,
    email="compras@elparque.com.co",
)


def bread_invoice(customer: Party = CUSTOMER) -> InvoiceRequest:
    """120 loaves at $ 4.500 with 19 % VAT and 2 dozen eggs excluded."""
    return InvoiceRequest(
        kind=DocumentKind.INVOICE,
        customer=customer,
        lines=(
            DraftLine("Pan tajado integral x 500 g", Decimal("120"), Decimal("4500")),
            DraftLine("Huevos AA x 30", Decimal("2"), Decimal("16500"), vat_rate=None),
        ),
    )


def set_up_company(
    engine: Engine,
    *,
    email: str = "facturacion@laespiga.com.co",
    valid_to: date = date(2026, 12, 31),
) -> int:
    """A bakery with its address, software and FE / NC / ND resolutions."""
    company_id = new_company(engine, "Panadería La Espiga S.A.S.")
    with company_session(engine, company_id) as session:
        configure_profile(
            session,
            address_line="Calle 72 # 10-34 Of. 501",
            email=email,
            phone="6015551234",
            software_id="56f2ae4e-9812-4fad-9255-08fcfcd5ccb0",
            software_pin="20191",
        )
        for kind, prefix in (
            (ResolutionKind.INVOICE, "FE"),
            (ResolutionKind.CREDIT, "NC"),
            (ResolutionKind.DEBIT, "ND"),
        ):
            add_resolution(
                session,
                kind=kind,
                resolution_number="18760000001",
                prefix=prefix,
                range_from=1,
                range_to=5000,
                valid_from=date(2025, 1, 1),
                valid_to=valid_to,
                technical_key="fc8eac422eba16e22ffd8c6f94b3f40a6e38162c",
            )
    return company_id


@pytest.fixture(scope="session")
def cert_bundle() -> bytes:
    return self_signed_pkcs12(CERT_PASSWORD)[0]


@pytest.fixture(scope="session")
def credentials(cert_bundle: bytes) -> SigningCredentials:
    return load_pkcs12(cert_bundle, CERT_PASSWORD)


@pytest.fixture
def cert_path(cert_bundle: bytes, tmp_path: Path) -> Path:
    path = tmp_path / "firma.p12"
    path.write_bytes(cert_bundle)
    return path


def _postgres_engine() -> Iterator[Engine]:
    """A throwaway `cuadre_invoicing_<random>` database, dropped afterwards."""
    for url in throwaway_database("cuadre_invoicing"):
        engine = make_engine(url, pool_size=8)
        try:
            init_db(engine)
            yield engine
        finally:
            engine.dispose()


@pytest.fixture(scope="session")
def pg_engine() -> Iterator[Engine]:
    yield from _postgres_engine()


@pytest.fixture(
    scope="module", params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]
)
def engine(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Engine]:
    """Every invoicing test runs on SQLite and on PostgreSQL (fresh companies per test)."""
    if request.param == "postgresql":
        yield request.getfixturevalue("pg_engine")
        return
    engine = make_engine(f"sqlite:///{tmp_path_factory.mktemp('invoicing') / 'ledger.db'}")
    init_db(engine)
    yield engine
    engine.dispose()


@pytest.fixture
def company_id(engine: Engine) -> int:
    return set_up_company(engine)


@pytest.fixture
def dian() -> Iterator[DianStandIn]:
    with DianStandIn() as server:
        yield server


@pytest.fixture
def smtp() -> Iterator[tuple[Mailbox, int]]:
    mailbox, port = Mailbox(), free_port()
    controller = smtp_server(mailbox, port)
    controller.start()
    yield mailbox, port
    controller.stop()
