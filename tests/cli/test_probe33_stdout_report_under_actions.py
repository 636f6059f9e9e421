"""``-o -`` under GitHub Actions: standard output holds the report alone.

The annotations (``::error file=…``) were printed on standard output after the report, so
``citecheck check docs -o - --format sarif > results.sarif`` wrote a file code scanning refuses
and ``-o - | jq`` failed on "extra data".  The runner reads workflow commands on standard error
as well (actions/runner: ScriptHandler hands both streams to its command manager), so that is
where they go then.  Through the CLI on a local post (nothing is fetched).  Probe 33.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from checker.cli import ExitCode, main


@pytest.mark.parametrize("fmt", ["json", "sarif"])
def test_the_report_on_stdout_stays_one_document_and_the_annotations_go_to_stderr(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    fmt: str,
) -> None:
    (tmp_path / "post.md").write_text("# Post\n\nSee [the guide](guide.md).\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    argv = ["check", "post.md", "--no-store", "--archive", "off", "--format", fmt, "-o", "-"]
    assert main(argv) == ExitCode.FAILED
    out, err = capsys.readouterr()
    document = json.loads(out)
    assert document  # one JSON document, nothing after it
    assert "::error file=post.md,line=3," in err
    assert "::error" not in out
