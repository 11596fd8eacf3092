"""WhatsApp numbers and Slack users linked to Cuadre users by an administrator.

Only linked numbers and Slack users get answers, each as the user (and company) it was
linked to.
"""

from __future__ import annotations

import re

from sqlalchemy import Engine
from sqlmodel import Session, select

from ledger.db import admin_session
from ledger.models import SlackLink, User, UserCompany, WhatsAppLink
from tools.context import Principal
from tools.errors import ToolError

_DIGITS = re.compile(r"\D+")


def normalize_phone(raw: str) -> str:
    """E.164 digits without '+' (WhatsApp's `from` format): '+57 300 123 4567' -> '573001234567'."""
    digits = _DIGITS.sub("", raw)
    if not 8 <= len(digits) <= 15:
        raise ToolError("telefono_invalido", f"«{raw}» no es un número de WhatsApp válido.")
    return digits


def _member_id(session: Session, email: str, company_id: int) -> int:
    """The id of the user `email` when it belongs to the company; a Spanish error otherwise."""
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
    return user.id


def link_number(engine: Engine, *, phone: str, email: str, company_id: int) -> str:
    """Link (or re-link) a number to a member of the company; returns the normalized number."""
    digits = normalize_phone(phone)
    with admin_session(engine) as session:
        user_id = _member_id(session, email, company_id)
        link = session.exec(select(WhatsAppLink).where(WhatsAppLink.phone == digits)).first()
        if link is None:
            link = WhatsAppLink(phone=digits, user_id=user_id, company_id=company_id)
        link.user_id, link.company_id = user_id, company_id
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


_SLACK_ID = re.compile(r"^[A-Z0-9]{2,32}$")


def _slack_id(raw: str, what: str) -> str:
    value = raw.strip().upper()
    if not _SLACK_ID.match(value):
        raise ToolError(
            "slack_id_invalido", f"«{raw}» no es un id de {what} de Slack (p. ej. T0123)."
        )
    return value


def link_slack_user(
    engine: Engine, *, team_id: str, slack_user_id: str, email: str, company_id: int
) -> tuple[str, str]:
    """Link (or re-link) a Slack member of a workspace to a member of the company."""
    team, member = _slack_id(team_id, "espacio de trabajo"), _slack_id(slack_user_id, "usuario")
    with admin_session(engine) as session:
        user_id = _member_id(session, email, company_id)
        link = session.exec(
            select(SlackLink).where(SlackLink.team_id == team, SlackLink.slack_user_id == member)
        ).first()
        if link is None:
            link = SlackLink(
                team_id=team, slack_user_id=member, user_id=user_id, company_id=company_id
            )
        link.user_id, link.company_id = user_id, company_id
        session.add(link)
        session.commit()
    return team, member


def principal_for_slack(engine: Engine, team_id: str, slack_user_id: str) -> Principal | None:
    """The principal a linked Slack member speaks for, or None for an unknown one."""
    with admin_session(engine) as session:
        row = session.exec(
            select(SlackLink, User, UserCompany)
            .join(User, User.id == SlackLink.user_id)  # type: ignore[arg-type]
            .join(
                UserCompany,
                (UserCompany.user_id == SlackLink.user_id)  # type: ignore[arg-type]
                & (UserCompany.company_id == SlackLink.company_id),
            )
            .where(
                SlackLink.team_id == team_id.strip().upper(),
                SlackLink.slack_user_id == slack_user_id.strip().upper(),
            )
        ).first()
    if row is None:
        return None
    link, user, member = row
    return Principal(
        company_id=link.company_id,
        user_id=user.id,
        user_name=user.name or user.email,
        role=member.role,
        channel="slack",
    )
