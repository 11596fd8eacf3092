"""DIAN document ingestion: every real container parsed securely into `DianDocument`.

Public API:
- `iter_documents(paths)`: stream of `DianDocument | IngestFailure` from files, folders,
  ZIPs (nested) and the portal listing export.
- `read_document_bytes(data, source)`: one XML (UBL or AttachedDocument) as a result.
- `read_listing(path_or_bytes, source)`: the portal listing rows as results.
- `direction(doc, company_nit) -> Direction`: received (purchase) or issued (sale).
- `result_to_json(result, company_nit=None)`: the CLI/tool JSON shape.
"""

from tools.dian.direction import Direction, direction
from tools.dian.errors import DianInputError
from tools.dian.listing import read_listing
from tools.dian.model import (
    Container,
    DianDocument,
    DianValidation,
    DocumentIssue,
    DocumentKind,
    DocumentLine,
    IngestFailure,
    IngestResult,
    MonetaryTotals,
    Party,
    SourceRef,
    TaxAmount,
)
from tools.dian.serialize import document_to_json, result_to_json
from tools.dian.stream import iter_documents, read_document_bytes

__all__ = [
    "Container",
    "DianDocument",
    "DianInputError",
    "DianValidation",
    "Direction",
    "DocumentIssue",
    "DocumentKind",
    "DocumentLine",
    "IngestFailure",
    "IngestResult",
    "MonetaryTotals",
    "Party",
    "SourceRef",
    "TaxAmount",
    "direction",
    "document_to_json",
    "iter_documents",
    "read_document_bytes",
    "read_listing",
    "result_to_json",
]
