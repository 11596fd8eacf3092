"""`DianPortal`: the DIAN portal reached through the access link the DIAN e-mails.

The link looks like `https://catalogo-vpfe.dian.gov.co/User/AuthToken?pk=...&rk=...&token=...`.
The client checks it (https, host on `settings.dian_portal_allowed_hosts`; plain http is
accepted only for a loopback host, the local stand-in), opens a session with it (the
portal answers with a session cookie), lists the issued and received documents of a
period, downloads the listing export and each document's ZIP, and retries with
exponential backoff. Every failure ends in a Spanish `ToolError` that says what to do.

Portal routes used (the stand-in in `tools.sync.portal_standin` serves the same):
- `GET /User/AuthToken?pk&rk&token` -> 302 + cookie, or a page saying the token expired
- `GET /Document/List?group=received|issued&from=YYYY-MM-DD&to=YYYY-MM-DD&page=N`
  -> `{"page": N, "pages": M, "documents": [{"trackId", "number", "type", "issueDate",
  "total"}]}`
- `GET /Document/Export?group=...&from&to` -> the listing .xlsx
- `GET /Document/DownloadZipFiles?trackId=CUFE` -> the document's ZIP
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from urllib.parse import urlsplit

import httpx

from cuadre.settings import Settings
from tools.errors import ToolError
from tools.sync import log_redaction

# The access link's token must never reach a log line (httpx logs request URLs).
log_redaction.install()

TOKEN_LIFETIME = timedelta(hours=1)
EXPIRED_MARKERS = ("ya no es válido", "ha expirado", "token expirado", "no es valido")
LOOPBACK = frozenset({"127.0.0.1", "localhost", "::1"})
WHAT_TO_DO = (
    "Revisa que el servicio de la DIAN esté funcionando, pide un enlace nuevo desde el "
    "portal de la DIAN y vuelve a intentarlo. También puedes subir el listado descargado."
)


def _expired() -> ToolError:
    return ToolError(
        "enlace_vencido",
        "El enlace de acceso de la DIAN ya no es válido (dura una hora). Pide uno nuevo "
        "desde el portal de la DIAN, pégalo y vuelve a intentarlo.",
    )


def _down(detail: str) -> ToolError:
    return ToolError(
        "dian_no_responde", f"El portal de la DIAN no responde ({detail}). {WHAT_TO_DO}"
    )


def check_link(link: str, settings: Settings) -> str:
    """The link's origin (`https://host`) when it is acceptable; a Spanish error otherwise."""
    parts = urlsplit(link.strip())
    host = (parts.hostname or "").lower()
    allowed = {h.lower() for h in settings.dian_portal_allowed_hosts}
    if host not in allowed:
        raise ToolError(
            "enlace_no_dian",
            f"El enlace no es del portal de la DIAN ({host or 'sin dominio'}). Copia la dirección "
            "del botón «Ingrese aquí» del correo de la DIAN.",
        )
    if parts.scheme != "https" and not (parts.scheme == "http" and host in LOOPBACK):
        raise ToolError("enlace_inseguro", "El enlace debe empezar por https://.")
    if "token=" not in parts.query:
        raise ToolError(
            "enlace_sin_token", "Al enlace le falta el token: cópialo completo del correo."
        )
    return f"{parts.scheme}://{parts.netloc}"


@dataclass(frozen=True)
class PortalDocument:
    """One row of the portal's document list."""

    track_id: str
    number: str
    type: str
    issue_date: str
    total: str


