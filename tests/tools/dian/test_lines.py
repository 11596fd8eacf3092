# ruff: noqa: E501  (XML reads better unbroken)
"""One rough line with every part `read_line` walks into, values worked out by hand."""

from __future__ import annotations

from decimal import Decimal as D

from lxml import etree

from tools.dian.lines import read_line
from tools.dian.model import AllowanceCharge, ItemCode, TaxAmount
from tools.dian.ubl_parts import Reader

LINE = """
<cac:CreditNoteLine xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"
    xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">
  <cbc:ID> 3 </cbc:ID>
  <cbc:CreditedQuantity unitCode="KGM">12.5</cbc:CreditedQuantity>
  <cbc:LineExtensionAmount currencyID="COP">90000.00</cbc:LineExtensionAmount>
  <cbc:FreeOfChargeIndicator>false</cbc:FreeOfChargeIndicator>
  <cac:AllowanceCharge>
    <cbc:ChargeIndicator>false</cbc:ChargeIndicator>
    <cbc:AllowanceChargeReason>Pronto pago</cbc:AllowanceChargeReason>
    <cbc:MultiplierFactorNumeric>10</cbc:MultiplierFactorNumeric>
    <cbc:Amount currencyID="COP">10000.00</cbc:Amount>
    <cbc:BaseAmount currencyID="COP">100000.00</cbc:BaseAmount>
  </cac:AllowanceCharge>
  <cac:TaxTotal>
    <cbc:TaxAmount currencyID="COP">17100.00</cbc:TaxAmount>
    <cac:TaxSubtotal>
      <cbc:TaxableAmount currencyID="COP">90000.00</cbc:TaxableAmount>
      <cbc:TaxAmount currencyID="COP">17100.00</cbc:TaxAmount>
      <cac:TaxCategory><cbc:Percent>19.00</cbc:Percent>
        <cac:TaxScheme><cbc:ID>01</cbc:ID><cbc:Name>IVA</cbc:Name></cac:TaxScheme></cac:TaxCategory>
    </cac:TaxSubtotal>
    <cac:TaxSubtotal>
      <cbc:TaxAmount currencyID="COP">2500.00</cbc:TaxAmount>
      <cbc:BaseUnitMeasure unitCode="KGM">1</cbc:BaseUnitMeasure>
      <cbc:PerUnitAmount currencyID="COP">200.00</cbc:PerUnitAmount>
      <cac:TaxCategory><cac:TaxScheme><cbc:ID>22</cbc:ID><cbc:Name>INC Bolsas</cbc:Name></cac:TaxScheme></cac:TaxCategory>
    </cac:TaxSubtotal>
  </cac:TaxTotal>
  <cac:WithholdingTaxTotal>
    <cbc:TaxAmount currencyID="COP">2250.00</cbc:TaxAmount>
    <cac:TaxSubtotal>
      <cbc:TaxableAmount currencyID="COP">90000.00</cbc:TaxableAmount>
      <cbc:TaxAmount currencyID="COP">2250.00</cbc:TaxAmount>
      <cac:TaxCategory><cbc:Percent>2.50</cbc:Percent>
        <cac:TaxScheme><cbc:ID>06</cbc:ID><cbc:Name>ReteRenta</cbc:Name></cac:TaxScheme></cac:TaxCategory>
    </cac:TaxSubtotal>
  </cac:WithholdingTaxTotal>
  <cac:Item>
    <cbc:Name>  Harina de trigo 50 kg </cbc:Name>
    <cac:StandardItemIdentification><cbc:ID schemeID="010">7702001001234</cbc:ID></cac:StandardItemIdentification>
    <cac:SellersItemIdentification><cbc:ID>HAR-50</cbc:ID></cac:SellersItemIdentification>
    <cac:StandardItemIdentification><cbc:ID schemeID="001">50221101</cbc:ID></cac:StandardItemIdentification>
    <cac:StandardItemIdentification><cbc:ID schemeID="999">  </cbc:ID></cac:StandardItemIdentification>
  </cac:Item>
  <cac:Price>
    <cbc:PriceAmount currencyID="COP">8.000,00</cbc:PriceAmount>
    <cbc:BaseQuantity unitCode="KGM">1.00</cbc:BaseQuantity>
    <cac:AllowanceCharge><cbc:ChargeIndicator>TRUE</cbc:ChargeIndicator>
      <cbc:Amount currencyID="COP">500.00</cbc:Amount></cac:AllowanceCharge>
  </cac:Price>
</cac:CreditNoteLine>
"""


def test_every_part_of_a_rough_line() -> None:
    r = Reader()
    line = read_line(r, etree.fromstring(LINE))
    assert (line.number, line.quantity, line.unit_code) == ("3", D("12.5"), "KGM")
    assert line.line_total == D("90000.00") and line.free_of_charge is False
    assert line.description == "Harina de trigo 50 kg"  # no Description: the Name
    # the seller's code first, then the standard ones in order; a blank code is skipped
    assert line.codes == (
        ItemCode("HAR-50", "seller"),
        ItemCode("7702001001234", "010"),
        ItemCode("50221101", "001"),
    )
    assert line.allowance_charges == (
        AllowanceCharge(False, D("10000.00"), D("100000.00"), D("10"), "Pronto pago"),
        AllowanceCharge(True, D("500.00")),  # on the price
    )
    assert line.taxes == (
        TaxAmount("01", D("17100.00"), D("19.00"), D("90000.00"), "IVA"),
        TaxAmount("22", D("2500.00"), None, None, "INC Bolsas", D("200.00"), "KGM"),
    )
    assert line.withholdings == (
        TaxAmount("06", D("2250.00"), D("2.50"), D("90000.00"), "ReteRenta"),
    )
    # "8.000,00" is not a number: reported with the line's number, never guessed
    assert line.unit_price is None and line.base_quantity == D("1.00")
    assert [issue.message_es for issue in r.issues] == [
        "El valor «8.000,00» de la línea 3 no es un número."
    ]
