"""Background jobs on Huey: SQLite storage in the data directory, Redis when configured.

    huey = make_huey(settings)         # SqliteHuey(<data_dir>/jobs.db) or RedisHuey(url)
    tasks = register_tasks(huey)       # tasks.advance_sync(job_id, company_id)

Every `RESUME_EVERY_MINUTES` the worker also claims and resumes the syncs whose process
died (`tools.sync.recovery`), so a restart, an OOM kill or a deploy needs nobody to call
`POST /sync/jobs/{id}/resume`.

`cuadre worker` runs the consumer and leaves its pid in `<data_dir>/worker.pid`, which
is how the CLI tells whether to enqueue a sync or run it in the foreground.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from huey import Huey, RedisHuey, SqliteHuey, crontab
from huey.signals import SIGNAL_COMPLETE

from cuadre.settings import Settings, get_settings
from tools.inbox.tasks import InboxTasks, register_inbox_tasks
from tools.invoicing.tasks import InvoicingTasks, register_invoicing_tasks

QUEUE_NAME = "cuadre"
RESUME_EVERY_MINUTES = 2  # well under CUADRE_SYNC_DEAD_AFTER_SECONDS (10 min by default)
PRUNE_UPLOADS_UTC_HOUR = "8"


def make_huey(settings: Settings, *, name: str = QUEUE_NAME) -> Huey:
    """RedisHuey when `CUADRE_REDIS_URL` is set, else SqliteHuey in the data directory."""
    if settings.redis_url:
        return RedisHuey(name, url=settings.redis_url)
    settings.ensure_data_dir()
    return SqliteHuey(name, filename=str(settings.data_dir / "jobs.db"))


@dataclass(frozen=True)
class Tasks:
    """The tasks registered on one Huey instance."""

    huey: Huey
    advance_sync: Any
    invoicing: InvoicingTasks
    post_payrolls: Any = None
    inbox: InboxTasks | None = None
    resume_dead_syncs: Any = None
    prune_uploads: Any = None


def register_tasks(huey: Huey) -> Tasks:
    """Declare Cuadre's tasks on `huey` (one instance per queue)."""

    @huey.task(retries=2, retry_delay=5)
    def advance_sync(
        job_id: int, company_id: int, database_url: str, run_token: str | None = None
    ) -> str:
        """Move a sync job as far as it goes alone (stage, or finish a commit), unless
        someone took the job over while this task waited (`tools.sync.runs`)."""
        from ledger.db import make_engine
        from tools.sync.job import advance
        from tools.sync.runs import holds_run

        engine = make_engine(database_url)
        try:
            if not holds_run(engine, company_id, job_id, run_token):
                return "superseded"
            return advance(engine, company_id, job_id)
        finally:
            engine.dispose()

    @huey.periodic_task(crontab(minute=f"*/{RESUME_EVERY_MINUTES}"))
    def resume_dead_syncs() -> int:
        """Claim and resume every sync whose process died; returns how many were resumed."""
        from ledger.db import make_engine
        from tools.sync.recovery import Claim, recover_dead_jobs

        settings = get_settings()
        engine = make_engine(settings.sqlalchemy_url)
        try:
            found = recover_dead_jobs(engine, settings)
        finally:
            engine.dispose()
        return sum(1 for recovery in found if recovery.claim is Claim.CLAIMED)

    # Huey evaluates crontabs in UTC; hourly on the 1st and 16th covers the Bogota day
    # (UTC-5) and retries a failed fetch; each period still posts once (PayrollRun key).
    @huey.periodic_task(crontab(day="1,16", minute="0"))
    def post_payrolls() -> int:
        """Post the closed payroll period of every company with a payroll source."""
        from tools.payroll.schedule import run_scheduled

        runs = run_scheduled(get_settings())
        return sum(1 for run in runs if run.posted is not None)

    # 08:30 UTC is 03:30 in Bogotá: a quiet hour. Deletes only what the retention policy
    # allows (`cuadre.uploads`); the cache evicted is the one of the worker running it.
    @huey.periodic_task(crontab(minute="30", hour=PRUNE_UPLOADS_UTC_HOUR))
    def prune_uploads() -> dict[str, int | bool]:
        """Delete old uploads nothing needs, and this machine's unused cached copies."""
        from cuadre.uploads import prune_uploads as run_prune
        from ledger.db import init_db, make_engine

        settings = get_settings()
        engine = make_engine(settings.sqlalchemy_url)
        try:
            init_db(engine)
            return run_prune(settings, engine, apply=True).summary()
        finally:
            engine.dispose()

    inbox = register_inbox_tasks(huey)

    @huey.signal(SIGNAL_COMPLETE)
    def after_daily_summary(_signal: str, task: Any, *_args: Any) -> None:
        """Right after the 00:00 Bogotá summaries are stored, post them to Slack."""
        if isinstance(task, inbox.summary_tick.task_class):
            from api.channels.slack_summary import post_yesterday

            post_yesterday(get_settings())

    return Tasks(
        huey=huey,
        advance_sync=advance_sync,
        invoicing=register_invoicing_tasks(huey),
        post_payrolls=post_payrolls,
        inbox=inbox,
        resume_dead_syncs=resume_dead_syncs,
        prune_uploads=prune_uploads,
    )


@cache
def default_tasks() -> Tasks:
    """The tasks on the queue the settings name (the one `cuadre worker` consumes)."""
    return register_tasks(make_huey(get_settings()))


@cache
def _tasks_for(redis_url: str | None, data_dir: Path) -> Tasks:
    return register_tasks(make_huey(Settings(redis_url=redis_url, data_dir=data_dir)))


def tasks_for(settings: Settings) -> Tasks:
    """The tasks on the queue `settings` name (one Huey instance per queue and process)."""
    return _tasks_for(settings.redis_url, settings.data_dir)


def _pid_file(settings: Settings) -> Path:
    return settings.data_dir / "worker.pid"


def worker_running(settings: Settings) -> bool:
    """True when a `cuadre worker` of this data directory is alive."""
    path = _pid_file(settings)
    try:
        pid = int(path.read_text().strip())
        os.kill(pid, 0)
    except (OSError, ValueError):
        return False
    return True


def run_worker(settings: Settings, workers: int = 1) -> None:
    """Run the Huey consumer in this process until interrupted."""
    tasks = default_tasks()
    settings.ensure_data_dir()
    _pid_file(settings).write_text(str(os.getpid()))
    try:
        tasks.huey.create_consumer(workers=workers).run()
    finally:
        _pid_file(settings).unlink(missing_ok=True)
