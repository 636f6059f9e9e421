"""GitHub annotations and report.sarif name each file from the repository's root, wherever the
step ran.

The runner reads an annotation's relative ``file`` from ``$GITHUB_WORKSPACE`` (and makes an
absolute one inside it relative); citecheck wrote the path from its working folder, so a step
with ``working-directory: docs`` annotated ``intro.md`` at the repository's root: no such
file, or another one.  Through the CLI on local posts (nothing fetched).  Probe 33.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from checker.cli import main
from checker.report.annotations import github_annotations

POST = "# Intro\n\nSee [the guide](guide.md).\n"


def _annotations(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    *,
    cwd: Path,
    inputs: list[str],
) -> list[str]:
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    monkeypatch.setenv("GITHUB_WORKSPACE", str(tmp_path / "repo"))
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    monkeypatch.chdir(cwd)
    argv = ["check", *inputs, "--no-store", "--archive", "off", "--format", "json"]
    main([*argv, "--report-dir", str(tmp_path / "out"), "-q"])
    out = capsys.readouterr().out
    return [line for line in out.splitlines() if line.startswith("::")]


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    docs = tmp_path / "repo" / "docs"
    docs.mkdir(parents=True)
    (docs / "intro.md").write_text(POST, encoding="utf-8")
    (docs / "empty.md").write_text("# Empty\n\nNo link.\n", encoding="utf-8")
    return tmp_path / "repo"


def test_a_step_run_in_a_subfolder_annotates_the_file_from_the_root(
    tmp_path: Path, repo: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (line,) = _annotations(tmp_path, monkeypatch, capsys, cwd=repo / "docs", inputs=["."])
    assert line.startswith("::error file=docs/intro.md,line=3,title=citecheck broken")


def test_an_absolute_input_inside_the_workspace_is_annotated_from_the_root(
    tmp_path: Path, repo: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    inputs = [str(repo / "docs" / "intro.md")]
    (line,) = _annotations(tmp_path, monkeypatch, capsys, cwd=tmp_path, inputs=inputs)
    assert line.startswith("::error file=docs/intro.md,line=3,")


def test_a_problem_of_the_run_is_annotated_from_the_root(
    tmp_path: Path, repo: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A post that could not be read (a link to no file): its annotation, from the root too."""
    (repo / "docs" / "dangling.md").symlink_to("nowhere.md")
    lines = _annotations(tmp_path, monkeypatch, capsys, cwd=repo / "docs", inputs=["."])
    assert any(line.startswith("::error file=docs/dangling.md,title=citecheck ") for line in lines)


def test_the_workspace_s_own_folder_keeps_its_paths(
    tmp_path: Path, repo: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (line,) = _annotations(tmp_path, monkeypatch, capsys, cwd=repo, inputs=["docs"])
    assert line.startswith("::error file=docs/intro.md,line=3,")


def test_a_file_outside_the_workspace_keeps_its_absolute_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    outside = tmp_path / "elsewhere" / "post.md"
    monkeypatch.setenv("GITHUB_WORKSPACE", str(tmp_path / "repo"))
    monkeypatch.chdir(tmp_path)
    citation = {"kind": "link", "url": "https://x.example/", "line": 4, "status": "broken"}
    finding = {"code": "broken", "severity": "error", "failing": True, "message": "gone"}
    post = {"url": outside.as_uri(), "origin": "elsewhere/post.md"}
    document = {"documents": [{**post, "citations": [{**citation, "findings": [finding]}]}]}
    text = github_annotations(document)
    assert text.startswith(f"::error file={outside},line=4,")


def test_report_sarif_names_the_file_from_the_root_too(
    tmp_path: Path, repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Code scanning reads a result's ``%SRCROOT%`` path from the repository's root."""
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    monkeypatch.setenv("GITHUB_WORKSPACE", str(repo))
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    for cwd, target in ((repo / "docs", "."), (tmp_path, str(repo / "docs"))):
        monkeypatch.chdir(cwd)
        argv = ["check", target, "--no-store", "--archive", "off", "--format", "sarif"]
        main([*argv, "--report-dir", str(tmp_path / "out"), "-q", "--no-annotations"])
        sarif = json.loads((tmp_path / "out" / "report.sarif").read_text(encoding="utf-8"))
        (result,) = sarif["runs"][0]["results"]
        location = result["locations"][0]["physicalLocation"]["artifactLocation"]
        assert location == {"uri": "docs/intro.md", "uriBaseId": "%SRCROOT%"}
