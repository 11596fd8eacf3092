"""`cuadre demo`: the main job on the embedded defaults (no server, no key)."""

from __future__ import annotations

from rich.console import Console


def demo() -> None:
    """Create the demo company and print its trial balance."""
    Console().print("[bold]Cuadre[/bold]: demostración en construcción.")
