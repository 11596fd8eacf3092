"""`cuadre ask`, `cuadre chat` and `cuadre eval questions` on a temporary data directory."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cuadre.cli.main import app
from cuadre.settings import get_settings

runner = CliRunner()


@pytest.fixture(autouse=True)
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.setenv("CUADRE_DATA_DIR", str(tmp_path))
    for name in ("CUADRE_DATABASE_URL", "CUADRE_OPENAI_BASE_URL", "CUADRE_OPENAI_API_KEY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    monkeypatch.delenv("OPENAI_BASE_URL", raising=False)
    get_settings.cache_clear()
    yield tmp_path
    get_settings.cache_clear()


def test_ask_reports_on_the_default_company_and_keeps_the_thread() -> None:
    assert runner.invoke(app, ["demo"]).exit_code == 0
    result = runner.invoke(app, ["ask", "--json", "oye como quedo el balance de enero de 2025"])
    assert result.exit_code == 0, result.output
    turn = json.loads(result.stdout)
    assert turn["actions"][0]["tool"] == "trial_balance"
    assert turn["actions"][0]["args"] == {"start": "2025-01-01", "end": "2025-01-31"}
    assert "cuadra" in turn["reply"] and turn["pending_confirmation"] is None
    again = runner.invoke(app, ["ask", "--json", "--thread", "t1", "resumen de las cuentas"])
    assert json.loads(again.stdout)["thread_id"].endswith(":cli:t1")


def test_chat_answers_until_salir() -> None:
    assert runner.invoke(app, ["demo"]).exit_code == 0
    result = runner.invoke(
        app, ["chat"], input="movimientos de la cuenta 111005 en enero de 2025\nsalir\n"
    )
    assert result.exit_code == 0, result.output
    assert "Aporte de capital de los socios" in result.stdout


def test_rule_questions_need_no_company_and_are_graded(data_dir: Path) -> None:
    result = runner.invoke(app, ["ask", "cuanto dura el link de la dian?"])
    assert result.exit_code == 0, result.output
    assert "hora" in result.stdout and "Fuente:" in result.stdout
    questions = data_dir / "questions.jsonl"
    questions.write_text(
        '{"id": "q1", "question": "el link de la dian se vence?", "any_of": [["hora"]]}\n'
        '{"id": "q2", "question": "xyzzy plugh", "any_of": [["contingencia 04"]]}\n',
        encoding="utf-8",
    )
    graded = runner.invoke(app, ["eval", "questions", str(questions), "--json"])
    assert graded.exit_code == 0, graded.output
    figures = json.loads(graded.stdout.strip().splitlines()[-1])
    assert figures["n"] == 2 and figures["passed"] == 1


def test_eval_conversations_runs_on_the_demo_books(data_dir: Path) -> None:
    conversations = data_dir / "conversations.jsonl"
    conversations.write_text(
        '{"id": "c1", "today": "2025-02-15", "turns": ['
        '{"user": "balance de enero", "expect": {"tool": "trial_balance", '
        '"args": {"start": "2025-01-01", "end": "2025-01-31"}}}, '
        '{"user": "y por clases", "expect": {"tool": "trial_balance", "args": {"level": 2}}}]}\n',
        encoding="utf-8",
    )
    result = runner.invoke(app, ["eval", "conversations", str(conversations), "--json"])
    assert result.exit_code == 0, result.output
    figures = json.loads(result.stdout.strip().splitlines()[-1])
    assert figures["turns"] == 2 and figures["turn_accuracy"] == 0.5
