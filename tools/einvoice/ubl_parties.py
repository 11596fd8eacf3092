"""Supplier and customer parties of a UBL 2.1 document, DIAN flavour."""

from __future__ import annotations

from lxml import etree

from tools.einvoice.types import Address, Party
from tools.einvoice.xmlns import DIAN_AGENCY, sub

NIT_TYPE = "31"


def company_id_attrs(party: Party) -> dict[str, str]:
    """`CompanyID` attributes: DIAN agency, check digit (NIT only), identification type."""
    attrs = dict(DIAN_AGENCY)
    if party.id_type == NIT_TYPE and party.check_digit is not None:
        attrs["schemeID"] = party.check_digit
    attrs["schemeName"] = party.id_type
    return attrs


def add_address(parent: etree._Element, tag: str, address: Address) -> None:
    """`cac:Address` / `cac:RegistrationAddress` with DANE codes."""
    node = sub(parent, tag)
    sub(node, "cbc:ID", address.city_code)
    sub(node, "cbc:CityName", address.city_name)
    sub(node, "cbc:CountrySubentity", address.department_name)
    sub(node, "cbc:CountrySubentityCode", address.department_code)
    sub(sub(node, "cac:AddressLine"), "cbc:Line", address.line)
    country = sub(node, "cac:Country")
    sub(country, "cbc:IdentificationCode", address.country_code)
    sub(country, "cbc:Name", address.country_name, languageID="es")


def add_party(
    parent: etree._Element, tag: str, party: Party, *, registration_prefix: str | None = None
) -> None:
    """`cac:AccountingSupplierParty` or `cac:AccountingCustomerParty`."""
    wrapper = sub(parent, tag)
    sub(wrapper, "cbc:AdditionalAccountID", party.person_type)
    node = sub(wrapper, "cac:Party")
    if party.ciiu:
        sub(node, "cbc:IndustryClassificationCode", party.ciiu)
    if registration_prefix is None:
        # The customer's identification, as natural persons need it.
        ident = sub(node, "cac:PartyIdentification")
        sub(ident, "cbc:ID", party.id_number, **company_id_attrs(party))
    sub(sub(node, "cac:PartyName"), "cbc:Name", party.trade_name or party.name)
    location = sub(node, "cac:PhysicalLocation")
    add_address(location, "cac:Address", party.address)

    tax_scheme = sub(node, "cac:PartyTaxScheme")
    sub(tax_scheme, "cbc:RegistrationName", party.name)
    sub(tax_scheme, "cbc:CompanyID", party.id_number, **company_id_attrs(party))
    sub(tax_scheme, "cbc:TaxLevelCode", ";".join(party.tax_level_codes), listName="48")
    add_address(tax_scheme, "cac:RegistrationAddress", party.address)
    scheme = sub(tax_scheme, "cac:TaxScheme")
    if party.vat_responsible:
        sub(scheme, "cbc:ID", "01")
        sub(scheme, "cbc:Name", "IVA")
    else:
        sub(scheme, "cbc:ID", "ZZ")
        sub(scheme, "cbc:Name", "No aplica")

    legal = sub(node, "cac:PartyLegalEntity")
    sub(legal, "cbc:RegistrationName", party.name)
    sub(legal, "cbc:CompanyID", party.id_number, **company_id_attrs(party))
    if registration_prefix is not None:
        sub(sub(legal, "cac:CorporateRegistrationScheme"), "cbc:ID", registration_prefix)

    if party.email or party.phone:
        contact = sub(node, "cac:Contact")
        if party.phone:
            sub(contact, "cbc:Telephone", party.phone)
        if party.email:
            sub(contact, "cbc:ElectronicMail", party.email)
