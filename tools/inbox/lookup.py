"""Finding an inbox entry by its id or by the document number a person says ("la FE2001")."""

from __future__ import annotations

import re

from sqlalchemy import func
from sqlmodel import Session, col, select

from ledger.models import InboxEntry
from tools.errors import ToolError


def number_key(number: str) -> str:
    """A document number compared loosely: "fe-2001", "FE 2001" and "FE2001" are one."""
    return re.sub(r"[^0-9A-Z]", "", number.upper())


def entry_id_for(session: Session, entry_id: int | None, number: str | None) -> int | None:
    """`entry_id` as given, else the newest entry whose number is `number`; None when
    neither was given. Raises `ToolError` when the number matches no entry."""
    if entry_id is not None or not number:
        return entry_id
    key = number_key(number)
    plain = func.upper(func.replace(func.replace(col(InboxEntry.number), "-", ""), " ", ""))
    found = session.exec(
        select(InboxEntry).where(plain == key).order_by(col(InboxEntry.id).desc())
    ).first()
    if found is None or found.id is None:
        raise ToolError("entrada_no_existe", f"No hay una factura {number} en la bandeja.")
    return found.id
