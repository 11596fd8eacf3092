"""Checks before issuing, and numbering-resolution alerts (pure, Spanish messages).

`draft_problems` lists what would make the DIAN reject a draft, so a person can fix it
before a number is consumed; `ensure_issuable` raises a `ToolError` with all of them.
`resolution_alerts` warns when an authorized range or its validity is about to run out.
"""

from __future__ import annotations

from datetime import date

from stdnum.co import nit as co_nit

from ledger.money import format_date
from tools.einvoice.types import InvoiceDraft, Party, Resolution
from tools.errors import ToolError

NIT_TYPE = "31"


def _party_problems(party: Party, role: str) -> list[str]:
    problems = []
    if not party.id_number.isdigit():
        problems.append(f"La identificación del {role} ({party.id_number}) debe ser numérica.")
    elif party.id_type == NIT_TYPE:
        expected = co_nit.calc_check_digit(party.id_number)
        if party.check_digit is None:
            problems.append(
                f"Falta el dígito de verificación del NIT {party.id_number} del {role}."
            )
        elif party.check_digit != expected:
            problems.append(
                f"El dígito de verificación del NIT {party.id_number} del {role} debe ser "
                f"{expected}, no {party.check_digit}."
            )
    if not party.name.strip():
        problems.append(f"Falta el nombre del {role}.")
    return problems


def draft_problems(draft: InvoiceDraft) -> tuple[str, ...]:
    """Everything that keeps a draft from being issued (empty when it can be)."""
    problems = _party_problems(draft.supplier, "emisor") + _party_problems(
        draft.customer, "adquiriente"
    )
    if not draft.lines:
        problems.append("El documento no tiene líneas.")
    for index, line in enumerate(draft.lines, start=1):
        if line.quantity <= 0:
            problems.append(f"La línea {index} ({line.description}) debe tener cantidad positiva.")
        if line.unit_price < 0:
            problems.append(f"La línea {index} ({line.description}) tiene precio negativo.")
    if not draft.kind.is_note:
        res = draft.resolution
        if draft.prefix != res.prefix:
            problems.append(
                f"El prefijo {draft.prefix} no es el de la resolución de numeración ({res.prefix})."
            )
        if not res.range_from <= draft.number <= res.range_to:
            problems.append(
                f"El número {draft.number} está fuera del rango autorizado "
                f"({res.range_from} a {res.range_to})."
            )
        if not res.valid_from <= draft.issue_date <= res.valid_to:
            problems.append(
                f"La resolución de numeración no está vigente el {format_date(draft.issue_date)} "
                f"(vigencia del {format_date(res.valid_from)} al {format_date(res.valid_to)})."
            )
    if draft.payment_form == "2" and draft.due_date is None:
        problems.append("Una venta a crédito necesita fecha de vencimiento.")
    if draft.due_date is not None and draft.due_date < draft.issue_date:
        problems.append("La fecha de vencimiento es anterior a la fecha de emisión.")
    return tuple(problems)


def ensure_issuable(draft: InvoiceDraft) -> None:
    """Raise `ToolError("documento_incompleto", ...)` listing every problem."""
    problems = draft_problems(draft)
    if problems:
        raise ToolError(
            "documento_incompleto",
            f"No se puede emitir {draft.document_number}: " + " ".join(problems),
            details={"problemas": list(problems)},
        )


def resolution_alerts(
    resolution: Resolution,
    *,
    next_number: int,
    today: date,
    min_numbers_left: int = 100,
    min_days_left: int = 30,
) -> tuple[str, ...]:
    """Warnings when the authorized range or its validity is about to run out."""
    alerts = []
    left = resolution.range_to - next_number + 1
    label = f"La numeración {resolution.prefix} (resolución {resolution.number})"
    if left <= 0:
        alerts.append(f"{label} se agotó: solicite una nueva resolución a la DIAN.")
    elif left <= min_numbers_left:
        alerts.append(f"{label} tiene {left} números disponibles.")
    days = (resolution.valid_to - today).days
    if days < 0:
        alerts.append(f"{label} venció el {format_date(resolution.valid_to)}.")
    elif days <= min_days_left:
        alerts.append(f"{label} vence el {format_date(resolution.valid_to)} (en {days} días).")
    return tuple(alerts)
