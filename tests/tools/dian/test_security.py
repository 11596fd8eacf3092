"""Each attack as a real crafted file; each is refused with a reason and the batch goes on."""

from __future__ import annotations

import io
import zipfile
from decimal import Decimal as D
from pathlib import Path

import pytest

from tests.fixtures.dian.attacks import (
    BILLION_LAUGHS,
    XXE,
    encrypted_zip,
    truncated_zip,
    zip_bomb,
    zip_slip,
)
from tests.fixtures.dian.build import DocSpec, LineSpec, ubl_document
from tests.fixtures.dian.containers import supplier_zip
from tools.dian import DianDocument, IngestFailure, iter_documents
from tools.dian import archive as archive_module
from tools.dian.errors import DianInputError
from tools.dian.xml_safety import parse_xml

SPEC = DocSpec(lines=[LineSpec("Resma papel carta", D("10"), D("18500"))])


def _results(*paths: Path) -> list[DianDocument | IngestFailure]:
    return list(iter_documents(paths))


def _only_failure(path: Path) -> IngestFailure:
    (result,) = _results(path)
    assert isinstance(result, IngestFailure), result
    return result


def test_billion_laughs_is_refused_before_any_expansion(tmp_path: Path) -> None:
    path = tmp_path / "risas.xml"
    path.write_bytes(BILLION_LAUGHS)
    failure = _only_failure(path)
    assert failure.code == "xml_con_dtd"
    assert "billion laughs" in failure.message_es


def test_xxe_file_read_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "xxe.xml"
    path.write_bytes(XXE)
    failure = _only_failure(path)
    assert failure.code == "xml_con_dtd"
    assert "root:" not in failure.message_es


def test_xxe_in_utf16_slips_past_the_byte_scan_but_not_the_parser_check() -> None:
    data = XXE.decode().replace('encoding="UTF-8"', 'encoding="UTF-16"').encode("utf-16")
    with pytest.raises(DianInputError) as caught:
        parse_xml(data)
    assert caught.value.code == "xml_con_dtd"


def test_xxe_inside_an_attached_document_is_refused_too(tmp_path: Path) -> None:
    outer = (
        '<AttachedDocument xmlns="urn:oasis:names:specification:ubl:schema:xsd:AttachedDocument-2"'
        ' xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"'
        ' xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">'
        "<cac:Attachment><cac:ExternalReference><cbc:Description><![CDATA["
        + XXE.decode()
        + "]]></cbc:Description></cac:ExternalReference></cac:Attachment></AttachedDocument>"
    )
    path = tmp_path / "ad.xml"
    path.write_text(outer)
    failure = _only_failure(path)
    assert failure.code == "xml_con_dtd"
    assert "embebido" in failure.message_es


def test_zip_slip_entry_is_refused_and_the_honest_entry_read(tmp_path: Path) -> None:
    results = _results(zip_slip(tmp_path / "slip.zip", SPEC))
    failure, document = results
    assert isinstance(failure, IngestFailure) and failure.code == "ruta_insegura"
    assert failure.source.member == "../../../../tmp/cuadre_evil.xml"
    assert isinstance(document, DianDocument) and document.number == "FE1001"
    assert not Path("/tmp/cuadre_evil.xml").exists()


def test_zip_bomb_by_ratio_is_refused(tmp_path: Path) -> None:
    path = zip_bomb(tmp_path / "bomba.zip", megabytes=8)
    assert path.stat().st_size < 100_000  # 8 MB of zeros in a few KB
    failure = _only_failure(path)
    assert failure.code == "zip_bomba"


def test_zip_bomb_by_total_size_stops_reading_that_archive(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(archive_module, "MAX_TOTAL_BYTES", 3 * len(ubl_document(SPEC).encode()))
    path = tmp_path / "muchas.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for i in range(6):
            archive.writestr(f"f{i}.xml", ubl_document(SPEC))
    results = _results(path)
    assert [type(r).__name__ for r in results] == ["DianDocument"] * 3 + ["IngestFailure"]
    last = results[-1]
    assert isinstance(last, IngestFailure) and last.code == "zip_bomba_total"


def test_member_over_the_size_limit_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(archive_module, "MAX_MEMBER_BYTES", 1000)
    failure = _only_failure(supplier_zip(tmp_path / "grande.zip", SPEC))
    assert failure.code == "miembro_muy_grande"


def test_encrypted_zip_is_reported_and_really_encrypted(tmp_path: Path) -> None:
    content = ubl_document(SPEC).encode()
    path = encrypted_zip(tmp_path / "clave.zip", content)
    with zipfile.ZipFile(path) as archive:  # the crafted file is a genuine ZipCrypto archive
        assert archive.read("factura.xml", pwd=b"proveedor2024") == content
    failure = _only_failure(path)
    assert failure.code == "zip_cifrado"
    assert "contraseña" in failure.message_es


def test_truncated_zip_is_reported(tmp_path: Path) -> None:
    failure = _only_failure(truncated_zip(tmp_path / "cortado.zip", SPEC))
    assert failure.code == "zip_danado"


def test_corrupt_member_is_reported_and_its_siblings_read(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        archive.writestr("a.xml", ubl_document(SPEC))
        archive.writestr("b.xml", ubl_document(SPEC))
    data = bytearray(buffer.getvalue())
    data[200] ^= 0xFF  # inside a.xml's stored bytes: CRC no longer matches
    path = tmp_path / "golpeado.zip"
    path.write_bytes(bytes(data))
    bad, good = _results(path)
    assert isinstance(bad, IngestFailure) and bad.code == "zip_danado"
    assert isinstance(good, DianDocument)


def test_garbage_named_xml_and_a_pdf_are_reported_per_file(tmp_path: Path) -> None:
    garbage = tmp_path / "factura.xml"
    garbage.write_bytes(bytes(range(256)) * 20)
    pdf = tmp_path / "factura.pdf"
    pdf.write_bytes(b"%PDF-1.4\n%%EOF\n")
    good = tmp_path / "buena.xml"
    good.write_text(ubl_document(SPEC))
    results = _results(garbage, pdf, good)
    assert [getattr(r, "code", "ok") for r in results] == [
        "xml_invalido",
        "formato_no_soportado",
        "ok",
    ]


def test_nesting_deeper_than_the_limit_is_refused(tmp_path: Path) -> None:
    data = ubl_document(SPEC).encode()
    name = "factura.xml"
    for level in range(archive_module.MAX_DEPTH + 1):
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            archive.writestr(name, data)
        data, name = buffer.getvalue(), f"nivel{level}.zip"
    path = tmp_path / "muñeca.zip"
    path.write_bytes(data)
    assert _only_failure(path).code == "zip_muy_anidado"


def test_oversized_plain_xml_is_refused_without_reading_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tools.dian import stream

    monkeypatch.setattr(stream, "MAX_XML_BYTES", 100)
    path = tmp_path / "enorme.xml"
    path.write_text(ubl_document(SPEC))
    assert _only_failure(path).code == "xml_muy_grande"


def test_archive_declaring_too_many_entries_is_refused_before_opening(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(archive_module, "MAX_ENTRIES", 5)
    path = tmp_path / "muchos.zip"
    with zipfile.ZipFile(path, "w") as archive:
        for i in range(6):
            archive.writestr(f"vacio{i}.txt", "")
    assert _only_failure(path).code == "zip_demasiadas_entradas"
