"""The DIAN portal listing export: header on row 3, es-CO strings, duplicated CUFE."""

from __future__ import annotations

import zipfile
from datetime import date, datetime
from decimal import Decimal as D
from pathlib import Path
from typing import Any

from tests.fixtures.dian.containers import write_listing
from tools.dian import Container, DianDocument, DocumentKind, IngestFailure, iter_documents
from tools.dian.direction import Direction, direction

CUFE_A = "a" * 96
CUFE_B = "b" * 96
CUFE_C = "c" * 96
COMPANY = "900390126"

ROWS: list[dict[str, Any]] = [
    {  # a sale, amounts as es-CO text, date as dd-mm-yyyy text
        "Tipo de documento": "Factura electrónica", "CUFE/CUDE": CUFE_A, "Folio": 1452,
        "Prefijo": "FE", "Divisa": "COP", "Forma de Pago": "Crédito",
        "Medio de Pago": "Transferencia",
        "Fecha Emisión": "05-02-2024", "Fecha Recepción": "05-02-2024 10:14:03",
        "NIT Emisor": COMPANY, "Nombre Emisor": "DISTRIBUIDORA ANDINA S.A.S.",
        "NIT Receptor": "830048145", "Nombre Receptor": "FERRETERÍA EL TORNILLO",
        "IVA": "1.452,94", "INC Bolsas": "66,00", "Rete IVA": "217,94", "Rete Renta": "191,16",
        "Total": "9.165,94", "Estado": "Aprobado", "Grupo": "Emitido",
    },
    {  # a purchase, numbers typed as numbers, date as a real date cell
        "Tipo de documento": "Nota de crédito electrónica", "CUFE/CUDE": CUFE_B, "Folio": "77",
        "Prefijo": "NC", "Divisa": "COP", "Forma de Pago": "Contado",
        "Fecha Emisión": datetime(2024, 2, 9, 8, 30), "NIT Emisor": "800197268",
        "Nombre Emisor": "PROVEEDOR S.A.", "NIT Receptor": COMPANY,
        "Nombre Receptor": "DISTRIBUIDORA ANDINA S.A.S.", "IVA": 19000, "Total": 119000,
        "Estado": "Rechazado", "Grupo": "Recibido",
    },
    {  # the same CUFE again, as the portal sometimes exports it
        "Tipo de documento": "Factura electrónica", "CUFE/CUDE": CUFE_A, "Folio": 1452,
        "Prefijo": "FE", "Total": "9.165,94", "Grupo": "Emitido",
    },
    {},  # a blank row in between
    {  # a support document: the portal's "emisor" is the buyer who issues it
        "Tipo de documento": "Documento soporte con no obligados", "CUFE/CUDE": CUFE_C,
        "Folio": 9, "Prefijo": "DS", "Fecha Emisión": "12-02-2024", "NIT Emisor": COMPANY,
        "Nombre Emisor": "DISTRIBUIDORA ANDINA S.A.S.", "NIT Receptor": "1020304050",
        "Nombre Receptor": "PEDRO PÉREZ", "Rete Renta": "12.250", "Total": "350.000,00",
        "Estado": "Aprobado", "Grupo": "Emitido",
    },
]  # fmt: skip


def _read(path: Path) -> list[DianDocument | IngestFailure]:
    return list(iter_documents([path]))


def test_listing_rows_become_documents_with_one_summary_line(tmp_path: Path) -> None:
    results = _read(write_listing(tmp_path / "listado.xlsx", ROWS, header_row=3))
    sale, note, duplicate, support = results
    assert isinstance(sale, DianDocument)
    assert sale.container is Container.LISTING
    assert sale.source.sheet_row == 4
    assert (sale.kind, sale.type_code, sale.number) == (DocumentKind.INVOICE, "01", "FE1452")
    assert sale.issue_date == date(2024, 2, 5)
    assert sale.payment_form_name == "credito"
    # 9.165,94 total - 1.452,94 IVA - 66 bolsas = 7.647,00 base
    assert sale.totals.payable == D("9165.94")
    assert sale.totals.line_extension == D("7647.00")
    assert [(t.scheme, t.amount) for t in sale.taxes] == [("01", D("1452.94")), ("22", D("66.00"))]
    assert [(t.scheme, t.amount) for t in sale.withholdings] == [
        ("05", D("217.94")),
        ("06", D("191.16")),
    ]
    (line,) = sale.lines
    assert line.line_total == D("7647.00") and "resumen del listado" in line.description
    assert sale.validation is not None and sale.validation.code == "02"
    assert sale.validation.on == date(2024, 2, 5)
    assert sale.listing_group == "Emitido"
    assert sale.issues == ()
    assert direction(sale, COMPANY) is Direction.ISSUED

    assert isinstance(note, DianDocument)
    assert (note.kind, note.type_code, note.issue_date) == (
        DocumentKind.CREDIT_NOTE, "91", date(2024, 2, 9)
    )  # fmt: skip
    assert note.totals.line_extension == D("100000")
    assert note.validation is not None and note.validation.code == "04"
    assert direction(note, COMPANY) is Direction.RECEIVED

    assert isinstance(duplicate, IngestFailure)
    assert duplicate.code == "cufe_duplicado"
    assert "fila 6" in duplicate.message_es and "fila 4" in duplicate.message_es

    assert isinstance(support, DianDocument)
    assert support.type_code == "05"
    assert (support.issuer.nit, support.receiver.nit) == ("1020304050", COMPANY)
    assert support.withholdings[0].amount == D("12250")
    assert direction(support, COMPANY) is Direction.RECEIVED


def test_listing_inside_the_portal_zip(tmp_path: Path) -> None:
    xlsx = write_listing(tmp_path / "Listado.xlsx", ROWS[:2], header_row=1)
    path = tmp_path / "descarga_dian.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.write(xlsx, "Listado.xlsx")
    results = _read(path)
    assert [r.number for r in results if isinstance(r, DianDocument)] == ["FE1452", "NC77"]
    assert results[0].source.member == "Listado.xlsx"
    assert results[0].source.sheet_row == 2


def test_listing_without_header_is_one_failure(tmp_path: Path) -> None:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["Reporte de ventas", "sin columnas DIAN"])
    sheet.append([1, 2])
    workbook.save(tmp_path / "otro.xlsx")
    (failure,) = _read(tmp_path / "otro.xlsx")
    assert isinstance(failure, IngestFailure) and failure.code == "listado_sin_encabezado"


def test_bad_amount_text_is_reported_on_the_row(tmp_path: Path) -> None:
    row = dict(ROWS[0], IVA="mil pesos", **{"CUFE/CUDE": "d" * 96})
    (doc,) = _read(write_listing(tmp_path / "l.xlsx", [row]))
    assert isinstance(doc, DianDocument)
    assert doc.issues[0].code == "valor_invalido"


def test_listing_workbook_is_checked_for_bombs_before_openpyxl_opens_it(
    tmp_path: Path, monkeypatch: Any
) -> None:
    from tools.dian import archive

    monkeypatch.setattr(archive, "MAX_TOTAL_BYTES", 2000)
    (failure,) = _read(write_listing(tmp_path / "l.xlsx", ROWS))
    assert isinstance(failure, IngestFailure) and failure.code == "zip_bomba_total"
