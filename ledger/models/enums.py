"""Closed vocabularies stored as short strings (portable across SQLite and PostgreSQL)."""

from __future__ import annotations

from enum import StrEnum


class Nature(StrEnum):
    """The side on which an account's balance normally grows."""

    DEBIT = "debit"
    CREDIT = "credit"


class Role(StrEnum):
    """A user's role in one company."""

    OWNER = "owner"
    ACCOUNTANT = "accountant"
    ASSISTANT = "assistant"
    VIEWER = "viewer"


class ItemKind(StrEnum):
    """How an item is accounted for."""

    INVENTORY = "inventory"
    NON_INVENTORY = "non_inventory"
    SERVICE = "service"


class DocumentKind(StrEnum):
    """The electronic documents the DIAN knows and the ledger records."""

    SALES_INVOICE = "sales_invoice"
    PURCHASE_INVOICE = "purchase_invoice"
    SUPPORT_DOCUMENT = "support_document"
    CREDIT_NOTE = "credit_note"
    DEBIT_NOTE = "debit_note"
    ADJUSTMENT_NOTE = "adjustment_note"


class DocumentSide(StrEnum):
    """Whether a document is part of what the company sells or what it buys."""

    SALE = "sale"
    PURCHASE = "purchase"


class DocumentStatus(StrEnum):
    """Life of a document in the books."""

    RECEIVED = "received"
    POSTED = "posted"
    PAID = "paid"
    VOIDED = "voided"


class PaymentForm(StrEnum):
    """DIAN payment forms: 1 cash (contado), 2 credit."""

    CASH = "1"
    CREDIT = "2"
