"""Benchmark of the purchase suggester against a bare rapidfuzz lookup.

A catalogue of 50,000 generated items and a history of 20,000 registered lines; per-line
p50/p95 for a cold company (the big catalogue, no history) and a warm one (catalogue and
history), beside `rapidfuzz.process.extractOne` over the same normalized names in the
same run. Target: p95 within 3x the bare call and under 10 ms.

    python -m benchmarks.suggest            # full size, writes benchmarks/results/suggest.json
    python -m benchmarks.suggest --small    # quick check while developing
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import statistics
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import rapidfuzz
from rapidfuzz import process

from tools.suggest import (
    Catalogue,
    CatalogueItem,
    CompanyProfile,
    History,
    HistoryLine,
    ItemKind,
    PurchaseLine,
    normalize,
    suggest,
)
from tools.suggest.catalogue import SCORER

RESULTS = Path(__file__).parent / "results" / "suggest.json"

NOUNS = (
    "arroz", "aceite", "azucar", "harina", "leche", "queso", "cafe", "galleta", "gaseosa",
    "jugo", "detergente", "jabon", "shampoo", "crema dental", "papel higienico", "servilleta",
    "cemento", "varilla", "tornillo", "pintura", "tubo pvc", "cable", "bombillo", "lamina",
    "perfil", "electrodo", "guante", "jeringa", "gasa", "tapabocas", "resma papel", "lapicero",
    "cuaderno", "carpeta", "toner", "cartucho", "llanta", "filtro aceite", "pastilla freno",
    "bateria", "acpm", "lubricante", "bolsa plastica", "caja carton", "etiqueta", "vaso",
    "plato desechable", "atun", "frijol", "lenteja", "pasta", "chocolate", "salsa tomate",
    "mayonesa", "cerveza", "agua", "yogur", "mantequilla", "huevo", "pollo",
)  # fmt: skip
QUALIFIERS = (
    "blanco", "integral", "light", "premium", "clasico", "extra", "industrial", "familiar",
    "original", "natural", "sin azucar", "con sal", "rojo", "azul", "negro", "galvanizado",
    "corrugado", "hexagonal", "vinilo tipo 1", "multiusos", "antibacterial", "carta", "oficio",
    "cuadriculado", "argollado", "radial", "sintetico", "nitrilo", "esteril", "quirurgico",
)  # fmt: skip
_SYLLABLES = ("la", "ma", "ri", "to", "sol", "ber", "cam", "pi", "no", "val", "ra", "zu", "que")
BRANDS = tuple(
    sorted({a + b + c for a in _SYLLABLES for b in _SYLLABLES for c in _SYLLABLES if a != b})
)[:400]
SIZES = (
    "75 g", "125 g", "250 g", "500 g", "1 kg", "2.5 kg", "50 kg", "200 ml", "400 ml", "1 l",
    "1.5 l", "3 l", "1/2 pulgada", "3/8 pulgada", "1 galon", "6 m", "12 unidad", "24 unidad",
    "100 unidad", "caja 50", "paquete 6", "x 500 hojas", "calibre 18", "r22.5", "talla m",
)  # fmt: skip
ACCOUNTS = ("143505", "519530", "519525", "514515", "519535", "145505", "140505", "513550")


def make_catalogue(size: int, rng: random.Random) -> Catalogue:
    """`size` distinct generated items: noun, qualifier, brand, size."""
    names: set[str] = set()
    while len(names) < size:
        names.add(
            f"{rng.choice(NOUNS)} {rng.choice(QUALIFIERS)} {rng.choice(BRANDS)} {rng.choice(SIZES)}"
        )
    return Catalogue(
        tuple(
            CatalogueItem(
                name=name.capitalize(),
                code=f"IT-{position:06d}",
                kind=ItemKind.INVENTORY,
                account_code=rng.choice(ACCOUNTS),
            )
            for position, name in enumerate(sorted(names))
        )
    )


def invoice_text(name: str, rng: random.Random) -> str:
    """How a supplier might print an item: upper case, glued units, pack details."""
    text = name.upper().replace(" G", "G").replace(" KG", "KG").replace(" ML", "ML")
    text = text.replace("UNIDAD", "UND").replace("PAQUETE", "PQT")
    return f"{text} {rng.choice(('CJ X 12', 'PQT X 6', 'UND', 'BULTO', 'X 24'))}"


def make_history(catalogue: Catalogue, size: int, suppliers: int, rng: random.Random) -> History:
    """`size` registered lines from `suppliers` suppliers, a tenth of them corrections."""
    lines = []
    for number in range(size):
        item = rng.choice(catalogue.items)
        lines.append(
            HistoryLine(
                supplier_nit=str(900_000_000 + rng.randrange(suppliers)),
                description=invoice_text(item.name, rng),
                account_code=item.account_code,
                item_name=item.name,
                item_code=item.code,
                document_number=f"FE-{number}",
                is_correction=rng.random() < 0.1,
            )
        )
    return History.of(lines)


def percentile(values: Sequence[float], quantile: float) -> float:
    """Nearest-rank percentile."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(quantile * (len(ordered) - 1)))]


