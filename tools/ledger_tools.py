"""Tools over the books: chart of accounts, trial balance, account ledger, documents,
and a manual journal entry (WRITE, with a preview of the balanced lines)."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from decimal import Decimal
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field
from sqlmodel import col, select

from ledger.books import check_against_books
from ledger.errors import LedgerError
from ledger.models import Account, Contact, Document
from ledger.money import ZERO, format_cop, format_date
from ledger.posting import EntryProposal, ProposedLine, post_entry
from ledger.reports import account_ledger as ledger_report
from ledger.reports import trial_balance as trial_balance_report
from ledger.reports import trial_balance_totals
from tools.context import ToolContext
from tools.errors import ToolError
from tools.registry import Preview, PreviewLine, ToolKind, tool


@contextmanager
def ledger_errors() -> Iterator[None]:
    """Turn a refusal of the books into the Spanish `ToolError` a person can act on."""
    try:
        yield
    except LedgerError as exc:
        raise ToolError(exc.code, exc.message_es, details=dict(exc.details)) from exc


def _plain(text: str) -> str:
    """Lower case without accents, for forgiving searches ("papeleria" finds "Papelería")."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True)


# --- list_accounts -------------------------------------------------------------------


class ListAccountsInput(_Frozen):
    search: str = Field(
        default="", description="Parte del nombre o código inicial, p. ej. «caja» o «5195»."
    )
    only_leaf: bool = Field(default=False, description="Solo cuentas donde se puede registrar.")
    limit: int = Field(default=50, ge=1, le=600)


class AccountOut(_Frozen):
    code: str
    name: str
    nature: str
    level: int
    is_leaf: bool
    active: bool


class ListAccountsOutput(_Frozen):
    accounts: tuple[AccountOut, ...]
    total: int = Field(description="Cuentas que coinciden (puede ser más que las mostradas).")


@tool(
    kind=ToolKind.READ,
    examples=(
        "¿qué cuentas de caja tengo?",
        "búscame la cuenta de papelería",
        "muéstrame el plan de cuentas",
        "¿en qué cuenta registro los honorarios?",
        "cuentas que empiezan por 5195",
        "lista las cuentas auxiliares donde puedo contabilizar gastos bancarios",
    ),
)
def list_accounts(ctx: ToolContext, args: ListAccountsInput) -> ListAccountsOutput:
    """Busca en el plan de cuentas (PUC) de la empresa.

    Sirve para encontrar el código de una cuenta por su nombre («papelería», «arriendo»)
    o para ver las subcuentas de un código («5195»). Con `only_leaf` devuelve solo las
    cuentas de último nivel, que son las únicas donde se puede registrar un asiento.
    La búsqueda no distingue mayúsculas ni tildes.
    """
    needle = _plain(args.search.strip())
    with ctx.session() as session:
        accounts = session.exec(select(Account).order_by(col(Account.code))).all()
    matches = [
        account
        for account in accounts
        if (not args.only_leaf or (account.is_leaf and account.active))
        and (
            not needle
            or (needle.isdigit() and account.code.startswith(needle))
            or needle in _plain(account.name)
        )
    ]
    return ListAccountsOutput(
        accounts=tuple(
            AccountOut(
                code=a.code,
                name=a.name,
                nature=a.nature,
                level=a.level,
                is_leaf=a.is_leaf,
                active=a.active,
            )
            for a in matches[: args.limit]
        ),
        total=len(matches),
    )


# --- trial_balance -------------------------------------------------------------------


class TrialBalanceInput(_Frozen):
    start: date | None = Field(default=None, description="Desde (inclusive), AAAA-MM-DD.")
    end: date | None = Field(default=None, description="Hasta (inclusive), AAAA-MM-DD.")
    level: Literal[1, 2, 4, 6] = Field(
        default=4, description="Dígitos: 1 clase, 2 grupo, 4 cuenta, 6 subcuenta."
    )


class TrialBalanceLine(_Frozen):
    code: str
    name: str
    opening: Decimal
    debit: Decimal
    credit: Decimal
    closing: Decimal


class TrialBalanceOutput(_Frozen):
    rows: tuple[TrialBalanceLine, ...]
    total_debit: Decimal
    total_credit: Decimal
    balanced: bool
    summary: str


