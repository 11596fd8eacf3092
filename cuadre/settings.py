"""One settings object for the whole product, read from the environment and `.env`.

Every variable takes the `CUADRE_` prefix (`CUADRE_DATABASE_URL`, `CUADRE_DATA_DIR`, ...).
The embedded defaults need no server: SQLite and Chroma live in the data directory.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

PLACEHOLDER_SECRETS = frozenset({"", "changethis", "cambiame", "secret", "dev-secret"})


class Settings(BaseSettings):
    """Run-time configuration; each field is one `CUADRE_*` environment variable."""

    model_config = SettingsConfigDict(
        env_prefix="CUADRE_", env_file=".env", env_file_encoding="utf-8", extra="ignore"
    )

    environment: Literal["development", "test", "production"] = "development"
    data_dir: Path = Field(default=Path(".cuadre"), description="Where embedded state lives.")
    database_url: str | None = Field(default=None, description="SQLAlchemy URL; SQLite if unset.")
    redis_url: str | None = Field(default=None, description="Huey on Redis when set.")
    jobs_mode: Literal["auto", "queue", "inline"] = Field(
        default="auto",
        description="API background work (syncs): queue on Huey, inline in the serving "
        "process, or auto = queue when a `cuadre worker` of this data directory is alive.",
    )
    sync_dead_after_seconds: int = Field(
        default=600,
        ge=60,
        description="A running sync with no heartbeat for this long belongs to a dead process "
        "and is resumed by the worker (its runner stamps a heartbeat every few seconds).",
    )
    sync_auto_resume_limit: int = Field(
        default=3,
        ge=0,
        description="Automatic resumes of one sync before it is marked failed instead.",
    )
    chroma_url: str | None = Field(default=None, description="Chroma server; embedded if unset.")

    openai_api_key: str | None = None
    openai_base_url: str | None = None
    model_name: str = "gpt-4o-mini"
    embedding_base_url: str | None = None
    embedding_model: str = "text-embedding-3-small"

    secret_key: str = "dev-secret"
    smtp_url: str | None = None
    smtp_sender: str = "facturacion@cuadre.local"
    dian_portal_url: str = "https://catalogo-vpfe.dian.gov.co"
    dian_portal_allowed_hosts: tuple[str, ...] = ("catalogo-vpfe.dian.gov.co",)
    dian_ws_url: str = "https://vpfe.dian.gov.co/WcfDianCustomerServices.svc"
    dian_ws_timeout_seconds: float = 30.0
    einvoice_cert_path: Path | None = Field(
        default=None, description="PKCS#12 (.p12/.pfx) certificate that signs e-invoices."
    )
    einvoice_cert_password: str | None = None
    max_upload_bytes: int = Field(default=20 * 1024 * 1024, description="Upload size limit.")
    uploads_retention_days: int = Field(
        default=30,
        ge=1,
        description="Stored uploads older than this, that nothing still needs, are deleted.",
    )
    uploads_cache_days: int = Field(
        default=7, ge=1, description="A machine's cached copy of an upload unused this long goes."
    )
    request_timeout_seconds: float = Field(default=60.0, description="Per-request time limit.")
    session_max_age_seconds: int = Field(default=8 * 3600, description="Panel session life.")
    cookie_secure: bool = Field(default=False, description="Secure flag on panel cookies (HTTPS).")
    login_failures_per_email: int = Field(default=5, description="Failed logins per window.")
    login_failures_per_address: int = Field(default=20, description="Per client address.")
    login_window_seconds: int = Field(default=900, description="Login throttle window.")
    slack_company_nit: str | None = Field(
        default=None, description="Fallback company for Slack members nobody linked."
    )
    slack_summary_channel: str | None = Field(
        default=None, description="Slack channel id for the expenses agent's daily summary."
    )
    slack_signing_secret: str | None = None
    slack_bot_token: str | None = None
    slack_api_url: str = "https://slack.com/api/"
    whatsapp_verify_token: str | None = None
    whatsapp_app_secret: str | None = None
    whatsapp_access_token: str | None = None
    whatsapp_api_url: str = "https://graph.facebook.com/v21.0/"
    whatsapp_phone_number_id: str | None = Field(
        default=None, description="The business number's id in the Cloud API (sends from it)."
    )
    payroll_api_url: str = Field(
        default="http://127.0.0.1:8090/", description="Payroll product API (per-company default)."
    )
    payroll_timeout_seconds: float = 30.0

    @model_validator(mode="after")
    def _refuse_placeholders_outside_development(self) -> Settings:
        if self.environment == "production" and self.secret_key in PLACEHOLDER_SECRETS:
            raise ValueError(
                "CUADRE_SECRET_KEY tiene un valor de ejemplo; defina uno propio en producción."
            )
        return self

    @property
    def sqlalchemy_url(self) -> str:
        """The ledger's database URL: `database_url`, or SQLite in the data directory."""
        if self.database_url:
            return self.database_url
        return f"sqlite:///{(self.data_dir / 'cuadre.db').as_posix()}"

    @property
    def uses_postgres(self) -> bool:
        """True when the system of record is PostgreSQL (checkpointer follows it)."""
        return self.sqlalchemy_url.startswith(("postgresql", "postgres"))

    @property
    def llm_configured(self) -> bool:
        """True when an OpenAI-compatible endpoint should plan the conversation."""
        return bool(self.openai_api_key or self.openai_base_url)

    def ensure_data_dir(self) -> Path:
        """Create the data directory when missing and return it."""
        self.data_dir.mkdir(parents=True, exist_ok=True)
        return self.data_dir


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The process-wide settings (tests build their own `Settings` instead)."""
    return Settings()
