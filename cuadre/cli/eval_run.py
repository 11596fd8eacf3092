"""`cuadre eval run`: every suite (or the datasets given) with one report."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from cuadre.cli.eval import eval_app

THRESHOLDS = Path(__file__).parents[2] / "evals" / "thresholds.json"


@eval_app.command("run")
def eval_run(
    dataset: Annotated[
        list[Path] | None, typer.Option("--dataset", help="JSONL a evaluar (repetible).")
    ] = None,
    planner: Annotated[str, typer.Option("--planner", help="embedded o llm.")] = "embedded",
    trials: Annotated[int, typer.Option("--trials", min=1, help="Intentos por tarea.")] = 1,
    out: Annotated[Path, typer.Option("--out", help="Carpeta del informe.")] = Path(
        "evals/results"
    ),
    ci_only: Annotated[bool, typer.Option("--ci", help="Solo las tareas marcadas ci.")] = False,
    gate: Annotated[bool, typer.Option("--gate", help="Sale con error bajo los umbrales.")] = False,
) -> None:
    """Corre las evaluaciones, escribe report.json y report.md, y resume en una línea."""
    from evals.report import summary_line, write_reports
    from evals.schema import DatasetError
    from evals.suites import DEFAULT_DATASETS, below_thresholds, run_all

    if planner not in ("embedded", "llm"):
        raise typer.BadParameter("--planner es embedded o llm.")
    paths = list(dataset or DEFAULT_DATASETS)
    for path in paths:
        if not path.exists():
            raise typer.BadParameter(f"No encuentro «{path}».")
    try:
        figures = run_all(paths, planner, trials, ci_only)  # type: ignore[arg-type]
    except (DatasetError, ValueError) as error:
        typer.echo(str(error), err=True)
        raise typer.Exit(2) from None
    write_reports(figures, out)
    typer.echo(summary_line(figures))
    if gate:
        thresholds = json.loads(THRESHOLDS.read_text(encoding="utf-8"))
        misses = below_thresholds(figures, thresholds, planner)  # type: ignore[arg-type]
        for miss in misses:
            typer.echo(f"bajo el umbral: {miss}", err=True)
        if misses:
            raise typer.Exit(1)
