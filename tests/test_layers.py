"""Imports point down only (DESIGN.md): each layer imports only the layers it may.

`cuadre` (settings, sealing, CLI, jobs) is the shared configuration and the entry
points: any layer may read its settings and sealing; the rest of it sits on top.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
LAYERS = ("ledger", "knowledge", "tools", "agent", "api", "evals", "cuadre")
ALLOWED = {
    "ledger": {"ledger"},
    "knowledge": {"knowledge"},
    "tools": {"tools", "ledger", "knowledge"},
    "agent": {"agent", "tools", "knowledge"},
    # DESIGN.md says `agent` and `tools`; the API also opens ledger sessions for its own
    # tables (users, tokens, idempotency keys, webhook dedup) and REST reads, serves the
    # help pages, and queues jobs (`cuadre.jobs`). Writes to the books go through tools.
    "api": {"api", "agent", "tools", "ledger", "knowledge", "cuadre"},
}
SHARED = {"cuadre.settings", "cuadre.sealing"}  # configuration every layer may read


def imported_layers(path: Path) -> set[str]:
    """Top-level project modules `path` imports (at any depth of the file)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        names = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module]
        for name in names:
            if name.split(".")[0] in LAYERS and not any(
                name == shared or name.startswith(shared + ".") for shared in SHARED
            ):
                found.add(name.split(".")[0])
    return found


@pytest.mark.parametrize("layer", sorted(ALLOWED))
def test_a_layer_imports_only_the_layers_below_it(layer: str) -> None:
    wrong = {
        str(path.relative_to(ROOT)): sorted(imported_layers(path) - ALLOWED[layer])
        for path in sorted((ROOT / layer).rglob("*.py"))
        if imported_layers(path) - ALLOWED[layer]
    }
    assert not wrong, wrong
