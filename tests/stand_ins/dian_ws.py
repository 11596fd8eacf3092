"""A local stand-in for the DIAN's WcfDianCustomerServices on 127.0.0.1.

A real HTTP server (http.server in a thread, random port) speaking the same SOAP 1.2
envelopes. It unzips the ZIP it receives, parses the signed XML, and answers with that
document's CUFE/CUDE and an ApplicationResponse. A `DianControl` tells it how to behave:
accept, accept with observations, reject with reasons, answer slowly, fail with HTTP
500 (SOAP Fault), or be down (connection dropped) for N calls or a time window; with
`require_ws_security` it refuses envelopes whose WS-Security header does not verify.

    with DianStandIn() as dian:
        dian.control.reject("Regla: FAD06, Rechazo: NIT del emisor no válido")
        client = DianWebService(dian.url)
"""

from __future__ import annotations

import base64
import io
import threading
import time
import zipfile
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Literal

from lxml import etree

from tools.einvoice.dian_soap import (
    DianResponse,
    SoapFault,
    fault_envelope,
    request_operation,
    response_envelope,
)
from tools.einvoice.wssec import WsSecurityError, verify_envelope

Behaviour = Literal["accept", "observe", "reject"]
COLOMBIA = timezone(timedelta(hours=-5))


@dataclass(frozen=True)
class Received:
    """One document the stand-in received."""

    file_name: str
    xml_name: str
    number: str
    key: str
    xml: bytes


@dataclass
class DianControl:
    """What the stand-in does next; tests change it between calls (thread-safe)."""

    behaviour: Behaviour = "accept"
    reasons: tuple[str, ...] = ("Regla: FAD06, Rechazo: El NIT del emisor no es válido",)
    observations: tuple[str, ...] = (
        "Regla: FAJ43b, Notificación: Nombre informado no corresponde al registrado en el RUT",
    )
    delay_seconds: float = 0.0
    require_ws_security: bool = False
    fail_calls: int = 0
    down_calls: int = 0
    down_until: float | None = None
    calls: int = 0
    received: list[Received] = field(default_factory=list)
    outcomes: dict[str, DianResponse] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def accept(self) -> None:
        """Validate everything from now on."""
        self.behaviour = "accept"

    def accept_with_observations(self, *observations: str) -> None:
        """Validate with notifications."""
        self.behaviour = "observe"
        if observations:
            self.observations = observations

    def reject(self, *reasons: str) -> None:
        """Refuse documents with these rule texts."""
        self.behaviour = "reject"
        if reasons:
            self.reasons = reasons

    def slow(self, seconds: float) -> None:
        """Wait this long before answering each call."""
        self.delay_seconds = seconds

    def fail_next(self, calls: int) -> None:
        """Answer HTTP 500 with a SOAP Fault for the next `calls` calls."""
        self.fail_calls = calls

    def down_next(self, calls: int) -> None:
        """Drop the connection without answering for the next `calls` calls."""
        self.down_calls = calls

    def down_for(self, seconds: float) -> None:
        """Drop every connection during the next `seconds`."""
        self.down_until = time.monotonic() + seconds

    def _take(self) -> Literal["down", "fail", "serve"]:
        with self.lock:
            self.calls += 1
            if self.down_until is not None and time.monotonic() < self.down_until:
                return "down"
            if self.down_calls > 0:
                self.down_calls -= 1
                return "down"
            if self.fail_calls > 0:
                self.fail_calls -= 1
                return "fail"
            return "serve"


def application_response(
    key: str, number: str, *, valid: bool, notes: tuple[str, ...], environment: str = "2"
) -> bytes:
    """The DIAN's ApplicationResponse for a document (02 validated, 04 rejected)."""
    ns = "urn:oasis:names:specification:ubl:schema:xsd:ApplicationResponse-2"
    cbc = "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"
    cac = "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"
    root = etree.Element(f"{{{ns}}}ApplicationResponse", nsmap={None: ns, "cbc": cbc, "cac": cac})
    now = datetime.now(COLOMBIA)

    def add(
        parent: etree._Element, tag: str, text: str | None = None, **attrs: str
    ) -> etree._Element:
        prefix, local = tag.split(":")
        el = etree.SubElement(parent, f"{{{cbc if prefix == 'cbc' else cac}}}{local}")
        for name, value in attrs.items():
            el.set(name, value)
        if text is not None:
            el.text = text
        return el

    add(root, "cbc:UBLVersionID", "UBL 2.1")
    add(root, "cbc:CustomizationID", "1")
    add(root, "cbc:ProfileID", "DIAN 2.1")
    add(root, "cbc:ProfileExecutionID", environment)
    add(root, "cbc:ID", str(int(now.timestamp())))
    add(root, "cbc:UUID", key[::-1], schemeName="CUDE-SHA384")
    add(root, "cbc:IssueDate", now.date().isoformat())
    add(root, "cbc:IssueTime", now.strftime("%H:%M:%S-05:00"))
    sender = add(add(root, "cac:SenderParty"), "cac:PartyTaxScheme")
    add(
        sender,
        "cbc:RegistrationName",
        "Unidad Especial Dirección de Impuestos y Aduanas Nacionales",
    )
    add(sender, "cbc:CompanyID", "800197268", schemeID="4", schemeName="31")
    response = add(root, "cac:DocumentResponse")
    head = add(response, "cac:Response")
    add(head, "cbc:ResponseCode", "02" if valid else "04")
    add(
        head,
        "cbc:Description",
        "Documento validado por la DIAN" if valid else "Documento rechazado",
    )
    reference = add(response, "cac:DocumentReference")
    add(reference, "cbc:ID", number)
    add(reference, "cbc:UUID", key, schemeName="CUFE-SHA384")
    for index, note in enumerate(notes, start=1):
        line = add(response, "cac:LineResponse")
        add(add(line, "cac:LineReference"), "cbc:LineID", str(index))
        detail = add(line, "cac:Response")
        add(detail, "cbc:ResponseCode", note.split(",")[0].removeprefix("Regla: "))
        add(detail, "cbc:Description", note)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


