"""The expenses agent: activation, pause, the periodic pass and the daily figures.

Which pending entries the agent may take: those that arrived after its last start
(`resumed_at`). Only on the very first activation without "registrar los más recientes"
does it also take the backlog. Entries that arrived while paused stay for a person,
whatever happens later: reactivation moves `resumed_at` past them.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import Engine
from sqlmodel import Session, select

from ledger.books import scoped_company_id
from ledger.db import admin_session, company_session
from ledger.models import DailySummary, ExpenseAgentState, InboxEntry
from tools.inbox.intake import NEEDS_REVIEW, PENDING, REGISTERED
from tools.inbox.register import register_entry

BOGOTA = ZoneInfo("America/Bogota")
MINUTES_PER_INVOICE = 3
ACTOR = "agente de gastos"
TASKS_ES = (
    "Registrar los documentos de compra que lleguen desde hoy.",
    "Sugerir ítems y cuentas según tu actividad económica y tu historial de compras.",
    "Verificar los datos extraídos del XML (proveedor, fechas, ítems y valores).",
)


def aware(moment: datetime) -> datetime:
    """UTC-aware datetime (SQLite hands back naive UTC values)."""
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


@dataclass(frozen=True)
class Activation:
    """What the person sees when the agent is switched on."""

    greeting: str
    tasks: tuple[str, ...]
    only_recent: bool
    active: bool


def state_of(session: Session) -> ExpenseAgentState:
    """The company's agent state (a paused, never-activated one when missing)."""
    state = session.exec(select(ExpenseAgentState)).first()
    if state is None:
        state = ExpenseAgentState(company_id=scoped_company_id(session), active=False)
    return state


def activate(
    session: Session, *, user_name: str, now: datetime, only_recent: bool = True
) -> Activation:
    """Switch the agent on: greet the person by name and list what it will do."""
    state = state_of(session)
    state.active = True
    state.only_recent = only_recent
    if state.activated_at is None:
        state.activated_at = now
    state.resumed_at = now
    state.updated_at = now
    session.add(state)
    session.commit()
    first = (user_name or "").strip().split(" ")[0] or "hola"
    return Activation(f"Hola, {first}", TASKS_ES, only_recent, True)


def start(session: Session, *, now: datetime) -> ExpenseAgentState:
    """Start (or restart after a pause): only documents arriving from now on."""
    state = state_of(session)
    if state.activated_at is None:
        state.activated_at = now
    state.active = True
    state.resumed_at = now
    state.updated_at = now
    session.add(state)
    session.commit()
    return state


def pause(session: Session, *, now: datetime) -> ExpenseAgentState:
    """Stop: documents arriving from now on are left for a person."""
    state = state_of(session)
    state.active = False
    state.paused_at = now
    state.updated_at = now
    session.add(state)
    session.commit()
    return state


def eligible(state: ExpenseAgentState, entries: Sequence[InboxEntry]) -> list[InboxEntry]:
    """The pending entries the agent may take under `state`."""
    if not state.active or state.resumed_at is None:
        return []
    backlog = not state.only_recent and state.paused_at is None
    cutoff = aware(state.resumed_at)
    return [
        entry
        for entry in entries
        if entry.status == PENDING and (backlog or aware(entry.received_at) >= cutoff)
    ]


@dataclass
class PassReport:
    """What one pass of the agent did for one company."""

    registered: list[str] = field(default_factory=list)
    needs_review: list[str] = field(default_factory=list)


def process_company(session: Session, *, now: datetime) -> PassReport:
    """Register (or send to review) every entry the agent may take now."""
    report = PassReport()
    pending = session.exec(select(InboxEntry).where(InboxEntry.status == PENDING)).all()
    for entry in eligible(state_of(session), pending):
        done = register_entry(
            session, entry, actor=ACTOR, today=now.astimezone(BOGOTA).date(), now=now
        )
        target = report.registered if done.status == REGISTERED else report.needs_review
        target.append(done.number or done.cufe[:12])
    return report


