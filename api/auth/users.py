"""Users who may log in: create (or update) a user and give them a role in a company."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine
from sqlmodel import select

from api.auth.passwords import hash_password
from ledger.db import admin_session
from ledger.models import Role, User, UserCompany
from tools.errors import ToolError

MIN_PASSWORD = 8


@dataclass(frozen=True)
class UserInfo:
    """A user as commands print it."""

    user_id: int
    email: str
    name: str
    company_id: int
    role: str


def create_user(
    engine: Engine,
    *,
    email: str,
    name: str,
    password: str,
    company_id: int,
    role: str = Role.OWNER,
) -> UserInfo:
    """Create the user (or set the password of an existing one) and add them to a company."""
    email = email.strip().lower()
    if "@" not in email or len(email) > 254:
        raise ToolError("correo_invalido", f"«{email}» no parece un correo electrónico.")
    if len(password) < MIN_PASSWORD:
        raise ToolError(
            "contrasena_corta", f"La contraseña debe tener al menos {MIN_PASSWORD} caracteres."
        )
    with admin_session(engine) as session:
        user = session.exec(select(User).where(User.email == email)).first()
        if user is None:
            user = User(email=email, name=name)
        user.name = name or user.name
        user.password_hash = hash_password(password)
        session.add(user)
        session.flush()
        assert user.id is not None
        member = session.exec(
            select(UserCompany).where(
                UserCompany.user_id == user.id, UserCompany.company_id == company_id
            )
        ).first()
        if member is None:
            member = UserCompany(company_id=company_id, user_id=user.id, role=role)
            session.add(member)
        session.commit()
        return UserInfo(user.id, user.email, user.name, company_id, member.role)


def find_user(engine: Engine, email: str) -> User | None:
    """The user with that e-mail, if any."""
    with admin_session(engine) as session:
        return session.exec(select(User).where(User.email == email.strip().lower())).first()
