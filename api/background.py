"""Work that outlives a request: a sync job is queued on Huey or run in a thread here.

`CUADRE_JOBS_MODE` chooses: `queue` (always Huey, for deployments whose workers run on
other machines), `inline` (a thread of the serving process) or `auto` (Huey when a
`cuadre worker` of this data directory is alive, as the CLI decides). Either way the
job's state lives in the database, so any worker answers its progress, and
`tools.sync.job.advance` resumes a job a crashed process left half done.
"""

from __future__ import annotations

import logging
import threading

from api.state import AppState
from cuadre.jobs import tasks_for, worker_running
from ledger.db import company_session
from tools.errors import ToolError
from tools.sync.job import advance, load_job
from tools.sync.runs import hand_to_queue
from tools.sync.stage import touch

log = logging.getLogger(__name__)
UNEXPECTED = "Ocurrió un error inesperado al procesar la sincronización; ya quedó registrado."


def queued(state: AppState) -> bool:
    """True when background work goes to the Huey queue rather than a local thread."""
    mode = state.settings.jobs_mode
    return mode == "queue" or (mode == "auto" and worker_running(state.settings))


def run_sync(state: AppState, company_id: int, job_id: int) -> str:
    """Move the job on in the background; returns `queued` or `thread`."""
    if queued(state):
        token = hand_to_queue(state.engine, company_id, job_id)
        tasks_for(state.settings).advance_sync(
            job_id, company_id, state.settings.sqlalchemy_url, token
        )
        return "queued"
    worker = threading.Thread(
        target=_advance, args=(state, company_id, job_id), name=f"sync-{job_id}", daemon=True
    )
    worker.start()
    return "thread"


def _advance(state: AppState, company_id: int, job_id: int) -> None:
    try:
        advance(state.engine, company_id, job_id, settings=state.settings)
    except ToolError:
        pass  # `advance` already stored the Spanish reason on the job
    except Exception:  # a thread has nobody to raise to: record it on the job
        log.exception("sync job %s failed", job_id)
        with company_session(state.engine, company_id) as session:
            job = load_job(session, job_id)
            touch(job, state="failed", reason=UNEXPECTED)
            session.add(job)
            session.commit()
