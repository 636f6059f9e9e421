"""The CI integrations: every format registered, the GitHub Action and the pre-commit hook."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from checker.cli import main
from checker.config import FORMAT_NAMES, load_config
from checker.discover.kinds import PAGE_SUFFIXES
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
    assert "types_or" not in hook and "types" not in hook


def test_the_pre_commit_hook_runs_on_every_post_citecheck_reads() -> None:
    """``types_or: [html, markdown]`` ran no check on a commit changing only ``.rst``,
    ``.adoc``, ``.org``, ``.txt``, ``.mdx`` or ``.qmd`` posts (reviewer of probe 33)."""
    files = re.compile(_yaml(".pre-commit-hooks.yaml")[0]["files"])
    for suffix in PAGE_SUFFIXES:
        assert files.search(f"posts/a{suffix}") and files.search(f"A{suffix.upper()}"), suffix
    for other in ("setup.py", "data.json", "image.png", "md", "notes.md.bak"):
        assert not files.search(other), other


def test_a_commit_whose_posts_hold_no_link_passes_the_hook(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The hook's entry and args on a changed post without a link: ``nothing-checked`` failed
    the commit (reviewer of probe 33); now a warning, said, not failing."""
    (hook,) = _yaml(".pre-commit-hooks.yaml")
    (tmp_path / "post.md").write_text("# Post\n\nNo link yet.\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    argv = [*hook["entry"].split()[1:], *hook.get("args", ()), "post.md"]
    assert main([*argv, "--no-store", "--format", "json", "--report-dir", "out", "-q"]) == 0
    report = json.loads((tmp_path / "out" / "report.json").read_text(encoding="utf-8"))
    assert [p["code"] for p in report["problems"]] == ["nothing-checked"]
