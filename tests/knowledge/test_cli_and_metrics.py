"""`cuadre knowledge ...` and `cuadre eval retrieval`, plus the pure metrics."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cuadre.cli.main import app
from cuadre.settings import Settings, get_settings
from evals.retrieval import RetrievalCase, aggregate, evaluate, first_relevant_rank, matches
from knowledge import index


def test_metrics_on_a_hand_checked_example() -> None:
    cases = [
        RetrievalCase("a", "q1", ("sync-dian#pagos-automaticos",)),
        RetrievalCase("b", "q2", ("nomina",)),
        RetrievalCase("c", "q3", ("contingencia#notas",)),
    ]
    results = [
        evaluate(cases[0], ["sync-dian#pagos-automaticos", "x"]),
        evaluate(cases[1], ["x", "y", "nomina#fechas"]),
        evaluate(cases[2], ["x", "y", "z", "w", "v", "contingencia#notas"]),
    ]
    m = aggregate(results)
    assert [r.rank for r in results] == [1, 3, 6]
    assert m.recall_at == {
        1: pytest.approx(1 / 3),
        3: pytest.approx(2 / 3),
        5: pytest.approx(2 / 3),
    }
    assert m.mrr == pytest.approx((1 + 1 / 3 + 1 / 6) / 3)
    assert matches("nomina#fechas", "nomina") and not matches("nomina", "nomina#fechas")
    assert first_relevant_rank([], ["nomina"]) is None


@pytest.fixture
def cli_env(built_settings: Settings, monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.setenv("CUADRE_DATA_DIR", str(built_settings.data_dir))
    get_settings.cache_clear()
    yield CliRunner()
    get_settings.cache_clear()


def test_search_add_and_eval_from_the_command_line(cli_env: CliRunner, tmp_path: Path) -> None:
    result = cli_env.invoke(
        app, ["knowledge", "search", "xq no se movio el inventario", "-k", "2", "--json"]
    )
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    assert len(rows) == 2 and {"citation", "snippet", "score"} <= set(rows[0])

    page = tmp_path / "caja.md"
    page.write_text(
        "# Caja menor\n\n## Reposición {#reposicion}\n\nLa caja menor se repone los viernes.",
        encoding="utf-8",
    )
    result = cli_env.invoke(app, ["knowledge", "add", str(page), "--company-id", "77"])
    assert result.exit_code == 0, result.output
    assert "1 secciones nuevas" in result.output
    result = cli_env.invoke(
        app,
        ["knowledge", "search", "cuando se repone la caja menor", "--company-id", "77", "--json"],
    )
    assert json.loads(result.output)[0]["citation"] == "caja#reposicion"

    dataset = tmp_path / "mini.jsonl"
    dataset.write_text(
        json.dumps(
            {
                "id": "1",
                "question": "cuanto dura el token de la dian",
                "relevant": ["sync-dian#enlace-de-acceso"],
            }
        )
        + "\n",
        encoding="utf-8",
    )
    result = cli_env.invoke(app, ["eval", "retrieval", str(dataset), "--json"])
    assert result.exit_code == 0, result.output
    figures = json.loads(result.output)
    assert figures["n"] == 1 and figures["recall_at_5"] == 1.0
    index.reset()
