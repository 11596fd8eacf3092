"""Posting rules: each refusal is typed, in Spanish, and leaves the books untouched."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import Engine
from sqlmodel import select

from ledger.chart import add_account
from ledger.db import admin_session, company_session
from ledger.errors import (
    AccountNotPostableError,
    ClosedPeriodError,
    EmptyEntryError,
    ForeignCompanyError,
    InvalidLineError,
    LedgerError,
    UnbalancedEntryError,
)
from ledger.models import Account, AuditEvent, Contact, CostCenter, JournalEntry
from ledger.posting import EntryProposal, ProposedLine, close_books, post_entry
from tests.utils.companies import new_company
from tests.utils.journal import parse_journal, post_journal
from tests.utils.snapshot import fingerprint

CAPITAL = """
2025-01-15 Aporte de capital
  111005  1000000.00
  311505           1000000.00
"""


def test_a_balanced_entry_is_posted_with_its_audit_event(engine: Engine) -> None:
    company_id = new_company(engine)
    with company_session(engine, company_id) as session:
        (entry,) = post_journal(session, CAPITAL)
        assert entry.number == 1
        assert [(line.debit, line.credit) for line in entry.lines] == [
            (Decimal("1000000.00"), Decimal("0.00")),
            (Decimal("0.00"), Decimal("1000000.00")),
        ]
        events = session.exec(select(AuditEvent).where(AuditEvent.action == "entry.posted")).all()
        assert [event.entity_id for event in events] == [entry.id]
        assert "$ 1.000.000,00" in events[0].summary


def test_entries_are_numbered_per_company(engine: Engine) -> None:
    first, second = new_company(engine), new_company(engine)
    with company_session(engine, first) as session:
        numbers = [entry.number for entry in post_journal(session, CAPITAL + CAPITAL)]
    with company_session(engine, second) as session:
        assert [entry.number for entry in post_journal(session, CAPITAL)] == [1]
    assert numbers == [1, 2]


def _refused(engine: Engine, company_id: int, proposal: EntryProposal) -> LedgerError:
    before = fingerprint(engine)
    with company_session(engine, company_id) as session, pytest.raises(LedgerError) as caught:
        post_entry(session, proposal, actor="pruebas")
    assert fingerprint(engine) == before, "a refused entry must not write anything"
    return caught.value


def test_unbalanced_entry_is_refused(engine: Engine) -> None:
    company_id = new_company(engine)
    (proposal,) = parse_journal(
        """
        2025-02-01 Venta mal digitada
          130505  119000.00
          413505            100000.00
          240805             18000.00
        """.replace("        2025", "2025")
    )
    error = _refused(engine, company_id, proposal)
    assert isinstance(error, UnbalancedEntryError)
    assert "diferencia $ 1.000,00" in error.message_es


def test_entry_that_moves_no_money_is_refused(engine: Engine) -> None:
    company_id = new_company(engine)
    error = _refused(engine, company_id, EntryProposal(date(2025, 2, 1), "Vacío", ()))
    assert isinstance(error, EmptyEntryError)


def test_zero_lines_are_refused(engine: Engine) -> None:
    company_id = new_company(engine)
    proposal = EntryProposal(
        date(2025, 2, 1),
        "Ceros",
        (ProposedLine("110505", debit=Decimal(0)), ProposedLine("311505", credit=Decimal(0))),
    )
    error = _refused(engine, company_id, proposal)
    assert isinstance(error, InvalidLineError)


def test_a_line_with_debit_and_credit_is_refused(engine: Engine) -> None:
    company_id = new_company(engine)
    proposal = EntryProposal(
        date(2025, 2, 1),
        "Línea doble",
        (
            ProposedLine("110505", debit=Decimal(10), credit=Decimal(5)),
            ProposedLine("311505", credit=Decimal(5)),
        ),
    )
    assert isinstance(_refused(engine, company_id, proposal), InvalidLineError)


def test_negative_amounts_are_refused(engine: Engine) -> None:
    company_id = new_company(engine)
    proposal = EntryProposal(
        date(2025, 2, 1),
        "Negativo",
        (ProposedLine("110505", debit=Decimal(-10)), ProposedLine("311505", debit=Decimal(10))),
    )
    assert isinstance(_refused(engine, company_id, proposal), InvalidLineError)


def test_non_leaf_account_is_refused(engine: Engine) -> None:
    company_id = new_company(engine)
    (proposal,) = parse_journal(
        "2025-02-01 A la cuenta mayor\n  1105  5000.00\n  311505        5000.00\n"
    )
    error = _refused(engine, company_id, proposal)
    assert isinstance(error, AccountNotPostableError)
    assert "agrupa otras cuentas" in error.message_es


def test_inactive_account_is_refused(engine: Engine) -> None:
    company_id = new_company(engine)
    with company_session(engine, company_id) as session:
        cash = session.exec(select(Account).where(Account.code == "110510")).one()
        cash.active = False
        session.add(cash)
        session.commit()
    (proposal,) = parse_journal(
        "2025-02-01 Caja menor\n  110510  5000.00\n  311505          5000.00\n"
    )
    error = _refused(engine, company_id, proposal)
    assert isinstance(error, AccountNotPostableError)
    assert "inactiva" in error.message_es


def test_account_of_another_company_is_refused(engine: Engine) -> None:
    ours, theirs = new_company(engine), new_company(engine)
    with company_session(engine, theirs) as session:
        add_account(session, code="11050501", name="Caja sucursal norte")
        session.commit()
    (proposal,) = parse_journal(
        "2025-02-01 Caja ajena\n  11050501  5000.00\n  311505             5000.00\n"
    )
    error = _refused(engine, ours, proposal)
    assert isinstance(error, AccountNotPostableError)
    assert "no existe en el plan de cuentas de esta empresa" in error.message_es


def _foreign_rows(engine: Engine, owner: int) -> tuple[int, int]:
    with company_session(engine, owner) as session:
        contact = Contact(company_id=owner, id_number="900555111", name="PROVEEDOR AJENO SAS")
        center = CostCenter(company_id=owner, code="CC-1", name="Sucursal ajena")
        session.add_all([contact, center])
        session.commit()
        assert contact.id is not None and center.id is not None
        return contact.id, center.id


def test_contact_of_another_company_is_refused(engine: Engine) -> None:
    ours, theirs = new_company(engine), new_company(engine)
    contact_id, _ = _foreign_rows(engine, theirs)
    proposal = EntryProposal(
        date(2025, 2, 1),
        "Pago a tercero ajeno",
        (
            ProposedLine("220505", debit=Decimal(100), contact_id=contact_id),
            ProposedLine("111005", credit=Decimal(100)),
        ),
    )
    error = _refused(engine, ours, proposal)
    assert isinstance(error, ForeignCompanyError)
    assert error.code == "tercero_ajeno"


def test_cost_center_of_another_company_is_refused(engine: Engine) -> None:
    ours, theirs = new_company(engine), new_company(engine)
    _, center_id = _foreign_rows(engine, theirs)
    proposal = EntryProposal(
        date(2025, 2, 1),
        "Gasto en centro ajeno",
        (
            ProposedLine("519530", debit=Decimal(100), cost_center_id=center_id),
            ProposedLine("110505", credit=Decimal(100)),
        ),
    )
    error = _refused(engine, ours, proposal)
    assert isinstance(error, ForeignCompanyError)
    assert error.code == "centro_costo_ajeno"


def test_closed_period_is_refused(engine: Engine) -> None:
    company_id = new_company(engine)
    with company_session(engine, company_id) as session:
        close_books(session, date(2025, 1, 31), actor="contadora@empresa.co")
    (proposal,) = parse_journal(CAPITAL)  # dated 2025-01-15
    error = _refused(engine, company_id, proposal)
    assert isinstance(error, ClosedPeriodError)
    assert "31/01/2025" in error.message_es
    with company_session(engine, company_id) as session:
        (entry,) = post_journal(session, CAPITAL.replace("2025-01-15", "2025-02-01"))
        assert entry.date == date(2025, 2, 1)


def test_posting_needs_a_company_session(engine: Engine) -> None:
    (proposal,) = parse_journal(CAPITAL)
    with admin_session(engine) as session, pytest.raises(LedgerError) as caught:
        post_entry(session, proposal, actor="pruebas")
    assert caught.value.code == "sin_empresa"


def test_validation_is_pure_and_lists_every_problem() -> None:
    proposal = EntryProposal(
        date(2025, 2, 1),
        " ",
        (ProposedLine("110505", debit=Decimal(10)), ProposedLine("311505", credit=Decimal(7))),
    )
    codes = [error.code for error in proposal.errors()]
    assert codes == ["asiento_descuadrado", "sin_descripcion"]
    with pytest.raises(UnbalancedEntryError):
        proposal.validate()


def test_floats_are_refused_as_amounts() -> None:
    with pytest.raises(TypeError):
        ProposedLine("110505", debit=0.1)  # type: ignore[arg-type]


def test_entry_count_unchanged_after_refusals(engine: Engine) -> None:
    company_id = new_company(engine)
    with company_session(engine, company_id) as session:
        post_journal(session, CAPITAL)
        (bad,) = parse_journal(CAPITAL.replace("311505", "3115"))
        with pytest.raises(AccountNotPostableError):
            post_entry(session, bad, actor="pruebas")
        # The session is still usable and holds exactly the good entry.
        assert len(session.exec(select(JournalEntry)).all()) == 1


def test_errors_carry_a_code_and_a_spanish_message() -> None:
    plain = LedgerError("sin_motivo", "Indica el motivo de la reversión.")
    assert (plain.code, plain.message_es) == ("sin_motivo", "Indica el motivo de la reversión.")
    typed = ClosedPeriodError("El periodo está cerrado.")
    assert (typed.code, str(typed)) == ("periodo_cerrado", "El periodo está cerrado.")
