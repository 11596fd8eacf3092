"""Huey declarations of the invoicing outboxes (the lead wires them into `cuadre.jobs`).

    tasks = register_invoicing_tasks(huey)   # two periodic tasks, every minute

Each tick opens the ledger from the settings, sends what is due and returns a small
summary; `run_outbox_once` is the same pass for `cuadre invoices outbox`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from huey import Huey, crontab

from cuadre.settings import Settings, get_settings
from tools.einvoice.dian_ws import DianWebService
from tools.einvoice.signing import CertificateError, SigningCredentials, credentials_from_settings
from tools.engines import task_engine
from tools.invoicing.mail_outbox import MailReport, process_mail_outbox
from tools.invoicing.outbox import OutboxReport, process_outbox


@dataclass(frozen=True)
class InvoicingTasks:
    """The periodic tasks registered on one Huey instance."""

    huey: Huey
    transmit_tick: Any
    mail_tick: Any


def _credentials(settings: Settings) -> SigningCredentials | None:
    try:
        return credentials_from_settings(settings)
    except CertificateError:
        return None


def transmission_tick(settings: Settings, now: datetime | None = None) -> OutboxReport:
    """One pass of the DIAN outbox on the settings' database and web service."""
    with task_engine(settings) as engine:
        credentials = _credentials(settings)
        with DianWebService.from_settings(settings, credentials) as ws:
            return process_outbox(engine, now or datetime.now(UTC), ws)


def mail_tick(settings: Settings, now: datetime | None = None) -> MailReport:
    """One pass of the customer mail outbox (SMTP and certificate from the settings)."""
    with task_engine(settings) as engine:
        return process_mail_outbox(engine, now or datetime.now(UTC), settings)


def run_outbox_once(
    settings: Settings, now: datetime | None = None
) -> tuple[OutboxReport, MailReport]:
    """Transmit what is due, then e-mail what became accepted (the CLI's `outbox`)."""
    moment = now or datetime.now(UTC)
    return transmission_tick(settings, moment), mail_tick(settings, moment)


def register_invoicing_tasks(huey: Huey) -> InvoicingTasks:
    """Declare the two outbox ticks on `huey`, each every minute."""

    @huey.periodic_task(crontab(minute="*"))
    def invoicing_transmit_tick() -> dict[str, list[str]]:
        """Send due e-documents to the DIAN."""
        report = transmission_tick(get_settings())
        return {"aceptados": report.accepted, "rechazados": report.rejected,
                "reintentos": report.retrying}  # fmt: skip

    @huey.periodic_task(crontab(minute="*"))
    def invoicing_mail_tick() -> dict[str, list[str]]:
        """E-mail accepted e-documents to the customers."""
        report = mail_tick(get_settings())
        return {"enviados": report.sent, "no_enviados": report.blocked,
                "reintentos": report.retrying}  # fmt: skip

    return InvoicingTasks(huey, invoicing_transmit_tick, invoicing_mail_tick)
