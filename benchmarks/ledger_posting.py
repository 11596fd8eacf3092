"""Ledger speed: company creation, posting, trial balance (SQLite by default).

    python -m benchmarks.ledger_posting --entries 2000 [--url postgresql+psycopg://...]

Writes `benchmarks/results/ledger_posting_<database>.json`.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

from stdnum.co import nit as co_nit

from ledger.companies import create_company
from ledger.db import admin_session, company_session, init_db, make_engine
from ledger.posting import EntryProposal, ProposedLine, post_entry
from ledger.reports import trial_balance

RESULTS = Path(__file__).resolve().parent / "results"


def _sale(n: int) -> EntryProposal:
    net = Decimal(10_000 + n)
    vat = (net * Decimal("0.19")).quantize(Decimal("0.01"))
    return EntryProposal(
        date=date(2025, 1, 1) + timedelta(days=n % 365),
        description=f"Venta FE-{n}",
        lines=(
            ProposedLine("130505", debit=net + vat),
            ProposedLine("413505", credit=net),
            ProposedLine("240805", credit=vat),
        ),
    )


def run(url: str, entries: int) -> dict[str, object]:
    """Time each step; returns the figures."""
    engine = make_engine(url)
    started = time.perf_counter()
    init_db(engine)
    migrate_s = time.perf_counter() - started
    base = str(900_000_000 + int(time.time()) % 99_999_999)
    started = time.perf_counter()
    with admin_session(engine) as session:
        company = create_company(session, nit=f"{base}-{co_nit.calc_check_digit(base)}", name="B")
    create_s = time.perf_counter() - started
    assert company.id is not None
    started = time.perf_counter()
    with company_session(engine, company.id) as session:
        for n in range(entries):
            post_entry(session, _sale(n), actor="benchmark")
    post_s = time.perf_counter() - started
    started = time.perf_counter()
    with company_session(engine, company.id) as session:
        rows = trial_balance(session, start=date(2025, 7, 1), level=6)
    balance_s = time.perf_counter() - started
    engine.dispose()
    return {
        "database": engine.dialect.name,
        "entries": entries,
        "migrate_seconds": round(migrate_s, 3),
        "create_company_seconds": round(create_s, 3),
        "post_entries_per_second": round(entries / post_s, 1),
        "post_ms_per_entry": round(1000 * post_s / entries, 2),
        "trial_balance_ms": round(1000 * balance_s, 1),
        "trial_balance_rows": len(rows),
    }


def main() -> None:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--entries", type=int, default=2000)
    parser.add_argument(
        "--url", default=None, help="Database URL; a temporary SQLite file if unset."
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        url = args.url or f"sqlite:///{Path(tmp) / 'bench.db'}"
        figures = run(url, args.entries)
    RESULTS.mkdir(parents=True, exist_ok=True)
    target = RESULTS / f"ledger_posting_{figures['database']}.json"
    target.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
