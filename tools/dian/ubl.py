"""UBL 2.1 Invoice / CreditNote / DebitNote (DIAN profile) -> `DianDocument`.

Signed or not, any prefixes: elements are found by namespace URI with paths converted
once at import. The signature and extensions are never walked, only the few DIAN
fields needed from `sts:InvoiceControl`.
"""

from __future__ import annotations

import re
from decimal import Decimal

from lxml import etree

from tools.dian.errors import DianInputError
from tools.dian.model import (
    BillingReference,
    Container,
    DianDocument,
    DianValidation,
    DocumentKind,
    DocumentLine,
    ExchangeRate,
    ItemCode,
    MonetaryTotals,
    SourceRef,
)
from tools.dian.ns import CREDIT_NOTE, DEBIT_NOTE, INVOICE, STS, q
from tools.dian.ubl_parts import Element, Reader
from tools.dian.validate import check_document

ZERO = Decimal(0)


class _Shape:
    """Tag names that differ between Invoice, CreditNote and DebitNote."""

    def __init__(self, kind: DocumentKind, root: str, line: str, qty: str, total: str):
        self.kind = kind
        self.type_code = q(f"cbc:{root}TypeCode")
        self.line = q(f"cac:{line}")
        self.quantity = q(f"cbc:{qty}")
        self.totals = q(f"cac:{total}")


SHAPES = {
    INVOICE: _Shape(
        DocumentKind.INVOICE, "Invoice", "InvoiceLine", "InvoicedQuantity", "LegalMonetaryTotal"
    ),
    CREDIT_NOTE: _Shape(
        DocumentKind.CREDIT_NOTE,
        "CreditNote",
        "CreditNoteLine",
        "CreditedQuantity",
        "LegalMonetaryTotal",
    ),
    DEBIT_NOTE: _Shape(
        DocumentKind.DEBIT_NOTE,
        "DebitNote",
        "DebitNoteLine",
        "DebitedQuantity",
        "RequestedMonetaryTotal",
    ),
}
# Some debit notes carry LegalMonetaryTotal anyway.
LEGAL_TOTAL = q("cac:LegalMonetaryTotal")

ID, UUID = q("cbc:ID"), q("cbc:UUID")
ISSUE_DATE, ISSUE_TIME, DUE_DATE = q("cbc:IssueDate"), q("cbc:IssueTime"), q("cbc:DueDate")
CURRENCY, CUSTOMIZATION = q("cbc:DocumentCurrencyCode"), q("cbc:CustomizationID")
PROFILE_EXECUTION, LINE_COUNT = q("cbc:ProfileExecutionID"), q("cbc:LineCountNumeric")
SUPPLIER, CUSTOMER = q("cac:AccountingSupplierParty"), q("cac:AccountingCustomerParty")
PAYMENT_MEANS = q("cac:PaymentMeans")
PAYMENT_MEANS_CODE, PAYMENT_DUE_DATE = q("cbc:PaymentMeansCode"), q("cbc:PaymentDueDate")
EXCHANGE = q("cac:PaymentExchangeRate")
SOURCE_CCY, TARGET_CCY = q("cbc:SourceCurrencyCode"), q("cbc:TargetCurrencyCode")
CALC_RATE, RATE_DATE = q("cbc:CalculationRate"), q("cbc:Date")
TAX_TOTAL, WITHHOLDING_TOTAL = q("cac:TaxTotal"), q("cac:WithholdingTaxTotal")
TAX_AMOUNT = q("cbc:TaxAmount")
ALLOWANCE_CHARGE = q("cac:AllowanceCharge")
BILLING_REF = q("cac:BillingReference/cac:InvoiceDocumentReference")
DISCREPANCY_CODE = q("cac:DiscrepancyResponse/cbc:ResponseCode")
DISCREPANCY_TEXT = q("cac:DiscrepancyResponse/cbc:Description")
TOTAL_FIELDS = {
    name: q(f"cbc:{tag}")
    for name, tag in (
        ("line_extension", "LineExtensionAmount"),
        ("tax_exclusive", "TaxExclusiveAmount"),
        ("tax_inclusive", "TaxInclusiveAmount"),
        ("payable", "PayableAmount"),
        ("allowance", "AllowanceTotalAmount"),
        ("charge", "ChargeTotalAmount"),
        ("prepaid", "PrepaidAmount"),
        ("rounding", "PayableRoundingAmount"),
    )
}
LINE_EXTENSION = TOTAL_FIELDS["line_extension"]
FREE_OF_CHARGE = q("cbc:FreeOfChargeIndicator")
ITEM = q("cac:Item")
ITEM_DESCRIPTION, ITEM_NAME = q("cbc:Description"), q("cbc:Name")
SELLER_ITEM_ID = q("cac:SellersItemIdentification/cbc:ID")
STANDARD_ITEM_ID = q("cac:StandardItemIdentification/cbc:ID")
PRICE_AMOUNT = q("cac:Price/cbc:PriceAmount")
BASE_QUANTITY = q("cac:Price/cbc:BaseQuantity")
PREFIX_PATHS = tuple(
    q(
        "ext:UBLExtensions/ext:UBLExtension/ext:ExtensionContent/sts:DianExtensions/"
        "sts:InvoiceControl/sts:AuthorizedInvoices/sts:Prefix",
        sts,
    )
    for sts in STS
)
_NUMBER = re.compile(r"^(.*?)(\d+)$")


