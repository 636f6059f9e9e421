"""A folder's files of no post kind are said (``files-not-read``), never skipped in silence.

A folder's ``.tex`` and ``.textile`` posts, a ``NOTES`` file with no suffix and a stylesheet were
left out with no word: the run said "1 post, findings: none" as if the folder held nothing
else.  The prose markups are now read as text (lychee reads plain text for URLs); what is still
not read (other text, a blog's images and PDFs) is one ``files-not-read`` note per folder, in
the report and in ``--dump``.  It is info: a blog folder's images are its assets and fail no
run (``--fail-on warning``).
"""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

from checker.discover.inputs import discover_inputs
from checker.sampleweb import Response, SampleWeb, Web
from tests.fetch.support import run_citecheck

_PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"
_HTML = ("Content-Type", "text/html; charset=utf-8")
CITED = "https://news.example/story"


def _folder(tmp_path: Path, *, text_extras: bool = True) -> Path:
    folder = tmp_path / "blog"
    (folder / "static").mkdir(parents=True)
    (folder / "post.md").write_text(f"# Post\n\nSee [the story]({CITED}).\n", encoding="utf-8")
    (folder / "static" / "photo.png").write_bytes(_PNG)
    (folder / "static" / "paper.pdf").write_bytes(b"%PDF-1.4\n\x00\x01\x02")
    (folder / "static" / "blob").write_bytes(b"\x00\x01\x02\x03" * 100)  # binary, no suffix
    if text_extras:
        (folder / "paper.tex").write_text(
            "\\section{Paper}\nSee \\href{https://tex.example/paper}{the paper}.\n",
            encoding="utf-8",
        )
        (folder / "note.textile").write_text('"Report":https://textile.example/r\n')
        (folder / "NOTES").write_text("See https://notes.example/x\n", encoding="utf-8")
        (folder / "static" / "site.css").write_text("a { color: red }\n", encoding="utf-8")
    return folder


def test_the_folder_walk_reads_the_prose_markups_and_lists_the_rest(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    (discovery,) = asyncio.run(discover_inputs([str(folder)], None))  # type: ignore[arg-type]
    assert sorted(Path(p.origin or "").name for p in discovery.pages) == [
        "note.textile",
        "paper.tex",
        "post.md",
    ]
    assert {(Path(f.path).name, f.binary) for f in discovery.other_files} == {
        ("NOTES", False),
        ("site.css", False),
        ("photo.png", True),
        ("paper.pdf", True),
        ("blob", True),
    }


def test_dump_names_the_files_not_read(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    done = run_citecheck(["check", str(folder), "--dump"], tmp_path)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert f"{folder / 'paper.tex'}:2  https://tex.example/paper" in lines
    (note,) = [line for line in lines if "[files-not-read]" in line]
    assert note.startswith(f"{folder}  [files-not-read] 5 files")
    assert "2 text" in note and "3 binary" in note and str(folder / "NOTES") in note


def _check(folder: Path, tmp_path: Path, *flags: str) -> tuple[int, dict[str, object]]:
    web = Web()
    page = b"<html><head><title>The story</title></head><body><h1>The story</h1></body></html>"
    web.add(CITED, Response(200, (_HTML,), page))
    web.add("https://tex.example/paper", Response(200, (_HTML,), page))
    web.add("https://textile.example/r", Response(200, (_HTML,), page))
    with SampleWeb(web) as site:
        rules = [arg for rule in site.connect_to() for arg in ("--connect-to", rule)]
        done = run_citecheck(
            ["check", str(folder), *rules, "--cacert", str(site.ca_path), "--retries", "0",
             "--archive", "off", "--report-dir", str(tmp_path / "reports"), "--format", "json",
             *flags],
            tmp_path,
        )  # fmt: skip
    assert done.returncode in (0, 1), done.stderr
    report = json.loads((tmp_path / "reports" / "report.json").read_text(encoding="utf-8"))
    return done.returncode, report


def test_a_blog_folders_images_are_a_note_that_fails_no_run(tmp_path: Path) -> None:
    folder = _folder(tmp_path, text_extras=False)
    code, report = _check(folder, tmp_path, "--fail-on", "warning")
    assert code == 0
    problems = report["problems"]
    assert isinstance(problems, list)
    (note,) = [p for p in problems if p["code"] == "files-not-read"]
    assert note["subject"] == str(folder)
    assert (note["severity"], note["failing"]) == ("info", False)
    assert "3 binary" in note["message"]


def test_a_folder_of_no_posts_says_what_it_holds(tmp_path: Path) -> None:
    folder = tmp_path / "assets"
    folder.mkdir()
    (folder / "photo.png").write_bytes(_PNG)
    (folder / "NOTES").write_text("https://notes.example/x\n", encoding="utf-8")
    done = run_citecheck(["check", str(folder), "--dump"], tmp_path)
    assert done.returncode == 2
    assert done.stderr.strip().endswith("its 2 other file(s) are of no post kind")
    assert "Traceback" not in done.stderr
