"""The DIAN initial-data sync over REST: start, progress, review, select, commit, undo.

Reading and committing run in the background (`api.background`): start and commit
answer 202 with the job's progress, and `GET /sync/jobs/{id}` follows it. Every
function called here is the tool layer's (`tools.sync.*`), for the caller's company.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Annotated, Literal

from fastapi import APIRouter, File, Form, Path, Query, UploadFile
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from api.background import run_sync
from api.deps import CurrentPrincipal, RowId, SessionDep, StateDep, ToolCtx
from api.errors import ApiError
from api.lookups import tool_lookup
from api.uploads import store_files
from tools.files import upload_refs
from tools.registry import Preview, preview_tool, run_tool
from tools.sync.job import KINDS, commit_job, create_job, load_job
from tools.sync.portal import check_link
from tools.sync.preview import CommitPreview, commit_preview
from tools.sync.progress import STATE_ES, JobProgress, job_progress, list_jobs
from tools.sync.recovery import Claim, claim
from tools.sync.review import DocumentDetail, ReviewFilter, ReviewPage, detail, review, set_selected
from tools.sync.stage import STATUSES
from tools.sync.tool import UndoInput, UndoOutput

router = APIRouter(prefix="/sync", tags=["sync"])
MAX_PERIOD_DAYS = 366
DIRECTIONS = {"issued": "sales", "received": "purchases"}

Kind = Literal["sales", "purchases", "customers", "suppliers"]
ALL_KINDS: list[Kind] = ["sales", "purchases", "customers", "suppliers"]
Direction = Literal["", "issued", "received"]
Status = Literal["", "new", "already_in_books", "conflicting", "rejected_by_dian"]
BatchId = Annotated[
    str, Path(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9-]+$", examples=["L-0001"])
]
assert set(STATUSES) == set(Status.__args__) - {""}  # type: ignore[attr-defined]


class JobsOut(BaseModel):
    jobs: list[JobProgress]


class PortalStartIn(BaseModel):
    link: str = Field(min_length=10, max_length=2000, description="Enlace de acceso de la DIAN.")
    start: date = Field(description="Desde (AAAA-MM-DD).")
    end: date = Field(description="Hasta (AAAA-MM-DD).")
    kinds: list[Kind] = Field(default=ALL_KINDS, min_length=1)
    as_of: date | None = Field(default=None, description="Fecha para juzgar pagos vencidos.")


class UploadStartIn(BaseModel):
    upload_id: str = Field(min_length=1, max_length=64, description="Carga de `POST /imports`.")
    kinds: list[Kind] = Field(default=ALL_KINDS, min_length=1)
    as_of: date | None = None


class FilterIn(BaseModel):
    status: Status = ""
    direction: Direction = ""
    q: str = Field(default="", max_length=100)
    document_type: str = Field(default="", max_length=20)
    start: date | None = None
    end: date | None = None


class SelectionIn(BaseModel):
    selected: bool = Field(description="true marca, false desmarca.")
    ids: list[Annotated[int, Field(ge=1, le=2**31 - 1)]] = Field(default=[], max_length=1000)
    filter: FilterIn | None = Field(
        default=None, description="Todos los que cumplan el filtro (si no hay `ids`)."
    )


class SelectionOut(BaseModel):
    changed: int
    selected: int
    selected_total: Decimal


class UndoIn(BaseModel):
    on: date | None = Field(default=None, description="Fecha de las reversiones; hoy si falta.")


def _filter(flt: FilterIn) -> ReviewFilter:
    return ReviewFilter(
        kind=DIRECTIONS.get(flt.direction, ""),
        document_type=flt.document_type,
        status=flt.status,
        text=flt.q,
        start=flt.start,
        end=flt.end,
    )


def _accepted(ctx: ToolCtx, job_id: int) -> JSONResponse:
    with ctx.session() as session:
        progress = job_progress(session, job_id, with_summary=False)
    return JSONResponse(progress.model_dump(mode="json"), status_code=202)


def _kinds(raw: str) -> list[str]:
    kinds = [kind.strip() for kind in raw.split(",") if kind.strip()]
    return kinds or list(KINDS)


@router.get("/jobs", response_model=JobsOut)
def jobs(session: SessionDep, limit: Annotated[int, Query(ge=1, le=100)] = 20) -> JobsOut:
    """The company's latest syncs, newest first."""
    return JobsOut(jobs=list_jobs(session, limit=limit))


