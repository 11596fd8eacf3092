"""Slot extraction from a Spanish message: periods, dates, NITs, amounts, document numbers,
account codes and file names. Pure: `today` is an argument, nothing is read from the clock.

    >>> extract_slots("balance de enero de 2025", today=date(2026, 5, 3)).period
    Period(start=datetime.date(2025, 1, 1), end=datetime.date(2025, 1, 31), label='enero de 2025')
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation

from rapidfuzz import fuzz
from stdnum.co import nit as co_nit

from agent.normalize import fold

MONTHS: dict[str, int] = {
    "enero": 1,
    "febrero": 2,
    "marzo": 3,
    "abril": 4,
    "mayo": 5,
    "junio": 6,
    "julio": 7,
    "agosto": 8,
    "septiembre": 9,
    "setiembre": 9,
    "octubre": 10,
    "noviembre": 11,
    "diciembre": 12,
}
MONTH_ABBR: dict[str, int] = {
    "ene": 1,
    "feb": 2,
    "mar": 3,
    "abr": 4,
    "jun": 6,
    "jul": 7,
    "ago": 8,
    "sep": 9,
    "sept": 9,
    "oct": 10,
    "nov": 11,
    "dic": 12,
}
MONTH_NAMES = (
    "",
    "enero",
    "febrero",
    "marzo",
    "abril",
    "mayo",
    "junio",
    "julio",
    "agosto",
    "septiembre",
    "octubre",
    "noviembre",
    "diciembre",
)
ORDINALS = {"primer": 1, "primero": 1, "segundo": 2, "tercer": 3, "tercero": 3, "cuarto": 4}
DOC_PREFIXES = frozenset({"fe", "fv", "fc", "nc", "nd", "fac", "setp", "ds", "ce", "rc", "seto"})
NOT_DOC_PREFIXES = frozenset({"nit", "cc", "q", "t", "s", "de", "del", "al", "el", "la", "y"})

_M = (
    r"(enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|setiembre|octubre"
    r"|noviembre|diciembre|ene|feb|mar|abr|jun|jul|ago|sept|sep|oct|nov|dic)"
)
_Y = r"(\d{4})"
_OF_YEAR = rf"(?:\s*(?:de|del|,)?\s*(?:ano\s+|año\s+)?{_Y})?"

RE_FILE = re.compile(r"[\w\-./]+\.(?:zip|xml|xlsx|xls|csv|pdf|txt|json)\b", re.IGNORECASE)
RE_ISO_DATE = re.compile(r"\b(\d{4})-(\d{1,2})-(\d{1,2})\b")
RE_CO_DATE = re.compile(r"\b(\d{1,2})[/-](\d{1,2})[/-](\d{4})\b")
RE_DAY_RANGE = re.compile(
    rf"\b(?:del|desde el|entre el)\s+(\d{{1,2}})\s+(?:al|hasta el|y el)\s+(\d{{1,2}})"
    rf"\s+de\s+{_M}{_OF_YEAR}"
)
RE_MONTH_RANGE = re.compile(rf"\b(?:entre|de|desde)\s+{_M}\s+(?:y|a|hasta)\s+{_M}{_OF_YEAR}")
RE_TEXT_DATE = re.compile(rf"\b(\d{{1,2}})\s+de\s+{_M}{_OF_YEAR}")
RE_QUARTER = re.compile(rf"\b(primer|primero|segundo|tercer|tercero|cuarto)\s+trimestre{_OF_YEAR}")
RE_Q = re.compile(rf"\bq([1-4]){_OF_YEAR}")
RE_SEMESTER = re.compile(rf"\b(primer|primero|segundo)\s+semestre{_OF_YEAR}")
RE_MONTH_YEAR = re.compile(rf"\b{_M}{_OF_YEAR}\b")
RE_RELATIVE = re.compile(
    r"\b(el mes pasado|mes pasado|este mes|el ano pasado|el año pasado|ano pasado|año pasado"
    r"|este ano|este año|hoy|ayer|la semana pasada|esta semana)\b"
)
RE_YEAR = re.compile(r"\b(?:(?:el|del|en|de|ano|año)\s+)?((?:19|20)\d{2})\b")
RE_NIT_KEYWORD = re.compile(r"\bnit\.?:?\s*(\d[\d.\s]{4,14}\d|\d{5,10})(?:\s*-\s*(\d))?\b")
RE_NIT_DV = re.compile(r"\b(\d{3}\.?\d{3}\.?\d{3,4})\s*-\s*(\d)\b")
RE_NIT_BARE = re.compile(r"(?<![\d.,$])\b(\d{9,10})\b(?![.,]\d)")
# A PUC code (1, 2, 4, 6 or 8 digits) a few words after "cuenta", not an amount.
RE_ACCOUNT = re.compile(
    r"\b(?:cuentas?|cta|puc|auxiliar(?: de)?(?: la)?)\b[^\d$]{0,25}?"
    r"\b(\d{8}|\d{6}|\d{4}|\d{1,2})\b(?!\s*(?:mil|millon|pesos|[.,]\d))"
)
RE_DOC = re.compile(r"\b([a-z]{1,5})(-?)(\d{1,12})\b")
RE_DOC_SPACED = re.compile(r"\b([a-z]{2,5})\s+(?:no\.?\s*|n[º°]\s*|#\s*)?(\d{1,12})\b")
RE_AMOUNT = re.compile(
    r"(\$\s*)?(?<![\d.,])(\d{1,3}(?:\.\d{3})+(?:,\d{1,2})?|\d{1,3}(?:,\d{3})+(?:\.\d{1,2})?"
    r"|\d+(?:[.,]\d+)?)(?![\d.,]*\d)\s*(millones|millon|millón|mil|palos|palo|k|m)?\b(\s*pesos)?"
)


@dataclass(frozen=True)
class Period:
    """An inclusive date range with the Spanish words it came from."""

    start: date
    end: date
    label: str


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
        )


class _Text:
    """A folded message whose recognized spans are blanked so no value is read twice."""

    def __init__(self, text: str) -> None:
        self.value = text

    def take(self, pattern: re.Pattern[str], group: int = 0) -> list[re.Match[str]]:
        found = list(pattern.finditer(self.value))
        for match in found:
            self.blank(match.start(group), match.end(group))
        return found

    def blank(self, start: int, end: int) -> None:
        self.value = self.value[:start] + " " * (end - start) + self.value[end:]


def extract_slots(text: str, *, today: date, attachments: tuple[str, ...] = ()) -> Slots:
    """Every slot in `text`; relative periods ("el mes pasado") are resolved against `today`."""
    files = tuple(m.group(0) for m in RE_FILE.finditer(text)) + tuple(attachments)
    # Blanks of the same length keep positions aligned with `text` (for `rest_original`).
    work = _Text(_fix_month_typos(fold(RE_FILE.sub(lambda m: " " * len(m.group(0)), text))))
    dates: list[date] = []
    period: Period | None = None

    def keep(found: Period | None) -> None:
        nonlocal period
        if period is None and found is not None:
            period = found

    for match in work.take(RE_ISO_DATE):
        dates.extend(_safe_date(int(match[1]), int(match[2]), int(match[3])))
    for match in work.take(RE_CO_DATE):
        dates.extend(_safe_date(int(match[3]), int(match[2]), int(match[1])))
    for match in work.take(RE_DAY_RANGE):
        month, year = _month(match[3]), _year(match[4], _month(match[3]), today)
        found = _safe_date(year, month, int(match[1])) + _safe_date(year, month, int(match[2]))
        if len(found) == 2:
            keep(
                Period(
                    found[0],
                    found[1],
                    f"del {match[1]} al {match[2]} de {MONTH_NAMES[month]} de {year}",
                )
            )
    for match in work.take(RE_MONTH_RANGE):
        first, last = _month(match[1]), _month(match[2])
        year = _year(match[3], last, today)
        keep(
            Period(
                date(year, first, 1),
                _month_end(year, last),
                f"{MONTH_NAMES[first]} a {MONTH_NAMES[last]} de {year}",
            )
        )
    for match in work.take(RE_TEXT_DATE):
        month = _month(match[2])
        dates.extend(_safe_date(_year(match[3], month, today), month, int(match[1])))
    for match in work.take(RE_QUARTER):
        keep(_quarter(ORDINALS[match[1]], match[2], today))
    for match in work.take(RE_Q):
        keep(_quarter(int(match[1]), match[2], today))
    for match in work.take(RE_SEMESTER):
        half = ORDINALS[match[1]]
        year = int(match[2]) if match[2] else today.year
        start = date(year, 1 if half == 1 else 7, 1)
        keep(
            Period(
                start,
                _month_end(year, 6 if half == 1 else 12),
                f"{'primer' if half == 1 else 'segundo'} semestre de {year}",
            )
        )
    for match in work.take(RE_RELATIVE):
        keep(_relative(match[1], today))
    for match in work.take(RE_MONTH_YEAR):
        month = _month(match[1])
        if len(match[1]) <= 3 and not match[2] and match[1] in {"mar", "sep", "dic"}:
            continue  # "mar", "sep" alone are too often other words
        year = _year(match[2], month, today)
        keep(
            Period(date(year, month, 1), _month_end(year, month), f"{MONTH_NAMES[month]} de {year}")
        )
    nits = _nits(work)
    accounts = tuple(m[1] for m in work.take(RE_ACCOUNT, group=1))
    documents = _documents(work)
    for match in work.take(RE_YEAR):
        year = int(match[1])
        keep(Period(date(year, 1, 1), date(year, 12, 31), f"año {year}"))
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


def _nits(work: _Text) -> tuple[Nit, ...]:
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


def _documents(work: _Text) -> tuple[str, ...]:
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


def _amounts(work: _Text) -> tuple[Decimal, ...]:
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


def _fix_month_typos(text: str) -> str:
    # "ferbero", "setiembre", "diciembr": a near miss of a month name still names the month.
    def fix(match: re.Match[str]) -> str:
        word = match.group(0)
        if word in MONTHS or len(word) < 5:
            return word
        best = max(MONTHS, key=lambda name: fuzz.ratio(word, name))
        if fuzz.ratio(word, best) >= 80 and len(best) == len(word):
            return best
        return word

    return re.sub(r"[a-zñ]+", fix, text)


def _month(word: str) -> int:
    return MONTHS.get(word) or MONTH_ABBR.get(word) or (5 if word == "may" else 0)


def _year(text: str | None, month: int, today: date) -> int:
    # Without a year, a month means its latest occurrence that is not in the future.
    if text:
        return int(text)
    return today.year if month <= today.month else today.year - 1


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _safe_date(year: int, month: int, day: int) -> list[date]:
    try:
        return [date(year, month, day)]
    except ValueError:
        return []


def _quarter(number: int, year_text: str | None, today: date) -> Period:
    year = int(year_text) if year_text else today.year
    first = 3 * (number - 1) + 1
    names = {1: "primer", 2: "segundo", 3: "tercer", 4: "cuarto"}
    return Period(
        date(year, first, 1), _month_end(year, first + 2), f"{names[number]} trimestre de {year}"
    )


def _relative(phrase: str, today: date) -> Period:
    phrase = phrase.replace("año", "ano")
    if "mes pasado" in phrase:
        last = today.replace(day=1) - timedelta(days=1)
        return Period(last.replace(day=1), last, f"{MONTH_NAMES[last.month]} de {last.year}")
    if phrase == "este mes":
        return Period(today.replace(day=1), today, f"{MONTH_NAMES[today.month]} de {today.year}")
    if "ano pasado" in phrase:
        year = today.year - 1
        return Period(date(year, 1, 1), date(year, 12, 31), f"año {year}")
    if phrase == "este ano":
        return Period(date(today.year, 1, 1), today, f"año {today.year}")
    if phrase == "ayer":
        day = today - timedelta(days=1)
        return Period(day, day, f"{day:%d/%m/%Y}")
    if phrase == "la semana pasada":
        start = today - timedelta(days=today.weekday() + 7)
        return Period(start, start + timedelta(days=6), "la semana pasada")
    if phrase == "esta semana":
        return Period(today - timedelta(days=today.weekday()), today, "esta semana")
    return Period(today, today, f"{today:%d/%m/%Y}")
