# ruff: noqa: E501  (XML templates read better unbroken)
"""UBL 2.1 text for generated documents: Invoice/CreditNote/DebitNote inside an
AttachedDocument with the DIAN's ApplicationResponse, as suppliers e-mail them.

Only what `tools.dian` reads and the DIAN requires for the accounting data (parties,
dates, payment, taxes, withholdings, totals, lines); no signature.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from xml.sax.saxutils import escape

from ledger.money import to_money

CAC = "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"
CBC = "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"
ROOT = "urn:oasis:names:specification:ubl:schema:xsd:{}-2"


@dataclass(frozen=True)
class GenParty:
    """A generated seller or buyer with a valid NIT (or cédula, id type 13)."""

    nit: str
    dv: str
    name: str
    id_type: str = "31"
    email: str = "facturacion@example.co"


@dataclass(frozen=True)
class GenLine:
    """A line; `withholdings` are (scheme, percent) applied to the base (VAT for 05)."""

    description: str
    quantity: Decimal
    unit_price: Decimal
    vat_rate: Decimal | None = Decimal(19)
    withholdings: tuple[tuple[str, Decimal], ...] = ()

    @property
    def total(self) -> Decimal:
        return to_money(self.quantity * self.unit_price)

    @property
    def vat(self) -> Decimal:
        return (
            to_money(self.total * self.vat_rate / 100) if self.vat_rate is not None else Decimal(0)
        )

    def withheld(self) -> list[tuple[str, Decimal, Decimal, Decimal]]:
        """(scheme, rate, base, amount) of each withholding."""
        out = []
        for scheme, rate in self.withholdings:
            base = self.vat if scheme == "05" else self.total
            out.append((scheme, rate, base, to_money(base * rate / 100)))
        return out


@dataclass(frozen=True)
class GenDoc:
    """One generated electronic document."""

    root: str  # Invoice | CreditNote | DebitNote
    type_code: str
    number: str
    prefix: str
    cufe: str
    issue_date: date
    due_date: date | None
    payment_form: str  # 1 contado, 2 crédito
    supplier: GenParty
    customer: GenParty
    lines: tuple[GenLine, ...]
    response_code: str = "02"
    billing_ref: tuple[str, str, date] | None = None

    @property
    def base(self) -> Decimal:
        return sum((line.total for line in self.lines), Decimal(0))

    @property
    def vat(self) -> Decimal:
        return sum((line.vat for line in self.lines), Decimal(0))

    @property
    def payable(self) -> Decimal:
        return self.base + self.vat

    def withholding(self, scheme: str) -> Decimal:
        return sum(
            (a for ln in self.lines for s, _r, _b, a in ln.withheld() if s == scheme), Decimal(0)
        )


def _party(tag: str, p: GenParty) -> str:
    return (
        f"<cac:{tag}><cbc:AdditionalAccountID>{'2' if p.id_type == '13' else '1'}</cbc:AdditionalAccountID>"
        f"<cac:Party><cac:PartyName><cbc:Name>{escape(p.name)}</cbc:Name></cac:PartyName>"
        f"<cac:PartyTaxScheme><cbc:RegistrationName>{escape(p.name)}</cbc:RegistrationName>"
        f'<cbc:CompanyID schemeAgencyID="195" schemeID="{p.dv}" schemeName="{p.id_type}">{p.nit}</cbc:CompanyID>'
        f'<cbc:TaxLevelCode listName="48">R-99-PN</cbc:TaxLevelCode>'
        "<cac:TaxScheme><cbc:ID>01</cbc:ID><cbc:Name>IVA</cbc:Name></cac:TaxScheme></cac:PartyTaxScheme>"
        f"<cac:Contact><cbc:ElectronicMail>{p.email}</cbc:ElectronicMail></cac:Contact></cac:Party></cac:{tag}>"
    )


def _totals(tag: str, groups: dict[tuple[str, Decimal], list[Decimal]]) -> str:
    out = []
    for scheme in sorted({s for s, _ in groups}):
        subs = sorted((rate, v) for (s, rate), v in groups.items() if s == scheme)
        body = "".join(
            f'<cac:TaxSubtotal><cbc:TaxableAmount currencyID="COP">{v[0]}</cbc:TaxableAmount>'
            f'<cbc:TaxAmount currencyID="COP">{v[1]}</cbc:TaxAmount><cac:TaxCategory>'
            f"<cbc:Percent>{rate:.2f}</cbc:Percent><cac:TaxScheme><cbc:ID>{scheme}</cbc:ID>"
            "</cac:TaxScheme></cac:TaxCategory></cac:TaxSubtotal>"
            for rate, v in subs
        )
        amount = sum((v[1] for _, v in subs), Decimal(0))
        out.append(
            f'<cac:{tag}><cbc:TaxAmount currencyID="COP">{amount}</cbc:TaxAmount>{body}</cac:{tag}>'
        )
    return "".join(out)


def ubl_xml(doc: GenDoc) -> str:
    """The document as DIAN UBL 2.1 text."""
    line_tag, qty_tag = {
        "Invoice": ("InvoiceLine", "InvoicedQuantity"),
        "CreditNote": ("CreditNoteLine", "CreditedQuantity"),
        "DebitNote": ("DebitNoteLine", "DebitedQuantity"),
    }[doc.root]
    taxes: dict[tuple[str, Decimal], list[Decimal]] = {}
    held: dict[tuple[str, Decimal], list[Decimal]] = {}
    lines = []
    for number, line in enumerate(doc.lines, start=1):
        line_tax: dict[tuple[str, Decimal], list[Decimal]] = {}
        if line.vat_rate is not None:
            line_tax[("01", line.vat_rate)] = [line.total, line.vat]
            acc = taxes.setdefault(("01", line.vat_rate), [Decimal(0), Decimal(0)])
            acc[0] += line.total
            acc[1] += line.vat
        for scheme, rate, base, amount in line.withheld():
            acc = held.setdefault((scheme, rate), [Decimal(0), Decimal(0)])
            acc[0] += base
            acc[1] += amount
        lines.append(
            f"<cac:{line_tag}><cbc:ID>{number}</cbc:ID>"
            f'<cbc:{qty_tag} unitCode="94">{line.quantity}</cbc:{qty_tag}>'
            f'<cbc:LineExtensionAmount currencyID="COP">{line.total}</cbc:LineExtensionAmount>'
            + _totals("TaxTotal", line_tax)
            + f"<cac:Item><cbc:Description>{escape(line.description)}</cbc:Description></cac:Item>"
            f'<cac:Price><cbc:PriceAmount currencyID="COP">{line.unit_price}</cbc:PriceAmount>'
            f'<cbc:BaseQuantity unitCode="94">1</cbc:BaseQuantity></cac:Price></cac:{line_tag}>'
        )
    total_tag = "RequestedMonetaryTotal" if doc.root == "DebitNote" else "LegalMonetaryTotal"
    taxed = sum((ln.total for ln in doc.lines if ln.vat_rate is not None), Decimal(0))
    totals = (
        f'<cac:{total_tag}><cbc:LineExtensionAmount currencyID="COP">{doc.base}</cbc:LineExtensionAmount>'
        f'<cbc:TaxExclusiveAmount currencyID="COP">{taxed}</cbc:TaxExclusiveAmount>'
        f'<cbc:TaxInclusiveAmount currencyID="COP">{doc.payable}</cbc:TaxInclusiveAmount>'
        f'<cbc:PayableAmount currencyID="COP">{doc.payable}</cbc:PayableAmount></cac:{total_tag}>'
    )
    due = (
        f"<cbc:DueDate>{doc.due_date}</cbc:DueDate>"
        if doc.due_date and doc.root == "Invoice"
        else ""
    )
    ref = ""
    if doc.billing_ref:
        ref_number, cufe, on = doc.billing_ref
        ref = (
            f"<cac:DiscrepancyResponse><cbc:ReferenceID>{ref_number}</cbc:ReferenceID><cbc:ResponseCode>"
            f"{'2' if doc.root == 'CreditNote' else '1'}</cbc:ResponseCode><cbc:Description>Ajuste"
            "</cbc:Description></cac:DiscrepancyResponse><cac:BillingReference><cac:InvoiceDocumentReference>"
            f'<cbc:ID>{ref_number}</cbc:ID><cbc:UUID schemeName="CUFE-SHA384">{cufe}</cbc:UUID>'
            f"<cbc:IssueDate>{on}</cbc:IssueDate></cac:InvoiceDocumentReference></cac:BillingReference>"
        )
    scheme = (
        "CUDS" if doc.type_code in ("05", "95") else ("CUFE" if doc.root == "Invoice" else "CUDE")
    )
    payment = (
        f"<cac:PaymentMeans><cbc:ID>{doc.payment_form}</cbc:ID><cbc:PaymentMeansCode>"
        f"{'10' if doc.payment_form == '1' else '42'}</cbc:PaymentMeansCode>"
        + (f"<cbc:PaymentDueDate>{doc.due_date}</cbc:PaymentDueDate>" if doc.due_date else "")
        + "</cac:PaymentMeans>"
    )
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n<{doc.root} xmlns="{ROOT.format(doc.root)}" '
        f'xmlns:cac="{CAC}" xmlns:cbc="{CBC}">'
        "<cbc:UBLVersionID>UBL 2.1</cbc:UBLVersionID><cbc:CustomizationID>10</cbc:CustomizationID>"
        f"<cbc:ProfileExecutionID>1</cbc:ProfileExecutionID><cbc:ID>{doc.number}</cbc:ID>"
        f'<cbc:UUID schemeID="1" schemeName="{scheme}-SHA384">{doc.cufe}</cbc:UUID>'
        f"<cbc:IssueDate>{doc.issue_date}</cbc:IssueDate><cbc:IssueTime>10:00:00-05:00</cbc:IssueTime>{due}"
        f"<cbc:{doc.root}TypeCode>{doc.type_code}</cbc:{doc.root}TypeCode>"
        f"<cbc:DocumentCurrencyCode>COP</cbc:DocumentCurrencyCode>"
        f"<cbc:LineCountNumeric>{len(doc.lines)}</cbc:LineCountNumeric>{ref}"
        + _party("AccountingSupplierParty", doc.supplier)
        + _party("AccountingCustomerParty", doc.customer)
        + payment
        + _totals("TaxTotal", taxes)
        + _totals("WithholdingTaxTotal", held)
        + totals
        + "".join(lines)
        + f"</{doc.root}>"
    )


def _response(doc: GenDoc) -> str:
    text = (
        "Documento validado por la DIAN"
        if doc.response_code == "02"
        else "Documento rechazado por la DIAN"
    )
    return (
        f'<?xml version="1.0" encoding="utf-8"?><ApplicationResponse xmlns="{ROOT.format("ApplicationResponse")}" '
        f'xmlns:cac="{CAC}" xmlns:cbc="{CBC}"><cbc:UBLVersionID>UBL 2.1</cbc:UBLVersionID>'
        f"<cbc:ID>{doc.number}-R</cbc:ID><cbc:IssueDate>{doc.issue_date}</cbc:IssueDate>"
        f"<cac:DocumentResponse><cac:Response><cbc:ResponseCode>{doc.response_code}</cbc:ResponseCode>"
        f"<cbc:Description>{text}</cbc:Description></cac:Response><cac:DocumentReference>"
        f'<cbc:ID>{doc.number}</cbc:ID><cbc:UUID schemeName="CUFE-SHA384">{doc.cufe}</cbc:UUID>'
        "</cac:DocumentReference></cac:DocumentResponse></ApplicationResponse>"
    )


def attached_xml(doc: GenDoc) -> str:
    """The AttachedDocument container with the document and the DIAN's response."""
    sender = doc.customer if doc.type_code in ("05", "95") else doc.supplier
    receiver = doc.supplier if doc.type_code in ("05", "95") else doc.customer
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n<AttachedDocument '
        f'xmlns="{ROOT.format("AttachedDocument")}" xmlns:cac="{CAC}" xmlns:cbc="{CBC}">'
        "<cbc:UBLVersionID>UBL 2.1</cbc:UBLVersionID><cbc:CustomizationID>Documentos adjuntos</cbc:CustomizationID>"
        f"<cbc:ProfileExecutionID>1</cbc:ProfileExecutionID><cbc:ID>{doc.number}-AD</cbc:ID>"
        f"<cbc:IssueDate>{doc.issue_date}</cbc:IssueDate><cbc:DocumentType>Contenedor de Factura Electrónica"
        f"</cbc:DocumentType><cbc:ParentDocumentID>{doc.number}</cbc:ParentDocumentID>"
        f"<cac:SenderParty><cac:PartyTaxScheme><cbc:RegistrationName>{escape(sender.name)}</cbc:RegistrationName>"
        f'<cbc:CompanyID schemeID="{sender.dv}" schemeName="{sender.id_type}">{sender.nit}</cbc:CompanyID>'
        "</cac:PartyTaxScheme></cac:SenderParty>"
        f"<cac:ReceiverParty><cac:PartyTaxScheme><cbc:RegistrationName>{escape(receiver.name)}</cbc:RegistrationName>"
        f'<cbc:CompanyID schemeID="{receiver.dv}" schemeName="{receiver.id_type}">{receiver.nit}</cbc:CompanyID>'
        "</cac:PartyTaxScheme></cac:ReceiverParty>"
        "<cac:Attachment><cac:ExternalReference><cbc:MimeCode>text/xml</cbc:MimeCode>"
        f"<cbc:EncodingCode>UTF-8</cbc:EncodingCode><cbc:Description><![CDATA[{ubl_xml(doc)}]]></cbc:Description>"
        "</cac:ExternalReference></cac:Attachment>"
        "<cac:ParentDocumentLineReference><cbc:LineID>1</cbc:LineID><cac:DocumentReference>"
        f'<cbc:ID>{doc.number}</cbc:ID><cbc:UUID schemeName="CUFE-SHA384">{doc.cufe}</cbc:UUID>'
        f"<cbc:IssueDate>{doc.issue_date}</cbc:IssueDate><cbc:DocumentType>ApplicationResponse</cbc:DocumentType>"
        "<cac:Attachment><cac:ExternalReference><cbc:MimeCode>text/xml</cbc:MimeCode>"
        f"<cbc:EncodingCode>UTF-8</cbc:EncodingCode><cbc:Description><![CDATA[{_response(doc)}]]>"
        "</cbc:Description></cac:ExternalReference></cac:Attachment><cac:ResultOfVerification>"
        "<cbc:ValidatorID>Unidad Especial Dirección de Impuestos y Aduanas Nacionales</cbc:ValidatorID>"
        f"<cbc:ValidationResultCode>{doc.response_code}</cbc:ValidationResultCode>"
        f"<cbc:ValidationDate>{doc.issue_date}</cbc:ValidationDate></cac:ResultOfVerification>"
        "</cac:DocumentReference></cac:ParentDocumentLineReference></AttachedDocument>\n"
    )
