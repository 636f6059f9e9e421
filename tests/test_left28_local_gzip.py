"""A ``sitemap.xml.gz`` named as a local input is read as its ``sitemap.xml`` (session 27 left:
refused as binary, exit 2), gunzipped as a fetched one is; a cut stream is said.  Through the
real CLI, the sitemap's URLs served by the fixture web."""

from __future__ import annotations

import gzip
from typing import TYPE_CHECKING

from checker.cli import ExitCode, main
from checker.sampleweb import Web
from tests.test_probe24_sitemap_listings import run_on_web
from tests.test_probe27b_gzip import HOST, _urlset

if TYPE_CHECKING:
    from pathlib import Path

    import pytest


def _web(live: range) -> Web:
    web = Web()
    for number in live:
        web.page(f"{HOST}/posts/p{number}/", f"<title>p{number}</title><p>post {number}</p>")
    return web


def _cited(report: dict[str, object]) -> dict[str, str]:
    documents = report["documents"]
    assert isinstance(documents, list)
    return {c["url"]: c["status"] for d in documents for c in d["citations"]}


def test_a_local_gzipped_sitemap_is_read_as_its_xml(tmp_path: Path) -> None:
    sitemap = tmp_path / "sitemap.xml.gz"
    sitemap.write_bytes(gzip.compress(_urlset(range(1, 41))))
    code, report, _asked = run_on_web(_web(range(1, 40)), str(sitemap), tmp_path / "gz")
    plain = tmp_path / "sitemap.xml"
    plain.write_bytes(_urlset(range(1, 41)))
    _, as_xml, _ = run_on_web(_web(range(1, 40)), str(plain), tmp_path / "xml")
    cited = _cited(report)
    assert cited == _cited(as_xml) and len(cited) == 40
    assert cited[f"{HOST}/posts/p40/"] == "broken"
    assert report["documents"][0]["origin"] == str(sitemap)  # type: ignore[index]
    assert not [p for p in report["problems"] if p["code"] == "listing-unreadable"]  # type: ignore[union-attr]
    assert code == ExitCode.FAILED


def test_a_cut_local_gzipped_sitemap_is_read_up_to_the_cut_and_said(tmp_path: Path) -> None:
    whole = gzip.compress(_urlset(range(1, 401)))
    sitemap = tmp_path / "sitemap.xml.gz"
    sitemap.write_bytes(whole[: len(whole) * 2 // 3])
    code, report, _asked = run_on_web(_web(range(1, 401)), str(sitemap), tmp_path / "out")
    assert 0 < len(_cited(report)) < 400
    (said,) = [p for p in report["problems"] if p["code"] == "listing-unreadable"]  # type: ignore[union-attr]
    assert "cut short" in said["message"]
    assert code == ExitCode.FAILED


def test_a_local_xml_gz_that_is_no_gzip_is_one_clear_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sitemap = tmp_path / "sitemap.xml.gz"
    sitemap.write_bytes(b"\x00\x01not gzip at all" * 10)
    assert main(["check", str(sitemap), "--no-store", "--report-dir", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "not a gzip file" in err
