"""The scheduled payroll run: every company with a payroll source posts its closed period.

Called by the Huey periodic task on the 1st and the 16th (and safe any other day: each
period posts once). One company's failure is logged and reported, never stops the rest.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import UTC, datetime

import httpx
from sqlalchemy import Engine
from sqlmodel import col, select

from cuadre.sealing import SealError, sealer
from cuadre.settings import Settings
from ledger.db import admin_session, company_session
from ledger.errors import LedgerError
from ledger.models import PayrollSource
from tools.engines import task_engine
from tools.errors import ToolError
from tools.payroll.client import PayrollClient
from tools.payroll.periods import bogota_today, last_closed_period
from tools.payroll.posting import PostedPayroll, existing_run, post_period

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class CompanyRun:
    """One company's outcome: what was posted, or the Spanish reason it was not."""

    company_id: int
    posted: PostedPayroll | None
    error: str = ""


def post_due_payrolls(
    engine: Engine,
    settings: Settings,
    now: datetime,
    *,
    transport: httpx.BaseTransport | None = None,
) -> list[CompanyRun]:
    """Post the period that closed before `now` (Bogota) for each configured company."""
    period = last_closed_period(bogota_today(now))
    with admin_session(engine) as session:
        sources = session.exec(
            select(PayrollSource).where(col(PayrollSource.active).is_(True))
        ).all()
        targets = [(s.company_id, s.base_url, s.username, s.secret) for s in sources]
    results = []
    box = sealer(settings)
    for company_id, base_url, username, stored_secret in targets:
        try:
            secret = box.open(stored_secret)
            with company_session(engine, company_id) as session:
                done = existing_run(session, period)
                if done is not None:
                    results.append(CompanyRun(company_id, None, "ya contabilizado"))
                    continue
                with PayrollClient(
                    base_url or settings.payroll_api_url,
                    username,
                    secret,
                    timeout=settings.payroll_timeout_seconds,
                    transport=transport,
                ) as client:
                    data = client.fetch_period(period)
                posted = post_period(session, company_id, period, data)
            results.append(CompanyRun(company_id, posted))
        except (ToolError, LedgerError, SealError) as exc:
            log.warning("payroll %s company %s: %s", period.key, company_id, exc.message_es)
            results.append(CompanyRun(company_id, None, exc.message_es))
    return results


def utc_now() -> datetime:
    """The clock the scheduled run reads (tests freeze it here)."""
    return datetime.now(UTC)


def run_scheduled(settings: Settings) -> list[CompanyRun]:
    """What the periodic task does: post every due payroll at the current instant."""
    with task_engine(settings, migrate=False) as engine:
        return post_due_payrolls(engine, settings, utc_now())
