"""`DianWebService`: the client of the DIAN's e-invoicing SOAP service (httpx).

Every call returns a typed result and never raises for the service's troubles: a
timeout, a refused connection, an HTTP 5xx or a SOAP Fault is `Unavailable`, so the
caller (the outbox) keeps the document "en proceso" and retries.

With signing credentials, each envelope carries the WS-Security header the real
service requires (`wssec.sign_envelope`: X.509 token, Timestamp, signed `wsa:To`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import httpx

from cuadre.settings import Settings
from tools.einvoice.dian_soap import (
    ALREADY_PROCESSED_RULE,
    NOT_FOUND_CODES,
    DianResponse,
    SoapFault,
    content_type,
    parse_response,
    send_bill_sync_envelope,
    status_envelope,
    zip_document,
)
from tools.einvoice.signing import SigningCredentials
from tools.einvoice.types import DocumentKind
from tools.einvoice.wssec import sign_envelope


@dataclass(frozen=True)
class Accepted:
    """Validated by the DIAN ("aceptado")."""

    key: str
    status_code: str
    description: str
    application_response: bytes | None


@dataclass(frozen=True)
class AcceptedWithObservations:
    """Validated with notifications ("aceptado con observaciones")."""

    key: str
    status_code: str
    description: str
    observations: tuple[str, ...]
    application_response: bytes | None


@dataclass(frozen=True)
class Rejected:
    """Refused by the DIAN with its reasons ("rechazado")."""

    key: str
    status_code: str
    description: str
    reasons: tuple[str, ...]
    application_response: bytes | None = None


@dataclass(frozen=True)
class NotFound:
    """A status query for a document the DIAN has not received."""

    key: str
    description: str


@dataclass(frozen=True)
class Unavailable:
    """The service did not answer usefully; `reason` is Spanish, for the timeline."""

    reason: str


DianResult = Accepted | AcceptedWithObservations | Rejected | NotFound | Unavailable

_FILE_PREFIX = {
    DocumentKind.INVOICE: "fv",
    DocumentKind.CONTINGENCY: "fv",
    DocumentKind.CREDIT_NOTE: "nc",
    DocumentKind.DEBIT_NOTE: "nd",
}


def file_stem(nit: str, issued: date, sequence: int) -> str:
    """Annex file name without prefix letter: NIT (10) + software code 000 + year + hex(8)."""
    return f"{int(nit):010d}000{issued:%y}{sequence:08x}"


def xml_file_name(kind: DocumentKind, nit: str, issued: date, sequence: int) -> str:
    """`fv0900108281000250000000c.xml` and the like."""
    return f"{_FILE_PREFIX[kind]}{file_stem(nit, issued, sequence)}.xml"


def zip_file_name(kind: DocumentKind, nit: str, issued: date, sequence: int) -> str:
    """`z0900108281000250000000c.zip`."""
    return f"z{file_stem(nit, issued, sequence)}.zip"


def classify(response: DianResponse, key: str = "") -> DianResult:
    """Turn a `DianResponse` into a typed result."""
    document_key = response.document_key or key
    if response.is_valid:
        if response.errors:
            return AcceptedWithObservations(
                key=document_key,
                status_code=response.status_code,
                description=response.status_description,
                observations=response.errors,
                application_response=response.application_response,
            )
        return Accepted(
            key=document_key,
            status_code=response.status_code,
            description=response.status_description,
            application_response=response.application_response,
        )
    if response.status_code in NOT_FOUND_CODES and not response.errors:
        return NotFound(key=document_key, description=response.status_description)
    return Rejected(
        key=document_key,
        status_code=response.status_code,
        description=response.status_description,
        reasons=response.errors or (response.status_description,),
        application_response=response.application_response,
    )


def is_already_processed(result: DianResult) -> bool:
    """The DIAN refuses a resend of a document it already validated (rule 90)."""
    return isinstance(result, Rejected) and all(
        r.startswith(ALREADY_PROCESSED_RULE) for r in result.reasons
    )


class DianWebService:
    """Client of WcfDianCustomerServices (SOAP 1.2 over HTTP)."""

    def __init__(
        self,
        url: str,
        *,
        timeout: float = 30.0,
        credentials: SigningCredentials | None = None,
        transport: httpx.BaseTransport | None = None,
    ):
        self.url = url
        self._credentials = credentials
        self._client = httpx.Client(timeout=timeout, transport=transport)

    @classmethod
    def from_settings(
        cls, settings: Settings, credentials: SigningCredentials | None = None
    ) -> DianWebService:
        """A client on `dian_ws_url` with `dian_ws_timeout_seconds` (WS-Security when
        `credentials` are given, normally `signing.credentials_from_settings`)."""
        return cls(
            settings.dian_ws_url,
            timeout=settings.dian_ws_timeout_seconds,
            credentials=credentials,
        )

    def close(self) -> None:
        """Release the HTTP connections."""
        self._client.close()

    def __enter__(self) -> DianWebService:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def send_bill_sync(self, file_name: str, zip_bytes: bytes, *, key: str = "") -> DianResult:
        """Send a ZIP with one signed document and wait for the validation."""
        envelope = send_bill_sync_envelope(self.url, file_name, zip_bytes)
        return self._call("SendBillSync", envelope, key)

    def get_status(self, track_id: str) -> DianResult:
        """The validation outcome of a document by its CUFE/CUDE."""
        return self._call("GetStatus", status_envelope("GetStatus", self.url, track_id), track_id)

    def get_status_zip(self, track_id: str) -> DianResult:
        """The outcome of an asynchronous ZIP by its trackId (first document)."""
        envelope = status_envelope("GetStatusZip", self.url, track_id)
        return self._call("GetStatusZip", envelope, track_id)

    def send_document(self, signed_xml: bytes, *, xml_name: str, key: str) -> DianResult:
        """Zip and send a signed document; a resend the DIAN already validated is
        answered with its stored outcome (so retries are safe)."""
        zip_name = "z" + xml_name[2:].removesuffix(".xml") + ".zip"
        result = self.send_bill_sync(zip_name, zip_document(xml_name, signed_xml), key=key)
        if is_already_processed(result):
            return self.get_status(key)
        return result

    def _call(self, operation: str, envelope: bytes, key: str) -> DianResult:
        if self._credentials is not None:
            envelope = sign_envelope(envelope, self._credentials)
        try:
            answer = self._client.post(
                self.url, content=envelope, headers={"Content-Type": content_type(operation)}
            )
        except httpx.TimeoutException:
            return Unavailable("La DIAN no respondió a tiempo.")
        except httpx.TransportError as exc:
            return Unavailable(f"No hubo conexión con la DIAN ({type(exc).__name__}).")
        try:
            responses = parse_response(answer.content)
        except SoapFault as exc:
            return Unavailable(f"La DIAN respondió con un error (HTTP {answer.status_code}): {exc}")
        if answer.status_code >= 400:
            return Unavailable(f"La DIAN respondió HTTP {answer.status_code}.")
        return classify(responses[0], key)
