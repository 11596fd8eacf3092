"""Register one inbox entry: suggest per line, post when every line is confident.

A line below the confidence threshold is never posted silently: the entry goes to
"needs_review" with one Spanish reason per doubtful line. A person's choice of account
(`accounts`: a code or an account name per line) makes a line certain and is remembered
as a correction. A line whose best suggestion is "create an item" creates that item, with
the account it was posted to, so the next invoice finds it in the catalogue.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import Any

from sqlmodel import Session, select

from ledger.books import scoped_company_id
from ledger.companies import DEFAULT_BANK
from ledger.contacts import find_or_create_contact
from ledger.errors import LedgerError
from ledger.models import BankAccount, Company, InboxEntry, Item
from ledger.models import ItemKind as LedgerItemKind
from ledger.posting import post_document
from tools.dian.model import DianDocument
from tools.dian.model import DocumentKind as DianKind
from tools.errors import ToolError
from tools.inbox.accounts import ResolvedAccount, resolve_account
from tools.inbox.intake import NEEDS_REVIEW, REGISTERED
from tools.inbox.learning import company_catalogue, company_history, company_profile
from tools.inbox.plan import LineChoice, plan_purchase
from tools.suggest import PurchaseLine, Suggestion, suggest
from tools.sync.codec import loads


@dataclass(frozen=True)
class LineAdvice:
    """The best suggestion for one line, or the account a person chose."""

    number: int  # 1-based
    description: str
    suggestion: Suggestion
    chosen_account: str | None = None
    note: str = ""  # how a named account was understood ("5135 es un grupo; uso 513595 ...")

    @property
    def account_code(self) -> str:
        return self.chosen_account or self.suggestion.account_code

    @property
    def certain(self) -> bool:
        return self.chosen_account is not None or self.suggestion.confident

    @property
    def doubt_es(self) -> str:
        s = self.suggestion
        return (
            f"Línea {self.number} «{self.description[:60]}»: la mejor cuenta es {s.account_code} "
            f"({s.account_name}) con {s.confidence:.0%} de confianza ({s.reason_es}); revísala."
        )


def advise(
    session: Session, doc: DianDocument, accounts: dict[int, str] | None = None
) -> list[LineAdvice]:
    """One `LineAdvice` per line; `accounts` maps line number (1-based) to a chosen account
    (a PUC code or an account name); key 0 is "the line" when the person named none.

    Raises a Spanish `ToolError` for a line that does not exist or an unknown account.
    """
    profile = company_profile(session)
    history = company_history(session)
    index = company_catalogue(session, profile)
    ranked: list[tuple[Suggestion, ...]] = []
    for line in doc.lines:
        purchase = PurchaseLine(
            description=line.description or "",
            supplier_nit=doc.issuer.nit or "",
            supplier_name=doc.issuer.name or "",
            supplier_ciiu=doc.issuer.ciiu or "",
            item_code=line.codes[0].code if line.codes else "",
            amount=line.line_total,
        )
        ranked.append(suggest(purchase, profile, index=index, history=history, limit=5))
    chosen = _chosen_lines(accounts or {}, ranked)
    result = []
    for number, (line, options) in enumerate(zip(doc.lines, ranked, strict=True), start=1):
        resolved: ResolvedAccount | None = None
        if number in chosen:
            resolved = resolve_account(
                session,
                chosen[number],
                description=line.description or "",
                candidates=[option.account_code for option in options],
            )
        result.append(
            LineAdvice(
                number,
                line.description or "",
                options[0],
                resolved.code if resolved else None,
                resolved.note if resolved else "",
            )
        )
    return result


def _chosen_lines(accounts: dict[int, str], ranked: list[tuple[Suggestion, ...]]) -> dict[int, str]:
    """Line numbers checked against the invoice; 0 becomes the only (or only doubtful) line."""
    chosen = {int(number): account for number, account in accounts.items()}
    for number in chosen:
        if number and not 1 <= number <= len(ranked):
            raise ToolError(
                "linea_no_existe",
                f"La factura tiene {len(ranked)} línea(s); no hay línea {number}.",
            )
    if 0 in chosen:
        account = chosen.pop(0)
        doubtful = [n for n, options in enumerate(ranked, start=1) if not options[0].confident]
        if len(ranked) == 1:
            chosen.setdefault(1, account)
        elif len(doubtful) == 1:
            chosen.setdefault(doubtful[0], account)
        else:
            raise ToolError(
                "linea_ambigua",
                f"La factura tiene {len(ranked)} líneas: dime cuál, por ejemplo "
                f"«la línea 2 va a {account}».",
            )
    return chosen


def register_entry(
    session: Session,
    entry: InboxEntry,
    *,
    actor: str,
    today: date,
    now: datetime,
    accounts: dict[int, str] | None = None,
    confirmed: bool = False,
) -> InboxEntry:
    """Post the purchase when every line is certain; else mark it for review with reasons.

    `confirmed`: a person saw every line's account in a preview and said yes, so the
    suggested accounts count as chosen (the agent's own pass never sets it).
    """
    doc = loads(entry.payload)
    advice = advise(session, doc, accounts)
    if confirmed:
        advice = [
            line if line.chosen_account else replace(line, chosen_account=line.account_code)
            for line in advice
        ]
    reasons: list[str] = []
    if doc.kind not in (DianKind.INVOICE, DianKind.EQUIVALENT):
        reasons.append(f"{doc.number or 'El documento'} es una nota; regístrala a mano.")
    reasons += [line.doubt_es for line in advice if not line.certain]
    if not reasons:
        try:
            entry.document_id = _post(session, doc, advice, actor=actor, today=today)
        except (ToolError, LedgerError) as error:
            session.rollback()
            reasons.append(getattr(error, "message_es", str(error)))
    entry.status = NEEDS_REVIEW if reasons else REGISTERED
    entry.reasons = json.dumps(reasons, ensure_ascii=False)
    entry.lines = json.dumps([_line_record(line, now) for line in advice], ensure_ascii=False)
    entry.processed_at = now
    entry.processed_by = actor
    session.add(entry)
    session.commit()
    session.refresh(entry)
    return entry


def _line_record(line: LineAdvice, now: datetime) -> dict[str, Any]:
    record: dict[str, Any] = {
        "description": line.description,
        "account_code": line.account_code,
        "item": line.suggestion.item,
        "confidence": line.suggestion.confidence,
        "reason": line.suggestion.reason_es,
    }
    if line.chosen_account and line.chosen_account != line.suggestion.account_code:
        record["corrected_at"] = now.isoformat()
    return record


def blocker(session: Session, doc: DianDocument, advice: list[LineAdvice], today: date) -> str:
    """Why this purchase cannot be registered as it is ('' when it can); writes nothing."""
    if doc.kind not in (DianKind.INVOICE, DianKind.EQUIVALENT):
        return f"{doc.number or 'El documento'} es una nota; regístrala a mano."
    company = session.get(Company, scoped_company_id(session))
    assert company is not None
    try:
        plan_purchase(
            doc,
            [LineChoice(line.account_code) for line in advice],
            nit=company.nit,
            vat_responsible=company.vat_responsible,
            contact_id=None,
            bank_account_id=None,
            today=today,
        )
    except ToolError as error:
        return error.message_es
    return ""


def _post(
    session: Session, doc: DianDocument, advice: list[LineAdvice], *, actor: str, today: date
) -> int:
    company = session.get(Company, scoped_company_id(session))
    assert company is not None
    contact = find_or_create_contact(
        session,
        id_number=doc.issuer.nit or "",
        name=doc.issuer.name or "Proveedor",
        check_digit=doc.issuer.dv,
        is_supplier=True,
    )
    bank = session.exec(select(BankAccount).where(BankAccount.name == DEFAULT_BANK)).first()
    items = {item.name: item.id for item in session.exec(select(Item)).all()}
    choices = []
    for line in advice:
        name = line.suggestion.item
        if line.suggestion.create_item and name and name not in items:
            items[name] = _create_item(session, line)
        choices.append(LineChoice(line.account_code, items.get(name)))
    plan = plan_purchase(
        doc,
        choices,
        nit=company.nit,
        vat_responsible=company.vat_responsible,
        contact_id=contact.id,
        bank_account_id=bank.id if bank else None,
        today=today,
    )
    document = post_document(session, plan.document, plan.entry, plan.payment, actor=actor)
    assert document.id is not None
    return document.id


def _create_item(session: Session, line: LineAdvice) -> int | None:
    """The item the suggester recommended creating, on the account the line posts to.

    Flushed inside the registration's transaction: a failed posting rolls it back too.
    """
    account = line.account_code
    inventory = account.startswith("14")
    item = Item(
        company_id=scoped_company_id(session),
        code=line.suggestion.item_code[:50],
        name=line.suggestion.item[:200],
        kind=LedgerItemKind.INVENTORY if inventory else LedgerItemKind.NON_INVENTORY,
        inventory_account_code=account if inventory else None,
        expense_account_code=None if inventory else account,
    )
    session.add(item)
    session.flush()
    return item.id
