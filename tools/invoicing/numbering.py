"""Numbering resolutions and the gap-free counter.

`take_number` reads and advances a resolution's `next_number` inside the caller's
transaction, under a row lock (`SELECT ... FOR UPDATE` on PostgreSQL; on SQLite a
write first, which takes the database's single write lock as BEGIN IMMEDIATE would).
The number commits together with the document that uses it, or not at all: a failure
rolls both back, so numbers are never skipped nor reused.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from sqlalchemy import text
from sqlmodel import Session, col, select

from ledger.books import scoped_company_id
from ledger.models import NumberingResolution
from ledger.money import format_date
from tools.einvoice.checks import resolution_alerts
from tools.einvoice.types import DocumentKind, Resolution
from tools.errors import ToolError


class ResolutionKind(StrEnum):
    """Which documents a resolution numbers."""

    INVOICE = "invoice"
    CONTINGENCY = "contingency"
    CREDIT = "credit"
    DEBIT = "debit"


_FOR_DOCUMENT = {
    DocumentKind.INVOICE: (ResolutionKind.INVOICE,),
    # Contingency invoices use their own range when the DIAN gave one, else the invoices'.
    DocumentKind.CONTINGENCY: (ResolutionKind.CONTINGENCY, ResolutionKind.INVOICE),
    DocumentKind.CREDIT_NOTE: (ResolutionKind.CREDIT,),
    DocumentKind.DEBIT_NOTE: (ResolutionKind.DEBIT,),
}


@dataclass(frozen=True)
class TakenNumber:
    """A consecutive taken from a resolution (not yet committed)."""

    resolution_id: int
    resolution: Resolution
    consecutive: int

    @property
    def number(self) -> str:
        """`FE12`: prefix + consecutive, as `cbc:ID` carries it."""
        return f"{self.resolution.prefix}{self.consecutive}"


def as_resolution(row: NumberingResolution) -> Resolution:
    """The pure `Resolution` the UBL builder needs."""
    return Resolution(
        number=row.resolution_number,
        prefix=row.prefix,
        range_from=row.range_from,
        range_to=row.range_to,
        valid_from=row.valid_from,
        valid_to=row.valid_to,
        technical_key=row.technical_key,
    )


def add_resolution(
    session: Session,
    *,
    kind: ResolutionKind,
    resolution_number: str,
    prefix: str,
    range_from: int,
    range_to: int,
    valid_from: date,
    valid_to: date,
    technical_key: str = "",
) -> NumberingResolution:
    """Register a resolution; the counter starts at `range_from`. Commits."""
    company_id = scoped_company_id(session)
    if range_from < 1 or range_to < range_from:
        raise ToolError(
            "rango_invalido", f"El rango {range_from} a {range_to} no es válido para numerar."
        )
    if valid_to < valid_from:
        raise ToolError("vigencia_invalida", "La vigencia termina antes de empezar.")
    prefix = prefix.strip().upper()
    existing = session.exec(
        select(NumberingResolution).where(
            NumberingResolution.kind == kind.value, NumberingResolution.prefix == prefix
        )
    ).first()
    if existing is not None:
        raise ToolError(
            "resolucion_repetida",
            f"Ya hay una resolución con el prefijo {prefix} para {kind.value}.",
        )
    for row in session.exec(
        select(NumberingResolution).where(NumberingResolution.kind == kind.value)
    ):
        row.active = False
        session.add(row)
    row = NumberingResolution(
        company_id=company_id,
        kind=kind.value,
        resolution_number=resolution_number.strip(),
        prefix=prefix,
        range_from=range_from,
        range_to=range_to,
        valid_from=valid_from,
        valid_to=valid_to,
        technical_key=technical_key.strip(),
        next_number=range_from,
    )
    session.add(row)
    session.commit()
    return row


def active_resolution(session: Session, kind: DocumentKind) -> NumberingResolution:
    """The resolution that numbers `kind` now; a Spanish error when there is none."""
    for resolution_kind in _FOR_DOCUMENT[kind]:
        row = session.exec(
            select(NumberingResolution)
            .where(NumberingResolution.kind == resolution_kind.value)
            .where(col(NumberingResolution.active).is_(True))
            .order_by(col(NumberingResolution.id).desc())
        ).first()
        if row is not None:
            return row
    raise ToolError(
        "sin_resolucion",
        f"No hay resolución de numeración para {kind.label_es.lower()}: regístrala con "
        "`cuadre invoices resolution add`.",
    )


def _lock(session: Session, kind: DocumentKind) -> NumberingResolution:
    if session.get_bind().dialect.name == "postgresql":
        resolution_id = active_resolution(session, kind).id
        statement = (
            select(NumberingResolution)
            .where(NumberingResolution.id == resolution_id)
            .with_for_update()
            .execution_options(populate_existing=True)
        )
        return session.exec(statement).one()
    # SQLite in WAL mode: a transaction that read first cannot upgrade to a writer once
    # another one committed, so the write lock must be this transaction's first statement.
    session.connection().execute(
        text("UPDATE numbering_resolution SET next_number = next_number WHERE company_id = :c"),
        {"c": scoped_company_id(session)},
    )
    row = active_resolution(session, kind)
    session.refresh(row)
    return row


def take_number(session: Session, kind: DocumentKind, on: date) -> TakenNumber:
    """Lock the resolution, check range and validity, advance the counter (no commit).

    Call it first in a fresh transaction (SQLite needs the write lock before any read).
    """
    row = _lock(session, kind)
    consecutive = row.next_number
    if consecutive > row.range_to:
        raise ToolError(
            "numeracion_agotada",
            f"La numeración {row.prefix} se agotó (rango hasta {row.range_to}): solicita una "
            "nueva resolución a la DIAN.",
        )
    if not row.valid_from <= on <= row.valid_to:
        raise ToolError(
            "resolucion_vencida",
            f"La resolución {row.resolution_number} ({row.prefix}) no está vigente el "
            f"{format_date(on)} (vigencia del {format_date(row.valid_from)} al "
            f"{format_date(row.valid_to)}).",
        )
    row.next_number = consecutive + 1
    session.add(row)
    session.flush()
    assert row.id is not None
    return TakenNumber(row.id, as_resolution(row), consecutive)


def numbering_alerts(session: Session, today: date) -> tuple[str, ...]:
    """Warnings for every active resolution whose range or validity is running out."""
    alerts: list[str] = []
    for row in session.exec(
        select(NumberingResolution)
        .where(col(NumberingResolution.active).is_(True))
        .order_by(col(NumberingResolution.id))
    ):
        alerts.extend(
            resolution_alerts(as_resolution(row), next_number=row.next_number, today=today)
        )
    return tuple(alerts)


def list_resolutions(session: Session) -> list[NumberingResolution]:
    """Every resolution of the company, newest first."""
    return list(
        session.exec(select(NumberingResolution).order_by(col(NumberingResolution.id).desc()))
    )
