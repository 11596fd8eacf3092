"""The system of record: a double-entry ledger on SQLModel.

- `ledger.db`: `make_engine`, `init_db` (Alembic), `company_session`, `admin_session`.
- `ledger.companies`: `create_company` (validated NIT, the PUC, defaults);
  `ledger.contacts.find_or_create_contact`; `ledger.chart.add_account`.
- `ledger.posting`: the only way to write entries (`post_entry`, `post_document`,
  `reverse_entry`, `close_books`) from pure, frozen proposals.
- `ledger.reports`: trial balance, account ledger, journal, aging, documents by status.
- `ledger.models`: the tables; `ledger.errors`: typed refusals with Spanish messages.

Imports nothing of the product but `cuadre.settings`.
"""
