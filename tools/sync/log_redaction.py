"""Keep DIAN access tokens out of logs.

httpx logs every request URL at INFO ("HTTP Request: GET https://…/AuthToken?…&token=…")
and httpcore logs response headers, the session cookie included, at DEBUG. The access
link's token (and the session it opens) is a secret, so records of those loggers are
rewritten with the values masked before any handler sees them.
"""

from __future__ import annotations

import logging
import re

SECRET = re.compile(r"((?:token|dian_session|pk|rk)=)[^&\s;'\"]+")
LOGGERS = ("httpx", "httpcore.http11", "httpcore.http2", "httpcore.connection")


def redact(text: str) -> str:
    """`text` with token-like query values and session cookies replaced by `***`."""
    return SECRET.sub(r"\1***", text)


class RedactSecrets(logging.Filter):
    """Rewrites a record's message with secrets masked (never drops the record)."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        cleaned = redact(message)
        if cleaned != message:
            record.msg, record.args = cleaned, None
        return True


_FILTER = RedactSecrets()


def install() -> None:
    """Attach the filter to the HTTP client loggers (idempotent)."""
    for name in LOGGERS:
        logger = logging.getLogger(name)
        if _FILTER not in logger.filters:
            logger.addFilter(_FILTER)
