"""Engines and sessions: SQLite (WAL, foreign keys) by default, PostgreSQL by URL.

`company_session` is how the product reads and writes the books: it is scoped to one
company by `ledger.guards`. `admin_session` is unscoped, for creating and listing
companies only.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event
from sqlmodel import Session

from ledger.guards import TenantSession

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def make_engine(url: str, **kwargs: Any) -> Engine:
    """An engine for `url`; SQLite files get WAL, foreign keys and real transactions.

    A bare `postgresql://` (or `postgres://`) URL uses psycopg 3, the driver installed.
    """
    if url.startswith(("postgresql://", "postgres://")):
        url = "postgresql+psycopg://" + url.split("://", 1)[1]
    if not url.startswith("sqlite"):
        return create_engine(url, pool_pre_ping=True, **kwargs)
    database = url.split("///", 1)[-1] if "///" in url else ""
    if database and database != ":memory:":
        Path(database).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, connect_args={"timeout": 30}, **kwargs)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # pysqlite's own transaction handling breaks SAVEPOINT; SQLAlchemy emits BEGIN.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA journal_mode=WAL")
        # WAL + NORMAL: commits survive a crash of the process; only a power loss can
        # drop the last transactions. FULL would fsync every posting (several ms each).
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        connection.exec_driver_sql("BEGIN")

    return engine


def alembic_config(engine: Engine) -> Config:
    """An Alembic configuration bound to `engine` (no alembic.ini needed)."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("sqlalchemy.url", engine.url.render_as_string(hide_password=False))
    config.attributes["engine"] = engine
    return config


def init_db(engine: Engine) -> None:
    """Bring the schema to the latest migration (`alembic upgrade head`)."""
    command.upgrade(alembic_config(engine), "head")


def company_session(engine: Engine, company_id: int) -> Session:
    """A session that reads and writes only the rows of `company_id`."""
    return TenantSession(engine, info={"company_id": company_id}, expire_on_commit=False)


def admin_session(engine: Engine) -> Session:
    """An unscoped session: company creation and listing, never the books of one company."""
    return Session(engine, expire_on_commit=False)
