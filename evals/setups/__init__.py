"""State a company fixture needs beyond its journal, named in its `# setup:` header.

Each setup is `(engine, company_id, folder, settings) -> None` and runs once, when the
fixture's template is built; every task then gets a copy of the result. `folder` is a
scratch folder next to the template (for the files a setup reads).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from sqlalchemy import Engine

from cuadre.settings import Settings
from evals.setups import inbox, invoicing, payroll, sync

Setup = Callable[[Engine, int, Path, Settings], None]

SETUPS: dict[str, Setup] = {
    "sync_staged": sync.staged,
    "sync_committed": sync.committed,
    "sync_another_staged": sync.another_staged,
    "sync_two_running": sync.two_running,
    "einvoicing": invoicing.profile,
    "invoices_issued": invoicing.issued,
    "contingency_active": invoicing.contingency,
    "inbox_received": inbox.received,
    "inbox_registered": inbox.registered,
    "expense_agent_active": inbox.agent_active,
    "payroll_posted": payroll.posted,
}


def run_setups(names: tuple[str, ...], engine: Engine, company_id: int, folder: Path,
               settings: Settings) -> None:  # fmt: skip
    """Run the named setups in order; an unknown name is a fixture error."""
    for name in names:
        if name not in SETUPS:
            raise ValueError(f"preparación desconocida «{name}»; hay {sorted(SETUPS)}")
        SETUPS[name](engine, company_id, folder, settings)
