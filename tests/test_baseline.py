"""Baselines: record today's findings, fail later runs only on new ones."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from checker.baseline import Baseline, FindingKey, read_baseline, write_baseline
from checker.cli import ExitCode, main
from checker.errors import ConfigError
from checker.findings import Code
from checker.model import (
    CheckedCitation,
    CheckedDocument,
    Citation,
    CitationKind,
    Cited,
    Document,
    Finding,
    Report,
    Status,
)
from checker.sampleweb import Request, Response, SampleWeb, Web
from tests.e2e.blogger import CitedPost, article_page, blogger_page

POST = "https://blog.example/2025/02/a.html"
SOURCE = Citation(CitationKind.SOURCE, "https://news.example/a", Cited(title="A Title"))
NO_URL = Citation(CitationKind.SOURCE, None, Cited(title="Lost Title"))


def _report(*cited: tuple[Citation, Code, str]) -> Report:
    checked = tuple(
        CheckedCitation(c, Status.BROKEN, findings=(Finding.of(code, msg),))
        for c, code, msg in cited
    )
    document = Document(POST, POST, "t", None, tuple(c for c, _, _ in cited))
    return Report((POST,), (CheckedDocument(document, checked),), "0", "s", "f")


def test_identity_ignores_messages_but_not_code_kind_target_or_post(tmp_path: Path) -> None:
    recorded = write_baseline(tmp_path / "b.json", _report((SOURCE, Code.BROKEN, "HTTP 404")))
    document = Document(POST, POST, "t", None, (SOURCE,))
    other_post = Document(POST + "?x", POST, "t", None, (SOURCE,))
    as_link = Citation(CitationKind.LINK, SOURCE.url)
    assert recorded.covers(document, SOURCE, Finding.of(Code.BROKEN, "HTTP 410 now"))
    assert not recorded.covers(document, SOURCE, Finding.of(Code.SOFT_404, "HTTP 404"))
    assert not recorded.covers(other_post, SOURCE, Finding.of(Code.BROKEN, "HTTP 404"))
    assert not recorded.covers(document, as_link, Finding.of(Code.BROKEN, "HTTP 404"))


def test_round_trip_and_cited_title_stands_in_for_a_missing_url(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "citecheck-baseline.json"
    written = write_baseline(
        path, _report((SOURCE, Code.BROKEN, "m"), (NO_URL, Code.MISSING_URL, "m"))
    )
    assert read_baseline(path) == written
    assert FindingKey(POST, "source", "Lost Title", "missing-url") in written.keys
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["baseline_version"] == 1
    assert len(data["findings"]) == 2


def test_absent_baseline_is_none_and_bad_ones_are_config_errors(tmp_path: Path) -> None:
    assert read_baseline(tmp_path / "none.json") is None
    with pytest.raises(ConfigError, match="no such file; record one with citecheck baseline"):
        read_baseline(tmp_path / "none.json", required=True)
    for text in ("{", "[]", '{"baseline_version": 1, "findings": [{"post": 1}]}'):
        (tmp_path / "bad.json").write_text(text, encoding="utf-8")
        with pytest.raises(ConfigError, match="citecheck baseline"):
            read_baseline(tmp_path / "bad.json")
    assert Baseline().keys == frozenset()


# -- end to end: a baseline run, then a run with one new broken source ---------------------------

BLOG = "https://test-blog.blogspot.com"
LABEL = f"{BLOG}/search/label/test"
NEWS = "https://www.example-news.com"
TITLE = "Russia and Ukraine Agree to Talks in a Policy Reversal"


def _post(slug: str, **changes: str) -> CitedPost:
    values = {"publisher": "Example News", "title": TITLE, "author": "Jane Doe"}
    values.update(changes)
    return CitedPost(
        slug,
        values["publisher"],
        values["title"],
        values["author"],
        "February 12, 2025",
        f"{NEWS}/2025/02/{slug}",
    )


OLD_POSTS = [_post("ok"), _post("retitled", title="Trump Says He Will Meet Putin Soon")]
NEW_BROKEN = _post("deleted")


@pytest.fixture
def site(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[tuple[SampleWeb, list[CitedPost]]]:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "citecheck.toml").write_text('archive = "off"\nretries = 0\n', encoding="utf-8")
    web = Web()
    posts = list(OLD_POSTS)  # the label page lists whatever is in here when it is asked

    def label_page(request: Request) -> Response:
        html = blogger_page(BLOG, posts).encode("utf-8")
        return Response(200, (("Content-Type", "text/html; charset=utf-8"),), html)

    web.add(LABEL, label_page)
    good = article_page(TITLE, site="Example News", author="Jane Doe", date="2025-02-12")
    web.page(f"{NEWS}/", article_page("Example News — Home", site="Example News"))
    for slug in ("ok", "retitled"):
        web.page(f"{NEWS}/2025/02/{slug}", good)
    web.page(f"{NEWS}/2025/02/deleted", "<title>Not Found</title>", status=404)
    with SampleWeb(web) as running:
        yield running, posts


def _argv(site_posts: tuple[SampleWeb, list[CitedPost]], command: str, *extra: str) -> list[str]:
    site = site_posts[0]
    argv = [command, LABEL, "--no-store", "--cacert", str(site.ca_path), *extra]
    for rule in site.connect_to():
        argv += ["--connect-to", rule]
    return argv


def _findings(report_dir: Path) -> list[dict[str, object]]:
    data = json.loads((report_dir / "report.json").read_text(encoding="utf-8"))
    return [
        {"post": d["url"], **f}
        for d in data["documents"]
        for c in d["citations"]
        for f in c["findings"]
    ]


def test_baseline_then_one_new_broken_source_fails_on_exactly_that_one(
    site: tuple[SampleWeb, list[CitedPost]], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(_argv(site, "check", "--report-dir", "r0")) == ExitCode.FAILED  # title-mismatch
    assert main(_argv(site, "baseline", "--report-dir", "r1")) == ExitCode.OK
    assert (tmp_path / "citecheck-baseline.json").is_file()
    assert f"recorded {tmp_path / 'citecheck-baseline.json'}: 1 known" in capsys.readouterr().out
    assert main(_argv(site, "check", "--report-dir", "r2")) == ExitCode.OK
    assert all(f["baselined"] and not f["failing"] for f in _findings(tmp_path / "r2"))

    site[1].append(NEW_BROKEN)
    assert main(_argv(site, "check", "--report-dir", "r3")) == ExitCode.FAILED
    findings = _findings(tmp_path / "r3")
    failing = [f for f in findings if f["failing"]]
    assert [(f["post"], f["code"]) for f in failing] == [(f"{BLOG}/2025/02/deleted.html", "broken")]
    assert not failing[0]["baselined"]
    assert any(f["code"] == "title-mismatch" and f["baselined"] for f in findings)
    # --no-baseline: every finding counts again
    assert main(_argv(site, "check", "--report-dir", "r4", "--no-baseline")) == ExitCode.FAILED
    assert not any(f["baselined"] for f in _findings(tmp_path / "r4"))


def test_baseline_file_flag_and_corrupt_file(
    site: tuple[SampleWeb, list[CitedPost]], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    custom = tmp_path / "known" / "findings.json"
    assert main(_argv(site, "baseline", "--baseline", str(custom), "-q")) == ExitCode.OK
    assert custom.is_file()
    assert not (tmp_path / "citecheck-baseline.json").exists()
    assert main(_argv(site, "check", "--baseline", str(custom), "-q")) == ExitCode.OK
    custom.write_text("not json", encoding="utf-8")
    capsys.readouterr()
    assert main(_argv(site, "check", "--baseline", str(custom))) == ExitCode.ERROR
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1
    assert err[0].startswith("citecheck: error: baseline ")
    # a baseline the user named but that is not there is bad input, not "no baseline"
    missing = tmp_path / "known" / "typo.json"
    assert main(_argv(site, "check", "--baseline", str(missing))) == ExitCode.ERROR
    err = capsys.readouterr().err.strip().splitlines()
    assert err == [
        f"citecheck: error: baseline {missing}: no such file; record one with citecheck baseline"
    ]
