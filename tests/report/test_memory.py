"""Peak memory of writing a big report.json (issue 19): next to nothing beyond the document.

``json.dumps`` with ``indent`` keeps every piece of the encoder in one list before joining them:
at 20,000 citations the JSON report cost ~90 MB over the run's own peak (214 MB against ~145 MB
for 20,000 small Markdown files).  Written as it is encoded, its cost is a batch.  The folder
is checked by ``citecheck check --format json,md`` in a child process that measures its report
phase alone (:func:`bench.child_peak.run_child`, ``reports=True``: ``tracemalloc`` started as
the reports start, both rendered in that process); the most the phase holds at once must stay
under half the size of report.json (0.06x now; writing it by ``json.dumps``: 6.3x).
``--exclude .`` skips every citation, so nothing is fetched.

It compared two whole runs' peak RSS (``md`` against ``json,md``) until CI failed it at 1.33x
(this machine: -0.02x to 0.05x, every time): a whole run's peak is its pipeline's, not its
reports', and a report of 1,000 citations or more is rendered by a forked process whose memory
the parent's peak never held, so it measured noise.
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


def _reports_kb(folder: Path, reports: Path) -> int:
    args = ["check", str(folder), "--no-store", "--exclude", ".", "-q", "--format", "json,md"]
    args += ["--report-dir", str(reports)]
    child = run_child(args, cwd=folder.parent, timeout=900, reports=True)
    assert child.reports_kb is not None, child.stderr[-2000:]
    return child.reports_kb


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads /proc (Linux)")
def test_report_json_costs_under_half_its_size(tmp_path: Path) -> None:
    folder = tmp_path / "posts"
    folder.mkdir()
    for index in range(_FILES):
        (folder / f"p{index:05d}.md").write_text(_post(index), encoding="utf-8")
    extra_kb = _reports_kb(folder, tmp_path / "reports")
    size_kb = (tmp_path / "reports" / "report.json").stat().st_size / 1024
    assert extra_kb <= _BOUND * size_kb, f"{extra_kb / size_kb:.2f}x report.json's size"
