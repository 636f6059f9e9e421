"""Probe 23b: MDX comments (``{/* … */}``, probe 23's blanking) may hide only what they hold.

- In a code span or a fenced block ``{/*`` is text MDX shows: a post about MDX comments
  (``open one with `{/*`, see [the docs](…), close it with `*/}```) lost every link between the
  two, with no word.
- Blanked to spaces, a comment opening a line made the rest of that line an indented code
  block (MDX has none): ``{/* note */} [a link](…)`` lost its link.

Each run through the real command, against a loopback server (``--connect-to``).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from checker.extract import extract
from checker.model import Page, PageKind
from tests.fetch.support import OneAnswerServer, http_answer, one_answer_sites

serve = one_answer_sites
ROOT = Path(__file__).resolve().parent.parent

POST = (
    "# Comments in MDX\n\n"
    "Open a comment with `{/*`, read [the guide](http://src.example/guide), close with `*/}`.\n\n"
    "```mdx\n{/* a sample comment, left open in this block\n```\n\n"
    "See [the reference](http://src.example/reference).\n\n"
    "```mdx\n*/}\n```\n\n"
    "{/* TODO http://src.example/hidden */} Also [the FAQ](http://src.example/faq).\n"
)


def _cited(body: str) -> list[tuple[str | None, int]]:
    (doc,) = extract(Page("file:///p/post.mdx", "post.mdx", body, PageKind.MARKDOWN))
    return [(c.url, c.line) for c in doc.citations]


def test_links_beside_comment_marks_in_code_are_checked(
    serve: list[OneAnswerServer], tmp_path: Path
) -> None:
    site = OneAnswerServer(http_answer("200 OK", "text/html", b"<title>Guide</title><p>Hi</p>"))
    serve.append(site)
    post = tmp_path / "post.mdx"
    post.write_text(POST, encoding="utf-8")
    command = [
        sys.executable, "-m", "checker", "check", str(post), "--no-store", "--retries", "0",
        "--timeout", "5", "--archive", "off", "-o", "-",
        "--connect-to", f"src.example:80:127.0.0.1:{site.port}",
    ]  # fmt: skip
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        command, capture_output=True, text=True, cwd=tmp_path, env=env, timeout=120, check=False
    )
    assert done.returncode in (0, 1), done.stderr
    (document,) = json.loads(done.stdout)["documents"]
    cited = [(c["url"], c["line"]) for c in document["citations"]]
    assert cited == [
        ("http://src.example/guide", 3),
        ("http://src.example/reference", 9),
        ("http://src.example/faq", 15),
    ]


@pytest.mark.parametrize(
    ("body", "cited"),
    [
        ("# T\n\n{/* x */} [a](https://a.example/)\n", [("https://a.example/", 3)]),
        ("# T\n\n{/* x\ny */}    [a](https://a.example/)\n", [("https://a.example/", 4)]),
        (
            "# T\n\nA `` ` `` {/* [h](https://h.example/) */} [a](https://a.example/)\n",
            [("https://a.example/", 3)],
        ),
        ("# T\n\n~~~\n{/*\n~~~\n[a](https://a.example/) */}\n", [("https://a.example/", 6)]),
    ],
)
def test_only_a_comment_outside_code_hides_its_text(
    body: str, cited: list[tuple[str, int]]
) -> None:
    assert _cited(body) == cited
