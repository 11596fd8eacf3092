"""Is a message a question for the help, or a request for a tool?

Shop owners ask about how Cuadre works in the same words they use to ask for their data:
"¿cómo registro una compra?" is a question for the help documents, "registra esta compra"
an order. Three degrees are told apart here:
- `is_question`: any question ("?", "cómo...", "qué es..."): a WRITE tool needs a clear
  match to run on one;
- `asks_explanation`: a question only the help answers (why, how to, what is, what for,
  what happens if): no tool that reads data answers "¿por qué...?", so every tool but the
  help's own needs a clear match;
- `answers_from_help`: the tools that answer from the help documents themselves.
"""

from __future__ import annotations

import re

from agent.normalize import normalize
from tools.registry import ToolSpec

QUESTION_STARTS = (
    "como",
    "porque",
    "por que",
    "que es",
    "que pasa",
    "que significa",
    "cuando",
    "cual es",
    "se puede",
    "puedo",
    "debo",
    "tengo que",
    "donde",
    "explicame",
)
# Asking about something rather than ordering it, wherever it stands in the sentence:
# "contingencia 04 q es", "para q me sirve el agente", "q hago con el correo".
QUESTION_ANYWHERE = re.compile(
    r"\b(?:que (?:es|son|hago|pasa|paso|significa|significan|sirve)"
    r"|para que (?:me )?sirve|a quien|con que|por que|porque"
    r"|como (?:hago|mando|pongo|se|lo|la|le|puedo|funciona|activo|saco|emito|escoge|sabe))\b"
)
# Questions a data tool cannot answer: the reason for a rule, how to do something in
# Cuadre, what a thing is or is for, what happens if, what something affects, whether
# something may be done ("¿puedo hacer notas crédito en contingencia?": reading data does
# nothing), how long a rule allows ("¿cuánto tiempo tengo para mandar...?"; "¿cuánto me
# queda?" asks for data). "¿Cómo va la sincronización?" or "¿qué pasó con la FE-12?" ask
# for data and are not here.
EXPLANATION = re.compile(
    r"^(?:y |pero )?(?:por que|porque)\b|\b(?:por que|porque)$"
    r"|^(?:y |pero )?(?:puedo|podemos|se puede|se pueden|es posible)\s+(?:hacer|emitir|sacar"
    r"|crear|facturar|anular|generar|mandar|enviar|transmitir)\b"
    r"|\bcuant[oa]s?\s+(?:tiempo|horas|dias|plazo)\s+(?:tengo|tiene|tenemos|hay|dan|da)\s+"
    r"(?:(?:la dian\s+)?para)\b"
    r"|\b(?:a que se debe|de donde (?:sale|salen|salio|salieron)"
    r"|que (?:es|son|significa|significan|pasa si|hago|afecta|afectan)"
    r"|afectan? (?:que|a que)$|para que (?:me )?sirve|a quien (?:le )?(?:sirve|conviene)"
    r"|como (?:hago|se hace|se|lo|la|le|los|las|puedo|funciona|activo|desactivo|pongo|saco"
    r"|emito|escoge|sabe|paso|mando|reviso|veo|copio|conecto|configuro))\b"
)


# An interrogative anywhere: "registro 20 facturas, cuánto tiempo me ahorré".
INTERROGATIVE = re.compile(r"\b(?:cuant[oa]s?|cuando|donde|como|cual(?:es)?|que|quien)\b")


def is_question(text: str) -> bool:
    """True for how/why/what questions ("xq...", "¿cómo...?"), which the help answers."""
    plain = normalize(text)
    return "?" in text or plain.startswith(QUESTION_STARTS) or bool(QUESTION_ANYWHERE.search(plain))


def sounds_like_question(text: str) -> bool:
    """True for a question, or a message with an interrogative word anywhere."""
    return is_question(text) or bool(INTERROGATIVE.search(normalize(text)))


def asks_explanation(text: str) -> bool:
    """True for a question only the help answers: why, how to, what is, what for."""
    return bool(EXPLANATION.search(normalize(text)))


def answers_from_help(spec: ToolSpec) -> bool:
    """True for the tools that answer from the help documents (passages or a cited rule)."""
    fields = spec.output_model.model_fields
    return "passages" in fields or "citation" in fields
