"""Every field of every document, compared with a snapshot taken before the parser was
sped up: a faster reader must read exactly the same values (and the same issues and
failures) from the real samples and from a spread of rough synthetic containers.

The snapshot is `tests/fixtures/dian/extraction_snapshot.json`. It was written by the
unmodified parser; rewrite it (`python -m tests.tools.dian.test_extraction_snapshot`)
only for a deliberate change of what is read, and review the diff.
"""

from __future__ import annotations

import json
import random
from dataclasses import fields, is_dataclass
from datetime import date, time
from decimal import Decimal
from enum import Enum
from pathlib import Path
from typing import Any

from tests.fixtures.dian.attacks import BILLION_LAUGHS, XXE
from tests.fixtures.dian.build import BUYER, SELLER, DocSpec, LineSpec, PartySpec, ubl_document
from tests.fixtures.dian.containers import attached_document
from tools.dian import SourceRef, read_document_bytes

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "dian"
SAMPLES = Path(__file__).resolve().parents[4] / "shared" / "samples" / "dian"
SNAPSHOT = FIXTURES / "extraction_snapshot.json"
D = Decimal
PRODUCTS = ("Arroz blanco x 25 kg", "Servicio de transporte", "Tóner láser", "Café y té 500 g")
NATURAL = PartySpec(
    "1020304050", "", "PEDRO PÉREZ", id_type="13", person_type="2", levels="R-99-PN"
)


def _lines(rnd: random.Random, count: int) -> list[LineSpec]:
    return [
        LineSpec(
            rnd.choice(PRODUCTS),
            D(rnd.randint(1, 40)),
            D(rnd.randint(1_000, 2_500_000)) / 100,
            vat_rate=rnd.choice((D("19"), D("5"), D("0"), None)),
            unit_code=rnd.choice(("94", "NIU", "KGM", "XYZ")),
            code=f"ART-{rnd.randint(1, 9999):04d}",
            withholdings=rnd.choice(
                ((), (("06", D("2.5")),), (("05", D("15")), ("07", D("0.966"))))
            ),
        )
        for _ in range(count)
    ]


def _specs() -> list[tuple[str, DocSpec]]:
    rnd = random.Random(7)
    line = [LineSpec("Cemento gris 50 kg", D("10"), D("32000"))]
    ref = ("FE1001", "a" * 96, "2024-03-01")
    specs = [
        ("invoice", DocSpec(lines=_lines(rnd, 5))),
        ("invoice-n0", DocSpec(lines=_lines(rnd, 3), style="n0")),
        ("unsigned", DocSpec(lines=_lines(rnd, 2), signature=False)),
        ("support", DocSpec(type_code="05", supplier=NATURAL, customer=BUYER, lines=line)),
        ("contingency", DocSpec(type_code="04", number="CT12", prefix="CT", lines=line)),
        ("credit", DocSpec(root="CreditNote", type_code="91", number="NC7", prefix="NC",
                           billing_ref=ref, lines=line)),
        ("debit", DocSpec(root="DebitNote", type_code=None, number="ND3", prefix="ND",
                          billing_ref=ref, lines=line)),
        ("usd", DocSpec(currency="USD", exchange_rate=D("3912.45"), lines=_lines(rnd, 2))),
        ("usd-no-rate", DocSpec(currency="USD", lines=line)),
        ("bad-totals", DocSpec(lines=line, totals_override={"PayableAmount": "1.00"})),
        ("bad-dates", DocSpec(due_date="2024-03-01", lines=line,
                              supplier=PartySpec("900390126", "7", "MAL DV S.A.S."))),
        ("bad-codes", DocSpec(type_code="07", payment_means="XYZ", lines=line)),
        ("no-payment", DocSpec(payment_form=None, lines=line)),
        ("cash", DocSpec(payment_form="1", due_date=None, lines=line, prepaid=D("1000"))),
        ("no-lines", DocSpec(lines=[])),
        ("seller-buyer", DocSpec(supplier=SELLER, customer=SELLER, lines=_lines(rnd, 20))),
    ]  # fmt: skip
    for i in range(6):  # like the benchmark's documents
        specs.append(
            (f"bench-{i}", DocSpec(number=f"FE{i + 1}", lines=_lines(rnd, rnd.randint(1, 20))))
        )
    return specs


