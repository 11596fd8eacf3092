"""Types of the compiled readers (`_speedups.pyx`); see `tools.dian.readers`."""

from lxml.etree import _Element

from tools.dian.model import (
    Container,
    DianDocument,
    DianValidation,
    DocumentLine,
    Party,
    SourceRef,
    TaxAmount,
)
from tools.dian.ubl import Shape
from tools.dian.ubl_parts import Reader

def read_subtotals(reader: Reader, totals: list[_Element], what: str) -> tuple[TaxAmount, ...]: ...
def read_line(reader: Reader, line: _Element) -> DocumentLine: ...
def read_party(role: _Element | None) -> Party: ...
def kids(element: _Element | None) -> dict[str, list[_Element]]: ...
def child(element: _Element | None, tag: str) -> _Element | None: ...
def dig(element: _Element | None, *tags: str) -> _Element | None: ...
def has_doctype(root: _Element) -> bool: ...
def tag_cache_size() -> int: ...
def read_fields(
    reader: Reader,
    root: _Element,
    shape: Shape,
    source: SourceRef,
    container: Container,
    validation: DianValidation | None,
) -> DianDocument: ...
