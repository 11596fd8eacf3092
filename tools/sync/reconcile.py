"""The fiscal reconciler: what the DIAN has for a period against what the books have.

Writes nothing. Each DIAN document (matched by CUFE, else by the other party's NIT and
the number) and each document in the books ends in one category: matched, only in the
DIAN, only in the books, amount difference, tax difference, or rejected by the DIAN
but booked. `register_missing` then records one missing document with the sync rules.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from pathlib import Path

from pydantic import BaseModel, ConfigDict
from sqlalchemy import Engine
from sqlmodel import Session, col, select

from ledger.db import company_session
from ledger.models import Contact, Document, DocumentStatus
from ledger.posting import post_document
from tools.dian import DianDocument, IngestFailure, IngestResult, direction
from tools.dian.direction import Direction, nit_digits
from tools.errors import ToolError
from tools.sync.job import company_profile
from tools.sync.rules import document_amounts, plan_document

MATCHED = "matched"
ONLY_DIAN = "only_in_dian"
ONLY_BOOKS = "only_in_books"
AMOUNT = "amount_difference"
TAX = "tax_difference"
REJECTED_BOOKED = "rejected_but_booked"
CATEGORIES_ES = {
    MATCHED: "Cuadran",
    ONLY_DIAN: "En la DIAN, no en los libros",
    ONLY_BOOKS: "En los libros, no en la DIAN",
    AMOUNT: "Diferencia de valor",
    TAX: "Diferencia de impuestos",
    REJECTED_BOOKED: "Rechazado por la DIAN pero registrado",
}


class ReconRow(BaseModel):
    """One document in one category, with both sides' figures when they exist."""

    model_config = ConfigDict(frozen=True)

    category: str
    number: str
    cufe: str | None
    side: str
    issue_date: date | None
    nit: str
    name: str
    dian_total: Decimal | None
    books_total: Decimal | None
    dian_tax: Decimal | None
    books_tax: Decimal | None


class Reconciliation(BaseModel):
    """The comparison for a period: counts per category and every row."""

    model_config = ConfigDict(frozen=True)

    start: date
    end: date
    counts: dict[str, int]
    rows: tuple[ReconRow, ...]
    unreadable: tuple[str, ...] = ()


def _books(session: Session, start: date, end: date) -> list[tuple[Document, str]]:
    query = (
        select(Document, Contact.id_number)
        .join(Contact, col(Contact.id) == Document.contact_id, isouter=True)
        .where(
            col(Document.issue_date) >= start,
            col(Document.issue_date) <= end,
            Document.status != DocumentStatus.VOIDED,
        )
    )
    return [(document, nit or "") for document, nit in session.exec(query)]


def reconcile(
    session: Session, company_nit: str, results: Iterable[IngestResult], start: date, end: date
) -> Reconciliation:
    """Compare the DIAN's documents of `start`..`end` with the books (reads only)."""
    books = _books(session, start, end)
    by_cufe = {d.cufe.lower(): (d, nit) for d, nit in books if d.cufe}
    by_number = {(nit, d.number.upper()): (d, nit) for d, nit in books}
    seen: set[int] = set()
    rows: list[ReconRow] = []
    unreadable: list[str] = []
    for result in results:
        if isinstance(result, IngestFailure):
            unreadable.append(f"{result.source.label()}: {result.message_es}")
            continue
        if result.issue_date is None or not start <= result.issue_date <= end:
            continue
        try:
            side = direction(result, company_nit)
        except ToolError:
            continue
        other = result.receiver if side is Direction.ISSUED else result.issuer
        nit = nit_digits(other.nit)
        match = by_cufe.get((result.cufe or "").lower()) or by_number.get(
            (nit, (result.number or "").upper())
        )
        rows.append(_row(result, side, nit, other.name or "", match))
        if match is not None and match[0].id is not None:
            seen.add(match[0].id)
    for document, nit in books:
        if document.id not in seen:
            contact_name = document.contact.name if document.contact else ""
            rows.append(
                ReconRow(
                    category=ONLY_BOOKS,
                    number=document.number,
                    cufe=document.cufe,
                    side=document.side,
                    issue_date=document.issue_date,
                    nit=nit,
                    name=contact_name,
                    dian_total=None,
                    books_total=document.total,
                    dian_tax=None,
                    books_tax=document.tax_total,
                )
            )
    counts = {category: 0 for category in CATEGORIES_ES}
    for row in rows:
        counts[row.category] += 1
    rows.sort(
        key=lambda r: (list(CATEGORIES_ES).index(r.category), r.issue_date or start, r.number)
    )
    return Reconciliation(
        start=start, end=end, counts=counts, rows=tuple(rows), unreadable=tuple(unreadable[:50])
    )


