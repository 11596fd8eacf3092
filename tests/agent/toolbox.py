"""A tiny domain the agent tests run on: a company's petty-cash expenses in SQLite.

Real tools declared through the registry (READ and WRITE with a preview), on a real
database scoped by company, so the tests exercise the graph and not these tools.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from pydantic import BaseModel, Field
from sqlalchemy import Column, Date, Integer, MetaData, String, Table, func, insert, select

from ledger.money import format_cop, format_date, to_money
from tools.context import ToolContext
from tools.errors import ToolError
from tools.registry import Preview, PreviewLine, ToolKind, tool

metadata = MetaData()
expenses = Table(
    "test_expenses",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("company_id", Integer, nullable=False, index=True),
    Column("day", Date, nullable=False),
    Column("description", String, nullable=False),
    Column("cents", Integer, nullable=False),
    Column("nit", String),
    Column("number", String),
)
SUPPLIERS = {"900123456": "PAPELERÍA LA 14 SAS", "800197268": "DIAN"}

TOOL_NAMES = (
    "prueba_resumen_gastos",
    "prueba_buscar_factura",
    "prueba_proveedor",
    "prueba_registrar_gasto",
    "prueba_estado_conexion",
)


class PeriodInput(BaseModel):
    start: date = Field(description="Primer día del periodo.")
    end: date = Field(description="Último día del periodo.")


class ExpenseRow(BaseModel):
    fecha: str
    descripcion: str
    valor: str


class ExpenseSummary(BaseModel):
    summary: str
    company_id: int
    count: int
    total: str
    rows: list[ExpenseRow]


@tool(
    kind=ToolKind.READ,
    name="prueba_resumen_gastos",
    examples=(
        "cuánto gasté en marzo",
        "resumen de gastos del mes pasado",
        "muéstrame los gastos de caja menor",
        "qué gastos tuve este año",
    ),
)
def expense_summary(ctx: ToolContext, args: PeriodInput) -> ExpenseSummary:
    """Resumen de los gastos de caja menor de la empresa en un periodo (fechas inclusive)."""
    if args.end < args.start:
        raise ToolError("periodo_invertido", "El periodo termina antes de empezar.")
    with ctx.engine.connect() as conn:
        rows = conn.execute(
            select(expenses)
            .where(expenses.c.company_id == ctx.company_id)
            .where(expenses.c.day.between(args.start, args.end))
            .order_by(expenses.c.day)
        ).all()
    total = sum((Decimal(row.cents) / 100 for row in rows), Decimal(0))
    period = f"del {format_date(args.start)} al {format_date(args.end)}"
    return ExpenseSummary(
        summary=f"Gastos {period}: {len(rows)} por {format_cop(total)}.",
        company_id=ctx.company_id,
        count=len(rows),
        total=format_cop(total),
        rows=[
            ExpenseRow(
                fecha=format_date(r.day),
                descripcion=r.description,
                valor=format_cop(Decimal(r.cents) / 100),
            )
            for r in rows
        ],
    )


class NumberInput(BaseModel):
    number: str = Field(description="Número del documento, como FE-120.")


class Invoice(BaseModel):
    summary: str
    number: str
    total: str


@tool(
    kind=ToolKind.READ,
    name="prueba_buscar_factura",
    examples=("busca la factura FE-120", "muéstrame la factura de compra", "dónde está la factura"),
)
def find_invoice(ctx: ToolContext, args: NumberInput) -> Invoice:
    """Busca una factura de compra registrada por su número."""
    wanted = args.number.replace("-", "").upper()
    with ctx.engine.connect() as conn:
        row = conn.execute(
            select(expenses)
            .where(expenses.c.company_id == ctx.company_id)
            .where(func.upper(func.replace(expenses.c.number, "-", "")) == wanted)
        ).first()
    if row is None:
        raise ToolError(
            "factura_no_encontrada", f"No encontré la factura {args.number} en tus libros."
        )
    total = format_cop(Decimal(row.cents) / 100)
    return Invoice(
        summary=f"La factura {row.number} del {format_date(row.day)} es por {total}.",
        number=row.number,
        total=total,
    )


class NitInput(BaseModel):
    nit: str = Field(description="NIT del proveedor, sin dígito de verificación.")


class Supplier(BaseModel):
    summary: str
    name: str


@tool(
    kind=ToolKind.READ,
    name="prueba_proveedor",
    examples=(
        "quién es el proveedor con nit",
        "datos del proveedor",
        "a quién le corresponde este nit",
    ),
)
def supplier(ctx: ToolContext, args: NitInput) -> Supplier:
    """Nombre del proveedor con ese NIT."""
    name = SUPPLIERS.get(args.nit)
    if name is None:
        raise ToolError("proveedor_desconocido", f"No tengo un proveedor con NIT {args.nit}.")
    return Supplier(summary=f"El NIT {args.nit} es de {name}.", name=name)


class ExpenseInput(BaseModel):
    amount: Decimal = Field(gt=0, description="Valor del gasto en pesos.")
    description: str = Field(description="Concepto del gasto.")
    nit: str | None = Field(default=None, description="NIT del proveedor, si lo hay.")


class Registered(BaseModel):
    summary: str
    id: int


def _expense_preview(ctx: ToolContext, args: ExpenseInput) -> Preview:
    amount = format_cop(to_money(args.amount))
    return Preview(
        summary=f"Registrar un gasto de caja menor por {amount} ({args.description}).",
        lines=(
            PreviewLine(
                account="519530", account_name="Útiles, papelería y fotocopias", debit=amount
            ),
            PreviewLine(account="110510", account_name="Cajas menores", credit=amount),
        ),
        totals={"debitos": amount, "creditos": amount},
    )


@tool(
    kind=ToolKind.WRITE,
    name="prueba_registrar_gasto",
    preview=_expense_preview,
    examples=(
        "registra un gasto de 50.000 en papelería",
        "anota un gasto de caja menor",
        "compré útiles de oficina por 80 mil",
    ),
)
def register_expense(ctx: ToolContext, args: ExpenseInput) -> Registered:
    """Registra un gasto de caja menor (débito 519530, crédito 110510)."""
    with ctx.engine.begin() as conn:
        new_id = conn.execute(
            insert(expenses).values(
                company_id=ctx.company_id,
                day=date(2025, 4, 15),
                description=args.description,
                cents=int(to_money(args.amount) * 100),
                nit=args.nit,
            )
        ).inserted_primary_key[0]
    return Registered(
        summary=f"Registré el gasto por {format_cop(to_money(args.amount))}.", id=int(new_id)
    )


class NoInput(BaseModel):
    pass


class Status(BaseModel):
    summary: str


@tool(
    kind=ToolKind.READ,
    name="prueba_estado_conexion",
    examples=("cómo está la conexión con el banco", "revisa la conexión bancaria"),
)
def connection_status(ctx: ToolContext, args: NoInput) -> Status:
    """Estado de la conexión con el banco (en estas pruebas, un fallo inesperado)."""
    raise ConnectionResetError("socket closed by peer at 10.0.0.7:443")


def expense_count(engine: object, company_id: int) -> int:
    """Rows of one company (what a write test checks)."""
    with engine.connect() as conn:  # type: ignore[attr-defined]
        return int(
            conn.execute(
                select(func.count())
                .select_from(expenses)
                .where(expenses.c.company_id == company_id)
            ).scalar_one()
        )
