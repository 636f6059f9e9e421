"""Every output of a real run is safe to publish: no credential, no crash on a bad file name.

The run goes through the CLI against the fixture web on loopback (--connect-to), writes every
report format, prints GitHub annotations and ``-v`` lines and appends the step summary: those
are what a CI log and an artifact upload show.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from checker.cli import ExitCode, main
from checker.config import FORMAT_NAMES
from checker.sampleweb import SampleWeb
from checker.sampleweb.server import Web

NEWS = "https://news.example.com"
SECRETS = ("hunter2", "tok-SECRET-1", "sig-SECRET-2", "amz-SECRET-3", "tok-SECRET-4", "pw-SECRET-5")
CITED = (
    "https://reader:hunter2@news.example.com/story?access_token=tok-SECRET-1&page=2",
    f"{NEWS}/gone?sig=sig-SECRET-2",
    f"{NEWS}/moved?X-Amz-Signature=amz-SECRET-3",
)


# A right-to-left override in the path, and a host with a Cyrillic "а" (as punycode).
DECEPTIVE = (f"{NEWS}/invoice\u202egpj.html", "https://xn--pypal-4ve.com/login")


def _web() -> Web:
    web = Web()
    title = "Story (mirror: https://u:pw-SECRET-5@mirror.example.com/story)"
    web.page(
        f"{NEWS}/story?access_token=tok-SECRET-1&page=2",
        f"<html><head><title>{title}</title></head><body><p>{'Text. ' * 50}</p></body></html>",
    )
    web.page(f"{NEWS}/gone?sig=sig-SECRET-2", "<title>Not found</title>", status=404)
    web.redirect(f"{NEWS}/moved?X-Amz-Signature=amz-SECRET-3", f"{NEWS}/new?token=tok-SECRET-4")
    web.page(f"{NEWS}/new?token=tok-SECRET-4", "<title>Moved story</title><p>Here.</p>")
    for url in DECEPTIVE:
        web.page(url, "<title>Looks fine</title><p>Here.</p>")
    return web


@pytest.fixture(scope="module")
def site() -> Iterator[SampleWeb]:
    with SampleWeb(_web()) as web:
        yield web


def _check(
    site: SampleWeb, inputs: list[str], report_dir: Path, capsys: pytest.CaptureFixture[str]
) -> tuple[int, str]:
    """Run ``check`` with every output on; return the exit code and everything it showed."""
    argv = ["check", *inputs, "--report-dir", str(report_dir), "--no-store", "-v"]
    argv += ["--format", ",".join(FORMAT_NAMES), "--cacert", str(site.ca_path)]
    for rule in site.connect_to():
        argv += ["--connect-to", rule]
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out + err


LINKS_POST = "# A post\n\n" + "".join(f"See [story {n}]({url}).\n\n" for n, url in enumerate(CITED))


def test_no_credential_reaches_any_output(
    site: SampleWeb,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    post = tmp_path / "post.md"
    post.write_text(LINKS_POST, encoding="utf-8")
    code, shown = _check(site, [str(post)], tmp_path / "r", capsys)
    assert code == ExitCode.FAILED, shown  # the 404 is a failing finding
    files = {p.name: p.read_text(encoding="utf-8") for p in (tmp_path / "r").iterdir()}
    assert len(files) == len(FORMAT_NAMES)
    files["stdout+stderr"] = shown
    files["step summary"] = summary.read_text(encoding="utf-8")
    leaks = [(name, s) for name, text in files.items() for s in SECRETS if s in text]
    assert not leaks
    # the run did see them: what is shown is the redacted form
    assert "https://REDACTED@news.example.com/story?access_token=REDACTED&page=2" in shown
    assert "::" in shown and "broken" in shown  # annotations were printed
    assert "new?token=REDACTED" in files["report.json"]  # the redirect's target


def test_a_file_name_that_is_not_utf8_is_reported(
    site: SampleWeb, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "posts"
    folder.mkdir()
    name = os.fsencode(folder) + b"/" + "記事-".encode() + b"\xff\xfe.md"
    with open(name, "w", encoding="utf-8") as handle:
        handle.write(f"# A post\n\nSee [the story]({NEWS}/gone?sig=sig-SECRET-2).\n")
    code, shown = _check(site, [str(folder)], tmp_path / "r", capsys)
    assert code == ExitCode.FAILED, shown
    assert "Traceback" not in shown
    report = (tmp_path / "r" / "report.json").read_text(encoding="utf-8")
    assert "記事-\ufffd\ufffd.md" in report
    for path in (tmp_path / "r").iterdir():
        path.read_bytes().decode("utf-8")  # every format is valid UTF-8


def test_deceptive_urls_are_flagged_and_shown_escaped(
    site: SampleWeb, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    post = tmp_path / "post.md"
    post.write_text(
        "# A post\n\n" + "".join(f"See [this]({url}).\n\n" for url in DECEPTIVE),
        encoding="utf-8",
    )
    code, shown = _check(site, [str(post)], tmp_path / "r", capsys)
    assert code == ExitCode.OK, shown  # a warning does not fail the run by default
    report = json.loads((tmp_path / "r" / "report.json").read_text(encoding="utf-8"))
    citations = {c["url"]: c for d in report["documents"] for c in d["citations"]}
    shown_url = f"{NEWS}/invoice%E2%80%AEgpj.html"
    assert set(citations) == {shown_url, DECEPTIVE[1]}
    for citation in citations.values():
        assert citation["status"] == "ok"
        assert [f["code"] for f in citation["findings"]] == ["deceptive-url"]
    assert "xn--pypal-4ve.com mixes Cyrillic and Latin" in str(citations[DECEPTIVE[1]])
    for path in (tmp_path / "r").iterdir():
        assert "\u202e" not in path.read_text(encoding="utf-8"), path.name
    assert "\u202e" not in shown and shown_url in shown  # -v
