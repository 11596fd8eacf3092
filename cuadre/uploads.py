"""Retention of stored uploads, end to end: what `cuadre files prune` and the daily task run.

    report = prune_uploads(settings, engine, apply=False)   # a preview: nothing deleted

For each company: the references its conversations hold (`agent.uploads`) join those of
its sync jobs, and old unreferenced uploads are deleted in one transaction per company
(`tools.files_prune`). Then this machine's cache is evicted (`tools.files_cache`): the
cache is per machine, so every machine that serves uploads needs its own pass (the
daily task evicts the cache of the worker that runs it).

Left open, knowingly: a reference made to an upload already past the retention period
between the reading of the references and the delete (conversations are read before the
company's transaction; on PostgreSQL a sync job inserted meanwhile is not seen either)
loses it. The job or the tool then says «No encuentro … en la carga» in Spanish; no
half-read file and no partial upload can result.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import Engine

from agent.memory import open_checkpointer
from agent.uploads import conversation_references
from cuadre.settings import Settings
from ledger.companies import list_companies
from ledger.db import admin_session
from tools.files_cache import CacheReport, evict_cache
from tools.files_prune import CompanyPrune, prune_company


@dataclass(frozen=True)
class PruneReport:
    """One pass over every company (or the one asked for) and this machine's cache."""

    applied: bool
    retention_days: int
    cache_days: int
    companies: tuple[CompanyPrune, ...]
    cache: CacheReport | None

    @property
    def files(self) -> int:
        """Stored files deleted (or that would be)."""
        return sum(company.plan.files for company in self.companies)

    @property
    def size(self) -> int:
        """Bytes of stored files deleted (or that would be)."""
        return sum(company.plan.size for company in self.companies)

    def summary(self) -> dict[str, int | bool]:
        """Plain figures for a task result or a log line."""
        return {
            "aplicado": self.applied,
            "cargas": sum(len(company.plan.delete) for company in self.companies),
            "archivos": self.files,
            "bytes": self.size,
            "cache_archivos": self.cache.files if self.cache else 0,
            "cache_bytes": self.cache.size if self.cache else 0,
        }


def prune_uploads(
    settings: Settings,
    engine: Engine,
    *,
    apply: bool,
    company_ids: tuple[int, ...] | None = None,
    stored: bool = True,
    cache: bool = True,
    now: datetime | None = None,
) -> PruneReport:
    """Delete (when `apply`) what the retention policy allows; otherwise only report it."""
    now = now or datetime.now(UTC)
    retention = timedelta(days=settings.uploads_retention_days)
    companies: list[CompanyPrune] = []
    if stored:
        with admin_session(engine) as session:
            ids = [c.id for c in list_companies(session) if c.id is not None]
        wanted = [cid for cid in ids if company_ids is None or cid in company_ids]
        with open_checkpointer(settings) as saver:
            for company_id in wanted:
                companies.append(
                    prune_company(
                        engine,
                        company_id,
                        now=now,
                        retention=retention,
                        references=conversation_references(saver, company_id, now=now),
                        apply=apply,
                    )
                )
    evicted = None
    if cache:
        evicted = evict_cache(
            engine,
            settings,
            now=now,
            unused_for=timedelta(days=settings.uploads_cache_days),
            apply=apply,
        )
    return PruneReport(
        applied=apply,
        retention_days=settings.uploads_retention_days,
        cache_days=settings.uploads_cache_days,
        companies=tuple(companies),
        cache=evicted,
    )
