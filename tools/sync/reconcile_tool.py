"""The fiscal reconciler as a READ tool: DIAN files against the books for a period."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, ConfigDict, Field

from ledger.models import Company
from tools.context import ToolContext
from tools.dian import iter_documents
from tools.files import local_paths
from tools.registry import ToolKind, tool
from tools.sync.reconcile import Reconciliation, reconcile


class ReconcileInput(BaseModel):
    model_config = ConfigDict(frozen=True)

    files: tuple[str, ...] = Field(
        min_length=1, description="Listado de la DIAN (.xlsx/.zip) y/o XML o ZIP de documentos."
    )
    start: date = Field(description="Desde (AAAA-MM-DD).")
    end: date = Field(description="Hasta (AAAA-MM-DD).")


@tool(
    kind=ToolKind.READ,
    examples=(
        "concilia lo de la dian con mis libros de marzo",
        "q facturas tiene la dian que yo no he registrado?",
        "compara el listado de la dian con la contabilidad del 2024",
        "hay facturas rechazadas que yo haya contabilizado?",
        "concíliame este listado con la contabilidad del año",
    ),
)
def reconcile_dian(ctx: ToolContext, args: ReconcileInput) -> Reconciliation:
    """Conciliador fiscal: compara lo que la DIAN tiene de un periodo (listado o
    documentos) con tus libros y dice qué cuadra, qué está en la DIAN y no en los libros,
    qué está en los libros y no en la DIAN, diferencias de valor o de impuestos y
    documentos rechazados por la DIAN que quedaron registrados. No cambia nada."""
    with ctx.session() as session:
        company = session.get(Company, ctx.company_id)
        assert company is not None
        files = local_paths(ctx.engine, ctx.settings, ctx.company_id, args.files)
        return reconcile(session, company.nit, iter_documents(files), args.start, args.end)
