"""Periods and dates in a Spanish message: "enero de 2025", "el mes pasado", "del 1 al 15 de
marzo", "primer trimestre", "31/03/2025". Pure: `today` is an argument.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

from rapidfuzz import fuzz

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
_M = (
    r"(enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|setiembre|octubre"
    r"|noviembre|diciembre|ene|feb|mar|abr|jun|jul|ago|sept|sep|oct|nov|dic)"
)
_Y = r"(\d{4})"
_OF_YEAR = rf"(?:\s*(?:de|del|,)?\s*(?:ano\s+|año\s+)?{_Y})?"

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


@dataclass(frozen=True)
class Period:
    """An inclusive date range with the Spanish words it came from."""

    start: date
    end: date
    label: str


class Blanks:
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


def take_periods(work: Blanks, today: date) -> tuple[list[date], Period | None]:
    """Explicit dates and the first period named (years are left for `take_year`)."""
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
    return dates, period


def take_year(work: Blanks) -> Period | None:
    """A bare year ("2024", "del 2024") as the whole year."""
    for match in work.take(RE_YEAR):
        year = int(match[1])
        return Period(date(year, 1, 1), date(year, 12, 31), f"año {year}")
    return None


def fix_month_typos(text: str) -> str:
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
