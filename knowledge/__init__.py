"""Help documentation and retrieval with citations.

Public API:
    search(query, k=5, company_id=None) -> list[Passage]
    explain_rule(topic) -> RuleExplanation
    RULES: rule key -> "doc_id#anchor"
    index.rebuild(), index.add_company_pages(path, company_id)

Imports nothing of the project except `cuadre.settings`.
"""

from __future__ import annotations

from knowledge.index import search
from knowledge.rules import RULES, explain_rule
from knowledge.types import Passage, RuleExplanation

__all__ = ["RULES", "Passage", "RuleExplanation", "explain_rule", "search"]
