"""Electronic invoicing with the DIAN: build, sign, transmit, deliver.

Public API (each module has one job):
- `types`: frozen `InvoiceDraft` (kind 01/04/91/92, parties, lines, resolution, software).
- `totals.document_totals(draft)`: line, tax and monetary totals (half-up, 2 decimals).
- `cufe`: `document_key(draft)` (CUFE/CUDE), `key_fields`, `software_security_code`,
  `qr_text(draft, key)`, `qr_url(environment, key)`.
- `ubl.build_document(draft) -> BuiltDocument` (unsigned UBL 2.1 + DIAN extensions).
- `signing`: `load_pkcs12`, `credentials_from_settings`, `sign_document`, `verify_document`.
- `dian_ws.DianWebService(url, timeout=, credentials=)`: `send_document`, `send_bill_sync`,
  `get_status`, `get_status_zip` -> `Accepted | AcceptedWithObservations | Rejected |
  NotFound | Unavailable` (never raises for the service's troubles).
- `attached.build_attached_document`, `pdf.render_pdf`, `package.build_package`.
- `mailer`: `parse_smtp_url`, `compose_document_mail`, `send_message` (raises
  `SmtpUnavailable` / `SmtpRejected`), deterministic `message_id`.
- `contingency`: `outage_confirmed`, `transmission_deadline`, `deadline_status`,
  `check_allowed_in_contingency`, `for_transmission`.
- `checks`: `draft_problems`, `ensure_issuable`, `resolution_alerts`.
- `pipeline`: `sign`, `transmit`, `status_after`, `timeline_text`, `mail_blockers`,
  `customer_package`, `customer_mail` (the steps outbox jobs call).
"""