def active_companies(engine: Engine) -> list[int]:
    """Companies whose agent is on."""
    with admin_session(engine) as session:
        states = session.exec(select(ExpenseAgentState).where(ExpenseAgentState.active)).all()
        return [state.company_id for state in states]


def process_all(engine: Engine, *, now: datetime) -> dict[int, PassReport]:
    """One pass over every company with the agent on (the periodic job)."""
    result = {}
    for company_id in active_companies(engine):
        with company_session(engine, company_id) as session:
            result[company_id] = process_company(session, now=now)
    return result


@dataclass(frozen=True)
class AgentStatus:
    """The status panel for one day (America/Bogota)."""

    active: bool
    day: date
    registered: int
    minutes_saved: int
    not_registered: tuple[tuple[str, tuple[str, ...]], ...]  # (number, reasons)

    @property
    def text_es(self) -> str:
        state = "activo" if self.active else "en pausa"
        lines = [
            f"Agente de gastos: {state}. Día {self.day:%d/%m/%Y}.",
            f"Facturas registradas: {self.registered}. Tiempo ahorrado: {self.minutes_saved} min.",
            f"Facturas sin registrar: {len(self.not_registered)}.",
        ]
        lines += [f"- {number}: {'; '.join(reasons)}" for number, reasons in self.not_registered]
        return "\n".join(lines)


def _bounds(day: date) -> tuple[datetime, datetime]:
    start_local = datetime.combine(day, time(0), BOGOTA)
    return start_local.astimezone(UTC), (start_local + timedelta(days=1)).astimezone(UTC)


def status(session: Session, *, day: date) -> AgentStatus:
    """Active/paused and the agent's figures for the day (by processing time, Bogotá).

    Only what the agent itself processed counts: a person's registration saves no time.
    """
    start_utc, end_utc = _bounds(day)
    entries = session.exec(select(InboxEntry).where(InboxEntry.processed_at.is_not(None))).all()  # type: ignore[union-attr]
    of_day = [
        entry
        for entry in entries
        if entry.processed_by == ACTOR
        and entry.processed_at
        and start_utc <= aware(entry.processed_at) < end_utc
    ]
    registered = sum(1 for entry in of_day if entry.status == REGISTERED)
    missing = tuple(
        (entry.number or entry.cufe[:12], tuple(json.loads(entry.reasons)))
        for entry in of_day
        if entry.status == NEEDS_REVIEW
    )
    return AgentStatus(
        state_of(session).active, day, registered, registered * MINUTES_PER_INVOICE, missing
    )


def store_daily_summary(session: Session, *, now: datetime) -> DailySummary:
    """Store yesterday's figures (Bogota calendar); run at 00:00 America/Bogota."""
    day = now.astimezone(BOGOTA).date() - timedelta(days=1)
    figures = status(session, day=day)
    summary = session.exec(select(DailySummary).where(DailySummary.day == day)).first()
    summary = summary or DailySummary(company_id=scoped_company_id(session), day=day)
    summary.registered = figures.registered
    summary.not_registered = len(figures.not_registered)
    summary.minutes_saved = figures.minutes_saved
    summary.reasons = json.dumps(
        [
            {"numero": number, "motivos": list(reasons)}
            for number, reasons in figures.not_registered
        ],
        ensure_ascii=False,
    )
    session.add(summary)
    session.commit()
    session.refresh(summary)
    return summary


def summarize_all(engine: Engine, *, now: datetime) -> list[DailySummary]:
    """The midnight job: one summary per company that ever activated the agent."""
    with admin_session(engine) as session:
        companies = [s.company_id for s in session.exec(select(ExpenseAgentState)).all()]
    result = []
    for company_id in companies:
        with company_session(engine, company_id) as session:
            result.append(store_daily_summary(session, now=now))
    return result
