"""Slot extraction from a Spanish message: periods, dates, NITs, amounts, document numbers,
account codes and file names. Pure: `today` is an argument, nothing is read from the clock.

    >>> extract_slots("balance de enero de 2025", today=date(2026, 5, 3)).period
    Period(start=datetime.date(2025, 1, 1), end=datetime.date(2025, 1, 31), label='enero de 2025')
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation

from stdnum.co import nit as co_nit

from agent.entries import LineSlot, find_lines
from agent.identifiers import RE_ANY_IDENTIFIER
from agent.normalize import fold
from agent.periods import (
    MONTH_ABBR,
    MONTHS,
    Blanks,
    Period,
    fix_month_typos,
    take_periods,
    take_year,
)

DOC_PREFIXES = frozenset({"fe", "fv", "fc", "nc", "nd", "fac", "setp", "ds", "ce", "rc", "seto"})
NOT_DOC_PREFIXES = frozenset({"nit", "cc", "q", "t", "s", "de", "del", "al", "el", "la", "y"})

RE_FILE = re.compile(r"[\w\-./]+\.(?:zip|xml|xlsx|xls|csv|pdf|txt|json)\b", re.IGNORECASE)
# Digit groups join only in thousands ("830.048.145", "830 048 145"): "NIT 830048145 40
# panes" is the NIT and then a quantity.
RE_NIT_KEYWORD = re.compile(r"\bnit\.?:?\s*(\d{1,3}(?:[.\s]\d{3}){2,3}|\d{5,10})(?:\s*-\s*(\d))?\b")
RE_NIT_DV = re.compile(r"\b(\d{3}\.?\d{3}\.?\d{3,4})\s*-\s*(\d)\b")
RE_NIT_BARE = re.compile(r"(?<![\d.,$])\b(\d{9,10})\b(?![.,]\d)")
# A PUC code (1, 2, 4, 6 or 8 digits) a few words after "cuenta", not an amount nor the
# line a correction names ("la cuenta de la línea 2"); "auxliar", "auxilar" are still the
# ledger of an account.
RE_ACCOUNT = re.compile(
    r"\b(?:cuentas?|cta|puc|aux[a-z]{0,7}(?: de)?(?: la)?)\b[^\d$]{0,25}?"
    r"(?<!linea )(?<!renglon )\b(\d{8}|\d{6}|\d{4}|\d{1,2})\b(?!\s*(?:mil|millon|pesos|[.,]\d))"
)
# "la 130505": the account named by its code alone (years like "la 2024" excluded).
RE_ACCOUNT_ARTICLE = re.compile(
    r"\b(?:la|el)\s+(\d{8}|\d{6}|(?!19\d\d|20\d\d)\d{4})\b(?!\s*(?:mil|millon|pesos|[.,]\d))"
    r"|\(\s*(?:cuenta\s+)?(\d{8}|\d{6})\s*\)"  # "salarios por pagar (250505)"
)
RE_DOC = re.compile(r"\b([a-z]{1,5})(-?)(\d{1,12})\b")
RE_DOC_SPACED = re.compile(r"\b([a-z]{2,5})\s+(?:no\.?\s*|n[º°]\s*|#\s*)?(\d{1,12})\b")
RE_AMOUNT = re.compile(
    r"(\$\s*)?(?<![\d.,])(\d{1,3}(?:\.\d{3})+(?:,\d{1,2})?|\d{1,3}(?:,\d{3})+(?:\.\d{1,2})?"
    r"|\d+(?:[.,]\d+)?)(?![\d.,]*\d)\s*(millones|millon|millón|mil|palos|palo|k|m)?\b(\s*pesos)?"
)


@dataclass(frozen=True)
class Nit:
    """A Colombian tax id: digits without check digit, the check digit if given and its validity."""

    number: str
    dv: str | None = None
    valid: bool | None = None

    @property
    def text(self) -> str:
        """`900123456-7` when the check digit is known, the bare number otherwise."""
        return f"{self.number}-{self.dv}" if self.dv else self.number


@dataclass(frozen=True)
class Slots:
    """Everything concrete in a message; `rest` is the text left for intent matching."""

    period: Period | None = None
    dates: tuple[date, ...] = ()
    nits: tuple[Nit, ...] = ()
    amounts: tuple[Decimal, ...] = ()
    document_numbers: tuple[str, ...] = ()
    account_codes: tuple[str, ...] = ()
    files: tuple[str, ...] = ()
    lines: tuple[LineSlot, ...] = ()
    rest: str = field(default="", compare=False)
    rest_original: str = field(default="", compare=False)

    def is_empty(self) -> bool:
        """True when the message named nothing concrete."""
        return not (
            self.period
            or self.dates
            or self.nits
            or self.amounts
            or self.document_numbers
            or self.account_codes
            or self.files
            or self.lines
        )


def extract_slots(text: str, *, today: date, attachments: tuple[str, ...] = ()) -> Slots:
    """Every slot in `text`; relative periods ("el mes pasado") are resolved against `today`."""
    files = tuple(dict.fromkeys([*(m.group(0) for m in RE_FILE.finditer(text)), *attachments]))
    # Blanks of the same length keep positions aligned with `text` (for `rest_original`).
    work = Blanks(fix_month_typos(fold(RE_FILE.sub(lambda m: " " * len(m.group(0)), text))))
    dates, period = take_periods(work, today)
    nits = _nits(work)
    lines, spans = find_lines(work.value, parse_amount)
    for start, end in spans:
        work.blank(start, end)
    accounts = tuple(m[1] for m in work.take(RE_ACCOUNT, group=1))
    accounts += tuple(m[1] or m[2] for m in work.take(RE_ACCOUNT_ARTICLE))
    work.take(RE_ANY_IDENTIFIER, group=1)  # "sincronización 1": an id, bound by field
    documents = _documents(work)
    year = take_year(work)  # taken even when a period is known, so it leaves the rest
    period = period or year
    amounts = _amounts(work)
    if period is None and len(dates) >= 2:
        low, high = min(dates), max(dates)
        period = Period(low, high, f"del {low:%d/%m/%Y} al {high:%d/%m/%Y}")
    return Slots(
        period=period,
        dates=tuple(dates),
        nits=nits,
        amounts=amounts,
        document_numbers=documents,
        account_codes=accounts,
        files=files,
        lines=tuple(lines),
        rest=" ".join(work.value.split()),
        rest_original=_unblanked(text, work.value),
    )


def _unblanked(original: str, blanked: str) -> str:
    # The person's own words (accents, case) minus every recognized value.
    if len(original) != len(blanked):
        return " ".join(blanked.split())
    kept = "".join(o if b != " " else " " for o, b in zip(original, blanked, strict=True))
    return " ".join(kept.split())


def parse_amount(number: str, multiplier: str | None = None) -> Decimal | None:
    """es-CO amount text to `Decimal`: "1.190.000", "1.190.000,50", "1,2" + "millones"."""
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?", number):
        plain = number.replace(".", "").replace(",", ".")
    elif re.fullmatch(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?", number) and not multiplier:
        plain = number.replace(",", "")
    else:
        plain = number.replace(",", ".")
    try:
        value = Decimal(plain)
    except InvalidOperation:
        return None
    factor = {
        "millones": 10**6,
        "millon": 10**6,
        "millón": 10**6,
        "palos": 10**6,
        "palo": 10**6,
        "m": 10**6,
    }
    factor |= {"mil": 10**3, "k": 10**3}
    amount = value * factor.get(multiplier or "", 1)
    if amount >= Decimal(10) ** 18:
        return None  # no business moves a trillion pesos: a reference number, not an amount
    return amount.quantize(Decimal("0.01"))


def nit_check_digit(number: str) -> str:
    """The DIAN check digit (DV) of a NIT."""
    return str(co_nit.calc_check_digit(number))


def _nits(work: Blanks) -> tuple[Nit, ...]:
    found: list[Nit] = []
    for match in work.take(RE_NIT_KEYWORD) + work.take(RE_NIT_DV):
        digits = re.sub(r"\D", "", match[1])
        found.append(_nit(digits, match[2]))
    for match in work.take(RE_NIT_BARE):
        found.append(_nit(match[1], None))
    return tuple(found)


def _nit(digits: str, dv: str | None) -> Nit:
    if dv is None:
        # Ten digits whose last one is the check digit of the other nine: DV written joined.
        if len(digits) == 10 and nit_check_digit(digits[:9]) == digits[9]:
            return Nit(digits[:9], digits[9], True)
        return Nit(digits)
    return Nit(digits, dv, nit_check_digit(digits) == dv)


def _documents(work: Blanks) -> tuple[str, ...]:
    found: list[tuple[int, str]] = []
    for match in list(RE_DOC.finditer(work.value)):
        prefix = match[1]
        if prefix in NOT_DOC_PREFIXES or prefix in MONTHS or prefix in MONTH_ABBR:
            continue
        if not match[2] and prefix not in DOC_PREFIXES and len(prefix) < 2:
            continue
        found.append((match.start(), f"{prefix.upper()}{match[2]}{match[3]}"))
        work.blank(match.start(), match.end())
    for match in list(RE_DOC_SPACED.finditer(work.value)):
        if match[1] in DOC_PREFIXES:
            found.append((match.start(), f"{match[1].upper()}-{match[2]}"))
            work.blank(match.start(), match.end())
    return tuple(text for _, text in sorted(found))


def _amounts(work: Blanks) -> tuple[Decimal, ...]:
    found: list[Decimal] = []
    for match in list(RE_AMOUNT.finditer(work.value)):
        currency, number, multiplier, pesos = match[1], match[2], match[3], match[4]
        grouped = bool(re.fullmatch(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?", number))
        plain_big = number.isdigit() and int(number) >= 1000
        if not (currency or multiplier or pesos or grouped or plain_big):
            continue
        value = parse_amount(number, multiplier)
        if value is not None:
            found.append(value)
            work.blank(match.start(), match.end())
    return tuple(found)
