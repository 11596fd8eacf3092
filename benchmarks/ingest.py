"""DIAN ingestion throughput and memory: `iter_documents` against bare lxml parses.

    python -m benchmarks.ingest               # 10,000 AttachedDocuments
    python -m benchmarks.ingest --n 500       # quick run while developing
    python -m benchmarks.ingest --flat        # also: memory at 10,000 vs 100,000 documents

Generates N realistic AttachedDocuments (XAdES signature, embedded invoice with 1-20
lines, embedded ApplicationResponse) into a temporary folder, then measures in the same
run, interleaved chunk by chunk: (1) the container-only floor, each file read and given to
plain `lxml.etree.fromstring` (the embedded invoice stays one CDATA string); (2) the
all-layers floor, the same plus a plain parse of each embedded document (invoice, DIAN
response), i.e. every XML byte a reader of the file must parse; (3) full extraction with
`iter_documents` (secure parses, every field, every validation).

The target (full >= 1/3 of the bare-parse rate) is judged against the container-only
floor, the bare parse of the same bytes the issue names; the all-layers ratio is reported
beside it (how much the reading adds to parsing every layer once). `readers` records
whether the compiled readers (`tools/dian/_speedups.pyx`) or the pure ones ran. Memory is
measured in a fresh child process (peak RSS growth, tracemalloc peak). The flat check
streams 100,000 documents (the N files cycled) in a child and compares RSS at 10,000 and
at 100,000.
Results go to benchmarks/results/ingest.json.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import platform
import random
import resource
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Iterator
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

from lxml import etree

from tests.fixtures.dian.build import BUYER, DocSpec, LineSpec, PartySpec
from tests.fixtures.dian.containers import attached_document
from tools.dian import DianDocument, iter_documents, readers

RESULTS = Path(__file__).with_name("results") / "ingest.json"
TARGET_RATIO = 1 / 3
PRODUCTS = (
    "Arroz blanco x 25 kg", "Aceite de palma 18 L", "Cemento gris 50 kg", "Resma papel carta",
    "Tornillo drywall 6x1", "Servicio de transporte urbano", "Mantenimiento preventivo",
    "Licencia de software mensual", "Café tostado 500 g", "Guantes de nitrilo caja x100",
    "Tóner impresora láser", "Harina de trigo 50 kg", "Azúcar refinada 50 kg",
)  # fmt: skip
SUPPLIERS = (
    PartySpec("900390126", "6", "DISTRIBUIDORA ANDINA S.A.S.", ciiu="4659"),
    PartySpec("800197268", "4", "COMERCIALIZADORA DEL VALLE S.A."),
    PartySpec("900108281", "3", "INSUMOS Y SERVICIOS LTDA"),
)


def _spec(i: int, rnd: random.Random) -> DocSpec:
    lines = [
        LineSpec(
            rnd.choice(PRODUCTS),
            Decimal(rnd.randint(1, 40)),
            Decimal(rnd.randint(1_000, 2_500_000)) / 100,
            vat_rate=Decimal(rnd.choice(("19", "19", "5", "0"))),
            unit_code=rnd.choice(("94", "NIU", "KGM")),
            code=f"ART-{rnd.randint(1, 9999):04d}",
            withholdings=(("06", Decimal("2.5")),) if rnd.random() < 0.2 else (),
        )
        for _ in range(rnd.randint(1, 20))
    ]
    return DocSpec(
        number=f"FE{i + 1}", supplier=SUPPLIERS[i % len(SUPPLIERS)], customer=BUYER, lines=lines
    )


def generate(folder: Path, n: int, seed: int = 2024) -> list[Path]:
    """Write n AttachedDocuments into `folder`; returns their paths."""
    rnd = random.Random(seed)
    paths = []
    for i in range(n):
        path = folder / f"ad{i:06d}.xml"
        path.write_text(attached_document(_spec(i, rnd), bom=i % 7 == 0), encoding="utf-8")
        paths.append(path)
    return paths


def bare_parse(paths: list[Path]) -> tuple[float, float]:
    """Wall and CPU seconds to read and parse every file with a plain lxml parser (the
    container-only floor: the embedded documents stay unparsed strings)."""
    wall, cpu = time.perf_counter(), time.process_time()
    for path in paths:
        etree.fromstring(path.read_bytes())
    return time.perf_counter() - wall, time.process_time() - cpu


DESCRIPTION = "{urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2}Description"


def bare_parse_all_layers(paths: list[Path]) -> tuple[float, float]:
    """Wall and CPU seconds for a plain lxml parse of every XML layer of each file: the
    container, then each embedded document (invoice, DIAN response) found in it.

    The floor the target is judged against: the parse work any extractor of an
    AttachedDocument must do (`bare_parse`, the container alone, is reported beside it).
    """
    wall, cpu = time.perf_counter(), time.process_time()
    for path in paths:
        outer = etree.fromstring(path.read_bytes())
        for element in outer.iter(DESCRIPTION):
            text = etree.tostring(element, method="text", encoding="utf-8", with_tail=False)
            text = text.strip().removeprefix(b"\xef\xbb\xbf")
            if text.startswith(b"<?xml"):
                text = text[text.find(b"?>") + 2 :].strip()
            if text.startswith(b"<"):
                etree.fromstring(text)
    return time.perf_counter() - wall, time.process_time() - cpu


def full_extraction(paths: list[Path]) -> tuple[float, float, int, int]:
    """Wall and CPU seconds, documents and failures for `iter_documents` over the files."""
    documents = failures = 0
    wall, cpu = time.perf_counter(), time.process_time()
    for result in iter_documents(paths):
        if isinstance(result, DianDocument):
            documents += 1
        else:
            failures += 1
    return time.perf_counter() - wall, time.process_time() - cpu, documents, failures


def compare(paths: list[Path], chunk: int = 500) -> dict[str, float]:
    """Both measurements interleaved chunk by chunk, so both see the same machine load.

    The machine is shared: CPU time (`process_time`) is the fair basis of the ratio;
    wall-clock rates are reported beside it.
    """
    totals = dict.fromkeys(
        ("bare_wall", "bare_cpu", "layers_wall", "layers_cpu", "full_wall", "full_cpu"), 0.0
    )
    totals.update(documents=0, failures=0)
    for start in range(0, len(paths), chunk):
        part = paths[start : start + chunk]
        wall, cpu = bare_parse(part)
        totals["bare_wall"] += wall
        totals["bare_cpu"] += cpu
        wall, cpu = bare_parse_all_layers(part)
        totals["layers_wall"] += wall
        totals["layers_cpu"] += cpu
        wall, cpu, documents, failures = full_extraction(part)
        totals["full_wall"] += wall
        totals["full_cpu"] += cpu
        totals["documents"] += documents
        totals["failures"] += failures
    return totals


def _rss_mb() -> float:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def memory_child(folder: Path, docs: int, trace: bool) -> dict[str, object]:
    """Run in a fresh process: stream `docs` documents (files cycled), report memory."""
    paths = sorted(folder.glob("ad*.xml"))
    cycled: Iterator[Path] = itertools.islice(itertools.cycle(paths), docs)
    baseline = _rss_mb()
    if trace:
        tracemalloc.start()
    samples: dict[int, float] = {}
    peak = baseline
    count = 0
    for _ in iter_documents(cycled):
        count += 1
        if count % 1000 == 0:
            peak = max(peak, _rss_mb())
            if count in (10_000, docs):
                samples[count] = round(peak - baseline, 1)
    traced_peak = tracemalloc.get_traced_memory()[1] / 2**20 if trace else None
    return {
        "documents": count,
        "rss_baseline_mb": round(baseline, 1),
        "rss_growth_mb": round(max(peak, _rss_mb()) - baseline, 1),
        "rss_growth_at_mb": samples,
        "tracemalloc_peak_mb": round(traced_peak, 2) if traced_peak is not None else None,
    }


def _in_child(folder: Path, docs: int, trace: bool) -> dict[str, object]:
    command = [sys.executable, "-m", "benchmarks.ingest", "--child", str(folder),
               "--n", str(docs)] + (["--trace"] if trace else [])  # fmt: skip
    output = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    result: dict[str, object] = json.loads(output)
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--n", type=int, default=10_000, help="documents to generate")
    parser.add_argument("--flat", action="store_true", help="memory at 10,000 vs 100,000")
    parser.add_argument("--out", type=Path, default=RESULTS)
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--trace", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(memory_child(args.child, args.n, args.trace)))
        return 0

    with tempfile.TemporaryDirectory(prefix="cuadre-bench-") as tmp:
        folder = Path(tmp)
        started = time.perf_counter()
        paths = generate(folder, args.n)
        generated_s = time.perf_counter() - started
        total_bytes = sum(path.stat().st_size for path in paths)
        bare_parse(paths[: min(200, len(paths))])  # warm the page cache and lxml
        full_extraction(paths[: min(200, len(paths))])
        measured = compare(paths)
        memory = _in_child(folder, args.n, trace=True)
        flat = None
        if args.flat:
            big = _in_child(folder, 100_000, trace=False)
            at = big["rss_growth_at_mb"]
            assert isinstance(at, dict)
            at_10k, at_100k = float(at.get("10000", 0)), float(at.get("100000", 0))
            flat = {
                "rss_growth_at_10000_mb": at_10k,
                "rss_growth_at_100000_mb": at_100k,
                "flat": at_100k <= at_10k * 1.2 + 5,
                "note": f"100,000 documents streamed by cycling the {args.n} generated files",
            }
    n, documents = args.n, int(measured["documents"])
    bare_cpu_rate = n / measured["bare_cpu"]
    layers_cpu_rate = n / measured["layers_cpu"]
    full_cpu_rate = documents / measured["full_cpu"]
    no_failures = measured["failures"] == 0
    report = {
        "benchmark": "dian_ingest",
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": {
            "python": platform.python_version(),
            "cpus": os.cpu_count(),
            "lxml": ".".join(map(str, etree.LXML_VERSION)),
            "load_average_1m": round(os.getloadavg()[0], 2),
        },
        "documents": n,
        "average_file_kb": round(total_bytes / n / 1024, 1),
        "generation_s": round(generated_s, 1),
        "bare_lxml": {
            "wall_s": round(measured["bare_wall"], 2),
            "docs_per_s": round(n / measured["bare_wall"], 1),
            "cpu_docs_per_s": round(bare_cpu_rate, 1),
        },
        "bare_lxml_all_layers": {
            "wall_s": round(measured["layers_wall"], 2),
            "docs_per_s": round(n / measured["layers_wall"], 1),
            "cpu_docs_per_s": round(n / measured["layers_cpu"], 1),
        },
        "iter_documents": {
            "wall_s": round(measured["full_wall"], 2),
            "docs_per_s": round(documents / measured["full_wall"], 1),
            "cpu_docs_per_s": round(full_cpu_rate, 1),
            "documents": documents,
            "failures": int(measured["failures"]),
        },
        "ratio_full_to_bare_cpu": round(full_cpu_rate / bare_cpu_rate, 3),
        "ratio_full_to_bare_wall": round(measured["bare_wall"] / measured["full_wall"], 3),
        "ratio_full_to_all_layers_cpu": round(full_cpu_rate / layers_cpu_rate, 3),
        "ratio_full_to_all_layers_wall": round(measured["layers_wall"] / measured["full_wall"], 3),
        "target_ratio": round(TARGET_RATIO, 3),
        "target_floor": "bare_lxml (each file parsed once by a plain lxml parser)",
        "readers": "compiled" if readers.COMPILED else "pure",
        "meets_target": full_cpu_rate >= bare_cpu_rate * TARGET_RATIO and no_failures,
        "memory": memory,
        "flat_check": flat,
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(json.dumps(report, indent=2, ensure_ascii=False))
    return 0 if report["meets_target"] else 1


if __name__ == "__main__":
    raise SystemExit(main())
