"""The ZIP e-mailed to the customer: the AttachedDocument XML plus the PDF."""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass

from tools.einvoice.dian_ws import file_stem
from tools.einvoice.types import InvoiceDraft


@dataclass(frozen=True)
class CustomerPackage:
    """The ZIP's name and bytes, and the names inside it."""

    zip_name: str
    zip_bytes: bytes
    xml_name: str
    pdf_name: str


def build_package(draft: InvoiceDraft, *, attached_xml: bytes, pdf: bytes) -> CustomerPackage:
    """`z<stem>.zip` holding `ad<stem>.xml` and `ad<stem>.pdf` (the annex's naming)."""
    stem = file_stem(draft.supplier.id_number, draft.issue_date, draft.number)
    xml_name, pdf_name = f"ad{stem}.xml", f"ad{stem}.pdf"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(xml_name, attached_xml)
        archive.writestr(pdf_name, pdf)
    return CustomerPackage(f"z{stem}.zip", buffer.getvalue(), xml_name, pdf_name)
