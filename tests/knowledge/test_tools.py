"""The READ tools the agent calls: search_help and explain_rule."""

from __future__ import annotations

import pytest
from sqlalchemy import create_engine

from cuadre.settings import Settings
from knowledge.retriever import Retriever
from tools.context import Principal, ToolContext
from tools.errors import ToolError
from tools.registry import ToolKind, get_tool, run_tool


@pytest.fixture
def ctx(built_settings: Settings, retriever: Retriever) -> ToolContext:
    return ToolContext(
        principal=Principal(company_id=None),
        engine=create_engine("sqlite://"),
        settings=built_settings,
    )


def test_both_tools_are_registered_as_read_with_spanish_docs() -> None:
    for name in ("search_help", "explain_rule"):
        spec = get_tool(name)
        assert spec.kind is ToolKind.READ
        assert len(spec.examples) >= 5
        assert "cita" in spec.description


def test_search_help_returns_cited_passages(ctx: ToolContext) -> None:
    out = run_tool(ctx, "search_help", {"query": "cuanto dura el link q manda la dian", "k": 3})
    citations = [p.citation for p in out.passages]  # type: ignore[attr-defined]
    assert "sync-dian#enlace-de-acceso" in citations
    assert len(citations) == 3


def test_explain_rule_by_key_by_citation_and_by_words(ctx: ToolContext) -> None:
    by_key = run_tool(ctx, "explain_rule", {"topic": "sync.automatic_payments"})
    assert by_key.citation == "sync-dian#pagos-automaticos"  # type: ignore[attr-defined]
    assert "Banco 1" in by_key.text  # type: ignore[attr-defined]
    by_citation = run_tool(ctx, "explain_rule", {"topic": "contingencia#notas"})
    assert "contingencia" in by_citation.text  # type: ignore[attr-defined]
    by_words = run_tool(ctx, "explain_rule", {"topic": "plazo para transmitir la contingencia"})
    assert by_words.citation == "contingencia#plazo-48-horas"  # type: ignore[attr-defined]


def test_explain_rule_without_a_match_is_a_spanish_tool_error(ctx: ToolContext) -> None:
    with pytest.raises(ToolError) as caught:
        run_tool(ctx, "explain_rule", {"topic": "zzqx wvvq"})
    assert caught.value.code == "regla_desconocida"
    with pytest.raises(ToolError) as caught:
        run_tool(ctx, "search_help", {"query": ""})
    assert caught.value.code == "argumentos_invalidos"
