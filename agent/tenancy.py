"""Requests for another company's data: a planner never switches company.

Pure. The session is scoped to the caller's company whatever a message says, so a
request for another company's books would quietly answer with the caller's own; it is
answered with `ONLY_THIS_COMPANY` instead. A message asks for another company when it
says so («la otra empresa», «mi otra compañía», «la empresa de mi socio», «la empresa
con NIT 900373115» that is not the caller's), asks to switch («cámbiate a la
panadería»), or asks a company-wide report of a business that is not the caller's
(«el balance de PANADERÍA LA ESPIGA DORADA»).
"""

from __future__ import annotations

import re

from agent.normalize import fold

ONLY_THIS_COMPANY = (
    "Solo puedo ver la información de la empresa con la que entraste; no puedo consultar "
    "otra empresa. Si tienes acceso a otra, cámbiate de empresa desde el panel (o usa "
    "`--company-nit` en la consola)."
)

_COMPANY = r"(?:empresas?|compa[nñ]ias?|negocios?|sociedad(?:es)?)"
# "la otra empresa", "mi otra compañía", "las demás empresas", "la empresa de mi socio",
# "la empresa 2". Matched on folded text.
OTHER_COMPANY = re.compile(
    rf"\b(?:otras?|demas)\s+{_COMPANY}\b|\botros?\s+negocios?\b"
    r"|\bempresas?\s+(?:de mi|del|de la|de los|de las|\d+\b)"
)
# "la empresa con NIT 900373115", "la compañía nit 900.373.115".
COMPANY_NIT = re.compile(
    rf"\b{_COMPANY}\s+(?:con\s+(?:el\s+)?)?nit\.?:?\s*(?:n[o°]\.?\s*)?(\d{{1,3}}(?:[.\s]?\d{{3}}){{2,3}})"
)
# "cámbiate a la panadería", "pásate a la otra", "cambia de empresa".
SWITCH = re.compile(
    r"\b(?:cambiate|pasate|muevete)\s+(?:a|al|para)\s+\w"
    rf"|\bcambia(?:r|rme|te|nos)?\s+(?:de|a\s+otra)\s+{_COMPANY}\b"
)
# Words that name a business (its trade or its legal form), not an account or a concept.
BUSINESS = re.compile(
    r"\b(?:panaderia|ferreteria|drogueria|restaurante|tienda|almacen|taller|distribuidora"
    r"|comercializadora|supermercado|minimercado|constructora|inversiones|sas|s\.a\.s|ltda)\b"
)


def asks_for_other_company(
    text: str, *, own_name: str = "", own_nit: str = "", company_wide: bool = False
) -> bool:
    """True when `text` asks for (or to switch to) a company other than the caller's.

    `own_name` and `own_nit` are the caller's company (a business or NIT that is the
    caller's own is no other company); `company_wide` is True when the request is for a
    report of the whole company (a balance, its invoices), where a business's name can
    only mean whose books.
    """
    folded = fold(text)
    if OTHER_COMPANY.search(folded) or SWITCH.search(folded):
        return True
    for found in COMPANY_NIT.finditer(folded):
        if re.sub(r"\D", "", found.group(1)) != re.sub(r"\D", "", own_nit):
            return True
    if company_wide:
        own = set(BUSINESS.findall(fold(own_name)))
        return any(name not in own for name in BUSINESS.findall(folded))
    return False
