"""The printed representation of an electronic document (PDF with its QR), in Spanish.

fpdf2's core fonts cover Latin-1, which holds every Spanish letter; anything outside it
is replaced rather than failing the whole PDF.
"""

from __future__ import annotations

from decimal import Decimal

import qrcode
from fpdf import FPDF
from fpdf.enums import XPos, YPos

from ledger.money import format_cop, format_date
from tools.einvoice.cufe import format_issue_time
from tools.einvoice.totals import INC, VAT
from tools.einvoice.types import InvoiceDraft, Party
from tools.einvoice.ubl import BuiltDocument, quantity_text

_PAYMENT_FORM = {"1": "Contado", "2": "Crédito"}
_WIDTHS = (86, 20, 30, 16, 38)


def _latin1(text: str) -> str:
    return text.encode("latin-1", "replace").decode("latin-1")


def _party_id(party: Party) -> str:
    digit = f"-{party.check_digit}" if party.check_digit else ""
    kind = "NIT" if party.id_type == "31" else "Identificación"
    return f"{kind} {party.id_number}{digit}"


class _Invoice(FPDF):
    """A Letter page with the document's QR in the top-right corner of every page."""

    QR_SIZE = 32.0

    def __init__(self, qr_text: str):
        super().__init__(format="Letter")
        self._qr = qrcode.make(qr_text, box_size=4, border=2).get_image()

    def header(self) -> None:
        x = self.w - self.r_margin - self.QR_SIZE
        self.image(self._qr, x=x, y=8, w=self.QR_SIZE, h=self.QR_SIZE)
        # Text starts beside the QR on the first page and below it afterwards.
        self.set_y(10 if self.page_no() == 1 else 8 + self.QR_SIZE + 4)

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font("helvetica", "", 7)
        self.cell(0, 5, f"Página {self.page_no()} de {{nb}}", align="R")

    def line_text(self, text: str, *, size: int = 9, style: str = "", height: float = 5) -> None:
        self.set_font("helvetica", style, size)
        width = self.epw - self.QR_SIZE - 4 if self.page_no() == 1 else 0
        self.multi_cell(width, height, _latin1(text), new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    def row(self, values: tuple[str, ...], *, style: str = "", border: str = "") -> None:
        self.set_font("helvetica", style, 8)
        for index, (width, value) in enumerate(zip(_WIDTHS, values, strict=True)):
            align = "L" if index == 0 else "R"
            self.cell(width, 6, _latin1(value), border=border, align=align)
        self.ln(6)


def render_pdf(built: BuiltDocument, *, validated: bool = True) -> bytes:
    """The document as a PDF: parties, resolution, lines, totals, CUFE/CUDE; the QR on
    every page (the annex asks for it on all pages of the printed representation)."""
    draft = built.draft
    pdf = _Invoice(built.qr_text)
    pdf.set_compression(False)  # plain text streams: searchable and easy to audit
    pdf.set_title(_latin1(f"{draft.kind.label_es} {draft.document_number}"))
    pdf.add_page()
    _header(pdf, draft)
    _lines(pdf, built)
    _totals(pdf, built)
    _footer(pdf, built, validated)
    return bytes(pdf.output())


def _header(pdf: _Invoice, draft: InvoiceDraft) -> None:
    supplier, customer = draft.supplier, draft.customer
    pdf.line_text(supplier.name, size=14, style="B", height=7)
    pdf.line_text(_party_id(supplier))
    pdf.line_text(f"{supplier.address.line}, {supplier.address.city_name}")
    if supplier.email:
        pdf.line_text(f"Correo: {supplier.email}")
    pdf.ln(2)
    pdf.line_text(f"{draft.kind.label_es} No. {draft.document_number}", size=12, style="B")
    res = draft.resolution
    if not draft.kind.is_note:
        pdf.line_text(
            f"Autorización de numeración DIAN No. {res.number} del "
            f"{format_date(res.valid_from)}, prefijo {res.prefix} del {res.range_from} "
            f"al {res.range_to}, vigente hasta el {format_date(res.valid_to)}.",
            size=8,
        )
    pdf.line_text(
        f"Fecha de emisión: {format_date(draft.issue_date)} "
        f"{format_issue_time(draft.issue_time)}"
        + (f"   Vencimiento: {format_date(draft.due_date)}" if draft.due_date else "")
    )
    pdf.line_text(
        f"Forma de pago: {_PAYMENT_FORM.get(draft.payment_form, draft.payment_form)}"
        f"   Medio de pago: {draft.payment_means}   Moneda: {draft.currency}"
    )
    if draft.billing_reference is not None:
        ref = draft.billing_reference
        pdf.line_text(
            f"Factura referenciada: {ref.number} del {format_date(ref.issue_date)}. "
            f"Motivo: {ref.reason_text}"
        )
    pdf.ln(2)
    pdf.line_text("Adquiriente", style="B")
    pdf.line_text(f"{customer.name} - {_party_id(customer)}")
    pdf.line_text(f"{customer.address.line}, {customer.address.city_name}")
    pdf.ln(3)


def _lines(pdf: _Invoice, built: BuiltDocument) -> None:
    pdf.row(
        ("Descripción", "Cantidad", "Valor unitario", "IVA", "Valor total"), style="B", border="B"
    )
    for lt in built.totals.lines:
        line = lt.line
        vat = f"{line.vat_rate.normalize():f} %" if line.vat_rate is not None else "Excluido"
        pdf.row(
            (
                line.description,
                quantity_text(line.quantity),
                format_cop(line.unit_price),
                vat,
                format_cop(lt.extension),
            )
        )
    pdf.ln(2)


def _totals(pdf: _Invoice, built: BuiltDocument) -> None:
    totals = built.totals
    rows: list[tuple[str, Decimal]] = [("Subtotal", totals.line_extension)]
    rows.append(("IVA", totals.tax_total(VAT)))
    if totals.tax_total(INC):
        rows.append(("Impuesto nacional al consumo", totals.tax_total(INC)))
    rows.append(("Total a pagar", totals.payable))
    for index, (label, amount) in enumerate(rows):
        style = "B" if index == len(rows) - 1 else ""
        pdf.set_font("helvetica", style, 9)
        pdf.cell(sum(_WIDTHS[:-1]), 6, _latin1(label), align="R")
        pdf.cell(_WIDTHS[-1], 6, format_cop(amount), align="R", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(4)


def _footer(pdf: _Invoice, built: BuiltDocument, validated: bool) -> None:
    label = "CUDE" if built.draft.kind.is_note else "CUFE"
    status = (
        "Documento validado por la DIAN."
        if validated
        else "Factura de contingencia: pendiente de validación por la DIAN."
    )
    software = built.draft.software
    pdf.set_font("helvetica", "", 7)
    for text in (
        f"{label}: {built.key}",
        status,
        f"Software de facturación: Cuadre (proveedor NIT {software.provider_nit}).",
    ):
        pdf.multi_cell(0, 4, _latin1(text), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
