"""Reciprocal rank fusion on small hand-made rankings."""

from __future__ import annotations

import pytest

from knowledge.fusion import reciprocal_rank_fusion


def test_item_ranked_well_by_both_lists_wins() -> None:
    fused = reciprocal_rank_fusion([["a", "b", "c"], ["b", "d", "a"]], k=60)
    assert [item for item, _ in fused] == ["b", "a", "d", "c"]
    assert fused[0][1] == pytest.approx(1 / 62 + 1 / 61)


def test_weights_and_small_k_let_the_stronger_list_lead() -> None:
    fused = reciprocal_rank_fusion([["x", "y"], ["y", "x"]], k=10, weights=[1.0, 0.5])
    assert [item for item, _ in fused] == ["x", "y"]


def test_ties_keep_first_seen_order_and_empty_lists_are_fine() -> None:
    assert [i for i, _ in reciprocal_rank_fusion([["p"], ["q"], []])] == ["p", "q"]
    assert reciprocal_rank_fusion([]) == []
    with pytest.raises(ValueError):
        reciprocal_rank_fusion([["a"]], weights=[1.0, 2.0])
