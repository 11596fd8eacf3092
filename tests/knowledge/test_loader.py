"""Company pages come as Markdown, HTML, text or a folder of them."""

from __future__ import annotations

from pathlib import Path

import pytest

from knowledge.chunker import chunk_documents
from knowledge.loader import LoaderError, load_path


def test_html_headings_become_sections_with_their_ids(tmp_path: Path) -> None:
    (tmp_path / "Reembolsos.html").write_text(
        "<html><head><title>Reembolsos</title><style>p{}</style></head><body>"
        "<h2 id='caja-menor'>Caja menor</h2><p>Se repone cada <b>viernes</b>.</p>"
        "<h2>Tarjetas corporativas</h2><ul><li>Solo gerencia</li><li>Tope mensual</li></ul>"
        "</body></html>",
        encoding="utf-8",
    )
    (doc,) = load_path(tmp_path / "Reembolsos.html")
    chunks = chunk_documents([doc], company_id=9)
    assert [c.chunk_id for c in chunks] == [
        "reembolsos#caja-menor",
        "reembolsos#tarjetas-corporativas",
    ]
    assert chunks[0].text == "Se repone cada viernes."
    assert "- Solo gerencia" in chunks[1].text and "p{}" not in chunks[1].text


def test_folder_loads_md_html_and_txt_and_ignores_the_rest(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text("# Uno\n\n## Dos\n\ntexto", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "Horario de Caja.txt").write_text("Horario\nDe 8 a 5.", encoding="utf-8")
    (tmp_path / "foto.png").write_bytes(b"\x89PNG")
    docs = load_path(tmp_path)
    assert [(d.doc_id, d.title) for d in docs] == [("a", "Uno"), ("horario-de-caja", "Horario")]


def test_unsupported_file_is_a_spanish_error(tmp_path: Path) -> None:
    target = tmp_path / "hoja.xlsx"
    target.write_bytes(b"PK")
    with pytest.raises(LoaderError, match="no es Markdown"):
        load_path(target)
