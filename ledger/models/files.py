"""Uploaded files kept in the database, so any process or machine can read them back.

One row per file of an upload (`upload_id` groups the files sent together). Workers
copy a file to their local cache only when a tool needs a path (`tools.files`).
"""

import datetime as dt

from sqlalchemy import LargeBinary, UniqueConstraint
from sqlmodel import Field

from ledger.models.base import CompanyOwned, created_at_field


class StoredFile(CompanyOwned, table=True):
    """One uploaded file: its safe name, size, SHA-256 and bytes."""

    __tablename__ = "stored_file"
    __table_args__ = (UniqueConstraint("company_id", "upload_id", "name"),)

    id: int | None = Field(default=None, primary_key=True)
    upload_id: str = Field(max_length=32, index=True)
    name: str = Field(max_length=160)
    size: int
    sha256: str = Field(max_length=64)
    content: bytes = Field(sa_type=LargeBinary)
    created_at: dt.datetime = created_at_field()