class DianPortal:
    """A session on the DIAN portal opened with an access link."""

    def __init__(
        self,
        link: str,
        settings: Settings,
        *,
        received_at: datetime | None = None,
        retries: int = 3,
        backoff: float = 0.5,
        timeout: float = 15.0,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.link = link.strip()
        self.origin = check_link(self.link, settings)
        self.received_at = received_at
        self.retries = retries
        self.backoff = backoff
        self.sleep = sleep
        self.client = httpx.Client(base_url=self.origin, timeout=timeout, follow_redirects=False)

    def __enter__(self) -> DianPortal:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.client.close()

    def _request(self, path: str, params: dict[str, str] | None = None) -> httpx.Response:
        last = ""
        for attempt in range(self.retries + 1):
            try:
                response = self.client.get(path, params=params)
            except httpx.TimeoutException:
                last = "tiempo de espera agotado"
            except httpx.TransportError as exc:
                last = f"sin conexión: {type(exc).__name__}"
            else:
                if response.status_code in (401, 403) or _says_expired(response):
                    raise _expired()
                if response.status_code < 500:
                    return response
                last = f"error {response.status_code}"
            if attempt < self.retries:
                self.sleep(self.backoff * 2**attempt)
        raise _down(last)

    def open(self) -> None:
        """Open the session with the token (refuses a link older than one hour)."""
        if self.received_at and datetime.now(UTC) - self.received_at > TOKEN_LIFETIME:
            raise _expired()
        parts = urlsplit(self.link)
        response = self._request(parts.path, dict(_query(parts.query)))
        if response.status_code not in (200, 302, 303) or not self.client.cookies:
            raise ToolError(
                "dian_respuesta_invalida",
                f"El portal de la DIAN respondió algo inesperado al abrir la sesión. {WHAT_TO_DO}",
            )

    def list_documents(self, group: str, start: date, end: date) -> Iterator[PortalDocument]:
        """Issued or received documents of the period, page by page."""
        page, pages = 1, 1
        while page <= pages:
            response = self._request(
                "/Document/List",
                {
                    "group": group,
                    "from": start.isoformat(),
                    "to": end.isoformat(),
                    "page": str(page),
                },
            )
            try:
                data = response.json()
                pages = int(data["pages"])
                rows = data["documents"]
                for row in rows:
                    yield PortalDocument(
                        str(row["trackId"]), str(row["number"]), str(row["type"]),
                        str(row["issueDate"]), str(row["total"]),
                    )  # fmt: skip
            except (ValueError, KeyError, TypeError) as exc:
                raise ToolError(
                    "dian_respuesta_invalida",
                    f"La lista de documentos de la DIAN llegó dañada. {WHAT_TO_DO}",
                ) from exc
            page += 1

    def download(self, path: str, params: dict[str, str], dest: Path) -> Path:
        """Download a ZIP or XLSX to `dest`, refusing anything that is not one."""
        response = self._request(path, params)
        if response.status_code != 200 or not response.content.startswith(b"PK"):
            raise ToolError(
                "dian_archivo_invalido",
                f"La DIAN entregó un archivo dañado ({dest.name}). {WHAT_TO_DO}",
            )
        dest.write_bytes(response.content)
        return dest


def _query(query: str) -> Iterator[tuple[str, str]]:
    for part in query.split("&"):
        name, _, value = part.partition("=")
        if name:
            yield name, value


def _says_expired(response: httpx.Response) -> bool:
    if "text/html" not in response.headers.get("content-type", ""):
        return False
    text = response.text.lower()
    return any(marker in text for marker in EXPIRED_MARKERS)


def download_period(
    link: str,
    start: date,
    end: date,
    settings: Settings,
    *,
    dest: Path | None = None,
    groups: tuple[str, ...] = ("received", "issued"),
    received_at: datetime | None = None,
    on_progress: Callable[[int, int], None] | None = None,
) -> list[Path]:
    """Listing export and every document ZIP of the period, saved under `dest`."""
    folder = dest or settings.ensure_data_dir() / "dian" / f"{start}_{end}"
    folder.mkdir(parents=True, exist_ok=True)
    files: list[Path] = []
    with DianPortal(link, settings, received_at=received_at) as portal:
        portal.open()
        period = {"from": start.isoformat(), "to": end.isoformat()}
        documents = [(g, d) for g in groups for d in portal.list_documents(g, start, end)]
        for group in groups:
            files.append(
                portal.download(
                    "/Document/Export", {"group": group, **period}, folder / f"listado_{group}.xlsx"
                )
            )
        for done, (_group, doc) in enumerate(documents, start=1):
            name = "".join(ch for ch in doc.track_id if ch.isalnum())[:96]
            files.append(
                portal.download(
                    "/Document/DownloadZipFiles", {"trackId": doc.track_id}, folder / f"{name}.zip"
                )
            )
            if on_progress is not None:
                on_progress(done, len(documents))
    return files
