"""Query latency of the help search at 5,000 chunks, beside bare Chroma and bare BM25.

    python -m benchmarks.retrieval                 # the real run (5,000 chunks)
    python -m benchmarks.retrieval --chunks 600    # a quick one while developing

The index holds the product corpus plus generated company pages (deterministic), in a
temporary data directory. Each question of evals/datasets/retrieval.jsonl is asked as
a random generated company, three ways in the same run:
  hybrid  `Retriever.search` (dense + BM25 + fusion + snippets, company filter)
  chroma  `collection.query` with the same `where` (includes embedding the question)
  bm25    `SparseIndex.search` with the company mask
Results go to benchmarks/results/retrieval.json.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import statistics
import tempfile
import time
from pathlib import Path

from cuadre.settings import Settings
from evals.retrieval import load_cases
from knowledge.chunker import chunk_documents
from knowledge.index import sync_product_docs
from knowledge.retriever import Retriever
from knowledge.store import ChromaStore, scope_filter
from knowledge.types import SourceDoc

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results" / "retrieval.json"

TOPICS = (
    (
        "Anticipos a proveedores",
        "anticipos",
        "Los anticipos a {prov} se registran en la 133005 y se cruzan con la factura en {n} días.",
    ),
    (
        "Caja menor",
        "caja-menor",
        "La caja menor de la sede {sede} se repone cada {dia} con tope de $ {monto}.000,00.",
    ),
    (
        "Compras de mercancía",
        "compras",
        "Las compras a {prov} pasan por bodega y se registran en 143505 el mismo {dia}.",
    ),
    (
        "Viáticos",
        "viaticos",
        "Los viáticos a {sede} se legalizan en {n} días con soportes y factura electrónica.",
    ),
    (
        "Nómina de la sede",
        "nomina-sede",
        "La nómina de {sede} usa el centro de costo {n} y se revisa antes del {dia}.",
    ),
    (
        "Cierre de mes",
        "cierre",
        "El cierre de mes lo hace {persona} el {dia}, después de conciliar bancos y cartera.",
    ),
    (
        "Cartera",
        "cartera",
        "A los clientes con más de {n} días de mora se les llama el {dia}; responsable {persona}.",
    ),
    (
        "Inventario físico",
        "inventario",
        "El conteo de {sede} es el último {dia} del mes; firma {persona}.",
    ),
)
PROVIDERS = (
    "Distribuidora Andina",
    "Ferretería El Tornillo",
    "Transportes del Sur",
    "Papelería Central",
    "Aseo Total",
)
PLACES = ("Bogotá", "Medellín", "Cali", "Bucaramanga", "Pereira", "Barranquilla")
DAYS = ("lunes", "martes", "miércoles", "jueves", "viernes", "sábado")
PEOPLE = ("la contadora", "el gerente", "la auxiliar", "el administrador")


def company_pages(company: int, sections: int, rng: random.Random) -> list[SourceDoc]:
    """Deterministic policy pages for one company, `sections` sections in all."""
    docs, made, page = [], 0, 0
    while made < sections:
        body = []
        for title, anchor, template in rng.sample(TOPICS, k=min(4, sections - made)):
            text = template.format(
                prov=rng.choice(PROVIDERS),
                sede=rng.choice(PLACES),
                dia=rng.choice(DAYS),
                persona=rng.choice(PEOPLE),
                n=rng.randint(2, 90),
                monto=rng.randint(100, 900),
            )
            body.append(f"## {title} {{#{anchor}}}\n\n{text}\n")
            made += 1
        docs.append(
            SourceDoc(doc_id=f"manual-{page}", title=f"Manual interno {page}", body="\n".join(body))
        )
        page += 1
    return docs


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def summarise(ms: list[float]) -> dict[str, float]:
    return {
        "p50_ms": round(percentile(ms, 0.50), 2),
        "p95_ms": round(percentile(ms, 0.95), 2),
        "mean_ms": round(statistics.fmean(ms), 2),
    }


def run(
    total_chunks: int, rounds: int, seed: int, data_dir: Path | None = None
) -> dict[str, object]:
    rng = random.Random(seed)
    reused = data_dir is not None and (data_dir / "chroma").exists()
    with tempfile.TemporaryDirectory(prefix="cuadre-bench-") as tmp:
        settings = Settings(data_dir=data_dir or Path(tmp), environment="test")
        store = ChromaStore(settings)
        retriever = Retriever(store)
        started = time.perf_counter()
        product = sync_product_docs(retriever)
        product_seconds = time.perf_counter() - started

        wanted = max(0, total_chunks - product.added - product.unchanged)
        companies = max(1, wanted // 40)
        started = time.perf_counter()
        for company in range(1, companies + 1):
            # 40 sections each; the first companies take the remainder.
            extra = 1 if company <= wanted % companies else 0
            docs = company_pages(company, wanted // companies + extra, rng)
            retriever.sync(chunk_documents(docs, company), str(company))
        company_seconds = time.perf_counter() - started
        chunks = len(store.all_chunks())
        started = time.perf_counter()
        sparse = retriever._sparse_index()
        bm25_build_seconds = time.perf_counter() - started

        questions = [
            c.question for c in load_cases(ROOT / "evals" / "datasets" / "retrieval.jsonl")
        ]
        timings: dict[str, list[float]] = {"hybrid": [], "chroma": [], "bm25": []}
        retriever.search("calentamiento", k=5, company_id=1)  # load the encoder, warm caches
        for _ in range(rounds):
            for question in questions:
                company = rng.randint(1, companies)
                t0 = time.perf_counter()
                retriever.search(question, k=5, company_id=company)
                t1 = time.perf_counter()
                store.collection.query(
                    query_texts=[question], n_results=5, where=scope_filter(company)
                )
                t2 = time.perf_counter()
                sparse.search(question, 5, company)
                t3 = time.perf_counter()
                timings["hybrid"].append((t1 - t0) * 1000)
                timings["chroma"].append((t2 - t1) * 1000)
                timings["bm25"].append((t3 - t2) * 1000)
        return {
            "chunks": chunks,
            "vectors": store.count(),
            "companies": companies,
            "index_reused": reused,
            "queries": len(timings["hybrid"]),
            "build_seconds": {
                "product_pages": round(product_seconds, 2),
                "company_pages": round(company_seconds, 2),
                "bm25": round(bm25_build_seconds, 2),
            },
            "latency": {name: summarise(ms) for name, ms in timings.items()},
            "machine": {
                "cpus": os.cpu_count(),
                "python": platform.python_version(),
                "load_average_1m": round(os.getloadavg()[0], 2),
            },
        }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chunks", type=int, default=5000)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--out", type=Path, default=RESULTS)
    parser.add_argument(
        "--data-dir", type=Path, default=None, help="Keep (and reuse) the index here."
    )
    args = parser.parse_args()
    result = run(args.chunks, args.rounds, args.seed, args.data_dir)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(json.dumps(result, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
