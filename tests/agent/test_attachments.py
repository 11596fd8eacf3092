"""An attached DIAN file reaches the file-reading tool as its `paths` argument."""

from __future__ import annotations

import shutil
from pathlib import Path

from sqlalchemy import create_engine

from agent.memory import open_checkpointer
from agent.planners import EmbeddedPlanner
from agent.turn import Agent
from cuadre.settings import Settings
from tools.context import Principal

SAMPLE = Path(__file__).parents[3] / "shared" / "samples" / "dian" / "invoice_signed_dian_v2.xml"
SAMPLES = (
    SAMPLE if SAMPLE.exists() else Path("/work/shared/samples/dian/invoice_signed_dian_v2.xml")
)


def test_an_attached_invoice_is_read_and_summarized(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path / "data")
    inbox = settings.ensure_data_dir() / "factura.xml"
    shutil.copy(SAMPLE, inbox)
    principal = Principal(company_id=None, channel="cli")
    with open_checkpointer(settings) as saver:
        agent = Agent(
            settings=settings,
            engine=create_engine("sqlite://"),
            checkpointer=saver,
            planner=EmbeddedPlanner(),
            tool_names=("inspect_dian_files",),
            search=None,
        )
        asked = agent.run_turn(principal, "t", "oye revisa esta factura q me llego porfa")
        assert asked.actions == [] and "Adjunta el archivo" in asked.reply
        result = agent.run_turn(principal, "t", "aquí está", attachments=(str(inbox),))
    (action,) = result.actions
    assert action["tool"] == "inspect_dian_files" and action["status"] == "ok"
    assert action["args"]["paths"] == [str(inbox)]
    assert "SETP990000002" in result.reply and "$ 14.024,07" in result.reply
