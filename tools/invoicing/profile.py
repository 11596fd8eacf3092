"""The company's e-invoicing profile: address, contact, software, automatic sending.

Colombia (DIAN Resolution 000012 of 2021): documents accepted by the DIAN are e-mailed to
the customer automatically once e-invoicing is configured. Elsewhere it is the company's
setting ("Envío automático de documentos electrónicos").
"""

from __future__ import annotations

from typing import Any

from sqlmodel import Session, select
from stdnum.co import nit as co_nit

from ledger.books import load_company, scoped_company_id
from ledger.models import Company, EInvoiceProfile
from tools.einvoice.types import Address, Environment, Party, Software
from tools.errors import ToolError

_EDITABLE = frozenset(
    {
        "country", "address_line", "city_code", "city_name", "department_code",
        "department_name", "email", "phone", "software_id", "software_pin", "provider_nit",
        "environment", "auto_send",
    }
)  # fmt: skip


def get_profile(session: Session) -> EInvoiceProfile | None:
    """The company's profile, if e-invoicing was ever set up."""
    # Outbox jobs change the profile from other sessions: always read the stored row.
    statement = select(EInvoiceProfile).execution_options(populate_existing=True)
    return session.exec(statement).first()


def require_profile(session: Session) -> EInvoiceProfile:
    """The profile, or a Spanish error saying how to create it."""
    profile = get_profile(session)
    if profile is None or not einvoicing_configured(profile):
        raise ToolError(
            "facturacion_no_configurada",
            "La facturación electrónica no está configurada: indica la dirección, el correo "
            "y el software de facturación (`cuadre invoices setup`).",
        )
    return profile


def configure_profile(session: Session, **values: Any) -> EInvoiceProfile:
    """Create or update the profile with the given fields; commits."""
    unknown = set(values) - _EDITABLE
    if unknown:
        raise ValueError(f"unknown profile fields: {sorted(unknown)}")
    profile = get_profile(session) or EInvoiceProfile(company_id=scoped_company_id(session))
    for name, value in values.items():
        setattr(profile, name, value)
    session.add(profile)
    session.commit()
    return profile


def einvoicing_configured(profile: EInvoiceProfile) -> bool:
    """The DIAN software is registered (what issuing needs at the least)."""
    return bool(profile.software_id and profile.software_pin)


def auto_send_enabled(profile: EInvoiceProfile | None) -> bool:
    """On in Colombia once configured; elsewhere only when the company turned it on."""
    if profile is None:
        return False
    if profile.auto_send is not None:
        return profile.auto_send
    return profile.country == "CO" and einvoicing_configured(profile)


def supplier_party(company: Company, profile: EInvoiceProfile) -> Party:
    """The company as the issuer of its e-documents."""
    return Party(
        id_number=company.nit,
        check_digit=company.check_digit,
        name=company.name,
        address=profile_address(profile),
        tax_level_codes=tuple(c for c in company.tax_responsibilities.split(",") if c)
        or ("R-99-PN",),
        vat_responsible=company.vat_responsible,
        email=profile.email or None,
        phone=profile.phone or None,
        ciiu=company.ciiu_list[0] if company.ciiu_list else None,
    )


def profile_address(profile: EInvoiceProfile) -> Address:
    """The company's address with its DANE codes."""
    return Address(
        line=profile.address_line,
        city_code=profile.city_code,
        city_name=profile.city_name,
        department_name=profile.department_name,
        department_code=profile.department_code,
    )


def software(company: Company, profile: EInvoiceProfile) -> Software:
    """The registered software; the provider is the company itself unless configured."""
    provider = profile.provider_nit or company.nit
    return Software(
        software_id=profile.software_id,
        pin=profile.software_pin,
        provider_nit=provider,
        provider_check_digit=co_nit.calc_check_digit(provider),
    )


def environment(profile: EInvoiceProfile) -> Environment:
    """Production or testing (habilitación)."""
    return Environment(profile.environment)


def company_of(session: Session) -> Company:
    """The session's company row."""
    return load_company(session, scoped_company_id(session))
