"""Folders, supplier ZIPs and ZIPs of ZIPs, streamed one result at a time."""

from __future__ import annotations

import io
import zipfile
from decimal import Decimal as D
from pathlib import Path

from tests.fixtures.dian.build import DocSpec, LineSpec
from tests.fixtures.dian.containers import attached_document, supplier_zip
from tools.dian import DianDocument, IngestFailure, iter_documents


def _spec(n: int) -> DocSpec:
    return DocSpec(number=f"FE{n}", lines=[LineSpec("Bulto de cemento", D(n), D("32000"))])


def test_supplier_zip_reads_the_xml_and_skips_the_pdf(tmp_path: Path) -> None:
    (doc,) = iter_documents([supplier_zip(tmp_path / "correo.zip", _spec(3))])
    assert isinstance(doc, DianDocument)
    assert doc.source.member == "ad900390126FE3.xml"
    assert doc.totals.line_extension == D("96000.00")


def test_zip_of_supplier_zips_and_a_folder_mix(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as outer:
        for n in (1, 2):
            inner = supplier_zip(tmp_path / f"c{n}.zip", _spec(n))
            outer.write(inner, f"correos/c{n}.zip")
        outer.writestr("correos/leeme.txt", "no es factura")
    folder = tmp_path / "compras"
    (folder / "marzo").mkdir(parents=True)
    (folder / "lote.zip").write_bytes(buffer.getvalue())
    (folder / "marzo" / "fe4.xml").write_text(attached_document(_spec(4)), encoding="utf-8")
    (folder / "marzo" / "fe4.pdf").write_bytes(b"%PDF-1.4")
    (folder / "marzo" / "roto.xml").write_text("<Invoice><sin cerrar>")
    results = list(iter_documents([folder]))
    assert [
        (Path(r.source.file).name, r.source.member, getattr(r, "number", None)) for r in results
    ] == [
        ("lote.zip", "correos/c1.zip/ad900390126FE1.xml", "FE1"),
        ("lote.zip", "correos/c2.zip/ad900390126FE2.xml", "FE2"),
        ("fe4.xml", None, "FE4"),
        ("roto.xml", None, None),
    ]
    assert isinstance(results[-1], IngestFailure) and results[-1].code == "xml_invalido"


def test_missing_path_is_a_failure_not_an_exception(tmp_path: Path) -> None:
    (failure,) = iter_documents([tmp_path / "no_esta.zip"])
    assert isinstance(failure, IngestFailure) and failure.code == "archivo_no_existe"


def test_results_are_produced_lazily(tmp_path: Path) -> None:
    for n in range(1, 4):
        (tmp_path / f"f{n}.xml").write_text(attached_document(_spec(n)), encoding="utf-8")
    stream = iter_documents([tmp_path])
    first = next(stream)
    (tmp_path / "f3.xml").unlink()  # not read yet: the stream reports it when it gets there
    rest = list(stream)
    assert isinstance(first, DianDocument) and first.number == "FE1"
    assert isinstance(rest[-1], IngestFailure)


def test_a_lone_dian_response_is_explained(tmp_path: Path) -> None:
    from tests.fixtures.dian.containers import application_response

    path = tmp_path / "respuesta.xml"
    path.write_text(application_response("a" * 96, "FE1"), encoding="utf-8")
    (failure,) = iter_documents([path])
    assert isinstance(failure, IngestFailure) and failure.code == "solo_respuesta_dian"
