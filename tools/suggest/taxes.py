"""Where the taxes of a purchase line go: deductible VAT or into the cost.

- VAT (IVA) is deductible (Dr 240810) when the buyer is responsible for VAT and the
  purchase is for taxed operations; otherwise it is part of the cost (it joins the
  line's account).
- VAT paid on fixed assets (15xx) is not deducted in the VAT return; the Estatuto
  Tributario (art. 258-1) lets it be discounted from income tax instead, so in the
  books it joins the asset's cost here and the income-tax discount is the accountant's
  call.
- The consumption tax (INC, impuesto nacional al consumo) is never deductible: it always
  joins the cost.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from ledger.money import ZERO, to_money

VAT_DEDUCTIBLE_ACCOUNT = "240810"


@dataclass(frozen=True)
class TaxTreatment:
    """Debits of one purchase line once its taxes are placed."""

    expense_account: str
    expense_amount: Decimal  # base plus every tax that joins the cost
    deductible_vat: Decimal  # to 240810
    vat_account: str | None
    reason_es: str

    @property
    def debits(self) -> tuple[tuple[str, Decimal], ...]:
        """(account, amount) pairs to debit, without zero lines."""
        lines = [(self.expense_account, self.expense_amount)]
        if self.vat_account and self.deductible_vat > ZERO:
            lines.append((self.vat_account, self.deductible_vat))
        return tuple(lines)


def tax_treatment(
    *,
    account_code: str,
    base: Decimal,
    vat: Decimal = ZERO,
    inc: Decimal = ZERO,
    vat_responsible: bool,
) -> TaxTreatment:
    """Place a line's VAT and INC: deductible VAT to 240810, everything else into the cost."""
    base, vat, inc = to_money(base), to_money(vat), to_money(inc)
    fixed_asset = account_code.startswith("15")
    deductible = vat_responsible and not fixed_asset and vat > ZERO
    reasons = []
    if vat > ZERO:
        if deductible:
            reasons.append("el IVA es descontable (240810) porque la empresa es responsable de IVA")
        elif fixed_asset:
            reasons.append(
                "el IVA de un activo fijo se suma a su costo (descuento en renta, art. 258-1 E.T.)"
            )
        else:
            reasons.append("el IVA se suma al costo porque la empresa no es responsable de IVA")
    if inc > ZERO:
        reasons.append("el impuesto al consumo (INC) no es descontable y se suma al costo")
    cost = base + inc + (ZERO if deductible else vat)
    return TaxTreatment(
        expense_account=account_code,
        expense_amount=to_money(cost),
        deductible_vat=vat if deductible else ZERO,
        vat_account=VAT_DEDUCTIBLE_ACCOUNT if deductible else None,
        reason_es="; ".join(reasons) or "sin impuestos",
    )
