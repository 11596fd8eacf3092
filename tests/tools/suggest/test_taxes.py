"""VAT deductible or into the cost, INC always into the cost."""

from __future__ import annotations

from decimal import Decimal

from tools.suggest import tax_treatment


def test_vat_responsible_company_deducts_vat() -> None:
    result = tax_treatment(
        account_code="519530", base=Decimal("100000"), vat=Decimal("19000"), vat_responsible=True
    )
    assert result.debits == (("519530", Decimal("100000.00")), ("240810", Decimal("19000.00")))
    assert "descontable (240810)" in result.reason_es


def test_company_not_responsible_for_vat_adds_it_to_the_cost() -> None:
    result = tax_treatment(
        account_code="519530", base=Decimal("100000"), vat=Decimal("19000"), vat_responsible=False
    )
    assert result.debits == (("519530", Decimal("119000.00")),)
    assert result.vat_account is None
    assert "no es responsable de IVA" in result.reason_es


def test_consumption_tax_joins_the_cost_even_when_vat_is_deductible() -> None:
    result = tax_treatment(
        account_code="519520",
        base=Decimal("80000"),
        vat=Decimal("0"),
        inc=Decimal("6400"),
        vat_responsible=True,
    )
    assert result.debits == (("519520", Decimal("86400.00")),)
    assert "INC" in result.reason_es


def test_vat_on_a_fixed_asset_joins_its_cost() -> None:
    result = tax_treatment(
        account_code="152805", base=Decimal("4000000"), vat=Decimal("760000"), vat_responsible=True
    )
    assert result.debits == (("152805", Decimal("4760000.00")),)
    assert "258-1" in result.reason_es
