"""Extractive answers from help passages, for the embedded planner (no model to write one).

The sentences of the best few passages that share the most words with the question are
kept (in reading order, grouped by passage), each group followed by its citation
`[Título §Sección]`. Words match on their first letters, so "vence" finds "vencimiento".
"""

from __future__ import annotations

import math
import re
from collections import Counter
from typing import Any

from agent.normalize import FILLERS, STOPWORDS, words
from agent.render import citation, citation_tag, passage_dict

MAX_CHARS = 600
MAX_SENTENCES = 4
PASSAGES_READ = 3
RANK_BONUS = (1.0, 0.5, 0.0)
_SPLIT = re.compile(r"(?<=[.!?:;])\s+(?=[¿¡A-ZÁÉÍÓÚÑ«\d\-*])|\n+")
_MARKUP = re.compile(r"^\s*(?:[-*+]\s+|#+\s+|\d+\.\s+|>\s*)")


# Words people ask with -> words the help is written with (first five letters).
RELATED: dict[str, tuple[str, ...]] = {
    "dura": ("vence", "venci", "hora", "minut", "plazo"),
    "durar": ("vence", "venci", "hora", "minut", "plazo"),
    "tiemp": ("hora", "minut", "plazo", "dias"),
    "link": ("enlac", "token"),
    "enlac": ("link", "token"),
    "token": ("enlac", "link"),
    "borra": ("elimi", "quita", "anula", "rever"),
    "quita": ("elimi", "borra", "exclu"),
    "devue": ("rever", "desha", "anula"),
    "devol": ("rever", "desha", "anula"),
    "desha": ("rever", "anula"),
    "plata": ("pago", "valor", "dinero"),
    "cobra": ("cobrar", "clien", "carte"),
    "xml": ("archi", "docum"),
}


def expand(asked: set[str]) -> set[str]:
    """The question's keys plus the words the help uses for them."""
    return asked | {related for key in asked for related in RELATED.get(key, ())}


def keys(text: str) -> set[str]:
    """Word keys for overlap: content words cut to their first five letters."""
    return {w[:5] for w in words(text) if w not in STOPWORDS | FILLERS and len(w) > 2}


def extractive_answer(question: str, passages: list[Any]) -> tuple[str, list[dict[str, str]]]:
    """The reply and its citations; ('', []) when there is nothing to say."""
    asked = expand(keys(question))
    read = [passage_dict(p) for p in list(passages)[:PASSAGES_READ]]
    split = [sentences(str(d.get("text") or d.get("snippet") or "")) for d in read]
    # Words in every sentence ("dian") say little; rare shared words ("vence") say a lot.
    frequency = Counter(key for group in split for s in group for key in keys(s))
    total = max(1, sum(len(group) for group in split))
    weight = {key: math.log(1 + total / count) for key, count in frequency.items()}
    candidates: list[tuple[float, int, int, str]] = []
    for rank, group in enumerate(split):
        for position, sentence in enumerate(group):
            shared = asked & keys(sentence)
            score = sum(weight[key] for key in shared) + RANK_BONUS[rank]
            score += 0.2 if position == 0 else 0.0
            score -= 0.8 if sentence.endswith(":") else 0.0  # a list's lead-in says little
            if shared or (rank == 0 and position == 0):
                candidates.append((score, rank, position, sentence))
    chosen: list[tuple[int, int, str]] = []
    used = 0
    for _score, rank, position, sentence in sorted(candidates, key=lambda c: (-c[0], c[1], c[2])):
        if len(chosen) == MAX_SENTENCES or (chosen and used + len(sentence) > MAX_CHARS):
            continue
        chosen.append((rank, position, sentence))
        used += len(sentence)
    parts: list[str] = []
    cites: list[dict[str, str]] = []
    for rank in sorted({rank for rank, _, _ in chosen}):
        kept = " ".join(s for r, _, s in sorted(chosen) if r == rank)
        cite = citation(read[rank])
        parts.append(f"{kept} {citation_tag(cite)}")
        cites.append(cite)
    return "\n\n".join(parts), cites


def sentences(text: str) -> list[str]:
    """Readable sentences of a Markdown section (list markers and tables dropped)."""
    found = []
    for raw in _SPLIT.split(text):
        sentence = _MARKUP.sub("", raw.strip()).strip()
        if sentence.startswith("|"):
            sentence = _table_row(sentence)
        if len(sentence) > 3:
            found.append(sentence)
    return found


def _table_row(row: str) -> str:
    # "| Internet y teléfono | 5135 |" reads as "Internet y teléfono: 5135."; rules drop out.
    cells = [cell.strip() for cell in row.strip("|").split("|")]
    if all(set(cell) <= set("-: ") for cell in cells):
        return ""
    return ": ".join(cell for cell in cells if cell) + "."
