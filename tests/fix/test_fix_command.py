"""``citecheck fix`` end to end, through the fixture web (real HTTP/TLS on 127.0.0.1).

A dead source with a Wayback copy, a source that moved for good, a live one and a dead one that
was never archived, cited from a folder of Markdown posts, an HTML file and a Blogger export.
The diff is exactly the expected one: the dead link points at its copy (HTML keeps the original
in Robust Links attributes), the moved one at its new address, and every other byte stays.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from checker.cli import ExitCode, main
from checker.discover.feeds import parse_feed
from checker.sampleweb import SampleWeb
from tests.e2e.blogger import CitedPost, blogger_page
from tests.fix.fixture import ALIVE, COPY, DEAD, LOST, MOVED, NEW, fix_web

BLOG = "https://fixblog.blogspot.com"
REMOTE_POST = f"{BLOG}/2025/02/remote.html"

POST_A = f"""# Budget

The cabinet fell, see [the report]({DEAD}).
A live source: [alive]({ALIVE}).
Moved: <{MOVED}>
Never archived: {LOST}
"""
POST_B = f"""Notes

- [{ALIVE}]({ALIVE})
- {DEAD}
"""
PAGE = f"""<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>Budget notes</title></head>
<body>
<p>The cabinet fell: <a class="src" href="{DEAD}">the report</a>.</p>
<p>Live: <a href='{ALIVE}'>alive</a></p>\r
<p>Moved: <a href="{MOVED}">{MOVED}</a></p>
</body></html>"""
KIND = "http://schemas.google.com/g/2005#kind"
EXPORT = f"""<?xml version='1.0' encoding='UTF-8'?>
<feed xmlns='http://www.w3.org/2005/Atom'>
<entry><category scheme='{KIND}' term='http://schemas.google.com/blogger/2008/kind#post'/>
<published>2025-05-09T10:00:00+09:00</published>
<title type='text'>Budget</title>
<content type='html'>&lt;p&gt;The cabinet fell: &lt;a href=&quot;{DEAD}&quot;&gt;the report\
&lt;/a&gt;.&lt;/p&gt;&lt;p&gt;Live: &lt;a href=&quot;{ALIVE}&quot;&gt;alive&lt;/a&gt;\
&lt;/p&gt;</content>
<link rel='alternate' type='text/html' href='{BLOG}/2025/05/budget.html'/></entry>
<entry><category scheme='{KIND}' term='http://schemas.google.com/blogger/2008/kind#post'/>
<published>2025-05-10T10:00:00+09:00</published>
<title type='text'>Alive only</title>
<content type='html'>&lt;p&gt;See &lt;a href=&quot;{ALIVE}&quot;&gt;this&lt;/a&gt;.\
&lt;/p&gt;</content>
<link rel='alternate' type='text/html' href='{BLOG}/2025/05/alive.html'/></entry>
</feed>
"""

BLANK = " "  # a blank line of context in a unified diff
ROBUST = f'data-originalurl="{DEAD}" data-versionurl="{COPY}" data-versiondate="2024-01-01"'
DIFF_MARKDOWN = f"""--- a/posts/a.md
+++ b/posts/a.md
@@ -1,6 +1,6 @@
 # Budget
{BLANK}
-The cabinet fell, see [the report]({DEAD}).
+The cabinet fell, see [the report]({COPY}).
 A live source: [alive]({ALIVE}).
-Moved: <{MOVED}>
+Moved: <{NEW}>
 Never archived: {LOST}
--- a/posts/b.md
+++ b/posts/b.md
@@ -1,4 +1,4 @@
 Notes
{BLANK}
 - [{ALIVE}]({ALIVE})
-- {DEAD}
+- {COPY}
"""
DIFF_HTML = f"""--- a/page.html
+++ b/page.html
@@ -1,7 +1,7 @@
 <!DOCTYPE html>
 <html><head><meta charset="utf-8"><title>Budget notes</title></head>
 <body>
-<p>The cabinet fell: <a class="src" href="{DEAD}">the report</a>.</p>
+<p>The cabinet fell: <a class="src" href="{COPY}" {ROBUST}>the report</a>.</p>
 <p>Live: <a href='{ALIVE}'>alive</a></p>\r
