"""The readable data files agree with each other and with the PUC."""

from __future__ import annotations

import csv
from pathlib import Path

from tools.suggest.tables import (
    account_names,
    activity_rules,
    families,
    family_by_name,
    read_rows,
    supplier_activity,
)

# The chart every company is created with (ledger/data/puc.csv, shipped in the package).
CHART = Path(__file__).resolve().parents[3] / "ledger" / "data" / "puc.csv"


def _proposed_accounts() -> set[str]:
    accounts = {f.account for f in families()} | {f.small_account for f in families()}
    accounts |= {account for account, _ in activity_rules().values()}
    accounts |= {row["account"] for row in read_rows("default_catalogue.csv")}
    return accounts - {""}


def test_every_proposed_account_is_a_named_subaccount_or_auxiliary() -> None:
    names = account_names()
    for account in _proposed_accounts():
        assert len(account) in (6, 8) and account.isdigit(), account
        assert names.get(account), f"{account} has no name in accounts.csv"


def test_every_account_the_suggester_may_propose_is_a_leaf_of_the_company_chart() -> None:
    with CHART.open(encoding="utf-8") as handle:
        chart = {row["code"]: row for row in csv.DictReader(handle)}
    for account in account_names():
        assert account in chart, f"{account} is not in the chart companies are created with"
        assert chart[account]["is_leaf"] == "1", f"{account} is not a leaf of the chart"
        assert account[:4] in chart, f"{account}: {account[:4]} is not a PUC account"


def test_rules_and_hints_name_existing_families() -> None:
    known = family_by_name()
    assert {family for _, family in activity_rules()} <= set(known)
    assert set(supplier_activity().values()) <= set(known)


def test_asset_families_have_an_expense_for_small_amounts() -> None:
    for family in families():
        assert family.kind in {"service", "goods", "asset"}
        assert (family.kind == "asset") == bool(family.small_account), family.name
        assert 0 < family.confidence <= 1
