"""One error shape for every route: `{"error": {"code", "message"}}`, message in Spanish.

`HTTPException` lives only in this layer; tools raise `ToolError`, the ledger raises
`LedgerError`, and the handlers below turn both into the same JSON.
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, HTTPException, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from ledger.errors import LedgerError
from tools.errors import ToolError

log = logging.getLogger(__name__)

DEFAULT_MESSAGES = {
    400: ("solicitud_invalida", "La solicitud no es válida."),
    401: ("no_autenticado", "Inicia sesión o envía un token válido."),
    403: ("prohibido", "No tienes permiso para esta operación."),
    404: ("no_encontrado", "No encontramos lo que buscas."),
    405: ("metodo_no_permitido", "Ese método no está permitido en esta ruta."),
    409: ("conflicto", "La operación choca con datos existentes."),
    413: ("archivo_muy_grande", "El contenido supera el tamaño máximo permitido."),
    415: ("tipo_no_soportado", "Ese tipo de contenido no está soportado."),
    422: ("datos_invalidos", "Los datos enviados no son válidos."),
    429: ("demasiadas_solicitudes", "Demasiadas solicitudes; intenta de nuevo en un momento."),
    504: ("tiempo_agotado", "La solicitud tardó demasiado; intenta de nuevo."),
}
NOT_FOUND_CODES = frozenset({"no_encontrado", "cuenta_no_existe", "documento_no_existe"})


class ApiError(HTTPException):
    """An HTTP error with a stable code and a Spanish message."""

    def __init__(self, status_code: int, code: str, message: str) -> None:
        super().__init__(status_code=status_code, detail=message)
        self.code = code
        self.message = message


def not_found(what: str = "El recurso") -> ApiError:
    """404 worded for people; foreign companies' rows get exactly this too."""
    return ApiError(404, "no_encontrado", f"{what} no existe o no pertenece a tu empresa.")


def error_body(code: str, message: str, details: Any = None) -> dict[str, Any]:
    """The JSON every error response carries."""
    body: dict[str, Any] = {"code": code, "message": message}
    if details:
        body["details"] = details
    return {"error": body}


def _http_error(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    if isinstance(exc, ApiError):
        code, message = exc.code, exc.message
    else:
        code, message = DEFAULT_MESSAGES.get(exc.status_code, ("error", str(exc.detail)))
    return JSONResponse(error_body(code, message), status_code=exc.status_code, headers=exc.headers)


def _validation_error(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    problems = []
    for error in exc.errors()[:5]:
        where = ".".join(str(part) for part in error.get("loc", ()) if part != "body")
        problems.append(f"{where or 'cuerpo'}: {_spanish(error.get('type', ''))}")
    message = "Revisa los datos enviados: " + "; ".join(problems) + "."
    return JSONResponse(error_body("datos_invalidos", message), status_code=422)


def _spanish(kind: str) -> str:
    table = {
        "missing": "falta este campo",
        "int_parsing": "debe ser un número entero",
        "decimal_parsing": "debe ser un número",
        "date_from_datetime_parsing": "debe ser una fecha AAAA-MM-DD",
        "date_parsing": "debe ser una fecha AAAA-MM-DD",
        "bool_parsing": "debe ser verdadero o falso",
        "string_too_short": "es demasiado corto",
        "string_too_long": "es demasiado largo",
        "literal_error": "no es uno de los valores permitidos",
        "enum": "no es uno de los valores permitidos",
        "greater_than_equal": "es demasiado pequeño",
        "less_than_equal": "es demasiado grande",
        "json_invalid": "no es JSON válido",
        "model_attributes_type": "debe ser un objeto JSON",
        "too_short": "tiene muy pocos elementos",
    }
    return table.get(kind, "valor no válido")


def tool_error_status(exc: ToolError | LedgerError) -> int:
    """404 for what does not exist, 400 for the rest a person can fix."""
    return 404 if exc.code in NOT_FOUND_CODES else 400


def _tool_error(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, ToolError)
    return JSONResponse(
        error_body(exc.code, exc.message_es, exc.details or None),
        status_code=tool_error_status(exc),
    )


def _ledger_error(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, LedgerError)
    return JSONResponse(error_body(exc.code, exc.message_es), status_code=tool_error_status(exc))


def _unexpected(_request: Request, exc: Exception) -> JSONResponse:
    log.exception("unexpected error", exc_info=exc)
    return JSONResponse(
        error_body("error_interno", "Ocurrió un error inesperado; ya quedó registrado."),
        status_code=500,
    )


def install_error_handlers(app: FastAPI) -> None:
    """Register the handlers that give every error the same shape."""
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(ToolError, _tool_error)
    app.add_exception_handler(LedgerError, _ledger_error)
    app.add_exception_handler(Exception, _unexpected)
