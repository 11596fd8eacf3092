"""The tenant (Company) and who may act for it (User, UserCompany, ApiToken)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import DateTime, UniqueConstraint
from sqlmodel import Field, SQLModel

from ledger.models.base import CompanyOwned, created_at_field
from ledger.models.enums import Role


class Company(SQLModel, table=True):
    """A business keeping its books in Cuadre; every other row belongs to one."""

    id: int | None = Field(default=None, primary_key=True)
    nit: str = Field(max_length=15, unique=True, description="NIT without check digit.")
    check_digit: str = Field(max_length=1)
    name: str = Field(max_length=200)
    ciiu_codes: str = Field(default="", max_length=100, description="Comma-separated CIIU.")
    vat_responsible: bool = True
    tax_responsibilities: str = Field(default="", max_length=200, description="e.g. O-13,O-15")
    books_closed_through: date | None = None
    created_at: datetime = created_at_field()

    @property
    def nit_with_dv(self) -> str:
        """The NIT as people write it: `900123456-7`."""
        return f"{self.nit}-{self.check_digit}"

    @property
    def ciiu_list(self) -> tuple[str, ...]:
        """The economic activity codes, in the order given."""
        return tuple(code for code in self.ciiu_codes.split(",") if code)


class User(SQLModel, table=True):
    """A person (identified by e-mail) who may belong to several companies."""

    __tablename__ = "app_user"

    id: int | None = Field(default=None, primary_key=True)
    email: str = Field(max_length=254, unique=True)
    name: str = Field(default="", max_length=200)
    password_hash: str | None = Field(
        default=None, max_length=255, description="argon2 hash for the panel login; None: no login."
    )
    created_at: datetime = created_at_field()


class UserCompany(CompanyOwned, table=True):
    """A user's role in one company."""

    __tablename__ = "user_company"
    __table_args__ = (UniqueConstraint("company_id", "user_id"),)

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="app_user.id", ondelete="RESTRICT", index=True)
    role: str = Field(default=Role.OWNER, max_length=20)


class ApiToken(CompanyOwned, table=True):
    """An integration credential; only its hash is stored."""

    __tablename__ = "api_token"

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="app_user.id", ondelete="RESTRICT", index=True)
    name: str = Field(default="", max_length=100)
    prefix: str = Field(
        default="", max_length=16, index=True, description="Public id shown in lists."
    )
    token_hash: str = Field(max_length=255, unique=True)
    created_at: datetime = created_at_field()
    revoked_at: datetime | None = Field(default=None, sa_type=DateTime(timezone=True))
