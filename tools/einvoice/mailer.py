"""E-mailing an accepted document to the customer over SMTP (smtplib).

The SMTP URL is `smtp://user:pass@host:port` (add `?starttls=true` for STARTTLS) or
`smtps://...` for implicit TLS. The Message-ID is derived from (company, CUFE/CUDE), so
a retry after an outage sends the very same message: downstream can tell it is one.
Connection troubles raise `SmtpUnavailable` (retry later); a refused recipient raises
`SmtpRejected` (do not retry; the timeline says why).
"""

from __future__ import annotations

import hashlib
import smtplib
import ssl
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from email.message import EmailMessage
from email.utils import format_datetime, formataddr
from urllib.parse import parse_qs, unquote, urlsplit

from ledger.money import format_cop, format_date
from tools.einvoice.package import CustomerPackage
from tools.einvoice.types import InvoiceDraft


class SmtpUnavailable(Exception):
    """The SMTP server could not be reached or answered a temporary error."""

    def __init__(self, reason_es: str):
        super().__init__(reason_es)
        self.reason_es = reason_es


class SmtpRejected(Exception):
    """The SMTP server refused the message for good (bad recipient, policy)."""

    def __init__(self, reason_es: str):
        super().__init__(reason_es)
        self.reason_es = reason_es


@dataclass(frozen=True)
class SmtpConfig:
    """Where and how to send."""

    host: str
    port: int
    username: str | None = None
    password: str | None = None
    starttls: bool = False
    implicit_tls: bool = False
    timeout: float = 20.0


def parse_smtp_url(url: str, *, timeout: float = 20.0) -> SmtpConfig:
    """`smtp://user:pass@host:port?starttls=true` or `smtps://user:pass@host:465`."""
    parts = urlsplit(url)
    if parts.scheme not in ("smtp", "smtps") or not parts.hostname:
        raise ValueError(f"not an SMTP URL: {url!r}")
    implicit = parts.scheme == "smtps"
    query = parse_qs(parts.query)
    starttls = query.get("starttls", ["false"])[0].lower() in ("1", "true", "yes", "si", "sí")
    return SmtpConfig(
        host=parts.hostname,
        port=parts.port or (465 if implicit else 25),
        username=unquote(parts.username) if parts.username else None,
        password=unquote(parts.password) if parts.password else None,
        starttls=starttls,
        implicit_tls=implicit,
        timeout=timeout,
    )


def message_id(company_nit: str, key: str, sender: str) -> str:
    """The same `<...@domain>` for the same (company, CUFE/CUDE), on every attempt."""
    digest = hashlib.sha256(f"{company_nit}|{key}".encode()).hexdigest()[:40]
    domain = sender.rsplit("@", 1)[-1] or "cuadre.local"
    return f"<fe.{digest}@{domain}>"


def subject(draft: InvoiceDraft) -> str:
    """DIAN's subject layout: NIT;Nombre;Número;Tipo;Nombre comercial;"""
    supplier = draft.supplier
    trade = supplier.trade_name or supplier.name
    return (
        f"{supplier.id_number};{supplier.name};{draft.document_number};{draft.kind.value};{trade};"
    )


def compose_document_mail(
    draft: InvoiceDraft,
    *,
    key: str,
    package: CustomerPackage,
    payable: Decimal,
    sender: str,
    sent_at: datetime,
) -> EmailMessage:
    """The Spanish e-mail with the ZIP attached, addressed to the customer."""
    customer = draft.customer
    if not customer.email:
        raise ValueError("the customer has no e-mail address")
    message = EmailMessage()
    message["From"] = formataddr((draft.supplier.name, sender))
    message["To"] = formataddr((customer.name, customer.email))
    message["Subject"] = subject(draft)
    message["Message-ID"] = message_id(draft.supplier.id_number, key, sender)
    message["Date"] = format_datetime(sent_at)
    amount = format_cop(payable)
    message.set_content(
        f"Señores {customer.name}:\n\n"
        f"{draft.supplier.name} les envía la {draft.kind.label_es.lower()} "
        f"{draft.document_number} del {format_date(draft.issue_date)} por {amount}, "
        "validada por la DIAN.\n\n"
        "El archivo adjunto contiene el documento electrónico (XML) y su representación "
        "gráfica (PDF).\n\n"
        f"CUFE/CUDE: {key}\n\n"
        "Este mensaje se generó automáticamente; por favor no lo responda.\n"
    )
    message.add_attachment(
        package.zip_bytes, maintype="application", subtype="zip", filename=package.zip_name
    )
    return message


def send_message(config: SmtpConfig, message: EmailMessage) -> None:
    """Deliver one message; raises `SmtpUnavailable` or `SmtpRejected`."""
    try:
        if config.implicit_tls:
            client: smtplib.SMTP = smtplib.SMTP_SSL(
                config.host, config.port, timeout=config.timeout,
                context=ssl.create_default_context(),
            )  # fmt: skip
        else:
            client = smtplib.SMTP(config.host, config.port, timeout=config.timeout)
        with client:
            if config.starttls:
                client.starttls(context=ssl.create_default_context())
            if config.username:
                client.login(config.username, config.password or "")
            client.send_message(message)
    except smtplib.SMTPRecipientsRefused as exc:
        raise SmtpRejected(
            f"El servidor de correo rechazó el destinatario: {exc.recipients}"
        ) from exc
    except smtplib.SMTPAuthenticationError as exc:
        raise SmtpRejected("El servidor de correo rechazó el usuario o la contraseña.") from exc
    except smtplib.SMTPResponseException as exc:
        if 400 <= exc.smtp_code < 500:
            raise SmtpUnavailable(
                f"El servidor de correo pidió reintentar ({exc.smtp_code})."
            ) from exc
        raise SmtpRejected(f"El servidor de correo rechazó el mensaje ({exc.smtp_code}).") from exc
    except (OSError, smtplib.SMTPException) as exc:
        raise SmtpUnavailable(
            f"No hubo conexión con el servidor de correo ({type(exc).__name__})."
        ) from exc
