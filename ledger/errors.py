"""Typed ledger errors, each with a stable code and the Spanish message a person reads.

The tools layer turns a `LedgerError` into a `ToolError(code, message_es)` unchanged.
"""

from __future__ import annotations

from typing import Any


class LedgerError(Exception):
    """Something the books refuse; nothing was written.

    Raise as `LedgerError(code, message_es)`, or a subclass with its own code as
    `UnbalancedEntryError(message_es)`; `code=` overrides it. Extra keywords are details.
    """

    code = "error_contable"

    def __init__(
        self,
        code_or_message: str,
        message_es: str | None = None,
        *,
        code: str | None = None,
        **details: Any,
    ) -> None:
        if message_es is None:
            message_es = code_or_message
        else:
            code = code_or_message
        super().__init__(message_es)
        self.message_es = message_es
        if code is not None:
            self.code = code
        self.details = details

    def __eq__(self, other: object) -> bool:
        return (
            type(other) is type(self)
            and isinstance(other, LedgerError)
            and (other.code, other.message_es) == (self.code, self.message_es)
        )

    def __hash__(self) -> int:
        return hash((type(self), self.code, self.message_es))


class EmptyEntryError(LedgerError):
    """The entry has no lines or moves no money."""

    code = "asiento_vacio"


class InvalidLineError(LedgerError):
    """A line with both a debit and a credit, neither, or a negative amount."""

    code = "linea_invalida"


class UnbalancedEntryError(LedgerError):
    """Debits and credits differ."""

    code = "asiento_descuadrado"


class AccountNotPostableError(LedgerError):
    """The account does not exist in this company, is not a leaf, or is inactive."""

    code = "cuenta_no_imputable"


class ForeignCompanyError(LedgerError):
    """A row (contact, cost center, entry, ...) of another company, or none at all."""

    code = "otra_empresa"


class ClosedPeriodError(LedgerError):
    """The date falls on or before the date the books are closed through."""

    code = "periodo_cerrado"


class ImmutableEntryError(LedgerError):
    """Someone tried to change or delete a posted entry."""

    code = "asiento_inmutable"


class AlreadyReversedError(LedgerError):
    """The entry was reversed before (or is itself a reversal)."""

    code = "asiento_ya_reversado"


class DuplicateDocumentError(LedgerError):
    """A document with the same CUFE/CUDE is already in this company's books."""

    code = "documento_duplicado"


class InvalidCompanyError(LedgerError):
    """Bad company data (a NIT whose check digit does not match, a repeated NIT)."""

    code = "empresa_invalida"
