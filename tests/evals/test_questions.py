"""Answer grading is pure: one alternative of every group, accents and case ignored."""

from __future__ import annotations

from pathlib import Path

from evals.questions import QuestionCase, accuracy, grade, load_questions

CASE = QuestionCase(
    "q1", "¿cuánto dura el enlace?", (("una hora", "60 minutos"), ("nuevo", "otro"))
)


def test_every_group_needs_one_alternative() -> None:
    assert grade(CASE, "El enlace vence a la hora: después de 60 MINUTOS pide uno NUEVO.").passed
    missed = grade(CASE, "Dura 60 minutos.")
    assert not missed.passed and missed.missing == (("nuevo", "otro"),)
    assert grade(CASE, "Vence en una hora; pide otro.").passed
    assert accuracy([grade(CASE, "una hora, otro"), missed]) == 0.5


def test_accents_and_spacing_do_not_matter(tmp_path: Path) -> None:
    path = tmp_path / "q.jsonl"
    path.write_text(
        '{"id": "a", "question": "q", "any_of": [["Ingrese aquí"]]}\n\n', encoding="utf-8"
    )
    (case,) = load_questions(path)
    assert grade(case, "haz clic en «INGRESE   AQUI»").passed
