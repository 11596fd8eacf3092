"""The issuing path in steps the outbox jobs call: sign, transmit, package, e-mail.

Each step is small and either pure or a single call to an outside service, so a job can
stop between any two and resume. Statuses are the Spanish words the timeline shows.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from email.message import EmailMessage
from enum import StrEnum

from tools.einvoice.attached import build_attached_document
from tools.einvoice.dian_ws import (
    Accepted,
    AcceptedWithObservations,
    DianResult,
    DianWebService,
    NotFound,
    Rejected,
    Unavailable,
    xml_file_name,
)
from tools.einvoice.mailer import compose_document_mail
from tools.einvoice.package import CustomerPackage, build_package
from tools.einvoice.pdf import render_pdf
from tools.einvoice.signing import SigningCredentials, sign_document
from tools.einvoice.types import InvoiceDraft
from tools.einvoice.ubl import BuiltDocument, build_document


class DocumentStatus(StrEnum):
    """A document's life: borrador -> en proceso -> aceptado / con observaciones / rechazado."""

    DRAFT = "borrador"
    IN_PROCESS = "en proceso"
    ACCEPTED = "aceptado"
    ACCEPTED_WITH_OBSERVATIONS = "aceptado con observaciones"
    REJECTED = "rechazado"

    @property
    def emailable(self) -> bool:
        """Only documents the DIAN accepted are e-mailed to the customer."""
        return self in (DocumentStatus.ACCEPTED, DocumentStatus.ACCEPTED_WITH_OBSERVATIONS)


@dataclass(frozen=True)
class SignedDocument:
    """A built and signed document with its DIAN file name."""

    built: BuiltDocument
    signed_xml: bytes
    xml_name: str

    @property
    def draft(self) -> InvoiceDraft:
        """The draft it was built from."""
        return self.built.draft

    @property
    def key(self) -> str:
        """Its CUFE/CUDE."""
        return self.built.key


def sign(
    draft: InvoiceDraft, credentials: SigningCredentials, *, signing_time: datetime | None = None
) -> SignedDocument:
    """Build the UBL XML of a numbered draft and sign it."""
    built = build_document(draft)
    name = xml_file_name(draft.kind, draft.supplier.id_number, draft.issue_date, draft.number)
    signed = sign_document(built.xml, credentials, signing_time=signing_time)
    return SignedDocument(built=built, signed_xml=signed, xml_name=name)


def transmit(client: DianWebService, document: SignedDocument) -> DianResult:
    """Send to the DIAN; safe to repeat (a validated resend returns the stored outcome)."""
    return client.send_document(document.signed_xml, xml_name=document.xml_name, key=document.key)


def status_after(result: DianResult) -> DocumentStatus:
    """The status a transmission leaves the document in (troubles keep it in process)."""
    if isinstance(result, Accepted):
        return DocumentStatus.ACCEPTED
    if isinstance(result, AcceptedWithObservations):
        return DocumentStatus.ACCEPTED_WITH_OBSERVATIONS
    if isinstance(result, Rejected):
        return DocumentStatus.REJECTED
    assert isinstance(result, NotFound | Unavailable)
    return DocumentStatus.IN_PROCESS


def timeline_text(result: DianResult, number: str) -> str:
    """One Spanish timeline line for a transmission attempt."""
    if isinstance(result, Accepted):
        return f"La DIAN aceptó el documento {number}."
    if isinstance(result, AcceptedWithObservations):
        return f"La DIAN aceptó el documento {number} con observaciones: " + "; ".join(
            result.observations
        )
    if isinstance(result, Rejected):
        return f"La DIAN rechazó el documento {number}: " + "; ".join(result.reasons)
    if isinstance(result, NotFound):
        return f"La DIAN no tiene registro del documento {number}; se reenviará."
    return f"No se pudo transmitir {number}: {result.reason} Se reintentará automáticamente."


def mail_blockers(draft: InvoiceDraft) -> tuple[str, ...]:
    """Why the customer cannot be e-mailed (empty when it can), in Spanish."""
    reasons = []
    supplier = draft.supplier
    missing = [
        label
        for label, value in (
            ("razón social", supplier.name),
            ("NIT", supplier.id_number),
            ("dígito de verificación", supplier.check_digit),
            ("dirección", supplier.address.line),
            ("correo electrónico", supplier.email),
        )
        if not (value or "").strip()
    ]
    if missing:
        reasons.append("Faltan datos de la empresa: " + ", ".join(missing) + ".")
    if not (draft.customer.email or "").strip():
        reasons.append(f"El cliente {draft.customer.name} no tiene correo electrónico.")
    return tuple(reasons)


def customer_package(
    document: SignedDocument,
    *,
    application_response: bytes,
    credentials: SigningCredentials,
    signing_time: datetime | None = None,
) -> CustomerPackage:
    """The ZIP for the customer: signed AttachedDocument + PDF with the QR."""
    attached = build_attached_document(
        document.draft,
        signed_xml=document.signed_xml,
        key=document.key,
        application_response=application_response,
        credentials=credentials,
        signing_time=signing_time,
    )
    return build_package(document.draft, attached_xml=attached, pdf=render_pdf(document.built))


def customer_mail(
    document: SignedDocument, package: CustomerPackage, *, sender: str, sent_at: datetime
) -> EmailMessage:
    """The e-mail carrying the package (same Message-ID on every retry)."""
    return compose_document_mail(
        document.draft,
        key=document.key,
        package=package,
        payable=document.built.totals.payable,
        sender=sender,
        sent_at=sent_at,
    )
