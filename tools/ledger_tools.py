"""The ledger's tools, registered by importing this module (see tools/catalog.py).

READ: `list_accounts`, `trial_balance`, `account_ledger`, `list_documents`.
WRITE: `post_manual_entry` (its preview shows the balanced lines and totals).
"""

from __future__ import annotations

from tools.ledger_accounts import AccountOut, ListAccountsInput, ListAccountsOutput, list_accounts
from tools.ledger_common import ledger_errors
from tools.ledger_documents import (
    DocumentOut,
    ListDocumentsInput,
    ListDocumentsOutput,
    list_documents,
)
from tools.ledger_entries import (
    ManualEntryInput,
    ManualLine,
    PostedEntryOutput,
    post_manual_entry,
    preview_manual_entry,
)
from tools.ledger_reports import (
    AccountLedgerInput,
    AccountLedgerLine,
    AccountLedgerOutput,
    TrialBalanceInput,
    TrialBalanceLine,
    TrialBalanceOutput,
    account_ledger,
    trial_balance,
)

__all__ = [
    "AccountLedgerInput",
    "AccountLedgerLine",
    "AccountLedgerOutput",
    "AccountOut",
    "DocumentOut",
    "ListAccountsInput",
    "ListAccountsOutput",
    "ListDocumentsInput",
    "ListDocumentsOutput",
    "ManualEntryInput",
    "ManualLine",
    "PostedEntryOutput",
    "TrialBalanceInput",
    "TrialBalanceLine",
    "TrialBalanceOutput",
    "account_ledger",
    "ledger_errors",
    "list_accounts",
    "list_documents",
    "post_manual_entry",
    "preview_manual_entry",
    "trial_balance",
]
