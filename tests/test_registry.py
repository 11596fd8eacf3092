"""The registry refuses tools that a planner could not use safely."""

from __future__ import annotations

import pytest
from pydantic import BaseModel

from tools.context import Principal, ToolContext
from tools.errors import ToolError
from tools.registry import Preview, ToolKind, tool


class EchoIn(BaseModel):
    text: str


class EchoOut(BaseModel):
    text: str


def test_write_tool_without_preview_is_refused() -> None:
    with pytest.raises(TypeError, match="preview"):

        @tool(kind=ToolKind.WRITE, examples=("escribe",), name="test_write_no_preview")
        def write_it(ctx: ToolContext, args: EchoIn) -> EchoOut:
            """Escribe algo."""
            return EchoOut(text=args.text)


def test_tool_without_docstring_is_refused() -> None:
    with pytest.raises(TypeError, match="docstring"):

        @tool(kind=ToolKind.READ, examples=("lee",), name="test_no_doc")
        def read_it(ctx: ToolContext, args: EchoIn) -> EchoOut:
            return EchoOut(text=args.text)


def test_bad_arguments_become_a_spanish_tool_error() -> None:
    def preview(ctx: ToolContext, args: EchoIn) -> Preview:
        return Preview(summary=f"Se escribirá {args.text}")

    @tool(kind=ToolKind.WRITE, examples=("escribe hola",), preview=preview, name="test_echo")
    def echo(ctx: ToolContext, args: EchoIn) -> EchoOut:
        """Repite el texto."""
        return EchoOut(text=args.text)

    from tools.registry import get_tool

    spec = get_tool("test_echo")
    with pytest.raises(ToolError) as caught:
        spec.parse_args({})
    assert caught.value.code == "argumentos_invalidos"
    assert "falta «text»" in caught.value.message_es
    assert spec.json_schema()["function"]["parameters"]["required"] == ["text"]


def test_context_without_company_explains_in_spanish() -> None:
    from sqlalchemy import create_engine

    ctx = ToolContext(principal=Principal(company_id=None), engine=create_engine("sqlite://"))
    with pytest.raises(ToolError) as caught:
        _ = ctx.company_id
    assert caught.value.code == "sin_empresa"
