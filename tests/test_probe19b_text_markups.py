"""Probe 19b: reStructuredText, AsciiDoc and Org files in a folder are posts, read for their links.

A folder of posts with ``b.rst``, ``c.adoc`` and ``d.org`` beside ``a.md`` was checked as one
post: the others were left out and the summary did not count them.  lychee reads any plain-text
file for URLs; each markup's links are URLs written out (reST `` `text <URL>`_ `` and
``.. _name: URL``, AsciiDoc ``URL[text]`` and ``link:URL[text]``, Org ``[[URL][text]]``), which
the text extractor finds.
"""

from __future__ import annotations

from pathlib import Path

from tests.fetch.support import run_citecheck

_FILES = {
    "a.md": "# Post\n\nSee [a](https://md.example/a).\n",
    "b.rst": "Title\n=====\n\nSee `the report <https://rst.example/r1>`_ and "
    "https://rst.example/bare.\n\n.. _named: https://rst.example/target\n",
    "c.adoc": "= Title\n\nSee https://adoc.example/a[the article] and "
    "link:https://adoc.example/b[this].\n",
    "d.org": "* Title\n\nSee [[https://org.example/a][the article]] and https://org.example/b.\n",
    "e.asciidoc": "= T\n\nhttps://asciidoc.example/x[x]\n",
    "f.rest": "T\n=\n\n`x <https://rest.example/y>`_\n",
}


def test_every_text_markup_in_a_folder_is_read_for_its_links(tmp_path: Path) -> None:
    folder = tmp_path / "posts"
    folder.mkdir()
    for name, text in _FILES.items():
        (folder / name).write_text(text, encoding="utf-8")
    done = run_citecheck(["check", str(folder), "--dump"], tmp_path)
    assert done.returncode == 0, done.stderr
    found = {
        (Path(line.split()[0]).name.split(":")[0], line.split()[1])
        for line in done.stdout.splitlines()
    }
    assert found == {
        ("a.md", "https://md.example/a"),
        ("b.rst", "https://rst.example/r1"),
        ("b.rst", "https://rst.example/bare"),
        ("b.rst", "https://rst.example/target"),
        ("c.adoc", "https://adoc.example/a"),
        ("c.adoc", "https://adoc.example/b"),
        ("d.org", "https://org.example/a"),
        ("d.org", "https://org.example/b"),
        ("e.asciidoc", "https://asciidoc.example/x"),
        ("f.rest", "https://rest.example/y"),
    }
