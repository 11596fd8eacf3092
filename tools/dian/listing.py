"""The DIAN portal's listing export (.xlsx, often inside a ZIP) -> one document per row.

Quirks handled: the header is not always on row 1 (the first rows are scanned), amounts
may be es-CO text (`1.452,94`), dates may be `dd-mm-yyyy` text, the same CUFE can appear
twice (later rows are reported, not imported twice). The listing has no lines: each
document carries one summary line with the tax and withholding columns.
"""

from __future__ import annotations

import io
import unicodedata
import zipfile
from collections.abc import Iterator, Sequence
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from tools.dian.archive import guard_sizes, open_zip
from tools.dian.errors import DianInputError
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
from tools.dian.validate import check_document

HEADER_SCAN_ROWS = 30
TAX_COLUMNS = {
    "iva": "01", "ic": "02", "ica": "03", "inc": "04", "timbre": "21", "inc bolsas": "22",
    "in carbono": "23", "in combustibles": "24", "ic datos": "30", "icl": "32", "inpp": "33",
    "ibua": "34", "icui": "35",
}  # fmt: skip
WITHHOLDING_COLUMNS = {"rete iva": "05", "rete renta": "06", "rete ica": "07"}
STATES = {"aprobado": "02", "aprobado con notificacion": "02", "rechazado": "04"}
ZERO = Decimal(0)


def normalize(label: object) -> str:
    """Header or type text without accents, lower case, single spaces."""
    text = unicodedata.normalize("NFKD", str(label or ""))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return " ".join(text.lower().split())


def read_listing(content: str | Path | bytes, source: SourceRef) -> Iterator[IngestResult]:
    """Each row of the listing workbook as a document (or a failure for that row)."""
    stream: str | Path | io.BytesIO = io.BytesIO(content) if isinstance(content, bytes) else content
    archive = open_zip(
        str(stream) if isinstance(stream, Path) else stream
    )  # an .xlsx is a ZIP: refuse bombs before openpyxl inflates it
    with archive:
        guard_sizes(archive)
    if isinstance(stream, io.BytesIO):
        stream.seek(0)
    try:
        workbook = load_workbook(stream, read_only=True, data_only=True)
    except (InvalidFileException, KeyError, zipfile.BadZipFile, OSError, ValueError) as exc:
        raise DianInputError(
            "xlsx_invalido", f"El libro de Excel no se puede leer ({exc})."
        ) from None
    try:
        yield from _rows(workbook.worksheets[0].iter_rows(values_only=True), source)
    finally:
        workbook.close()


def _rows(rows: Iterator[Sequence[Any]], source: SourceRef) -> Iterator[IngestResult]:
    columns: dict[str, int] | None = None
    seen: dict[str, int] = {}
    for number, row in enumerate(rows, start=1):
        if columns is None:
            labels = [normalize(cell) for cell in row]
            if "folio" in labels and any(label.startswith("cufe") for label in labels):
                columns = {label: i for i, label in enumerate(labels) if label}
                columns.setdefault(
                    "cufe/cude",
                    next(i for i, label in enumerate(labels) if label.startswith("cufe")),
                )
            elif number >= HEADER_SCAN_ROWS:
                break
            continue
        if not any(cell not in (None, "") for cell in row):
            continue
        here = SourceRef(source.file, source.member, number)
        cells = {name: row[i] if i < len(row) else None for name, i in columns.items()}
        cufe = _text(cells.get("cufe/cude"))
        if cufe and cufe in seen:
            yield IngestFailure(
                here,
                "cufe_duplicado",
                f"La fila {number} repite el CUFE de la fila {seen[cufe]}; se omite para no "
                "contar el documento dos veces.",
            )
            continue
        if cufe:
            seen[cufe] = number
        yield _document(cells, here)
    if columns is None:
        yield IngestFailure(
            source,
            "listado_sin_encabezado",
            f"No encontré la fila de títulos del listado DIAN (con «CUFE/CUDE» y «Folio») en "
            f"las primeras {HEADER_SCAN_ROWS} filas.",
        )


