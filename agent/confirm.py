"""Reading a person's answer to "¿Lo registro?": approve, cancel, or still unclear.

Pure. A button or an API call sends `{"approve": true}`; a chat sends text. Only short,
unambiguous answers count: "sí, pero cambia la fecha" keeps the question open.
"""

from __future__ import annotations

from typing import Any, Literal

from agent.normalize import FILLERS, words

Decision = Literal["approve", "cancel", "unclear"]

APPROVE_PHRASES: tuple[tuple[str, ...], ...] = (
    ("si",),
    ("sii",),
    ("siii",),
    ("dale",),
    ("confirmo",),
    ("confirmar",),
    ("confirma",),
    ("confirmado",),
    ("de", "una"),
    ("hagale",),
    ("hágale",),
    ("ok",),
    ("okay",),
    ("listo",),
    ("claro",),
    ("adelante",),
    ("registralo",),
    ("registrala",),
    ("registrelo",),
    ("hazlo",),
    ("aprobado",),
    ("apruebo",),
    ("correcto",),
    ("va",),
    ("yes",),
    ("por", "supuesto"),
    ("esta", "bien"),
)
CANCEL_PHRASES: tuple[tuple[str, ...], ...] = (
    ("no",),
    ("nop",),
    ("nope",),
    ("cancela",),
    ("cancelar",),
    ("cancelalo",),
    ("cancelado",),
    ("mejor", "no"),
    ("no", "gracias"),
    ("detente",),
    ("olvidalo",),
    ("dejalo", "asi"),
    ("no", "lo", "registres"),
    ("todavia", "no"),
    ("aun", "no"),
    ("espera",),
    ("esperate",),
    ("espero",),
    ("dejala",),
    ("dejalo",),
)
# Words that may accompany a yes/no without changing it ("sí, porfa", "dale pues").
NEUTRAL = FILLERS | {"pues", "entonces", "si", "ya", "todo", "eso", "por", "favor", "senor"}
# A no may also say why or until when: "no, espera que lo reviso", "no, mejor espero".
CANCEL_NEUTRAL = (NEUTRAL - {"si"}) | {
    "que", "lo", "la", "los", "las", "reviso", "revise", "primero", "despues", "luego",
    "mejor", "momento", "un", "rato", "asi", "mas", "tarde",
}  # fmt: skip


def classify_consent(answer: Any) -> Decision:
    """`approve`, `cancel` or `unclear` for a resume value (bool, `{"approve": ...}` or text)."""
    if isinstance(answer, bool):
        return "approve" if answer else "cancel"
    if isinstance(answer, dict):
        if isinstance(answer.get("approve"), bool):
            return "approve" if answer["approve"] else "cancel"
        answer = answer.get("text", "")
    if not isinstance(answer, str):
        return "unclear"
    tokens = words(answer)
    if not tokens:
        return "unclear"
    if _only(tokens, CANCEL_PHRASES, CANCEL_NEUTRAL):
        return "cancel"
    if _only(tokens, APPROVE_PHRASES, NEUTRAL):
        return "approve"
    return "unclear"


def _only(
    tokens: list[str], phrases: tuple[tuple[str, ...], ...], neutral: set[str] | frozenset[str]
) -> bool:
    """True when the tokens are only `phrases` and neutral words, with one phrase at least."""
    i, matched = 0, False
    while i < len(tokens):
        for phrase in sorted(phrases, key=len, reverse=True):
            if tuple(tokens[i : i + len(phrase)]) == phrase:
                i += len(phrase)
                matched = True
                break
        else:
            if tokens[i] not in neutral:
                return False
            i += 1
    return matched
