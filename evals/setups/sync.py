"""A sync staged from the test DIAN files (job 1), or staged and committed (lote L-0001);
then a second sync staged after it (job 2), or two syncs left running at once."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine

from cuadre.settings import Settings
from evals.companies import FILES
from tools.sync.job import advance, commit_job, create_job

# The year's DIAN files attached in the sync tasks: the portal listing and supplier ZIPs.
YEAR_FILES = (
    "listado_dian.xlsx",
    "compra1.zip",
    "compra2.zip",
    "venta1.zip",
    "venta2.zip",
    "rechazada.zip",
)


def staged(engine: Engine, company_id: int, folder: Path, settings: Settings) -> None:
    """Sync 1: the year's files read and waiting for review."""
    files = [FILES / name for name in YEAR_FILES]
    job_id = create_job(engine, company_id, files=files, actor="fixture")
    advance(engine, company_id, job_id, settings=settings)


def committed(engine: Engine, company_id: int, folder: Path, settings: Settings) -> None:
    """Sync 1 staged and registered as lote L-0001."""
    staged(engine, company_id, folder, settings)
    commit_job(engine, company_id, 1, actor="fixture")


def another_staged(engine: Engine, company_id: int, folder: Path, settings: Settings) -> None:
    """One more sync of the same files read and waiting for review (after those before)."""
    staged(engine, company_id, folder, settings)


def two_running(engine: Engine, company_id: int, folder: Path, settings: Settings) -> None:
    """Syncs 1 and 2 created and still connecting: no worker has picked them up."""
    files = [FILES / name for name in YEAR_FILES]
    for _ in range(2):
        create_job(engine, company_id, files=files, actor="fixture")
