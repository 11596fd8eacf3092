"""Edge adapter: the company profile from the ledger, when the ledger is there.

The suggester's core never touches a database; this module is the one place that reads
the company's activities (CIIU) and VAT responsibility through the tool context.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable
from typing import Any

from tools.context import ToolContext
from tools.suggest.types import CompanyProfile


def ciiu_codes_of(value: Any) -> tuple[str, ...]:
    """CIIU codes from however a record stores them: '4711,4719', ['4711'], None."""
    if value is None:
        return ()
    items: Iterable[Any] = value.replace(";", ",").split(",") if isinstance(value, str) else value
    return tuple(code for code in (str(item).strip() for item in items) if code)


def profile_from_ledger(ctx: ToolContext) -> CompanyProfile | None:
    """The caller's company profile, or None without a company or a ledger to read."""
    if ctx.principal.company_id is None:
        return None
    try:
        models = importlib.import_module("ledger.models")
    except ImportError:
        return None
    company_model = getattr(models, "Company", None)
    if company_model is None:
        return None
    with ctx.session() as session:
        company = session.get(company_model, ctx.company_id)
        if company is None:
            return None
        codes = ciiu_codes_of(getattr(company, "ciiu_codes", None))
        vat = bool(getattr(company, "vat_responsible", True))
    return CompanyProfile(ciiu_codes=codes, vat_responsible=vat) if codes else None
