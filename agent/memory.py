"""Conversation memory: the checkpointer per thread, history trimming, thread listing
and deletion (data-protection requests delete a thread with all its checkpoints).

Thread ids are `company:user:channel[:name]`; the prefix comes from the authenticated
principal, so one person's ids can never name another person's conversation.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from langgraph.checkpoint.base import BaseCheckpointSaver
from langgraph.checkpoint.postgres import PostgresSaver
from langgraph.checkpoint.sqlite import SqliteSaver

from cuadre.settings import Settings
from tools.context import Principal

# Messages kept per thread; older turns are dropped whole (a turn starts at a user message).
MAX_HISTORY = 40

Message = dict[str, Any]


def thread_prefix(principal: Principal) -> str:
    """`company:user:channel`, the namespace of every thread of this principal."""
    company = principal.company_id if principal.company_id is not None else "none"
    user = principal.user_id if principal.user_id is not None else "anon"
    return f"{company}:{user}:{principal.channel}"


def thread_key(principal: Principal, thread_id: str | None = None) -> str:
    """The full thread id for `principal`; a bare name becomes `company:user:channel:name`."""
    prefix = thread_prefix(principal)
    if not thread_id or thread_id == prefix:
        return prefix
    if thread_id.startswith(prefix + ":"):
        return thread_id
    return f"{prefix}:{thread_id}"


def trim_history(messages: list[Message], max_messages: int = MAX_HISTORY) -> list[Message]:
    """The last `max_messages` messages, cut at a user message so no tool message is orphaned."""
    if len(messages) <= max_messages:
        return messages
    cut = len(messages) - max_messages
    while cut < len(messages) and messages[cut].get("role") != "user":
        cut += 1
    if cut == len(messages):
        # One turn longer than the budget: keep it whole from its user message.
        cut = max(i for i, message in enumerate(messages) if message.get("role") == "user")
    return messages[cut:]


def sanitize_history(messages: list[Message]) -> list[Message]:
    """History a Chat Completions endpoint accepts: every tool call answered, every tool
    message answering a call (a crash between the two, or a write still waiting for
    consent, must not make the model endpoint refuse the whole conversation)."""
    answered = {m.get("tool_call_id") for m in messages if m.get("role") == "tool"}
    cleaned: list[Message] = []
    open_calls: set[str] = set()
    for message in messages:
        calls = message.get("tool_calls") or []
        if message.get("role") == "assistant" and calls:
            kept = [call for call in calls if call.get("id") in answered]
            open_calls |= {call["id"] for call in kept}
            if kept:
                cleaned.append({**message, "tool_calls": kept})
            elif message.get("content"):
                cleaned.append({"role": "assistant", "content": message["content"]})
        elif message.get("role") == "tool":
            if message.get("tool_call_id") in open_calls:
                cleaned.append(message)
        else:
            cleaned.append(message)
    return cleaned


def add_messages(left: list[Message] | None, right: list[Message] | None) -> list[Message]:
    """State reducer: append, then trim."""
    return trim_history([*(left or []), *(right or [])])


def postgres_conninfo(url: str) -> str:
    """A libpq URL from a SQLAlchemy one (`postgresql+psycopg://` -> `postgresql://`)."""
    scheme, _, rest = url.partition("://")
    return f"postgresql://{rest}" if scheme.startswith("postgres") else url


@contextmanager
def open_checkpointer(settings: Settings) -> Iterator[BaseCheckpointSaver[Any]]:
    """The thread store: PostgreSQL when the database is, else `<data_dir>/checkpoints.sqlite`."""
    if settings.uses_postgres:
        with PostgresSaver.from_conn_string(postgres_conninfo(settings.sqlalchemy_url)) as saver:
            saver.setup()
            yield saver
        return
    path = settings.ensure_data_dir() / "checkpoints.sqlite"
    # The saver serializes access with its own lock, so one connection may cross threads.
    conn = sqlite3.connect(path, check_same_thread=False, timeout=30)
    try:
        conn.execute("PRAGMA journal_mode=WAL")
        sqlite_saver = SqliteSaver(conn)
        sqlite_saver.setup()
        yield sqlite_saver
    finally:
        conn.close()


def list_threads(saver: BaseCheckpointSaver[Any], prefix: str) -> list[str]:
    """Thread ids that start with `prefix` (a principal's namespace), sorted."""
    pattern = prefix.replace("%", r"\%").replace("_", r"\_") + "%"
    sql = "SELECT DISTINCT thread_id FROM checkpoints WHERE thread_id LIKE {p} ESCAPE '\\'"
    if isinstance(saver, SqliteSaver):
        with saver.cursor(transaction=False) as cur:
            cur.execute(sql.format(p="?"), (pattern,))
            return sorted(row[0] for row in cur.fetchall())
    if isinstance(saver, PostgresSaver):
        with saver._cursor() as cur:
            cur.execute(sql.format(p="%s"), (pattern,))
            return sorted(row["thread_id"] for row in cur.fetchall())
    seen = {item.config["configurable"]["thread_id"] for item in saver.list(None)}
    return sorted(thread for thread in seen if thread.startswith(prefix))


def delete_thread(saver: BaseCheckpointSaver[Any], thread_id: str) -> None:
    """Forget a conversation: every checkpoint and pending write of the thread."""
    saver.delete_thread(thread_id)
