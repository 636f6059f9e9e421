"""Probe 29: fenced blocks that a generator renders as content are read, not skipped as code.

A Jupyter Book (MyST) page writes its notes, tips, tabs, cards and figure captions as fences
whose info string is a directive, ````` ```{note} `````; their bodies are Markdown the reader
sees.  Read as code, their links vanished with no word (not even counted as skipped): a page
of five such links said "3 citations", exit 0, its dead link unchecked.  Pandoc's raw HTML
block (````` ```{=html} `````, Quarto and R Markdown too) is HTML the page shows.  Code stays
code: ``{code-cell}``, Quarto's ````` ```{python} ````` chunk, a plain fence.

Each test runs the real CLI on the fixture web.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from checker.cli import ExitCode
from tests.probe29_web import article_web, lines_and_statuses
from tests.test_probe24_sitemap_listings import run_on_web

if TYPE_CHECKING:
    from pathlib import Path

    from checker.sampleweb import Web

HOST = "https://book.fixture-p29.example"
DEAD = f"{HOST}/removed"

_PAGE = f"""\
---
title: Jupyter Book page
---

# Intro

```{{note}}
See [the guide]({HOST}/note) for details.
```

```{{admonition}} A tip
:class: tip
Linking [the tip]({HOST}/tip).
```

````{{tab-set}}
```{{tab-item}} First
Nested [tab link]({HOST}/tab)
```
````

```{{figure}} {HOST}/figure.png
---
name: fig-one
---
A caption citing [a dead page]({DEAD}).
```

```{{code-cell}} python
requests.get("{HOST}/code-cell")
```

```{{python}}
print("{HOST}/quarto-chunk")
```

```
{HOST}/plain-fence
```

```{{=html}}
<a href="{HOST}/raw-html">raw</a>
```
"""


def _web() -> Web:
    return article_web((f"{HOST}/{path}" for path in ("note", "tip", "tab", "raw-html")), [DEAD])


def test_a_myst_directives_body_is_read_as_the_posts_text(tmp_path: Path) -> None:
    page = tmp_path / "intro.md"
    page.write_text(_PAGE, encoding="utf-8")
    code, report, _asked = run_on_web(_web(), str(page), tmp_path / "out")
    cited = lines_and_statuses(report)
    assert cited[f"{HOST}/note"] == (8, "ok")
    assert cited[f"{HOST}/tip"] == (13, "ok")  # after its option line
    assert cited[f"{HOST}/tab"] == (18, "ok")  # a directive inside a directive
    assert cited[DEAD] == (26, "broken")  # the caption, after the YAML options
    assert code == ExitCode.FAILED


def test_pandocs_raw_html_block_is_read_as_html(tmp_path: Path) -> None:
    page = tmp_path / "post.qmd"
    page.write_text(_PAGE, encoding="utf-8")
    _code, report, _asked = run_on_web(_web(), str(page), tmp_path / "out")
    assert lines_and_statuses(report)[f"{HOST}/raw-html"] == (42, "ok")


def test_code_cells_engine_chunks_and_plain_fences_stay_code(tmp_path: Path) -> None:
    """The near miss: a directive of code, an engine's chunk, a plain fence, and a figure's
    image (its argument) are not cited, and not asked."""
    page = tmp_path / "intro.md"
    page.write_text(_PAGE, encoding="utf-8")
    _code, report, asked = run_on_web(_web(), str(page), tmp_path / "out")
    cited = lines_and_statuses(report)
    for path in ("code-cell", "quarto-chunk", "plain-fence", "figure.png"):
        assert f"{HOST}/{path}" not in cited
        assert f"{HOST}/{path}" not in asked
    assert report["summary"]["accounting"]["citations"] == 5


def test_an_unclosed_directive_runs_to_the_end_as_a_fence_does(tmp_path: Path) -> None:
    page = tmp_path / "open.md"
    page.write_text(f"# Open\n\n```{{note}}\nSee [the guide]({HOST}/note).\n", encoding="utf-8")
    code, report, _asked = run_on_web(_web(), str(page), tmp_path / "out")
    assert lines_and_statuses(report) == {f"{HOST}/note": (4, "ok")}
    assert code == ExitCode.OK
