"""Help pages at `/help/{doc_id}`: the knowledge corpus rendered as HTML, anchors intact.

Citations in answers link here (`/help/caidas-dian#borrador`). The renderer escapes
everything first and understands only the Markdown the corpus uses.
"""

from __future__ import annotations

import html
import re
from functools import lru_cache

from fastapi import APIRouter
from fastapi.responses import HTMLResponse

from api.errors import not_found
from knowledge.loader import load_product_docs
from knowledge.types import SourceDoc

router = APIRouter(prefix="/help", tags=["help"])

_HEADING = re.compile(r"^(#{1,4})\s+(.*?)(?:\s*\{#([a-z0-9-]+)\})?\s*$")
_LIST = re.compile(r"^\s*(?:[-*]|\d+\.)\s+(.*)$")


@lru_cache(maxsize=1)
def _docs() -> dict[str, SourceDoc]:
    return {doc.doc_id: doc for doc in load_product_docs()}


def inline(text: str) -> str:
    """Escape, then bold, italics and code."""
    out = html.escape(text)
    out = re.sub(r"\*\*(.+?)\*\*", r"<strong>\1</strong>", out)
    out = re.sub(r"(?<!\*)\*(?!\s)(.+?)(?<!\s)\*", r"<em>\1</em>", out)
    return re.sub(r"`([^`]+)`", r"<code>\1</code>", out)


def render_markdown(body: str) -> str:
    """Headings (with `{#anchor}` ids), paragraphs and lists, safely escaped."""
    parts: list[str] = []
    paragraph: list[str] = []
    items: list[str] = []

    def flush() -> None:
        if paragraph:
            parts.append("<p>" + inline(" ".join(paragraph)) + "</p>")
            paragraph.clear()
        if items:
            parts.append("<ul>" + "".join(f"<li>{inline(i)}</li>" for i in items) + "</ul>")
            items.clear()

    for line in body.splitlines():
        heading = _HEADING.match(line)
        listed = _LIST.match(line)
        if heading:
            flush()
            level = len(heading.group(1)) + 1
            anchor = heading.group(3)
            attr = f' id="{anchor}"' if anchor else ""
            parts.append(f"<h{level}{attr}>{inline(heading.group(2))}</h{level}>")
        elif listed:
            if paragraph:
                flush()
            items.append(listed.group(1))
        elif not line.strip():
            flush()
        else:
            paragraph.append(line.strip())
    flush()
    return "\n".join(parts)


@router.get("/{doc_id}", response_class=HTMLResponse)
def help_page(doc_id: str) -> HTMLResponse:
    """One help page as HTML."""
    doc = _docs().get(doc_id)
    if doc is None:
        raise not_found("La página de ayuda")
    page = (
        '<!doctype html><html lang="es"><head><meta charset="utf-8">'
        f"<title>{html.escape(doc.title)} · Ayuda de Cuadre</title>"
        '<link rel="stylesheet" href="/static/app.css"></head>'
        f'<body class="help"><main><h1>{html.escape(doc.title)}</h1>'
        f"{render_markdown(doc.body)}</main></body></html>"
    )
    return HTMLResponse(page)
