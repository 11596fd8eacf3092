"""Writes evals/datasets/conversations.jsonl from the phrasing data in evals/datasets/sources.

    python -m evals.make_conversations          # write the dataset
    python -m evals.make_conversations --check  # fail if the file is out of date

Every phrasing in the sources was written the way people write to Cuadre (informal, no
accents, typos); the expected actions say what a correct assistant does, not what the
planner does. Adding a tool means adding a source file (or a section) and naming it in
`ORDER`. Rows keep their order: the `ci` flag of a row that sets none depends on it.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from evals.generator import entries, templates, threads
from evals.generator.sources import EntriesFile, SectionsFile, ThreadsFile, load
from evals.schema import ConversationTask

OUT = Path(__file__).parent / "datasets" / "conversations.jsonl"
# Source files in dataset order; the agent's threads close the original 200 tasks.
ORDER = (
    "lecturas",
    "asientos",
    "reglas",
    "sugerencias",
    "charla",
    "archivos",
    "seguimiento",
    "hilos_agente",
    "sincronizacion",
    "conciliacion",
    "facturacion",
    "bandeja",
    "nomina",
    "erratas",
    "sincronizacion_reciente",
)
# One task in CI_EVERY without an explicit `ci` runs in the CI gate.
CI_EVERY = 6


def _source_rows(name: str) -> Iterator[dict[str, Any]]:
    if name == "asientos":
        yield from entries.expand(load(name, EntriesFile))
    elif name == "hilos_agente":
        yield from threads.expand(load(name, ThreadsFile))
    else:
        for section in load(name, SectionsFile).sections:
            yield from templates.expand(section)


def rows(order: tuple[str, ...] = ORDER) -> list[dict[str, Any]]:
    """Every task row, validated against the dataset schema."""
    out: list[dict[str, Any]] = []
    counted = 0
    for name in order:
        for row in _source_rows(name):
            # Every row moves the count (an explicit flag wins), except the agent's
            # threads, which were appended with their own flags.
            if name != "hilos_agente":
                counted += 1
                row.setdefault("ci", counted % CI_EVERY == 0)
            ConversationTask.model_validate(row)
            out.append(row)
    seen: set[str] = set()
    for row in out:
        if row["id"] in seen:
            raise ValueError(f"id repetido: {row['id']}")
        seen.add(row["id"])
    return out


def render(data: list[dict[str, Any]]) -> str:
    """The JSONL text: one task per line, accents kept."""
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in data)


def main(argv: list[str] | None = None) -> int:
    text = render(rows())
    count = text.count("\n")
    if "--check" in (argv if argv is not None else sys.argv[1:]):
        if OUT.read_text(encoding="utf-8") != text:
            print(f"{OUT} no corresponde a las fuentes: corre python -m evals.make_conversations")
            return 1
        print(f"{count} tareas al día en {OUT}")
        return 0
    OUT.write_text(text, encoding="utf-8")
    print(f"{count} tareas en {OUT}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
