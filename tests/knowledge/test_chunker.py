"""Chunking by section: ids and anchors stay stable, hashes follow the content."""

from __future__ import annotations

import re

from knowledge.chunker import chunk_document, chunk_documents
from knowledge.loader import load_product_docs, parse_markdown
from knowledge.rules import RULES, product_sections

PAGE = """---
id: politica-gastos
title: Política de gastos
---

Esta página resume cómo gastamos.

## Anticipos a empleados {#anticipos}

Se legalizan en 5 días hábiles.

### Topes

Hasta $ 500.000,00 sin aprobación.

## Viáticos

Se pagan por transferencia.

## Viáticos

Repetido a propósito.
"""


def test_sections_get_explicit_or_slug_anchors_and_stable_ids() -> None:
    chunks = chunk_document(parse_markdown(PAGE, default_id="x"))
    assert [c.chunk_id for c in chunks] == [
        "politica-gastos#anticipos",
        "politica-gastos#viaticos",
        "politica-gastos#viaticos-2",
    ]
    first = chunks[0]
    assert first.title_path == "Política de gastos › Anticipos a empleados"
    assert first.citation == "politica-gastos#anticipos"
    # The intro opens the first section; `###` stays inside its section.
    assert first.text.startswith("Esta página resume cómo gastamos.")
    assert "### Topes" in first.text and "500.000,00" in first.text
    assert "Repetido" not in chunks[1].text


def test_hash_changes_only_with_the_sections_own_text() -> None:
    before = {
        c.chunk_id: c.content_hash for c in chunk_document(parse_markdown(PAGE, default_id="x"))
    }
    edited = PAGE.replace("Se pagan por transferencia.", "Se pagan en efectivo.")
    after = {
        c.chunk_id: c.content_hash for c in chunk_document(parse_markdown(edited, default_id="x"))
    }
    changed = {cid for cid in before if before[cid] != after[cid]}
    assert changed == {"politica-gastos#viaticos"}


def test_same_text_for_two_companies_hashes_differently() -> None:
    doc = parse_markdown(PAGE, default_id="x")
    a = chunk_document(doc, company_id=1)[0]
    b = chunk_document(doc, company_id=2)[0]
    assert a.chunk_id == b.chunk_id and a.store_id != b.store_id
    assert a.content_hash != b.content_hash


def test_page_without_sections_is_one_chunk_cited_by_page_id() -> None:
    doc = parse_markdown("# Horario\n\nAbrimos de 8 a 5.", default_id="horario")
    (chunk,) = chunk_document(doc)
    assert (chunk.chunk_id, chunk.anchor, chunk.title) == ("horario", "", "Horario")


def test_every_product_page_has_front_matter_and_explicit_anchors() -> None:
    docs = load_product_docs()
    assert len(docs) >= 10
    for doc in docs:
        assert doc.title != doc.doc_id, f"{doc.path}: falta title en el front matter"
        headings = [line for line in doc.body.splitlines() if line.startswith("## ")]
        assert headings, doc.path
        for heading in headings:
            assert re.search(r"\{#[a-z0-9-]+\}\s*$", heading), f"{doc.path}: {heading}"
    ids = [c.chunk_id for c in chunk_documents(docs)]
    assert len(ids) == len(set(ids))


def test_every_rule_cites_an_existing_section() -> None:
    sections = product_sections()
    missing = {key: cit for key, cit in RULES.items() if cit not in sections}
    assert not missing
    # The sync rules the issue names are all covered.
    for key in (
        "sync.items",
        "sync.sales_no_cost_of_sales",
        "sync.purchases_account",
        "sync.automatic_payments",
        "sync.token_lifetime",
        "sync.undo_batch",
        "outage.deadline_48h",
        "outage.no_notes_in_contingency",
        "payroll.posting_dates",
        "assistant.company_isolation",
        "assistant.consent_before_writes",
    ):
        assert key in RULES


def test_the_facts_are_in_the_sections_that_cite_them() -> None:
    s = product_sections()
    assert "Datos iniciales - DIAN" in s["sync-dian#productos"].text
    assert "Gastos y costos por datos iniciales - DIAN" in s["sync-dian#compras"].text
    payments = s["sync-dian#pagos-automaticos"].text
    assert "Banco 1" in payments and "60 días" in payments and "de contado" in payments
    assert "hora" in s["sync-dian#enlace-de-acceso"].text
    assert "3 minutos" in s["agente-gastos#estado"].text
    assert "48 horas" in s["contingencia#plazo-48-horas"].text
    assert "16" in s["nomina#fechas"].text and "el 1" in s["nomina#fechas"].text
