"""Extractive answers from help passages, for the embedded planner (no model to write one).

From the best passages, the sentences that share the most words with the question are
kept in their original order, each passage followed by its citation `[Título §Sección]`.
"""

from __future__ import annotations

import re
from typing import Any

from agent.normalize import content_words
from agent.render import citation, citation_tag, passage_dict, relevant

MAX_CHARS = 520
SENTENCES_PER_PASSAGE = 3
_SPLIT = re.compile(r"(?<=[.!?])\s+(?=[¿¡A-ZÁÉÍÓÚÑ«\d])|\n+")
_MARKUP = re.compile(r"^\s*(?:[-*+]\s+|#+\s+|\d+\.\s+|>\s*)")


def extractive_answer(question: str, passages: list[Any]) -> tuple[str, list[dict[str, str]]]:
    """The reply and its citations; ('', []) when there is nothing to say."""
    asked = content_words(question)
    parts: list[str] = []
    cites: list[dict[str, str]] = []
    budget = MAX_CHARS
    for passage in relevant(list(passages)):
        data = passage_dict(passage)
        text = str(data.get("text") or data.get("snippet") or "")
        chosen = best_sentences(text, asked, budget)
        if not chosen:
            continue
        cite = citation(data)
        parts.append(f"{chosen} {citation_tag(cite)}")
        cites.append(cite)
        budget -= len(chosen)
        if budget < 120:
            break
    return "\n\n".join(parts), cites


def best_sentences(text: str, asked: set[str], budget: int) -> str:
    """The sentences of `text` most about `asked`, in reading order, within `budget` chars."""
    sentences = [s for s in (_clean(raw) for raw in _SPLIT.split(text)) if len(s) > 3]
    if not sentences:
        return ""
    scored = [
        (len(asked & content_words(sentence)) + (0.5 if i == 0 else 0.0), i)
        for i, sentence in enumerate(sentences)
    ]
    ranked = sorted(scored, key=lambda item: (-item[0], item[1]))
    keep: list[int] = []
    used = 0
    for score, index in ranked[:SENTENCES_PER_PASSAGE]:
        if score <= 0 and keep:
            break
        if used + len(sentences[index]) > budget and keep:
            continue
        keep.append(index)
        used += len(sentences[index])
    return " ".join(sentences[i] for i in sorted(keep))


def _clean(sentence: str) -> str:
    sentence = _MARKUP.sub("", sentence.strip())
    if sentence.startswith("|"):  # table rows read badly as prose
        return ""
    return sentence.strip()
