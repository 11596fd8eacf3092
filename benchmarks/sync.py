"""Benchmark of the DIAN sync: a generated year of N documents, stage + commit on SQLite.

Phases: generate (not counted), stage (read the AttachedDocument ZIP and the listing,
parse, dedupe, plan, store), commit (contacts, documents, entries, payments, history in
chunks through the import rules and `ledger.bulk`). Reports documents/s per phase and
the peak RSS of the process. Target: the whole year (100,000 documents) in under
5 minutes on one core, peak memory under 500 MB.

    python -m benchmarks.sync               # 100,000 documents, writes results/sync.json
    python -m benchmarks.sync --n 5000      # quick check while developing
    python -m benchmarks.sync --source listing   # the listing alone (no XML)
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import tempfile
import time
from datetime import date
from pathlib import Path

from sqlalchemy import func
from sqlmodel import select

from ledger.companies import create_company
from ledger.db import admin_session, company_session, init_db, make_engine
from ledger.models import Document, JournalEntry, Payment
from ledger.reports import trial_balance, trial_balance_totals
from tools.sync.generate import write_year
from tools.sync.job import advance, commit_job, create_job
from tools.sync.ubl_writer import GenParty

RESULTS = Path(__file__).parent / "results" / "sync.json"
COMPANY = GenParty("901458723", "1", "FERRETERÍA EL TORNILLO FELIZ SAS")


def peak_rss_mb() -> float:
    """Peak resident memory of this process (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run(n: int, source: str, folder: Path) -> dict[str, object]:
    """Generate, stage and commit one year; returns the figures."""
    started = time.perf_counter()
    year = write_year(folder, COMPANY, 2024, n)
    generated = time.perf_counter() - started
    files = {
        "xml": [year.documents],
        "listing": [year.listing],
        "both": [year.documents, year.listing],
    }
    engine = make_engine(f"sqlite:///{folder / 'ledger.db'}")
    init_db(engine)
    with admin_session(engine) as session:
        company = create_company(session, nit=f"{COMPANY.nit}-{COMPANY.dv}", name=COMPANY.name)
    assert company.id is not None
    job_id = create_job(engine, company.id, files=files[source], sync_date=date(2025, 1, 31))
    rss_before = peak_rss_mb()
    started = time.perf_counter()
    advance(engine, company.id, job_id)
    staged = time.perf_counter() - started
    started = time.perf_counter()
    commit_job(engine, company.id, job_id)
    committed = time.perf_counter() - started
    with company_session(engine, company.id) as session:
        documents = session.exec(select(func.count()).select_from(Document)).one()
        entries = session.exec(select(func.count()).select_from(JournalEntry)).one()
        payments = session.exec(select(func.count()).select_from(Payment)).one()
        totals = trial_balance_totals(trial_balance(session, level=8))
    return {
        "documents_generated": n,
        "source": source,
        "generate_s": round(generated, 1),
        "stage_s": round(staged, 1),
        "stage_docs_per_s": round(n / staged),
        "commit_s": round(committed, 1),
        "commit_docs_per_s": round(documents / committed) if committed else None,
        "total_s": round(staged + committed, 1),
        "documents_posted": documents,
        "entries_posted": entries,
        "payments_posted": payments,
        "balanced": totals.debit == totals.credit,
        "peak_rss_mb_after_generate": round(rss_before),
        "peak_rss_mb": round(peak_rss_mb()),
        "target": {"total_s": 300, "peak_rss_mb": 500},
        "machine": {
            "python": platform.python_version(),
            "cpus": os.cpu_count(),
            "load_1m": round(os.getloadavg()[0], 2),
        },
    }


def main() -> None:
    """Run and write `benchmarks/results/sync.json` (only for the full size)."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=100_000)
    parser.add_argument("--source", choices=("both", "xml", "listing"), default="xml")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="cuadre-sync-bench-") as folder:
        figures = run(args.n, args.source, Path(folder))
    print(json.dumps(figures, indent=2, ensure_ascii=False))
    if args.n >= 100_000:
        RESULTS.write_text(
            json.dumps(figures, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
        )


if __name__ == "__main__":
    main()
