"""Seller and buyer of a UBL document (`AccountingSupplierParty` / `AccountingCustomerParty`).

The pure-Python reader; `tools.dian.readers` uses the compiled twin in `_speedups.pyx`
when it was built, and the tests hold both to the same results.
"""

from __future__ import annotations

from tools.dian.model import Party
from tools.dian.ns import q
from tools.dian.ubl_parts import ID, NAME, Element, child, present, text_of

ADDITIONAL_ACCOUNT_ID = q("cbc:AdditionalAccountID")
PARTY = q("cac:Party")
PARTY_TAX_SCHEME = q("cac:PartyTaxScheme")
PARTY_LEGAL_ENTITY = q("cac:PartyLegalEntity")
PARTY_IDENTIFICATION = q("cac:PartyIdentification")
PARTY_NAME = q("cac:PartyName")
CONTACT = q("cac:Contact")
COMPANY_ID = q("cbc:CompanyID")
REGISTRATION_NAME = q("cbc:RegistrationName")
EMAIL = q("cbc:ElectronicMail")
TAX_LEVEL_CODE = q("cbc:TaxLevelCode")
INDUSTRY_CODE = q("cbc:IndustryClassificationCode")

# What `read_party` reads at each level; a role without `cac:Party` holds the party's
# own children (so the role's set includes them).
_PARTY_TAGS = frozenset(
    {PARTY_TAX_SCHEME, PARTY_LEGAL_ENTITY, PARTY_IDENTIFICATION, PARTY_NAME, CONTACT, INDUSTRY_CODE}
)
_ROLE_TAGS = _PARTY_TAGS | {PARTY, ADDITIONAL_ACCOUNT_ID}
_TAX_SCHEME_TAGS = frozenset({COMPANY_ID, REGISTRATION_NAME, TAX_LEVEL_CODE})
_LEGAL_TAGS = frozenset({COMPANY_ID, REGISTRATION_NAME})


def firsts(element: Element | None, wanted: frozenset[str]) -> dict[str, Element]:
    """The first child of `element` for each tag in `wanted` (cheaper than `kids` where
    only a few tags are read: no list per tag)."""
    found: dict[str, Element] = {}
    if element is not None:
        for candidate in element:
            tag = candidate.tag
            if tag in wanted and tag not in found:
                found[tag] = candidate
    return found


def read_party(role: Element | None) -> Party:
    """`AccountingSupplierParty` / `AccountingCustomerParty` (or Sender/Receiver)."""
    if role is None:
        return Party(id_type=None, nit=None, dv=None, name=None)
    role_kids = firsts(role, _ROLE_TAGS)
    holder = role_kids.get(PARTY)
    party_kids = firsts(holder, _PARTY_TAGS) if holder is not None else role_kids
    tax_kids = firsts(party_kids.get(PARTY_TAX_SCHEME), _TAX_SCHEME_TAGS)
    legal_kids = firsts(party_kids.get(PARTY_LEGAL_ENTITY), _LEGAL_TAGS)
    id_element = present(
        tax_kids.get(COMPANY_ID),
        legal_kids.get(COMPANY_ID),
        child(party_kids.get(PARTY_IDENTIFICATION), ID),
    )
    nit = dv = id_type = None
    if id_element is not None:
        # CompanyID text may carry spaces and newlines in real files.
        nit = "".join((id_element.text or "").split()) or None
        dv = (id_element.get("schemeID") or "").strip() or None
        id_type = (id_element.get("schemeName") or "").strip() or None
    name = (
        text_of(tax_kids.get(REGISTRATION_NAME))
        or text_of(legal_kids.get(REGISTRATION_NAME))
        or text_of(child(party_kids.get(PARTY_NAME), NAME))
    )
    levels = text_of(tax_kids.get(TAX_LEVEL_CODE)) or ""
    return Party(
        id_type=id_type,
        nit=nit,
        dv=dv,
        name=name,
        email=text_of(child(party_kids.get(CONTACT), EMAIL)),
        person_type=text_of(role_kids.get(ADDITIONAL_ACCOUNT_ID)),
        tax_responsibilities=tuple(code.strip() for code in levels.split(";") if code.strip()),
        ciiu=text_of(party_kids.get(INDUSTRY_CODE)),
    )
