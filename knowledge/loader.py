"""Load help pages from Markdown, HTML or plain-text files, or a whole folder."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

from knowledge.types import SourceDoc

SUPPORTED_SUFFIXES = (".md", ".markdown", ".html", ".htm", ".txt")
PRODUCT_DOCS_DIR = Path(__file__).parent / "docs"

_FRONT_MATTER = re.compile(r"\A---\s*\n(.*?)\n---\s*\n", re.DOTALL)


class LoaderError(ValueError):
    """A file that cannot be read as a help page; the message is Spanish."""


def slugify(text: str) -> str:
    """A stable, accent-free, lowercase id: "Pagos automáticos" -> "pagos-automaticos"."""
    from knowledge.textnorm import fold

    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-") or "pagina"


def load_path(path: Path | str) -> list[SourceDoc]:
    """Every help page under `path` (a file or a folder, recursively, sorted by name)."""
    root = Path(path)
    if root.is_dir():
        files = sorted(p for p in root.rglob("*") if p.suffix.lower() in SUPPORTED_SUFFIXES)
        return [load_file(p) for p in files]
    if not root.exists():
        raise LoaderError(f"No encuentro «{root}».")
    return [load_file(root)]


def load_product_docs() -> list[SourceDoc]:
    """The product's own help corpus shipped in `knowledge/docs/`."""
    return load_path(PRODUCT_DOCS_DIR)


def load_file(path: Path) -> SourceDoc:
    """One page; the format follows the file's suffix."""
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise LoaderError(
            f"«{path.name}» no es Markdown, HTML ni texto; no lo puedo agregar a la ayuda."
        )
    raw = path.read_text(encoding="utf-8")
    if suffix in (".html", ".htm"):
        return parse_html(raw, default_id=slugify(path.stem), path=str(path))
    if suffix == ".txt":
        return parse_text(raw, default_id=slugify(path.stem), path=str(path))
    return parse_markdown(raw, default_id=slugify(path.stem), path=str(path))


def parse_markdown(raw: str, *, default_id: str, path: str = "") -> SourceDoc:
    """Front matter (`id`, `title`) plus body; without it the id comes from the file name."""
    meta: dict[str, str] = {}
    body = raw
    match = _FRONT_MATTER.match(raw)
    if match:
        for line in match.group(1).splitlines():
            key, sep, value = line.partition(":")
            if sep:
                meta[key.strip()] = value.strip().strip("\"'")
        body = raw[match.end() :]
    title = meta.get("title", "")
    lines = body.splitlines()
    if not title:
        for i, line in enumerate(lines):
            if line.startswith("# "):
                title = line[2:].strip()
                lines = lines[:i] + lines[i + 1 :]
                break
    doc_id = slugify(meta["id"]) if meta.get("id") else default_id
    return SourceDoc(doc_id=doc_id, title=title or doc_id, body="\n".join(lines).strip(), path=path)


def parse_text(raw: str, *, default_id: str, path: str = "") -> SourceDoc:
    """Plain text: the first non-empty line is the title, the rest the body."""
    lines = raw.strip().splitlines()
    title = lines[0].strip() if lines else default_id
    return SourceDoc(doc_id=default_id, title=title, body="\n".join(lines[1:]).strip(), path=path)


class _HtmlToMarkdown(HTMLParser):
    """Just enough HTML: h1 is the title, h2 starts a section (its `id` is the anchor)."""

    _BLOCKS = frozenset({"p", "li", "div", "tr", "br", "h3", "h4", "section", "article"})
    _SKIP = frozenset({"script", "style", "nav", "footer"})

    def __init__(self) -> None:
        super().__init__()
        self.title = ""
        self.lines: list[str] = []
        self._buf: list[str] = []
        self._heading: str | None = None
        self._anchor = ""
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self._SKIP:
            self._skip += 1
        elif tag in ("h1", "h2", "title"):
            self._flush()
            self._heading = tag
            self._anchor = dict(attrs).get("id") or ""
        elif tag in self._BLOCKS:
            self._flush()
            if tag == "li":
                self._buf.append("- ")

    def handle_endtag(self, tag: str) -> None:
        if tag in self._SKIP:
            self._skip = max(0, self._skip - 1)
        elif tag == self._heading:
            text = " ".join("".join(self._buf).split())
            self._buf = []
            if tag in ("h1", "title"):
                self.title = self.title or text
            elif text:
                anchor = f" {{#{self._anchor}}}" if self._anchor else ""
                self.lines.append(f"## {text}{anchor}")
            self._heading = None
        elif tag in self._BLOCKS:
            self._flush()

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self._buf.append(data)

    def _flush(self) -> None:
        if self._heading:
            return
        text = " ".join("".join(self._buf).split())
        self._buf = []
        if text and text != "-":
            self.lines.append(text)


def parse_html(raw: str, *, default_id: str, path: str = "") -> SourceDoc:
    """HTML page to the same Markdown shape the chunker reads."""
    parser = _HtmlToMarkdown()
    parser.feed(raw)
    parser.close()
    parser._flush()
    return SourceDoc(
        doc_id=default_id,
        title=parser.title or default_id,
        body="\n".join(parser.lines).strip(),
        path=path,
    )
