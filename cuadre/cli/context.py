"""What every command needs: settings, the migrated database, and the company to act for.

    ctx = open_context(company_nit)          # engine ready, company resolved
    with ctx.session() as session: ...       # scoped to that company
    run_tool(ctx.tool_context(), "trial_balance", {...})

The default company of a data directory lives in `<data_dir>/config.json`. Wrap command
bodies in `with cli_errors():` so a user-fixable error prints in Spanish and exits 1.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, is_dataclass
from datetime import date, datetime
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any, NoReturn

import typer
from pydantic import BaseModel
from rich.console import Console
from sqlalchemy import Engine
from sqlmodel import Session

from cuadre.settings import Settings, get_settings
from ledger.companies import find_company, list_companies
from ledger.db import admin_session, company_session, init_db, make_engine
from ledger.errors import LedgerError
from ledger.models import Company
from tools.context import Principal, ToolContext
from tools.errors import ToolError

# Piped or captured output (make demo, CI logs) gets room for a six-column report.
console = Console() if sys.stdout.isatty() else Console(width=120)
err_console = Console(stderr=True, soft_wrap=True)


class CliError(Exception):
    """A problem the user can fix, with the Spanish message to show."""

    def __init__(self, message_es: str) -> None:
        super().__init__(message_es)
        self.message_es = message_es


def fail(message_es: str) -> NoReturn:
    """Print a Spanish error and exit with status 1 (no traceback)."""
    err_console.print(f"[bold red]Error:[/bold red] {message_es}")
    raise typer.Exit(code=1)


@contextmanager
def cli_errors() -> Iterator[None]:
    """Turn ledger, tool and CLI errors into a Spanish message and exit status 1."""
    try:
        yield
    except (LedgerError, ToolError, CliError) as exc:
        fail(getattr(exc, "message_es", str(exc)))


@cache
def _engine_for(url: str) -> Engine:
    engine = make_engine(url)
    init_db(engine)
    return engine


def open_engine(settings: Settings | None = None) -> Engine:
    """The ledger engine for the settings, migrated to the latest schema on first use."""
    settings = settings or get_settings()
    settings.ensure_data_dir()
    return _engine_for(settings.sqlalchemy_url)


def _config_path(settings: Settings) -> Path:
    return settings.data_dir / "config.json"


def read_config(settings: Settings) -> dict[str, Any]:
    """The data directory's small CLI configuration (default company)."""
    path = _config_path(settings)
    if not path.exists():
        return {}
    return dict(json.loads(path.read_text(encoding="utf-8")))


def set_default_company(settings: Settings, nit: str) -> None:
    """Remember the company commands use when `--company-nit` is not given."""
    settings.ensure_data_dir()
    config = read_config(settings) | {"default_company_nit": nit}
    _config_path(settings).write_text(json.dumps(config, indent=2), encoding="utf-8")


def resolve_company(engine: Engine, settings: Settings, nit: str | None) -> Company:
    """The company named by `nit`, else the default one, else the only one there is."""
    with admin_session(engine) as session:
        wanted = nit or read_config(settings).get("default_company_nit")
        if wanted:
            company = find_company(session, wanted)
            if company is None:
                raise CliError(f"No hay ninguna empresa con NIT {wanted}.")
            return company
        companies = list_companies(session)
    if len(companies) == 1:
        return companies[0]
    if not companies:
        raise CliError(
            "Aún no hay empresas. Crea una con `cuadre companies create --nit ... --name ...` "
            "o prueba `cuadre demo`."
        )
    raise CliError("Hay varias empresas: indica cuál con --company-nit.")


@dataclass(frozen=True)
class CliContext:
    """Settings, engine and company of one command run."""

    settings: Settings
    engine: Engine
    company: Company

    @property
    def company_id(self) -> int:
        """The resolved company's id."""
        assert self.company.id is not None
        return self.company.id

    def session(self) -> Session:
        """A session scoped to the resolved company."""
        return company_session(self.engine, self.company_id)

    def tool_context(self, *, user_name: str = "cli") -> ToolContext:
        """A tool context for the resolved company (channel `cli`)."""
        return ToolContext(
            principal=Principal(company_id=self.company_id, user_name=user_name, channel="cli"),
            engine=self.engine,
            settings=self.settings,
        )


def open_context(company_nit: str | None = None, settings: Settings | None = None) -> CliContext:
    """Open the database and resolve the company (raises `CliError` when there is none)."""
    settings = settings or get_settings()
    engine = open_engine(settings)
    return CliContext(
        settings=settings, engine=engine, company=resolve_company(engine, settings, company_nit)
    )


def parse_date(text: str | None) -> date | None:
    """`2025-03-31` or `31/03/2025`; a Spanish error otherwise."""
    if not text:
        return None
    for fmt in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise CliError(f"La fecha «{text}» no es válida: usa AAAA-MM-DD o DD/MM/AAAA.")


def _jsonable(value: Any) -> Any:
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json")
    if is_dataclass(value) and not isinstance(value, type):
        return _jsonable(asdict(value))
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    if isinstance(value, Decimal):
        return f"{value:.2f}"
    if isinstance(value, date):
        return value.isoformat()
    return value


def print_json(value: Any) -> None:
    """Machine-readable output: Decimal as a 2-decimal string, dates ISO."""
    typer.echo(json.dumps(_jsonable(value), ensure_ascii=False, indent=2))


CompanyNitOption = typer.Option(
    None, "--company-nit", help="NIT de la empresa; sin él, la empresa por defecto."
)