def _local(root: etree._Element, name: str) -> str:
    return str(root.xpath(f"string(/*/*[local-name()='{name}'])")).strip()


class DianStandIn:
    """The server; `url` is where a `DianWebService` points."""

    def __init__(self, control: DianControl | None = None):
        self.control = control or DianControl()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler_class())
        self._server.daemon_threads = True
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}/WcfDianCustomerServices.svc"

    def start(self) -> DianStandIn:
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def __enter__(self) -> DianStandIn:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        stand_in = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: object) -> None:
                pass

            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
                control = stand_in.control
                decision = control._take()
                if decision == "down":
                    self.close_connection = True
                    return  # no status line: the client sees a dropped connection
                if control.delay_seconds:
                    time.sleep(control.delay_seconds)
                if decision == "fail":
                    self._send(500, fault_envelope("Error interno del servicio de validación"))
                    return
                if "application/soap+xml" not in self.headers.get("Content-Type", ""):
                    self._send(415, fault_envelope("Se esperaba SOAP 1.2"))
                    return
                if control.require_ws_security:
                    try:
                        verify_envelope(body)
                    except (WsSecurityError, ValueError, etree.XMLSyntaxError) as exc:
                        self._send(500, fault_envelope(f"Seguridad WS inválida: {exc}"))
                        return
                try:
                    operation, params = request_operation(body)
                    answer = stand_in._answer(operation, params)
                except (SoapFault, etree.XMLSyntaxError, ValueError) as exc:
                    self._send(500, fault_envelope(str(exc)))
                    return
                self._send(200, answer)

            def _send(self, status: int, payload: bytes) -> None:
                self.send_response(status)
                self.send_header("Content-Type", "application/soap+xml; charset=utf-8")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

        return Handler

    def _answer(self, operation: str, params: dict[str, str]) -> bytes:
        if operation == "SendBillSync":
            return response_envelope(operation, [self._validate(params)])
        if operation in ("GetStatus", "GetStatusZip"):
            track = params.get("trackId", "")
            with self.control.lock:
                known = self.control.outcomes.get(track)
            found = known or DianResponse(False, "66", "TrackId no encontrado", "", (), track, None)
            return response_envelope(operation, [found])
        raise ValueError(f"operación desconocida: {operation}")

    def _validate(self, params: dict[str, str]) -> DianResponse:
        archive = zipfile.ZipFile(io.BytesIO(base64.b64decode(params["contentFile"])))
        names = [n for n in archive.namelist() if n.lower().endswith(".xml")]
        if len(names) != 1:
            return DianResponse(
                False, "99", "Validación contiene errores en campos mandatorios.", "",
                ("Regla: ZB01, Rechazo: El ZIP debe contener un único XML",), "", None,
            )  # fmt: skip
        xml = archive.read(names[0])
        root = etree.fromstring(xml)
        key, number = _local(root, "UUID"), _local(root, "ID")
        control = self.control
        with control.lock:
            control.received.append(Received(params["fileName"], names[0], number, key, xml))
            previous = control.outcomes.get(key)
            behaviour = control.behaviour
        if previous is not None and previous.is_valid:
            return DianResponse(
                False, "99", "Validación contiene errores en campos mandatorios.", "",
                ("Regla: 90, Rechazo: Documento procesado anteriormente.",), key, None,
            )  # fmt: skip
        signed = root.xpath("boolean(//*[local-name()='Signature'])")
        if behaviour == "reject" or not signed:
            reasons = control.reasons if signed else ("Regla: ZE02, Rechazo: Documento sin firma",)
            outcome = DianResponse(
                False, "99", "Validación contiene errores en campos mandatorios.", "",
                reasons, key, application_response(key, number, valid=False, notes=reasons),
            )  # fmt: skip
        else:
            notes = control.observations if behaviour == "observe" else ()
            outcome = DianResponse(
                True, "00", "Procesado Correctamente.",
                f"La Factura electrónica {number}, ha sido autorizada.",
                notes, key, application_response(key, number, valid=True, notes=notes),
            )  # fmt: skip
        with control.lock:
            control.outcomes[key] = outcome
        return outcome
