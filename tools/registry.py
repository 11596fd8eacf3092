"""The one place tools are declared.

A tool is a typed function `(ctx, args) -> output` with a Spanish docstring (what a
language model and a person read), a kind (`READ` or `WRITE`) and a few Spanish example
utterances. The agent, the API, the CLI and the evals all read this registry.

    @tool(kind=ToolKind.READ, examples=("muéstrame el balance de prueba",))
    def trial_balance(ctx: ToolContext, args: TrialBalanceInput) -> TrialBalanceOutput:
        \"\"\"Balance de prueba de la empresa para un periodo ...\"\"\"

A `WRITE` tool also declares `preview`, a function with the same arguments that returns
a `Preview` and writes nothing; a conversation shows it and waits for consent.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, get_type_hints

from pydantic import BaseModel, ConfigDict, ValidationError

from tools.context import ToolContext
from tools.errors import ToolError


class ToolKind(StrEnum):
    """READ tools only look; WRITE tools change the books and need consent."""

    READ = "read"
    WRITE = "write"


class PreviewLine(BaseModel):
    """One journal line as a person sees it before confirming."""

    model_config = ConfigDict(frozen=True)

    account: str
    account_name: str = ""
    debit: str = "0.00"
    credit: str = "0.00"
    description: str = ""


class Preview(BaseModel):
    """What a WRITE call will create or change, shown before anything is written."""

    model_config = ConfigDict(frozen=True)

    summary: str
    lines: tuple[PreviewLine, ...] = ()
    totals: dict[str, str] = {}
    details: dict[str, Any] = {}


Handler = Callable[[ToolContext, Any], BaseModel]
PreviewHandler = Callable[[ToolContext, Any], Preview]


@dataclass(frozen=True)
class ToolSpec:
    """A declared tool: everything the agent, the API and the evals need to know."""

    name: str
    description: str
    kind: ToolKind
    input_model: type[BaseModel]
    output_model: type[BaseModel]
    examples: tuple[str, ...]
    handler: Handler
    preview: PreviewHandler | None = None

    def parse_args(self, raw: dict[str, Any] | BaseModel | None) -> BaseModel:
        """Validate raw arguments; a bad value becomes a Spanish `ToolError`."""
        if isinstance(raw, self.input_model):
            return raw
        data = raw.model_dump() if isinstance(raw, BaseModel) else dict(raw or {})
        try:
            return self.input_model.model_validate(data)
        except ValidationError as exc:
            raise ToolError("argumentos_invalidos", _spanish_validation_message(exc)) from exc

    def json_schema(self) -> dict[str, Any]:
        """The OpenAI function-tool schema for this tool."""
        return {
            "type": "function",
            "function": {
                "name": self.name,
                "description": self.description,
                "parameters": self.input_model.model_json_schema(),
            },
        }


_REGISTRY: dict[str, ToolSpec] = {}


def tool(
    *,
    kind: ToolKind,
    examples: tuple[str, ...] | list[str],
    preview: PreviewHandler | None = None,
    name: str | None = None,
) -> Callable[[Handler], Handler]:
    """Register a tool; input and output models come from the function's annotations."""

    def register(func: Handler) -> Handler:
        hints = get_type_hints(func)
        params = list(inspect.signature(func).parameters)
        if len(params) != 2:
            raise TypeError(f"tool {func.__name__} must take (ctx, args)")
        input_model = hints[params[1]]
        output_model = hints["return"]
        doc = inspect.getdoc(func)
        if not doc:
            raise TypeError(f"tool {func.__name__} needs a Spanish docstring")
        if kind is ToolKind.WRITE and preview is None:
            raise TypeError(f"WRITE tool {func.__name__} needs a preview")
        if not examples:
            raise TypeError(f"tool {func.__name__} needs example utterances")
        spec = ToolSpec(
            name=name or func.__name__,
            description=doc,
            kind=kind,
            input_model=input_model,
            output_model=output_model,
            examples=tuple(examples),
            handler=func,
            preview=preview,
        )
        if spec.name in _REGISTRY and _REGISTRY[spec.name].handler is not func:
            raise ValueError(f"tool {spec.name} is declared twice")
        _REGISTRY[spec.name] = spec
        return func

    return register


def get_tool(name: str) -> ToolSpec:
    """The tool called `name`, or a `ToolError` a planner can react to."""
    _load_catalog()
    try:
        return _REGISTRY[name]
    except KeyError:
        raise ToolError("herramienta_desconocida", f"No conozco la herramienta «{name}».") from None


def all_tools() -> tuple[ToolSpec, ...]:
    """Every registered tool, in name order."""
    _load_catalog()
    return tuple(sorted(_REGISTRY.values(), key=lambda spec: spec.name))


def run_tool(ctx: ToolContext, name: str, raw_args: dict[str, Any] | BaseModel | None) -> BaseModel:
    """Validate the arguments and run the tool; user-fixable problems raise `ToolError`."""
    spec = get_tool(name)
    return spec.handler(ctx, spec.parse_args(raw_args))


def preview_tool(
    ctx: ToolContext, name: str, raw_args: dict[str, Any] | BaseModel | None
) -> Preview:
    """The preview of a WRITE call; nothing is written."""
    spec = get_tool(name)
    if spec.preview is None:
        raise ToolError("sin_vista_previa", f"La herramienta «{name}» no escribe nada.")
    return spec.preview(ctx, spec.parse_args(raw_args))


def _load_catalog() -> None:
    # Importing the catalogue registers every tool module exactly once.
    import tools.catalog  # noqa: F401


def _spanish_validation_message(exc: ValidationError) -> str:
    problems = []
    for err in exc.errors():
        field = ".".join(str(part) for part in err["loc"]) or "argumentos"
        kind = err["type"]
        limit = (err.get("ctx") or {}).get("ge", (err.get("ctx") or {}).get("le"))
        if kind == "missing":
            problems.append(f"falta «{field}»")
        elif kind in ("greater_than_equal", "less_than_equal") and limit is not None:
            side = "desde" if kind == "greater_than_equal" else "hasta"
            problems.append(f"«{field}» debe ser {side} {limit}")
        else:
            problems.append(f"«{field}» no es válido ({err['msg']})")
    return "Revisa los datos: " + "; ".join(problems) + "."
