"""Property tests: whatever valid postings and reversals happen, in whatever companies,
every company's books square and stay its own; invalid postings change nothing."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import Engine
from sqlmodel import select

from ledger.db import company_session
from ledger.errors import LedgerError
from ledger.models import JournalEntry, JournalLine
from ledger.posting import EntryProposal, ProposedLine, post_entry, reverse_entry
from ledger.reports import trial_balance, trial_balance_totals
from tests.utils.companies import new_company
from tests.utils.snapshot import fingerprint

LEAVES = ("110505", "111005", "130505", "143505", "220505", "240805", "413505", "519530")
NON_LEAVES = ("1105", "11", "2408", "5195")
ZERO = Decimal("0.00")

amounts = st.decimals(min_value=Decimal("0.01"), max_value=Decimal("99999999.99"), places=2)
days = st.integers(min_value=0, max_value=364).map(lambda n: date(2025, 1, 1) + timedelta(n))


@st.composite
def balanced_entries(draw: st.DrawFn) -> EntryProposal:
    """A balanced entry: some debits, and credits splitting the same total."""
    debits = draw(st.lists(st.tuples(st.sampled_from(LEAVES), amounts), min_size=1, max_size=3))
    total = sum((amount for _, amount in debits), ZERO)
    credit_accounts = draw(st.lists(st.sampled_from(LEAVES), min_size=1, max_size=3))
    share = (total / len(credit_accounts)).quantize(Decimal("0.01"))
    credits = [share] * (len(credit_accounts) - 1)
    credits.append(total - sum(credits, ZERO))
    lines = [ProposedLine(code, debit=amount) for code, amount in debits]
    lines += [
        ProposedLine(code, credit=amount)
        for code, amount in zip(credit_accounts, credits, strict=True)
        if amount > 0
    ]
    return EntryProposal(date=draw(days), description="Asiento generado", lines=tuple(lines))


# An operation: (company index, entry to post) or (company index, reverse the k-th entry).
operations = st.lists(
    st.one_of(
        st.tuples(st.just("post"), st.integers(0, 2), balanced_entries()),
        st.tuples(st.just("reverse"), st.integers(0, 2), st.integers(0, 20)),
    ),
    min_size=1,
    max_size=12,
)

SETTINGS = settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@SETTINGS
@given(ops=operations)
def test_books_square_per_company_and_never_mix(engine: Engine, ops: list[tuple]) -> None:
    companies = [new_company(engine) for _ in range(3)]
    posted: dict[int, list[int]] = {company: [] for company in companies}
    expected_lines: dict[int, int] = {company: 0 for company in companies}
    for kind, index, payload in ops:
        company = companies[index]
        with company_session(engine, company) as session:
            if kind == "post":
                entry = post_entry(session, payload, actor="hypothesis")
                assert entry.id is not None
                posted[company].append(entry.id)
                expected_lines[company] += len(payload.lines)
            elif posted[company]:
                target = posted[company][payload % len(posted[company])]
                original = session.get(JournalEntry, target)
                assert original is not None
                if original.reversed_by_id is None and original.reverses_id is None:
                    reversal = reverse_entry(
                        session, target, on=date(2025, 12, 31), reason="prueba", actor="h"
                    )
                    assert reversal.id is not None
                    expected_lines[company] += len(original.lines)
    for company in companies:
        with company_session(engine, company) as session:
            for level in (1, 2, 4, 6):
                totals = trial_balance_totals(trial_balance(session, level=level))
                assert totals.debit == totals.credit
                assert totals.closing == ZERO
            lines = session.exec(select(JournalLine)).all()
            assert len(lines) == expected_lines[company]
            assert {line.company_id for line in lines} <= {company}
            assert all(line.account and line.account.company_id == company for line in lines)


@st.composite
def invalid_entries(draw: st.DrawFn) -> EntryProposal:
    """An entry that breaks exactly one posting rule."""
    good = draw(balanced_entries())
    flaw = draw(st.sampled_from(["unbalanced", "non_leaf", "unknown", "empty", "negative"]))
    lines = list(good.lines)
    if flaw == "unbalanced":
        first = lines[0]
        lines[0] = ProposedLine(first.account_code, debit=first.debit + Decimal("0.01"))
    elif flaw == "non_leaf":
        lines[0] = ProposedLine(draw(st.sampled_from(NON_LEAVES)), debit=lines[0].debit)
    elif flaw == "unknown":
        lines[0] = ProposedLine("99999999", debit=lines[0].debit)
    elif flaw == "empty":
        lines = []
    else:
        lines.append(ProposedLine("110505", debit=Decimal("-5.00")))
        lines.append(ProposedLine("110505", credit=Decimal("-5.00")))
    return EntryProposal(date=good.date, description="Asiento inválido", lines=tuple(lines))


@pytest.fixture(scope="module")
def busy_company(engine: Engine) -> int:
    company = new_company(engine)
    with company_session(engine, company) as session:
        post_entry(
            session,
            EntryProposal(
                date(2025, 1, 2),
                "Saldo inicial",
                (
                    ProposedLine("111005", debit=Decimal(10)),
                    ProposedLine("311505", credit=Decimal(10)),
                ),
            ),
            actor="h",
        )
    return company


@SETTINGS
@given(proposal=invalid_entries())
def test_invalid_postings_leave_the_database_unchanged(
    engine: Engine, busy_company: int, proposal: EntryProposal
) -> None:
    before = fingerprint(engine)
    with company_session(engine, busy_company) as session, pytest.raises(LedgerError):
        post_entry(session, proposal, actor="hypothesis")
    assert fingerprint(engine) == before
