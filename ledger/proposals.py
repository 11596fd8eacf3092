"""Pure, immutable entry proposals and the rules they must meet before any I/O.

Validation is a list of small functions `(proposal) -> errors`, as in beancount;
`EntryProposal.validate()` raises the first error, `errors()` returns them all.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from ledger.errors import EmptyEntryError, InvalidLineError, LedgerError, UnbalancedEntryError
from ledger.money import ZERO, format_cop, to_money


@dataclass(frozen=True)
class ProposedLine:
    """One debit or credit to a PUC account (amounts as `Decimal`, 2 places)."""

    account_code: str
    debit: Decimal = ZERO
    credit: Decimal = ZERO
    contact_id: int | None = None
    cost_center_id: int | None = None
    description: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "account_code", str(self.account_code).strip())
        object.__setattr__(self, "debit", to_money(self.debit))
        object.__setattr__(self, "credit", to_money(self.credit))

    @property
    def amount(self) -> Decimal:
        """Debit minus credit (positive for a debit line)."""
        return self.debit - self.credit

    def mirrored(self) -> ProposedLine:
        """The same line on the other side (for reversals)."""
        return ProposedLine(
            account_code=self.account_code,
            debit=self.credit,
            credit=self.debit,
            contact_id=self.contact_id,
            cost_center_id=self.cost_center_id,
            description=self.description,
        )


@dataclass(frozen=True)
class EntryProposal:
    """A journal entry not yet written: what tools build and `post_entry` checks."""

    date: date
    description: str
    lines: tuple[ProposedLine, ...] = field(default_factory=tuple)
    source: str = "manual"

    def __post_init__(self) -> None:
        object.__setattr__(self, "lines", tuple(self.lines))

    @property
    def total_debit(self) -> Decimal:
        """Sum of the debits."""
        return sum((line.debit for line in self.lines), ZERO)

    @property
    def total_credit(self) -> Decimal:
        """Sum of the credits."""
        return sum((line.credit for line in self.lines), ZERO)

    def errors(self) -> tuple[LedgerError, ...]:
        """Every rule this proposal breaks (empty when it may be posted)."""
        return tuple(error for rule in RULES for error in rule(self))

    def validate(self) -> None:
        """Raise the first broken rule; pure (reads no database)."""
        problems = self.errors()
        if problems:
            raise problems[0]


Rule = Callable[[EntryProposal], Iterable[LedgerError]]


def lines_are_one_sided(proposal: EntryProposal) -> Iterable[LedgerError]:
    """Each line is a debit or a credit, never both, never negative."""
    for number, line in enumerate(proposal.lines, start=1):
        if line.debit < 0 or line.credit < 0:
            yield InvalidLineError(
                f"La línea {number} ({line.account_code}) tiene un valor negativo; "
                "usa el lado contrario en lugar de un signo menos."
            )
        elif line.debit > 0 and line.credit > 0:
            yield InvalidLineError(
                f"La línea {number} ({line.account_code}) tiene débito y crédito a la vez."
            )
        elif line.debit == 0 and line.credit == 0:
            yield InvalidLineError(f"La línea {number} ({line.account_code}) no tiene valor.")


def moves_money(proposal: EntryProposal) -> Iterable[LedgerError]:
    """At least two lines and a non-zero total."""
    if len(proposal.lines) < 2 or proposal.total_debit <= 0:
        yield EmptyEntryError(
            "El asiento está vacío: necesita al menos un débito y un crédito con valor."
        )


def is_balanced(proposal: EntryProposal) -> Iterable[LedgerError]:
    """Debits equal credits to the centavo."""
    if proposal.total_debit != proposal.total_credit:
        difference = proposal.total_debit - proposal.total_credit
        yield UnbalancedEntryError(
            f"El asiento no cuadra: débitos {format_cop(proposal.total_debit)}, "
            f"créditos {format_cop(proposal.total_credit)} "
            f"(diferencia {format_cop(abs(difference))})."
        )


def has_description(proposal: EntryProposal) -> Iterable[LedgerError]:
    """A person must be able to tell what the entry is."""
    if not proposal.description.strip():
        yield LedgerError("El asiento necesita una descripción.", code="sin_descripcion")


RULES: tuple[Rule, ...] = (lines_are_one_sided, moves_money, is_balanced, has_description)
