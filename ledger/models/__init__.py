"""The ledger's tables. Import from here: `from ledger.models import Account, JournalEntry`."""

from __future__ import annotations

from ledger.models.audit import AuditEvent
from ledger.models.base import CompanyOwned
from ledger.models.channels import LoginThrottle, SlackLink, WebhookEvent, WhatsAppLink
from ledger.models.chart import Account, BankAccount, CostCenter
from ledger.models.company import ApiToken, Company, User, UserCompany
from ledger.models.documents import Document, DocumentLine, DocumentTax, Payment
from ledger.models.enums import (
    DocumentKind,
    DocumentSide,
    DocumentStatus,
    ItemKind,
    Nature,
    PaymentForm,
    Role,
)
from ledger.models.files import StoredFile
from ledger.models.inbox import DailySummary, ExpenseAgentState, InboxEntry, PortalSource
from ledger.models.invoicing import (
    DocumentEvent,
    EDocument,
    EInvoiceProfile,
    MailOutbox,
    NumberingResolution,
    TransmissionOutbox,
)
from ledger.models.journal import JournalEntry, JournalLine
from ledger.models.parties import Contact, Item
from ledger.models.payroll import IdempotencyRecord, PayrollMapping, PayrollRun, PayrollSource
from ledger.models.sync import StagedContact, StagedDocument, SyncJob

# Every table whose rows belong to one company; sessions are scoped over these.
COMPANY_OWNED: tuple[type[CompanyOwned], ...] = (
    UserCompany,
    ApiToken,
    Account,
    CostCenter,
    BankAccount,
    Contact,
    Item,
    Document,
    DocumentLine,
    DocumentTax,
    Payment,
    JournalEntry,
    JournalLine,
    AuditEvent,
    NumberingResolution,
    EInvoiceProfile,
    EDocument,
    DocumentEvent,
    TransmissionOutbox,
    MailOutbox,
    WhatsAppLink,
    SlackLink,
    SyncJob,
    StagedDocument,
    StagedContact,
    IdempotencyRecord,
    PayrollMapping,
    PayrollSource,
    PayrollRun,
    InboxEntry,
    ExpenseAgentState,
    DailySummary,
    StoredFile,
)

__all__ = [
    "COMPANY_OWNED",
    "Account",
    "ApiToken",
    "AuditEvent",
    "BankAccount",
    "Company",
    "CompanyOwned",
    "Contact",
    "CostCenter",
    "DailySummary",
    "Document",
    "DocumentEvent",
    "DocumentKind",
    "DocumentLine",
    "DocumentSide",
    "DocumentStatus",
    "DocumentTax",
    "EDocument",
    "EInvoiceProfile",
    "ExpenseAgentState",
    "IdempotencyRecord",
    "InboxEntry",
    "Item",
    "ItemKind",
    "JournalEntry",
    "JournalLine",
    "LoginThrottle",
    "MailOutbox",
    "Nature",
    "NumberingResolution",
    "Payment",
    "PaymentForm",
    "PayrollMapping",
    "PayrollRun",
    "PayrollSource",
    "PortalSource",
    "Role",
    "SlackLink",
    "StagedContact",
    "StagedDocument",
    "StoredFile",
    "SyncJob",
    "TransmissionOutbox",
    "User",
    "UserCompany",
    "WebhookEvent",
    "WhatsAppLink",
]
