"""Post one closed payroll period: the adjustment entry and the egreso, once per period.

Both entries and the `PayrollRun` row (unique per company and period key) are written in
one transaction under the company's books lock, so a second run of the same period, even
a concurrent one, writes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from sqlmodel import Session, select

from ledger.audit import record
from ledger.entry_writer import atomic, lock_books, write_entry
from ledger.models import Contact, PayrollRun
from ledger.money import format_cop
from ledger.proposals import EntryProposal, ProposedLine
from tools.errors import ToolError
from tools.payroll.client import PayrollPeriod
from tools.payroll.concepts import BY_CODE, Side
from tools.payroll.mapping import ResolvedMapping, resolved_mappings
from tools.payroll.periods import Period

ACTOR = "nómina (automático)"


@dataclass(frozen=True)
class PostedPayroll:
    """What a run posted (or found already posted)."""

    period_key: str
    adjustment_entry_id: int
    disbursement_entry_id: int | None
    total: Decimal
    already_posted: bool = False


def adjustment_proposal(
    period: Period, data: PayrollPeriod, mappings: dict[str, ResolvedMapping]
) -> EntryProposal:
    """Dr each expense concept, Cr each liability concept, on the mapped accounts (pure)."""
    lines = []
    for code, amount in sorted(data.totals.items()):
        if amount == 0:
            continue
        item = BY_CODE.get(code)
        if item is None or item.side is Side.BANK:
            raise ToolError("nomina_concepto", f"El sistema de nómina envió el concepto {code!r}.")
        target = mappings[code]
        debit, credit = (amount, Decimal(0)) if item.side is Side.DEBIT else (Decimal(0), amount)
        lines.append(
            ProposedLine(
                account_code=target.account_code,
                debit=debit,
                credit=credit,
                cost_center_id=target.cost_center_id,
                description=item.name,
            )
        )
    return EntryProposal(
        date=period.end,
        description=f"Nómina del {period.start:%d/%m/%Y} al {period.end:%d/%m/%Y}",
        lines=tuple(lines),
        source="payroll",
    )


def disbursement_proposal(
    period: Period,
    data: PayrollPeriod,
    mappings: dict[str, ResolvedMapping],
    contact_ids: dict[str, int],
) -> EntryProposal | None:
    """The egreso: Dr net pay per employee, Cr the bank for the total (pure)."""
    if not data.payments:
        return None
    net, bank = mappings["net_pay"], mappings["bank"]
    lines = [
        ProposedLine(
            account_code=net.account_code,
            debit=p.amount,
            contact_id=contact_ids[p.nit],
            description=f"Pago nómina {p.name}".strip(),
        )
        for p in data.payments
    ]
    total = sum((p.amount for p in data.payments), Decimal(0))
    lines.append(ProposedLine(account_code=bank.account_code, credit=total, description="Pago"))
    return EntryProposal(
        date=period.posting_date,
        description=f"Egreso nómina del {period.start:%d/%m/%Y} al {period.end:%d/%m/%Y}",
        lines=tuple(lines),
        source="payroll",
    )


def _employees(session: Session, company_id: int, data: PayrollPeriod) -> dict[str, int]:
    """Contact ids of the paid employees, creating the ones the books do not know yet."""
    ids = {}
    for p in data.payments:
        number = p.nit.split("-")[0].strip()
        row = session.exec(select(Contact).where(Contact.id_number == number)).first()
        if row is None:
            row = Contact(
                company_id=company_id, id_type="13", id_number=number, name=p.name or number
            )
            session.add(row)
            session.flush()
        assert row.id is not None
        ids[p.nit] = row.id
    return ids


def existing_run(session: Session, period: Period) -> PayrollRun | None:
    """The run that already posted this period, if any."""
    return session.exec(select(PayrollRun).where(PayrollRun.period_key == period.key)).first()


def post_period(
    session: Session, company_id: int, period: Period, data: PayrollPeriod
) -> PostedPayroll:
    """Post the period's adjustment and egreso once; a repeat returns the first run."""
    mappings = resolved_mappings(session)
    adjustment = adjustment_proposal(period, data, mappings)
    adjustment.validate()
    if sum((p.amount for p in data.payments), Decimal(0)) != data.totals.get("net_pay", 0):
        raise ToolError(
            "nomina_pagos", "Los pagos a empleados no suman el neto a pagar del periodo."
        )
    with atomic(session):
        lock_books(session, company_id)
        done = existing_run(session, period)
        if done is not None:
            return _posted(done, adjustment.total_debit, already=True)
        entry = write_entry(session, company_id, adjustment, actor=ACTOR, batch_id=None)
        egreso = disbursement_proposal(
            period, data, mappings, _employees(session, company_id, data)
        )
        paid = (
            write_entry(session, company_id, egreso, actor=ACTOR, batch_id=None) if egreso else None
        )
        assert entry.id is not None
        run = PayrollRun(
            company_id=company_id,
            period_key=period.key,
            start=period.start,
            end=period.end,
            adjustment_entry_id=entry.id,
            disbursement_entry_id=paid.id if paid else None,
        )
        session.add(run)
        record(
            session,
            company_id=company_id,
            actor=ACTOR,
            action="payroll.posted",
            entity="journal_entry",
            entity_id=entry.id,
            source="payroll",
            summary=f"Nómina {period.key}: ajuste por {format_cop(adjustment.total_debit)}.",
        )
    return _posted(run, adjustment.total_debit)


def _posted(run: PayrollRun, total: Decimal, *, already: bool = False) -> PostedPayroll:
    return PostedPayroll(
        period_key=run.period_key,
        adjustment_entry_id=run.adjustment_entry_id,
        disbursement_entry_id=run.disbursement_entry_id,
        total=total,
        already_posted=already,
    )
