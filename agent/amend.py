"""Changes in plain words to a per-line choice: "la línea 2 va a 5135", "cámbialo a
arrendamientos", "la linea 1 es la cuenta 143505".

`parse_change` is pure: it finds the line (when named) and the account as the person
said it (a code or a name); the tool resolves a name against the company's chart. While a
WRITE waits for consent, `amend_pending` applies the change to the waiting call (a tool
whose input has a per-line `accounts` mapping) and previews it again; nothing is written.
"""

from __future__ import annotations

import re
import typing
from dataclasses import dataclass
from typing import Any

from agent.normalize import fold
from tools.errors import ToolError
from tools.registry import ToolSpec

LINE = re.compile(r"\b(?:linea|renglon)\s*(?:n(?:o|umero|ro)?\.?\s*)?#?\s*(\d{1,3})\b")
# The verbs of "send this line elsewhere", then a preposition, then the account.
MOVE = re.compile(
    r"\b(?:va|van|vaya|iria|ira|debe ir|deberia ir|(?:cambia|pasa|mueve|manda|pon|deja|"
    r"corrige|envia|lleva)(?:la|lo|las|los|r)?|ponla|ponlo|cambiala|cambialo)\b"
    r"(?:\s+\S+){0,5}?\s+(?:a|al|en|para|por)\s+(?P<target>.+)$"
)
IS = re.compile(r"\b(?:es|era|seria|corresponde a)\s+(?P<target>(?:la\s+)?cuenta\s+.+|\d{4,10}.*)$")
ACCOUNT = re.compile(r"\bcuenta\s+(?P<target>\d{4,10})\b")
LEADING = re.compile(r"^(?:(?:la|el|los|las|de|del|a|al|cuenta|cuentas|puc|codigo|mejor)\s+)+")
TRAILING = re.compile(
    r"(?:\s+(?:porfa|por favor|mejor|pues|entonces|gracias|y registralo|y registrala))+$"
)


@dataclass(frozen=True)
class LineChange:
    """A line (None when not named) and the account the person wants, as said."""

    line: int | None
    account: str


def parse_change(text: str) -> LineChange | None:
    """The change a message asks for, or None when it is not one."""
    plain = re.sub(r"[¿?¡!.,;:\"'«»]", " ", fold(text))
    plain = re.sub(r"\s+", " ", plain).strip()
    line_match = LINE.search(plain)
    line = int(line_match.group(1)) if line_match else None
    if line == 0:
        return None
    rest = LINE.sub(" ", plain) if line_match else plain
    rest = re.sub(r"\s+", " ", rest).strip()
    found = MOVE.search(rest) or IS.search(rest) or ACCOUNT.search(rest)
    if found is None:
        return None
    target = TRAILING.sub("", LEADING.sub("", found.group("target").strip())).strip()
    code = re.match(r"^(\d{4,10})\b", target)
    if code:
        target = code.group(1)
    if not target or len(target) < 3:
        return None
    return LineChange(line, target)


def per_line_accounts_field(spec: ToolSpec) -> str | None:
    """The input field mapping line numbers to accounts (`accounts: dict[int, str]`)."""
    for name, info in spec.input_model.model_fields.items():
        if typing.get_origin(info.annotation) is not dict:
            continue
        key, value = typing.get_args(info.annotation)
        if key is int and value is str and ("account" in name or "cuenta" in name):
            return name
    return None


def amend_pending(
    pending: dict[str, Any], text: str, spec: ToolSpec | None, tool_context: Any
) -> dict[str, Any] | None:
    """The state update for a change said while a WRITE waits, or None when `text` asks
    for none (or the waiting tool takes no per-line accounts)."""
    change = parse_change(text)
    if change is None or spec is None or spec.preview is None:
        return None
    field = per_line_accounts_field(spec)
    if field is None:
        return None
    args = dict(pending["args"])
    chosen = {int(number): account for number, account in (args.get(field) or {}).items()}
    chosen[change.line or 0] = change.account
    args[field] = chosen
    try:
        shown = spec.preview(tool_context, spec.parse_args(args))
    except ToolError as error:
        return {"consent": "unclear", "banner": error.message_es}
    where = f"la línea {change.line}" if change.line else "la línea"
    return {
        "consent": "amended",
        "banner": f"Listo, cambié {where} a «{change.account}». Así queda:",
        "pending_confirmation": {
            **pending,
            "args": args,
            "summary": shown.summary,
            "preview": shown.model_dump(mode="json"),
        },
    }
