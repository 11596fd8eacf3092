"""Extractive answers from help passages, for the embedded planner (no model to write one).

The reply is built from whole pieces of the help, never from fragments:
1. The question is read into concepts (its stems, each with the help's words for it, see
   `agent.answer_terms`) and the kind of answer it wants (steps, an account code, a time,
   a purpose, a reason).
2. Of the first passages retrieved, the section that answers best is chosen: the
   question's concepts in its text and page title, its heading counted twice, its best
   sentence, a sentence of the shape asked for, a heading of the kind asked for, and a
   bonus for the search's rank. Concepts weigh by how rare they are among the passages
   read and in the whole help ("dian" says little, "vence" a lot).
3. A short section is rendered whole. A longer one keeps the pieces (sentences, or list
   items kept whole) that score best, the sentence right after the best one, and the
   lead-in of a list it quotes, in reading order, up to `MAX_WORDS`.
4. A second section is added, briefly, only when it scores close to the first and brings
   concepts of the question the first one does not cover.
Every section used ends with its citation `[Título §Sección]`.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from typing import Any

from agent.answer_terms import (
    corpus_frequency,
    heading_bonus,
    read_question,
    shape_bonus,
    terms,
    with_typos,
)
from agent.render import citation, citation_tag, passage_dict

PASSAGES_READ = 3
WHOLE_SECTION_WORDS = 120  # a section this short is the answer, all of it
MAX_WORDS = 120  # cap on the pieces taken from a longer section
HEADLINE_WORDS = 8  # a sentence this short ("El enlace vence a la hora.") needs the next
SHORT_LIST_WORDS = 60  # a list this short is never cut
SECOND_WORDS = 60  # cap on the extra section
SECOND_RATIO = 0.6  # the extra section must score this close to the first
RANK_PRIOR = (1.5, 0.75, 0.0)  # the search's order still counts, less than the words
HEADING_WEIGHT = 1.0  # a question word in a section's heading counts this much more
BEST_PIECE_WEIGHT = 0.5  # a section holding one sentence that answers it all counts more
SHAPE_ALONE = 1.0  # share of a piece's shape bonus kept when it repeats no question word
_SPLIT = re.compile(r"(?<=[.!?;])\s+(?=[¿¡A-ZÁÉÍÓÚÑ«\d])")
_ITEM = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+")
_HEADING = re.compile(r"^\s*#+\s+")


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

    @property
    def numbered(self) -> bool:
        """True for an item of a numbered list (a step)."""
        return self.marker[:1].isdigit()


@dataclass(frozen=True)
class Section:
    """A passage read for answering: its pieces with their stems, and its heading's stems."""

    passage: dict[str, Any]
    found: list[Piece]
    stems: list[frozenset[str]]
    heading: frozenset[str]
    page: frozenset[str]

    @property
    def body(self) -> frozenset[str]:
        """Every stem of the section's text."""
        return frozenset().union(*self.stems) if self.stems else frozenset()

    @property
    def name(self) -> str:
        """The section's heading as written."""
        return str(self.passage.get("section") or "")

    @property
    def has_steps(self) -> bool:
        """True when the section holds a numbered list."""
        return any(p.numbered for p in self.found)


def read_section(passage: Any) -> Section:
    """A retrieved passage cut into pieces, each with its stems."""
    data = passage_dict(passage)
    found = pieces(str(data.get("text") or data.get("snippet") or ""))
    return Section(
        passage=data,
        found=found,
        stems=[terms(p.text) for p in found],
        heading=terms(str(data.get("section") or "")),
        page=terms(str(data.get("title") or "")),
    )


