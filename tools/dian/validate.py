"""Checks on a read document: each check is a pure `(doc) -> issues` function.

Issues are reported with a Spanish message and never "fixed": a wrong check digit,
totals that do not add up, a due date before the issue date, unknown codes, missing
mandatory fields. Totals tolerate 1 peso per line (0.01 per line in foreign currency),
the rounding real issuers produce.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from decimal import Decimal
from functools import lru_cache

from stdnum.co import nit as co_nit

from ledger.money import format_cop, format_date
from tools.dian.codes import is_known
from tools.dian.model import Container, DianDocument, DocumentIssue, DocumentKind, Party

Check = Callable[[DianDocument], Iterator[DocumentIssue]]
_HEX96 = re.compile(r"^[0-9a-fA-F]{96}$")
# A batch names the same few parties over and over: remember their check digits (bounded,
# so memory stays flat on any batch).
_check_digit = lru_cache(maxsize=4096)(co_nit.calc_check_digit)


def check_document(
    document: DianDocument, *, parse_issues: tuple[DocumentIssue, ...] = ()
) -> DianDocument:
    """`document` with its issues: those found while reading plus every check's."""
    found = list(parse_issues)
    for check in CHECKS:
        found.extend(check(document))
    return document.with_issues(tuple(found)) if found else document


def _roles(doc: DianDocument) -> tuple[str, str]:
    if doc.is_support_document:
        return "vendedor no obligado a facturar", "comprador que emite el documento soporte"
    return "emisor", "adquiriente"


def _money(doc: DianDocument, amount: Decimal) -> str:
    if doc.currency in (None, "COP"):
        return format_cop(amount)
    return f"{format_cop(amount).removeprefix('$ ')} {doc.currency}"


def check_parties(doc: DianDocument) -> Iterator[DocumentIssue]:
    """Identification present, known ID type, NIT check digit right, known responsibilities."""
    for party, role in zip((doc.issuer, doc.receiver), _roles(doc), strict=True):
        yield from _check_party(doc, party, role)


def _check_party(doc: DianDocument, party: Party, role: str) -> Iterator[DocumentIssue]:
    if not party.nit:
        yield DocumentIssue("campo_faltante", f"Falta la identificación del {role}.")
        return
    if party.id_type is not None and not is_known("id_types", party.id_type):
        yield DocumentIssue(
            "codigo_desconocido",
            f"El tipo de identificación «{party.id_type}» del {role} no está en la lista DIAN.",
        )
    if party.id_type in ("31", None) and doc.container is not Container.LISTING:
        if not party.nit.isdigit():
            yield DocumentIssue(
                "nit_invalido", f"El NIT «{party.nit}» del {role} tiene caracteres no numéricos."
            )
        elif party.dv is None:
            if party.id_type == "31":
                yield DocumentIssue(
                    "campo_faltante",
                    f"Falta el dígito de verificación del NIT {party.nit} del {role}.",
                )
        else:
            expected = _check_digit(party.nit)
            if party.dv != expected:
                yield DocumentIssue(
                    "nit_dv_invalido",
                    f"El NIT {party.nit}-{party.dv} del {role} tiene mal el dígito de "
                    f"verificación: para {party.nit} debe ser {expected}.",
                )
    for code in party.tax_responsibilities:
        if not is_known("tax_responsibilities", code):
            yield DocumentIssue(
                "codigo_desconocido",
                f"La responsabilidad tributaria «{code}» del {role} no está en la lista DIAN.",
            )


def check_totals(doc: DianDocument) -> Iterator[DocumentIssue]:
    """Lines vs LineExtension, LineExtension + taxes vs TaxInclusive, and PayableAmount."""
    unit = Decimal(1) if doc.currency in (None, "COP") else Decimal("0.01")
    tolerance = unit * max(1, len(doc.lines))
    totals = doc.totals
    if doc.lines and totals.line_extension is not None:
        lines_sum = sum((line.line_total for line in doc.lines), Decimal(0))
        if abs(lines_sum - totals.line_extension) > tolerance:
            yield DocumentIssue(
                "totales_no_cuadran",
                f"Las líneas suman {_money(doc, lines_sum)} pero el subtotal del documento "
                f"(LineExtensionAmount) es {_money(doc, totals.line_extension)}.",
            )
    expected_inclusive = None
    if totals.line_extension is not None:
        expected_inclusive = totals.line_extension + doc.tax_total
    if (
        totals.tax_inclusive is not None
        and expected_inclusive is not None
        and abs(expected_inclusive - totals.tax_inclusive) > tolerance
    ):
        yield DocumentIssue(
            "totales_no_cuadran",
            f"Subtotal {_money(doc, totals.line_extension or Decimal(0))} más impuestos "
            f"{_money(doc, doc.tax_total)} da {_money(doc, expected_inclusive)}, pero el "
            f"total con impuestos (TaxInclusiveAmount) es {_money(doc, totals.tax_inclusive)}.",
        )
    inclusive = totals.tax_inclusive if totals.tax_inclusive is not None else expected_inclusive
    if totals.payable is not None and inclusive is not None:
        expected = inclusive - totals.allowance + totals.charge - totals.prepaid + totals.rounding
        if abs(expected - totals.payable) > tolerance:
            yield DocumentIssue(
                "totales_no_cuadran",
                f"El total a pagar (PayableAmount) es {_money(doc, totals.payable)}, pero "
                f"total con impuestos menos descuentos más cargos menos anticipos da "
                f"{_money(doc, expected)}.",
            )
    if doc.line_count is not None and doc.line_count != len(doc.lines):
        yield DocumentIssue(
            "lineas_incompletas",
            f"El documento declara {doc.line_count} líneas (LineCountNumeric) pero trae "
            f"{len(doc.lines)}.",
        )


