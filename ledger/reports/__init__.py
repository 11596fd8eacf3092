"""Reports over the books. Each returns immutable typed rows; rendering is elsewhere."""

from __future__ import annotations

from ledger.reports.aging import AgingRow, aging
from ledger.reports.documents import DocumentStatusRow, documents_by_status
from ledger.reports.journal import JournalEntryRow, JournalLineRow, journal
from ledger.reports.ledger import LedgerRow, account_ledger
from ledger.reports.trial_balance import TrialBalanceRow, trial_balance, trial_balance_totals

__all__ = [
    "AgingRow",
    "DocumentStatusRow",
    "JournalEntryRow",
    "JournalLineRow",
    "LedgerRow",
    "TrialBalanceRow",
    "account_ledger",
    "aging",
    "documents_by_status",
    "journal",
    "trial_balance",
    "trial_balance_totals",
]
