"""Build the UBL 2.1 XML of an invoice, contingency invoice, credit note or debit note.

The output has the DIAN extensions (`sts:DianExtensions`: numbering resolution,
software provider and security code, QR text) in the first `ext:UBLExtension` and an
empty second one where `signing.sign_document` puts the XAdES signature.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from lxml import etree

from tools.einvoice.cufe import (
    document_key,
    format_issue_time,
    key_scheme_name,
    qr_text,
    software_security_code,
)
from tools.einvoice.totals import (
    TAX_NAMES,
    DocumentTotals,
    TaxAmount,
    dian_amount,
    dian_rate,
    document_totals,
)
from tools.einvoice.types import DocumentKind, InvoiceDraft
from tools.einvoice.ubl_parties import add_party
from tools.einvoice.xmlns import DIAN_AGENCY, DIAN_CHECK_DIGIT, DIAN_NIT, new_root, sub

_ROOT = {
    DocumentKind.INVOICE: "Invoice",
    DocumentKind.CONTINGENCY: "Invoice",
    DocumentKind.CREDIT_NOTE: "CreditNote",
    DocumentKind.DEBIT_NOTE: "DebitNote",
}
_LINE = {"Invoice": "InvoiceLine", "CreditNote": "CreditNoteLine", "DebitNote": "DebitNoteLine"}
_QUANTITY = {
    "Invoice": "InvoicedQuantity",
    "CreditNote": "CreditedQuantity",
    "DebitNote": "DebitedQuantity",
}
_PROFILE = {
    "Invoice": "DIAN 2.1: Factura Electrónica de Venta",
    "CreditNote": "DIAN 2.1: Nota Crédito de Factura Electrónica de Venta",
    "DebitNote": "DIAN 2.1: Nota Débito de Factura Electrónica de Venta",
}


@dataclass(frozen=True)
class BuiltDocument:
    """An unsigned UBL document with the key figures computed while building it."""

    draft: InvoiceDraft
    xml: bytes
    key: str
    qr_text: str
    totals: DocumentTotals

    @property
    def root_name(self) -> str:
        """`Invoice`, `CreditNote` or `DebitNote`."""
        return _ROOT[self.draft.kind]


def customization_id(draft: InvoiceDraft) -> str:
    """Operation type: 10 standard sale; notes 20/22 (credit) and 30/32 (debit)."""
    if draft.kind is DocumentKind.CREDIT_NOTE:
        return "20" if draft.billing_reference else "22"
    if draft.kind is DocumentKind.DEBIT_NOTE:
        return "30" if draft.billing_reference else "32"
    return "10"


def build_document(draft: InvoiceDraft) -> BuiltDocument:
    """The unsigned UBL 2.1 XML of a draft, with its CUFE/CUDE and QR text."""
    totals = document_totals(draft)
    key = document_key(draft, totals)
    qr = qr_text(draft, key, totals)
    name = _ROOT[draft.kind]
    root = new_root(name)
    _add_extensions(root, draft, qr)
    _add_header(root, name, draft, key, totals)
    add_party(
        root,
        "cac:AccountingSupplierParty",
        draft.supplier,
        registration_prefix=draft.prefix,
    )
    add_party(root, "cac:AccountingCustomerParty", draft.customer)
    means = sub(root, "cac:PaymentMeans")
    sub(means, "cbc:ID", draft.payment_form)
    sub(means, "cbc:PaymentMeansCode", draft.payment_means)
    if draft.due_date is not None:
        sub(means, "cbc:PaymentDueDate", draft.due_date.isoformat())
    for scheme in totals.schemes():
        _add_tax_total(root, [t for t in totals.tax_subtotals if t.scheme == scheme], draft)
    _add_monetary_total(root, name, totals, draft.currency)
    _add_lines(root, name, totals, draft.currency)
    xml = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=False)
    return BuiltDocument(draft=draft, xml=xml, key=key, qr_text=qr, totals=totals)


def _add_extensions(root: etree._Element, draft: InvoiceDraft, qr: str) -> None:
    extensions = sub(root, "ext:UBLExtensions")
    content = sub(sub(extensions, "ext:UBLExtension"), "ext:ExtensionContent")
    dian = sub(content, "sts:DianExtensions")
    if not draft.kind.is_note:
        control = sub(dian, "sts:InvoiceControl")
        sub(control, "sts:InvoiceAuthorization", draft.resolution.number)
        period = sub(control, "sts:AuthorizationPeriod")
        sub(period, "cbc:StartDate", draft.resolution.valid_from.isoformat())
        sub(period, "cbc:EndDate", draft.resolution.valid_to.isoformat())
        authorized = sub(control, "sts:AuthorizedInvoices")
        sub(authorized, "sts:Prefix", draft.resolution.prefix)
        sub(authorized, "sts:From", str(draft.resolution.range_from))
        sub(authorized, "sts:To", str(draft.resolution.range_to))
    source = sub(dian, "sts:InvoiceSource")
    sub(
        source,
        "cbc:IdentificationCode",
        "CO",
        listAgencyID="6",
        listAgencyName="United Nations Economic Commission for Europe",
        listSchemeURI="urn:oasis:names:specification:ubl:codelist:gc:CountryIdentificationCode-2.1",
    )
    provider = sub(dian, "sts:SoftwareProvider")
    sub(
        provider,
        "sts:ProviderID",
        draft.software.provider_nit,
        **DIAN_AGENCY,
        schemeID=draft.software.provider_check_digit,
        schemeName="31",
    )
    sub(provider, "sts:SoftwareID", draft.software.software_id, **DIAN_AGENCY)
    code = software_security_code(
        draft.software.software_id, draft.software.pin, draft.document_number
    )
    sub(dian, "sts:SoftwareSecurityCode", code, **DIAN_AGENCY)
    authority = sub(dian, "sts:AuthorizationProvider")
    sub(
        authority,
        "sts:AuthorizationProviderID",
        DIAN_NIT,
        **DIAN_AGENCY,
        schemeID=DIAN_CHECK_DIGIT,
        schemeName="31",
    )
    sub(dian, "sts:QRCode", qr)
    # The signature's place: `signing.sign_document` fills this second extension.
    sub(sub(extensions, "ext:UBLExtension"), "ext:ExtensionContent")


def _add_header(
    root: etree._Element, name: str, draft: InvoiceDraft, key: str, totals: DocumentTotals
) -> None:
    sub(root, "cbc:UBLVersionID", "UBL 2.1")
    sub(root, "cbc:CustomizationID", customization_id(draft))
    sub(root, "cbc:ProfileID", _PROFILE[name])
    sub(root, "cbc:ProfileExecutionID", draft.environment.value)
    sub(root, "cbc:ID", draft.document_number)
    sub(
        root,
        "cbc:UUID",
        key,
        schemeID=draft.environment.value,
        schemeName=key_scheme_name(draft),
    )
    sub(root, "cbc:IssueDate", draft.issue_date.isoformat())
    sub(root, "cbc:IssueTime", format_issue_time(draft.issue_time))
    if name == "Invoice":
        if draft.due_date is not None:
            sub(root, "cbc:DueDate", draft.due_date.isoformat())
        sub(root, "cbc:InvoiceTypeCode", draft.kind.value)
    elif name == "CreditNote":
        sub(root, "cbc:CreditNoteTypeCode", draft.kind.value)
    for note in draft.notes:
        sub(root, "cbc:Note", note)
    sub(
        root,
        "cbc:DocumentCurrencyCode",
        draft.currency,
        listAgencyID="6",
        listAgencyName="United Nations Economic Commission for Europe",
        listID="ISO 4217 Alpha",
    )
    sub(root, "cbc:LineCountNumeric", str(len(totals.lines)))
    ref = draft.billing_reference
    if draft.kind.is_note and ref is not None:
        discrepancy = sub(root, "cac:DiscrepancyResponse")
        sub(discrepancy, "cbc:ReferenceID", ref.number)
        sub(discrepancy, "cbc:ResponseCode", ref.reason_code)
        sub(discrepancy, "cbc:Description", ref.reason_text)
        document = sub(sub(root, "cac:BillingReference"), "cac:InvoiceDocumentReference")
        sub(document, "cbc:ID", ref.number)
        sub(document, "cbc:UUID", ref.cufe, schemeName="CUFE-SHA384")
        sub(document, "cbc:IssueDate", ref.issue_date.isoformat())


def _add_tax_total(root: etree._Element, subtotals: list[TaxAmount], draft: InvoiceDraft) -> None:
    total = sub(root, "cac:TaxTotal")
    amount = sum((t.amount for t in subtotals), Decimal("0"))
    sub(total, "cbc:TaxAmount", dian_amount(amount), currencyID=draft.currency)
    for tax in subtotals:
        _add_tax_subtotal(total, tax, draft.currency)


def _add_tax_subtotal(total: etree._Element, tax: TaxAmount, currency: str) -> None:
    node = sub(total, "cac:TaxSubtotal")
    sub(node, "cbc:TaxableAmount", dian_amount(tax.taxable), currencyID=currency)
    sub(node, "cbc:TaxAmount", dian_amount(tax.amount), currencyID=currency)
    category = sub(node, "cac:TaxCategory")
    sub(category, "cbc:Percent", dian_rate(tax.rate))
    scheme = sub(category, "cac:TaxScheme")
    sub(scheme, "cbc:ID", tax.scheme)
    sub(scheme, "cbc:Name", TAX_NAMES[tax.scheme])


def _add_monetary_total(
    root: etree._Element, name: str, totals: DocumentTotals, currency: str
) -> None:
    tag = "cac:RequestedMonetaryTotal" if name == "DebitNote" else "cac:LegalMonetaryTotal"
    node = sub(root, tag)
    sub(node, "cbc:LineExtensionAmount", dian_amount(totals.line_extension), currencyID=currency)
    sub(node, "cbc:TaxExclusiveAmount", dian_amount(totals.tax_exclusive), currencyID=currency)
    sub(node, "cbc:TaxInclusiveAmount", dian_amount(totals.tax_inclusive), currencyID=currency)
    sub(node, "cbc:PayableAmount", dian_amount(totals.payable), currencyID=currency)


def quantity_text(value: Decimal) -> str:
    """A quantity without exponent or needless zeros (`2`, `1.5`)."""
    return format(value.normalize(), "f")


def price_text(value: Decimal) -> str:
    """A unit price: 2 decimals unless it carries more precision."""
    if value == value.quantize(Decimal("0.01")):
        return dian_amount(value)
    return format(value.normalize(), "f")


def _add_lines(root: etree._Element, name: str, totals: DocumentTotals, currency: str) -> None:
    for index, lt in enumerate(totals.lines, start=1):
        line = lt.line
        node = sub(root, f"cac:{_LINE[name]}")
        sub(node, "cbc:ID", str(index))
        sub(node, f"cbc:{_QUANTITY[name]}", quantity_text(line.quantity), unitCode=line.unit_code)
        sub(node, "cbc:LineExtensionAmount", dian_amount(lt.extension), currencyID=currency)
        for tax in lt.taxes:
            total = sub(node, "cac:TaxTotal")
            sub(total, "cbc:TaxAmount", dian_amount(tax.amount), currencyID=currency)
            _add_tax_subtotal(total, tax, currency)
        item = sub(node, "cac:Item")
        sub(item, "cbc:Description", line.description)
        if line.item_code:
            standard = sub(item, "cac:StandardItemIdentification")
            sub(standard, "cbc:ID", line.item_code, schemeID="999")
        price = sub(node, "cac:Price")
        sub(price, "cbc:PriceAmount", price_text(line.unit_price), currencyID=currency)
        sub(price, "cbc:BaseQuantity", "1", unitCode=line.unit_code)
