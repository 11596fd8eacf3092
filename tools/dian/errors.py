"""The one error type of DIAN ingestion: a stable code and a Spanish reason.

Parsers raise it; the stream turns it into an `IngestFailure` so a bad file never stops
a batch. It is a `ToolError`, so a tool can let it through to the person unchanged.
"""

from __future__ import annotations

from tools.errors import ToolError


class DianInputError(ToolError):
    """A file, archive member or row that cannot be read as a DIAN document."""
