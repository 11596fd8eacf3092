"""UBL / DIAN namespace URIs and a helper that turns `cac:Party/cbc:Name` into Clark paths.

Elements are matched by namespace URI, never by the prefix a file happens to use
(`cbc:`, `n0:`, a default namespace...). Paths are converted once, at import time.
"""

from __future__ import annotations

CAC = "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"
CBC = "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"
EXT = "urn:oasis:names:specification:ubl:schema:xsd:CommonExtensionComponents-2"
DS = "http://www.w3.org/2000/09/xmldsig#"
# Two generations of the DIAN extension namespace occur in real files.
STS = (
    "dian:gov:co:facturaelectronica:Structures-2-1",
    "http://www.dian.gov.co/contratos/facturaelectronica/v1/Structures",
)

_ROOT = "urn:oasis:names:specification:ubl:schema:xsd:"
INVOICE = _ROOT + "Invoice-2"
CREDIT_NOTE = _ROOT + "CreditNote-2"
DEBIT_NOTE = _ROOT + "DebitNote-2"
ATTACHED_DOCUMENT = _ROOT + "AttachedDocument-2"
APPLICATION_RESPONSE = _ROOT + "ApplicationResponse-2"

_PREFIXES = {"cac": CAC, "cbc": CBC, "ext": EXT, "ds": DS}


def q(path: str, sts: str = STS[0]) -> str:
    """`cac:Party/cbc:Name` -> `{urn..CAC}Party/{urn..CBC}Name` (an lxml find path)."""
    parts = []
    for step in path.split("/"):
        if ":" in step:
            prefix, local = step.split(":", 1)
            uri = sts if prefix == "sts" else _PREFIXES[prefix]
            parts.append(f"{{{uri}}}{local}")
        else:
            parts.append(step)
    return "/".join(parts)