def read_ubl(
    root: Element,
    source: SourceRef,
    *,
    container: Container = Container.UBL,
    validation: DianValidation | None = None,
) -> DianDocument:
    """The document in `root` (an Invoice, CreditNote or DebitNote), checked for issues."""
    shape = SHAPES.get(etree.QName(root).namespace or "")
    if shape is None:
        raise DianInputError(
            "no_es_documento_dian",
            f"El XML es un «{etree.QName(root).localname}», no una factura, nota crédito ni "
            "nota débito de la DIAN.",
        )
    r = Reader()
    number = r.text(root, ID)
    prefix, folio = _split_number(number, _declared_prefix(root))
    uuid = root.find(UUID)
    type_code = r.text(root, shape.type_code)
    if type_code is None and shape.kind is DocumentKind.DEBIT_NOTE:
        type_code = "92"  # DIAN debit notes usually omit it; 92 is what the root means.
    means = root.find(PAYMENT_MEANS)
    due_date = r.date(root, DUE_DATE, "la fecha de vencimiento") or r.date(
        means, PAYMENT_DUE_DATE, "la fecha de vencimiento"
    )
    line_count_text = r.text(root, LINE_COUNT)
    lines = tuple(_read_line(r, element, shape) for element in root.iterchildren(shape.line))
    totals_element = root.find(shape.totals)
    if totals_element is None:
        totals_element = root.find(LEGAL_TOTAL)
    document = DianDocument(
        source=source,
        container=container,
        kind=shape.kind,
        type_code=type_code,
        number=number,
        prefix=prefix,
        folio=folio,
        cufe=text_or_none(uuid),
        cufe_scheme=uuid.get("schemeName") if uuid is not None else None,
        environment=(uuid.get("schemeID") if uuid is not None else None)
        or r.text(root, PROFILE_EXECUTION),
        issue_date=r.date(root, ISSUE_DATE, "la fecha de emisión"),
        issue_time=r.time(root, ISSUE_TIME),
        due_date=due_date,
        currency=r.text(root, CURRENCY),
        exchange_rate=_exchange_rate(r, root.find(EXCHANGE)),
        operation_type=r.text(root, CUSTOMIZATION),
        payment_form=r.text(means, ID),
        payment_means=r.text(means, PAYMENT_MEANS_CODE),
        issuer=r.party(root.find(SUPPLIER)),
        receiver=r.party(root.find(CUSTOMER)),
        lines=lines,
        taxes=tuple(r.taxes(root, TAX_TOTAL, "un impuesto")),
        withholdings=tuple(r.taxes(root, WITHHOLDING_TOTAL, "una retención")),
        totals=_totals(r, totals_element),
        tax_total=sum(
            (
                r.amount(t, TAX_AMOUNT, "el total de impuestos") or ZERO
                for t in root.iterchildren(TAX_TOTAL)
            ),
            ZERO,
        ),
        line_count=int(line_count_text) if line_count_text and line_count_text.isdigit() else None,
        allowance_charges=r.allowance_charges(root, ALLOWANCE_CHARGE, "un descuento o cargo"),
        billing_references=tuple(_billing_refs(r, root)),
        discrepancy_code=r.text(root, DISCREPANCY_CODE),
        discrepancy_reason=r.text(root, DISCREPANCY_TEXT),
        validation=validation,
    )
    return check_document(document, parse_issues=tuple(r.issues))