@router.post("/jobs", response_model=JobProgress, status_code=202)
def start_from_files(
    ctx: ToolCtx,
    state: StateDep,
    principal: CurrentPrincipal,
    files: Annotated[list[UploadFile], File(description="Listado (.xlsx/.zip) y/o XML o ZIP.")],
    kinds: Annotated[str, Form(max_length=80)] = ",".join(KINDS),
    as_of: Annotated[date | None, Form()] = None,
) -> JSONResponse:
    """Upload DIAN files and read them in the background; nothing goes to the books yet."""
    wanted = _kinds(kinds)
    unknown = sorted(set(wanted) - set(KINDS))
    if unknown:  # refused before anything is written to disk
        raise ApiError(
            400,
            "tipo_desconocido",
            f"No conozco «{', '.join(unknown)}»: usa sales, purchases, customers, suppliers.",
        )
    _upload_id, refs = store_files(ctx.settings, ctx.engine, ctx.company_id, files)
    job_id = create_job(
        ctx.engine,
        ctx.company_id,
        files=refs,
        kinds=wanted,
        sync_date=as_of,
        actor=principal.user_name or "api",
    )
    run_sync(state, ctx.company_id, job_id)
    return _accepted(ctx, job_id)


@router.post("/jobs/from-upload", response_model=JobProgress, status_code=202)
def start_from_upload(
    ctx: ToolCtx, state: StateDep, principal: CurrentPrincipal, body: UploadStartIn
) -> JSONResponse:
    """Start a sync with the files of an earlier `POST /imports` (the panel's file drop)."""
    with tool_lookup():
        refs = upload_refs(ctx.engine, ctx.company_id, body.upload_id)
    job_id = create_job(
        ctx.engine,
        ctx.company_id,
        files=refs,
        kinds=body.kinds,
        sync_date=body.as_of,
        actor=principal.user_name or "api",
    )
    run_sync(state, ctx.company_id, job_id)
    return _accepted(ctx, job_id)


@router.post("/jobs/portal", response_model=JobProgress, status_code=202)
def start_from_portal(
    ctx: ToolCtx, state: StateDep, principal: CurrentPrincipal, body: PortalStartIn
) -> JSONResponse:
    """Download a period from the DIAN portal with the access link, then read it."""
    check_link(body.link, ctx.settings)
    if body.end < body.start:
        raise ApiError(400, "periodo_invalido", "La fecha final es anterior a la inicial.")
    if (body.end - body.start).days > MAX_PERIOD_DAYS:
        raise ApiError(400, "periodo_muy_largo", "Pide como máximo un año por sincronización.")
    job_id = create_job(
        ctx.engine,
        ctx.company_id,
        portal={"link": body.link},
        settings=ctx.settings,
        kinds=body.kinds,
        sync_date=body.as_of,
        period=(body.start, body.end),
        actor=principal.user_name or "api",
    )
    run_sync(state, ctx.company_id, job_id)
    return _accepted(ctx, job_id)


@router.get("/jobs/{job_id}", response_model=JobProgress)
def progress(session: SessionDep, job_id: RowId) -> JobProgress:
    """State, percent of the current phase, counts and (when staged or done) the summary."""
    with tool_lookup():
        return job_progress(session, job_id)


@router.get("/jobs/{job_id}/review", response_model=ReviewPage)
def review_page(
    session: SessionDep,
    job_id: RowId,
    status: Status = "",
    direction: Direction = "",
    q: Annotated[str, Query(max_length=100)] = "",
    document_type: Annotated[str, Query(max_length=20)] = "",
    start: Annotated[date | None, Query(alias="from")] = None,
    end: Annotated[date | None, Query(alias="to")] = None,
    page: Annotated[int, Query(ge=1, le=100_000)] = 1,
    size: Annotated[int, Query(ge=1, le=200)] = 50,
) -> ReviewPage:
    """The staged documents matching the filters, one page at a time."""
    flt = FilterIn(
        status=status, direction=direction, q=q, document_type=document_type, start=start, end=end
    )
    with tool_lookup():
        return review(session, job_id, _filter(flt), page=page, page_size=size)


