"""The flags a lychee user reaches for, through the fixture web where they change a request.

Each run is a real ``citecheck check`` (``main``) against real HTTP/TLS servers on 127.0.0.1
reached by ``--connect-to``: the server sees the headers, answers 401/403/429, and the report
says what the flags made of it.
"""

from __future__ import annotations

import gzip
import io
import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from checker.cli import ExitCode, main
from checker.sampleweb import Response, SampleWeb, Web
from checker.sampleweb.server import Request
from tests.e2e.blogger import article_page

NEWS = "https://www.example-news.com"
SECRET = "Bearer s3cret-t0ken-abc"
SEEN_AGENTS: list[str] = []


def _needs_auth(request: Request) -> Response:
    """The source shows itself only to the right credential, like a members' page."""
    if request.header("Authorization") != SECRET:
        return Response(401, (("Content-Type", "text/plain"),), b"who are you?")
    page = article_page("Members Only Story", site="Example News")
    return Response(200, (("Content-Type", "text/html; charset=utf-8"),), page.encode())


def _agent(request: Request) -> Response:
    SEEN_AGENTS.append(request.header("User-Agent") or "")
    page = article_page("An Ordinary Story", site="Example News")
    return Response(200, (("Content-Type", "text/html; charset=utf-8"),), page.encode())


@pytest.fixture(scope="module")
def site() -> Iterator[SampleWeb]:
    web = Web()
    web.page(f"{NEWS}/", article_page("Example News", site="Example News"))
    web.add(f"{NEWS}/members", _needs_auth)
    web.add(f"{NEWS}/agent", _agent)
    web.add(f"{NEWS}/limited", Response(429, (("Content-Type", "text/plain"),), b"slow down"))
    web.add(f"{NEWS}/forbidden", Response(403, (("Content-Type", "text/plain"),), b"no"))
    web.page(
        f"{NEWS}/list.html",
        f'<html><body><article><p><a href="{NEWS}/agent">a story</a></p></article></body></html>',
    )
    with SampleWeb(web) as served:
        yield served


def _post(tmp_path: Path, *paths: str) -> Path:
    post = tmp_path / "post.md"
    links = "\n".join(f"- [source {i}]({NEWS}{p})" for i, p in enumerate(paths))
    post.write_text(f"# A post\n\n{links}\n", encoding="utf-8")
    return post


def _web_flags(site: SampleWeb, tmp_path: Path) -> list[str]:
    flags = ["--cacert", str(site.ca_path), "--no-store", "--report-dir", str(tmp_path / "r")]
    for rule in site.connect_to():
        flags += ["--connect-to", rule]
    return [*flags, "--max-retries", "0", "--archive", "off"]


def _statuses(report_dir: Path) -> dict[str, str]:
    data = json.loads((report_dir / "report.json").read_text(encoding="utf-8"))
    return {c["url"]: c["status"] for d in data["documents"] for c in d["citations"]}


