"""The file store: uploads in the database, materialized into a per-machine cache."""

from __future__ import annotations

from pathlib import Path

import pytest

from cuadre.settings import Settings
from tests.utils.companies import new_company
from tools.context import ToolContext
from tools.errors import ToolError
from tools.files import (
    cache_folder,
    check_refs,
    display_name,
    local_path,
    local_paths,
    parse_ref,
    safe_name,
    save_upload,
    upload_refs,
)


def test_saved_files_come_back_as_references_and_paths(ctx: ToolContext, tmp_path: Path) -> None:
    refs = save_upload(ctx.engine, ctx.company_id, [("a.xml", b"<a/>"), ("a.xml", b"<b/>")])
    first = parse_ref(refs[0])
    assert first is not None and refs == [f"upload:{first.upload_id}/a.xml", refs[1]]
    assert display_name(refs[1]) == "1_a.xml"  # same name twice: both kept
    assert upload_refs(ctx.engine, ctx.company_id, first.upload_id) == sorted(refs)
    machine = Settings(data_dir=tmp_path / "otra-maquina")
    paths = local_paths(ctx.engine, machine, ctx.company_id, refs)
    assert [Path(p).read_bytes() for p in paths] == [b"<a/>", b"<b/>"]
    assert Path(paths[0]).parent == cache_folder(machine, ctx.company_id, first.upload_id)
    # A tampered cache copy is replaced by the stored bytes; no partial files are left.
    Path(paths[0]).write_bytes(b"otra cosa")
    assert Path(local_path(ctx.engine, machine, ctx.company_id, refs[0])).read_bytes() == b"<a/>"
    assert not list(Path(paths[0]).parent.glob(".part-*"))
    assert local_path(ctx.engine, machine, ctx.company_id, "/home/ana/f.xml") == "/home/ana/f.xml"


def test_another_companys_upload_is_not_found(ctx: ToolContext) -> None:
    (ref,) = save_upload(ctx.engine, ctx.company_id, [("f.xml", b"<f/>")])
    parsed = parse_ref(ref)
    assert parsed is not None
    other = new_company(ctx.engine, "OTRA EMPRESA SAS")
    with pytest.raises(ToolError) as missing:
        upload_refs(ctx.engine, other, parsed.upload_id)
    assert missing.value.message_es == "No encuentro esa carga de archivos."
    with pytest.raises(ToolError) as foreign:
        local_path(ctx.engine, ctx.settings, other, ref)
    assert "No encuentro «f.xml»" in foreign.value.message_es
    with pytest.raises(ToolError):
        check_refs(ctx.engine, other, [ref])


@pytest.mark.parametrize(
    "raw", ["upload:zz/a.xml", "upload:" + "a" * 24 + "/../a.xml", "upload:" + "a" * 24]
)
def test_malformed_references_are_refused(raw: str) -> None:
    with pytest.raises(ToolError) as refused:
        parse_ref(raw)
    assert refused.value.code == "carga_no_existe"


def test_names_are_made_safe_and_types_checked() -> None:
    assert safe_name("../../etc/factura 1.xml") == "factura_1.xml"
    with pytest.raises(ToolError) as refused:
        safe_name("foto.png")
    assert "envía XML, ZIP o XLSX" in refused.value.message_es


def test_an_empty_upload_is_refused(ctx: ToolContext) -> None:
    with pytest.raises(ToolError) as refused:
        save_upload(ctx.engine, ctx.company_id, [])
    assert refused.value.code == "sin_archivos"
