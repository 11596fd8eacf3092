"""Signal 3: the company's economic activity (CIIU), the supplier's, and keyword families.

The words of the line name a family ("arriendo" -> rent); the family names an account
(families.csv); the buyer's activity can change it (activity_rules.csv): a retailer
buying what it sells stocks it (143505), a services company buying the same uses it up
(an expense), a builder puts materials into the works. Equipment becomes property, plant
and equipment from 50 UVT, and an expense below.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from ledger.money import format_cop
from tools.suggest.keywords import GENERIC_BELOW, FamilyHit, find_families
from tools.suggest.normalize import normalize
from tools.suggest.tables import Family, account_name, activity_rules, family_by_name
from tools.suggest.tables import supplier_activity as supplier_activity_table
from tools.suggest.types import CompanyProfile, PurchaseLine, Signal, Suggestion

# UVT (Unidad de Valor Tributario) by year, set each December by DIAN resolution.
UVT_BY_YEAR: dict[int, Decimal] = {2024: Decimal("47065"), 2025: Decimal("49799")}
DEFAULT_UVT = UVT_BY_YEAR[2025]
FIXED_ASSET_UVT = Decimal("50")

# CIIU division ranges -> broad sector (used for the default catalogue and reasons).
_SECTORS: tuple[tuple[int, int, str], ...] = (
    (1, 3, "agriculture"),
    (5, 9, "mining"),
    (10, 33, "manufacturing"),
    (35, 39, "utilities"),
    (41, 43, "construction"),
    (45, 47, "commerce"),
    (49, 53, "transport"),
    (55, 56, "food_service"),
    (58, 63, "tech"),
    (64, 66, "finance"),
    (68, 68, "real_estate"),
    (69, 75, "professional"),
    (77, 82, "support"),
    (85, 85, "education"),
    (86, 88, "health"),
)
# Lodging (55) buys food like restaurants do; only 56 is "food_service" for catalogues.
_LODGING = "55"


def sector_of(ciiu: str) -> str:
    """Broad sector of a CIIU class from its 2-digit division ('4711' -> 'commerce')."""
    digits = "".join(ch for ch in ciiu if ch.isdigit())
    if len(digits) < 2:
        return "general"
    if digits.startswith(_LODGING):
        return "general"
    division = int(digits[:2])
    for low, high, sector in _SECTORS:
        if low <= division <= high:
            return sector
    return "general"


def fixed_asset_threshold(uvt: Decimal = DEFAULT_UVT) -> Decimal:
    """Amount from which equipment is capitalized (50 UVT) instead of expensed."""
    return FIXED_ASSET_UVT * uvt


def _rule_for(ciiu_codes: tuple[str, ...], family: str) -> tuple[str, str, float] | None:
    """(ciiu, account, confidence) of the longest CIIU-prefix rule for this family."""
    rules = activity_rules()
    for ciiu in ciiu_codes:
        for size in range(len(ciiu), 1, -1):
            found = rules.get((ciiu[:size], family))
            if found:
                return ciiu, found[0], found[1]
    return None


def supplier_family(supplier_ciiu: str) -> Family | None:
    """The family a supplier usually sells, from its CIIU (longest prefix)."""
    table = supplier_activity_table()
    for size in range(len(supplier_ciiu), 2, -1):
        name = table.get(supplier_ciiu[:size])
        if name:
            return family_by_name()[name]
    return None


def proposed_item_name(normalized: str) -> str:
    """A short item name from a line text: the words before pack and quantity details."""
    words: list[str] = []
    for word in normalized.split():
        if word in _PACK_STOP or (words and len(words) >= 6):
            break
        words.append(word)
    name = " ".join(words) or normalized
    return name[:1].upper() + name[1:]


_PACK_STOP = frozenset(
    {"caja", "paquete", "paca", "bulto", "fardo", "display", "canasta", "cubeta", "unidad"}
)


def activity_suggestions(
    line: PurchaseLine,
    normalized: str,
    profile: CompanyProfile,
    *,
    uvt: Decimal = DEFAULT_UVT,
    limit: int = 2,
) -> tuple[Suggestion, ...]:
    """Accounts from keyword families, shaped by the buyer's and the supplier's activity."""
    hits = find_families(normalized)
    name_hits = {hit.family.name: hit for hit in find_families(normalize(line.supplier_name))}
    hinted = supplier_family(line.supplier_ciiu) if line.supplier_ciiu else None
    ranked: list[_Ranked] = []
    for hit in hits:
        weight = hit.score + (0.5 if hit.family.name in name_hits else 0.0)
        weight += 0.5 if hinted is not None and hinted.name == hit.family.name else 0.0
        ranked.append((weight, hit, hit.family))
    if not ranked:
        # Nothing in the line's words: the supplier's name or activity is all we have.
        for name_hit in name_hits.values():
            ranked.append((0.5 * name_hit.score, None, name_hit.family))
        if hinted is not None and hinted.name not in name_hits:
            ranked.append((0.5, None, hinted))
    ranked.sort(
        key=lambda entry: (
            -entry[0],
            entry[2].confidence < GENERIC_BELOW,
            entry[1].first if entry[1] is not None else 0,
            -entry[2].confidence,
            entry[2].order,
        )
    )
    ranked = _service_head_first(ranked)
    specific = [entry for entry in ranked if entry[2].confidence >= GENERIC_BELOW]
    # Two specific families named equally strongly: the words are ambiguous.
    tied = len(specific) > 1 and specific[0][0] == specific[1][0]
    suggestions: list[Suggestion] = []
    for weight, family_hit, family in ranked[:limit]:
        suggestion = _suggest_for_family(line, normalized, profile, family, family_hit, uvt=uvt)
        agrees = family.name in name_hits or (hinted is not None and hinted.name == family.name)
        confidence = suggestion.confidence
        if family_hit is None:
            confidence = min(confidence, 0.65)
        elif agrees:
            confidence = min(confidence + 0.04, 0.95)
        if tied and weight == ranked[0][0]:
            confidence -= 0.1
        if suggestions:
            # A runner-up family never outranks the family the words named best.
            confidence = min(confidence, suggestions[0].confidence - 0.05)
        suggestions.append(_with_confidence(suggestion, confidence))
    return tuple(suggestions)


_Ranked = tuple[float, FamilyHit | None, Family]


def _service_head_first(ranked: list[_Ranked]) -> list[_Ranked]:
    """A service named first governs the goods named after it.

    "Mantenimiento de campana extractora" buys maintenance, not a hood: in a Spanish noun
    phrase the head comes first, so a service family that starts the line beats an asset
    or goods family found later, whatever their word counts.
    """
    described = [entry for entry in ranked if entry[1] is not None]
    if len(described) < 2 or ranked[0][2].kind == "service":
        return ranked
    head = min(described, key=lambda entry: entry[1].first if entry[1] else 0)
    if head[2].kind != "service" or head[2].confidence < GENERIC_BELOW:
        return ranked
    return [head, *(entry for entry in ranked if entry is not head)]


def _with_confidence(suggestion: Suggestion, confidence: float) -> Suggestion:
    return replace(suggestion, confidence=round(max(0.0, min(confidence, 1.0)), 2))


def _suggest_for_family(
    line: PurchaseLine,
    normalized: str,
    profile: CompanyProfile,
    family: Family,
    hit: FamilyHit | None,
    *,
    uvt: Decimal,
) -> Suggestion:
    ciiu = profile.main_ciiu
    because = _because(ciiu, hit, line)
    account, confidence, note = family.account, family.confidence, ""
    rule = _rule_for(profile.ciiu_codes, family.name)
    if rule is not None:
        ciiu, account, confidence = rule
        because = _because(ciiu, hit, line)
        note = _rule_note(account)
    elif family.kind == "asset":
        account, confidence, note = _asset_account(family, line.amount, uvt)
    elif family.kind == "goods" and sector_of(ciiu) == "commerce":
        # A shop buying goods outside its line of business: probably for its own use,
        # but it may also stock them; a person should look.
        confidence -= 0.12
        note = "; no es de la línea de venta de esta actividad, revise si es para la venta"
    item_name = (
        proposed_item_name(normalized)
        if family.kind in ("goods", "asset") or account.startswith("14")
        else family.item_name
    )
    return Suggestion(
        item=item_name,
        account_code=account,
        account_name=account_name(account),
        confidence=confidence,
        reason_es=because + note,
        signal=Signal.ACTIVITY,
        create_item=True,
        proposed_item_name=item_name,
    )


def _because(ciiu: str, hit: FamilyHit | None, line: PurchaseLine) -> str:
    activity = f"la actividad económica {ciiu}" if ciiu else "el tipo de gasto"
    if hit is not None:
        return f"por {activity} y la palabra '{hit.words}'"
    if line.supplier_ciiu:
        return f"por {activity} y la actividad {line.supplier_ciiu} del proveedor"
    return f"por {activity} y el nombre del proveedor"


def _rule_note(account: str) -> str:
    if account.startswith("1435"):
        return ": mercancía para la venta (inventario)"
    if account.startswith("1405"):
        return ": materia prima de lo que produce"
    if account.startswith("1455"):
        return ": materiales que consume en su servicio"
    if account.startswith("1460"):
        return ": empaque de lo que vende"
    if account.startswith("1415"):
        return ": costo de la obra en curso"
    if account.startswith("15"):
        return ": equipo de su actividad"
    return ""


def _asset_account(family: Family, amount: Decimal | None, uvt: Decimal) -> tuple[str, float, str]:
    threshold = fixed_asset_threshold(uvt)
    if amount is None:
        return family.account, min(family.confidence, 0.65), "; sin valor no se sabe si es activo"
    if amount >= threshold:
        note = f"; activo fijo: {format_cop(amount)} llega a 50 UVT ({format_cop(threshold)})"
        return family.account, family.confidence, note
    note = f"; gasto: {format_cop(amount)} no llega a 50 UVT ({format_cop(threshold)})"
    return family.small_account, family.confidence - 0.05, note
