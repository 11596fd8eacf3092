"""The suggester: history, then catalogue, then activity, then "create an item".

`suggest()` is pure: it reads a purchase line, the company profile, a `CatalogueIndex`
and a `History`, and returns suggestions best first. A signal higher in the order wins
when it is decisive (a correction or near-identical earlier line; a close catalogue
name); otherwise confidence decides.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from decimal import Decimal

from tools.suggest.activity import (
    DEFAULT_UVT,
    activity_suggestions,
    proposed_item_name,
    sector_of,
)
from tools.suggest.catalogue import CatalogueIndex, CatalogueMatch, default_index
from tools.suggest.history import History, HistoryMatch, supplier_key
from tools.suggest.normalize import normalize
from tools.suggest.tables import account_name
from tools.suggest.types import (
    SIGNAL_ORDER,
    CompanyProfile,
    PurchaseLine,
    Signal,
    Suggestion,
)

HISTORY_CUTOFF = 75.0  # token_set_ratio below this is "another thing" from that supplier
CORRECTION_CUTOFF = 80.0
CATALOGUE_CUTOFF = 72.0
DECISIVE_HISTORY = 90.0
DECISIVE_CATALOGUE = 88.0
WEAK = 0.6  # below this the best suggestion comes with a "create item" recommendation
FALLBACK_ACCOUNT = "51959502"
RESELLER_FALLBACK_ACCOUNT = "143505"
_EMPTY_HISTORY = History()


@dataclass(frozen=True)
class _Ranked:
    suggestion: Suggestion
    decisive: bool


def suggest(
    line: PurchaseLine,
    profile: CompanyProfile,
    *,
    index: CatalogueIndex | None = None,
    history: History = _EMPTY_HISTORY,
    uvt: Decimal = DEFAULT_UVT,
    limit: int = 3,
) -> tuple[Suggestion, ...]:
    """Ranked item/account suggestions for one purchase line, best first (never empty).

    Without `index` the company is "cold": the default catalogue of its sector is used.
    """
    normalized = normalize(line.description)
    if index is None:
        index = default_index(sector_of(profile.main_ciiu))
    ranked: list[_Ranked] = []
    ranked.extend(_from_history(line, normalized, history))
    ranked.extend(_from_catalogue(index.match(normalized, score_cutoff=CATALOGUE_CUTOFF)))
    activity = activity_suggestions(line, normalized, profile, uvt=uvt)
    ranked.extend(_Ranked(suggestion, False) for suggestion in activity)
    ranked = _agreement_bonus(ranked)
    ranked.sort(
        key=lambda r: (
            not r.decisive,
            SIGNAL_ORDER[r.suggestion.signal] if r.decisive else 0,
            -r.suggestion.confidence,
            SIGNAL_ORDER[r.suggestion.signal],
        )
    )
    result = _unique(r.suggestion for r in ranked)
    if not result or result[0].confidence < WEAK:
        result.append(_fallback(normalized, profile, result))
        result.sort(key=lambda s: -s.confidence)
    return tuple(result[:limit])


def _from_history(line: PurchaseLine, normalized: str, history: History) -> list[_Ranked]:
    if not len(history):
        return []
    supplier = supplier_key(line.supplier_nit, line.supplier_name)
    matches = history.match(
        normalized, supplier=supplier, item_code=line.item_code, score_cutoff=HISTORY_CUTOFF
    )
    if not matches:
        return []
    corrections = [m for m in matches if m.line.is_correction and m.score >= CORRECTION_CUTOFF]
    latest_correction = max((m.position for m in corrections), default=-1)
    ordered = sorted(matches, key=lambda m: (-m.line.is_correction, -m.score, -m.position))
    result = []
    for match in ordered:
        overridden = not match.line.is_correction and match.position < latest_correction
        result.append(_history_suggestion(match, overridden))
    return result


def _history_suggestion(match: HistoryMatch, overridden: bool) -> _Ranked:
    line, score = match.line, match.score
    document = f"la factura {line.document_number}" if line.document_number else "una compra"
    leading_correction = line.is_correction and score >= CORRECTION_CUTOFF
    if leading_correction:
        confidence = 0.9 + 0.07 * (score - CORRECTION_CUTOFF) / (100 - CORRECTION_CUTOFF)
        reason = f"usted lo corrigió así en {document} de este proveedor"
    elif match.by_item_code:
        confidence = 0.93
        reason = f"mismo código de producto que {document}"
    else:
        confidence = 0.95 - 0.012 * (100 - score)
        reason = (
            f"igual que {document} de este proveedor"
            if score >= 97
            else f"parecido a {document} de este proveedor ({score:.0f} %)"
        )
    if overridden:
        confidence = min(confidence, 0.5)
        reason += "; después usted lo corrigió"
    decisive = not overridden and (
        leading_correction or match.by_item_code or score >= DECISIVE_HISTORY
    )
    return _Ranked(
        Suggestion(
            item=line.item_name,
            item_code=line.item_code,
            account_code=line.account_code,
            account_name=account_name(line.account_code),
            confidence=round(confidence, 2),
            reason_es=reason,
            signal=Signal.HISTORY,
        ),
        decisive,
    )


def _from_catalogue(matches: tuple[CatalogueMatch, ...]) -> list[_Ranked]:
    result = []
    for match in matches:
        confidence = 0.92 - 0.012 * (100 - match.score)
        if match.name_words < 2:
            # One shared word ("pollo", "cable") is too thin to post without a look.
            confidence = min(confidence, 0.75)
        result.append(
            _Ranked(
                Suggestion(
                    item=match.item.name,
                    item_code=match.item.code,
                    account_code=match.item.account_code,
                    account_name=account_name(match.item.account_code),
                    confidence=round(confidence, 2),
                    reason_es=f"parecido al ítem '{match.item.name}' ({match.score:.0f} %)",
                    signal=Signal.CATALOGUE,
                ),
                match.score >= DECISIVE_CATALOGUE and match.name_words >= 2,
            )
        )
    return result


def _agreement_bonus(ranked: list[_Ranked]) -> list[_Ranked]:
    # Two independent signals naming the same account make it more likely.
    accounts_by_signal: dict[str, set[Signal]] = {}
    for r in ranked:
        accounts_by_signal.setdefault(r.suggestion.account_code, set()).add(r.suggestion.signal)
    result = []
    for r in ranked:
        if len(accounts_by_signal[r.suggestion.account_code]) > 1:
            boosted = min(0.97, r.suggestion.confidence + 0.05)
            r = replace(r, suggestion=replace(r.suggestion, confidence=round(boosted, 2)))
        result.append(r)
    return result


def _unique(suggestions: Iterable[Suggestion]) -> list[Suggestion]:
    seen: set[tuple[str, str]] = set()
    result = []
    for suggestion in suggestions:
        key = (suggestion.account_code, suggestion.item)
        if key in seen:
            continue
        seen.add(key)
        result.append(suggestion)
    return result


def _fallback(normalized: str, profile: CompanyProfile, found: list[Suggestion]) -> Suggestion:
    name = proposed_item_name(normalized) if normalized else "Compra sin descripción"
    ciiu = profile.main_ciiu or "sin actividad"
    if found:
        account, confidence = found[0].account_code, min(found[0].confidence, 0.45)
        why = f"coincidencias débiles para la actividad {ciiu}"
    elif sector_of(ciiu) == "commerce":
        # What a shop buys without any other clue is most often what it sells.
        account, confidence = RESELLER_FALLBACK_ACCOUNT, 0.5
        why = f"un comercio (actividad {ciiu}) suele comprar mercancía para vender"
    else:
        account, confidence = FALLBACK_ACCOUNT, 0.3
        why = f"sin coincidencias claras para la actividad {ciiu}"
    return Suggestion(
        item=name,
        account_code=account,
        account_name=account_name(account),
        confidence=confidence,
        reason_es=f"{why}; se recomienda crear el ítem '{name}' en la cuenta {account}",
        signal=Signal.FALLBACK,
        create_item=True,
        proposed_item_name=name,
    )
