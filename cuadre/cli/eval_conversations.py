"""`cuadre eval conversations FILE.jsonl`: scripted threads through the agent on the demo books."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from cuadre.cli.eval import eval_app
from cuadre.settings import Settings
from evals.conversations import load_conversations, problems


@eval_app.command("conversations")
def eval_conversations(
    file: Annotated[Path, typer.Argument(help="JSONL con id, today y turns.")],
    show_misses: Annotated[bool, typer.Option("--fallos", help="Muestra lo que falló.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Salida en JSON.")] = False,
) -> None:
    """Corre cada conversación en una carpeta temporal con la empresa de demostración."""
    from agent.memory import open_checkpointer
    from agent.turn import Agent
    from cuadre.cli.demo import DEMO_CIIU, DEMO_NAME, DEMO_NIT, post_demo_books
    from ledger.companies import create_company
    from ledger.db import admin_session, company_session, init_db, make_engine
    from tools.context import Principal

    if not file.exists():
        raise typer.BadParameter(f"No encuentro «{file}».")
    conversations = load_conversations(file)
    console = Console()
    turns = passed_turns = passed_threads = 0
    with tempfile.TemporaryDirectory() as folder:
        settings = Settings(data_dir=Path(folder), database_url=None)
        engine = make_engine(settings.sqlalchemy_url)
        init_db(engine)
        with admin_session(engine) as session:
            company = create_company(session, nit=DEMO_NIT, name=DEMO_NAME, ciiu_codes=DEMO_CIIU)
        assert company.id is not None
        with company_session(engine, company.id) as session:
            post_demo_books(session)
            session.commit()
        principal = Principal(company_id=company.id, user_id=1, channel="eval")
        with open_checkpointer(settings) as saver:
            for conversation in conversations:
                agent = Agent(
                    settings=settings,
                    engine=engine,
                    checkpointer=saver,
                    today=lambda day=conversation.today: day,  # type: ignore[misc]
                )
                clean = True
                for number, turn in enumerate(conversation.turns, start=1):
                    result = agent.run_turn(principal, conversation.id, turn["user"])
                    wrong = problems(turn.get("expect", {}), result.model_dump())
                    turns += 1
                    passed_turns += not wrong
                    clean = clean and not wrong
                    if wrong and show_misses:
                        console.print(f"[red]{conversation.id} #{number}[/red] {turn['user']}")
                        for problem in wrong:
                            console.print(f"   · {problem}")
                passed_threads += clean
    figures = {
        "conversations": len(conversations),
        "turns": turns,
        "turn_accuracy": round(passed_turns / max(1, turns), 4),
        "conversation_accuracy": round(passed_threads / max(1, len(conversations)), 4),
    }
    if as_json:
        print(json.dumps(figures))
    else:
        console.print(
            f"Conversaciones: {passed_threads}/{len(conversations)} completas · "
            f"turnos: {passed_turns}/{turns} ({figures['turn_accuracy']:.1%})"
        )
