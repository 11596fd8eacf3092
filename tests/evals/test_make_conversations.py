"""The conversation dataset is generated from its sources, which are validated on load."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from evals import make_conversations
from evals.generator.sources import SectionsFile, SourceError, load
from evals.generator.templates import expand


def test_the_dataset_matches_its_sources() -> None:
    assert make_conversations.main(["--check"]) == 0


def _write(folder: Path, doc: object) -> None:
    (folder / "x.json").write_text(json.dumps(doc), encoding="utf-8")


SECTION = {
    "id": "t-{n:02d}",
    "category": "c",
    "template": {"expected_actions": [{"tool": "trial_balance", "args": "$args"}]},
    "items": [{"variants": ["balance enero", ["hola", "balance enero"]], "args": {"level": 1}}],
}


def test_a_section_expands_each_variant_and_fills_placeholders(tmp_path: Path) -> None:
    _write(tmp_path, {"sections": [SECTION]})
    rows = list(expand(load("x", SectionsFile, tmp_path).sections[0]))
    assert [r["id"] for r in rows] == ["t-01", "t-02"]
    assert rows[1]["turns"] == [
        {"role": "user", "content": "hola"},
        {"role": "user", "content": "balance enero"},
    ]
    assert rows[0]["expected_actions"] == [{"tool": "trial_balance", "args": {"level": 1}}]


@pytest.mark.parametrize(
    ("item", "message"),
    [
        ({"say": "x"}, "faltan ['args']"),
        ({"say": "x", "args": {}, "argz": 1}, "claves que la plantilla no usa ['argz']"),
        ({"args": {}}, "escribe «say» o «variants»"),
    ],
)
def test_a_bad_item_names_the_problem(tmp_path: Path, item: dict, message: str) -> None:
    _write(tmp_path, {"sections": [{**SECTION, "items": [item]}]})
    with pytest.raises(SourceError, match=message.replace("[", r"\[").replace("]", r"\]")):
        load("x", SectionsFile, tmp_path)