-<p>Moved: <a href="{MOVED}">{MOVED}</a></p>
+<p>Moved: <a href="{NEW}">{MOVED}</a></p>
 </body></html>
\\ No newline at end of file
"""
ESCAPED_ROBUST = ROBUST.replace('"', "&quot;")


@pytest.fixture(scope="module")
def web() -> Iterator[SampleWeb]:
    sample = fix_web()
    sample.page(
        REMOTE_POST,
        blogger_page(
            BLOG, [CitedPost("remote", "", "Cabinet resigns after defeat", None, None, DEAD)]
        ),
    )
    with SampleWeb(sample) as site:
        yield site


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "posts").mkdir()
    (tmp_path / "posts" / "a.md").write_text(POST_A, encoding="utf-8")
    (tmp_path / "posts" / "b.md").write_text(POST_B, encoding="utf-8")
    (tmp_path / "page.html").write_bytes(PAGE.encode("utf-8"))
    (tmp_path / "export.xml").write_text(EXPORT, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _fix(site: SampleWeb, capfd: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    args = ["fix", *argv, "--no-store", "--cacert", str(site.ca_path), "--report-dir", "reports"]
    for rule in site.connect_to():
        args += ["--connect-to", rule]
    code = main(args)
    out, err = capfd.readouterr()
    return code, out, err


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and "reports" not in p.parts
    }


def test_diff_of_a_markdown_folder_is_exact_and_changes_nothing(
    web: SampleWeb, folder: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    before = _snapshot(folder)
    code, out, err = _fix(web, capfd, "posts")
    assert out == DIFF_MARKDOWN
    assert code == ExitCode.FAILED  # a diff shown, not written: like `ruff format --check`
    assert _snapshot(folder) == before
    assert f"posts/a.md:3  {DEAD} -> {COPY}  (broken; archived copy of 2024-01-01)" in err
    assert f"posts/a.md:5  {MOVED} -> {NEW}  (redirected; moved permanently)" in err
    assert "1 dead citation(s) could not be fixed: no verified archived copy" in err


def test_diff_of_an_html_file_keeps_the_original_as_robust_links(
    web: SampleWeb, folder: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = _fix(web, capfd, "page.html")
    assert code == ExitCode.FAILED
    assert out == DIFF_HTML


def test_blogger_export_is_rewritten_inside_its_escaped_html(
    web: SampleWeb, folder: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    code, _, err = _fix(web, capfd, "export.xml", "--write")
    assert code == ExitCode.OK, err
    old = f"&lt;a href=&quot;{DEAD}&quot;&gt;"
    new = f"&lt;a href=&quot;{COPY}&quot; {ESCAPED_ROBUST}&gt;"
    written = (folder / "export.xml").read_text(encoding="utf-8")
    assert written == EXPORT.replace(old, new, 1)
    assert (folder / "export.xml.orig").read_text(encoding="utf-8") == EXPORT
    feed = parse_feed(written, str(folder / "export.xml"))
    assert feed is not None
    budget, alive = feed.entries
    assert f'<a href="{COPY}" {ROBUST}>the report</a>' in budget.content
    assert alive.content == f'<p>See <a href="{ALIVE}">this</a>.</p>'


def test_write_is_atomic_with_a_backup_and_a_second_fix_changes_nothing(
    web: SampleWeb, folder: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    (folder / "page.html").chmod(0o640)
    code, out, err = _fix(web, capfd, "page.html", "export.xml", "--write")
    assert code == ExitCode.OK, err
    code, out, err = _fix(web, capfd, "posts", "--write")
    assert code == ExitCode.FAILED, err  # posts/a.md's LOST has no copy: see the test below
    assert out == ""
    for name, original in (("posts/a.md", POST_A), ("page.html", PAGE), ("export.xml", EXPORT)):
        assert (folder / f"{name}.orig").read_bytes() == original.encode("utf-8")
    assert (folder / "page.html").stat().st_mode & 0o777 == 0o640
    assert not [p for p in folder.rglob("*.tmp")]
    after = _snapshot(folder)
    code, out, err = _fix(web, capfd, "page.html", "export.xml")
    assert (code, out) == (ExitCode.OK, ""), err
    assert "nothing to fix" in err
    code, out, err = _fix(web, capfd, "posts")
    assert (code, out) == (ExitCode.FAILED, ""), err
    assert "nothing to fix" in err
    assert _snapshot(folder) == after


def test_dead_citations_left_without_a_copy_fail_the_fix(
    web: SampleWeb, folder: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    """Like ``ruff check --fix``: 0 only when nothing is left to fix.  A dead source with no
    archived copy is left for a person, so a CI step running fix must not pass on it."""
    (folder / "lost.md").write_text(f"# Lost\n\nSee [gone]({LOST}).\n", encoding="utf-8")
    code, out, err = _fix(web, capfd, "lost.md", "--write")
    assert (code, out) == (ExitCode.FAILED, ""), err
    assert "nothing to fix" in err
    assert "1 dead citation(s) could not be fixed: no verified archived copy" in err
    code, _, err = _fix(web, capfd, "lost.md", "--fail-on", "missing-url")
    assert code == ExitCode.OK, err  # broken fails nothing under this fail_on: check passes too


def test_patch_applies_with_git_apply(
    web: SampleWeb, folder: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    code, out, _ = _fix(web, capfd, "posts", "page.html", "--patch", "fix.patch")
    assert code == ExitCode.FAILED
    assert out == ""
    patch = (folder / "fix.patch").read_bytes().decode("utf-8")
    assert patch == DIFF_MARKDOWN + DIFF_HTML
    env = {**os.environ, "GIT_CONFIG_NOSYSTEM": "1", "HOME": str(folder)}
    check = subprocess.run(
        ["git", "apply", "--check", "fix.patch"],
        cwd=folder,
        capture_output=True,
        env=env,
        check=False,
    )
    assert check.returncode == 0, check.stderr
    subprocess.run(["git", "apply", "fix.patch"], cwd=folder, check=True, env=env)
    assert (folder / "page.html").read_bytes() == PAGE.replace(
        f'href="{DEAD}"', f'href="{COPY}" {ROBUST}'
    ).replace(f'href="{MOVED}"', f'href="{NEW}"').encode("utf-8")


def test_remote_blog_gets_an_edit_list_beside_the_reports(
    web: SampleWeb, folder: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    code, out, err = _fix(web, capfd, REMOTE_POST, "--no-crawl")
    assert code == ExitCode.FAILED, err  # the author still has to make the edits
    assert out == ""
    edits = json.loads((folder / "reports" / "fix-edits.json").read_text(encoding="utf-8"))
    assert edits == {
        "edits": [
            {"post_url": REMOTE_POST, "old_url": DEAD, "new_url": COPY, "why": "broken", "line": 11}
        ]
    }
    rows = (folder / "reports" / "fix-edits.csv").read_text(encoding="utf-8-sig").splitlines()
    assert rows == ["post_url,old_url,new_url,why,line", f"{REMOTE_POST},{DEAD},{COPY},broken,11"]


@pytest.mark.parametrize(
    ("argv", "fragment"),
    [
        (["fix", "/no/such/post.md"], "no such file or folder"),
        (["fix", "x.md", "--write", "--patch", "p.diff"], "not both"),
        (["fix"], "Missing argument"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    argv: list[str],
    fragment: str,
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "x.md").write_text("# x\n", encoding="utf-8")
    code = main([*argv, "--no-store"] if len(argv) > 1 else argv)
    _, err = capsys.readouterr()
    assert code == ExitCode.ERROR
    assert len(err.strip().splitlines()) == 1, err
    assert err.startswith("citecheck: error: ") and fragment in err


WXR = f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" \
xmlns:wp="http://wordpress.org/export/1.2/">
<channel><title>WP blog</title><link>https://wp.example.com</link>
<item><title>Budget</title><link>https://wp.example.com/2025/05/budget/</link>
<pubDate>Fri, 09 May 2025 10:00:00 +0000</pubDate>
<content:encoded><![CDATA[<p>The cabinet fell: <a href="{DEAD}">the report</a>.</p>
<p>Moved: <a href="{MOVED}">here</a>. Live: <a href="{ALIVE}">alive</a>.</p>]]></content:encoded>
<wp:post_type>post</wp:post_type><wp:status>publish</wp:status></item>
<item><title>Alive only</title><link>https://wp.example.com/2025/05/alive/</link>
<pubDate>Sat, 10 May 2025 10:00:00 +0000</pubDate>
<content:encoded><![CDATA[<p>See <a href="{ALIVE}">this</a>.</p>]]></content:encoded>
<wp:post_type>post</wp:post_type><wp:status>publish</wp:status></item>
</channel></rss>
"""


