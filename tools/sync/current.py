"""Which sync a person means when they give no number: "¿ya terminó de importar?".

The company's sync in progress when there is exactly one; otherwise its most recent one.
Two or more in progress at once (connecting, downloading or registering) is a genuine
choice: the question names them. For a batch to undo ("deshaz la importación"), the most
recent registered batch that was not undone.
"""

from __future__ import annotations

from sqlmodel import col, select

from ledger.models import SyncJob
from tools.context import ToolContext
from tools.current import Current

RUNNING = ("connecting", "downloading", "committing")


def current_sync_job(ctx: ToolContext) -> Current:
    """The sync in progress, else the most recent; several in progress: ask which."""
    with ctx.session() as session:
        jobs = list(session.exec(select(SyncJob).order_by(col(SyncJob.id).desc())))
    if not jobs:
        return Current()
    running = sorted(job.id for job in jobs if job.state in RUNNING and job.id is not None)
    if len(running) > 1:
        numbers = _spanish_list([str(job_id) for job_id in running])
        return Current(
            values=tuple(running),
            said=f"Hay {len(running)} sincronizaciones en curso, la {numbers}: ¿cuál? "
            f"Dime su número, por ejemplo «sincronización {min(running)}».",
        )
    if running:
        return Current((running[0],), f"Tomo la sincronización {running[0]}, la que está en curso.")
    latest = jobs[0].id
    return Current((latest,), f"Tomo la sincronización {latest}, la más reciente.")


def current_sync_batch(ctx: ToolContext) -> Current:
    """The batch of the most recent registered sync that was not undone."""
    with ctx.session() as session:
        job = session.exec(
            select(SyncJob)
            .where(col(SyncJob.batch_id).is_not(None), col(SyncJob.undone).is_(False))
            .order_by(col(SyncJob.id).desc())
        ).first()
    if job is None or not job.batch_id:
        return Current()
    return Current(
        (job.batch_id,),
        f"Tomo el lote {job.batch_id}, el de la sincronización {job.id}, la más reciente "
        "que registraste.",
    )


def _spanish_list(items: list[str]) -> str:
    """ "3", "3 y 4", "3, 4 y 5"."""
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} y {items[-1]}"