@tool(
    kind=ToolKind.READ,
    examples=(
        "muéstrame el balance de prueba",
        "balance de marzo",
        "¿cómo quedó el balance por clases a diciembre?",
        "dame el balance de comprobación del primer trimestre a 6 dígitos",
        "¿cuadra la contabilidad?",
        "saldos de todas las cuentas este año",
    ),
)
def trial_balance(ctx: ToolContext, args: TrialBalanceInput) -> TrialBalanceOutput:
    """Balance de prueba de la empresa: saldo inicial, débitos, créditos y saldo final
    de cada cuenta en un periodo.

    `level` agrupa por clase (1), grupo (2), cuenta (4) o subcuenta (6). Los saldos
    son positivos cuando son débito y negativos cuando son crédito. Sin fechas toma
    todos los movimientos. Dice también si los débitos y los créditos cuadran.
    """
    if args.start and args.end and args.start > args.end:
        raise ToolError("periodo_invalido", "La fecha inicial es posterior a la final.")
    with ctx.session() as session:
        rows = trial_balance_report(session, start=args.start, end=args.end, level=args.level)
    totals = trial_balance_totals(rows)
    period = _period_text(args.start, args.end)
    return TrialBalanceOutput(
        rows=tuple(
            TrialBalanceLine(
                code=r.code,
                name=r.name,
                opening=r.opening,
                debit=r.debit,
                credit=r.credit,
                closing=r.closing,
            )
            for r in rows
        ),
        total_debit=totals.debit,
        total_credit=totals.credit,
        balanced=totals.balanced,
        summary=(
            f"Balance de prueba {period}: débitos {format_cop(totals.debit)}, "
            f"créditos {format_cop(totals.credit)}; "
            + ("cuadra." if totals.balanced else "NO cuadra, revisa los asientos.")
        ),
    )


def _period_text(start: date | None, end: date | None) -> str:
    if start and end:
        return f"del {format_date(start)} al {format_date(end)}"
    if start:
        return f"desde el {format_date(start)}"
    if end:
        return f"hasta el {format_date(end)}"
    return "de todos los movimientos"


# --- account_ledger ------------------------------------------------------------------


class AccountLedgerInput(_Frozen):
    account_code: str = Field(description="Código PUC, p. ej. 111005; incluye sus subcuentas.")
    start: date | None = None
    end: date | None = None


class AccountLedgerLine(_Frozen):
    date: date | None
    entry_number: int
    description: str
    contact: str
    debit: Decimal
    credit: Decimal
    balance: Decimal


class AccountLedgerOutput(_Frozen):
    account_code: str
    account_name: str
    rows: tuple[AccountLedgerLine, ...]
    final_balance: Decimal


@tool(
    kind=ToolKind.READ,
    examples=(
        "movimientos de la cuenta 111005",
        "muéstrame el auxiliar de caja de febrero",
        "¿qué se ha registrado en proveedores?",
        "libro auxiliar de la 130505 este año",
        "¿por qué el banco tiene ese saldo?",
    ),
)
def account_ledger(ctx: ToolContext, args: AccountLedgerInput) -> AccountLedgerOutput:
    """Libro auxiliar de una cuenta: cada movimiento con su fecha, asiento, tercero y
    saldo acumulado.

    Incluye las subcuentas del código pedido (2205 trae 220505 y 220510). El saldo
    sigue la naturaleza de la cuenta: en una cuenta crédito (pasivos, ingresos) los
    créditos lo aumentan. Con fecha inicial, la primera fila es el saldo inicial.
    """
    code = args.account_code.strip()
    with ctx.session() as session, ledger_errors():
        rows = ledger_report(session, account_code=code, start=args.start, end=args.end)
        account = session.exec(select(Account).where(Account.code == code)).one()
    return AccountLedgerOutput(
        account_code=code,
        account_name=account.name,
        rows=tuple(
            AccountLedgerLine(
                date=r.date,
                entry_number=r.entry_number,
                description=r.description,
                contact=r.contact_name,
                debit=r.debit,
                credit=r.credit,
                balance=r.balance,
            )
            for r in rows
        ),
        final_balance=rows[-1].balance if rows else ZERO,
    )


# --- list_documents ------------------------------------------------------------------


class ListDocumentsInput(_Frozen):
    kind: (
        Literal[
            "sales_invoice",
            "purchase_invoice",
            "support_document",
            "credit_note",
            "debit_note",
            "adjustment_note",
        ]
        | None
    ) = None
    status: Literal["received", "posted", "paid", "voided"] | None = None
    start: date | None = None
    end: date | None = None
    limit: int = Field(default=50, ge=1, le=500)


class DocumentOut(_Frozen):
    id: int
    kind: str
    number: str
    issue_date: date
    due_date: date | None
    contact: str
    total: Decimal
    status: str


class ListDocumentsOutput(_Frozen):
    documents: tuple[DocumentOut, ...]
    total: int


