"""The embedded planner: no model, no server. Intent matching over the registry's example
utterances, slot extraction, follow-up questions for missing slots, and retrieval with
citations as the fallback for questions.
"""

from __future__ import annotations

import json
import logging
import re
import uuid
from dataclasses import replace
from typing import Any

from agent.answer import extractive_answer
from agent.binding import Binding, bind_args, field_kind
from agent.confirm import classify_consent
from agent.intents import MATCH_THRESHOLD, IntentMatch, match_intent, rank_intents
from agent.invoice_lines import RE_ITEM, sale_items
from agent.normalize import normalize, words
from agent.planners.accounts import account_question_call
from agent.planners.base import (
    Plan,
    PlanRequest,
    ToolCall,
    last_user_text,
    tool_messages_since_user,
)
from agent.planners.carry import elliptical, with_current_ids, with_earlier_ids, with_last_args
from agent.planners.evidence import match_by_evidence
from agent.planners.questions import (
    answers_from_help,
    asks_explanation,
    is_question,
    sounds_like_question,
)
from agent.planners.siblings import read_sibling
from agent.render import citations_in, render_output
from agent.slots import Slots, extract_slots
from agent.tenancy import ONLY_THIS_COMPANY, asks_for_other_company
from tools.registry import ToolKind, ToolSpec

log = logging.getLogger(__name__)

# A WRITE tool needs a clearer request than a READ one: "¿cómo registro una compra?" is a
# question for the help documents, not an order to register one.
WRITE_THRESHOLD_FOR_QUESTIONS = 0.85
# With files attached, a weaker match still picks among the tools that take files.
FILE_MATCH_THRESHOLD = 0.3
NO_COMPANY = "sin_empresa"  # the error code of a tool that needs the caller's company
NOTHING_IN_HELP = "No encontré eso en la ayuda de Cuadre. ¿Me lo preguntas con otras palabras?"
ATTACHMENTS_NOTE = re.compile(r"\s*\[Adjuntos: [^\]]*\]\s*$")
NOTHING_PENDING = (
    "No tengo nada pendiente por confirmar. Dime qué quieres que haga, por ejemplo "
    "«registra la sincronización 1» o «balance de enero»."
)
GREETINGS = {"hola", "buenas", "buenos", "hey", "ey", "saludos"}
THANKS = {"gracias", "mil gracias", "muchas gracias"}


