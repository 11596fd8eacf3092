"""Pure validation of entry proposals (no database): properties over generated entries."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from ledger.errors import UnbalancedEntryError
from ledger.proposals import EntryProposal, ProposedLine

amounts = st.decimals(min_value=Decimal("0.01"), max_value=Decimal("9999999.99"), places=2)
codes = st.sampled_from(["110505", "111005", "413505", "240805", "519530"])


@st.composite
def proposals(draw: st.DrawFn) -> EntryProposal:
    sides = draw(st.lists(st.tuples(codes, amounts, st.booleans()), min_size=2, max_size=8))
    lines = [
        ProposedLine(code, debit=amount) if is_debit else ProposedLine(code, credit=amount)
        for code, amount, is_debit in sides
    ]
    return EntryProposal(date(2025, 1, 1), "Generado", tuple(lines))


@settings(max_examples=200)
@given(proposal=proposals())
def test_a_proposal_is_valid_exactly_when_it_balances(proposal: EntryProposal) -> None:
    balanced = proposal.total_debit == proposal.total_credit and proposal.total_debit > 0
    errors = proposal.errors()
    assert (errors == ()) == balanced
    if proposal.total_debit != proposal.total_credit:
        assert any(isinstance(error, UnbalancedEntryError) for error in errors)


@settings(max_examples=200)
@given(proposal=proposals())
def test_mirroring_keeps_totals_swapped(proposal: EntryProposal) -> None:
    mirror = EntryProposal(
        proposal.date, "Espejo", tuple(line.mirrored() for line in proposal.lines)
    )
    assert (mirror.total_debit, mirror.total_credit) == (
        proposal.total_credit,
        proposal.total_debit,
    )
    assert (mirror.errors() == ()) == (proposal.errors() == ())


def test_amounts_are_rounded_half_up_to_centavos() -> None:
    line = ProposedLine("110505", debit=Decimal("10.005"))
    assert line.debit == Decimal("10.01")
    assert ProposedLine("110505", credit="7").credit == Decimal("7.00")  # type: ignore[arg-type]
