"""Split a page into one chunk per `##` section, with stable ids and content hashes."""

from __future__ import annotations

import hashlib
import re

from knowledge.loader import slugify
from knowledge.types import PRODUCT_SCOPE, Chunk, SourceDoc

_SECTION = re.compile(r"^##\s+(?P<heading>.+?)\s*(?:\{#(?P<anchor>[A-Za-z0-9_-]+)\})?\s*$")


def content_hash(*parts: str) -> str:
    """Short SHA-256 over the parts; equal text means the chunk needs no re-index."""
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()
    return digest[:20]


def _clean(text: str) -> str:
    # Bold markers help people reading Markdown, not people reading a snippet.
    return re.sub(r"\n{3,}", "\n\n", text.replace("**", "")).strip()


def chunk_document(doc: SourceDoc, company_id: str | int | None = PRODUCT_SCOPE) -> list[Chunk]:
    """Chunks of one page, one per `##` section (a page without sections is one chunk
    with anchor ""; the intro of a page with sections opens its first section).

    The anchor is the explicit `{#anchor}` when the heading has one, otherwise the
    slug of the heading; repeated anchors get a numeric suffix so ids stay unique.
    `###` headings stay inside their section's text.
    """
    scope = "" if company_id is None else str(company_id)
    sections: list[tuple[str, str, list[str]]] = [(doc.title, "", [])]
    seen: set[str] = set()
    for line in doc.body.splitlines():
        match = _SECTION.match(line)
        if match:
            heading = match.group("heading").strip()
            anchor = match.group("anchor") or slugify(heading)
            base, n = anchor, 2
            while anchor in seen:
                anchor, n = f"{base}-{n}", n + 1
            seen.add(anchor)
            sections.append((heading, anchor, []))
        else:
            sections[-1][2].append(line)
    # The intro before the first `##` summarises the page; alone it is a short chunk
    # that outranks the specific sections, so it is read as part of the first section.
    intro = sections[0][2]
    if len(sections) > 1 and any(line.strip() for line in intro):
        heading, anchor, lines = sections[1]
        sections[1] = (heading, anchor, [*intro, "", *lines])
        sections[0] = (doc.title, "", [])
    chunks = []
    for heading, anchor, lines in sections:
        text = _clean("\n".join(lines))
        if not text:
            continue
        chunk_id = f"{doc.doc_id}#{anchor}" if anchor else doc.doc_id
        chunks.append(
            Chunk(
                chunk_id=chunk_id,
                doc_id=doc.doc_id,
                anchor=anchor,
                title=doc.title,
                section=heading,
                text=text,
                company_id=scope,
                content_hash=content_hash(scope, doc.title, heading, text),
            )
        )
    return chunks


def chunk_documents(docs: list[SourceDoc], company_id: str | int | None = "") -> list[Chunk]:
    """Chunks of several pages; a doc id used twice in one load is an error."""
    ids = [d.doc_id for d in docs]
    dupes = sorted({i for i in ids if ids.count(i) > 1})
    if dupes:
        raise ValueError(f"Hay páginas con el mismo id: {', '.join(dupes)}.")
    return [chunk for doc in docs for chunk in chunk_document(doc, company_id)]


__all__ = ["PRODUCT_SCOPE", "chunk_document", "chunk_documents", "content_hash"]