def _document(cells: dict[str, Any], source: SourceRef) -> DianDocument:
    issues: list[DocumentIssue] = []
    kind, type_code = _kind(cells.get("tipo de documento"))
    taxes = tuple(
        TaxAmount(scheme=code, amount=amount, name=label.upper())
        for label, code in TAX_COLUMNS.items()
        if (amount := _amount(cells.get(label), label, issues))
    )
    withholdings = tuple(
        TaxAmount(scheme=code, amount=amount, name=label.title())
        for label, code in WITHHOLDING_COLUMNS.items()
        if (amount := _amount(cells.get(label), label, issues))
    )
    total = _amount(cells.get("total"), "total", issues) if "total" in cells else None
    tax_total = sum((tax.amount for tax in taxes), ZERO)
    base = total - tax_total if total is not None else None
    prefix, folio = _text(cells.get("prefijo")), _text(cells.get("folio"))
    number = f"{prefix or ''}{folio or ''}" or None
    issuer = Party("31", *_nit(cells.get("nit emisor")), _text(cells.get("nombre emisor")))
    receiver = Party("31", *_nit(cells.get("nit receptor")), _text(cells.get("nombre receptor")))
    if type_code in ("05", "95"):
        # In the listing the "emisor" of a support document is the buyer who issues it;
        # the model keeps issuer = seller, receiver = buyer.
        issuer, receiver = receiver, issuer
    type_text = _text(cells.get("tipo de documento")) or "Documento"
    state = _text(cells.get("estado"))
    document = DianDocument(
        source=source,
        container=Container.LISTING,
        kind=kind,
        type_code=type_code,
        number=number,
        prefix=prefix,
        folio=folio,
        cufe=_text(cells.get("cufe/cude")),
        cufe_scheme=None,
        environment="1",
        issue_date=_date(cells.get("fecha emision"), "fecha de emisión", issues),
        issue_time=None,
        due_date=None,
        currency=_text(cells.get("divisa")) or "COP",
        exchange_rate=None,
        operation_type=None,
        payment_form=_payment_form(cells.get("forma de pago")),
        payment_means=None,
        issuer=issuer,
        receiver=receiver,
        lines=(
            DocumentLine(
                number="1",
                description=f"{type_text} {number or ''} (resumen del listado DIAN)".strip(),
                quantity=Decimal(1),
                unit_code=None,
                unit_price=base,
                line_total=base if base is not None else ZERO,
                taxes=taxes,
                withholdings=withholdings,
            ),
        ),
        taxes=taxes,
        withholdings=withholdings,
        totals=MonetaryTotals(base, base, total, total),
        tax_total=tax_total,
        validation=DianValidation(
            code=STATES.get(normalize(state)),
            on=_date(cells.get("fecha recepcion"), "fecha de recepción", issues),
            description=state,
        )
        if state
        else None,
        listing_group=_text(cells.get("grupo")),
    )
    if (
        type_code is None
        and kind is DocumentKind.EQUIVALENT
        and "equivalente" not in normalize(type_text)
    ):
        issues.append(
            DocumentIssue("codigo_desconocido", f"No reconozco el tipo de documento «{type_text}».")
        )
    return check_document(document, parse_issues=tuple(issues))


def _kind(label: object) -> tuple[DocumentKind, str | None]:
    text = normalize(label)
    if "nota" in text and "soporte" in text:
        return DocumentKind.CREDIT_NOTE, "95"
    if "nota de credito" in text or "nota credito" in text:
        return DocumentKind.CREDIT_NOTE, "91"
    if "nota de debito" in text or "nota debito" in text:
        return DocumentKind.DEBIT_NOTE, "92"
    if "documento soporte" in text:
        return DocumentKind.INVOICE, "05"
    if "contingencia" in text:
        return DocumentKind.INVOICE, "04"
    if "exportacion" in text:
        return DocumentKind.INVOICE, "02"
    if text.startswith("factura"):
        return DocumentKind.INVOICE, "01"
    return DocumentKind.EQUIVALENT, None


def _text(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # folios and NITs typed as numbers in Excel
    text = str(value).strip()
    return text or None


def _nit(value: object) -> tuple[str | None, str | None]:
    text = _text(value)
    if text is None:
        return None, None
    compact = "".join(text.split()).replace(".", "")
    if "-" in compact:
        number, _, dv = compact.partition("-")
        return number or None, dv or None
    return compact, None


def _amount(value: object, label: str, issues: list[DocumentIssue]) -> Decimal:
    """Numbers as Excel stores them or es-CO text (`$ 1.452,94`); blank is zero."""
    if value is None or value == "":
        return ZERO
    if isinstance(value, bool):
        value = str(value)
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        return Decimal(repr(value))
    text = str(value).replace("$", "").replace("\xa0", "").replace(" ", "").strip()
    if "," in text:
        text = text.replace(".", "").replace(",", ".")
    elif text.count(".") > 1 or (text.count(".") == 1 and len(text.rsplit(".", 1)[1]) == 3):
        text = text.replace(".", "")  # es-CO thousands separators: 1.452.000
    try:
        return Decimal(text)
    except InvalidOperation:
        issues.append(
            DocumentIssue(
                "valor_invalido", f"El valor «{value}» de la columna {label} no es un número."
            )
        )
        return ZERO


def _date(value: object, label: str, issues: list[DocumentIssue]) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value).strip().split(" ")[0].split("T")[0]
    for pattern in ("%d-%m-%Y", "%d/%m/%Y", "%Y-%m-%d", "%Y/%m/%d"):
        try:
            return datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    issues.append(DocumentIssue("fecha_invalida", f"La {label} «{value}» no es una fecha."))
    return None


def _payment_form(value: object) -> str | None:
    text = normalize(value)
    if text in ("1", "contado"):
        return "1"
    if text in ("2", "credito"):
        return "2"
    return None