class Scorer:
    """Scores the pieces and sections read against one question."""

    def __init__(self, question: str, read: list[Section]) -> None:
        vocabulary = set().union(*(s.body | s.heading for s in read))
        self.asked = with_typos(read_question(question), vocabulary)
        self.read = read
        # Stems in every piece ("dian") say little; rare shared ones ("vence") say a lot.
        # Rare in the whole help counts as much as rare among the passages read.
        frequency = Counter(t for s in read for stems in s.stems for t in stems)
        total = max(1, sum(len(s.found) for s in read))
        sections, in_corpus = corpus_frequency()
        self.weight = {
            t: (math.log(1 + total / count) + math.log(1 + sections / (in_corpus.get(t, 0) + 1)))
            / 2
            for t, count in frequency.items()
        }

    def worth(self, stems: frozenset[str]) -> float:
        """The weight of the question's concepts found among `stems` (each concept once,
        by its rarest stem found)."""
        return sum(
            max(self.weight.get(t, 1.0) for t in found)
            for concept in self.asked.concepts
            if (found := concept & stems)
        )

    def pieces(self, section: Section) -> list[float]:
        """Each piece's score: the question's words it holds, plus the fit of its shape."""
        scores = []
        for piece, stems in zip(section.found, section.stems, strict=True):
            shared = self.worth(stems)
            shape = shape_bonus(self.asked, piece.text, piece.numbered)
            # A piece of the right shape ("130505 Clientes") answers "¿qué cuentas mueve?"
            # even when it repeats no word of the question; less than one that does.
            scores.append(shared + (shape if shared else SHAPE_ALONE * shape))
        return scores

    def shape(self, section: Section) -> float:
        """The best fit of shape among the pieces that speak of the question."""
        return max(
            (
                shape_bonus(self.asked, p.text, p.numbered)
                for p, stems in zip(section.found, section.stems, strict=True)
                if stems & self.asked.terms
            ),
            default=0.0,
        )

    def section(self, rank: int) -> float:
        """A section's score: the question's words in its text, page and heading (the
        heading twice, it names what the section answers), its best piece, the kind of
        section asked for, and the search's rank."""
        section = self.read[rank]
        if not section.found:
            return -1.0
        return (
            self.worth(section.body | section.heading | section.page)
            + HEADING_WEIGHT * self.worth(section.heading)
            + BEST_PIECE_WEIGHT * max(self.worth(stems) for stems in section.stems)
            + self.shape(section)
            + heading_bonus(self.asked, section.name, section.has_steps)
            + (RANK_PRIOR[rank] if rank < len(RANK_PRIOR) else 0.0)
        )


def extractive_answer(question: str, passages: list[Any]) -> tuple[str, list[dict[str, str]]]:
    """The reply and its citations; ('', []) when there is nothing to say."""
    read = [read_section(p) for p in list(passages)[:PASSAGES_READ]]
    if not any(s.found for s in read):
        return "", []
    scorer = Scorer(question, read)
    scores = [scorer.section(rank) for rank in range(len(read))]
    order = sorted(range(len(read)), key=lambda r: (-scores[r], r))
    best = read[order[0]]
    chosen = select(best.found, scorer.pieces(best), MAX_WORDS, whole=WHOLE_SECTION_WORDS)
    parts = [f"{render(chosen)} {citation_tag(citation(best.passage))}"]
    cites = [citation(best.passage)]
    covered = frozenset().union(*(terms(p.text) for p in chosen)) | best.heading
    for rank in order[1:2]:
        extra_section = read[rank]
        new = (extra_section.body & scorer.asked.terms) - covered
        if scores[rank] < SECOND_RATIO * scores[order[0]] or not new or not extra_section.found:
            continue
        extra_scores = [scorer.worth(stems & new) for stems in extra_section.stems]
        extra = select(extra_section.found, extra_scores, SECOND_WORDS, whole=0)
        if extra and max(extra_scores) > 0:
            parts.append(f"{render(extra)} {citation_tag(citation(extra_section.passage))}")
            cites.append(citation(extra_section.passage))
    return "\n\n".join(parts), cites


def select(found: list[Piece], scored: list[float], cap: int, *, whole: int) -> list[Piece]:
    """The pieces worth reading, in reading order: all of a short section, else the best
    ones, the piece after the best one and the lead-in of a list, within `cap` words."""
    if not found:
        return []
    if sum(p.size for p in found) <= whole:
        return found
    top = max(range(len(found)), key=lambda i: (scored[i], -i))
    wanted = [top]
    if _continues(found, top):
        wanted.append(top + 1)  # the sentence after the best one usually completes it
    for i in sorted(range(len(found)), key=lambda i: -scored[i]):
        if scored[i] > 0:
            wanted.append(i)
            if found[i].size <= HEADLINE_WORDS and _continues(found, i):
                wanted.append(i + 1)  # a headline sentence comes with the one explaining it
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


def _continues(found: list[Piece], i: int) -> bool:
    # True when a plain sentence of the same paragraph follows piece `i`.
    following = found[i + 1] if i + 1 < len(found) else None
    return bool(
        following
        and not found[i].marker
        and not following.marker
        and following.paragraph == found[i].paragraph
    )


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
