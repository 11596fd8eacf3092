"""DIAN documents for the sync tests, built as issuers write them (tests/fixtures/dian/build.py)."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from tests.fixtures.dian.build import BUYER, SELLER, DocSpec, LineSpec
from tests.fixtures.dian.containers import attached_document
from tools.dian import DianDocument, IngestFailure, SourceRef, read_document_bytes

D = Decimal
OURS = BUYER  # CUADRE DEMO S.A.S. 830048145-8: buys from SELLER, sells to CUSTOMER
CUSTOMER = replace(SELLER, nit="900123456", dv="8", name="CLIENTE GRANDE S.A.S.")

# One cash purchase only the portal listing knows (no XML), as its export row reads.
LISTED_CASH_PURCHASE = {
    "Tipo de documento": "Factura electrónica",
    "CUFE/CUDE": "c" * 96,
    "Folio": "77",
    "Prefijo": "FX",
    "Forma de Pago": "Contado",
    "Fecha Emisión": "10-05-2024",
    "NIT Emisor": "900390126",
    "Nombre Emisor": "DISTRIBUIDORA ANDINA S.A.S.",
    "NIT Receptor": OURS.nit,
    "Nombre Receptor": OURS.name,
    "IVA": 19000,
    "Total": 119000,
    "Estado": "Aprobado",
    "Grupo": "Recibido",
}


def spec(**changes: object) -> DocSpec:
    """A purchase invoice FE1001 from DISTRIBUIDORA ANDINA to us: 2 lines, VAT 19 %."""
    base = DocSpec(
        lines=[
            LineSpec("Tubería PVC 1/2", D("10"), D("10000")),
            LineSpec("Codo PVC 1/2", D("20"), D("1500"), code="ART-002"),
        ]
    )
    return replace(base, **changes)  # type: ignore[arg-type]


def sale(**changes: object) -> DocSpec:
    """A sales invoice FV-20 from us to CLIENTE GRANDE."""
    fields: dict[str, object] = {"number": "FV20", "prefix": "FV"} | changes
    return spec(supplier=OURS, customer=CUSTOMER, **fields)


def read(doc: DocSpec, response: str | None = "02") -> DianDocument:
    """Parse the AttachedDocument the way an import would."""
    data = attached_document(doc, response_code=response).encode()
    result = read_document_bytes(data, SourceRef(f"{doc.number}.xml"))
    assert not isinstance(result, IngestFailure), result
    return result
