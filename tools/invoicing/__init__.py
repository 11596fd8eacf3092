"""Issuing e-invoices from the books: numbering, drafts, DIAN outbox, contingency, e-mail.

Public API (one job per module):
- `numbering`: `add_resolution`, `take_number` (atomic, gap-free), `numbering_alerts`.
- `profile`: `get_profile`, `configure_profile`, `supplier_party`, `auto_send_enabled`.
- `issuing`: `InvoiceRequest`, `create_document(session, request, *, issue, now, credentials)`,
  `issue_document(session, number_or_id, *, now, credentials)`, `issue_drafts`.
- `outbox.process_outbox(engine, now, ws)`: transmit due documents with backoff.
- `contingency_mode`: `set_contingency`, `contingency_deadlines`, `pending_transmissions`.
- `mail_outbox.process_mail_outbox(engine, now, settings)`: e-mail accepted documents.
- `timeline`: `record_event`, `document_timeline(session, number)`.
- `tasks.register_invoicing_tasks(huey)`: periodic outbox ticks.
- `tool`: the chat tools; `cuadre/cli/invoices.py`: the CLI.
"""
