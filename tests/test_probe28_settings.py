"""Session 28's probe of the settings: a report folder inside the folder of posts, and the
config's path settings given a value of the wrong type, through the real CLI on the fixture web.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from checker.cli import ExitCode, main
from checker.sampleweb import SampleWeb
from checker.sampleweb.server import Web

NEWS = "https://news.example.com"


def _web() -> Web:
    web = Web()
    web.page(f"{NEWS}/story", f"<title>A story</title><p>{'Text. ' * 40}</p>")
    web.page(f"{NEWS}/gone", "<title>Not found</title>", status=404)
    return web


@pytest.fixture(scope="module")
def site() -> Iterator[SampleWeb]:
    with SampleWeb(_web()) as web:
        yield web


def web_argv(site: SampleWeb, *args: str) -> list[str]:
    """``check ARGS`` on the fixture web: no store, no archive, its CA and --connect-to rules."""
    argv = ["check", *args, "--no-store", "--archive", "off", "--cacert", str(site.ca_path)]
    for rule in site.connect_to():
        argv += ["--connect-to", rule]
    return argv


def test_reports_written_inside_the_posts_folder_are_not_read_back_as_posts(
    site: SampleWeb,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """``check posts/ --report-dir posts/reports`` twice: the second run checks the one post,
    not its first run's report.md and report.html (which cite what the post cites)."""
    posts = tmp_path / "posts"
    posts.mkdir()
    (posts / "post.md").write_text(
        f"# A post\n\nSee [the story]({NEWS}/story) and [this]({NEWS}/gone).\n", encoding="utf-8"
    )
    monkeypatch.chdir(tmp_path)
    formats = "json,md,html,junit,sarif,csv"
    for _ in range(2):
        code = main(web_argv(site, "posts", "--report-dir", "posts/reports", "--format", formats))
        out, err = capsys.readouterr()
        assert code == ExitCode.FAILED, out + err
    report = json.loads((posts / "reports" / "report.json").read_text(encoding="utf-8"))
    assert [d["origin"] for d in report["documents"]] == ["posts/post.md"]
    assert report["summary"]["findings"] == {"broken": 1}
    # the same folder named another way (absolute, through ..) is the same folder
    code = main(web_argv(site, str(posts), "--report-dir", f"{posts}/../posts/reports"))
    out, err = capsys.readouterr()
    assert code == ExitCode.FAILED, out + err
    report = json.loads((posts / "reports" / "report.json").read_text(encoding="utf-8"))
    assert len(report["documents"]) == 1
    # near miss: a post of that name outside the report folder is a post
    (posts / "report.md").write_text(f"# R\n\nSee [it]({NEWS}/story).\n", encoding="utf-8")
    code = main(web_argv(site, "posts", "--report-dir", "posts/reports"))
    out, err = capsys.readouterr()
    report = json.loads((posts / "reports" / "report.json").read_text(encoding="utf-8"))
    assert sorted(d["origin"] for d in report["documents"]) == ["posts/post.md", "posts/report.md"]


@pytest.mark.parametrize(
    ("setting", "said"),
    [
        ("report_dir = 5", "report_dir must be a path (got 5)"),
        ('report_dir = ["out"]', "report_dir must be a path (got ['out'])"),
        ('report_dir = ""', "report_dir must be a path (got '')"),
        ("report_dir = true", "report_dir must be a path (got True)"),
        ("local_roots = [5]", "local_roots must be a path (got 5)"),
    ],
)
def test_a_path_setting_of_another_type_is_one_line(
    setting: str,
    said: str,
    site: SampleWeb,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Exit 2 and the one line, before anything is fetched or written (no folder ``5``)."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "post.md").write_text(f"# P\n\nSee [it]({NEWS}/story).\n", encoding="utf-8")
    (tmp_path / "citecheck.toml").write_text(setting + "\n", encoding="utf-8")
    asked = site.count(f"{NEWS}/story")
    code = main(web_argv(site, "post.md"))
    out, err = capsys.readouterr()
    assert code == ExitCode.ERROR, out + err
    assert err.count("\n") == 1 and said in err, err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["citecheck.toml", "post.md"]
    assert site.count(f"{NEWS}/story") == asked


def test_retries_past_a_hundred_are_one_line(
    site: SampleWeb, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``--retries 1000000000`` and a lasting 503 kept a run going for good: exit 2 now."""
    post = tmp_path / "post.md"
    post.write_text(f"# P\n\nSee [it]({NEWS}/story).\n", encoding="utf-8")
    code = main(web_argv(site, str(post), "--retries", "1000000000", "--report-dir", str(tmp_path)))
    out, err = capsys.readouterr()
    assert code == ExitCode.ERROR, out + err
    assert err.count("\n") == 1 and "--retries must be at most 100" in err, err
    # near miss: a hundred is a setting
    code = main(web_argv(site, str(post), "--retries", "100", "--dump"))
    out, err = capsys.readouterr()
    assert code == ExitCode.OK, out + err
    assert f"{NEWS}/story" in out
