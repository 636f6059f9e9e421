"""Session 27 (left27): session 26's named silent passes, through the real CLI on the fixture web.

* A post split into more parts than the crawl reads (``blogger.post_parts``, at most 100) had
  the parts past the cap left out without a word, exit 0: said now, as the pager's and the
  feed's caps are.
* A notebook cell whose text is a shape the cell reader skips (a ``source`` that is an object,
  a list holding an object, a cell that is a bare string) lost its links without a word: the
  notebook is then no notebook Jupyter opens, and is read as JSON text (every string), as any
  other JSON file is.
* An HTML post's new fragments of a page already read took slots of the citation cap, where a
  Markdown or text post's do not (session 26, ``lines._Budget``): 1,500 ``#sec-i`` links then a
  dead link, the dead link "past the cap" and unchecked in HTML only.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from checker.cli import ExitCode
from checker.sampleweb import Web
from tests.test_probe24_sitemap_listings import run_on_web
from tests.test_probe26b2_notebooks import SOURCE as NOTEBOOK_SOURCE
from tests.test_probe26b2_notebooks import _notebook
from tests.test_probe26b2_notebooks import _web as _notebook_web

HOST = "https://blog.fixture-l27s.example"
SOURCE = "https://src.fixture-l27s.example"
_PARTS = 106  # part 1 and 105 later parts: the crawl reads 100 of them


def _part(number: int) -> str:
    base = f"{HOST}/2024/05/long/"
    links = "".join(
        f"<a href='{base if n == 1 else f'{base}{n}/'}' class='post-page-numbers'>{n}</a> "
        for n in range(1, _PARTS + 1)
        if n != number
    )
    return (
        f"<!DOCTYPE html><html><head><title>long part {number}</title></head><body><article>"
        f"<h1>long part {number}</h1><p>Part {number} of the long post cites "
        f"<a href='{SOURCE}/live'>its source</a> with words around the link.</p>"
        f"<p class='post-nav-links'>Pages: {links}</p></article></body></html>"
    )


def _parts_web() -> Web:
    web = Web()
    web.page(f"{SOURCE}/live", "<title>live</title><p>A live page.</p>")
    base = f"{HOST}/2024/05/long/"
    for number in range(1, _PARTS + 1):
        web.page(base if number == 1 else f"{base}{number}/", _part(number))
    return web


def test_a_post_s_parts_past_the_crawl_s_cap_are_said(tmp_path: Path) -> None:
    code, report, asked = run_on_web(_parts_web(), f"{HOST}/2024/05/long/", tmp_path)
    read = {d["url"] for d in report["documents"]}
    assert len(read) == 101  # the post and its first 100 later parts
    assert f"{HOST}/2024/05/long/102/" not in asked
    said = [p for p in report["problems"] if p["subject"] == f"{HOST}/2024/05/long/102/"]
    assert len(said) == 1, report["problems"]
    assert said[0]["code"] == "post-unreadable"
    assert "100 parts" in said[0]["message"]
    assert "5 parts" in said[0]["message"]  # 102 to 106
    assert code == ExitCode.FAILED  # was 0: parts 102-106 left out without a word


def _markdown(source: Any) -> dict[str, Any]:
    return {"cell_type": "markdown", "metadata": {}, "source": source}


@pytest.mark.parametrize(
    "odd",
    [
        _markdown({"text": f"The [old paper]({NOTEBOOK_SOURCE}/dead-in-odd-cell)."}),
        _markdown(
            ["# Sources\n", {"line": f"The [old paper]({NOTEBOOK_SOURCE}/dead-in-odd-cell)."}]
        ),
        _markdown([[f"The [old paper]({NOTEBOOK_SOURCE}/dead-in-odd-cell)."]]),
        f"The [old paper]({NOTEBOOK_SOURCE}/dead-in-odd-cell).",
        {"cell_type": 3, "source": f"The [old paper]({NOTEBOOK_SOURCE}/dead-in-odd-cell)."},
    ],
    ids=["source-object", "line-object", "nested-list", "bare-string-cell", "odd-cell-type"],
)
def test_a_notebook_cell_the_reader_cannot_read_is_not_passed_over(
    tmp_path: Path, odd: Any
) -> None:
    post = tmp_path / "analysis.ipynb"
    good = _markdown(["# Results\n", f"See [the data]({NOTEBOOK_SOURCE}/live).\n"])
    post.write_text(_notebook(good, odd), encoding="utf-8")
    code, report, _asked = run_on_web(_notebook_web(), str(post), tmp_path / "out")
    cited = {c["url"]: c["status"] for d in report["documents"] for c in d["citations"]}
    assert cited.get(f"{NOTEBOOK_SOURCE}/dead-in-odd-cell") == "broken", sorted(cited)
    assert cited.get(f"{NOTEBOOK_SOURCE}/live") == "ok"
    assert code == ExitCode.FAILED  # was 0: the odd cell's dead link never read


def test_a_notebook_of_ordinary_cells_is_still_read_by_cell(tmp_path: Path) -> None:
    """The guard: numbers and nulls hold no text, so the notebook is read as cells (its code
    cell's URL uncited without ``--include-verbatim``)."""
    post = tmp_path / "analysis.ipynb"
    cells = (
        _markdown(["# Results\n", f"See [the data]({NOTEBOOK_SOURCE}/live).\n"]),
        _markdown(None),
        _markdown(7),
        {
            "cell_type": "code",
            "source": [f"get('{NOTEBOOK_SOURCE}/dead-in-code')\n"],
            "outputs": [],
        },
    )
    post.write_text(_notebook(*cells), encoding="utf-8")
    code, report, _asked = run_on_web(_notebook_web(), str(post), tmp_path / "out")
    cited = {c["url"]: c["status"] for d in report["documents"] for c in d["citations"]}
    assert cited == {f"{NOTEBOOK_SOURCE}/live": "ok"}
    assert code == ExitCode.OK


_SECTIONS = 1500  # past the budget of a cap of 10 (1,010 links), under twice it


def test_a_dead_link_after_many_fragments_of_one_page_is_checked_in_html(tmp_path: Path) -> None:
    web = Web()
    web.page(f"{SOURCE}/spec", '<title>Spec</title><h2 id="sec-1">One</h2><p>The spec.</p>')
    items = "".join(
        f"<li><a href='{SOURCE}/spec#sec-{i}'>section {i}</a></li>" for i in range(_SECTIONS)
    )
    post = tmp_path / "spec-notes.html"
    post.write_text(
        "<!DOCTYPE html><html><head><title>Notes</title></head><body><article><h1>Notes</h1>"
        f"<ul>{items}<li>And <a href='{SOURCE}/dead-draft'>the old draft</a>.</li></ul>"
        "</article></body></html>",
        encoding="utf-8",
    )
    extra = ("--max-citations-per-post", "10")
    code, report, _asked = run_on_web(web, str(post), tmp_path / "out", extra)
    cited = {c["url"]: c["status"] for d in report["documents"] for c in d["citations"]}
    assert cited == {f"{SOURCE}/spec": "ok", f"{SOURCE}/dead-draft": "broken"}
    assert not [p for p in report["problems"] if p["code"] == "citations-capped"]
    assert code == ExitCode.FAILED  # was 0: the dead link "past the cap", unchecked


def test_distinct_pages_past_the_cap_are_still_cut_and_said_in_html(tmp_path: Path) -> None:
    web = Web()
    items = "".join(f"<li><a href='{SOURCE}/page-{i}#top'>p {i}</a></li>" for i in range(40))
    post = tmp_path / "many.html"
    post.write_text(
        "<!DOCTYPE html><html><head><title>Many</title></head><body><article><h1>Many</h1>"
        f"<ul>{items}</ul></article></body></html>",
        encoding="utf-8",
    )
    extra = ("--max-citations-per-post", "10")
    _code, report, _asked = run_on_web(web, str(post), tmp_path / "out", extra)
    (capped,) = [p for p in report["problems"] if p["code"] == "citations-capped"]
    assert "past the cap" in capped["message"]
