"""A gzip file of several members (``gzip -c a >> f``; ``gzip``, ``zcat`` and search engines
read it whole) is read whole: a ``sitemap.xml.gz`` so written was read to its first member's
end, its later entries dropped with no word and the run passed (probe 28l).  A bomb, a nested
gzip and a cut after a whole member stay bounded and said.  Through the real CLI on the fixture
web; the bound by what is read, not by time."""

from __future__ import annotations

import gzip
from typing import TYPE_CHECKING

import pytest

from checker.cli import ExitCode, main
from checker.encoding import gunzip_bounded
from tests.test_left28_local_gzip import _cited, _web
from tests.test_probe24_sitemap_listings import run_on_web
from tests.test_probe27b_gzip import _urlset

if TYPE_CHECKING:
    from pathlib import Path


def test_a_sitemap_of_two_gzip_members_is_read_whole(tmp_path: Path) -> None:
    whole = _urlset(range(1, 41))
    half = len(whole) // 2
    sitemap = tmp_path / "sitemap.xml.gz"
    sitemap.write_bytes(gzip.compress(whole[:half]) + gzip.compress(whole[half:]))
    code, report, _asked = run_on_web(_web(range(1, 40)), str(sitemap), tmp_path / "out")
    cited = _cited(report)
    assert len(cited) == 40  # was 20: the second member's posts never read
    assert not [p for p in report["problems"] if p["code"] == "listing-unreadable"]  # type: ignore[union-attr]
    assert code == ExitCode.FAILED  # p40 is dead: it is in the second member


def test_a_second_member_cut_short_is_said(tmp_path: Path) -> None:
    whole = _urlset(range(1, 41))
    half = len(whole) // 2
    second = gzip.compress(whole[half:])
    sitemap = tmp_path / "sitemap.xml.gz"
    sitemap.write_bytes(gzip.compress(whole[:half]) + second[: len(second) // 2])
    code, report, _asked = run_on_web(_web(range(1, 41)), str(sitemap), tmp_path / "out")
    assert 20 <= len(_cited(report)) < 40
    (said,) = [p for p in report["problems"] if p["code"] == "listing-unreadable"]  # type: ignore[union-attr]
    assert "cut short" in said["message"]
    assert code == ExitCode.FAILED


def test_a_nested_gzip_is_one_clear_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The guard: gzip inside gzip is binary once gunzipped, refused in one line."""
    sitemap = tmp_path / "sitemap.xml.gz"
    sitemap.write_bytes(gzip.compress(gzip.compress(_urlset(range(1, 5)))))
    assert main(["check", str(sitemap), "--no-store", "--report-dir", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "binary" in err


def test_a_bomb_of_many_members_is_bounded() -> None:
    """64 members of 1 MB of zeros each (~1000:1): the cap and the cut (was the first member
    alone, said whole)."""
    member = gzip.compress(b"\0" * (1 << 20))
    content, cut = gunzip_bounded(member * 64, 3 << 20) or (b"", False)
    assert len(content) == 3 << 20 and cut


@pytest.mark.parametrize("unzipped", [True, False], ids=["xml", "binary"])
def test_a_sitemap_xml_gz_that_is_plain_xml_is_read_as_it_is(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], unzipped: bool
) -> None:
    """A ``sitemap.xml.gz`` a browser unzipped on download (its name kept) is its XML: read at
    4e4ce3a, exit 2 at 9d785ed.  The near miss: bytes neither gzip nor text stay one line."""
    sitemap = tmp_path / "sitemap.xml.gz"
    if not unzipped:
        sitemap.write_bytes(b"\x00\x01neither" * 10)
        assert main(["check", str(sitemap), "--no-store", "--report-dir", str(tmp_path)]) == 2
        assert capsys.readouterr().err.count("\n") == 1
        return
    sitemap.write_bytes(_urlset(range(1, 41)))
    code, report, _asked = run_on_web(_web(range(1, 40)), str(sitemap), tmp_path / "out")
    assert len(_cited(report)) == 40
    assert code == ExitCode.FAILED
