"""Answer checks (pure): does a reply contain one alternative of every `any_of` group?

A case is `{"id", "question", "any_of": [["una hora", "60 minutos"], ...]}`. Comparison is
case- and accent-insensitive, on whitespace-collapsed text.
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class QuestionCase:
    """One question and the phrases a right answer contains."""

    id: str
    question: str
    any_of: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class AnswerResult:
    """A graded answer: the groups it missed (empty when it passed)."""

    case: QuestionCase
    reply: str
    missing: tuple[tuple[str, ...], ...]
    seconds: float = 0.0

    @property
    def passed(self) -> bool:
        """True when every group had one alternative in the reply."""
        return not self.missing


def plain(text: str) -> str:
    """Lowercase, accents folded, whitespace collapsed."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return " ".join("".join(ch for ch in decomposed if not unicodedata.combining(ch)).split())


def grade(case: QuestionCase, reply: str, seconds: float = 0.0) -> AnswerResult:
    """Check a reply against the case's groups."""
    text = plain(reply)
    missing = tuple(group for group in case.any_of if not any(plain(alt) in text for alt in group))
    return AnswerResult(case=case, reply=reply, missing=missing, seconds=seconds)


def load_questions(path: Path) -> list[QuestionCase]:
    """The cases of a JSONL file (blank lines skipped)."""
    cases = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            groups = tuple(tuple(str(alt) for alt in group) for group in row.get("any_of", []))
            cases.append(QuestionCase(id=str(row["id"]), question=row["question"], any_of=groups))
    return cases


def accuracy(results: Sequence[AnswerResult]) -> float:
    """Share of passed answers (0 for no results)."""
    return sum(r.passed for r in results) / len(results) if results else 0.0
