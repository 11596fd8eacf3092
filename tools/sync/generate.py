"""A realistic year of DIAN data for one company: the portal listing plus the documents.

Mixed kinds (sales, purchases, support documents, credit/debit/adjustment notes), cash
and credit (30/45-day terms, some 90-day), withholdings, VAT at 19 %, 5 % and exempt
lines, valid NITs, one document the DIAN rejected and one document sent twice. The same
seed always gives the same year. `plan_year` is pure; `write_year` writes the files.
"""

from __future__ import annotations

import hashlib
import random
import zipfile
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

from stdnum.co import nit as co_nit

from tools.sync.ubl_writer import GenDoc, GenLine, GenParty, attached_xml

SALES_ITEMS = (
    "Tornillo drywall 6x1 caja x100",
    "Martillo carpintero 16 oz",
    "Cemento gris 50 kg",
    "Pintura vinilo blanco galón",
    "Tubería PVC 1/2 x 6 m",
    "Cable eléctrico 12 AWG rollo",
    "Llave inglesa 10 pulgadas",
    "Brocha 3 pulgadas",
    "Candado de seguridad 40 mm",
    "Silicona transparente 280 ml",
    "Taladro percutor 650 W",
    "Lija de agua 150",
)
PURCHASE_ITEMS = (
    ("Tornillería surtida bulto", 19),
    ("Cemento gris 50 kg x 40", 19),
    ("Pintura vinilo caneca 5 gal", 19),
    ("Arriendo local comercial", None),
    ("Servicio de energía", 19),
    ("Mantenimiento de estantería", 19),
    ("Honorarios contables", 19),
    ("Transporte de mercancía", None),
    ("Papelería y útiles de oficina", 19),
    ("Arroz para cafetería", 5),
)
SERVICES = ("Arriendo", "Mantenimiento", "Honorarios", "Transporte", "Servicio")
KIND_WEIGHTS = (
    ("sale", 40),
    ("purchase", 35),
    ("support", 8),
    ("sale_credit", 5),
    ("sale_debit", 3),
    ("purchase_credit", 4),
    ("purchase_debit", 2),
    ("adjustment", 3),
)
LISTING_HEADER = (
    "Tipo de documento",
    "CUFE/CUDE",
    "Folio",
    "Prefijo",
    "Divisa",
    "Forma de Pago",
    "Medio de Pago",
    "Fecha Emisión",
    "Fecha Recepción",
    "NIT Emisor",
    "Nombre Emisor",
    "NIT Receptor",
    "Nombre Receptor",
    "IVA",
    "ICA",
    "IC",
    "INC",
    "Timbre",
    "INC Bolsas",
    "IN Carbono",
    "IN Combustibles",
    "IC Datos",
    "ICL",
    "INPP",
    "IBUA",
    "ICUI",
    "Rete IVA",
    "Rete Renta",
    "Rete ICA",
    "Total",
    "Estado",
    "Grupo",
)
TYPE_NAMES = {
    ("Invoice", "01"): "Factura electrónica",
    ("Invoice", "05"): "Documento soporte con no obligados",
    ("CreditNote", "91"): "Nota de crédito electrónica",
    ("DebitNote", "92"): "Nota de débito electrónica",
    ("CreditNote", "95"): "Nota de ajuste al documento soporte",
}


def party(rnd: random.Random, name: str, *, person: bool = False) -> GenParty:
    """A party with a valid NIT (or a cédula for a natural person)."""
    base = str(
        rnd.randrange(10_000_000, 99_999_999) if person else rnd.randrange(800_000_000, 901_999_999)
    )
    return GenParty(
        nit=base,
        dv=co_nit.calc_check_digit(base),
        name=name,
        id_type="13" if person else "31",
        email=f"facturacion@{name.split()[0].lower()}.co",
    )


@dataclass(frozen=True)
class GeneratedYear:
    """What `write_year` wrote and what a test can expect from it."""

    listing: Path
    documents: Path  # a folder of monthly ZIPs
    count: int
    rejected: str
    duplicated: str


def _cufe(number: str, on: date, nit: str) -> str:
    return hashlib.sha384(f"{number}{on}{nit}".encode()).hexdigest()


