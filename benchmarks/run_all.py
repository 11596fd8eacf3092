"""Run every benchmark at its issue-sized defaults, one process each (`make bench`).

Each benchmark writes its own figures to `benchmarks/results/<name>.json`; this script only
runs them in turn and prints which ones met their targets (a benchmark exits non-zero
when its target is missed). Pass names to run a subset: `python -m benchmarks.run_all ingest`.
"""

from __future__ import annotations

import subprocess
import sys
import time

BENCHMARKS = (
    "ledger_posting",
    "ingest",
    "suggest",
    "retrieval",
    "einvoice_issue",
    "agent_turns",
    "sync",
)


def main(argv: list[str]) -> int:
    """Run the named benchmarks (all by default); return 1 when any missed its target."""
    chosen = [name for name in BENCHMARKS if not argv or name in argv]
    missed = []
    for name in chosen:
        started = time.perf_counter()
        print(f"== benchmarks.{name}", flush=True)
        code = subprocess.call([sys.executable, "-m", f"benchmarks.{name}"])
        elapsed = time.perf_counter() - started
        verdict = "ok" if code == 0 else f"target missed or failed (exit {code})"
        print(f"== benchmarks.{name}: {verdict} in {elapsed:.0f} s", flush=True)
        if code != 0:
            missed.append(name)
    print("missed: " + (", ".join(missed) if missed else "none"))
    return 1 if missed else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