def corpus() -> list[tuple[str, bytes]]:
    """Named inputs: the real samples, then each synthetic spec bare and in containers."""
    items = [(f"samples/{path.name}", path.read_bytes()) for path in sorted(SAMPLES.glob("*.xml"))]
    items += [
        (f"fixtures/{path.name}", path.read_bytes()) for path in sorted(FIXTURES.glob("*.xml"))
    ]
    variants: tuple[tuple[str, dict[str, Any]], ...] = (
        ("cdata", {}),
        ("escaped", {"mode": "escaped"}),
        ("bom-literal-crlf", {"bom": True, "crlf_literal": True}),
        ("escaped-bom", {"mode": "escaped", "bom": True}),
        ("rejected", {"response_code": "04"}),
        ("no-response", {"response_code": None}),
        ("parent-mismatch", {"parent_id": "OTRO-99"}),
    )
    for name, spec in _specs():
        items.append((f"{name}.xml", ubl_document(spec).encode()))
        for variant, options in variants:
            items.append((f"{name}-ad-{variant}.xml", attached_document(spec, **options).encode()))
        crlf = attached_document(spec).replace("\n", "\r\n").encode()
        items.append((f"{name}-ad-crlf-file.xml", crlf))
    broken = attached_document(_specs()[0][1]).encode()
    items.append(("broken-inner.xml", broken.replace(b"</Invoice>", b"</Invoic>")))
    items += [("billion-laughs.xml", BILLION_LAUGHS), ("xxe.xml", XXE)]
    return items


def plain(value: Any) -> Any:
    """Any result as JSON-ready data that keeps every field and a Decimal's exact digits."""
    if is_dataclass(value) and not isinstance(value, type):
        data = {spec.name: plain(getattr(value, spec.name)) for spec in fields(value)}
        return {"type": type(value).__name__, **data}
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, Decimal):
        return f"D:{value}"  # str keeps the exponent: 1.50 and 1.5 differ
    if isinstance(value, date | time):
        return value.isoformat()
    if isinstance(value, tuple | list):
        return [plain(item) for item in value]
    return value


def current() -> dict[str, Any]:
    """What the parser reads from the corpus now."""
    return {name: plain(read_document_bytes(data, SourceRef(name))) for name, data in corpus()}


def test_every_field_matches_the_snapshot() -> None:
    expected = json.loads(SNAPSHOT.read_text(encoding="utf-8"))
    now = current()
    if not SAMPLES.is_dir():  # a checkout without ../shared: the copies in fixtures remain
        expected = {k: v for k, v in expected.items() if not k.startswith("samples/")}
    assert sorted(now) == sorted(expected)
    for name in expected:
        assert now[name] == expected[name], name


def test_corpus_reaches_the_paths_that_matter() -> None:
    expected = json.loads(SNAPSHOT.read_text(encoding="utf-8"))
    types = [entry["type"] for entry in expected.values()]
    assert types.count("DianDocument") > 200
    assert "IngestFailure" in types
    containers = {entry.get("container") for entry in expected.values()}
    assert {"ubl", "attached_document"} <= containers


if __name__ == "__main__":
    # One document per line: a reviewable diff without a multi-megabyte file.
    entries = (json.dumps(name) + ": " + json.dumps(value, ensure_ascii=False)
               for name, value in current().items())  # fmt: skip
    SNAPSHOT.write_text("{\n" + ",\n".join(entries) + "\n}\n", encoding="utf-8")
    print(f"wrote {SNAPSHOT}")
