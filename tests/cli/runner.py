"""Invoking `cuadre` in-process the way a person would type it."""

from __future__ import annotations

from typer.testing import CliRunner

from cuadre.cli.main import app

runner = CliRunner()


def ok(*args: str) -> str:
    """The standard output of a command that must succeed (its output shown if it fails)."""
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.stdout