def _row(
    doc: DianDocument,
    side: Direction,
    nit: str,
    name: str,
    match: tuple[Document, str] | None,
) -> ReconRow:
    try:
        amounts = document_amounts(doc)
        total, tax = amounts.payable, amounts.vat + sum(amounts.other_taxes.values(), Decimal(0))
    except ToolError:
        total, tax = doc.totals.payable or Decimal(0), doc.tax_total
    rejected = doc.validation is not None and doc.validation.code == "04"
    booked = match[0] if match else None
    if booked is None:
        category = MATCHED if rejected else ONLY_DIAN  # rejected and not booked: as it should be
    elif rejected:
        category = REJECTED_BOOKED
    elif abs(booked.total - total) > Decimal(1):
        category = AMOUNT
    elif abs(booked.tax_total - tax) > Decimal(1):
        category = TAX
    else:
        category = MATCHED
    return ReconRow(
        category=category,
        number=doc.number or "",
        cufe=doc.cufe,
        side="sale" if side is Direction.ISSUED else "purchase",
        issue_date=doc.issue_date,
        nit=nit,
        name=name,
        dian_total=total,
        books_total=booked.total if booked else None,
        dian_tax=tax,
        books_tax=booked.tax_total if booked else None,
    )


def register_missing(
    engine: Engine, company_id: int, doc: DianDocument, *, sync_date: date, actor: str
) -> Document:
    """Record one document the books lack, with the sync rules (contact matched or created)."""
    with company_session(engine, company_id) as session:
        profile = company_profile(session, company_id)
        side = direction(doc, profile.nit)
        other = doc.receiver if side is Direction.ISSUED else doc.issuer
        nit = nit_digits(other.nit)
        contact = session.exec(select(Contact).where(Contact.id_number == nit)).first()
        if contact is None:
            contact = Contact(
                company_id=company_id,
                id_type=other.id_type or "31",
                id_number=nit,
                check_digit=(other.dv or None) and other.dv[:1],
                name=other.name or f"NIT {nit}",
                is_customer=side is Direction.ISSUED,
                is_supplier=side is Direction.RECEIVED,
            )
            session.add(contact)
            session.flush()  # an id for the lines; committed with the document, or not at all
        plan = plan_document(doc, profile, side, contact_id=contact.id, sync_date=sync_date)
        return post_document(
            session, plan.document, plan.entry, plan.payment, actor=actor, batch_id=None
        )


def write_xlsx(result: Reconciliation, path: Path) -> Path:
    """The reconciliation as a workbook: a summary sheet and a detail sheet."""
    from openpyxl import Workbook

    workbook = Workbook()
    summary = workbook.active
    assert summary is not None
    summary.title = "Resumen"
    summary.append(["Conciliación fiscal", f"{result.start:%d/%m/%Y} a {result.end:%d/%m/%Y}"])
    summary.append([])
    summary.append(["Categoría", "Documentos"])
    for category, label in CATEGORIES_ES.items():
        summary.append([label, result.counts.get(category, 0)])
    detail = workbook.create_sheet("Detalle")
    detail.append(
        [
            "Categoría",
            "Número",
            "Tipo",
            "Fecha",
            "NIT",
            "Tercero",
            "Total DIAN",
            "Total libros",
            "Impuestos DIAN",
            "Impuestos libros",
            "CUFE",
        ]
    )
    for row in result.rows:
        detail.append(
            [
                CATEGORIES_ES[row.category],
                row.number,
                "venta" if row.side == "sale" else "compra",
                row.issue_date,
                row.nit,
                row.name,
                row.dian_total,
                row.books_total,
                row.dian_tax,
                row.books_tax,
                row.cufe,
            ]
        )
    for cell in detail["D"][1:]:
        cell.number_format = "DD/MM/YYYY"
    for column in ("G", "H", "I", "J"):
        for cell in detail[column][1:]:
            cell.number_format = "#,##0.00"
    workbook.save(path)
    return path
