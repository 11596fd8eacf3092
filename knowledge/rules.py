"""Every rule a tool applies, mapped to the help section that explains it.

Tools cite `RULES[key]` (a `doc_id#anchor`); `explain_rule` returns that section's text.
A test checks that every citation here resolves to a section of `knowledge/docs/`.
"""

from __future__ import annotations

from functools import lru_cache

from cuadre.settings import Settings
from knowledge.chunker import chunk_documents
from knowledge.loader import load_product_docs
from knowledge.textnorm import tokens
from knowledge.types import Chunk, RuleExplanation

RULES: dict[str, str] = {
    # Initial-data sync from the DIAN
    "sync.steps": "sync-dian#pasos",
    "sync.token_lifetime": "sync-dian#enlace-de-acceso",
    "sync.connection_errors": "sync-dian#errores-de-conexion",
    "sync.items": "sync-dian#productos",
    "sync.sales_no_cost_of_sales": "sync-dian#ventas",
    "sync.purchases_account": "sync-dian#compras",
    "sync.automatic_payments": "sync-dian#pagos-automaticos",
    "sync.history": "sync-dian#historial",
    "sync.undo_batch": "sync-dian#deshacer",
    "reconciler.vs_sync": "conciliador-fiscal#diferencias",
    # Expenses agent and suggestions
    "expenses_agent.activation": "agente-gastos#activacion",
    "expenses_agent.time_saved": "agente-gastos#estado",
    "expenses_agent.pause": "agente-gastos#pausa",
    "expenses_agent.xml_data": "agente-gastos#datos-del-xml",
    "expenses_agent.decision_order": "agente-gastos#orden-de-decision",
    "expenses_agent.corrections": "agente-gastos#correcciones",
    "suggest.signals": "sugerencias#senales",
    "suggest.history": "sugerencias#historial",
    "suggest.catalog": "sugerencias#catalogo",
    "suggest.economic_activity": "sugerencias#actividad-economica",
    "suggest.inventory_or_expense": "sugerencias#inventario-o-gasto",
    "suggest.low_confidence": "sugerencias#confianza",
    # DIAN outages
    "outage.in_process": "caidas-dian#en-proceso",
    "outage.drafts": "caidas-dian#borrador",
    "outage.issue_drafts": "caidas-dian#emitir-borradores",
    "outage.issue_date": "caidas-dian#fecha-de-emision",
    "outage.contingency_04": "contingencia#tipo-04",
    "outage.deadline_48h": "contingencia#plazo-48-horas",
    "outage.numbering": "caidas-dian#numeracion",
    "outage.no_notes_in_contingency": "contingencia#notas",
    # E-mail to customers
    "email.when_sent": "envio-clientes#cuando-se-envia",
    "email.activation": "envio-clientes#activacion",
    "email.conditions": "envio-clientes#condiciones",
    "email.timeline": "envio-clientes#linea-de-tiempo",
    # Payroll
    "payroll.credentials": "nomina#conexion",
    "payroll.basic_auth": "nomina#autenticacion",
    "payroll.account_mapping": "nomina#cuentas",
    "payroll.cost_centers": "nomina#centros-de-costo",
    "payroll.posting_dates": "nomina#fechas",
    "payroll.entries": "nomina#asientos",
    # Ledger
    "ledger.puc_levels": "plan-de-cuentas#niveles",
    "ledger.nature": "plan-de-cuentas#naturaleza",
    "ledger.leaf_accounts_only": "plan-de-cuentas#ultimo-nivel",
    "ledger.default_accounts": "plan-de-cuentas#cuentas-del-producto",
    "ledger.vat_deductible": "plan-de-cuentas#iva-descontable",
    "ledger.rounding": "plan-de-cuentas#redondeo",
    # DIAN files
    "dian.attached_document": "formatos-dian#attached-document",
    "dian.duplicates_by_cufe": "formatos-dian#xml",
    "dian.portal_listing": "formatos-dian#listado-del-portal",
    "dian.document_types": "formatos-dian#tipos-de-documento",
    "dian.file_problems": "formatos-dian#problemas-comunes",
    # The assistant itself
    "assistant.company_isolation": "canales#empresa",
    "assistant.consent_before_writes": "canales#consentimiento",
    "assistant.limits": "canales#que-no-puede-hacer",
}


@lru_cache(maxsize=1)
def product_sections() -> dict[str, Chunk]:
    """`doc_id#anchor -> chunk` for the product pages (read from disk, no index needed)."""
    return {c.citation: c for c in chunk_documents(load_product_docs())}


def section(citation: str) -> Chunk:
    """The product section a citation names; `KeyError` when it does not exist."""
    return product_sections()[citation]


def explain_rule(topic: str, *, settings: Settings | None = None) -> RuleExplanation:
    """The text of a rule and its citation.

    `topic` is a rule key (`"sync.automatic_payments"`), a citation
    (`"sync-dian#pagos-automaticos"`) or free Spanish text ("pagos automaticos"), in
    which case the best-matching product section is returned.
    """
    key = topic.strip()
    citation = RULES.get(key) or (key if key in product_sections() else None)
    if citation is None:
        from knowledge.index import search

        hits = search(key, k=1, company_id=None, settings=settings)
        # The dense half always returns a nearest section; a rule is only "found" when
        # the words of the topic actually appear in it.
        if not hits or not set(tokens(key)) & set(tokens(f"{hits[0].section} {hits[0].text}")):
            raise LookupError(f"No encontré una regla sobre «{topic}».")
        citation = hits[0].citation
    chunk = section(citation)
    return RuleExplanation(
        text=chunk.text, citation=citation, title=chunk.title, section=chunk.section
    )
