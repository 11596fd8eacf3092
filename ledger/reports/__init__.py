"""Reports over the books. Each returns immutable typed rows; rendering is elsewhere."""

from __future__ import annotations

from ledger.reports.aging import AgingRow, aging
from ledger.reports.documents import DocumentStatusRow, documents_by_status
from ledger.reports.ledger import LedgerRow, account_ledger
from ledger.reports.trial_balance import TrialBalanceRow, trial_balance, trial_balance_totals

__all__ = [
    "AgingRow",
    "DocumentStatusRow",
    "LedgerRow",
    "TrialBalanceRow",
    "account_ledger",
    "aging",
    "documents_by_status",
    "trial_balance",
    "trial_balance_totals",
]
