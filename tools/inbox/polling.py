"""Periodic polling of the DIAN portal into each company's reception inbox.

A company stores its DIAN access link once (`save_portal_link`); the periodic job
(`poll_all`) reads the received documents of the last `lookback_days` for every company
with an active link. The link carries the DIAN token, a secret: it is never logged and
only shown masked (`masked_link`). A DIAN token lasts one hour, so an older link is not
even tried: the source keeps a Spanish `last_error` asking for a new one.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from urllib.parse import urlsplit

from sqlalchemy import Engine
from sqlmodel import Session, select

from cuadre.sealing import SealError, sealer
from cuadre.settings import Settings
from ledger.books import scoped_company_id
from ledger.db import admin_session, company_session
from ledger.models import PortalSource
from tools.errors import ToolError
from tools.inbox.agent import BOGOTA, aware
from tools.inbox.portal import read_portal
from tools.sync.portal import TOKEN_LIFETIME, check_link

log = logging.getLogger(__name__)

EXPIRED_ES = (
    "El enlace de la DIAN venció (dura una hora): pide uno nuevo en el portal de la DIAN y "
    "guárdalo otra vez para seguir trayendo las facturas recibidas."
)


@dataclass(frozen=True)
class PollResult:
    """What one poll of one company brought: new entries, or the error it stopped on."""

    company_id: int
    added: int = 0
    duplicates: int = 0
    error: str = ""


def masked_link(link: str) -> str:
    """The link without its token, safe to show: `https://host/User/AuthToken?…`."""
    parts = urlsplit(link)
    return f"{parts.scheme}://{parts.netloc}{parts.path}?…"


def save_portal_link(
    session: Session,
    link: str,
    settings: Settings,
    *,
    now: datetime,
    lookback_days: int = 7,
) -> PortalSource:
    """Store (or replace) the company's DIAN link; raises a Spanish `ToolError` if invalid."""
    check_link(link, settings)
    if not 1 <= lookback_days <= 90:
        raise ToolError("dias_invalidos", "Los días a revisar van de 1 a 90.")
    source = session.exec(select(PortalSource)).first()
    source = source or PortalSource(
        company_id=scoped_company_id(session), link="", link_received_at=now
    )
    source.link = sealer(settings).seal(link.strip())  # the token is a credential
    source.link_received_at = now
    source.lookback_days = lookback_days
    source.active = True
    source.last_error = ""
    source.updated_at = now
    session.add(source)
    session.commit()
    session.refresh(source)
    return source


def poll_company(session: Session, settings: Settings, *, now: datetime) -> PollResult | None:
    """Read the company's received documents into its inbox; None without an active link."""
    source = session.exec(select(PortalSource)).first()
    if source is None or not source.active:
        return None
    company_id = source.company_id
    result: PollResult
    if now - aware(source.link_received_at) > TOKEN_LIFETIME:
        result = PollResult(company_id, error=EXPIRED_ES)
    else:
        end = now.astimezone(BOGOTA).date()
        start = end - timedelta(days=source.lookback_days)
        try:
            link = sealer(settings).open(source.link)
            report = read_portal(session, link, settings, start=start, end=end, now=now)
        except SealError as error:
            result = PollResult(company_id, error=error.message_es)
        except ToolError as error:
            session.rollback()
            result = PollResult(company_id, error=error.message_es)
        else:
            result = PollResult(company_id, len(report.added), report.duplicates)
    source.last_polled_at = now
    source.last_added = result.added
    source.last_error = result.error[:500]
    source.updated_at = now
    session.add(source)
    session.commit()
    # Only the company and the counts: the link (with its token) never reaches a log.
    log.info(
        "portal poll company=%s added=%s duplicates=%s error=%s",
        company_id,
        result.added,
        result.duplicates,
        bool(result.error),
    )
    return result


def companies_with_portal(engine: Engine) -> list[int]:
    """Companies whose inbox has an active DIAN link."""
    with admin_session(engine) as session:
        rows = session.exec(select(PortalSource).where(PortalSource.active)).all()
        return sorted(source.company_id for source in rows)


def poll_all(
    engine: Engine, settings: Settings, *, now: datetime | None = None
) -> list[PollResult]:
    """The periodic job: one poll per company with an active link; one failure stops none."""
    moment = now or datetime.now(UTC)
    results = []
    for company_id in companies_with_portal(engine):
        with company_session(engine, company_id) as session:
            try:
                found = poll_company(session, settings, now=moment)
            except Exception:
                log.exception("portal poll failed for company %s", company_id)
                found = PollResult(company_id, error="error inesperado")
        if found is not None:
            results.append(found)
    return results
