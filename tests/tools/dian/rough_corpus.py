"""Rough variants of DIAN documents, for holding two readers to the same results.

Each variant is a document of the snapshot corpus with a few seeded mutations of the
kind real files and hostile ones carry: padded or blank values (ASCII and Unicode
spaces), numbers that are not numbers (or not finite), impossible dates, comments and
CDATA splitting a value, character references, duplicated, emptied, missing or
re-namespaced elements. Some mutations make the XML invalid: the failure must match too.

`python -m tests.tools.dian.rough_corpus OUT.json` writes what this process's readers
read from the whole corpus (run it with CUADRE_DIAN_PURE=1 for the pure readers).
"""

from __future__ import annotations

import json
import random
import re
import sys
from pathlib import Path
from typing import Any

from tests.tools.dian.test_extraction_snapshot import corpus, plain
from tools.dian import SourceRef, read_document_bytes

SEED = 20261121
VARIANTS_PER_DOCUMENT = 6
# A leaf element with text: prefix, local name, attributes, text.
_LEAF = re.compile(r"<(\w+:)?(\w+)((?:\s[^<>]*?)?)>([^<]+)</\1\2>")
_AMOUNT = re.compile(r"Amount|Quantity|Percent|Rate|Numeric|Measure")
_AGGREGATE = re.compile(r"<(cac:\w+)[\s>].*?</\1>", re.DOTALL)
_ATTRIBUTE = re.compile(r'\s(schemeID|schemeName|unitCode)="([^"]*)"')
NOT_NUMBERS = ("abc", "NaN", "Infinity", "-Inf", "sNaN", "", "  ", "1.000,00", "٣٫٥", "+5",
               "1e5", " 1E-2 ", "0.00", "-0")  # fmt: skip
NOT_DATES = ("2024-13-01", "hoy", "", "2024-02-30", "20240101", "2024-03-15T10:00:00")
PADDING = (" ", "\n\t", "\xa0", "\u2003", "\x1f", "\r\n ")


def _pick_leaf(rnd: random.Random, text: str, pattern: re.Pattern[str] | None = None):
    leaves = [m for m in _LEAF.finditer(text) if pattern is None or pattern.search(m.group(2))]
    return rnd.choice(leaves) if leaves else None


def _replace(text: str, match: re.Match[str], new: str) -> str:
    return text[: match.start()] + new + text[match.end() :]


def _with_value(match: re.Match[str], value: str) -> str:
    prefix, name, attributes, _ = match.groups()
    prefix = prefix or ""
    return f"<{prefix}{name}{attributes}>{value}</{prefix}{name}>"


def mutate(rnd: random.Random, text: str) -> str:
    """One random mutation of `text` (unchanged when it has nothing to mutate)."""
    kind = rnd.randrange(10)
    leaf = _pick_leaf(rnd, text, _AMOUNT if kind == 1 else None)
    if leaf is None:
        return text
    value = leaf.group(4)
    if kind == 0:  # padding around (and sometimes instead of) the value
        pad = rnd.choice(PADDING)
        return _replace(text, leaf, _with_value(leaf, rnd.choice((pad + value + pad, pad))))
    if kind == 1:
        return _replace(text, leaf, _with_value(leaf, rnd.choice(NOT_NUMBERS)))
    if kind == 2:
        dated = _pick_leaf(rnd, text, re.compile("Date"))
        if dated is not None:
            return _replace(text, dated, _with_value(dated, rnd.choice(NOT_DATES)))
        return text
    cut = rnd.randrange(len(value) + 1)
    if kind == 3:  # a comment or a PI splitting the value (the parser drops both)
        splitter = rnd.choice(("<!-- x -->", "<?pi x?>"))
        return _replace(text, leaf, _with_value(leaf, value[:cut] + splitter + value[cut:]))
    if kind == 4:
        split = f"{value[:cut]}<![CDATA[{value[cut:]}]]>"
        return _replace(text, leaf, _with_value(leaf, split))
    if kind == 5:  # character references, in the text or an attribute
        attribute = _ATTRIBUTE.search(text, rnd.randrange(len(text)))
        if attribute is not None and rnd.random() < 0.5:
            name, old = attribute.groups()
            return _replace(text, attribute, f' {name}="{old}&amp;&#65;"')
        return _replace(text, leaf, _with_value(leaf, value[:cut] + "&#160;&amp;" + value[cut:]))
    if kind == 6:  # duplicated (first or last may win, as the reader decides)
        other = _with_value(leaf, rnd.choice((value, value + "9", "")))
        return text[: leaf.end()] + other + text[leaf.end() :]
    if kind == 7:  # emptied or removed
        prefix, name = leaf.group(1) or "", leaf.group(2)
        return _replace(text, leaf, rnd.choice((f"<{prefix}{name}/>", "")))
    if kind == 8:  # in another namespace
        prefix, name = leaf.group(1) or "", leaf.group(2)
        other = rnd.choice(('<x:{n} xmlns:x="urn:otro">{v}</x:{n}>', "<cac:{n}>{v}</cac:{n}>",
                            "<{n}>{v}</{n}>"))  # fmt: skip
        if prefix == "cac:":
            other = "<cbc:{n}>{v}</cbc:{n}>"
        return _replace(text, leaf, other.format(n=name, v=value))
    aggregates = list(_AGGREGATE.finditer(text))  # a whole aggregate missing
    return _replace(text, rnd.choice(aggregates), "") if aggregates else text


def rough_corpus() -> list[tuple[str, bytes]]:
    """The snapshot corpus followed by rough variants of its bare UBL documents."""
    items = corpus()
    rnd = random.Random(SEED)
    for name, data in list(items):
        if b"AttachedDocument" in data[:4096] or not data.lstrip().startswith(b"<"):
            continue  # embedded documents: mutated through the bare ones
        text = data.decode("utf-8", errors="replace")
        for number in range(VARIANTS_PER_DOCUMENT):
            variant = text
            for _ in range(rnd.randint(1, 4)):
                variant = mutate(rnd, variant)
            items.append((f"{name}~{number}", variant.encode("utf-8")))
    return items


def readings() -> dict[str, Any]:
    """What this process's readers read from every input of the rough corpus."""
    return {
        name: plain(read_document_bytes(data, SourceRef(name))) for name, data in rough_corpus()
    }


if __name__ == "__main__":
    Path(sys.argv[1]).write_text(json.dumps(readings(), ensure_ascii=False), encoding="utf-8")