class EmbeddedPlanner:
    """Rules and retrieval; deterministic for a given registry, message and date."""

    name = "embedded"

    def plan(self, request: PlanRequest) -> Plan:
        """Compose an answer after tool results, otherwise understand the new message."""
        last = request.messages[-1] if request.messages else {}
        if last.get("role") == "tool":
            return compose(request)
        # The attachments come as request.attachments; their paths in the message (for a
        # language model to read) would only blur the intent match.
        text = ATTACHMENTS_NOTE.sub("", str(last.get("content") or ""))
        return self.understand(text, request)

    def understand(self, text: str, request: PlanRequest) -> Plan:
        """Tool call, follow-up question, small talk or a cited answer for one message."""
        slots = extract_slots(text, today=request.today, attachments=request.attachments)
        specs = {spec.name: spec for spec in request.tools}
        plain = normalize(text)
        if not plain and set(words(text)) & GREETINGS:
            return Plan(reply=greeting(request.tools))
        if " ".join(w for w in words(text) if w not in GREETINGS) in THANKS:
            return Plan(reply="¡Con gusto! Aquí estoy si necesitas algo más.")
        if slots.is_empty() and classify_consent(text) != "unclear":
            # A consent that reached the planner has nothing to consent to: a pending
            # preview would have taken it. "dale" alone is no order for any tool.
            return Plan(reply=NOTHING_PENDING)
        match = match_intent(slots.rest or text, request.tools)
        if match is None and sale_items(text):
            # "factúrale al NIT ... 40 Pan tajado integral a 4500": the items' own words
            # blur the request; compared without them, like the examples (see intents).
            match = match_intent(without_items(text, request), request.tools, items_out=True)
        if slots.files:
            match = file_match(slots.rest or text, request.tools, match)
        if match is None and slots.lines:
            # "débito 519530 ... crédito 110505" names an entry whatever the other words.
            match = lines_tool(request.tools)
        if not slots.files and not slots.lines:
            # "¿qué se ha movido en la 240810?": the account code says which report.
            match = match_by_evidence(slots.rest or text, text, slots, request.tools, match)
        if match and needs_clear_match(specs[match.tool], text):
            refused = match
            match = match if match.score >= WRITE_THRESHOLD_FOR_QUESTIONS else None
            if match is None:
                # "¿tengo compras sin registrar?" is no order to register: it asks for
                # the list the registering tool works from.
                match = read_sibling(slots.rest or text, text, refused, request.tools)
        data_request = match is not None and not answers_from_help(specs[match.tool])
        # "¿mis páginas las ven otras empresas?" asks about Cuadre, not for their data.
        if (data_request or not is_question(text)) and asks_for_other_company(
            text,
            own_name=request.company_name,
            own_nit=request.company_nit,
            company_wide=data_request and match is not None and company_wide(specs[match.tool]),
        ):
            return Plan(reply=ONLY_THIS_COMPANY)
        asked = account_question_call(text, slots, request.tools) if request.company_id else None
        if asked is not None:
            # "¿cuál es la cuenta de X?" searches the chart, "¿en qué cuenta va X?" asks
            # the suggestions; read by their wording, whatever the examples resemble.
            return call_or_ask(asked[0], asked[1], followup_args=asked[1].args)
        followup = request.followup
        if (
            followup
            and followup.get("tool") in specs
            and (
                match is None
                or match.tool == followup["tool"]
                or answers_identifier(specs[followup["tool"]], followup, text)
            )
        ):
            spec = specs[followup["tool"]]
            known = followup.get("args") or {}
            if followup.get("last"):
                continued = continue_last(spec, known, slots, text)
                if continued is not None:
                    return continued
            else:
                binding = bind_args(spec.input_model, slots, text, known=known)
                if set(binding.args) - set(known):
                    return call_or_ask(spec, binding, followup_args=binding.args)
        if match:
            spec = specs[match.tool]
            binding = bind_args(spec.input_model, slots, text, spelled=match.spelled)
            binding = with_earlier_ids(spec, binding, request.messages)
            binding = with_last_args(spec, binding, followup, text)
            binding, current = with_current_ids(spec, binding, request)
            if current is not None and not current.clear:
                # Two syncs running at once: which one is a real question.
                return Plan(reply=current.said, followup={"tool": spec.name, "args": binding.args})
            if binding.missing and data_request:
                stuck = not binding.can_ask(spec.input_model)
                if stuck or (spec.kind is ToolKind.READ and is_question(text)):
                    helped = help_then_ask(text, request, spec, binding, stuck=stuck)
                    if helped is not None:
                        return helped
            plan = call_or_ask(spec, binding, followup_args=binding.args)
            return replace(plan, lead=current.said) if current and plan.calls else plan
        return answer_from_help(text, request)


# Field kinds that can name a party, an account or a document: a business named beside
# them may be whose ("facturas de DISTRIBUIDORA ANDINA"), not whose books.
PARTY_KINDS = frozenset(
    {"nit", "customer", "keywords", "search", "text", "description", "account", "number"}
    | {"identifier", "file", "files", "items", "lines"}
)


def company_wide(spec: ToolSpec) -> bool:
    """True for a report of the whole company (a balance, its documents): no field of the
    tool can name a party, an account or a document."""
    return not any(
        field_kind(name, info) in PARTY_KINDS
        for name, info in spec.input_model.model_fields.items()
    )