def plan_year(company: GenParty, year: int, n: int, seed: int = 2024) -> list[GenDoc]:
    """`n` documents of `company` for `year` (pure; the same seed, the same year)."""
    rnd = random.Random(seed)
    customers = [party(rnd, f"CLIENTE {i:03d} S.A.S.") for i in range(max(3, n // 60))]
    suppliers = [party(rnd, f"PROVEEDOR {i:03d} LTDA") for i in range(max(3, n // 80))]
    people = [party(rnd, f"PERSONA NATURAL {i:03d}", person=True) for i in range(max(2, n // 300))]
    kinds, weights = zip(*KIND_WEIGHTS, strict=True)
    start = date(year, 1, 1)
    docs: list[GenDoc] = []
    sales: list[GenDoc] = []
    purchases: list[GenDoc] = []
    counters: dict[str, int] = {}
    for index in range(n):
        kind = rnd.choices(kinds, weights)[0]
        issued = start + timedelta(days=int(365 * index / max(n, 1)))
        cash = rnd.random() < 0.35
        term = 0 if cash else rnd.choices((30, 45, 90), (70, 15, 15))[0]
        due = issued + timedelta(days=term)
        form = "1" if cash else "2"
        if kind in ("sale_credit", "sale_debit") and not sales:
            kind = "sale"
        if kind in ("purchase_credit", "purchase_debit", "adjustment") and not purchases:
            kind = "purchase"
        if kind == "sale":
            customer = rnd.choice(customers)
            lines = _lines(rnd, sale=True, withhold=rnd.random() < 0.2)
            doc = _doc("Invoice", "01", "FE", counters, issued, due, form, company, customer, lines)
            sales.append(doc)
        elif kind == "purchase":
            supplier = rnd.choice(suppliers)
            lines = _lines(rnd, sale=False, withhold=True)
            prefix = f"F{supplier.nit[-2:]}"
            doc = _doc(
                "Invoice", "01", prefix, counters, issued, due, form, supplier, company, lines
            )
            purchases.append(doc)
        elif kind == "support":
            seller = rnd.choice(people)
            lines = (
                GenLine(
                    f"{rnd.choice(SERVICES)} persona natural",
                    Decimal(1),
                    Decimal(rnd.randrange(200, 3000) * 1000),
                    None,
                    (("06", Decimal(4)),),
                ),
            )
            doc = _doc("Invoice", "05", "DS", counters, issued, due, form, seller, company, lines)
            purchases.append(doc)
        else:
            base = rnd.choice(sales if kind.startswith("sale") else purchases)
            root, code = {
                "sale_credit": ("CreditNote", "91"),
                "sale_debit": ("DebitNote", "92"),
                "purchase_credit": ("CreditNote", "91"),
                "purchase_debit": ("DebitNote", "92"),
                "adjustment": ("CreditNote", "95"),
            }[kind]
            if kind == "adjustment" and base.type_code != "05":
                root, code = "CreditNote", "91"
            first = base.lines[0]
            line = GenLine(first.description, Decimal(1), money_part(first.total), first.vat_rate)
            prefix = {"91": "NC", "92": "ND", "95": "NA"}[code]
            if base.supplier != company:
                prefix = f"{prefix}{base.supplier.nit[-2:]}"
            doc = _doc(
                root,
                code,
                prefix,
                counters,
                issued,
                None,
                "2",
                base.supplier,
                base.customer,
                (line,),
                ref=(base.number, base.cufe, base.issue_date),
            )
        docs.append(doc)
    if len(docs) > 10:
        rejected = docs[7]
        docs[7] = GenDoc(**{**rejected.__dict__, "response_code": "04"})
    return docs


def money_part(total: Decimal) -> Decimal:
    """A partial return or adjustment: a third of a line, rounded to pesos."""
    return (total / 3).quantize(Decimal(1))


def _doc(
    root: str,
    code: str,
    prefix: str,
    counters: dict[str, int],
    issued: date,
    due: date | None,
    form: str,
    supplier: GenParty,
    customer: GenParty,
    lines: tuple[GenLine, ...],
    ref: tuple[str, str, date] | None = None,
) -> GenDoc:
    counters[prefix] = counters.get(prefix, 0) + 1
    number = f"{prefix}{counters[prefix]}"
    return GenDoc(
        root=root,
        type_code=code,
        number=number,
        prefix=prefix,
        cufe=_cufe(number, issued, supplier.nit),
        issue_date=issued,
        due_date=due if root == "Invoice" else None,
        payment_form=form,
        supplier=supplier,
        customer=customer,
        lines=lines,
        billing_ref=ref,
    )


def _lines(rnd: random.Random, *, sale: bool, withhold: bool) -> tuple[GenLine, ...]:
    out = []
    for _ in range(rnd.choice((1, 1, 2, 3))):
        vat: Decimal | None
        if sale:
            text, vat = rnd.choice(SALES_ITEMS), Decimal(19)
            price = Decimal(rnd.randrange(20, 900) * 1000)
        else:
            text, rate = rnd.choice(PURCHASE_ITEMS)
            vat = Decimal(rate) if rate is not None else None
            price = Decimal(rnd.randrange(20, 500) * 1000)
        qty = Decimal(rnd.choice((1, 1, 2, 5, 10)))
        held: tuple[tuple[str, Decimal], ...] = ()
        if withhold and qty * price >= 1_000_000:
            held = (("06", Decimal("2.5")),) + (
                (("07", Decimal("0.966")),) if rnd.random() < 0.3 else ()
            )
        out.append(GenLine(text, qty, price, vat, held))
    return tuple(out)


def listing_row(doc: GenDoc, company: GenParty) -> dict[str, object]:
    """The portal listing row of a document (support documents: the buyer is the issuer)."""
    support = doc.type_code in ("05", "95")
    issuer, receiver = (doc.customer, doc.supplier) if support else (doc.supplier, doc.customer)
    return {
        "Tipo de documento": TYPE_NAMES[(doc.root, doc.type_code)],
        "CUFE/CUDE": doc.cufe,
        "Folio": doc.number[len(doc.prefix) :],
        "Prefijo": doc.prefix,
        "Divisa": "COP",
        "Forma de Pago": "Contado" if doc.payment_form == "1" else "Crédito",
        "Medio de Pago": "Efectivo" if doc.payment_form == "1" else "Consignación bancaria",
        "Fecha Emisión": doc.issue_date.strftime("%d-%m-%Y"),
        "Fecha Recepción": doc.issue_date.strftime("%d-%m-%Y"),
        "NIT Emisor": issuer.nit,
        "Nombre Emisor": issuer.name,
        "NIT Receptor": receiver.nit,
        "Nombre Receptor": receiver.name,
        "IVA": float(doc.vat),
        "Rete IVA": float(doc.withholding("05")),
        "Rete Renta": float(doc.withholding("06")),
        "Rete ICA": float(doc.withholding("07")),
        "Total": float(doc.payable),
        "Estado": "Rechazado" if doc.response_code == "04" else "Aprobado",
        "Grupo": "Emitido" if issuer.nit == company.nit else "Recibido",
    }


def write_listing(path: Path, docs: list[GenDoc], company: GenParty) -> Path:
    """The portal's export: two title rows, the header on row 3, one row per document."""
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Documentos")
    sheet.append(["Listado de documentos electrónicos"])
    sheet.append([f"NIT {company.nit}-{company.dv} {company.name}"])
    sheet.append(list(LISTING_HEADER))
    for doc in docs:
        row = listing_row(doc, company)
        sheet.append([row.get(name) for name in LISTING_HEADER])
    workbook.save(path)
    return path


def write_year(
    folder: Path, company: GenParty, year: int, n: int, seed: int = 2024
) -> GeneratedYear:
    """Write `listado_<year>.xlsx` and the folder `documentos_<year>/` in `folder`.

    The documents go one ZIP per month (a ZIP holds at most 20,000 entries for the
    ingestion), plus `reenviados.zip` with a document sent twice.
    """
    folder.mkdir(parents=True, exist_ok=True)
    docs = plan_year(company, year, n, seed)
    listing = write_listing(folder / f"listado_{year}.xlsx", docs, company)
    documents = folder / f"documentos_{year}"
    documents.mkdir(exist_ok=True)
    for month in range(1, 13):
        of_month = [doc for doc in docs if doc.issue_date.month == month]
        if not of_month:
            continue
        path = documents / f"documentos_{year}_{month:02d}.zip"
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
            for doc in of_month:
                archive.writestr(f"ad{doc.supplier.nit}{doc.number}.xml", attached_xml(doc))
    duplicated = docs[min(3, len(docs) - 1)]
    with zipfile.ZipFile(documents / "reenviados.zip", "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            f"ad{duplicated.supplier.nit}{duplicated.number}.xml", attached_xml(duplicated)
        )
    rejected = docs[7].number if len(docs) > 10 else ""
    return GeneratedYear(listing, documents, len(docs), rejected, duplicated.number)
