"""`knowledge` imports nothing of the project except `cuadre.settings`."""

from __future__ import annotations

import ast
from pathlib import Path

import knowledge

OURS = ("cuadre", "ledger", "tools", "agent", "api", "evals")


def test_knowledge_imports_only_settings_from_the_project() -> None:
    offending = []
    for path in Path(knowledge.__file__).parent.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            for name in names:
                if name.split(".")[0] in OURS and name != "cuadre.settings":
                    offending.append(f"{path.name}: {name}")
    assert not offending
