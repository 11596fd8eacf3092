"""WhatsApp numbers linked to users by an administrator (only linked numbers get answers)."""

from __future__ import annotations

import re

from sqlalchemy import Engine
from sqlmodel import select

from ledger.db import admin_session
from ledger.models import User, UserCompany, WhatsAppLink
from tools.context import Principal
from tools.errors import ToolError

_DIGITS = re.compile(r"\D+")


def normalize_phone(raw: str) -> str:
    """E.164 digits without '+' (WhatsApp's `from` format): '+57 300 123 4567' -> '573001234567'."""
    digits = _DIGITS.sub("", raw)
    if not 8 <= len(digits) <= 15:
        raise ToolError("telefono_invalido", f"«{raw}» no es un número de WhatsApp válido.")
    return digits


def link_number(engine: Engine, *, phone: str, email: str, company_id: int) -> str:
    """Link (or re-link) a number to a member of the company; returns the normalized number."""
    digits = normalize_phone(phone)
    with admin_session(engine) as session:
        user = session.exec(select(User).where(User.email == email.strip().lower())).first()
        member = (
            session.exec(
                select(UserCompany).where(
                    UserCompany.user_id == user.id, UserCompany.company_id == company_id
                )
            ).first()
            if user
            else None
        )
        if user is None or user.id is None or member is None:
            raise ToolError("no_es_miembro", f"{email} no es usuario de esa empresa.")
        link = session.exec(select(WhatsAppLink).where(WhatsAppLink.phone == digits)).first()
        if link is None:
            link = WhatsAppLink(phone=digits, user_id=user.id, company_id=company_id)
        link.user_id, link.company_id = user.id, company_id
        session.add(link)
        session.commit()
    return digits


def principal_for_number(engine: Engine, phone: str) -> Principal | None:
    """The principal a linked number speaks for, or None for an unknown number."""
    with admin_session(engine) as session:
        row = session.exec(
            select(WhatsAppLink, User, UserCompany)
            .join(User, User.id == WhatsAppLink.user_id)  # type: ignore[arg-type]
            .join(
                UserCompany,
                (UserCompany.user_id == WhatsAppLink.user_id)  # type: ignore[arg-type]
                & (UserCompany.company_id == WhatsAppLink.company_id),
            )
            .where(WhatsAppLink.phone == _DIGITS.sub("", phone))
        ).first()
    if row is None:
        return None
    link, user, member = row
    return Principal(
        company_id=link.company_id,
        user_id=user.id,
        user_name=user.name or user.email,
        role=member.role,
        channel="whatsapp",
    )
