"""Agent fixtures: a company's books on SQLite, an agent on a SQLite checkpointer, a fixed today."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, insert

from agent.memory import open_checkpointer
from agent.planners import EmbeddedPlanner
from agent.turn import Agent
from cuadre.settings import Settings
from tests.agent import help_fixture, toolbox
from tools.context import Principal

TODAY = date(2025, 4, 15)
ANA = Principal(company_id=1, user_id=7, user_name="Ana", channel="cli")
OTHER_COMPANY = Principal(company_id=2, user_id=9, user_name="Beto", channel="cli")


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(
        data_dir=tmp_path / "data", environment="test", openai_api_key=None, openai_base_url=None
    )


@pytest.fixture
def books(tmp_path: Path) -> Engine:
    engine = create_engine(f"sqlite:///{tmp_path / 'books.db'}")
    toolbox.metadata.create_all(engine)
    with engine.begin() as conn:
        conn.execute(
            insert(toolbox.expenses),
            [
                {
                    "company_id": 1,
                    "day": date(2025, 3, 3),
                    "description": "Resma de papel",
                    "cents": 2_500_000,
                    "number": "FE-120",
                    "nit": "900123456",
                },
                {
                    "company_id": 1,
                    "day": date(2025, 3, 20),
                    "description": "Taxi a la DIAN",
                    "cents": 1_800_000,
                    "number": None,
                    "nit": None,
                },
                {
                    "company_id": 2,
                    "day": date(2025, 3, 5),
                    "description": "Gasto de otra empresa",
                    "cents": 99_900_000,
                    "number": "FE-999",
                    "nit": None,
                },
            ],
        )
    return engine


def make_agent(settings: Settings, books: Engine, saver: object, planner: object = None) -> Agent:
    return Agent(
        settings=settings,
        engine=books,
        checkpointer=saver,  # type: ignore[arg-type]
        planner=planner or EmbeddedPlanner(),
        tool_names=toolbox.TOOL_NAMES,
        search=help_fixture.search,
        today=lambda: TODAY,
    )


@pytest.fixture
def agent(settings: Settings, books: Engine) -> Iterator[Agent]:
    with open_checkpointer(settings) as saver:
        yield make_agent(settings, books, saver)
