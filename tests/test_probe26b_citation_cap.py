"""Probe 26b (session 25's leftovers): the citation cap counts citations, not links read.

A file repeating one URL 589,999 times and citing a dead page after them had the dead page
"past the cap" (``citations-capped``) and unchecked: each repeat, merged into the one citation
it repeats, had cost a slot of the extraction's budget.  A repeat costs no slot now (in plain
text and JSON, none at all; in Markdown, none up to as many repeats as the budget, whose parse
costs memory), while a post with more distinct links than its cap is still cut and said.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from checker.cli import ExitCode
from checker.extract.lines import link_budget, text_lines
from checker.sampleweb import Web
from tests.test_probe24_sitemap_listings import run_on_web

SOURCE = "https://src.fixture-p26c.example"
_CAP = 10
_REPEATS = 3 * (link_budget(_CAP) or 0)  # three budgets' worth of one link


def _web() -> Web:
    web = Web()
    web.page(f"{SOURCE}/live", "<title>live</title><p>Still here.</p>")
    return web


def _run(tmp_path: Path, name: str, body: str) -> tuple[int, dict[str, Any]]:
    post = tmp_path / name
    post.write_text(body, encoding="utf-8")
    extra = ("--max-citations-per-post", str(_CAP))
    code, report, _asked = run_on_web(_web(), str(post), tmp_path / "out", extra)
    return code, report


def _statuses(report: dict[str, Any]) -> dict[str, str]:
    return {str(c["url"]): c["status"] for d in report["documents"] for c in d["citations"]}


def test_a_text_file_repeating_one_link_still_checks_the_link_after(tmp_path: Path) -> None:
    body = f"Sources {SOURCE}/live\n" * _REPEATS + f"And {SOURCE}/dead-after\n"
    code, report = _run(tmp_path, "notes.txt", body)
    assert _statuses(report) == {f"{SOURCE}/live": "ok", f"{SOURCE}/dead-after": "broken"}
    assert not [p for p in report.get("problems", ()) if p["code"] == "citations-capped"]
    assert code == ExitCode.FAILED


def test_a_json_line_repeating_one_link_still_checks_the_link_after(tmp_path: Path) -> None:
    """Probe 25b's case, smaller: one line of JSON (a saved API answer)."""
    items = [{"u": f"{SOURCE}/live\n"}] * _REPEATS + [{"u": f"{SOURCE}/dead-after"}]
    code, report = _run(tmp_path, "answer.json", json.dumps(items))
    assert _statuses(report) == {f"{SOURCE}/live": "ok", f"{SOURCE}/dead-after": "broken"}
    assert code == ExitCode.FAILED


def test_a_markdown_post_repeating_one_link_within_the_bound_checks_the_link_after(
    tmp_path: Path,
) -> None:
    repeats = (link_budget(_CAP) or 0) - 1 + _CAP  # past the budget, within the repeats' bound
    body = "# Notes\n\n" + f"See [it]({SOURCE}/live).\n" * repeats + f"\n[Gone]({SOURCE}/dead)\n"
    code, report = _run(tmp_path, "notes.md", body)
    assert _statuses(report) == {f"{SOURCE}/live": "ok", f"{SOURCE}/dead": "broken"}
    assert code == ExitCode.FAILED


def test_distinct_links_past_the_cap_are_still_cut_and_said(tmp_path: Path) -> None:
    """The near miss: the cap still bounds distinct citations."""
    count = 3 * (link_budget(_CAP) or 0)
    body = "".join(f"{SOURCE}/page-{n}\n" for n in range(count))
    _code, report = _run(tmp_path, "many.txt", body)
    assert len(_statuses(report)) == _CAP
    (capped,) = [p for p in report["problems"] if p["code"] == "citations-capped"]
    assert f"max_citations_per_post ({_CAP})" in capped["message"]


def test_repeats_past_the_budget_build_no_anchor_per_repeat() -> None:
    """What a repeat costs in plain text is bounded: past ``max_links`` repeats, none becomes
    an object (the line's text is kept, the repeat found again in it by nobody)."""
    budget = 50
    body = "x https://a.example/one " * (20 * budget) + "https://a.example/two"
    (line,) = text_lines(body, max_links=budget)
    hrefs = [anchor.href for anchor in line.anchors]
    assert hrefs[-1] == "https://a.example/two"
    assert len(hrefs) <= 2 * budget + 1
    assert line.omitted == 0
