"""The CI integrations: every format registered, the GitHub Action and the pre-commit hook."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from checker.config import FORMAT_NAMES, load_config
from checker.report import FORMATS, report_name

ROOT = Path(__file__).resolve().parents[2]


def _yaml(name: str) -> Any:
    return yaml.safe_load((ROOT / name).read_text(encoding="utf-8"))


def test_every_format_is_registered_and_named() -> None:
    assert set(FORMATS) == set(FORMAT_NAMES) == {"json", "md", "html", "junit", "sarif", "csv"}
    names = {name: report_name(name) for name in FORMATS}
    assert names["junit"] == "report.xml" and names["sarif"] == "report.sarif"
    assert (names["html"], names["csv"]) == ("report.html", "report.csv")
    config = load_config(cwd=ROOT / "tests", overrides={"formats": "html,junit,sarif,csv"})
    assert config.report.formats == ("html", "junit", "sarif", "csv")


def test_action_is_a_composite_that_installs_runs_and_uploads() -> None:
    action = _yaml("action.yml")
    assert action["runs"]["using"] == "composite"
    assert {"inputs", "report-dir", "format", "fail-on"} <= set(action["inputs"])
    steps = action["runs"]["steps"]
    uses = [s.get("uses", "") for s in steps]
    assert any(u.startswith("actions/setup-python@") for u in uses)
    assert any(u.startswith("actions/upload-artifact@") for u in uses)
    scripts = "\n".join(s.get("run", "") for s in steps)
    assert 'pip install --disable-pip-version-check "$GITHUB_ACTION_PATH"' in scripts
    assert "citecheck check" in scripts and "GITHUB_STEP_SUMMARY" in scripts
    # Inputs go through env, never into the script text (script injection).
    assert "${{" not in scripts
    for step in steps:
        assert all(s.get("shell") == "bash" for s in [step] if "run" in s)


def test_action_formats_are_known() -> None:
    default = _yaml("action.yml")["inputs"]["format"]["default"]
    assert set(default.split(",")) <= set(FORMAT_NAMES) and "html" in default


def test_pre_commit_hook() -> None:
    (hook,) = _yaml(".pre-commit-hooks.yaml")
    assert (hook["id"], hook["entry"], hook["language"]) == (
        "citecheck",
        "citecheck check",
        "python",
    )
    assert hook["types_or"] == ["html", "markdown"]
