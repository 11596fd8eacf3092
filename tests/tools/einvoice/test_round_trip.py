"""Round-trip gate: what we issue passes through the project's own DIAN parser cleanly.

The parser is `tools.dian` (the ingestion issue). Every document kind we generate,
signed, and the AttachedDocument a customer receives, must parse with no issues, and
the CUFE/CUDE must recompute from the fields the parser read.
"""

from __future__ import annotations

import importlib.util
from dataclasses import replace
from decimal import Decimal
from typing import TYPE_CHECKING

import pytest
from cryptography import x509

from tests.stand_ins.dian_ws import application_response
from tools.einvoice.attached import build_attached_document
from tools.einvoice.cufe import COLOMBIA_OFFSET, KeyFields
from tools.einvoice.signing import SigningCredentials, sign_document
from tools.einvoice.totals import dian_amount
from tools.einvoice.types import DocumentKind, InvoiceDraft
from tools.einvoice.ubl import build_document

from .factories import credit_note_draft, debit_note_draft, invoice_draft

if TYPE_CHECKING:
    from tools.dian import DianDocument

pytestmark = pytest.mark.skipif(
    importlib.util.find_spec("tools.dian") is None,
    reason="tools.dian (ingestion parser, branch `dian`) is not merged here yet",
)


def _parse(xml: bytes, name: str) -> DianDocument:
    from tools.dian import DianDocument, SourceRef, read_document_bytes

    result = read_document_bytes(xml, SourceRef(name))
    assert isinstance(result, DianDocument), result
    return result


def _recomputed_key(doc: DianDocument, secret: str) -> str:
    def tax(scheme: str) -> str:
        return dian_amount(sum((t.amount for t in doc.taxes if t.scheme == scheme), Decimal(0)))

    issue_time = doc.issue_time
    assert issue_time is not None and doc.issue_date is not None
    assert doc.number and doc.issuer.nit and doc.receiver.nit and doc.environment
    assert doc.totals.line_extension is not None and doc.totals.payable is not None
    time_text = issue_time.strftime("%H:%M:%S")
    offset = issue_time.strftime("%z") if issue_time.tzinfo else ""
    time_text += f"{offset[:3]}:{offset[3:]}" if offset else COLOMBIA_OFFSET
    return KeyFields(
        number=doc.number,
        issue_date=doc.issue_date.isoformat(),
        issue_time=time_text,
        line_extension=dian_amount(doc.totals.line_extension),
        vat=tax("01"),
        inc=tax("04"),
        ica=tax("03"),
        payable=dian_amount(doc.totals.payable),
        supplier_nit=doc.issuer.nit,
        customer_id=doc.receiver.nit,
        secret=secret,
        environment=doc.environment,
    ).digest()


def _drafts() -> list[InvoiceDraft]:
    invoice = invoice_draft()
    key = build_document(invoice).key
    return [
        invoice,
        replace(invoice, kind=DocumentKind.CONTINGENCY, number=13),
        credit_note_draft(key),
        debit_note_draft(key),
    ]


@pytest.mark.parametrize("draft", _drafts(), ids=lambda d: d.kind.name.lower())
def test_signed_document_parses_without_issues_and_key_recomputes(
    draft: InvoiceDraft, test_certificate: tuple[SigningCredentials, x509.Certificate]
) -> None:
    built = build_document(draft)
    signed = sign_document(built.xml, test_certificate[0])
    doc = _parse(signed, f"{draft.document_number}.xml")
    assert doc.issues == (), [i.message_es for i in doc.issues]
    assert doc.cufe == built.key
    assert doc.number == draft.document_number
    assert doc.totals.payable == built.totals.payable
    assert len(doc.lines) == len(draft.lines)
    secret = draft.software.pin if draft.kind.is_note else draft.resolution.technical_key
    assert _recomputed_key(doc, secret) == built.key


def test_attached_document_parses_with_dian_validation(
    test_certificate: tuple[SigningCredentials, x509.Certificate],
) -> None:
    draft = invoice_draft()
    built = build_document(draft)
    signed = sign_document(built.xml, test_certificate[0])
    answer = application_response(built.key, draft.document_number, valid=True, notes=())
    attached = build_attached_document(
        draft,
        signed_xml=signed,
        key=built.key,
        application_response=answer,
        credentials=test_certificate[0],
    )
    doc = _parse(attached, "adFE12.xml")
    assert doc.issues == (), [i.message_es for i in doc.issues]
    assert doc.cufe == built.key
    assert doc.validation is not None and doc.validation.accepted
