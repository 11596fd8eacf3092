"""`cuadre`: the command line entry point. Each command group lives in its own module."""

from __future__ import annotations

import typer

app = typer.Typer(
    name="cuadre",
    help="Cuadre: asistente contable conversacional para empresas colombianas.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def _register() -> None:
    # Command groups are imported here so `cuadre --help` lists every command.
    from cuadre.cli import (  # noqa: F401 (eval_* modules add commands to eval_app)
        chat,
        demo,
        eval_conversations,
        eval_questions,
        eval_retrieval,
        eval_run,
        eval_suggestions,
        knowledge,
        suggest,
    )
    from cuadre.cli.accounts import accounts_app
    from cuadre.cli.companies import companies_app
    from cuadre.cli.dian import dian_app
    from cuadre.cli.eval import eval_app
    from cuadre.cli.files import files_app
    from cuadre.cli.inbox import agent_app, inbox_app
    from cuadre.cli.invoices import invoices_app
    from cuadre.cli.ledger import ledger_app
    from cuadre.cli.payroll import payroll_app
    from cuadre.cli.reconcile import reconcile_command
    from cuadre.cli.serve import serve
    from cuadre.cli.slack import slack_app
    from cuadre.cli.sync import sync_app, worker
    from cuadre.cli.tokens import tokens_app
    from cuadre.cli.users import users_app
    from cuadre.cli.whatsapp import whatsapp_app

    app.add_typer(eval_app, name="eval")
    app.add_typer(companies_app, name="companies")
    app.add_typer(accounts_app, name="accounts")
    app.add_typer(ledger_app, name="ledger")
    app.add_typer(dian_app, name="dian")
    app.add_typer(knowledge.knowledge_app, name="knowledge")
    app.command(name="chat", help="Conversa con Cuadre en la consola.")(chat.chat)
    app.command(name="ask", help="Un turno de conversación con Cuadre.")(chat.ask)
    app.add_typer(invoices_app, name="invoices")
    app.add_typer(tokens_app, name="tokens")
    app.add_typer(payroll_app, name="payroll")
    app.add_typer(users_app, name="users")
    app.add_typer(whatsapp_app, name="whatsapp")
    app.add_typer(slack_app, name="slack")
    app.command(name="serve", help="Sirve la API, el chat y el panel web.")(serve)
    app.add_typer(sync_app, name="sync")
    app.add_typer(inbox_app, name="inbox")
    app.add_typer(files_app, name="files")
    app.add_typer(agent_app, name="expense-agent")
    app.command(name="worker", help="Procesa las tareas en segundo plano.")(worker)
    app.command(name="reconcile", help="Conciliador fiscal: la DIAN contra tus libros.")(
        reconcile_command
    )
    app.command(name="demo", help="Prepara la empresa de demostración y muestra su balance.")(
        demo.demo
    )
    app.command(name="suggest", help="Sugiere ítem y cuenta para una línea de compra.")(
        suggest.suggest_command
    )


_register()

if __name__ == "__main__":
    app()
