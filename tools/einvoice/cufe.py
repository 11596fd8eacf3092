"""CUFE / CUDE, software security code and QR text, as the DIAN's technical annex defines.

CUFE (invoices, contingency invoices) = SHA-384 of, concatenated in this order:
NumFac + FecFac + HorFac + ValFac + "01" + ValImp1 (IVA) + "04" + ValImp2 (INC) +
"03" + ValImp3 (ICA) + ValTot + NitOFE + NumAdq + ClTec (technical key) + TipoAmbiente.
CUDE (credit and debit notes) is the same string with the software PIN in place of the
technical key. Amounts carry 2 decimals with a dot; the time carries its offset
(`09:15:23-05:00`).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date, time
from decimal import Decimal

from tools.einvoice.totals import ICA, INC, VAT, DocumentTotals, dian_amount, document_totals
from tools.einvoice.types import Environment, InvoiceDraft

COLOMBIA_OFFSET = "-05:00"
QR_BASE_URLS = {
    Environment.PRODUCTION: "https://catalogo-vpfe.dian.gov.co/document/searchqr?documentkey=",
    Environment.TESTING: "https://catalogo-vpfe-hab.dian.gov.co/document/searchqr?documentkey=",
}


@dataclass(frozen=True)
class KeyFields:
    """The fields hashed into a CUFE/CUDE, already in the annex's text formats."""

    number: str
    issue_date: str
    issue_time: str
    line_extension: str
    vat: str
    inc: str
    ica: str
    payable: str
    supplier_nit: str
    customer_id: str
    secret: str
    environment: str

    def concatenated(self) -> str:
        """The exact string the annex hashes."""
        return "".join(
            (
                self.number,
                self.issue_date,
                self.issue_time,
                self.line_extension,
                VAT,
                self.vat,
                INC,
                self.inc,
                ICA,
                self.ica,
                self.payable,
                self.supplier_nit,
                self.customer_id,
                self.secret,
                self.environment,
            )
        )

    def digest(self) -> str:
        """SHA-384 hex digest (96 lowercase hex characters)."""
        return sha384_hex(self.concatenated())


def sha384_hex(text: str) -> str:
    """SHA-384 of UTF-8 text, lowercase hex."""
    return hashlib.sha384(text.encode("utf-8")).hexdigest()


def format_issue_time(value: time) -> str:
    """`HH:MM:SS-05:00` (Colombian local time with its fixed offset)."""
    return value.strftime("%H:%M:%S") + COLOMBIA_OFFSET


def key_fields(draft: InvoiceDraft, totals: DocumentTotals | None = None) -> KeyFields:
    """The CUFE/CUDE fields of a draft; the secret is the technical key or the PIN."""
    totals = totals or document_totals(draft)
    secret = draft.software.pin if draft.kind.is_note else draft.resolution.technical_key
    return KeyFields(
        number=draft.document_number,
        issue_date=draft.issue_date.isoformat(),
        issue_time=format_issue_time(draft.issue_time),
        line_extension=dian_amount(totals.line_extension),
        vat=dian_amount(totals.tax_total(VAT)),
        inc=dian_amount(totals.tax_total(INC)),
        ica=dian_amount(totals.tax_total(ICA)),
        payable=dian_amount(totals.payable),
        supplier_nit=draft.supplier.id_number,
        customer_id=draft.customer.id_number,
        secret=secret,
        environment=draft.environment.value,
    )


def document_key(draft: InvoiceDraft, totals: DocumentTotals | None = None) -> str:
    """The draft's CUFE (invoices) or CUDE (notes)."""
    return key_fields(draft, totals).digest()


def key_scheme_name(draft: InvoiceDraft) -> str:
    """`cbc:UUID/@schemeName`: CUFE-SHA384 or CUDE-SHA384."""
    return "CUDE-SHA384" if draft.kind.is_note else "CUFE-SHA384"


def software_security_code(software_id: str, pin: str, number: str) -> str:
    """`sts:SoftwareSecurityCode` = SHA-384(software id + PIN + document number)."""
    return sha384_hex(f"{software_id}{pin}{number}")


def qr_url(environment: Environment, key: str) -> str:
    """The DIAN catalogue page of a document, per environment."""
    return QR_BASE_URLS[environment] + key


@dataclass(frozen=True)
class QrFields:
    """What the QR code of the printed document says (annex's `Detalle: valor` lines)."""

    number: str
    issue_date: date
    issue_time: time
    supplier_nit: str
    customer_id: str
    line_extension: Decimal
    vat: Decimal
    other_taxes: Decimal
    total: Decimal
    key: str
    is_note: bool
    environment: Environment

    def text(self) -> str:
        """One `Name: value` per line, ending with the catalogue URL."""
        return "\n".join(
            (
                f"NumFac: {self.number}",
                f"FecFac: {self.issue_date.isoformat()}",
                f"HorFac: {format_issue_time(self.issue_time)}",
                f"NitFac: {self.supplier_nit}",
                f"DocAdq: {self.customer_id}",
                f"ValFac: {dian_amount(self.line_extension)}",
                f"ValIva: {dian_amount(self.vat)}",
                f"ValOtroIm: {dian_amount(self.other_taxes)}",
                f"ValTolFac: {dian_amount(self.total)}",
                f"{'CUDE' if self.is_note else 'CUFE'}: {self.key}",
                f"QRCode: {qr_url(self.environment, self.key)}",
            )
        )


def qr_fields(draft: InvoiceDraft, key: str, totals: DocumentTotals | None = None) -> QrFields:
    """The QR fields of a draft whose CUFE/CUDE is `key`."""
    totals = totals or document_totals(draft)
    vat = totals.tax_total(VAT)
    return QrFields(
        number=draft.document_number,
        issue_date=draft.issue_date,
        issue_time=draft.issue_time,
        supplier_nit=draft.supplier.id_number,
        customer_id=draft.customer.id_number,
        line_extension=totals.line_extension,
        vat=vat,
        other_taxes=totals.tax_inclusive - totals.line_extension - vat,
        total=totals.payable,
        key=key,
        is_note=draft.kind.is_note,
        environment=draft.environment,
    )


def qr_text(draft: InvoiceDraft, key: str, totals: DocumentTotals | None = None) -> str:
    """The QR data string of a draft (what `sts:QRCode` holds and the PDF draws)."""
    return qr_fields(draft, key, totals).text()
