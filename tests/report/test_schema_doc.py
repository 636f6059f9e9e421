"""docs/report-schema.md documents every key report.json has, and its example is valid."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from checker.config import Config
from checker.model import Report
from checker.report import build_document

DOC = Path(__file__).resolve().parents[2] / "docs" / "report-schema.md"


def _keys(value: Any) -> set[str]:
    if isinstance(value, dict):
        return set(value) | {k for v in value.values() for k in _keys(v)}
    if isinstance(value, list):
        return {k for v in value for k in _keys(v)}
    return set()


def test_every_key_is_documented(report: Report) -> None:
    text = DOC.read_text(encoding="utf-8")
    document = build_document(report, config=Config())
    keys = _keys({k: v for k, v in document.items() if k != "summary"})
    keys |= set(document["summary"])
    assert sorted(k for k in keys if f"`{k}`" not in text) == []


def test_example_is_valid_json_with_the_same_keys(report: Report) -> None:
    example = re.search(r"```json\n(.*?)```", DOC.read_text(encoding="utf-8"), re.DOTALL)
    assert example is not None
    parsed = json.loads(example.group(1))
    built = build_document(report, config=Config())
    assert parsed.keys() == built.keys()
    assert parsed["summary"].keys() == built["summary"].keys()
    ours = built["documents"][0]["citations"][0]
    assert parsed["documents"][0]["citations"][0].keys() == ours.keys()
