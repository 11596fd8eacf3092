"""Query shaping for BM25: a question's frame out, the help's words for informal ones in."""

from __future__ import annotations

import pytest

from knowledge.synonyms import expand_query, without_frame
from knowledge.textnorm import tokens


@pytest.mark.parametrize(
    ("question", "topic"),
    [
        ("explicame la regla de los pagos automaticos", "los pagos automaticos"),
        ("¿Cuál es la regla de las 48 horas?", "las 48 horas?"),
        ("que dice la norma sobre el IVA descontable", "el IVA descontable"),
        ("la regla del AttachedDocument", "AttachedDocument"),
        # No frame, or nothing after it: the question stays whole.
        (
            "hay que configurar reglas para que aprenda?",
            "hay que configurar reglas para que aprenda?",
        ),
        ("explicame las reglas", "explicame las reglas"),
    ],
)
def test_the_frame_of_a_rule_question_is_not_its_topic(question: str, topic: str) -> None:
    assert without_frame(question) == topic


def test_an_irregular_verb_reaches_the_help_words() -> None:
    terms = set(tokens(expand_query("como traigo mis facturas")))
    assert set(tokens("traer importar")) <= terms
    assert "regl" not in set(tokens(expand_query("explicame la regla de los pagos")))
