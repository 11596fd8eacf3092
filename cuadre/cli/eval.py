"""`cuadre eval ...`: the evaluation commands. Each suite adds its command to `eval_app`
from its own module (`eval_retrieval.py`, `eval_questions.py`, `eval_suggestions.py`, ...).
"""

from __future__ import annotations

import typer

eval_app = typer.Typer(help="Mide el producto: recuperación, respuestas, sugerencias, agente.")
