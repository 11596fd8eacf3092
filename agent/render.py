"""Tool outputs, previews and passages as short Spanish Markdown, without a language model.

Outputs are rendered generically from their JSON: a `summary`/`message`/`answer` field
wins; lists of rows become tables; everything else becomes `campo: valor` lines.
"""

from __future__ import annotations

import dataclasses
import re
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

SUMMARY_KEYS = ("summary", "resumen", "message", "mensaje", "answer", "respuesta", "text")
PASSAGE_KEYS = ("passages", "citations", "sources", "results")
CITATION_FIELDS = ("doc_id", "title", "section", "snippet")
MAX_ROWS = 15


def passage_dict(passage: Any) -> dict[str, Any]:
    """A retrieval passage (object or dict) as a plain dict."""
    if isinstance(passage, dict):
        return passage
    if hasattr(passage, "model_dump"):
        return dict(passage.model_dump())
    if dataclasses.is_dataclass(passage) and not isinstance(passage, type):
        return dataclasses.asdict(passage)
    return {name: getattr(passage, name, "") for name in (*CITATION_FIELDS, "score", "text")}


def citation(passage: Any) -> dict[str, str]:
    """`{doc_id, title, section, snippet}` of a passage."""
    data = passage_dict(passage)
    return {name: str(data.get(name) or "") for name in CITATION_FIELDS}


def citation_tag(cite: dict[str, str]) -> str:
    """`[Título §Sección]`, the way answers cite the help documents."""
    return f"[{cite['title']} §{cite['section']}]" if cite.get("section") else f"[{cite['title']}]"


def citations_in(output: Any) -> list[dict[str, str]]:
    """Citations carried by a tool output: a `passages`-like list of dicts, or the output
    itself when it names its source (`citation` "doc#anchor", `title`, `section`)."""
    if not isinstance(output, dict):
        return []
    found = []
    if output.get("title") and (output.get("doc_id") or output.get("citation")):
        doc_id = str(output.get("doc_id") or str(output["citation"]).split("#")[0])
        snippet = str(output.get("snippet") or output.get("text") or "")[:300]
        found.append(citation({**output, "doc_id": doc_id, "snippet": snippet}))
    for key in PASSAGE_KEYS:
        items = [i for i in output.get(key) or [] if isinstance(i, dict)]
        for item in relevant(items):
            if item.get("doc_id") and item.get("title"):
                found.append(citation(item))
    return found


def relevant(passages: list[Any], ratio: float = 0.8, most: int = 2) -> list[Any]:
    """The best passage and those scoring close to it (a second source only when as good)."""
    scores = [float(passage_dict(p).get("score") or 0.0) for p in passages]
    if not passages or scores[0] <= 0:
        return passages[:1]
    close = [p for p, score in zip(passages, scores, strict=True) if score >= ratio * scores[0]]
    return close[:most]


def render_output(output: Any) -> str:
    """A tool's JSON output as Markdown for a person."""
    if not isinstance(output, dict):
        return str(output)
    for key in SUMMARY_KEYS:
        if isinstance(output.get(key), str) and output[key].strip():
            text = output[key].strip()
            cites = citations_in(output)[:1]
            if cites and "[" not in text:
                text += " " + " ".join(dict.fromkeys(citation_tag(c) for c in cites))
            return text
    parts = []
    for key, value in output.items():
        if key in PASSAGE_KEYS and citations_in(output):
            parts.append(_render_passages(output))
        elif isinstance(value, list) and value and all(isinstance(row, dict) for row in value):
            # Blank lines around a table: right after a bullet it would be read as its text.
            parts.append("\n" + render_table(value) + "\n")
        elif isinstance(value, (list, dict)):
            continue
        elif value not in (None, ""):
            parts.append(f"- **{_label(key)}**: {_cell(value, key)}")
    lists = [value for value in output.values() if isinstance(value, list)]
    if lists and not any(lists):
        parts.insert(0, "No encontré registros con esos criterios.")
    return "\n".join(parts).strip() or "Listo."


def render_table(rows: list[dict[str, Any]]) -> str:
    """The first rows of a list of records as a Markdown table."""
    columns = [key for key, value in rows[0].items() if not isinstance(value, (list, dict))]
    lines = [
        "| " + " | ".join(_label(column) for column in columns) + " |",
        "|" + "---|" * len(columns),
    ]
    for row in rows[:MAX_ROWS]:
        cells = (_cell(row.get(column), column) for column in columns)
        lines.append("| " + " | ".join(cells) + " |")
    if len(rows) > MAX_ROWS:
        lines.append(f"\n… y {len(rows) - MAX_ROWS} filas más.")
    return "\n".join(lines)


def render_preview(preview: dict[str, Any]) -> str:
    """A WRITE preview: summary, journal lines and totals, then the consent question."""
    parts = [f"**Vista previa:** {preview.get('summary', '')}"]
    lines = preview.get("lines") or []
    if lines:
        parts.append(
            "\n| Cuenta | Nombre | Débito | Crédito |\n|---|---|---:|---:|\n"
            + "\n".join(
                f"| {line.get('account', '')} | {line.get('account_name', '')} "
                f"| {amount_cell(line.get('debit'))} | {amount_cell(line.get('credit'))} |"
                for line in lines
            )
        )
    totals = preview.get("totals") or {}
    if totals:
        parts.append(" · ".join(f"{_label(key)}: {_cell(v, 'total')}" for key, v in totals.items()))
    # Per-line choices (a purchase's suggested item and account with the reason).
    rows = (preview.get("details") or {}).get("lineas")
    if isinstance(rows, list) and rows and all(isinstance(row, dict) for row in rows):
        parts.append("\n" + render_table(rows))
    return "\n".join(parts)


