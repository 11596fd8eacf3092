"""`cuadre eval retrieval FILE.jsonl`: recall@1/3/5 and MRR of the help search."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from cuadre.cli.eval import eval_app
from cuadre.settings import get_settings
from evals.retrieval import aggregate, evaluate, load_cases, load_thresholds


@eval_app.command("retrieval")
def eval_retrieval(
    file: Annotated[Path, typer.Argument(help="JSONL con id, question y relevant.")],
    k: Annotated[int, typer.Option("-k", help="Pasajes pedidos por pregunta.")] = 10,
    show_misses: Annotated[
        bool, typer.Option("--fallos", help="Lista lo que no quedó en el top 3.")
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Salida en JSON.")] = False,
    gate: Annotated[bool, typer.Option("--gate", help="Sale con error bajo los umbrales.")] = False,
) -> None:
    """Mide la búsqueda de ayuda contra preguntas etiquetadas."""
    from knowledge.index import get_retriever

    if not file.exists():
        raise typer.BadParameter(f"No encuentro «{file}».")
    retriever = get_retriever(get_settings())
    results = [
        evaluate(case, [p.citation for p in retriever.search(case.question, k=k)])
        for case in load_cases(file)
    ]
    metrics = aggregate(results)
    thresholds = load_thresholds()
    figures = {
        "n": metrics.n,
        "recall_at_1": round(metrics.recall_at[1], 4),
        "recall_at_3": round(metrics.recall_at[3], 4),
        "recall_at_5": round(metrics.recall_at[5], 4),
        "mrr": round(metrics.mrr, 4),
    }
    console = Console()
    if as_json:
        print(json.dumps(figures))
    else:
        table = Table(title=f"Recuperación · {file.name} · {metrics.n} preguntas")
        table.add_column("métrica")
        table.add_column("valor", justify="right")
        for name in ("recall_at_1", "recall_at_3", "recall_at_5", "mrr"):
            table.add_row(name.replace("_at_", "@"), f"{figures[name]:.3f}")
        console.print(table)
    if show_misses:
        for r in results:
            if r.rank is None or r.rank > 3:
                console.print(
                    f"[yellow]{r.case.id}[/yellow] {r.case.question!r} → rango {r.rank}; "
                    f"esperado {list(r.case.relevant)}; obtenido {list(r.returned[:3])}"
                )
    below = (
        metrics.recall_at[3] < thresholds["retrieval.recall_at_3"]
        or metrics.mrr < thresholds["retrieval.mrr"]
    )
    if gate and below:
        raise typer.Exit(code=1)
