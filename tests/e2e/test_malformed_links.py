"""Issue 12: links are never dropped silently, end to end through ``citecheck check``.

A Markdown post whose only links are written wrong (``htps://``, ``http//``, ``https:/``,
``hxxp://``) used to report "0 citations", exit 0.  Each is now a citation, ``broken`` with
``malformed-url`` and the fix, and none of them costs a request: the fixture web serves every
URL the fixes name, so a request would be seen in its log.  A bare ``www.`` in a Markdown post's
text is no such mistake: GFM (GitHub, GitLab, Hugo's goldmark) renders it as a link to
``http://www.…``, and that link is checked (session 23; it was a ``malformed-url`` error on a
correct post).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from checker.cli import ExitCode, main
from checker.sampleweb import SampleWeb, Web

NEWS = "https://news.fixture-malformed.example"
BLOG = "https://blog.fixture-malformed.example"
WWW = "http://www.fixture-malformed.example/e"
"""What GFM renders ``www.fixture-malformed.example/e`` in a post's text as."""

# written → the suggestion the finding must carry
MALFORMED = {
    "htps://news.fixture-malformed.example/a": f"did you mean {NEWS}/a?",
    "http//news.fixture-malformed.example/b": "did you mean http://news.fixture-malformed.example/b?",
    "https:/news.fixture-malformed.example/c": f"did you mean {NEWS}/c?",
    "hxxps://news.fixture-malformed.example/d": f"did you mean {NEWS}/d?",
    "ttps://news.fixture-malformed.example/f": f"did you mean {NEWS}/f?",
}

POST = (
    "# Sources written wrong\n\n"
    "The [report](htps://news.fixture-malformed.example/a) and "
    "[the data](http//news.fixture-malformed.example/b).\n\n"
    "- https:/news.fixture-malformed.example/c\n"
    "- <a href='hxxps://news.fixture-malformed.example/d'>defanged</a>\n"
    "- see www.fixture-malformed.example/e for more\n"
    "- [a typo](ttps://news.fixture-malformed.example/f)\n"
)


def _web() -> Web:
    web = Web()
    for letter in "abcdef":
        for base in (NEWS, NEWS.replace("https:", "http:")):
            web.page(f"{base}/{letter}", f"<title>Story {letter}</title><p>Here.</p>")
    web.page("https://www.fixture-malformed.example/e", "<title>E</title><p>Here.</p>")
    web.page(WWW, "<title>E</title><p>Here.</p>")
    web.page(f"{BLOG}/2025/older.html", "<title>An older post</title><p>Here.</p>")
    return web


@pytest.fixture(scope="module")
def site() -> Iterator[SampleWeb]:
    with SampleWeb(_web()) as web:
        yield web


def _check(site: SampleWeb, post: Path, report_dir: Path) -> tuple[int, dict[str, dict]]:  # type: ignore[type-arg]
    argv = ["check", str(post), "--report-dir", str(report_dir), "--no-store"]
    argv += ["--cacert", str(site.ca_path), "--format", "json"]
    for rule in site.connect_to():
        argv += ["--connect-to", rule]
    code = main(argv)
    data = json.loads((report_dir / "report.json").read_text(encoding="utf-8"))
    return code, {c["url"]: c for d in data["documents"] for c in d["citations"]}


def test_a_post_of_malformed_links_fails_with_each_fix_and_no_request(
    site: SampleWeb, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    post = tmp_path / "post.md"
    post.write_text(POST, encoding="utf-8")
    before = len(site.requests)
    code, citations = _check(site, post, tmp_path / "r")
    capsys.readouterr()
    assert code == ExitCode.FAILED
    assert set(citations) == {*MALFORMED, WWW}
    for written, suggestion in MALFORMED.items():
        cited = citations[written]
        assert cited["status"] == "broken", written
        assert [(f["code"], f["suggestion"]) for f in cited["findings"]] == [
            ("malformed-url", suggestion)
        ], written
    assert (citations[WWW]["status"], citations[WWW]["findings"]) == ("ok", [])
    assert {url for _method, url in site.requests[before:]} == {WWW}


def test_relative_links_resolve_against_the_permalink_or_are_counted_skips(
    site: SampleWeb, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    post = tmp_path / "post.md"
    body = "# A post\n\nSee [the older post](older.html) and [notes](notes.md).\n"
    post.write_text(f"---\npermalink: {BLOG}/2025/post.html\n---\n{body}", encoding="utf-8")
    code, citations = _check(site, post, tmp_path / "r1")
    # A source file (``notes.md``) is the generator's to turn into a page: a file reference
    # whatever the permalink (probe 23), never ``…/2025/notes.md`` on the web.
    notes = tmp_path / "notes.md"
    assert set(citations) == {f"{BLOG}/2025/older.html", notes.as_uri()}
    assert citations[f"{BLOG}/2025/older.html"]["status"] == "ok"
    # the named post's own folder is looked into (probe 32): a file not there is broken
    assert citations[notes.as_uri()]["status"] == "broken"
    assert site.count(f"{BLOG}/2025/older.html") >= 1
    assert site.count(f"{BLOG}/2025/notes.md") == 0

    post.write_text(body, encoding="utf-8")  # no web address: the links name local files
    code, citations = _check(site, post, tmp_path / "r2")
    out = capsys.readouterr().out
    assert {u: c["status"] for u, c in citations.items()} == {
        (tmp_path / "older.html").as_uri(): "broken",
        notes.as_uri(): "broken",
    }
    assert "no such file: notes.md" in citations[notes.as_uri()]["findings"][0]["message"]
    assert "2 checked" in out
    assert code == ExitCode.FAILED
