"""Extractive answers from help passages, for the embedded planner (no model to write one).

The reply is built from whole pieces of the help, never from fragments:
1. Of the first passages retrieved, the section that best covers the question is chosen
   (its words weighted by how rare they are, plus a bonus for the retrieval rank).
2. A short section is rendered whole. A longer one keeps the pieces (sentences, or list
   items kept whole) that share most words with the question, the piece right after the
   best one, and the lead-in of a list it quotes, in reading order, up to `MAX_WORDS`.
3. A second section is added, briefly, only when it scores close to the first and brings
   words of the question the first one does not cover.
Every section used ends with its citation `[Título §Sección]`. Words match on their first
five letters, so "vence" finds "vencimiento".
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from typing import Any

from agent.normalize import FILLERS, STOPWORDS, words
from agent.render import citation, citation_tag, passage_dict

PASSAGES_READ = 3
WHOLE_SECTION_WORDS = 120  # a section this short is the answer, all of it
MAX_WORDS = 100  # cap on the pieces taken from a longer section
SHORT_LIST_WORDS = 60  # a list this short is never cut
SECOND_WORDS = 60  # cap on the extra section
SECOND_RATIO = 0.6  # the extra section must score this close to the first
RANK_BONUS = (1.5, 0.75, 0.0)
_SPLIT = re.compile(r"(?<=[.!?;])\s+(?=[¿¡A-ZÁÉÍÓÚÑ«\d])")
_ITEM = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+")
_HEADING = re.compile(r"^\s*#+\s+")


# Words people ask with -> words the help is written with (first five letters).
RELATED: dict[str, tuple[str, ...]] = {
    "dura": ("vence", "venci", "hora", "minut", "plazo"),
    "durar": ("vence", "venci", "hora", "minut", "plazo"),
    "tiemp": ("hora", "minut", "plazo", "dias"),
    "cuant": ("hora", "minut", "dias"),
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


@dataclass(frozen=True)
class Piece:
    """A sentence of a paragraph, or a whole list item (`marker` "- " or "1. ")."""

    text: str
    paragraph: int
    marker: str = ""

    @property
    def size(self) -> int:
        """Length in words."""
        return len(self.text.split())


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
    sections = [pieces(str(d.get("text") or d.get("snippet") or "")) for d in read]
    if not any(sections):
        return "", []
    # Words in every piece ("dian") say little; rare shared words ("vence") say a lot.
    frequency = Counter(k for group in sections for p in group for k in keys(p.text))
    total = max(1, sum(len(group) for group in sections))
    weight = {key: math.log(1 + total / count) for key, count in frequency.items()}

    def covers(text: str) -> set[str]:
        return asked & keys(text)

    def section_score(rank: int) -> float:
        heading = str(read[rank].get("section") or "")
        body = covers(" ".join(p.text for p in sections[rank]))
        named = covers(heading)
        bonus = RANK_BONUS[rank] if rank < len(RANK_BONUS) else 0.0
        return sum(weight.get(k, 1.0) for k in body | named) + 0.5 * len(named) + bonus

    scores = [section_score(rank) if sections[rank] else -1.0 for rank in range(len(read))]
    order = sorted(range(len(read)), key=lambda r: (-scores[r], r))
    best = order[0]

    def piece_score(piece: Piece) -> float:
        return sum(weight.get(k, 1.0) for k in covers(piece.text))

    chosen = select(sections[best], piece_score, MAX_WORDS, whole=WHOLE_SECTION_WORDS)
    parts = [f"{render(chosen)} {citation_tag(citation(read[best]))}"]
    cites = [citation(read[best])]
    covered = set().union(*(covers(p.text) for p in chosen)) if chosen else set()
    for rank in order[1:2]:
        new = {k for k in covers(" ".join(p.text for p in sections[rank])) if k not in covered}
        if scores[rank] < SECOND_RATIO * scores[best] or not new or not sections[rank]:
            continue

        def extra_score(piece: Piece, new: set[str] = new) -> float:
            return sum(weight.get(k, 1.0) for k in covers(piece.text) & new)

        extra = select(sections[rank], extra_score, SECOND_WORDS, whole=0)
        if extra and any(extra_score(p) > 0 for p in extra):
            parts.append(f"{render(extra)} {citation_tag(citation(read[rank]))}")
            cites.append(citation(read[rank]))
    return "\n\n".join(parts), cites


def select(found: list[Piece], score: Any, cap: int, *, whole: int) -> list[Piece]:
    """The pieces worth reading, in reading order: all of a short section, else the best
    ones, the piece after the best one and the lead-in of a list, within `cap` words."""
    if not found:
        return []
    if sum(p.size for p in found) <= whole:
        return found
    scored = [score(p) for p in found]
    top = max(range(len(found)), key=lambda i: (scored[i], -i))
    wanted = [top]
    if top + 1 < len(found) and found[top + 1].paragraph == found[top].paragraph:
        wanted.append(top + 1)  # the sentence after the best one usually completes it
    wanted += [i for i in sorted(range(len(found)), key=lambda i: -scored[i]) if scored[i] > 0]
    if scored[top] <= 0:
        wanted = [0, 1] if len(found) > 1 else [0]
    kept: list[int] = []
    used = 0
    for i in dict.fromkeys(wanted):
        block = _with_list(found, i)
        if not block:
            continue
        size = sum(found[j].size for j in block if j not in kept)
        if kept and used + size > cap:
            continue
        kept.extend(j for j in block if j not in kept)
        used += size
    return [found[i] for i in sorted(kept)]


def _with_list(found: list[Piece], i: int) -> list[int]:
    # A lead-in ("... estas condiciones:") is read with the list it announces, never alone;
    # a list item comes with its lead-in, so it is clear what it enumerates.
    if found[i].marker:
        lead = _lead_in(found, i)
        items = _list_around(found, i)
        if sum(found[j].size for j in items) <= SHORT_LIST_WORDS:
            return ([] if lead is None else [lead]) + items  # a short list reads whole
        return [i] if lead is None else [lead, i]
    if not found[i].text.endswith(":"):
        return [i]
    block = [i]
    for j in range(i + 1, len(found)):
        if not found[j].marker:
            break
        block.append(j)
    if sum(found[j].size for j in block[1:]) > SHORT_LIST_WORDS:
        return []  # a long list is read by its best items, each bringing this lead-in
    return block


def _list_around(found: list[Piece], i: int) -> list[int]:
    # The items of the list that holds item `i`.
    start = i
    while (
        start > 0 and found[start - 1].marker and found[start - 1].paragraph == found[i].paragraph
    ):
        start -= 1
    end = i
    while (
        end + 1 < len(found)
        and found[end + 1].marker
        and found[end + 1].paragraph == found[i].paragraph
    ):
        end += 1
    return list(range(start, end + 1))


def _lead_in(found: list[Piece], item: int) -> int | None:
    # The sentence ending in ":" right before a list says what the list is.
    for i in range(item - 1, -1, -1):
        if not found[i].marker:
            return i if found[i].text.endswith(":") else None
    return None


def render(chosen: list[Piece]) -> str:
    """Pieces as Markdown: sentences of one paragraph joined, list items one per line."""
    lines: list[str] = []
    previous: Piece | None = None
    for piece in chosen:
        same_paragraph = previous is not None and previous.paragraph == piece.paragraph
        if not piece.marker and same_paragraph and previous is not None and not previous.marker:
            lines[-1] += " " + piece.text
        else:
            lines.append(piece.marker + piece.text)
        previous = piece
    return "\n".join(lines)


def pieces(text: str) -> list[Piece]:
    """A Markdown section as pieces: paragraph sentences and whole list items (tables too)."""
    found: list[Piece] = []
    paragraph = 0
    prose: list[str] = []

    def flush() -> None:
        joined = " ".join(prose).strip()
        for sentence in _SPLIT.split(joined) if joined else []:
            if len(sentence.strip()) > 3:
                found.append(Piece(sentence.strip(), paragraph))
        prose.clear()

    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            flush()
            paragraph += 1
        elif line.startswith("|"):
            flush()
            row = _table_row(line)
            if row:
                found.append(Piece(row, paragraph, "- "))
            elif found and found[-1].marker and found[-1].paragraph == paragraph:
                found.pop()  # the row above the |---| rule is the table's header
        elif _ITEM.match(line):
            flush()
            numbered = line[0].isdigit()
            marker = line.split()[0].rstrip(")").rstrip(".") + ". " if numbered else "- "
            found.append(Piece(_ITEM.sub("", line).strip(), paragraph, marker))
        elif found and found[-1].marker and not prose and raw[:1].isspace():
            last = found.pop()  # an item's continuation line stays with its item
            found.append(Piece(f"{last.text} {line}", last.paragraph, last.marker))
        else:
            prose.append(_HEADING.sub("", line).lstrip("> ").strip())
    flush()
    return found


def sentences(text: str) -> list[str]:
    """Readable sentences of a Markdown section (list markers dropped, tables as lines)."""
    return [piece.text for piece in pieces(text)]


def _table_row(row: str) -> str:
    # "| Internet y teléfono | 5135 |" reads as "Internet y teléfono: 5135."; rules drop out.
    cells = [cell.strip() for cell in row.strip("|").split("|")]
    if all(set(cell) <= set("-: ") for cell in cells):
        return ""
    return ": ".join(cell for cell in cells if cell) + "."
