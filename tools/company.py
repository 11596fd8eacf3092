"""The caller's own company, as a person names it: for telling "the other one" apart."""

from __future__ import annotations

from ledger.models import Company
from tools.context import ToolContext


def own_company(ctx: ToolContext) -> tuple[str, str]:
    """(name, NIT without check digit) of the caller's company; ('', '') without one."""
    if ctx.principal.company_id is None:
        return "", ""
    with ctx.session() as session:
        company = session.get(Company, ctx.company_id)
        return (company.name, company.nit) if company is not None else ("", "")
