"""Probe 20: ``--warc`` where the evidence file cannot be written is one line and exit 2.

Before: a report folder that cannot be made (a file in its path) ended in an internal error
(exit 3, a crash log) with ``--warc`` while the same folder without it is a one-line error;
and a disk that fills mid-run made every later citation an internal error, then the closing
of the file crashed the run (exit 3) before the store was closed.  Now the first is the report
folder's usual error, and the second ends the recording, lets the checks finish, and ends the
run with one line saying the evidence is incomplete (no report claims proof it lacks).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from checker.cli import main
from checker.sampleweb import Response, SampleWeb, Web

URLS = tuple(f"https://evidence.example/p{i}" for i in range(4))
_HTML = (("Content-Type", "text/html; charset=utf-8"),)


@pytest.fixture(scope="module")
def site() -> Iterator[SampleWeb]:
    web = Web()
    for url in URLS:
        web.add(url, Response(200, _HTML, b"<html><title>T</title><p>" + b"x" * 5000 + b"</p>"))
    with SampleWeb(web) as running:
        yield running


def _check(site: SampleWeb, tmp_path: Path, reports: Path) -> int:
    post = tmp_path / "post.md"
    post.write_text("# P\n\n" + "".join(f"- [s]({u})\n" for u in URLS), encoding="utf-8")
    args = ["check", str(post), "--warc", "--report-dir", str(reports), "--no-store"]
    args += ["--archive", "off", "--cacert", str(site.ca_path), "-q", "--no-baseline"]
    for rule in site.connect_to():
        args += ["--connect-to", rule]
    return main(args)


def test_an_evidence_folder_that_cannot_be_made_is_one_line(
    site: SampleWeb, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "a-file").write_text("")
    code = _check(site, tmp_path, tmp_path / "a-file" / "reports")
    err = capsys.readouterr().err
    assert code == 2, err
    assert err.startswith("citecheck: error: cannot write the evidence file"), err
    assert err.count("\n") == 1 and "--report-dir" in err


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
def test_a_full_disk_under_the_evidence_file_is_one_line_and_no_report(
    site: SampleWeb, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    reports = tmp_path / "reports"
    reports.mkdir()
    (reports / "evidence.warc.gz").symlink_to("/dev/full")  # every write: ENOSPC
    code = _check(site, tmp_path, reports)
    err = capsys.readouterr().err
    assert code == 2, err
    assert err.startswith("citecheck: error: cannot write the evidence file"), err
    assert "No space left on device" in err and err.count("\n") == 1, err
    assert "internal error" not in err
    assert not (reports / "report.json").exists()  # no report claims evidence it lacks
