"""The shipped chart: built from its sources, PUC hierarchy, the product's accounts."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine
from sqlmodel import select

from ledger.chart import parent_code_of, shipped_chart
from ledger.data import build_puc
from ledger.db import company_session
from ledger.models import Account, BankAccount, Item
from tests.utils.companies import new_company


def test_committed_chart_is_what_the_build_script_produces() -> None:
    committed = Path(build_puc.OUTPUT).read_text(encoding="utf-8")
    assert committed == build_puc.render(build_puc.build_rows())


def test_padded_odoo_codes_become_the_real_hierarchy() -> None:
    assert build_puc.normalise_code("110500") == "1105"
    assert build_puc.normalise_code("610000") == "61"
    assert build_puc.normalise_code("135515") == "135515"
    chart = {row.code: row for row in shipped_chart()}
    assert chart["111005"].parent_code == "1110"
    assert chart["1110"].parent_code == "11"
    assert chart["11"].parent_code == "1"
    assert chart["51959501"].parent_code == "519595"
    for row in chart.values():
        assert row.parent_code is None or row.parent_code in chart
        assert row.parent_code == parent_code_of(row.code)


def test_names_come_from_the_puc_and_the_listed_fixes() -> None:
    chart = {row.code: row for row in shipped_chart()}
    assert chart["1105"].name == "Caja"
    assert chart["236515"].name == "Honorarios"
    assert chart["5110"].name == "Honorarios"
    assert chart["9120"].name == "Litigios y/o demandas"
    assert chart["51959501"].name == "Gastos y costos por datos iniciales - DIAN"
    assert "130507" not in chart
    assert all(row.name for row in chart.values())


def test_leaves_natures_and_product_accounts() -> None:
    chart = {row.code: row for row in shipped_chart()}
    product = ("110505", "111005", "130505", "135515", "135517", "135518", "143505", "220505",
               "233505", "236505", "236515", "236525", "236530", "236540", "236701", "236801",
               "240805", "240810", "249505", "250505", "413505", "417505", "510506", "513505",
               "519595", "51959501", "530505", "613505", "620505")  # fmt: skip
    for code in product:
        assert code in chart, code
    assert not chart["1105"].is_leaf and chart["110505"].is_leaf
    assert not chart["519595"].is_leaf and chart["51959501"].is_leaf
    assert chart["130505"].nature == "debit" and chart["240805"].nature == "credit"
    assert chart["4175"].nature == "debit"  # returns on sales: "(DB)"


def test_a_new_company_gets_chart_item_and_bank(engine: Engine) -> None:
    company_id = new_company(engine)
    with company_session(engine, company_id) as session:
        codes = set(session.exec(select(Account.code)))
        assert codes == {row.code for row in shipped_chart()}
        bank = session.exec(select(BankAccount)).one()
        account = session.get(Account, bank.account_id)
        assert (bank.name, account.code if account else None) == ("Banco 1", "111005")
        item = session.exec(select(Item)).one()
        assert item.name == "Datos iniciales - DIAN"
        assert (item.kind, item.expense_account_code) == ("non_inventory", "51959501")


def test_an_auxiliary_makes_its_parent_a_group(engine: Engine) -> None:
    from ledger.chart import add_account
    from tests.utils.journal import post_journal

    company_id = new_company(engine)
    with company_session(engine, company_id) as session:
        account = add_account(session, code="51953001", name="Papelería sede norte")
        session.commit()
        parent = session.exec(select(Account).where(Account.code == "519530")).one()
        assert (account.parent_code, account.nature, account.is_leaf) == ("519530", "debit", True)
        assert not parent.is_leaf
        (entry,) = post_journal(
            session, "2025-02-01 Resmas\n  51953001  20000.00\n  110505          20000.00\n"
        )
        assert entry.lines[0].account is not None
        assert entry.lines[0].account.code == "51953001"
