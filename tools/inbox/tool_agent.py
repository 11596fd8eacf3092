"""Tools of the expenses agent: status (with yesterday's summary), activate, pause."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from pydantic import BaseModel, ConfigDict, Field

from tools.context import ToolContext
from tools.inbox.agent import BOGOTA, activate, pause, status
from tools.inbox.summaries import summaries_between
from tools.registry import Preview, ToolKind, tool


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True)


def _now() -> datetime:
    return datetime.now(UTC)


# --- expense_agent_status ------------------------------------------------------------


class StatusInput(_Frozen):
    # Bounded: the day before is read too, and no DIAN electronic invoice predates 2000.
    day: date | None = Field(
        default=None,
        ge=date(2000, 1, 1),
        le=date(9998, 12, 31),
        description="Día a consultar (por defecto, hoy).",
    )


class StatusOutput(_Frozen):
    active: bool
    day: date
    registered: int
    minutes_saved: int
    not_registered: list[dict[str, object]]
    yesterday: dict[str, object] | None = Field(
        default=None, description="El resumen del día anterior guardado a las 00:00."
    )
    text: str


@tool(
    kind=ToolKind.READ,
    examples=(
        "cómo va el agente de gastos, cuántas lleva",
        "qué tal le va hoy al agente",
        "cuántas compras registraste hoy",
        "cuánto tiempo me ahorraste hoy",
        "cuáles compras quedaron sin registrar hoy",
        # What the status reports and the orders above do not ask: whether it is on,
        # and which invoices it left and why.
        "¿el agente de gastos está activo o en pausa?",
        "qué facturas no se registraron hoy y por qué",
    ),
)
def expense_agent_status(ctx: ToolContext, args: StatusInput) -> StatusOutput:
    """Estado del agente de gastos: activo o en pausa, facturas registradas en el día,
    tiempo ahorrado (3 minutos por factura) y facturas sin registrar con su motivo."""
    day = args.day or _now().astimezone(BOGOTA).date()
    before = day - timedelta(days=1)
    with ctx.session() as session:
        figures = status(session, day=day)
        stored = summaries_between(session, before, before)
    if stored:
        yesterday = f"Resumen de ayer {stored[0].text_es}"
    else:
        yesterday = (
            f"El resumen de ayer ({before:%d/%m/%Y}) no está guardado: se guarda a las 00:00 "
            "mientras el agente haya estado activado alguna vez."
        )
    return StatusOutput(
        active=figures.active,
        day=day,
        registered=figures.registered,
        minutes_saved=figures.minutes_saved,
        not_registered=[{"numero": n, "motivos": list(r)} for n, r in figures.not_registered],
        yesterday=stored[0].as_dict() if stored else None,
        text=f"{figures.text_es}\n{yesterday}",
    )


# --- expense_agent_activate / pause ---------------------------------------------------


class ActivateInput(_Frozen):
    only_recent: bool = Field(
        default=True, description="Registrar solo los documentos que lleguen desde ahora."
    )


class ActivateOutput(_Frozen):
    greeting: str
    tasks: list[str]
    only_recent: bool
    message: str


def preview_activate(ctx: ToolContext, args: ActivateInput) -> Preview:
    """The tasks the agent will take on."""
    scope = "solo lo que llegue desde ahora" if args.only_recent else "incluidos los pendientes"
    return Preview(
        summary=f"Activar el agente de gastos ({scope}): registrará tus facturas de compra, "
        "sugerirá ítems y cuentas por tu actividad e historial y verificará los datos del XML."
    )


@tool(
    kind=ToolKind.WRITE,
    preview=preview_activate,
    examples=(
        "activa el agente",
        "prende el agente",
        "prende el registro automático de facturas de compra",
        "activa el registro automático de compras",
        "empieza a registrar mis compras solo",
        "reanuda el agente",
    ),
)
def expense_agent_activate(ctx: ToolContext, args: ActivateInput) -> ActivateOutput:
    """Activa (o reanuda) el agente de gastos: registra solo las compras que lleguen desde
    ahora, sugiere cuentas por actividad e historial y verifica los datos del XML."""
    with ctx.session() as session:
        shown = activate(
            session, user_name=ctx.principal.user_name, now=_now(), only_recent=args.only_recent
        )
    tasks = "\n".join(f"- {task}" for task in shown.tasks)
    return ActivateOutput(
        greeting=shown.greeting,
        tasks=list(shown.tasks),
        only_recent=args.only_recent,
        message=f"{shown.greeting}. El agente de gastos quedó activo; me encargo de:\n{tasks}",
    )


class PauseInput(_Frozen):
    pass


class PauseOutput(_Frozen):
    message: str


def preview_pause(ctx: ToolContext, args: PauseInput) -> Preview:
    """Pausing only stops the agent."""
    return Preview(summary="Pausar el agente: lo que llegue mientras tanto queda para revisar.")


@tool(
    kind=ToolKind.WRITE,
    preview=preview_pause,
    examples=(
        "pausa el agente",
        "apaga el agente",
        "pausa el registro automático de compras",
        "deja de registrar mis compras solo",
    ),
)
def expense_agent_pause(ctx: ToolContext, args: PauseInput) -> PauseOutput:
    """Pausa el agente de gastos. Las compras que lleguen en pausa no las registrará nunca
    él solo; al reactivarlo, solo toma las que lleguen desde entonces."""
    with ctx.session() as session:
        pause(session, now=_now())
    return PauseOutput(message="Agente de gastos en pausa.")
