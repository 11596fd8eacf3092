"""Questions about accounts in free words, and which of two things they ask.

"¿Cuál es la cuenta de proveedores?" looks an account up in the chart by its name or
concept (a *lookup*); "¿en qué cuenta registro la compra de resmas?" asks where a purchase
or expense goes (a *placement*), which the suggestion engine answers from the item's
words. Both are read here, with the words that name the account or the item; a placement
whose words are only an account's own name ("¿en qué cuenta registro los honorarios?")
is a lookup. Pure: the message in, an `AccountQuestion` or None out.

    >>> read_account_question("donde registro la compra de cemento para la venta")
    AccountQuestion(kind='placement', concept='cemento para la venta')
    >>> read_account_question("cual es la cuenta de proveedores")
    AccountQuestion(kind='lookup', concept='proveedores')
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from agent.account_names import is_account_name
from agent.normalize import normalize

# Saying where something goes, in the first person or impersonally ("se registra").
# Not "lo manda" / "quedan": those ask what Cuadre does, which the help explains.
PLACE_VERB = (
    r"(?:se\s+)?(?:va|van|iria|irian|registro|registramos|registra|contabilizo|contabilizamos"
    r"|contabiliza|meto|metemos|mando|pongo|ponemos|llevo|cargo|causo|imputo|clasifico"
    r"|uso|usamos|utilizo|debo usar|sugieres|recomiendas|me sugieres|me recomiendas)"
)
OBJECT = r"(?:(?:le|lo|la|los|las)\s+)?"
ASK_ACCOUNT = r"(?:(?:en|a|para|con|por)\s+)?(?:que|cual)\s+cuenta"
SUGGEST = r"(?:sugiere(?:me)?|sugerir|sugierame|recomienda(?:me)?|recomiendame|dime)"
PLACEMENTS = (
    # "en qué cuenta registro la compra de X", "X en qué cuenta la pongo"
    re.compile(rf"^(?P<before>.*?)\b{ASK_ACCOUNT}\s+{OBJECT}{PLACE_VERB}\b(?P<after>.*)$"),
    # "dónde va una factura de X", "X dónde lo registro"
    re.compile(rf"^(?P<before>.*?)\b(?:en\s+|a\s+)?donde\s+{OBJECT}{PLACE_VERB}\b(?P<after>.*)$"),
    # "sugiéreme la cuenta para X"
    re.compile(rf"^{SUGGEST}\s+(?:la\s+|una\s+)?cuenta\s+(?:para|de|del)\s+(?P<after>.+)$"),
)
# "cuenta para X", short: a longer sentence that starts so asks something else
# ("la cuenta para el concepto de salud tiene que existir antes").
SHORT_PLACEMENT = re.compile(r"^(?:la\s+|una\s+)?cuenta\s+para\s+(?P<after>.+)$")
SHORT_WORDS = 5
LOOKUPS = (
    # "cuál es la cuenta de X", "cuentas de X", "el código de la cuenta de X"
    re.compile(
        r"^(?:(?:cual|que)\s+(?:es|son)\s+)?(?:el\s+codigo\s+de\s+)?(?:la\s+|las\s+)?"
        r"cuentas?\s+(?:de|del|para)\s+(?P<after>.+)$"
    ),
    # "búscame la cuenta de X", "muéstrame el plan de cuentas de X"
    re.compile(
        r"^(?:busca|buscame|buscar|muestrame|muestra|lista|listame|ensename|dame)\s+"
        r"(?:el\s+plan\s+de\s+|la\s+|las\s+|el\s+|los\s+)?cuentas?\s+(?:de|del)\s+(?P<after>.+)$"
    ),
    # "qué cuentas hay de X", "qué cuentas de X tengo"
    re.compile(
        r"^que\s+cuentas?\s+(?:hay|tengo|tenemos|existen|manejo)\s+(?:de|del|para)\s+(?P<after>.+)$"
    ),
    re.compile(r"^que\s+cuentas?\s+(?:de|del)\s+(?P<after>.+?)\s+(?:hay|tengo|tenemos|existen)$"),
)
# Words of another request about accounts: their balance or movements (reports), a
# document called "cuenta de cobro", a bank account's number, a correction of a line.
NOT_ABOUT_THE_CHART = re.compile(
    r"\b(?:saldos?|movimientos?|auxiliar|libro|balance|mayor|detalle|extracto|cuanto|cuanta"
    r"|cobro|estado de cuenta|numero de cuenta|corrige|corregir|cambia|cambiala|cambialo"
    r"|linea|renglon)\b"
)
# A sentence, not a name: "la cuenta para el concepto de salud tiene que existir antes".
VERBS = frozenset(
    {"es", "son", "esta", "estan", "tiene", "tienen", "existe", "existir", "debe", "deben"}
    | {"puede", "pueden", "puedo", "sirve", "hace", "hacer", "queda", "quedan", "sale"}
)
LONGEST = 8  # words in an account's name or an item's description
LEADING = re.compile(r"^(?:(?:para|a|al|con|de|del|el|la|los|las|un|una|unos|unas|mi|mis)\s+)+")
TRAILING = re.compile(r"(?:\s+(?:para|a|al|con|de|del|en|y|o|el|la|lo|los|las|le))+$")
# "la compra de", "una factura de", "el pago de": the document, not what was bought.
DOCUMENT = re.compile(
    r"^(?:compras?|facturas?(?:\s+de\s+compra)?|pagos?|gastos?|cuenta\s+de\s+cobro)"
    r"\s+(?:de(?:\s+(?:la|las|los|el|un|una))?|del)\s+"
)


@dataclass(frozen=True)
class AccountQuestion:
    """What a question about an account asks and the person's words for its subject."""

    kind: Literal["lookup", "placement"]
    concept: str  # folded: "cemento para la venta", "capital social"


def read_account_question(text: str) -> AccountQuestion | None:
    """The lookup or placement a message asks for, or None when it asks neither."""
    plain = normalize(text)
    if not plain or NOT_ABOUT_THE_CHART.search(plain):
        return None
    placed = _placement(plain)
    if placed:
        kind: Literal["lookup", "placement"] = "lookup" if is_account_name(placed) else "placement"
        return AccountQuestion(kind, placed)
    for pattern in LOOKUPS:
        found = pattern.match(plain)
        if found:
            concept = _clean(found["after"])
            return AccountQuestion("lookup", concept) if concept else None
    return None


def _placement(plain: str) -> str | None:
    for pattern in PLACEMENTS:
        found = pattern.match(plain)
        if found:
            groups = found.groupdict()
            concept = _item(groups.get("after") or "") or _item(groups.get("before") or "")
            if concept:
                return concept
    short = SHORT_PLACEMENT.match(plain)
    if short and len(short["after"].split()) <= SHORT_WORDS:
        return _item(short["after"])
    return None


def _item(words: str) -> str:
    """What was bought or paid, without the document that carries it."""
    concept = _clean(words)
    return _clean(DOCUMENT.sub("", concept)) or concept


def _clean(words: str) -> str:
    """The words without leading articles and dangling connectors; '' for a sentence."""
    cleaned = TRAILING.sub("", LEADING.sub("", words.strip())).strip()
    said = cleaned.split()
    return "" if len(said) > LONGEST or VERBS.intersection(said) else cleaned