def needs_clear_match(spec: ToolSpec, text: str) -> bool:
    """A question is no order: a WRITE tool needs a clear match to run on one, and so does
    any tool but the help's own on a question only the help answers ("¿por qué...?")."""
    if answers_from_help(spec):
        return False
    return (spec.kind is ToolKind.WRITE and is_question(text)) or asks_explanation(text)


def help_then_ask(
    text: str, request: PlanRequest, spec: ToolSpec, binding: Binding, *, stuck: bool
) -> Plan | None:
    """The help's answer first, then what the tool still needs, for a general question
    that names no document ("¿Cuadre le manda la factura al cliente?") or a request this
    planner cannot fill from a message ("la DIAN está caída y necesito facturar ya")."""
    reply, cites = help_answer(text, request)
    if not reply:
        return None
    question = binding.question(spec.input_model)
    then = question if stuck else f"Si quieres que revise uno en particular: {question}"
    return Plan(
        reply=f"{reply}\n\n{then}",
        citations=tuple(cites),
        followup={"tool": spec.name, "args": binding.args},
    )


def call_or_ask(spec: ToolSpec, binding: Binding, followup_args: dict[str, Any]) -> Plan:
    """A tool call when every required field is known, else the follow-up question."""
    if binding.missing:
        question = binding.question(spec.input_model)
        return Plan(reply=question, followup={"tool": spec.name, "args": followup_args})
    call = ToolCall(f"call_{uuid.uuid4().hex[:12]}", spec.name, binding.args)
    return Plan(calls=(call,), followup={"tool": spec.name, "args": binding.args, "last": True})


def continue_last(spec: ToolSpec, last: dict[str, Any], slots: Slots, text: str) -> Plan | None:
    """ "¿Y de febrero?" after a call: the same tool, its last arguments, the new values.

    Only concrete values continue a call (free text would turn any message into another
    call of the same tool), only in a short elliptical message, and never a WRITE.
    """
    if spec.kind is ToolKind.WRITE or not elliptical(text) or slots.lines:
        return None
    fresh = bind_args(spec.input_model, slots, text)
    new = {name: value for name, value in fresh.args.items() if concrete(spec, name)}
    if not new:
        return None
    binding = bind_args(spec.input_model, slots, text, known={**last, **new})
    return call_or_ask(spec, binding, followup_args=binding.args)


def answers_identifier(spec: ToolSpec, followup: dict[str, Any], text: str) -> bool:
    """True when a short reply ("la 1", "L-0001") gives an identifier the last question
    asked for: it answers that question whatever tool its words resemble."""
    if followup.get("last") or not elliptical(text):
        return False
    known = followup.get("args") or {}
    for name, info in spec.input_model.model_fields.items():
        if name in known or field_kind(name, info) != "identifier":
            continue
        if bind_args(spec.input_model, Slots(), text, known=known).args.get(name) is not None:
            return True
    return False


def takes_files(spec: ToolSpec) -> bool:
    """True for a tool with a file field (`paths`, `files`, `invoice_file`...)."""
    return any(
        field_kind(name, info) in ("file", "files")
        for name, info in spec.input_model.model_fields.items()
    )


def file_match(
    message: str, tools: tuple[ToolSpec, ...], match: IntentMatch | None
) -> IntentMatch | None:
    """With files attached, the tool whose file field fits the request: "registra esta
    factura de compra" registers it, "importa esto de la dian" syncs it, "revisa esta
    factura" reads it. A tool that takes no file (a status, a report) never gets them."""
    if match is not None and takes_files(next(s for s in tools if s.name == match.tool)):
        return match
    kinds = {spec.name: spec.kind for spec in tools}
    ranked = rank_intents(message, [spec for spec in tools if takes_files(spec)])
    ranked = [found for found in ranked if found.score >= FILE_MATCH_THRESHOLD]
    if not ranked:
        return match
    if ranked[0].score >= MATCH_THRESHOLD or kinds[ranked[0].tool] is ToolKind.READ:
        return ranked[0]
    # A vague request ("lee la factura y haz lo que dice") reads the file; writing from a
    # file takes a clear order ("registra esta factura de compra").
    reads = [found for found in ranked if kinds[found.tool] is ToolKind.READ]
    return reads[0] if reads else ranked[0]


