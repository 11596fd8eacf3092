"""E-invoice issuing cost per document: build, sign, verify, customer package.

    python -m benchmarks.einvoice_issue            # 200 invoices of 1-20 lines
    python -m benchmarks.einvoice_issue --n 20     # quick run while developing

Each invoice is built (UBL 2.1 + CUFE + QR), signed (XAdES-EPES, RSA-2048, throwaway
certificate), verified with signxml, and packaged for the customer (signed
AttachedDocument + PDF with QR + ZIP). Reports the median and p95 milliseconds per step
and documents per second for the build+sign path. Results: benchmarks/results/einvoice_issue.json.
Target: build + sign under 100 ms per invoice at the median (the DIAN answers in seconds).
"""

from __future__ import annotations

import argparse
import json
import platform
import random
import statistics
import time
from dataclasses import replace
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

from tests.stand_ins.dian_ws import application_response
from tests.tools.einvoice.factories import invoice_draft, self_signed_pkcs12
from tools.einvoice.pipeline import customer_package, sign
from tools.einvoice.signing import load_pkcs12, verify_document
from tools.einvoice.types import DraftLine

RESULTS = Path(__file__).parent / "results" / "einvoice_issue.json"


def _lines(rng: random.Random) -> tuple[DraftLine, ...]:
    return tuple(
        DraftLine(
            f"Producto {i}",
            Decimal(rng.randint(1, 50)),
            Decimal(rng.randint(100, 2_000_000)) / 100,
            vat_rate=rng.choice([None, Decimal("5"), Decimal("19")]),
        )
        for i in range(rng.randint(1, 20))
    )


def _summary(samples: list[float]) -> dict[str, float]:
    ordered = sorted(samples)
    return {
        "median_ms": round(statistics.median(ordered) * 1000, 2),
        "p95_ms": round(ordered[int(len(ordered) * 0.95) - 1] * 1000, 2),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=200)
    args = parser.parse_args()
    rng = random.Random(10)
    bundle, cert = self_signed_pkcs12()
    credentials = load_pkcs12(bundle, "clave-prueba")
    timings: dict[str, list[float]] = {"build_sign": [], "verify": [], "package": []}
    for number in range(1, args.n + 1):
        draft = replace(invoice_draft(number), lines=_lines(rng))
        started = time.perf_counter()
        document = sign(draft, credentials)
        timings["build_sign"].append(time.perf_counter() - started)
        started = time.perf_counter()
        verify_document(document.signed_xml, cert)
        timings["verify"].append(time.perf_counter() - started)
        answer = application_response(document.key, draft.document_number, valid=True, notes=())
        started = time.perf_counter()
        customer_package(document, application_response=answer, credentials=credentials)
        timings["package"].append(time.perf_counter() - started)
    build = _summary(timings["build_sign"])
    result = {
        "benchmark": "einvoice_issue",
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": platform.platform(),
        "n": args.n,
        "steps": {name: _summary(values) for name, values in timings.items()},
        "build_sign_per_second": round(1000 / build["median_ms"], 1),
        "target_build_sign_median_ms": 100,
        "target_met": build["median_ms"] < 100,
    }
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
