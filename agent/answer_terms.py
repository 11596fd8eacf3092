"""What a question asks, in the terms the help pages are written with.

The extractive answerer compares a question with the sentences of the passages retrieved
for it. Both sides go through the same normalisation as the BM25 half of the search
(`knowledge.textnorm.tokens`: accents folded, Spanish stop words dropped, Snowball stems),
so "vencio", "vence" and "vencimiento" meet where Spanish morphology allows it. On top:
- the search's own informal-word table (`knowledge.synonyms`: "link" → "enlace");
- a few ways of asking that the help answers with other words ("cuánto dura" is
  answered with hours and minutes);
- the *kind* of answer the question wants (steps, an account code, an amount of time, a
  purpose, a reason), read from how it is asked, so a sentence of the right shape can
  win over one that merely repeats the question's words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any

from rapidfuzz import fuzz, process

from agent.normalize import FILLERS, normalize
from knowledge.synonyms import SYNONYMS, expand_query
from knowledge.textnorm import fold, tokens

# Ways of asking -> words the help answers with (plain words; stemmed when loaded).
RELATED_WORDS: dict[str, tuple[str, ...]] = {
    "dura": ("vence", "hora", "minutos", "plazo"),
    "durar": ("vence", "hora", "minutos", "plazo"),
    "tiempo": ("hora", "minutos", "plazo", "dias"),
    "link": ("enlace", "token"),
    "enlace": ("link", "token"),
    "borrar": ("eliminar", "quitar", "anular", "reversion"),
    "borro": ("eliminar", "quitar", "anular", "reversion"),
    "quitar": ("eliminar", "borrar", "excluir", "anular"),
    "quito": ("eliminar", "borrar", "excluir", "anular"),
    "devuelvo": ("reversion", "deshacer", "anular"),
    "devolver": ("reversion", "deshacer", "anular"),
    "deshago": ("reversion", "anular"),
    "plata": ("pago", "valor", "dinero"),
    "cobrar": ("cliente", "cartera"),
    "xml": ("archivo", "documento"),
    "prender": ("activar",),
    "prendo": ("activar",),
    "apagar": ("pausar", "desactivar"),
    "apago": ("pausar", "desactivar"),
    "escoge": ("decide", "elige"),
    "elige": ("decide", "escoge"),
    "mapear": ("asignar",),
    "mapeo": ("asignar",),
    "caida": ("falla", "responde"),
    "cae": ("falla", "caida", "responde"),
}
# Words that ask rather than say: "cuánto" is answered with a number, never with "cuántos".
QUESTION_WORDS = frozenset({"cuanto", "cuanta", "cuantos", "cuantas", "cual", "cuales"})
# Short or irregular forms Snowball leaves apart, read as one word: "¿las ven?" is answered
# by "quién las ve", "otras empresas" by "ninguna otra empresa" ("otra" is a stop word).
SHORT_FORMS: dict[str, str] = {
    **dict.fromkeys(("ve", "ven", "veo", "ves", "vea", "vean", "vemos", "ver"), "ver"),
    **dict.fromkeys(("otra", "otras", "otro", "otros"), "otros"),
}
_PUNCTUATION = "¿?¡!.,;:«»()"
TYPO_MIN_LENGTH = 5
TYPO_MIN_SCORE = 85.0

# The shape of the answer a question wants, read from how it is asked (folded text).
_STEPS = re.compile(
    r"\b(?:como (?:hago|hace|se|lo|la|le|pongo|activo|conecto|copio|desactivo|paso|mando|"
    r"saco|emito|reviso|veo|configuro|prendo|apago|registro|traigo|confirmo|subo|cargo)"
    r"|pasos|por donde empiezo|que hago|q hago)\b"
)
_HOW = re.compile(r"(?:^|\b(?:y|pero|entonces)\s)(?:como|de que forma|de que manera)\b")
_ACCOUNT = re.compile(r"\b(?:cuentas?|puc|codigos?)\b")
_TIME = re.compile(r"\b(?:cuant[oa]s?|cuando|hora|horas|que dia|plazo|dura|minutos)\b")
_PURPOSE = re.compile(r"\b(?:para (?:que|q) (?:me )?sirve|que (?:es|hace|son)|q (?:es|hace))\b")
_REASON = re.compile(r"\b(?:por que|porque|xq|pq|por q|de donde)\b")
_ACCOUNT_WORD = re.compile(r"\b(?:cuentas?|puc)\b")
_CODE = re.compile(r"\b\d{2,8}\b")
_QUANTITY = re.compile(r"\d|\b(?:hora|horas|minutos|dias|semanas|meses)\b")
_BECAUSE = re.compile(r"\b(?:porque|por eso|para no|para que|ya que|asi)\b")
_PURPOSE_HEADING = re.compile(r"\b(?:que es|que hace|para que)\b")


@dataclass(frozen=True)
class Asked:
    """A question read for answering: its concepts and the kind of answer it wants.

    Each concept is one word of the question with the words the help may use for it
    ("token", "enlace", "link"): a sentence holding several of them still found one idea.
    """

    concepts: tuple[frozenset[str], ...]
    steps: bool = False
    how: bool = False
    account: bool = False
    time: bool = False
    purpose: bool = False
    reason: bool = False

    @property
    def terms(self) -> frozenset[str]:
        """Every stem that answers some concept."""
        return frozenset().union(*self.concepts) if self.concepts else frozenset()


@lru_cache(maxsize=1)
def related_stems() -> dict[str, frozenset[str]]:
    """`RELATED_WORDS` as stems, the way texts are compared."""
    table: dict[str, set[str]] = {}
    for word, alternatives in RELATED_WORDS.items():
        for stem in tokens(word):
            table.setdefault(stem, set()).update(s for alt in alternatives for s in tokens(alt))
    return {stem: frozenset(found) for stem, found in table.items()}


def terms(text: str) -> frozenset[str]:
    """The stems of a text (Markdown marks and the product's name carry no meaning here)."""
    kept = [
        canonical(w)
        for w in text.replace("*", " ").split()
        if fold(w).strip("¿?¡!.,;:«»") not in FILLERS | QUESTION_WORDS
    ]
    # Two-letter stems are verbs like "va" or "ve": they say nothing of the topic.
    return frozenset(t for t in tokens(" ".join(kept)) if len(t) > 2 or t.isdigit())


def canonical(word: str) -> str:
    """A word in the form both sides are stemmed from: short verb forms and "otras" by
    `SHORT_FORMS`, plurals by their singular (Snowball stems "líneas" as "lin" but "línea"
    as "line", "operaciones" as "oper" but "operación" as "operacion")."""
    plain = fold(word).strip(_PUNCTUATION)
    if plain in SHORT_FORMS:
        return SHORT_FORMS[plain]
    if not plain.isalpha() or len(plain) <= 4:
        return word
    if plain.endswith("ciones"):
        return plain[:-2]
    if plain.endswith(("as", "os")) and not plain.endswith("mos"):
        return plain[:-1]
    return word


def read_question(question: str) -> Asked:
    """The question's concepts (with the help's words for its informal ones) and its kind."""
    plain = normalize(question) or fold(question)
    account = bool(_ACCOUNT.search(plain)) and not _CODE.search(plain)
    # The form of a question is no word to look for: "para qué sirve el agente" asks
    # about the agent ("sirve" would find "también sirve escribir..."), and "¿a qué
    # cuenta va el arriendo?" about the arriendo (every section speaks of accounts).
    content = _PURPOSE.sub(" ", plain)
    if account:
        content = _ACCOUNT_WORD.sub(" ", content)
    related = related_stems()
    concepts: dict[str, set[str]] = {}
    for word in expand_query(content).split():
        for stem in terms(word):
            concepts.setdefault(stem, {stem}).update(related.get(stem, ()))
    for word, alternatives in SYNONYMS.items():
        # expand_query appended the help's word for an informal one: same concept.
        for stem in terms(word):
            if stem in concepts:
                for alt in alternatives:
                    concepts[stem].update(terms(alt))
    groups = _merge(concepts.values())
    return Asked(
        concepts=groups,
        steps=bool(_STEPS.search(plain)),
        how=bool(_HOW.search(plain)),
        account=account,
        time=bool(_TIME.search(plain)),
        purpose=bool(_PURPOSE.search(plain)),
        reason=bool(_REASON.search(fold(question))),
    )


def _merge(groups: Any) -> tuple[frozenset[str], ...]:
    # Concepts that share a stem are one concept ("link" and its "enlace" appended).
    merged: list[set[str]] = []
    for group in groups:
        joined = set(group)
        for other in [m for m in merged if m & joined]:
            joined |= other
            merged.remove(other)
        merged.append(joined)
    return tuple(sorted((frozenset(m) for m in merged), key=sorted))


def with_typos(asked: Asked, vocabulary: set[str]) -> Asked:
    """Each stem unknown to the passages read replaced by their closest stem (a typo)."""
    choices = sorted(vocabulary)

    def fix(stem: str) -> str:
        if stem in vocabulary or len(stem) < TYPO_MIN_LENGTH or not choices:
            return stem
        best = process.extractOne(stem, choices, scorer=fuzz.ratio, score_cutoff=TYPO_MIN_SCORE)
        return str(best[0]) if best else stem

    concepts = tuple(frozenset(fix(stem) for stem in concept) for concept in asked.concepts)
    return replace(asked, concepts=concepts)


@lru_cache(maxsize=1)
def corpus_frequency() -> tuple[int, dict[str, int]]:
    """How many product help sections hold each stem, and how many sections there are:
    "factura" is in most of them, "arriendo" in one."""
    from knowledge.rules import product_sections

    counts: dict[str, int] = {}
    sections = product_sections()
    for chunk in sections.values():
        for stem in terms(chunk.text) | terms(chunk.section):
            counts[stem] = counts.get(stem, 0) + 1
    return len(sections), counts


def shape_bonus(asked: Asked, text: str, numbered: bool) -> float:
    """How well a sentence's shape fits the kind of answer asked for (0 when none)."""
    plain = fold(text)
    bonus = 0.0
    if asked.steps and numbered:
        bonus += 1.0
    if asked.account and _CODE.search(plain):
        bonus += 2.0
    if asked.time and _QUANTITY.search(plain):
        bonus += 1.0
    if asked.reason and _BECAUSE.search(plain):
        bonus += 0.5
    return bonus


def heading_bonus(asked: Asked, heading: str, has_steps: bool) -> float:
    """A section whose heading or form matches the kind of question: steps for "cómo
    hago", a "qué es / para qué sirve" section for a question about purpose."""
    bonus = 0.0
    if asked.steps and has_steps:
        bonus += 1.0
    if asked.purpose and _PURPOSE_HEADING.search(fold(heading)):
        bonus += 1.5
    if asked.how and fold(heading).startswith("como "):
        bonus += 1.0
    return bonus