def test_header_reaches_the_server_and_is_never_printed(
    site: SampleWeb, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    post = _post(tmp_path, "/members")
    flags = _web_flags(site, tmp_path)
    code = main(["check", str(post), *flags, "--warc", "--format", "json,md,html,sarif,csv"])
    without = _statuses(tmp_path / "r")[f"{NEWS}/members"]
    out, err = capsys.readouterr()
    assert code == ExitCode.OK and without == "blocked", out  # 401: only a warning
    code = main(
        [
            "check", str(post), *flags, "-H", f"Authorization: {SECRET}", "--warc",
            "--header", "X-Team: s3cret-team",
            "--format", "json,md,html,sarif,csv", "-v",
        ]
    )  # fmt: skip
    out, err = capsys.readouterr()
    assert code == ExitCode.OK, out + err
    assert _statuses(tmp_path / "r")[f"{NEWS}/members"] == "ok"
    assert "s3cret" not in out + err
    for written in (tmp_path / "r").iterdir():
        data = written.read_bytes()
        if written.name.endswith(".gz"):
            data = gzip.decompress(data)
            assert b"x-team: REDACTED" in data  # the request record is there, its value is not
        assert b"s3cret" not in data, written.name


def test_a_bad_header_is_one_line_without_its_value(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["check", "x.md", "-H", "Authorization Bearer s3cret"])
    _, err = capsys.readouterr()
    assert code == ExitCode.ERROR
    assert err.count("\n") == 1 and "s3cret" not in err
    assert err.startswith('citecheck: error: -H: expected "Name: value"')


def test_user_agent_is_what_the_server_sees(
    site: SampleWeb, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    SEEN_AGENTS.clear()
    post = _post(tmp_path, "/agent")
    code = main(["check", str(post), *_web_flags(site, tmp_path), "--user-agent", "my-bot/1.0"])
    capsys.readouterr()
    assert code == ExitCode.OK
    assert SEEN_AGENTS and set(SEEN_AGENTS) == {"my-bot/1.0"}


def test_accept_makes_a_429_and_a_403_ok(
    site: SampleWeb, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    post = _post(tmp_path, "/limited", "/forbidden")
    flags = _web_flags(site, tmp_path)
    main(["check", str(post), *flags])
    assert set(_statuses(tmp_path / "r").values()) == {"blocked"}
    code = main(["check", str(post), *flags, "--accept", "200..=299,403,429..430"])
    out, _ = capsys.readouterr()
    assert code == ExitCode.OK, out
    assert set(_statuses(tmp_path / "r").values()) == {"ok"}
    data = json.loads((tmp_path / "r" / "report.json").read_text(encoding="utf-8"))
    notes = {c["note"] for d in data["documents"] for c in d["citations"]}
    assert notes == {"HTTP 429 accepted (--accept)", "HTTP 403 accepted (--accept)"}


def test_dump_lists_citations_and_fetches_nothing(
    site: SampleWeb, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    SEEN_AGENTS.clear()
    post = _post(tmp_path, "/agent", "/members")
    code = main(["check", str(post), *_web_flags(site, tmp_path), "--dump"])
    out, err = capsys.readouterr()
    assert code == ExitCode.OK, err
    assert out.splitlines() == [f"{post}:3  {NEWS}/agent", f"{post}:4  {NEWS}/members"]
    assert SEEN_AGENTS == []
    assert not (tmp_path / "r").exists()


def test_dump_reads_a_page_input_but_not_its_citations(
    site: SampleWeb, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    SEEN_AGENTS.clear()
    code = main(["check", f"{NEWS}/list.html", *_web_flags(site, tmp_path), "--dump"])
    out, _ = capsys.readouterr()
    assert code == ExitCode.OK
    assert out.splitlines() == [f"{NEWS}/list.html:1  {NEWS}/agent"]
    assert SEEN_AGENTS == []


def _stdin(monkeypatch: pytest.MonkeyPatch, data: bytes) -> None:
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(data)))


def test_stdin_list_of_urls(
    site: SampleWeb,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """As lychee does: each line of a list of URLs is a link to check, not a blog to crawl (the
    list page's own links are not followed; a dead line is a finding, exit 1, not exit 2)."""
    _stdin(monkeypatch, f"{NEWS}/list.html\n\n  {NEWS}/gone  \n{NEWS}/list.html\n".encode())
    code = main(["check", "-", *_web_flags(site, tmp_path)])
    out, _ = capsys.readouterr()
    assert code == ExitCode.FAILED, out
    assert _statuses(tmp_path / "r") == {f"{NEWS}/list.html": "ok", f"{NEWS}/gone": "broken"}
    data = json.loads((tmp_path / "r" / "report.json").read_text(encoding="utf-8"))
    assert data["inputs"] == ["-"]
    _stdin(monkeypatch, f"{NEWS}/list.html\n\n{NEWS}/gone\n".encode())
    assert main(["check", "-", "--dump"]) == ExitCode.OK
    assert capsys.readouterr().out == f"-:1  {NEWS}/list.html\n-:3  {NEWS}/gone\n"


def test_stdin_document(
    site: SampleWeb,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _stdin(monkeypatch, f"# Notes\n\nSee [the story]({NEWS}/forbidden).\n".encode())
    code = main(["check", "-", *_web_flags(site, tmp_path), "--accept", "403"])
    out, _ = capsys.readouterr()
    assert code == ExitCode.OK, out
    assert _statuses(tmp_path / "r") == {f"{NEWS}/forbidden": "ok"}
    data = json.loads((tmp_path / "r" / "report.json").read_text(encoding="utf-8"))
    assert data["inputs"] == ["-"]  # not the temporary file that held it
    assert [d["origin"] for d in data["documents"]] == ["-"]
    _stdin(monkeypatch, f"# Notes\n\nSee [the story]({NEWS}/forbidden).\n".encode())
    assert main(["check", "-", "--dump"]) == ExitCode.OK
    assert capsys.readouterr().out == f"-:3  {NEWS}/forbidden\n"


def test_empty_stdin_is_one_line(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    _stdin(monkeypatch, b"\n  \n")
    code = main(["check", "-"])
    _, err = capsys.readouterr()
    assert code == ExitCode.ERROR
    assert err == "citecheck: error: -: standard input is empty\n"


def test_exclude_path_leaves_files_of_a_folder_out(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    posts = tmp_path / "posts"
    (posts / "drafts").mkdir(parents=True)
    (posts / "a.md").write_text("[x](https://example.com/a)\n", encoding="utf-8")
    (posts / "drafts" / "b.md").write_text("[y](https://example.com/b)\n", encoding="utf-8")
    code = main(["check", str(posts), "--dump", "--exclude-path", "/drafts/"])
    out, _ = capsys.readouterr()
    assert code == ExitCode.OK
    assert out.splitlines() == [f"{posts / 'a.md'}:1  https://example.com/a"]
    code = main(["check", str(posts), "--dump", "--exclude-path", r"\.md$"])
    _, err = capsys.readouterr()
    assert code == ExitCode.ERROR
    assert "every page in the folder matches --exclude-path" in err


def test_output_file_holds_the_one_format(
    site: SampleWeb, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    post = _post(tmp_path, "/agent")
    target = tmp_path / "links.sarif"
    code = main(["check", str(post), *_web_flags(site, tmp_path), "-o", str(target),
                 "--format", "sarif"])  # fmt: skip
    out, _ = capsys.readouterr()
    assert code == ExitCode.OK
    assert json.loads(target.read_text(encoding="utf-8"))["version"] == "2.1.0"
    assert not (tmp_path / "r").exists()
    assert f"citecheck: wrote {target}" in out


def test_output_to_stdout_keeps_stdout_for_the_report(
    site: SampleWeb, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    post = _post(tmp_path, "/agent")
    code = main(["check", str(post), *_web_flags(site, tmp_path), "-o", "-"])
    out, err = capsys.readouterr()
    assert code == ExitCode.OK
    assert json.loads(out)["summary"]["citations"] == 1  # json unless --format says otherwise
    assert "citecheck: 1 input, 1 post" in err


def test_output_wants_one_format(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code = main(["check", "x.md", "-o", str(tmp_path / "x"), "--format", "json,md"])
    _, err = capsys.readouterr()
    assert code == ExitCode.ERROR
    assert "-o/--output writes one report: give one --format (got json,md)" in err


def test_output_that_is_an_input_or_no_file_is_refused_before_the_run(
    site: SampleWeb, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``-o post.md`` replaced the post with the JSON report; ``-o ''`` crashed (exit 3)."""
    post = _post(tmp_path, "/agent")
    before = post.read_bytes()
    for command in ("check", "fix"):
        target = str(tmp_path / "." / post.name)
        code = main([command, str(post), *_web_flags(site, tmp_path), "-o", target])
        _, err = capsys.readouterr()
        assert code == ExitCode.ERROR
        assert err.count("\n") == 1 and "is also an input: the report would replace it" in err
    assert post.read_bytes() == before
    code = main(["check", str(post), *_web_flags(site, tmp_path), "-o", ""])
    _, err = capsys.readouterr()
    assert code == ExitCode.ERROR
    assert err == "citecheck: error: -o/--output: name a file, or - for standard output\n"


def test_fix_patch_that_is_an_input_or_no_file_is_refused_before_the_run(
    site: SampleWeb, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``fix post.md --patch post.md`` replaced the post with an empty patch."""
    post = _post(tmp_path, "/agent")
    before = post.read_bytes()
    flags = _web_flags(site, tmp_path)
    for patch, message in (
        (str(post), f"--patch {post} is also an input: the patch would replace it"),
        ("", "--patch: name a file"),
        ("-", "--patch: name a file (without it the diff goes to stdout)"),
    ):
        code = main(["fix", str(post), *flags, "--patch", patch])
        _, err = capsys.readouterr()
        assert code == ExitCode.ERROR
        assert err == f"citecheck: error: {message}\n"
    assert post.read_bytes() == before


def test_binary_stdin_is_named_dash_not_a_temporary_file(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The error named /tmp/citecheck-stdin-XXXX/stdin.md, a file gone when the run ends."""
    _stdin(monkeypatch, bytes(range(256)) * 20)
    code = main(["check", "-", "--dump"])
    _, err = capsys.readouterr()
    assert code == ExitCode.ERROR
    assert err == "citecheck: error: -: not a text file (binary content)\n"
