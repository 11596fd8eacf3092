"""The sync as a resumable state machine whose state lives in the database.

    connecting -> downloading (progress %) -> staged -> committing (progress %) -> done
                         \\-> failed (reason)            \\-> failed (reason)

`create_job` records what to read; `advance` moves a job as far as it can go without a
person (to `staged`, or from `committing` to `done`), so a worker, the foreground CLI
and a restarted process all call the same function and pick up where it stopped.
`commit_job` is the person's confirmation: it moves a staged job to `committing`.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Sequence
from dataclasses import replace
from datetime import UTC, date
from pathlib import Path

from sqlalchemy import Engine
from sqlmodel import Session, select

from cuadre.sealing import sealer
from cuadre.settings import Settings, get_settings
from ledger.companies import DEFAULT_BANK, INITIAL_DATA_ITEM
from ledger.db import company_session
from ledger.models import BankAccount, Company, Item, SyncJob
from ledger.models.base import utcnow
from tools.dian import IngestResult, iter_documents
from tools.errors import ToolError
from tools.files import check_refs, display_name, local_path, parse_ref
from tools.sync.commit import commit_selection, next_batch_id
from tools.sync.heartbeat import Heartbeat
from tools.sync.rules import CompanyProfile
from tools.sync.stage import merge_counts, stage_results, touch

KINDS = ("sales", "purchases", "customers", "suppliers")
Progress = Callable[[str, int, int], None]  # (state, done, total)


def company_profile(session: Session, company_id: int) -> CompanyProfile:
    """The company facts the import rules need (NIT, VAT, item and bank ids)."""
    company = session.get(Company, company_id)
    if company is None:
        raise ToolError("empresa_no_existe", f"La empresa {company_id} no existe.")
    item = session.exec(select(Item).where(Item.name == INITIAL_DATA_ITEM)).first()
    bank = session.exec(select(BankAccount).where(BankAccount.name == DEFAULT_BANK)).first()
    return CompanyProfile(
        nit=company.nit,
        vat_responsible=company.vat_responsible,
        item_id=item.id if item else None,
        bank_account_id=bank.id if bank else None,
    )


def create_job(
    engine: Engine,
    company_id: int,
    *,
    files: Sequence[str | Path] = (),
    portal: dict[str, str] | None = None,
    kinds: Sequence[str] = KINDS,
    sync_date: date | None = None,
    period: tuple[date, date] | None = None,
    actor: str = "sistema",
    settings: Settings | None = None,
) -> int:
    """Record a new job (state `connecting`); nothing is read yet. Returns its id.

    A portal link carries the DIAN token: the job keeps it sealed (`cuadre.sealing`)."""
    unknown = set(kinds) - set(KINDS)
    if unknown:
        raise ToolError(
            "tipo_desconocido",
            f"No conozco «{', '.join(sorted(unknown))}»: usa sales, purchases, "
            "customers, suppliers.",
        )
    if not files and portal is None:
        raise ToolError("sin_origen", "Indica los archivos de la DIAN o el enlace de acceso.")
    check_refs(engine, company_id, files)
    missing = [str(p) for p in files if parse_ref(p) is None and not Path(p).exists()]
    if missing:
        raise ToolError("archivo_no_existe", f"No encuentro {', '.join(missing)}.")
    with company_session(engine, company_id) as session:
        job = SyncJob(
            company_id=company_id,
            source="portal" if portal else "files",
            sources=json.dumps(
                {"link": sealer(settings or get_settings()).seal(portal["link"])}
                if portal
                else [_portable(p) for p in files]
            ),
            kinds=",".join(kinds),
            sync_date=sync_date or date.today(),
            period_start=period[0] if period else None,
            period_end=period[1] if period else None,
            actor=actor,
        )
        session.add(job)
        session.commit()
        assert job.id is not None
        return job.id


def _portable(path: str | Path) -> str:
    """Upload references stay as they are (any worker resolves them); local paths absolute."""
    return str(path) if parse_ref(path) is not None else str(Path(path).resolve())


def load_job(session: Session, job_id: int) -> SyncJob:
    """The job, or a Spanish error when this company has no such job."""
    job = session.get(SyncJob, job_id)
    if job is None:
        raise ToolError("trabajo_no_existe", f"No encuentro la sincronización {job_id}.")
    return job


def _set(engine: Engine, company_id: int, job_id: int, **changes: object) -> None:
    with company_session(engine, company_id) as session:
        job = load_job(session, job_id)
        touch(job, **changes)
        session.add(job)
        session.commit()


def _download(
    job: SyncJob, settings: Settings, on_progress: Progress | None, heartbeat: Heartbeat
) -> list[Path]:
    """The portal's listing and documents of the job's period, into the data directory."""
    from tools.sync.portal import download_period

    assert job.period_start is not None and job.period_end is not None
    groups = tuple(
        group
        for kind, group in (("purchases", "received"), ("sales", "issued"))
        if kind in job.kinds.split(",")
    )

    def progress(done: int, total: int) -> None:
        heartbeat.beat()  # no transaction of the runner is open while it downloads
        if on_progress is not None:
            on_progress("downloading", done, total)

    created = job.created_at if job.created_at.tzinfo else job.created_at.replace(tzinfo=UTC)
    return download_period(
        sealer(settings).open(json.loads(job.sources)["link"]),
        job.period_start,
        job.period_end,
        settings,
        dest=settings.ensure_data_dir() / "dian" / f"sync-{job.id}",
        groups=groups,
        received_at=created,
        on_progress=progress,
    )


def _named(result: IngestResult, names: dict[str, str]) -> IngestResult:
    """The result labelled with the file's upload name, not this machine's cache path."""
    name = names.get(result.source.file)
    if name is None:
        return result
    return replace(result, source=replace(result.source, file=name))


def _stage(
    engine: Engine,
    company_id: int,
    job_id: int,
    on_progress: Progress | None,
    settings: Settings | None = None,
) -> None:
    names: dict[str, str] = {}
    heartbeat = Heartbeat(engine, company_id, job_id)
    with company_session(engine, company_id) as session:
        job = load_job(session, job_id)
        profile = company_profile(session, company_id)
        if job.source == "portal":
            touch(job, state="connecting", progress=0)
            session.add(job)
            session.commit()
            files = _download(job, settings or get_settings(), on_progress, heartbeat)
        else:
            # Documents before listings: a listing row has no lines nor due date, so the
            # XML of the same CUFE is the one kept and the row counts as a repeat.
            refs = sorted(json.loads(job.sources), key=lambda ref: ref.lower().endswith(".xlsx"))
            # Uploads come back from the database on whichever machine runs the job.
            files = [
                Path(local_path(engine, settings or get_settings(), company_id, ref))
                for ref in refs
            ]
            names = dict(zip(map(str, files), map(display_name, refs), strict=True))
        touch(job, state="downloading", progress=0)
        session.add(job)
        session.commit()

        def progress(staged: int) -> None:
            if on_progress is not None:
                on_progress("downloading", staged, 0)

        done = [0]

        def results() -> Iterator[IngestResult]:
            for number, path in enumerate(files, start=1):
                for result in iter_documents([path]):
                    # Pulled between two chunks: the session has nothing pending to lose.
                    heartbeat.beat(session)
                    yield _named(result, names)
                done[0] = number

        counts = stage_results(
            session,
            job,
            results(),
            profile,
            on_progress=progress,
            percent=lambda: 100 * done[0] // max(len(files), 1),
        )
        job = load_job(session, job_id)
        merge_counts(job, stage=counts.as_dict())
        touch(job, state="staged", progress=100)
        session.add(job)
        session.commit()


def _commit(engine: Engine, company_id: int, job_id: int, on_progress: Progress | None) -> None:
    with company_session(engine, company_id) as session:
        job = load_job(session, job_id)
        profile = company_profile(session, company_id)
        actor = job.actor or "sistema"

    def progress(done: int, total: int) -> None:
        percent = int(100 * done / total) if total else 100
        _set(engine, company_id, job_id, progress=percent, heartbeat_at=utcnow())
        if on_progress is not None:
            on_progress("committing", done, total)

    commit_selection(engine, company_id, job_id, profile, actor=actor, on_progress=progress)
    from tools.sync.summary import build_summary

    with company_session(engine, company_id) as session:
        job = load_job(session, job_id)
        merge_counts(job, summary=build_summary(session, job).model_dump(mode="json"))
        touch(job, state="done", progress=100)
        session.add(job)
        session.commit()


def advance(
    engine: Engine,
    company_id: int,
    job_id: int,
    *,
    on_progress: Progress | None = None,
    settings: Settings | None = None,
) -> str:
    """Run the job as far as it goes alone; returns the state it stopped in.

    Safe to call again after a crash: staging restarts clean, a commit resumes with the
    rows not yet written.
    """
    with company_session(engine, company_id) as session:
        state = load_job(session, job_id).state
    try:
        if state in ("connecting", "downloading"):
            _stage(engine, company_id, job_id, on_progress, settings)
            state = "staged"
        if state == "committing":
            _commit(engine, company_id, job_id, on_progress)
            state = "done"
    except ToolError as exc:
        _set(engine, company_id, job_id, state="failed", reason=exc.message_es[:1000])
        raise
    return state


def commit_job(
    engine: Engine,
    company_id: int,
    job_id: int,
    *,
    actor: str = "",
    on_progress: Progress | None = None,
    run: bool = True,
) -> str:
    """Confirm a staged job: give it a batch id and commit its selection (when `run`)."""
    with company_session(engine, company_id) as session:
        job = load_job(session, job_id)
        if job.state == "done":
            return "done"  # confirming twice writes nothing more
        if job.state not in ("staged", "committing"):
            raise ToolError(
                "trabajo_no_listo",
                f"La sincronización {job_id} está en estado «{job.state}»; solo se registra "
                "una que ya está lista para revisar.",
            )
        if job.batch_id is None:
            job.batch_id = next_batch_id(session)
        touch(job, state="committing", progress=0, actor=actor or job.actor)
        session.add(job)
        session.commit()
    return advance(engine, company_id, job_id, on_progress=on_progress) if run else "committing"
