"""Immutable values the knowledge package passes around."""

from __future__ import annotations

from dataclasses import dataclass

PRODUCT_SCOPE = ""
"""The `company_id` of the product's own help pages (visible to every company)."""


@dataclass(frozen=True)
class SourceDoc:
    """One help page as loaded from disk: front matter plus Markdown body."""

    doc_id: str
    title: str
    body: str
    path: str = ""


@dataclass(frozen=True)
class Chunk:
    """One section of a page: the unit that is embedded, indexed and cited."""

    chunk_id: str
    doc_id: str
    anchor: str
    title: str
    section: str
    text: str
    company_id: str
    content_hash: str

    @property
    def title_path(self) -> str:
        """ "Página › Sección", the heading trail kept with the chunk."""
        return f"{self.title} › {self.section}" if self.section != self.title else self.title

    @property
    def citation(self) -> str:
        """`doc_id#anchor`, the form tools cite."""
        return f"{self.doc_id}#{self.anchor}" if self.anchor else self.doc_id

    @property
    def store_id(self) -> str:
        """Unique id across companies (company pages may reuse a product doc id)."""
        return self.chunk_id if not self.company_id else f"c{self.company_id}:{self.chunk_id}"

    def indexed_text(self) -> str:
        """What the embedder and BM25 see: the title path, then the section text."""
        return f"{self.title_path}\n{self.text}"


@dataclass(frozen=True)
class Passage:
    """A ranked search result with what a person needs to read and cite it."""

    doc_id: str
    title: str
    section: str
    anchor: str
    snippet: str
    score: float
    text: str
    company_id: str = PRODUCT_SCOPE

    @property
    def citation(self) -> str:
        """`doc_id#anchor`."""
        return f"{self.doc_id}#{self.anchor}" if self.anchor else self.doc_id


@dataclass(frozen=True)
class RuleExplanation:
    """The text of a rule and where it is documented (`doc_id#anchor`)."""

    text: str
    citation: str
    title: str = ""
    section: str = ""


@dataclass(frozen=True)
class SyncReport:
    """What one re-index did: only changed chunks are written."""

    added: int = 0
    updated: int = 0
    removed: int = 0
    unchanged: int = 0
    seconds: float = 0.0

    @property
    def touched(self) -> int:
        """Chunks written or deleted."""
        return self.added + self.updated + self.removed
