"""The AttachedDocument a customer receives: the signed document plus the DIAN's answer.

Both travel as CDATA strings: the document in `cac:Attachment/.../cbc:Description`, the
ApplicationResponse under `cac:ParentDocumentLineReference/cac:DocumentReference`, beside
`cac:ResultOfVerification`. Only a validated document (response code 02) gets one.
"""

from __future__ import annotations

from datetime import datetime

from lxml import etree

from tools.einvoice.signing import SigningCredentials, sign_document
from tools.einvoice.types import InvoiceDraft, Party
from tools.einvoice.ubl_parties import company_id_attrs
from tools.einvoice.xmlns import CAC, CBC, new_root, parse_xml, sub

DIAN_NAME = "Unidad Especial Dirección de Impuestos y Aduanas Nacionales"
VALIDATED = "02"


class NotValidatedError(ValueError):
    """The ApplicationResponse does not say the document was validated."""


def response_code(application_response: bytes) -> str:
    """`DocumentResponse/Response/ResponseCode` of an ApplicationResponse (02, 04...)."""
    root = parse_xml(application_response)
    code = root.findtext(f"{{{CAC}}}DocumentResponse/{{{CAC}}}Response/{{{CBC}}}ResponseCode")
    return (code or "").strip()


def _validation_moment(application_response: bytes) -> tuple[str, str]:
    root = parse_xml(application_response)
    return (
        (root.findtext(f"{{{CBC}}}IssueDate") or "").strip(),
        (root.findtext(f"{{{CBC}}}IssueTime") or "").strip(),
    )


def _party(parent: etree._Element, tag: str, party: Party) -> None:
    scheme = sub(sub(parent, tag), "cac:PartyTaxScheme")
    sub(scheme, "cbc:RegistrationName", party.name)
    sub(scheme, "cbc:CompanyID", party.id_number, **company_id_attrs(party))
    sub(scheme, "cbc:TaxLevelCode", ";".join(party.tax_level_codes), listName="48")
    tax = sub(scheme, "cac:TaxScheme")
    sub(tax, "cbc:ID", "01" if party.vat_responsible else "ZZ")
    sub(tax, "cbc:Name", "IVA" if party.vat_responsible else "No aplica")


def _attachment(parent: etree._Element, text: str) -> None:
    reference = sub(sub(parent, "cac:Attachment"), "cac:ExternalReference")
    sub(reference, "cbc:MimeCode", "text/xml")
    sub(reference, "cbc:EncodingCode", "UTF-8")
    sub(reference, "cbc:Description").text = etree.CDATA(text)


def build_attached_document(
    draft: InvoiceDraft,
    *,
    signed_xml: bytes,
    key: str,
    application_response: bytes,
    credentials: SigningCredentials | None = None,
    signing_time: datetime | None = None,
) -> bytes:
    """The AttachedDocument XML of a validated document, signed when credentials are given."""
    code = response_code(application_response)
    if code != VALIDATED:
        raise NotValidatedError(f"the DIAN did not validate {draft.document_number} ({code!r})")
    validation_date, validation_time = _validation_moment(application_response)
    root = new_root("AttachedDocument")
    sub(sub(sub(root, "ext:UBLExtensions"), "ext:UBLExtension"), "ext:ExtensionContent")
    sub(root, "cbc:UBLVersionID", "UBL 2.1")
    sub(root, "cbc:CustomizationID", "Documentos adjuntos")
    sub(root, "cbc:ProfileID", "Factura Electrónica de Venta")
    sub(root, "cbc:ProfileExecutionID", draft.environment.value)
    sub(root, "cbc:ID", draft.document_number)
    sub(root, "cbc:IssueDate", validation_date or draft.issue_date.isoformat())
    if validation_time:
        sub(root, "cbc:IssueTime", validation_time)
    sub(root, "cbc:DocumentType", "Contenedor de Factura Electrónica")
    sub(root, "cbc:ParentDocumentID", draft.document_number)
    _party(root, "cac:SenderParty", draft.supplier)
    _party(root, "cac:ReceiverParty", draft.customer)
    _attachment(root, signed_xml.decode("utf-8"))

    line = sub(root, "cac:ParentDocumentLineReference")
    sub(line, "cbc:LineID", "1")
    reference = sub(line, "cac:DocumentReference")
    sub(reference, "cbc:ID", draft.document_number)
    scheme = "CUDE-SHA384" if draft.kind.is_note else "CUFE-SHA384"
    sub(reference, "cbc:UUID", key, schemeName=scheme)
    sub(reference, "cbc:IssueDate", draft.issue_date.isoformat())
    sub(reference, "cbc:DocumentType", "ApplicationResponse")
    _attachment(reference, application_response.decode("utf-8"))
    result = sub(reference, "cac:ResultOfVerification")
    sub(result, "cbc:ValidatorID", DIAN_NAME)
    sub(result, "cbc:ValidationResultCode", code)
    if validation_date:
        sub(result, "cbc:ValidationDate", validation_date)
    if validation_time:
        sub(result, "cbc:ValidationTime", validation_time)
    xml = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=False)
    if credentials is None:
        return xml
    return _restore_cdata(sign_document(xml, credentials, signing_time=signing_time))


def _restore_cdata(xml: bytes) -> bytes:
    """Put the embedded documents back in CDATA after signing.

    CDATA and escaped text canonicalize alike, so the signature stays valid; receivers
    (and the DIAN's samples) expect CDATA there.
    """
    root = etree.fromstring(xml)
    for description in root.iterfind(f".//{{{CAC}}}ExternalReference/{{{CBC}}}Description"):
        if description.text:
            description.text = etree.CDATA(description.text)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=False)
