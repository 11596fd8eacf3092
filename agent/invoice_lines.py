"""What a sales request says about the customer and the items sold.

"factúrale a Cafetería El Parque 120 panes a 4500 más IVA" names the customer
("Cafetería El Parque") and one line: 120 × "panes" at 4.500 with VAT. Pure functions
over the person's own text (names keep their case and accents).

    >>> customer_name("factúrale a Cafetería El Parque 120 panes a 4500 más IVA")
    'Cafetería El Parque'
    >>> [(i.quantity, i.description, i.unit_price) for i in sale_items("120 panes a 4500")]
    [(Decimal('120'), 'panes', Decimal('4500.00'))]
    >>> [i.vat_rate for i in sale_items("2 tortas a 30000 sin IVA")]
    [None]
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from agent.normalize import fold
from agent.slots import parse_amount

# "120 Pan tajado integral a $4.500 c/u": quantity, words, "a"/"por"/"x", unit price.
RE_ITEM = re.compile(
    r"(?<![\w.,$-])(?P<qty>\d{1,6}(?:[.,]\d{1,3})?)\s+(?P<desc>[^\W\d_][^\d$:;()]*?)\s+"
    r"(?:a|por|x|@|de a|a razon de)\s+\$?\s*(?P<price>\d[\d.,]*)"
    r"(?:\s*(?P<mult>millones|millon|mil|k)\b)?",
    re.IGNORECASE,
)
# Where the customer's name ends: the NIT, a bracket, punctuation, a number, the items.
NAME_END = r"(?=\s*(?:\bnit\b|\bc\.?c\.?\b|\(|:|;|,|\s\d|\s\$|\s+(?:por|con|de)\s+\d|$))"
RE_CUSTOMER = re.compile(
    r"\b(?:a|al|para|cliente|al cliente)\s+(?!nit\b|la factura\b|el borrador\b)"
    rf"(?P<name>[^\W\d_][^\n]*?){NAME_END}",
    re.IGNORECASE,
)
# "al nit 830048145, Cafetería El Parque Ltda., 120 ...": the name right after the NIT.
RE_CUSTOMER_AFTER_NIT = re.compile(
    r"\bnit\.?:?\s*[\d.\-\s]{5,15}\s*,\s*(?P<name>[^\W\d_][^,:;()\d]*?)\s*(?:,|:|$)",
    re.IGNORECASE,
)
# Words that are never the start of a customer's name ("a 4500", "a la DIAN").
NOT_NAMES = frozenset({"dian", "la dian", "borrador", "factura", "mano", "credito", "contado"})
LOWER_ARTICLES = re.compile(r"^(?:la|el|los|las|donde)\s+")


@dataclass(frozen=True)
class SaleItem:
    """One line of a sale as said: quantity, description, unit price before VAT."""

    quantity: Decimal
    description: str
    unit_price: Decimal
    vat_rate: Decimal | str | None = "default"  # "default": the message says nothing


def sale_items(text: str) -> list[SaleItem]:
    """Every "<quantity> <description> a <price>" in the message, in order."""
    found: list[SaleItem] = []
    matches = list(RE_ITEM.finditer(text))
    overall = vat_rate(text)
    for index, match in enumerate(matches):
        try:
            quantity = Decimal(match["qty"].replace(",", "."))
        except InvalidOperation:
            continue
        price = parse_amount(match["price"].rstrip(".,"), (match["mult"] or "").lower() or None)
        description = re.sub(r"^(?:de|del)\s+", "", match["desc"].strip(" .,"))
        if price is None or quantity <= 0 or not description:
            continue
        # The VAT said right after an item ("a 4500 más IVA") is that item's.
        stop = matches[index + 1].start() if index + 1 < len(matches) else len(text)
        own = vat_rate(text[match.end() : stop])
        found.append(SaleItem(quantity, description, price, overall if own == "default" else own))
    return found


def vat_rate(text: str) -> Decimal | str | None:
    """The VAT the message states for its items: a rate, None for "sin IVA"/"excluido",
    or "default" when it says nothing different from the general 19 %."""
    folded = fold(text)
    if re.search(r"\b(?:sin iva|excluid[oa]s?|no (?:lleva|causa) iva)\b", folded):
        return None
    if re.search(r"\b(?:exent[oa]s?|iva (?:del )?0\s*%?|tarifa 0)\b", folded):
        return Decimal("0")
    if re.search(r"\biva (?:del |al )?5\s*%|\b5\s*% de iva\b", folded):
        return Decimal("5")
    if re.search(r"(?:\bmas|\+|\bcon|\bmas el)\s*iva\b|\biva (?:del |al )?19\b", folded):
        return Decimal("19")
    return "default"


def customer_name(text: str) -> str | None:
    """The customer's name as written, or None when the message gives only a NIT."""
    items = [match.span() for match in RE_ITEM.finditer(text)]
    for match in RE_CUSTOMER.finditer(text):
        if any(start <= match.start("name") < end for start, end in items):
            continue
        name = _clean(match["name"])
        if name:
            return name
    after = RE_CUSTOMER_AFTER_NIT.search(text)
    return _clean(after["name"]) if after else None


def _clean(name: str) -> str | None:
    name = LOWER_ARTICLES.sub("", name.strip(" ,;:"))
    if not name or any(ch.isdigit() for ch in name) or fold(name) in NOT_NAMES:
        return None
    if len(name.split()) > 8:  # a clause, not a name
        return None
    return name