def test_wordpress_export_is_rewritten_inside_its_cdata_and_a_second_fix_changes_nothing(
    web: SampleWeb, folder: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    (folder / "wp.xml").write_text(WXR, encoding="utf-8")
    code, out, err = _fix(web, capfd, "wp.xml", "--write")
    assert (code, out) == (ExitCode.OK, ""), err
    expected = WXR.replace(f'<a href="{DEAD}">', f'<a href="{COPY}" {ROBUST}>', 1).replace(
        f'<a href="{MOVED}">', f'<a href="{NEW}">', 1
    )
    assert (folder / "wp.xml").read_text(encoding="utf-8") == expected
    assert (folder / "wp.xml.orig").read_text(encoding="utf-8") == WXR
    assert f"wp.xml (https://wp.example.com/2025/05/budget/)  {DEAD} -> {COPY}" in err
    feed = parse_feed(expected, str(folder / "wp.xml"))
    assert feed is not None
    budget, alive = feed.entries
    assert f'<a href="{COPY}" {ROBUST}>the report</a>' in budget.content
    assert alive.content == f'<p>See <a href="{ALIVE}">this</a>.</p>'
    code, out, err = _fix(web, capfd, "wp.xml")
    assert (code, out) == (ExitCode.OK, ""), err
    assert "nothing to fix" in err
    assert (folder / "wp.xml").read_text(encoding="utf-8") == expected


def test_a_post_read_from_standard_input_never_rewrites_a_file_named_dash(
    web: SampleWeb,
    folder: Path,
    capfd: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Reports name standard input ``-``; a file of that name in the folder is another file."""
    bystander = f"Unrelated\n\nnotes: [x]({DEAD})\n"
    (folder / "-").write_text(bystander, encoding="utf-8")
    post = f"# From a pipe\n\n[x]({DEAD})\n"
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(post.encode())))
    code, _, err = _fix(web, capfd, "-", "--write")
    assert code == ExitCode.FAILED, err  # the repair is pending: there is no file to write
    assert (folder / "-").read_text(encoding="utf-8") == bystander
    assert not (folder / "-.orig").exists()


def test_a_file_changed_since_the_check_stops_no_other_file(
    web: SampleWeb,
    folder: Path,
    capfd: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A post edited while the check ran is said and left alone; the other posts are still
    written (session 21: the first such file ended the run with exit 2, the rest unfixed)."""
    import checker.fix  # noqa: PLC0415

    read = checker.fix.read_source
    edited = POST_A + "An edit made while citecheck ran.\n"

    def read_then_edit(path: Path) -> checker.fix.Source:
        source = read(path)
        if path.name == "a.md":  # read for the fix, then edited before it is written
            path.write_text(edited, encoding="utf-8")
        return source

    monkeypatch.setattr(checker.fix, "read_source", read_then_edit)
    code, out, err = _fix(web, capfd, "posts", "--write")
    assert code == ExitCode.FAILED, err
    assert out == ""
    assert (folder / "posts" / "a.md").read_text(encoding="utf-8") == edited
    assert not (folder / "posts" / "a.md.orig").exists()
    assert (folder / "posts" / "b.md").read_text(encoding="utf-8") == POST_B.replace(DEAD, COPY)
    assert "citecheck fix: wrote posts/b.md" in err
    assert (
        "citecheck fix: posts/a.md not written: posts/a.md changed since it was checked; "
        "run citecheck fix again"
    ) in err
    assert "citecheck: error" not in err
