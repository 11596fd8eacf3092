"""Tools of the DIAN sync: start from files, status, review, commit and undo.

READ: `sync_status`, `sync_review`. WRITE (with previews): `sync_start_from_files`
(stages only), `sync_commit`, `sync_undo`. The reconciler's tool is in
`tools.sync.reconcile_tool`.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from ledger.models.base import utcnow
from ledger.money import format_cop
from tools.context import ToolContext
from tools.current import CurrentOf
from tools.errors import ToolError
from tools.ledger_tools import ledger_errors
from tools.registry import Preview, ToolKind, tool
from tools.sync.current import current_sync_batch, current_sync_job
from tools.sync.job import KINDS, advance, commit_job, create_job, load_job
from tools.sync.preview import commit_preview
from tools.sync.recovery import resumed_note
from tools.sync.review import ReviewFilter, ReviewPage, review
from tools.sync.summary import SyncSummary, build_summary
from tools.sync.undo import batch_entries, job_for_batch, undo_batch


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True)


# Unsaid in a conversation ("¿cómo va la sincronización?"), the company's current one.
JobId = Annotated[int, CurrentOf(current_sync_job)]
BatchId = Annotated[str, CurrentOf(current_sync_batch)]


# --- sync_start_from_files ----------------------------------------------------------


class StartInput(_Frozen):
    files: tuple[str, ...] = Field(
        description="Rutas del listado de la DIAN (.xlsx o .zip) y/o de los XML o ZIP "
        "de documentos.",
        min_length=1,
    )
    kinds: tuple[str, ...] = Field(
        default=KINDS, description="Qué traer: sales, purchases, customers, suppliers."
    )


class StartOutput(_Frozen):
    job_id: int
    state: str
    message: str


def preview_start(ctx: ToolContext, args: StartInput) -> Preview:
    """Nothing goes to the books: the files are read and left for review."""
    return Preview(
        summary=f"Leeré {len(args.files)} archivo(s) de la DIAN y dejaré los documentos "
        "listos para revisar. No se escribe nada en tus libros hasta que confirmes.",
        details={"files": list(args.files), "kinds": list(args.kinds)},
    )


@tool(
    kind=ToolKind.WRITE,
    preview=preview_start,
    examples=(
        "te adjunto el listado de la dian del 2024",
        "trae mis compras y ventas de este zip",
        "sincroniza con la dian usando este archivo",
        "carga las facturas de la dian q descargue",
        "importa estos archivos de la dian",
        "sube esto q baje de la dian porfa",
        "trae lo que bajé de la DIAN en estos zip",
        "pasa mis datos iniciales de la DIAN con estos archivos",
    ),
)
def sync_start_from_files(ctx: ToolContext, args: StartInput) -> StartOutput:
    """Empieza una sincronización de datos iniciales con archivos de la DIAN (listado
    descargado del portal y/o XML o ZIP de facturas). Solo los lee y los deja en revisión:
    no registra nada en los libros. El periodo sale de los propios archivos."""
    job_id = create_job(
        ctx.engine,
        ctx.company_id,
        files=args.files,
        kinds=args.kinds,
        actor=ctx.principal.user_name or "chat",
        sync_date=ctx.today(),
    )
    state = advance(ctx.engine, ctx.company_id, job_id, settings=ctx.settings)
    return StartOutput(
        job_id=job_id,
        state=state,
        message=f"Leí los archivos: la sincronización {job_id} está lista para revisar.",
    )


# --- sync_status --------------------------------------------------------------------


class StatusInput(_Frozen):
    job_id: JobId = Field(description="Número de la sincronización.")


class StatusOutput(_Frozen):
    job_id: int
    state: str
    progress: int
    period_start: date | None
    period_end: date | None
    batch_id: str | None
    reason: str
    resumed: str = Field(
        default="", description="«Se reanudó sola a las 10:42 tras detenerse el proceso.»"
    )
    summary: SyncSummary | None


@tool(
    kind=ToolKind.READ,
    examples=(
        "como va la sincronizacion",
        "ya termino de importar lo de la dian?",
        "¿en qué va la importación de la DIAN?",
        "estado de la sincronización 3",
        "qué quedó del lote L-0002",
    ),
)
def sync_status(ctx: ToolContext, args: StatusInput) -> StatusOutput:
    """Estado de una sincronización con la DIAN: en qué paso va (conectando, descargando,
    lista para revisar, registrando, terminada o fallida), el avance en porcentaje y, si
    terminó, el resumen con lo registrado, lo omitido y lo que hay que tener en cuenta."""
    with ctx.session() as session:
        job = load_job(session, args.job_id)
        summary = build_summary(session, job) if job.state in ("staged", "done") else None
        return StatusOutput(
            job_id=args.job_id,
            state=job.state,
            progress=job.progress,
            period_start=job.period_start,
            period_end=job.period_end,
            batch_id=job.batch_id,
            reason=job.reason,
            resumed=resumed_note(job.auto_resumed_at, job.auto_resumes, utcnow()),
            summary=summary,
        )


# --- sync_review --------------------------------------------------------------------


class ReviewInput(_Frozen):
    job_id: JobId = Field(description="Número de la sincronización.")
    filter: ReviewFilter = Field(default_factory=ReviewFilter)
    page: int = Field(default=1, ge=1)
    page_size: int = Field(default=20, ge=1, le=200)


@tool(
    kind=ToolKind.READ,
    examples=(
        "muéstrame lo que encontró la dian",
        "cuales notas credito de marzo vienen en la sincronizacion",
        "que documentos ya estaban en mis libros",
        "busca las facturas de andina en lo importado",
    ),
)
def sync_review(ctx: ToolContext, args: ReviewInput) -> ReviewPage:
    """Lista los documentos que encontró una sincronización, con filtros por tipo
    (ventas o compras), tipo de documento, periodo, estado (new, already_in_books,
    conflicting, rejected_by_dian) y texto (número, NIT o nombre), por páginas."""
    with ctx.session() as session:
        return review(session, args.job_id, args.filter, page=args.page, page_size=args.page_size)


# --- sync_commit --------------------------------------------------------------------


class CommitInput(_Frozen):
    job_id: JobId = Field(description="Número de la sincronización.")


def preview_commit(ctx: ToolContext, args: CommitInput) -> Preview:
    """Counts, totals, debits = credits, payments to create and the rules to remember."""
    with ctx.session() as session:
        plan = commit_preview(session, args.job_id)
    return Preview(
        summary=f"Registraré {plan.documents} documentos por {format_cop(plan.total)} con sus "
        f"asientos (débitos {format_cop(plan.debit)} = créditos {format_cop(plan.credit)}) y "
        f"{plan.payments} pagos automáticos a «Banco 1» por {format_cop(plan.payments_total)}.",
        totals={"debit": f"{plan.debit:.2f}", "credit": f"{plan.credit:.2f}"},
        details={
            "by_kind": plan.by_kind,
            "problems": list(plan.problems),
            "points": [{"text": text, "help": link} for text, link in plan.points],
        },
    )


@tool(
    kind=ToolKind.WRITE,
    preview=preview_commit,
    examples=(
        "dale, registralos",
        "confirma la sincronización",
        "sí, súbelos a los libros",
        "registra en los libros la sincronización 2",
        "pasa a la contabilidad lo que trajiste de la DIAN",
        "súbelos a la contabilidad",
    ),
)
def sync_commit(ctx: ToolContext, args: CommitInput) -> SyncSummary:
    """Registra en los libros los documentos marcados de una sincronización, en bloque y
    con un número de lote: asientos, terceros nuevos y pagos automáticos a «Banco 1»
    según las reglas de datos iniciales. Devuelve el resumen."""
    with ledger_errors():
        commit_job(ctx.engine, ctx.company_id, args.job_id, actor=ctx.principal.user_name or "chat")
    with ctx.session() as session:
        return build_summary(session, load_job(session, args.job_id))


# --- sync_undo ----------------------------------------------------------------------


class UndoInput(_Frozen):
    batch_id: BatchId = Field(description="Lote a deshacer, p. ej. «L-0007».")
    on: date | None = Field(default=None, description="Fecha de las reversiones; hoy si falta.")


class UndoOutput(_Frozen):
    batch_id: str
    entries: int
    documents: int
    contacts: int


def preview_undo(ctx: ToolContext, args: UndoInput) -> Preview:
    """How many entries will be reversed (documents and payments included)."""
    with ctx.session() as session:
        job = job_for_batch(session, args.batch_id)
        entries = batch_entries(session, job.batch_id or args.batch_id)
    if not entries:
        raise ToolError(
            "lote_ya_deshecho", f"El lote {args.batch_id} no tiene asientos por reversar."
        )
    return Preview(
        summary=f"Reversaré {len(entries)} asientos del lote {args.batch_id} (documentos y pagos "
        "automáticos) y desactivaré los terceros que solo usaba ese lote. Todo queda en el "
        "historial.",
    )


@tool(
    kind=ToolKind.WRITE,
    preview=preview_undo,
    examples=(
        "deshaz el lote L-0007",
        "me equivoqué, quita lo que trajiste de la dian",
        "deshaz la importación",
        "reversa la importación de la DIAN",
    ),
)
def sync_undo(ctx: ToolContext, args: UndoInput) -> UndoOutput:
    """Deshace un lote completo de la sincronización: reversa sus asientos, anula los
    pagos automáticos y desactiva los terceros que nadie más usa. Nada se borra."""
    with ledger_errors():
        counts = undo_batch(
            ctx.engine,
            ctx.company_id,
            args.batch_id,
            on=args.on or ctx.today(),
            actor=ctx.principal.user_name or "chat",
        )
    return UndoOutput(batch_id=args.batch_id, **counts)
