"""UBL 2.1 Invoice / CreditNote / DebitNote (DIAN profile) -> `DianDocument`.

Signed or not, any prefixes: elements are matched by namespace URI (Clark tags built
once at import). Each element of interest is visited once: its children are grouped by
tag (`kids`) and read from there. The signature is never walked; of the extensions only
`sts:InvoiceControl`'s authorized prefix is read.
"""

from __future__ import annotations

from decimal import Decimal

from lxml import etree

from tools.dian.errors import DianInputError
from tools.dian.model import (
    BillingReference,
    Container,
    DianDocument,
    DianValidation,
    DocumentKind,
    ExchangeRate,
    MonetaryTotals,
    SourceRef,
)
from tools.dian.ns import CREDIT_NOTE, DEBIT_NOTE, INVOICE, STS, q
from tools.dian.readers import child, compiled, kids, read_line, read_party, read_subtotals
from tools.dian.ubl_parts import ID, Element, Kids, Reader, first, present, split_number, text_of
from tools.dian.validate import check_document

ZERO = Decimal(0)
_NONE: list[Element] = []


class Shape:
    """Tag names that differ between Invoice, CreditNote and DebitNote."""

    def __init__(self, kind: DocumentKind, root: str, line: str, total: str):
        self.kind = kind
        self.type_code = q(f"cbc:{root}TypeCode")
        self.line = q(f"cac:{line}")
        self.totals = q(f"cac:{total}")


SHAPES = {
    INVOICE: Shape(DocumentKind.INVOICE, "Invoice", "InvoiceLine", "LegalMonetaryTotal"),
    CREDIT_NOTE: Shape(DocumentKind.CREDIT_NOTE, "CreditNote", "CreditNoteLine",
                        "LegalMonetaryTotal"),
    DEBIT_NOTE: Shape(DocumentKind.DEBIT_NOTE, "DebitNote", "DebitNoteLine",
                       "RequestedMonetaryTotal"),
}  # fmt: skip
LEGAL_TOTAL = q("cac:LegalMonetaryTotal")  # some debit notes carry this one anyway

