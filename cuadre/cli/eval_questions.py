"""`cuadre eval questions FILE.jsonl`: each question through the agent, graded by `any_of`."""

from __future__ import annotations

import json
import time
import uuid
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from cuadre.cli.eval import eval_app
from cuadre.settings import get_settings
from evals.questions import accuracy, grade, load_questions
from tools.context import Principal


@eval_app.command("questions")
def eval_questions(
    file: Annotated[Path, typer.Argument(help="JSONL con id, question y any_of.")],
    limit: Annotated[int, typer.Option("--limit", help="Solo las primeras N preguntas.")] = 0,
    show_misses: Annotated[bool, typer.Option("--fallos", help="Muestra lo que faltó.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Salida en JSON.")] = False,
) -> None:
    """Pregunta cada caso al agente (sin empresa) y revisa que la respuesta diga lo esperado."""
    from agent.turn import Agent

    if not file.exists():
        raise typer.BadParameter(f"No encuentro «{file}».")
    cases = load_questions(file)[: limit or None]
    settings = get_settings()
    # Rule questions need no company: a principal without one, one fresh thread per case.
    principal = Principal(company_id=None, user_name="eval", channel="eval")
    results = []
    with Agent.open(settings) as agent:
        for case in cases:
            thread = f"{case.id}-{uuid.uuid4().hex[:8]}"
            started = time.perf_counter()
            reply = agent.run_turn(principal, thread, case.question).reply
            results.append(grade(case, reply, time.perf_counter() - started))
            agent.delete_thread(principal, thread)
    figures = {
        "n": len(results),
        "accuracy": round(accuracy(results), 4),
        "passed": sum(r.passed for r in results),
        "mean_seconds": round(sum(r.seconds for r in results) / max(1, len(results)), 3),
        "planner": type(agent.planner).__name__,
    }
    console = Console()
    if as_json:
        print(json.dumps(figures))
    else:
        table = Table(title=f"Respuestas · {file.name} · {len(results)} preguntas")
        table.add_column("métrica")
        table.add_column("valor", justify="right")
        table.add_row("exactitud", f"{figures['accuracy']:.3f}")
        table.add_row("correctas", str(figures["passed"]))
        table.add_row("segundos por pregunta", f"{figures['mean_seconds']:.2f}")
        console.print(table)
    if show_misses:
        for r in results:
            if not r.passed:
                wanted = " y ".join("/".join(group) for group in r.missing)
                console.print(f"[red]{r.case.id}[/red] {r.case.question} → falta: {wanted}")