@tool(
    kind=ToolKind.READ,
    examples=(
        "¿qué facturas de compra tengo de enero?",
        "muéstrame las facturas de venta",
        "lista las notas crédito",
        "¿cuáles documentos están pendientes de contabilizar?",
        "facturas recibidas este mes",
    ),
)
def list_documents(ctx: ToolContext, args: ListDocumentsInput) -> ListDocumentsOutput:
    """Lista las facturas, notas y documentos soporte registrados, los más recientes primero.

    Filtra por tipo (`sales_invoice` venta, `purchase_invoice` compra, `support_document`
    documento soporte, `credit_note`, `debit_note`, `adjustment_note`), por estado
    (`received` recibido, `posted` contabilizado, `paid` pagado, `voided` anulado) y por
    fecha de emisión.
    """
    statement = select(Document, Contact).outerjoin(
        Contact,
        col(Contact.id) == col(Document.contact_id),
    )
    if args.kind:
        statement = statement.where(Document.kind == args.kind)
    if args.status:
        statement = statement.where(Document.status == args.status)
    if args.start:
        statement = statement.where(Document.issue_date >= args.start)
    if args.end:
        statement = statement.where(Document.issue_date <= args.end)
    statement = statement.order_by(col(Document.issue_date).desc(), col(Document.id).desc())
    with ctx.session() as session:
        found = session.exec(statement).all()
    return ListDocumentsOutput(
        documents=tuple(
            DocumentOut(
                id=doc.id or 0,
                kind=doc.kind,
                number=doc.number,
                issue_date=doc.issue_date,
                due_date=doc.due_date,
                contact=contact.name if contact else "",
                total=doc.total,
                status=doc.status,
            )
            for doc, contact in found[: args.limit]
        ),
        total=len(found),
    )


# --- post_manual_entry (WRITE) -------------------------------------------------------


class ManualLine(_Frozen):
    account_code: str = Field(description="Cuenta auxiliar o subcuenta, p. ej. 519530.")
    debit: Decimal = Field(default=ZERO, ge=0)
    credit: Decimal = Field(default=ZERO, ge=0)
    description: str = ""


class ManualEntryInput(_Frozen):
    date: date
    description: str = Field(min_length=1, description="Qué se registra, en palabras.")
    lines: tuple[ManualLine, ...] = Field(min_length=2)


class PostedEntryOutput(_Frozen):
    entry_id: int
    number: int
    date: date
    total: Decimal
    message: str


def _proposal(args: ManualEntryInput) -> EntryProposal:
    with ledger_errors():
        return EntryProposal(
            date=args.date,
            description=args.description,
            lines=tuple(
                ProposedLine(
                    account_code=line.account_code,
                    debit=line.debit,
                    credit=line.credit,
                    description=line.description,
                )
                for line in args.lines
            ),
            source="manual",
        )


def preview_manual_entry(ctx: ToolContext, args: ManualEntryInput) -> Preview:
    """The balanced lines and totals the entry would post; writes nothing."""
    proposal = _proposal(args)
    with ctx.session() as session, ledger_errors():
        proposal.validate()
        accounts = check_against_books(session, ctx.company_id, proposal)
        names = {code: account.name for code, account in accounts.items()}
    return Preview(
        summary=(
            f"Se registrará el asiento «{proposal.description}» del {format_date(proposal.date)} "
            f"por {format_cop(proposal.total_debit)}."
        ),
        lines=tuple(
            PreviewLine(
                account=line.account_code,
                account_name=names[line.account_code],
                debit=f"{line.debit:.2f}",
                credit=f"{line.credit:.2f}",
                description=line.description,
            )
            for line in proposal.lines
        ),
        totals={
            "debitos": f"{proposal.total_debit:.2f}",
            "creditos": f"{proposal.total_credit:.2f}",
        },
    )


@tool(
    kind=ToolKind.WRITE,
    preview=preview_manual_entry,
    examples=(
        "registra un asiento manual",
        "haz un asiento: débito 519530 por 50.000 y crédito caja",
        "contabiliza el aporte de capital de 10 millones al banco",
        "quiero registrar el pago del arriendo en efectivo",
        "pasa una nota de contabilidad por la depreciación de marzo",
        "registra que saqué 200 mil del banco para la caja menor",
    ),
)
def post_manual_entry(ctx: ToolContext, args: ManualEntryInput) -> PostedEntryOutput:
    """Registra un asiento contable manual (nota de contabilidad) en los libros.

    Cada línea lleva una cuenta de último nivel del PUC y un valor al débito o al
    crédito, nunca a los dos. Los débitos deben sumar lo mismo que los créditos y la
    fecha no puede caer en un periodo cerrado. Antes de escribir se muestra la vista
    previa con las líneas y los totales; un asiento registrado no se edita, se reversa.
    """
    proposal = _proposal(args)
    actor = ctx.principal.user_name or f"{ctx.principal.channel}:{ctx.principal.user_id or '-'}"
    with ctx.session() as session, ledger_errors():
        entry = post_entry(session, proposal, actor=actor)
    assert entry.id is not None
    return PostedEntryOutput(
        entry_id=entry.id,
        number=entry.number,
        date=entry.date,
        total=proposal.total_debit,
        message=(
            f"Asiento {entry.number} registrado el {format_date(entry.date)} "
            f"por {format_cop(proposal.total_debit)}."
        ),
    )
