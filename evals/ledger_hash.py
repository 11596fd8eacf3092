"""A canonical hash of a ledger's end state (after tau2-bench's database hash).

Two ledgers reached by different paths hash the same when they hold the same entries,
lines, documents and payments: surrogate ids, timestamps, actors and batch ids are left
out, and every foreign key is replaced by the natural key of the row it points to
(account code, entry number, document kind and number, contact NIT, company NIT).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from sqlalchemy import Engine, MetaData, Table, select

# The tables whose rows are the books; in dependency order.
TABLES = ("journal_entry", "journal_line", "document", "document_line", "document_tax", "payment")
# State the chat tools change besides the books, compared on the columns that do not
# depend on the clock (a CUFE, a signature or a send time differ between two runs).
STATE_COLUMNS: dict[str, tuple[str, ...]] = {
    "sync_job": ("state", "batch_id", "undone", "kinds"),
    "e_document": ("kind", "status", "number", "in_contingency"),
    "einvoice_profile": ("contingency_active",),
    "inbox_entry": ("cufe", "number", "status", "lines"),
    "expense_agent_state": ("active", "only_recent"),
    "payroll_run": ("period_key",),
}
# What a row is called when another row points at it.
NATURAL_KEYS: dict[str, tuple[str, ...]] = {
    "company": ("nit",),
    "account": ("company_id", "code"),
    "contact": ("company_id", "id_number", "name"),
    "item": ("company_id", "code", "name"),
    "cost_center": ("company_id", "code"),
    "bank_account": ("company_id", "name"),
    "journal_entry": ("company_id", "number"),
    "document": ("company_id", "kind", "side", "number"),
}
IGNORED = {"id", "created_at", "updated_at", "created_by", "batch_id", "posted_at"}
# Per table, columns that depend on the clock: an invoice issued twice gets another CUFE.
IGNORED_IN = {"document": {"cufe"}}

State = dict[str, list[dict[str, Any]]]


def _plain(value: Any) -> Any:
    if isinstance(value, Decimal):
        return format(value.normalize(), "f") if value == value.to_integral() else str(value)
    if isinstance(value, float):
        return _plain(Decimal(str(value)))
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


# Keys inside JSON columns that record when a person acted (a correction's time).
CLOCK_KEYS = {"corrected_at"}


def _unclocked(value: Any) -> Any:
    """A JSON text column without its clock-bound keys; any other value as it is."""
    if not isinstance(value, str) or not value.startswith(("[", "{")):
        return value
    try:
        data = json.loads(value)
    except json.JSONDecodeError:
        return value

    def strip(node: Any) -> Any:
        if isinstance(node, dict):
            return {k: strip(v) for k, v in node.items() if k not in CLOCK_KEYS}
        if isinstance(node, list):
            return [strip(item) for item in node]
        return node

    return json.dumps(strip(data), sort_keys=True, ensure_ascii=False)


def snapshot(engine: Engine) -> State:
    """Every book row as a sorted list of normalised dicts per table."""
    meta = MetaData()
    wanted = set(TABLES) | set(NATURAL_KEYS) | set(STATE_COLUMNS)
    meta.reflect(engine, only=lambda name, _: name in wanted)
    with engine.connect() as connection:
        raw = {
            name: [dict(row._mapping) for row in connection.execute(select(table))]
            for name, table in meta.tables.items()
        }
    by_id = {name: {row["id"]: row for row in rows} for name, rows in raw.items()}
    names: dict[tuple[str, Any], Any] = {}

    def natural(table: str, row_id: Any) -> Any:
        if row_id is None:
            return None
        key = (table, row_id)
        if key not in names:
            row = by_id.get(table, {}).get(row_id)
            if row is None:
                names[key] = f"?{table}"
            else:
                names[key] = [
                    _resolve(meta.tables[table], column, row[column])
                    for column in NATURAL_KEYS[table]
                ]
        return names[key]

    def _resolve(table: Table, column: str, value: Any) -> Any:
        for fk in table.c[column].foreign_keys:
            target = fk.column.table.name
            if target in NATURAL_KEYS:
                return natural(target, value)
        return _plain(value)

    state: State = {}
    for name in TABLES:
        if name not in meta.tables:
            continue
        table = meta.tables[name]
        rows = [
            {
                column: _resolve(table, column, value)
                for column, value in row.items()
                if column not in IGNORED and column not in IGNORED_IN.get(name, ())
            }
            for row in raw.get(name, [])
        ]
        state[name] = sorted(rows, key=lambda r: json.dumps(r, sort_keys=True, default=str))
    for name, columns in STATE_COLUMNS.items():
        if name in meta.tables:
            rows = [{c: _unclocked(_plain(row[c])) for c in columns} for row in raw.get(name, [])]
            state[name] = sorted(rows, key=lambda r: json.dumps(r, sort_keys=True, default=str))
    return state


def state_hash(state: Mapping[str, list[dict[str, Any]]]) -> str:
    """SHA-256 of the canonical JSON of a snapshot."""
    text = json.dumps(state, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def ledger_hash(engine: Engine) -> str:
    """The canonical hash of the ledger behind `engine`."""
    return state_hash(snapshot(engine))


def state_diff(expected: State, got: State, limit: int = 3) -> list[str]:
    """A few human-readable differences between two snapshots (for failure reports)."""
    found: list[str] = []
    for table in sorted(set(expected) | set(got)):
        want = [json.dumps(r, sort_keys=True, default=str) for r in expected.get(table, [])]
        have = [json.dumps(r, sort_keys=True, default=str) for r in got.get(table, [])]
        missing = [r for r in want if r not in have]
        extra = [r for r in have if r not in want]
        if missing or extra:
            found.append(f"{table}: faltan {len(missing)}, sobran {len(extra)}")
            found.extend(f"  - {r[:200]}" for r in missing[:limit])
            found.extend(f"  + {r[:200]}" for r in extra[:limit])
    return found
