"""Peak memory of writing a big report.json (issue 19): next to nothing beyond the document.

``json.dumps`` with ``indent`` keeps every piece of the encoder in one list before joining them:
at 20,000 citations the JSON report cost ~90 MB over the run's own peak (214 MB against ~145 MB
for 20,000 small Markdown files).  Written as it is encoded, its cost is a batch.  The same
folder is checked by ``citecheck check`` in a child process (which reports its own VmHWM) with
``--format md`` (a few hundred bytes) and ``--format json,md``; the difference must stay under
half the size of report.json.  ``--exclude .`` skips every citation, so nothing is fetched.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.child_peak import run_child

_FILES = 5000
_BOUND = 0.5


def _post(index: int) -> str:
    url = f"https://news{index % 400:03d}.example.org/a/{index}.html"
    return (
        f'---\ntitle: "Post {index}"\ndate: 2025-12-08\n---\n\nSee [the story]({url}).\n\n'
        f"■\n\nStory number {index}\n\nBy Jane Doe\n\nDecember 1, 2025\n\n{url}\n"
    )


def _peak_kb(folder: Path, formats: str, reports: Path) -> int:
    args = ["check", str(folder), "--no-store", "--exclude", ".", "-q", "--format", formats]
    args += ["--report-dir", str(reports)]
    child = run_child(args, cwd=folder.parent, timeout=900)
    assert child.peak_kb is not None, child.stderr[-2000:]
    return child.peak_kb


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads /proc (Linux)")
def test_report_json_costs_under_half_its_size(tmp_path: Path) -> None:
    folder = tmp_path / "posts"
    folder.mkdir()
    for index in range(_FILES):
        (folder / f"p{index:05d}.md").write_text(_post(index), encoding="utf-8")
    without = _peak_kb(folder, "md", tmp_path / "md")
    with_json = _peak_kb(folder, "json,md", tmp_path / "json")
    size_kb = (tmp_path / "json" / "report.json").stat().st_size / 1024
    extra_kb = with_json - without
    assert extra_kb <= _BOUND * size_kb, f"{extra_kb / size_kb:.2f}x report.json's size"
