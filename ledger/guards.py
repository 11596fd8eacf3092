"""Session-level rules the code cannot forget: tenancy and immutable posted entries.

- A `TenantSession` carries `info["company_id"]`. Every ORM SELECT (including `get()`,
  lazy and eager relationship loads) and every ORM UPDATE/DELETE gets a
  `with_loader_criteria` filter on each company-owned class; flushing a row of another
  company, or a bulk INSERT naming one, is refused. The company itself and the users
  who belong to it (through UserCompany) are filtered the same way.
- In every session, posted journal entries and lines are never updated or deleted. The
  one permitted change is linking an entry to its reversal (`reversed_by_id`, once).
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from typing import Any

from sqlalchemy import event, inspect
from sqlalchemy.orm import ORMExecuteState, with_loader_criteria
from sqlalchemy.orm import Session as OrmSession
from sqlmodel import Session, col, select

from ledger.errors import ForeignCompanyError, ImmutableEntryError
from ledger.models import COMPANY_OWNED, Company, JournalEntry, JournalLine, User, UserCompany

_IMMUTABLE = (JournalEntry, JournalLine)
_IMMUTABLE_TABLES = frozenset(cls.__tablename__ for cls in _IMMUTABLE)


class TenantSession(Session):
    """A session that only sees and writes the rows of one company."""

    @property
    def company_id(self) -> int:
        """The company this session is scoped to."""
        return int(self.info["company_id"])


@lru_cache(maxsize=4096)
def _scope_criteria(company_id: int) -> tuple[Any, ...]:
    # Built once per company: constructing ~16 options costs about 1 ms per statement.
    options: list[Any] = [
        with_loader_criteria(cls, lambda c: c.company_id == company_id, include_aliases=True)
        for cls in COMPANY_OWNED
    ]
    options.append(
        with_loader_criteria(Company, lambda c: c.id == company_id, include_aliases=True)
    )
    # Users are global (one person, several companies): a company sees its own members.
    options.append(
        with_loader_criteria(
            User,
            lambda u: u.id.in_(
                select(col(UserCompany.user_id)).where(UserCompany.company_id == company_id)
            ),
            include_aliases=True,
        )
    )
    return tuple(options)


@event.listens_for(TenantSession, "do_orm_execute")
def _scope_statements(state: ORMExecuteState) -> None:
    company_id = state.session.info["company_id"]
    if state.is_select or state.is_update or state.is_delete:
        state.statement = state.statement.options(*_scope_criteria(company_id))
    elif state.is_insert:
        _refuse_foreign_bulk_insert(state, company_id)


def _refuse_foreign_bulk_insert(state: ORMExecuteState, company_id: int) -> None:
    params = state.parameters
    rows: Iterable[Any] = params if isinstance(params, list) else [params or {}]
    for row in rows:
        if not row or row.get("company_id", company_id) != company_id:
            raise ForeignCompanyError(
                "No se pueden insertar filas de otra empresa desde esta sesión."
            )


@event.listens_for(TenantSession, "before_flush")
def _refuse_foreign_writes(session: OrmSession, _ctx: Any, _instances: Any) -> None:
    company_id = session.info["company_id"]
    for obj in (*session.new, *session.dirty, *session.deleted):
        if isinstance(obj, Company):
            foreign = obj.id != company_id
        else:
            foreign = getattr(obj, "company_id", company_id) != company_id
        if foreign:
            raise ForeignCompanyError(
                f"La sesión es de la empresa {company_id}; no puede escribir "
                f"{type(obj).__name__} de otra empresa."
            )


@event.listens_for(OrmSession, "before_flush")
def _refuse_changes_to_posted_entries(session: OrmSession, _ctx: Any, _instances: Any) -> None:
    for obj in session.deleted:
        if isinstance(obj, _IMMUTABLE):
            raise ImmutableEntryError(
                "Los asientos contabilizados no se borran; se reversan con un asiento espejo."
            )
    for obj in session.dirty:
        if isinstance(obj, _IMMUTABLE) and session.is_modified(obj):
            _check_permitted_change(obj)


def _check_permitted_change(obj: JournalEntry | JournalLine) -> None:
    state = inspect(obj)
    changed = {attr.key for attr in state.attrs if attr.history.has_changes()}
    changed -= {"lines", "entry", "account", "contact", "cost_center"}  # relationships only
    if isinstance(obj, JournalEntry) and changed == {"reversed_by_id"}:
        before = state.attrs.reversed_by_id.history.deleted
        if not before or before == [None]:
            return
    if changed:
        raise ImmutableEntryError(
            "Los asientos contabilizados no se modifican; se reversan con un asiento espejo."
        )


@event.listens_for(OrmSession, "do_orm_execute")
def _refuse_bulk_changes_to_posted_entries(state: ORMExecuteState) -> None:
    if not (state.is_update or state.is_delete):
        return
    tables = {getattr(m.class_, "__tablename__", "") for m in state.all_mappers}
    if tables & _IMMUTABLE_TABLES:
        raise ImmutableEntryError(
            "Los asientos contabilizados no se modifican ni se borran; se reversan."
        )