def _render_passages(output: dict[str, Any]) -> str:
    passages = relevant([p for key in PASSAGE_KEYS for p in output.get(key) or []])
    cites = [citation(p) for p in passages if isinstance(p, dict) and p.get("doc_id")]
    return "\n\n".join(
        f"{c['snippet'].strip().lstrip('- ')} {citation_tag(c)}" for c in cites if c["snippet"]
    )


MONEY_WORDS: tuple[str, ...] = ("debit", "credit", "balance", "total", "amount", "opening")
MONEY_WORDS += ("closing", "saldo", "valor", "debito", "credito", "tax", "iva", "subtotal")
MONEY_WORDS += ("payable", "price", "precio")
LABELS = {
    "code": "Código",
    "entry_number": "Asiento",
    "contact": "Tercero",
    "nature": "Naturaleza",
    "level": "Nivel",
    "is_leaf": "Auxiliar",
    "active": "Activa",
    "opening": "Saldo inicial",
    "closing": "Saldo final",
    "final_balance": "Saldo final",
    "total_debit": "Total débitos",
    "total_credit": "Total créditos",
    "kind": "Tipo",
    "issue_date": "Fecha",
    "due_date": "Vence",
    "balanced": "Cuadra",
    "id": "Id",
    "source": "Archivo",
    "issuer": "Emisor",
    "receiver": "Receptor",
    "currency": "Moneda",
    "type_code": "Código de tipo",
    "payable": "Total a pagar",
    "validation": "Validación DIAN",
    "direction": "Dirección",
    "job_id": "Sincronización",
    "state": "Estado",
    "batch_id": "Lote",
    "documents": "Documentos",
    "payments": "Pagos automáticos",
    "payments_total": "Total de los pagos",
    "reason": "Motivo",
    "resumed": "Reanudación",
    "text": "Ten en cuenta",
    "help": "Ayuda",
    "documents_found": "Documentos encontrados",
    "documents_with_issues": "Documentos con problemas",
    "failures_found": "Fallas encontradas",
    "truncated": "Resultado recortado",
    "total": "Total",
    "debit": "Débito",
    "credit": "Crédito",
    "debitos": "Débitos",
    "creditos": "Créditos",
    "balance": "Saldo",
    "account": "Cuenta",
    "account_code": "Cuenta",
    "name": "Nombre",
    "account_name": "Nombre",
    "date": "Fecha",
    "number": "Número",
    "count": "Cantidad",
    "status": "Estado",
    "description": "Descripción",
    "start": "Desde",
    "end": "Hasta",
    "linea": "Línea",
    "descripcion": "Descripción",
    "cuenta": "Cuenta",
    "item": "Ítem",
    "confianza": "Confianza",
    "motivo": "Motivo",
    "segura": "Segura",
}


def amount_cell(value: Any) -> str:
    if value in (None, "", "0", "0.00", "0,00"):
        return ""
    return _cell(value, "amount")


# Codes that tools return as values (document kinds, job states), as a person reads them.
VALUE_LABELS = {
    "sales_invoice": "Factura de venta",
    "purchase_invoice": "Factura de compra",
    "support_document": "Documento soporte",
    "credit_note": "Nota crédito",
    "debit_note": "Nota débito",
    "adjustment_note": "Nota de ajuste",
    "connecting": "conectando",
    "downloading": "descargando",
    "staged": "lista para revisar",
    "committing": "registrando",
    "done": "terminada",
    "failed": "falló",
}
VALUE_KEYS = {"kind", "state", "status", "type", "document_kind"}


def _label(key: str) -> str:
    return LABELS.get(key, key.replace("_", " ").capitalize())


def label(key: str) -> str:
    """The Spanish label of an output field (`debit` -> `Débito`)."""
    return _label(key)


def _cell(value: Any, key: str = "") -> str:
    """One value es-CO: money `$ 1.190.000,00`, dates `31/03/2025`, booleans sí/no."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "sí" if value else "no"
    if key in ("confianza", "confidence") and isinstance(value, float) and 0 <= value <= 1:
        return f"{value:.0%}"
    text = str(value)
    if key in VALUE_KEYS and text in VALUE_LABELS:
        return VALUE_LABELS[text]
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        return f"{text[8:10]}/{text[5:7]}/{text[:4]}"
    if any(word in key.lower() for word in MONEY_WORDS) and re.fullmatch(r"-?\d+\.\d+", text):
        return money(Decimal(text))
    return text.replace("|", "/")


def money(amount: Decimal) -> str:
    """es-CO money text, `$ 1.190.000,00` (`ledger.money.format_cop`; agent may not import it)."""
    value = amount.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    sign = "-" if value < 0 else ""
    whole, cents = f"{abs(value):.2f}".split(".")
    return f"{sign}$ {int(whole):,}".replace(",", ".") + f",{cents}"
