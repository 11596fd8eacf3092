"""Files a sync could not read, grouped by reason: what the progress bar lists under it.

A failure's Spanish message often ends with a detail in parentheses (the XML parser's
own words, an errno) that differs from file to file although the reason is the same:
"El archivo no es XML válido (…)." The group's text leaves that detail out; the full
message of the first failures stays in the job's `failures`, one line per file.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel, ConfigDict

MAX_GROUPS = 20  # reasons kept; failures of further reasons only add to the total
FILES_PER_GROUP = 5  # file names kept per reason, in reading order


class UnreadableReason(BaseModel):
    """One reason files could not be read, how many and the first of them by name."""

    model_config = ConfigDict(frozen=True)

    reason: str  # Spanish, without the per-file detail
    count: int
    files: list[str]  # the first FILES_PER_GROUP: "lote.zip › ad001.xml", "roto.xml"


def general_reason(message: str) -> str:
    """`message` without its trailing parenthesised detail, still ending in a full stop."""
    text = message.strip()
    body = text.removesuffix(".").rstrip()
    if not body.endswith(")"):
        return text
    depth = 0
    for at in range(len(body) - 1, -1, -1):  # back to the "(" that opens the detail
        depth += {")": 1, "(": -1}.get(body[at], 0)
        if depth == 0:
            general = body[:at].rstrip()
            if not general:
                return text
            return general if general.endswith((".", "?", "!")) else general + "."
    return text  # unbalanced (a detail cut short): the message as it is


@dataclass
class UnreadableTally:
    """Failures counted per general reason while a job reads its files."""

    groups: dict[str, dict[str, Any]] = field(default_factory=dict)

    def add(self, message: str, where: str | None) -> None:
        """Count one failure; `where` is the file's label when the failure has one."""
        reason = general_reason(message)
        group = self.groups.get(reason)
        if group is None:
            if len(self.groups) >= MAX_GROUPS:
                return
            group = self.groups[reason] = {"reason": reason, "count": 0, "files": []}
        group["count"] += 1
        if where and len(group["files"]) < FILES_PER_GROUP:
            group["files"].append(where)

    def as_list(self) -> list[dict[str, Any]]:
        """JSON-ready groups, the reason with most files first (ties in reading order)."""
        ordered = sorted(self.groups.values(), key=lambda group: -group["count"])
        return [{**group, "files": list(group["files"])} for group in ordered]


def reasons_of(stage: dict[str, Any]) -> list[UnreadableReason]:
    """The groups stored with a job's staging counters.

    Jobs staged before groups were stored only kept the first 50 messages: each distinct
    message becomes its own group there, with no file names (they are inside the text).
    """
    stored = stage.get("failure_groups")
    if stored is not None:
        return [UnreadableReason.model_validate(group) for group in stored]
    tally = UnreadableTally()
    for message in stage.get("failures", []):
        text = str(message)
        group = tally.groups.setdefault(text, {"reason": text, "count": 0, "files": []})
        group["count"] += 1
    return [UnreadableReason.model_validate(group) for group in tally.as_list()]