def timed(run: Callable[..., object], *args: object, **kwargs: object) -> float:
    """Milliseconds one call takes."""
    started = time.perf_counter()
    run(*args, **kwargs)
    return (time.perf_counter() - started) * 1000


def summary(times: Sequence[float]) -> dict[str, float]:
    """p50/p95/mean in milliseconds, 3 decimals."""
    return {
        "p50_ms": round(percentile(times, 0.5), 3),
        "p95_ms": round(percentile(times, 0.95), 3),
        "mean_ms": round(statistics.fmean(times), 3),
    }


def run(catalogue_size: int, history_size: int, queries: int, seed: int = 7) -> dict[str, object]:
    """Build the data, time bare rapidfuzz, cold and warm suggestions; return the figures."""
    load_at_start = round(os.getloadavg()[0], 2)
    rng = random.Random(seed)
    catalogue = make_catalogue(catalogue_size, rng)
    build_started = time.perf_counter()
    index = catalogue.index()
    index_ms = (time.perf_counter() - build_started) * 1000
    build_started = time.perf_counter()
    history = make_history(catalogue, history_size, suppliers=400, rng=rng)
    history_ms = (time.perf_counter() - build_started) * 1000
    profile = CompanyProfile(ciiu_codes=("4711",))
    # Seven lines in ten repeat an item a supplier already sold (warm hits its history);
    # the rest are items never bought before.
    by_code = {item.code: item for item in catalogue.items}
    lines = []
    for position in range(queries):
        if rng.random() < 0.7:
            earlier = rng.choice(history.lines)
            item, nit = by_code[earlier.item_code], earlier.supplier_nit
        else:
            item, nit = rng.choice(catalogue.items), str(900_000_000 + rng.randrange(400))
        text = invoice_text(item.name, rng) + f" REF{position}"
        lines.append(PurchaseLine(description=text, supplier_nit=nit))
    names = list(index.names)
    same_best = 0
    for line in lines:
        # Quality of the shortcut: does the capped index reach the full scan's best score?
        query = normalize(line.description)
        full = process.extractOne(query, names, scorer=SCORER)
        found = index.match(query, limit=1, score_cutoff=0)
        same_best += bool(found) and full is not None and found[0].score >= full[1]
    normalize.cache_clear()
    bare, cold, warm = [], [], []
    for line in lines:
        # Each line once through all three, interleaved, so machine noise hits them alike.
        query = normalize(line.description)
        bare.append(timed(process.extractOne, query, names, scorer=SCORER))
        normalize.cache_clear()
        cold.append(timed(suggest, line, profile, index=index))
        normalize.cache_clear()
        warm.append(timed(suggest, line, profile, index=index, history=history))
    result = {
        "catalogue_items": catalogue_size,
        "history_lines": history_size,
        "queries": queries,
        "scorer": "rapidfuzz.fuzz.token_set_ratio",
        "index_reaches_full_scan_best_score": round(same_best / len(lines), 3),
        "build_ms": {"catalogue_index": round(index_ms, 1), "history": round(history_ms, 1)},
        "bare_extractOne": summary(bare),
        "cold": summary(cold),
        "warm": summary(warm),
        "environment": {
            "python": platform.python_version(),
            "rapidfuzz": rapidfuzz.__version__,
            "machine": platform.machine(),
            "cpus": os.cpu_count(),
            # The machine is shared; a high load inflates every figure, bare call included.
            "load_average_1m": {"start": load_at_start, "end": round(os.getloadavg()[0], 2)},
        },
    }
    bare_p95 = result["bare_extractOne"]["p95_ms"]  # type: ignore[index]
    result["ratio_p95_vs_bare"] = {
        case: round(result[case]["p95_ms"] / bare_p95, 2)  # type: ignore[index]
        for case in ("cold", "warm")
    }
    return result


def main() -> None:
    """Command line entry: full run by default, `--small` for a quick check."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--small", action="store_true", help="5,000 items, 2,000 lines")
    parser.add_argument("--queries", type=int, default=1000)
    args = parser.parse_args()
    if args.small:
        result = run(5_000, 2_000, min(args.queries, 200))
    else:
        result = run(50_000, 20_000, args.queries)
        RESULTS.parent.mkdir(parents=True, exist_ok=True)
        RESULTS.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