def without_items(text: str, request: PlanRequest) -> str:
    """The message's rest for intent matching with its sale items ("40 panes a 4500") out."""
    plain = RE_ITEM.sub(" ", text)
    return extract_slots(plain, today=request.today).rest or plain


def lines_tool(tools: tuple[ToolSpec, ...]) -> IntentMatch | None:
    """The tool that takes journal lines (a WRITE with a `lines`-like field), if one exists."""
    for spec in tools:
        for name, info in spec.input_model.model_fields.items():
            if field_kind(name, info) == "lines":
                return IntentMatch(spec.name, 0.0, "")
    return None


def concrete(spec: ToolSpec, name: str) -> bool:
    """True for fields filled from concrete values (dates, codes, amounts, choices)."""
    kind = field_kind(name, spec.input_model.model_fields[name])
    return kind not in (None, "text", "description", "keywords")


def compose(request: PlanRequest) -> Plan:
    """The answer from this turn's tool results (errors included), with their citations."""
    parts: list[str] = []
    cites: list[dict[str, str]] = []
    for message in tool_messages_since_user(request.messages):
        try:
            data = json.loads(message.get("content") or "{}")
        except json.JSONDecodeError:
            data = {"text": str(message.get("content"))}
        error = data.get("error") if isinstance(data, dict) else None
        if isinstance(error, dict):
            said = str(error.get("message") or "No pude completar esa operación.")
            asked = last_user_text(request.messages)
            if error.get("code") == NO_COMPANY and sounds_like_question(asked):
                # Without a company no data can answer it; the help may still.
                answer, used = help_answer(asked, request)
                if answer:
                    parts.append(f"{answer}\n\n{said}")
                    cites.extend(used)
                    continue
            parts.append(said)
            continue
        passages = data.get("passages") if isinstance(data, dict) else None
        if isinstance(passages, list) and passages:
            answer, used = extractive_answer(last_user_text(request.messages), passages)
            parts.append(answer or NOTHING_IN_HELP)
            cites.extend(used)
            continue
        parts.append(render_output(data))
        cites.extend(citations_in(data))
    return Plan(reply="\n\n".join(part for part in parts if part), citations=tuple(cites))


def help_answer(text: str, request: PlanRequest) -> tuple[str, list[dict[str, str]]]:
    """The extractive answer from the help documents and its citations ('' when none)."""
    passages: list[Any] = []
    if request.search is not None:
        try:
            passages = list(request.search(text, 3, request.company_id))
        except Exception:
            log.exception("help search failed for %r", text)
    return extractive_answer(text, passages)


def answer_from_help(text: str, request: PlanRequest) -> Plan:
    """A cited answer from the help documents, or what Cuadre can do when nothing fits."""
    reply, cites = help_answer(text, request)
    if not reply:
        return Plan(reply=not_understood(request.tools))
    return Plan(reply=reply, citations=tuple(cites))


def greeting(tools: tuple[ToolSpec, ...]) -> str:
    """Hello, and a few things to ask for."""
    return "¡Hola! Soy Cuadre, tu asistente contable. " + capabilities(tools)


def not_understood(tools: tuple[ToolSpec, ...]) -> str:
    """A kind "I did not get it" with examples of what works."""
    return "No estoy seguro de haberte entendido. " + capabilities(tools)


def capabilities(tools: tuple[ToolSpec, ...]) -> str:
    """Example requests, one per tool (at most six)."""
    examples = [f"- «{spec.examples[0]}»" for spec in tools[:6]]
    if not examples:
        return "Pregúntame por las reglas contables y tributarias que aplico."
    return "Puedes pedirme, por ejemplo:\n" + "\n".join(examples)


__all__ = ["MATCH_THRESHOLD", "EmbeddedPlanner", "is_question"]
