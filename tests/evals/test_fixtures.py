"""Company fixtures with set-ups (sync, e-invoicing, inbox, payroll), and the replay of
WRITE actions that name attached files."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from evals.companies import FIXTURES, FixtureFactory, read_fixture
from evals.ledger_hash import ledger_hash, snapshot
from evals.runner import replay_state
from evals.schema import ConversationTask
from evals.setups import SETUPS
from ledger.db import make_engine
from tools.context import Principal, ToolContext
from tools.registry import run_tool


@pytest.fixture(scope="module")
def factory() -> Iterator[FixtureFactory]:
    made = FixtureFactory()
    yield made
    made.close()


def test_every_fixture_names_known_setups() -> None:
    companies = [p for p in FIXTURES.glob("*.txt") if "# company:" in p.read_text("utf-8")]
    assert len(companies) >= 10
    for path in companies:
        fixture = read_fixture(path.stem)
        assert set(fixture.setups) <= set(SETUPS), path.name


def test_an_invoice_issued_twice_hashes_the_same(factory: FixtureFactory) -> None:
    # The CUFE depends on the issue time: two runs of the same request must still match.
    hashes = []
    for _ in range(2):
        copy = factory.fresh("espiga_fe")
        engine = make_engine(copy.url)
        ctx = ToolContext(
            principal=Principal(company_id=copy.company_id),
            engine=engine,
            settings=factory.settings(copy.folder),
        )
        args = {
            "customer_nit": "830048145",
            "customer_name": "Cafetería El Parque Ltda.",
            "lines": [{"description": "Pan", "quantity": "2", "unit_price": "4500"}],
        }
        assert run_tool(ctx, "issue_invoice", args).model_dump()["document"] == "FE1"
        hashes.append(ledger_hash(engine))
        engine.dispose()
    assert hashes[0] == hashes[1]


def test_a_replayed_write_finds_the_attached_file(factory: FixtureFactory) -> None:
    task = ConversationTask.model_validate(
        {
            "id": "archivo",
            "category": "bandeja",
            "company_fixture": "demo",
            "as_of": "2025-02-15",
            "turns": [{"content": "registra esta compra", "attachments": ["compra_andina.xml"]}],
            "expected_actions": [
                {"tool": "register_purchase", "args": {"invoice_file": "compra_andina.xml"}}
            ],
        }
    )
    copy = factory.fresh("demo")
    state = replay_state(task, copy, factory.settings(copy.folder))
    assert [row["status"] for row in state["inbox_entry"]] == ["registered"]
    assert len(state["journal_entry"]) == 2


def test_the_staged_sync_and_the_payroll_are_in_their_fixtures(factory: FixtureFactory) -> None:
    def state(name: str) -> dict[str, list[dict[str, object]]]:
        engine = make_engine(factory.fresh(name).url)
        try:
            return snapshot(engine)
        finally:
            engine.dispose()

    (job,) = state("demo_sincronizacion")["sync_job"]
    assert job["state"] == "staged" and job["batch_id"] is None
    assert [r["period_key"] for r in state("nomina")["payroll_run"]] == ["2025-01-1", "2025-01-2"]
    assert Path(factory.root).exists()