def text_or_none(element: Element | None) -> str | None:
    """Stripped text of an element, None when absent or blank."""
    if element is None or element.text is None:
        return None
    return element.text.strip() or None


def _declared_prefix(root: Element) -> str | None:
    for path in PREFIX_PATHS:
        value = root.findtext(path)
        if value is not None and value.strip():
            return value.strip()
    return None


def _split_number(number: str | None, declared: str | None) -> tuple[str | None, str | None]:
    """`SETP990000002` -> (`SETP`, `990000002`), trusting the authorized prefix first."""
    if number is None:
        return None, None
    if declared and number.startswith(declared):
        return declared, number[len(declared) :] or None
    match = _NUMBER.match(number)
    if match is None:
        return None, number
    return match.group(1) or None, match.group(2)


def _exchange_rate(r: Reader, element: Element | None) -> ExchangeRate | None:
    if element is None:
        return None
    rate = r.amount(element, CALC_RATE, "la tasa de cambio")
    if rate is None:
        return None
    return ExchangeRate(
        source_currency=r.text(element, SOURCE_CCY) or "",
        target_currency=r.text(element, TARGET_CCY) or "COP",
        rate=rate,
        on=r.date(element, RATE_DATE, "la tasa de cambio"),
    )


def _totals(r: Reader, element: Element | None) -> MonetaryTotals:
    if element is None:
        return MonetaryTotals(None, None, None, None)
    values = {name: r.amount(element, path, "los totales") for name, path in TOTAL_FIELDS.items()}
    return MonetaryTotals(
        line_extension=values["line_extension"],
        tax_exclusive=values["tax_exclusive"],
        tax_inclusive=values["tax_inclusive"],
        payable=values["payable"],
        allowance=values["allowance"] or ZERO,
        charge=values["charge"] or ZERO,
        prepaid=values["prepaid"] or ZERO,
        rounding=values["rounding"] or ZERO,
    )


def _billing_refs(r: Reader, root: Element) -> list[BillingReference]:
    refs = []
    for element in root.iterfind(BILLING_REF):
        uuid = element.find(UUID)
        refs.append(
            BillingReference(
                number=r.text(element, ID),
                uuid=text_or_none(uuid),
                uuid_scheme=uuid.get("schemeName") if uuid is not None else None,
                issue_date=r.date(element, ISSUE_DATE, "la factura referenciada"),
            )
        )
    return refs


def _read_line(r: Reader, element: Element, shape: _Shape) -> DocumentLine:
    number = r.text(element, ID)
    what = f"la línea {number or '?'}"
    quantity = element.find(shape.quantity)
    item = element.find(ITEM)
    codes = []
    seller_code = r.text(item, SELLER_ITEM_ID)
    if seller_code:
        codes.append(ItemCode(seller_code, "seller"))
    if item is not None:
        for standard in item.iterfind(STANDARD_ITEM_ID):
            if standard.text and standard.text.strip():
                codes.append(ItemCode(standard.text.strip(), standard.get("schemeID")))
    base_quantity = element.find(BASE_QUANTITY)
    return DocumentLine(
        number=number,
        description=r.text(item, ITEM_DESCRIPTION) or r.text(item, ITEM_NAME) or "",
        quantity=r.decimal(text_or_none(quantity), what),
        unit_code=quantity.get("unitCode") if quantity is not None else None,
        unit_price=r.amount(element, PRICE_AMOUNT, what),
        line_total=r.amount(element, LINE_EXTENSION, what) or ZERO,
        base_quantity=r.decimal(text_or_none(base_quantity), what),
        free_of_charge=(r.text(element, FREE_OF_CHARGE) or "").lower() == "true",
        codes=tuple(codes),
        allowance_charges=r.allowance_charges(element, ALLOWANCE_CHARGE, what),
        taxes=tuple(r.taxes(element, TAX_TOTAL, what)),
        withholdings=tuple(r.taxes(element, WITHHOLDING_TOTAL, what)),
    )
