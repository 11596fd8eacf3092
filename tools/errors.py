"""The error a person can fix: a stable code plus a Spanish message."""

from __future__ import annotations

from typing import Any


class ToolError(Exception):
    """Raised by a tool for anything the user can fix (bad input, missing data, refusal).

    `code` is stable and English-free of meaning for machines (snake_case Spanish is fine);
    `message_es` is what the person reads. Unexpected exceptions are bugs, not ToolErrors.
    """

    def __init__(self, code: str, message_es: str, *, details: dict[str, Any] | None = None):
        super().__init__(message_es)
        self.code = code
        self.message_es = message_es
        self.details = details or {}

    def as_dict(self) -> dict[str, Any]:
        """The JSON shape every channel shows: `{"code", "message"}`."""
        return {
            "code": self.code,
            "message": self.message_es,
            **({"details": self.details} if self.details else {}),
        }
