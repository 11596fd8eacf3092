"""The element readers ingestion runs on its hot path: compiled when built, else pure.

`tools/dian/_speedups.pyx` holds compiled twins of `ubl.read_fields`, `lines.read_line`,
`ubl_parts.read_subtotals`, `parties.read_party`, the child lookups `ubl_parts.kids`,
`child` and `dig`, and the DOCTYPE check of `xml_safety`: the same walk and the same
results, but over libxml2's nodes instead of lxml proxies (lxml builds a new Python
object and a new `{namespace}tag` string for every child it hands out, and a document
has ~600 elements). The extension is built when the project is installed with a C
compiler at hand; without one, or with `CUADRE_DIAN_PURE=1` in the environment, the pure
readers run: slower, otherwise identical (the tests run the corpus both ways).
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Callable
from types import ModuleType
from typing import Any

from tools.dian import lines, parties, ubl_parts
from tools.dian.model import DocumentLine, Party, TaxAmount
from tools.dian.ubl_parts import Element, Kids, Reader

compiled: ModuleType | None = None
if os.environ.get("CUADRE_DIAN_PURE") != "1":
    try:
        compiled = importlib.import_module("tools.dian._speedups")
    except ImportError:  # installed without a C compiler: the pure readers serve
        compiled = None

COMPILED = compiled is not None
"""True when the compiled readers are in use."""


def _has_doctype(root: Element) -> bool:
    docinfo = root.getroottree().docinfo
    return bool(docinfo.doctype) or docinfo.internalDTD is not None


def _pick(name: str, pure: Callable[..., Any]) -> Any:
    return getattr(compiled, name) if compiled is not None else pure


read_line: Callable[[Reader, Element], DocumentLine] = _pick("read_line", lines.read_line)
read_party: Callable[[Element | None], Party] = _pick("read_party", parties.read_party)
read_subtotals: Callable[[Reader, list[Element], str], tuple[TaxAmount, ...]] = _pick(
    "read_subtotals", ubl_parts.read_subtotals
)
kids: Callable[[Element | None], Kids] = _pick("kids", ubl_parts.kids)
child: Callable[[Element | None, str], Element | None] = _pick("child", ubl_parts.child)
dig: Callable[..., Element | None] = _pick("dig", ubl_parts.dig)
has_doctype: Callable[[Element], bool] = _pick("has_doctype", _has_doctype)
