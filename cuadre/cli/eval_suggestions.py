"""`cuadre eval suggestions FILE.jsonl`: top-1 accuracy of the suggester, cold."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from cuadre.cli.eval import eval_app
from evals.suggestions import activities, evaluate, load_cases


@eval_app.command("suggestions", help="Precisión top-1 de las sugerencias de cuentas (en frío).")
def eval_suggestions(
    file: Annotated[Path, typer.Argument(exists=True, dir_okay=False, help="Casos JSONL.")],
    as_json: Annotated[bool, typer.Option("--json", help="Resultados por línea en JSON.")] = False,
) -> None:
    """Run every labelled line cold and print accuracy, misses and latency."""
    cases = load_cases(file)
    report = evaluate(cases)
    if as_json:
        typer.echo(json.dumps([r.as_json() for r in report.results], ensure_ascii=False, indent=2))
        return
    console = Console()
    hits = len(report.results) - len(report.misses)
    console.print(
        f"[bold]Sugerencias[/bold]: {len(report.results)} líneas, "
        f"{len(activities(cases))} actividades económicas"
    )
    console.print(f"Precisión top-1: {report.accuracy:.1%} ({hits}/{len(report.results)})")
    console.print(
        f"Seguras (≥ 0,8): {report.confident_share:.1%} de las líneas, "
        f"acertadas {report.confident_accuracy:.1%}"
    )
    console.print(
        f"Latencia por línea: p50 {report.latency_ms(0.5):.2f} ms, "
        f"p95 {report.latency_ms(0.95):.2f} ms, media {report.mean_ms:.2f} ms"
    )
    if report.misses:
        table = Table(title="Fallos")
        for column in ("id", "CIIU", "descripción", "sugerida", "aceptadas", "razón"):
            table.add_column(column)
        for miss in report.misses:
            table.add_row(
                miss.case.id,
                miss.case.company_ciiu,
                miss.case.description,
                f"{miss.top.account_code} ({miss.top.confidence:.2f})",
                ", ".join(miss.case.accept),
                miss.top.reason_es,
            )
        console.print(table)
