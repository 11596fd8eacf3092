"""READ tools over the help documentation: search it, and explain a rule with its citation."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from knowledge import explain_rule as knowledge_explain_rule
from knowledge import search as knowledge_search
from tools.context import ToolContext
from tools.errors import ToolError
from tools.registry import ToolKind, tool


class SearchHelpInput(BaseModel):
    """Lo que la persona preguntó."""

    query: str = Field(min_length=2, description="La pregunta, tal como la escribió la persona.")
    k: int = Field(default=5, ge=1, le=10, description="Cuántos pasajes devolver.")


class HelpPassage(BaseModel):
    """Un pasaje de la ayuda con su cita."""

    model_config = ConfigDict(frozen=True)

    citation: str = Field(description="`pagina#seccion`, para citar.")
    doc_id: str
    title: str
    section: str
    anchor: str
    snippet: str
    text: str
    score: float


class SearchHelpOutput(BaseModel):
    """Pasajes ordenados del más al menos pertinente."""

    passages: list[HelpPassage]


class ExplainRuleInput(BaseModel):
    """La regla a explicar."""

    topic: str = Field(
        min_length=2,
        description=(
            "Clave de la regla (p. ej. `sync.automatic_payments`), cita "
            "(`sync-dian#pagos-automaticos`) o el tema en palabras («pagos automáticos»)."
        ),
    )


class ExplainRuleOutput(BaseModel):
    """El texto de la regla y la sección que la explica."""

    text: str
    citation: str
    title: str
    section: str


@tool(
    kind=ToolKind.READ,
    examples=(
        "xq mis compras de la dian no me movieron el inventario",
        "cuanto dura el link de la dian",
        "q es eso de gastos y costos por datos iniciales",
        "la dian no me deja facturar q hago",
        "como conecto la nomina con cuadre porfa",
        "el agente de gastos sigue registrando si lo pauso?",
        "por q mi cliente no recibio la factura al correo",
    ),
)
def search_help(ctx: ToolContext, args: SearchHelpInput) -> SearchHelpOutput:
    """Busca en la ayuda de Cuadre (y en las páginas propias de la empresa) y devuelve los
    pasajes más pertinentes, cada uno con su cita `pagina#seccion`. Úsala para responder
    preguntas sobre cómo funciona Cuadre, la DIAN, la sincronización, el agente de gastos,
    la nómina o el plan de cuentas. Responde citando la sección de donde sale la respuesta.
    """
    passages = knowledge_search(
        args.query, k=args.k, company_id=ctx.principal.company_id, settings=ctx.settings
    )
    return SearchHelpOutput(
        passages=[
            HelpPassage(
                citation=p.citation,
                doc_id=p.doc_id,
                title=p.title,
                section=p.section,
                anchor=p.anchor,
                snippet=p.snippet,
                text=p.text,
                score=p.score,
            )
            for p in passages
        ]
    )


@tool(
    kind=ToolKind.READ,
    examples=(
        "explicame la regla de los pagos automaticos",
        "por que todo quedo en banco 1",
        "cual es la regla de las 48 horas de contingencia",
        "de donde sale lo de 3 minutos ahorrados",
        "por que no me deja registrar en la 5135",
        "xq las ventas importadas no tienen costo de ventas",
    ),
)
def explain_rule(ctx: ToolContext, args: ExplainRuleInput) -> ExplainRuleOutput:
    """Explica una regla que Cuadre aplica (por ejemplo, a qué cuenta van las compras
    importadas o qué facturas reciben pago automático) y devuelve el texto de la regla con
    su cita `pagina#seccion` para mostrarla a la persona.
    """
    try:
        rule = knowledge_explain_rule(args.topic, settings=ctx.settings)
    except LookupError:
        raise ToolError(
            "regla_desconocida",
            f"No encontré en la ayuda una regla sobre «{args.topic}». "
            "Prueba con otras palabras o pregúntame directamente.",
        ) from None
    return ExplainRuleOutput(
        text=rule.text, citation=rule.citation, title=rule.title, section=rule.section
    )
