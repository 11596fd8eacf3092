"""A company's own pages are found only by that company."""

from __future__ import annotations

from pathlib import Path

import pytest

from cuadre.settings import Settings
from knowledge import index
from knowledge.retriever import Retriever

FERRETERIA = """---
id: politica-anticipos
title: Política de anticipos de la Ferretería
---

## Anticipos a proveedores {#anticipos}

Los anticipos a Distribuidora Andina se registran en la 133005 y se cruzan con la factura
dentro de los 15 días siguientes. Solo la gerente aprueba anticipos mayores a $ 2.000.000,00.
"""

PANADERIA = """<html><head><title>Turnos del horno</title></head><body>
<h2 id="madrugada">Turno de madrugada</h2><p>El horno se prende a las 3:30 y el panadero
de turno firma la planilla de temperatura.</p></body></html>"""


@pytest.fixture(scope="module")
def with_company_pages(
    built_settings: Settings, retriever: Retriever, tmp_path_factory: pytest.TempPathFactory
) -> Retriever:
    folder: Path = tmp_path_factory.mktemp("pages")
    (folder / "anticipos.md").write_text(FERRETERIA, encoding="utf-8")
    (folder / "horno.html").write_text(PANADERIA, encoding="utf-8")
    index.add_company_pages(folder / "anticipos.md", 101, built_settings)
    index.add_company_pages(folder / "horno.html", 202, built_settings)
    return retriever


QUESTIONS = (
    "anticipos a distribuidora andina quien los aprueba",
    "a que hora se prende el horno en la madrugada",
    "planilla de temperatura del horno",
    "anticipos proveedores 133005",
)


@pytest.mark.parametrize("question", QUESTIONS)
def test_pages_of_one_company_never_reach_another(
    with_company_pages: Retriever, question: str
) -> None:
    for company, own in ((101, "politica-anticipos"), (202, "horno"), (303, None), (None, None)):
        passages = with_company_pages.search(question, k=10, company_id=company)
        foreign = [p for p in passages if p.company_id not in ("", str(company))]
        assert not foreign, (company, [p.citation for p in foreign])
        if own is None:
            assert all(p.company_id == "" for p in passages)


def test_each_company_finds_its_own_page_first(with_company_pages: Retriever) -> None:
    top = with_company_pages.search(
        "quien aprueba anticipos a distribuidora andina", k=3, company_id=101
    )
    assert top[0].citation == "politica-anticipos#anticipos"
    assert top[0].company_id == "101"
    top = with_company_pages.search("a que hora se prende el horno", k=3, company_id="202")
    assert top[0].citation == "horno#madrugada"


def test_both_halves_filter_on_their_own(with_company_pages: Retriever) -> None:
    # Dense: Chroma's `where` on company_id.
    dense = with_company_pages.store.query("horno madrugada planilla", 50, company_id=101)
    assert not any(sid.startswith("c202:") for sid, _ in dense)
    # Sparse: the BM25 mask.
    sparse = with_company_pages._sparse_index()
    query = "horno madrugada planilla temperatura anticipos factura"
    scopes = {sparse.chunks[i].company_id for i, _ in sparse.search(query, 200, company_id=101)}
    assert scopes == {"", "101"}
    scopes = {sparse.chunks[i].company_id for i, _ in sparse.search(query, 200, company_id=202)}
    assert scopes == {"", "202"}
