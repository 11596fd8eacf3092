"""The `suggest_accounts` tool: item and account suggestions for one purchase line."""

from __future__ import annotations

from decimal import Decimal

from pydantic import BaseModel, ConfigDict, Field

from tools.amounts import Amount
from tools.context import ToolContext
from tools.errors import ToolError
from tools.registry import ToolKind, tool
from tools.suggest.company import profile_from_ledger
from tools.suggest.engine import suggest
from tools.suggest.taxes import tax_treatment
from tools.suggest.types import CompanyProfile, PurchaseLine, Suggestion


class SuggestAccountsInput(BaseModel):
    """A purchase line and, when the company is not in the books, its activity."""

    model_config = ConfigDict(frozen=True)

    description: str = Field(min_length=1, description="Texto de la línea de la factura.")
    supplier_name: str = Field(default="", description="Nombre o razón social del proveedor.")
    supplier_nit: str = Field(default="", description="NIT del proveedor, p. ej. 900123456-7.")
    supplier_ciiu: str = Field(default="", description="Actividad CIIU del proveedor, si se sabe.")
    item_code: str = Field(default="", description="Código del producto en la factura.")
    amount: Amount | None = Field(default=None, description="Valor antes de impuestos.")
    vat: Amount = Field(default=Decimal("0"), description="IVA de la línea.")
    inc: Amount = Field(default=Decimal("0"), description="Impuesto al consumo de la línea.")
    company_ciiu: str = Field(
        default="", description="Actividad CIIU de la empresa (si no está en los libros)."
    )
    vat_responsible: bool | None = Field(
        default=None, description="Si la empresa es responsable de IVA (por defecto: sí)."
    )
    limit: int = Field(default=3, ge=1, le=10)


class SuggestionOut(BaseModel):
    """One suggestion as a person and a planner read it."""

    model_config = ConfigDict(frozen=True)

    item: str
    item_code: str
    account_code: str
    account_name: str
    confidence: float
    confident: bool
    reason: str
    signal: str
    create_item: bool
    proposed_item_name: str

    @classmethod
    def of(cls, suggestion: Suggestion) -> SuggestionOut:
        """The output form of a core `Suggestion`."""
        return cls(
            item=suggestion.item,
            item_code=suggestion.item_code,
            account_code=suggestion.account_code,
            account_name=suggestion.account_name,
            confidence=suggestion.confidence,
            confident=suggestion.confident,
            reason=suggestion.reason_es,
            signal=suggestion.signal.value,
            create_item=suggestion.create_item,
            proposed_item_name=suggestion.proposed_item_name,
        )


class SuggestAccountsOutput(BaseModel):
    """Ranked suggestions, best first, and where the line's taxes would go."""

    model_config = ConfigDict(frozen=True)

    company_ciiu: tuple[str, ...]
    suggestions: tuple[SuggestionOut, ...]
    taxes: str
    summary: str = Field(default="", description="La sugerencia en una frase, con su cuenta.")


@tool(
    kind=ToolKind.READ,
    examples=(
        "¿a qué cuenta va 'CANON ARRENDAMIENTO LOCAL MARZO'?",
        "sugiere ítem y cuenta para 'RESMA PAPEL CARTA 75G' de Papelería Panamericana",
        "¿cómo registro esta compra de ACPM para el camión?",
    ),
)
def suggest_accounts(ctx: ToolContext, args: SuggestAccountsInput) -> SuggestAccountsOutput:
    """Sugiere el ítem y la cuenta contable (PUC) para una línea de una factura de compra.

    Usa, en este orden: el historial de la empresa con ese proveedor (incluidas sus
    correcciones), el catálogo de ítems, y la actividad económica (CIIU) de la empresa y
    del proveedor con palabras clave. Devuelve sugerencias ordenadas, cada una con su
    confianza (0 a 1), si es suficiente para registrar sin revisión (`confident`), y la
    razón en palabras ("igual que la factura FE-120 de este proveedor", "por la actividad
    económica 4711 y la palabra 'arriendo'"). No registra nada.

    Args:
        description: el texto de la línea, p. ej. "ARROZ DIANA X 500G PACA X 25 UND".
        supplier_name / supplier_nit: el proveedor, p. ej. "Papelería Panamericana", "900123456-7".
        amount: valor antes de impuestos, p. ej. "4890000" (decide si un equipo es activo fijo).
        company_ciiu: solo si la empresa no está en los libros, p. ej. "4711".
    """
    profile = _profile(ctx, args)
    line = PurchaseLine(
        description=args.description,
        supplier_nit=args.supplier_nit,
        supplier_name=args.supplier_name,
        supplier_ciiu=args.supplier_ciiu,
        item_code=args.item_code,
        amount=args.amount,
    )
    ranked = suggest(line, profile, limit=args.limit)
    taxes = "sin impuestos"
    if args.amount is not None:
        taxes = tax_treatment(
            account_code=ranked[0].account_code,
            base=args.amount,
            vat=args.vat,
            inc=args.inc,
            vat_responsible=profile.vat_responsible,
        ).reason_es
    suggestions = tuple(SuggestionOut.of(s) for s in ranked)
    return SuggestAccountsOutput(
        company_ciiu=profile.ciiu_codes,
        suggestions=suggestions,
        taxes=taxes,
        summary=summary_es(args.description, suggestions, taxes if args.amount else ""),
    )


def summary_es(description: str, suggestions: tuple[SuggestionOut, ...], taxes: str) -> str:
    """The answer in words: the account (code and name), how sure and why, the others."""
    if not suggestions:
        return f"No tengo una cuenta para sugerir para «{description}»."
    best, *others = suggestions
    sure = "" if best.confident else ", revísala antes de registrar"
    text = (
        f"Para «{description}» sugiero la cuenta {best.account_code} {best.account_name} "
        f"(confianza {best.confidence:.0%}{sure}): {best.reason}."
    )
    if others:
        listed = "; ".join(
            f"{s.account_code} {s.account_name} ({s.confidence:.0%})" for s in others
        )
        text += f" Otras opciones: {listed}."
    if taxes:
        text += f" Impuestos: {taxes}."
    return text


def _profile(ctx: ToolContext, args: SuggestAccountsInput) -> CompanyProfile:
    if args.company_ciiu:
        codes = tuple(code.strip() for code in args.company_ciiu.split(",") if code.strip())
        vat = True if args.vat_responsible is None else args.vat_responsible
        return CompanyProfile(ciiu_codes=codes, vat_responsible=vat)
    profile = profile_from_ledger(ctx)
    if profile is None:
        raise ToolError(
            "sin_actividad",
            "Necesito la actividad económica (CIIU) de la empresa para sugerir cuentas; "
            "indícala, por ejemplo 4711.",
        )
    if args.vat_responsible is not None:
        return CompanyProfile(profile.ciiu_codes, args.vat_responsible)
    return profile