@router.get("/jobs/{job_id}/documents/{staged_id}", response_model=DocumentDetail)
def staged_document(session: SessionDep, job_id: RowId, staged_id: RowId) -> DocumentDetail:
    """One staged document with the entry and payment the commit would write."""
    with tool_lookup():
        return detail(session, job_id, staged_id)


@router.post("/jobs/{job_id}/selection", response_model=SelectionOut)
def selection(session: SessionDep, job_id: RowId, body: SelectionIn) -> SelectionOut:
    """Mark or unmark documents by id, or every one matching a filter (only new ones)."""
    if not body.ids and body.filter is None:
        raise ApiError(
            400, "sin_seleccion", "Indica los documentos (`ids`) o un filtro (`filter`)."
        )
    flt = _filter(body.filter) if body.filter else ReviewFilter()
    with tool_lookup():
        changed = set_selected(session, job_id, flt, body.selected, tuple(body.ids))
        totals = review(session, job_id, ReviewFilter(), page_size=1)
    return SelectionOut(
        changed=changed, selected=totals.selected, selected_total=totals.selected_total
    )


@router.get("/jobs/{job_id}/commit-preview", response_model=CommitPreview)
def preview_commit(session: SessionDep, job_id: RowId) -> CommitPreview:
    """What the commit will write (counts, totals, debits = credits, payments); writes nothing."""
    with tool_lookup():
        return commit_preview(session, job_id)


@router.post("/jobs/{job_id}/commit", response_model=JobProgress, status_code=202)
def commit(
    ctx: ToolCtx, state: StateDep, principal: CurrentPrincipal, job_id: RowId
) -> JSONResponse:
    """Write the selected documents to the books in one batch, in the background."""
    with tool_lookup():
        with ctx.session() as session:
            was = load_job(session, job_id).state
        # A job already being written keeps its one runner; a dead one is claimed first,
        # atomically, as a resume is (confirming touches the job, so it would look alive).
        dead = was == "committing" and _claim(ctx, job_id) is Claim.CLAIMED
        now = commit_job(
            ctx.engine, ctx.company_id, job_id, actor=principal.user_name or "api", run=False
        )
    if now == "committing" and (was == "staged" or dead):
        run_sync(state, ctx.company_id, job_id)
    return _accepted(ctx, job_id)


def _claim(ctx: ToolCtx, job_id: int) -> Claim:
    """The worker's atomic claim on a dead job, for a person (not counted as automatic)."""
    dead_after = timedelta(seconds=ctx.settings.sync_dead_after_seconds)
    return claim(ctx.engine, ctx.company_id, job_id, dead_after=dead_after, automatic=False)


@router.post("/jobs/{job_id}/resume", response_model=JobProgress, status_code=202)
def resume(ctx: ToolCtx, state: StateDep, job_id: RowId) -> JSONResponse:
    """Pick up a job whose process died while reading or writing (no heartbeat for 10 min)."""
    with tool_lookup(), ctx.session() as session:
        job = load_job(session, job_id)
        current = STATE_ES.get(job.state, job.state)
    # The same atomic claim as the worker's automatic resume: one runner, whoever asks.
    if _claim(ctx, job_id) is not Claim.CLAIMED:
        raise ApiError(
            409,
            "trabajo_no_detenido",
            f"La sincronización {job_id} está «{current}» y no está detenida: no hay nada que "
            "reanudar.",
        )
    run_sync(state, ctx.company_id, job_id)
    return _accepted(ctx, job_id)


@router.get("/batches/{batch_id}/preview", response_model=Preview)
def preview_undo(ctx: ToolCtx, batch_id: BatchId) -> Preview:
    """How many entries undoing the batch reverses; writes nothing."""
    with tool_lookup():
        return preview_tool(ctx, "sync_undo", UndoInput(batch_id=batch_id))


@router.post("/batches/{batch_id}/undo", response_model=UndoOutput)
def undo(ctx: ToolCtx, batch_id: BatchId, body: UndoIn | None = None) -> UndoOutput:
    """Reverse every entry of a committed batch; documents voided, nothing deleted."""
    args = UndoInput(batch_id=batch_id, on=body.on if body else None)
    with tool_lookup():
        preview_tool(ctx, "sync_undo", args)  # refuses a batch with nothing left to reverse
        result = run_tool(ctx, "sync_undo", args)
    assert isinstance(result, UndoOutput)
    return result
