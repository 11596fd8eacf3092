"""The READ tool `inspect_dian_files`: what DIAN documents a set of files holds.

Paths are resolved inside the data directory (`CUADRE_DATA_DIR`) and must stay there: a
conversation cannot make Cuadre read arbitrary files of the server. Uploads
(`upload:<id>/<name>`, `tools.files`) are copied from the database into its cache first.
"""

from __future__ import annotations

from dataclasses import replace
from itertools import islice

from pydantic import BaseModel, ConfigDict, Field

from tools.context import ToolContext
from tools.dian.direction import direction
from tools.dian.model import DianDocument, IngestFailure, SourceRef
from tools.dian.serialize import money
from tools.dian.stream import iter_documents
from tools.errors import ToolError
from tools.files import display_name, local_path, parse_ref
from tools.registry import ToolKind, tool

MAX_LISTED = 200


class InspectDianFilesInput(BaseModel):
    """Archivos a revisar."""

    paths: list[str] = Field(
        min_length=1,
        description="Rutas de archivos XML, ZIP o XLSX de la DIAN, o carpetas que los contienen.",
        examples=[["cargas/correo_proveedor.zip"], ["cargas/listado_dian_2024.zip"]],
    )
    company_nit: str | None = Field(
        default=None,
        description="NIT de la empresa (sin dígito de verificación) para decir si cada "
        "documento es compra o venta.",
        examples=["900390126"],
    )


class DocumentSummary(BaseModel):
    """Un documento encontrado, en pocas palabras."""

    model_config = ConfigDict(frozen=True)

    source: str
    kind: str
    type_code: str | None
    number: str | None
    issue_date: str | None
    issuer: str
    receiver: str
    currency: str | None
    payable: str | None
    validation: str | None
    direction: str | None = None
    issues: list[str] = []


class FailureSummary(BaseModel):
    """Un archivo, entrada de ZIP o fila que no se pudo leer, y por qué."""

    model_config = ConfigDict(frozen=True)

    source: str
    code: str
    message: str


class InspectDianFilesOutput(BaseModel):
    """Resumen de lo encontrado."""

    documents_found: int
    documents_with_issues: int
    failures_found: int
    documents: list[DocumentSummary]
    failures: list[FailureSummary]
    truncated: bool = Field(
        description=f"True si hubo más de {MAX_LISTED} resultados de cada tipo."
    )


@tool(
    kind=ToolKind.READ,
    examples=(
        "revisa las facturas que me llegaron en este zip",
        "¿qué trae el listado de la DIAN que subí?",
        "mira si estas facturas electrónicas tienen errores",
        "lee los XML de la carpeta de compras de marzo",
        "chequea este archivo que me mandaron",
        "¿qué trae este archivo?",
    ),
)
def inspect_dian_files(ctx: ToolContext, args: InspectDianFilesInput) -> InspectDianFilesOutput:
    """Lee archivos de la DIAN (factura XML, AttachedDocument, ZIP del proveedor, carpetas,
    listado del portal en .xlsx o .zip) sin registrar nada, y resume cada documento:
    tipo, número, fecha, emisor, receptor, total, validación DIAN y observaciones
    (NIT con dígito de verificación errado, totales que no cuadran, códigos desconocidos,
    campos faltantes). Los archivos dañados o peligrosos se listan con el motivo.

    Args:
        paths: rutas dentro de la carpeta de datos, p. ej. ["cargas/proveedor.zip"].
        company_nit: NIT de la empresa, p. ej. "900390126", para marcar compra o venta.
    """
    root = ctx.settings.data_dir.resolve()
    resolved = []
    names: dict[str, str] = {}  # cache path -> the upload's file name, for the messages
    for raw in args.paths:
        local = local_path(ctx.engine, ctx.settings, ctx.company_id, raw) if parse_ref(raw) else raw
        path = (root / local).resolve()  # an absolute `local` replaces root, then is checked
        names[str(path)] = display_name(raw)
        if not path.is_relative_to(root):
            raise ToolError(
                "ruta_no_permitida",
                f"Solo puedo leer archivos dentro de la carpeta de datos de Cuadre; «{raw}» "
                "está fuera.",
            )
        resolved.append(path)
    documents: list[DocumentSummary] = []
    failures: list[FailureSummary] = []
    counts = {"documents": 0, "issues": 0, "failures": 0}
    for result in iter_documents(resolved):
        if isinstance(result, IngestFailure):
            counts["failures"] += 1
            if len(failures) < MAX_LISTED:
                failures.append(
                    FailureSummary(
                        source=_label(result.source, names),
                        code=result.code,
                        message=result.message_es,
                    )
                )
            continue
        counts["documents"] += 1
        counts["issues"] += bool(result.issues)
        if len(documents) < MAX_LISTED:
            documents.append(_summary(result, args.company_nit, names))
    return InspectDianFilesOutput(
        documents_found=counts["documents"],
        documents_with_issues=counts["issues"],
        failures_found=counts["failures"],
        documents=documents,
        failures=failures,
        truncated=counts["documents"] > MAX_LISTED or counts["failures"] > MAX_LISTED,
    )


def _label(source: SourceRef, names: dict[str, str]) -> str:
    name = names.get(source.file)
    return (replace(source, file=name) if name else source).label()


def _summary(doc: DianDocument, company_nit: str | None, names: dict[str, str]) -> DocumentSummary:
    issues = [issue.message_es for issue in islice(doc.issues, 20)]
    where = None
    if company_nit:
        try:
            where = "compra" if direction(doc, company_nit).value == "received" else "venta"
        except ToolError as exc:
            issues.insert(0, exc.message_es)
    return DocumentSummary(
        source=_label(doc.source, names),
        kind=doc.kind.value,
        type_code=doc.type_code,
        number=doc.number,
        issue_date=doc.issue_date.isoformat() if doc.issue_date else None,
        issuer=f"{doc.issuer.name or '?'} (NIT {doc.issuer.nit or '?'})",
        receiver=f"{doc.receiver.name or '?'} (NIT {doc.receiver.nit or '?'})",
        currency=doc.currency,
        payable=money(doc.totals.payable),
        validation=doc.validation.code if doc.validation else None,
        direction=where,
        issues=issues,
    )
