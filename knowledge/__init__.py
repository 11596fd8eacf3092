"""Help documentation and retrieval with citations.

Public API:
    search(query, k=5, company_id=None) -> list[Passage]
    explain_rule(topic) -> RuleExplanation
    RULES: rule key -> "doc_id#anchor"
    index.rebuild(), index.add_company_pages(path, company_id)

Imports nothing of the project except `cuadre.settings`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from knowledge.rules import RULES, explain_rule
from knowledge.types import Passage, RuleExplanation

if TYPE_CHECKING:
    from cuadre.settings import Settings


def search(
    query: str,
    k: int = 5,
    company_id: int | str | None = None,
    settings: Settings | None = None,
) -> list[Passage]:
    """The `k` best help sections for `query`: product pages plus this company's pages.

    Chroma and the encoder load on the first call, not on import.
    """
    from knowledge.index import search as index_search

    return index_search(query, k=k, company_id=company_id, settings=settings)


__all__ = ["RULES", "Passage", "RuleExplanation", "explain_rule", "search"]