UUID = q("cbc:UUID")
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
ALLOWANCE_CHARGE = q("cac:AllowanceCharge")
BILLING_REFERENCE = q("cac:BillingReference")
INVOICE_REFERENCE = q("cac:InvoiceDocumentReference")
DISCREPANCY = q("cac:DiscrepancyResponse")
RESPONSE_CODE, DESCRIPTION = q("cbc:ResponseCode"), q("cbc:Description")
TOTAL_TAGS = {
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
EXTENSIONS, EXTENSION = q("ext:UBLExtensions"), q("ext:UBLExtension")
EXTENSION_CONTENT = q("ext:ExtensionContent")
PREFIX_STEPS = {
    q("sts:DianExtensions", sts): (
        q("sts:InvoiceControl", sts),
        q("sts:AuthorizedInvoices", sts),
        q("sts:Prefix", sts),
    )
    for sts in STS
}


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
    document = _read_fields(r, root, shape, source, container, validation)
    return check_document(document, parse_issues=tuple(r.issues))


def read_fields(
    r: Reader,
    root: Element,
    shape: Shape,
    source: SourceRef,
    container: Container,
    validation: DianValidation | None,
) -> DianDocument:
    """Every field of the document in `root`, unchecked; what cannot be read goes to `r`
    (in document order: the compiled twin reports the same issues in the same order)."""
    top = kids(root)
    number = text_of(first(top, ID))
    prefix, folio = split_number(number, _declared_prefix(first(top, EXTENSIONS)))
    uuid = first(top, UUID)
    type_code = text_of(first(top, shape.type_code))
    if type_code is None and shape.kind is DocumentKind.DEBIT_NOTE:
        type_code = "92"  # DIAN debit notes usually omit it; 92 is what the root means.
    means = kids(first(top, PAYMENT_MEANS))
    due_date = r.date(first(top, DUE_DATE), "la fecha de vencimiento") or r.date(
        first(means, PAYMENT_DUE_DATE), "la fecha de vencimiento"
    )
    line_count = text_of(first(top, LINE_COUNT))
    discrepancy = kids(first(top, DISCREPANCY))
    return DianDocument(
        source=source,
        container=container,
        kind=shape.kind,
        type_code=type_code,
        number=number,
        prefix=prefix,
        folio=folio,
        cufe=text_of(uuid),
        cufe_scheme=uuid.get("schemeName") if uuid is not None else None,
        environment=(uuid.get("schemeID") if uuid is not None else None)
        or text_of(first(top, PROFILE_EXECUTION)),
        issue_date=r.date(first(top, ISSUE_DATE), "la fecha de emisión"),
        issue_time=r.time(first(top, ISSUE_TIME)),
        due_date=due_date,
        currency=text_of(first(top, CURRENCY)),
        exchange_rate=_exchange_rate(r, first(top, EXCHANGE)),
        operation_type=text_of(first(top, CUSTOMIZATION)),
        payment_form=text_of(first(means, ID)),
        payment_means=text_of(first(means, PAYMENT_MEANS_CODE)),
        issuer=read_party(first(top, SUPPLIER)),
        receiver=read_party(first(top, CUSTOMER)),
        lines=tuple(read_line(r, line) for line in top.get(shape.line, _NONE)),
        taxes=read_subtotals(r, top.get(TAX_TOTAL, _NONE), "un impuesto"),
        withholdings=read_subtotals(r, top.get(WITHHOLDING_TOTAL, _NONE), "una retención"),
        totals=_totals(r, present(first(top, shape.totals), first(top, LEGAL_TOTAL))),
        tax_total=r.total_of(top.get(TAX_TOTAL, _NONE), "el total de impuestos"),
        line_count=int(line_count) if line_count and line_count.isdigit() else None,
        allowance_charges=r.allowance_charges(
            top.get(ALLOWANCE_CHARGE, _NONE), "un descuento o cargo"
        ),
        billing_references=tuple(_billing_refs(r, top)),
        discrepancy_code=text_of(first(discrepancy, RESPONSE_CODE)),
        discrepancy_reason=text_of(first(discrepancy, DESCRIPTION)),
        validation=validation,
    )


def _declared_prefix(extensions: Element | None) -> str | None:
    if extensions is None:
        return None
    for extension in extensions:
        content = child(extension, EXTENSION_CONTENT) if extension.tag == EXTENSION else None
        if content is None:
            continue
        for dian in content:
            steps = PREFIX_STEPS.get(dian.tag)  # type: ignore[arg-type]
            if steps is None:
                continue  # the signature's ExtensionContent
            element: Element | None = dian
            for step in steps:
                element = child(element, step)
            return text_of(element)
    return None


def _exchange_rate(r: Reader, element: Element | None) -> ExchangeRate | None:
    if element is None:
        return None
    rate_kids = kids(element)
    rate = r.decimal(first(rate_kids, CALC_RATE), "la tasa de cambio")
    if rate is None:
        return None
    return ExchangeRate(
        source_currency=text_of(first(rate_kids, SOURCE_CCY)) or "",
        target_currency=text_of(first(rate_kids, TARGET_CCY)) or "COP",
        rate=rate,
        on=r.date(first(rate_kids, RATE_DATE), "la tasa de cambio"),
    )


def _totals(r: Reader, element: Element | None) -> MonetaryTotals:
    if element is None:
        return MonetaryTotals(None, None, None, None)
    total_kids = kids(element)
    values = {
        name: r.decimal(first(total_kids, tag), "los totales") for name, tag in TOTAL_TAGS.items()
    }
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


def _billing_refs(r: Reader, top: Kids) -> list[BillingReference]:
    refs = []
    for reference in top.get(BILLING_REFERENCE, _NONE):
        ref_kids = kids(child(reference, INVOICE_REFERENCE))
        if not ref_kids:
            continue
        uuid = first(ref_kids, UUID)
        refs.append(
            BillingReference(
                number=text_of(first(ref_kids, ID)),
                uuid=text_of(uuid),
                uuid_scheme=uuid.get("schemeName") if uuid is not None else None,
                issue_date=r.date(first(ref_kids, ISSUE_DATE), "la factura referenciada"),
            )
        )
    return refs


_read_fields = compiled.read_fields if compiled is not None else read_fields
