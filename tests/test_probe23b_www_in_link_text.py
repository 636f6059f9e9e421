"""Probe 23b: a bare ``www.`` host inside a Markdown link's own text.

``[www.brand.example](http://src.example/)`` is one link: GFM (GitHub, GitLab, goldmark) makes
no autolink inside a link, and the reader sees one address to click.  The text was also made a
link of its own, ``http://www.brand.example``: a second citation nobody wrote, requested, and a
false ``broken`` wherever that host does not serve plain HTTP (a brand's shop name, an old
domain shown as the text of its new address).  Run through the real command, against loopback
servers (``--connect-to``).
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


def _cited(text: str) -> list[str | None]:
    (doc,) = extract(Page("file:///p/post.md", "post.md", f"# T\n\n{text}\n", PageKind.MARKDOWN))
    return [c.url for c in doc.citations]


def test_a_www_link_text_is_checked_once_by_its_destination(
    serve: list[OneAnswerServer], tmp_path: Path
) -> None:
    site = OneAnswerServer(http_answer("200 OK", "text/html", b"<title>Brand</title><p>Hi</p>"))
    other = OneAnswerServer(http_answer("404 Not Found", "text/html", b"<p>no</p>"))
    serve += [site, other]
    post = tmp_path / "post.md"
    post.write_text("# T\n\nShop at [www.brand.example](http://src.example/) today.\n")
    command = [
        sys.executable, "-m", "checker", "check", str(post), "--no-store", "--retries", "0",
        "--timeout", "5", "--archive", "off", "-o", "-",
        "--connect-to", f"src.example:80:127.0.0.1:{site.port}",
        "--connect-to", f"www.brand.example:80:127.0.0.1:{other.port}",
    ]  # fmt: skip
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        command, capture_output=True, text=True, cwd=tmp_path, env=env, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr
    assert other.requests == 0
    assert site.requests >= 1
    report = json.loads(done.stdout)
    assert "www.brand.example" not in json.dumps(report)


@pytest.mark.parametrize(
    ("text", "urls"),
    [
        ("[see www.a.example now](https://b.example/)", ["https://b.example/"]),
        ("[**www.a.example**](https://b.example/)", ["https://b.example/"]),
        ("<https://b.example/> and www.a.example", ["https://b.example/", "http://www.a.example"]),
        ("[x](https://b.example/) www.a.example", ["https://b.example/", "http://www.a.example"]),
    ],
)
def test_only_text_outside_links_makes_www_links(text: str, urls: list[str]) -> None:
    assert _cited(text) == urls
