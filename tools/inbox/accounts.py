"""The account a person names in plain words, resolved against the company's chart.

"5135", "143505", "arrendamientos", "la de aseo y vigilancia": a code or a name. Entries
post to active leaf accounts only, so a group ("5135 Servicios", "5120 Arrendamientos")
is narrowed to one of its leaves: the one the suggester already had in mind for that
line, else the leaf whose name resembles the line, else its "otros" leaf, else the first.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz
from sqlmodel import Session, select

from ledger.models import Account
from tools.errors import ToolError
from tools.suggest.normalize import normalize

# Classes a purchase line may debit: assets (inventory, fixed assets), expenses, costs.
PURCHASE_CLASSES = ("1", "5", "6", "7")
NAME_CUTOFF = 85.0
LINE_LIKENESS = 70.0
FILLER_WORDS = re.compile(r"^(?:(?:la|el|de|del|a|al|en|cuenta|cuentas|puc|codigo)\s+)+")


@dataclass(frozen=True)
class ResolvedAccount:
    """A postable account and, when it was narrowed or guessed, why (in Spanish)."""

    code: str
    name: str
    note: str = ""


def resolve_account(
    session: Session,
    wanted: str,
    *,
    description: str = "",
    candidates: Sequence[str] = (),
) -> ResolvedAccount:
    """The leaf account `wanted` names (a PUC code or an account name); raises `ToolError`.

    `description` is the purchase line's text and `candidates` the accounts the suggester
    ranked for it: both only choose among the leaves of a named group.
    """
    text = wanted.strip()
    if not text:
        raise ToolError("cuenta_vacia", "Indica la cuenta: un código PUC o su nombre.")
    accounts = session.exec(select(Account).where(Account.active)).all()
    by_code = {account.code: account for account in accounts}
    if text.isdigit():
        found = by_code.get(text)
        if found is None:
            raise ToolError("cuenta_no_existe", f"La cuenta {text} no está en tu plan de cuentas.")
    else:
        found = _by_name(accounts, text)
    if found.is_leaf:
        return ResolvedAccount(found.code, found.name)
    leaf, why = _leaf_under(found, accounts, description, candidates)
    note = f"{found.code} {found.name} es un grupo; uso {leaf.code} {leaf.name} ({why})"
    return ResolvedAccount(leaf.code, leaf.name, note)


def _by_name(accounts: Sequence[Account], text: str) -> Account:
    wanted = FILLER_WORDS.sub("", normalize(text)).strip()
    if not wanted:
        raise ToolError("cuenta_vacia", "Indica la cuenta: un código PUC o su nombre.")
    scored = []
    for account in accounts:
        if not account.code.startswith(PURCHASE_CLASSES):
            continue
        name = normalize(account.name)
        score = max(fuzz.token_set_ratio(wanted, name), fuzz.ratio(wanted, name))
        if score >= NAME_CUTOFF:
            # The best name first; among equals the shorter code (the group a person means
            # by "arrendamientos") and administration (51) before sales (52).
            scored.append((-score, len(account.code), account.code, account))
    if not scored:
        raise ToolError(
            "cuenta_no_encontrada",
            f"No encontré una cuenta de gasto, costo o activo llamada «{text}». "
            "Dime el código PUC (por ejemplo 513505).",
        )
    scored.sort(key=lambda row: row[:3])
    return scored[0][3]


def _leaf_under(
    group: Account, accounts: Sequence[Account], description: str, candidates: Sequence[str]
) -> tuple[Account, str]:
    leaves = sorted(
        (
            a
            for a in accounts
            if a.is_leaf and a.code.startswith(group.code) and a.code != group.code
        ),
        key=lambda a: a.code,
    )
    if not leaves:
        raise ToolError(
            "cuenta_sin_auxiliares",
            f"La cuenta {group.code} {group.name} no tiene auxiliares donde registrar; "
            "dime una subcuenta.",
        )
    for code in candidates:
        for leaf in leaves:
            if leaf.code == code:
                return leaf, "la que sugería para esta línea"
    line = normalize(description)
    if line:
        best = max(leaves, key=lambda a: fuzz.token_set_ratio(line, normalize(a.name)))
        if fuzz.token_set_ratio(line, normalize(best.name)) >= LINE_LIKENESS:
            return best, "la más parecida al texto de la línea"
    for leaf in leaves:
        if leaf.code.endswith("95") or normalize(leaf.name).startswith("otros"):
            return leaf, "la de «otros» del grupo"
    return leaves[0], "la primera del grupo"