def check_dates(doc: DianDocument) -> Iterator[DocumentIssue]:
    """The due date cannot be before the issue date."""
    if doc.issue_date and doc.due_date and doc.due_date < doc.issue_date:
        yield DocumentIssue(
            "vencimiento_antes_de_emision",
            f"La fecha de vencimiento {format_date(doc.due_date)} es anterior a la fecha de "
            f"emisión {format_date(doc.issue_date)}.",
        )


def check_codes(doc: DianDocument) -> Iterator[DocumentIssue]:
    """Type, payment, tax-scheme and unit codes must be in the DIAN lists."""
    if (
        doc.type_code
        and doc.kind is not DocumentKind.EQUIVALENT
        and not is_known("document_types", doc.type_code)
    ):
        yield _unknown("tipo de documento", doc.type_code)
    if doc.payment_form and not is_known("payment_forms", doc.payment_form):
        yield _unknown("forma de pago", doc.payment_form)
    if doc.payment_means and not is_known("payment_means", doc.payment_means):
        yield _unknown("medio de pago", doc.payment_means)
    schemes = {tax.scheme for tax in (*doc.taxes, *doc.withholdings)}
    units = set()
    for line in doc.lines:  # plain loops: this runs for every line of every document
        for tax in line.taxes:
            schemes.add(tax.scheme)
        for tax in line.withholdings:
            schemes.add(tax.scheme)
        if line.unit_code:
            units.add(line.unit_code)
    for scheme in sorted(schemes):
        if scheme and not is_known("tax_schemes", scheme):
            yield _unknown("tributo", scheme)
    for unit in sorted(units):
        if not is_known("units", unit):
            yield _unknown("unidad de medida", unit)
    if doc.cufe and not _HEX96.match(doc.cufe):
        yield DocumentIssue(
            "cufe_formato",
            f"El {doc.cufe_scheme or 'CUFE'} tiene {len(doc.cufe)} caracteres; un CUFE/CUDE "
            "SHA-384 tiene 96 caracteres hexadecimales.",
        )


def _unknown(what: str, code: str) -> DocumentIssue:
    return DocumentIssue(
        "codigo_desconocido", f"El código de {what} «{code}» no está en la lista DIAN."
    )


def check_mandatory(doc: DianDocument) -> Iterator[DocumentIssue]:
    """Fields the DIAN requires; the listing export legitimately lacks most of them."""
    missing = []
    if not doc.number:
        missing.append("el número")
    if not doc.cufe:
        missing.append("el CUFE/CUDE")
    if doc.issue_date is None:
        missing.append("la fecha de emisión")
    if doc.totals.payable is None:
        missing.append("el total a pagar (PayableAmount)")
    if doc.container is not Container.LISTING:
        if doc.type_code is None and doc.kind is not DocumentKind.EQUIVALENT:
            missing.append("el tipo de documento")
        if not doc.currency:
            missing.append("la moneda")
        if not doc.lines:
            missing.append("las líneas")
        if doc.totals.line_extension is None:
            missing.append("el subtotal (LineExtensionAmount)")
        if doc.totals.tax_inclusive is None:
            missing.append("el total con impuestos (TaxInclusiveAmount)")
        if doc.payment_form is None:
            missing.append("la forma de pago (PaymentMeans)")
        elif doc.payment_form == "2" and doc.due_date is None:
            missing.append("la fecha de vencimiento de un pago a crédito")
        if doc.currency not in (None, "COP") and doc.exchange_rate is None:
            missing.append(f"la tasa de cambio ({doc.currency} a COP)")
    for field in missing:
        yield DocumentIssue("campo_faltante", f"Falta {field}.")


CHECKS: tuple[Check, ...] = (check_parties, check_totals, check_dates, check_codes, check_mandatory)
