"""Session 27 (left27): a link to a notebook's heading (``analysis.ipynb#Results``) is checked.

With ``--include-fragments`` a link into a Markdown file had its fragment looked for; one into
a notebook said "not checked: a .ipynb file, neither Markdown nor HTML", so a heading renamed or
removed passed.  A notebook's Markdown cells are its places: GitHub shows it with its Markdown
slugs (``#results``), Jupyter with its own ids (the heading's text, each space a hyphen:
``#Tide-gauges``); both are found, a fragment of neither is a ``missing-anchor``.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from checker.anchors import missing, notebook_anchors
from tests.cli.test_local_links import _check

POST = """# Post

- [results](analysis.ipynb#results) [jupyter](analysis.ipynb#Tide-gauges)
- [repeated](analysis.ipynb#setup-1) [heading cell](old.ipynb#legacy-title)
- [renamed](analysis.ipynb#old-results) [in code](analysis.ipynb#not-a-heading)
- [after a fence](analysis.ipynb#after-the-fence)
"""


def _notebook(*cells: dict[str, Any], nbformat: int = 4) -> str:
    return json.dumps({"cells": list(cells), "metadata": {}, "nbformat": nbformat}, indent=1)


def _tree(tmp_path: Path) -> None:
    posts = tmp_path / "posts"
    posts.mkdir()
    (posts / "a.md").write_text(POST, encoding="utf-8")
    analysis = _notebook(
        {"cell_type": "markdown", "source": ["# Results\n", "\n", "## Tide gauges\n"]},
        {"cell_type": "markdown", "source": "## Setup\n\n```python\n# unclosed fence\n"},
        {"cell_type": "code", "source": ["# not a heading\n"], "outputs": []},
        {"cell_type": "markdown", "source": ["## Setup\n", "## After the fence\n"]},
    )
    (posts / "analysis.ipynb").write_text(analysis, encoding="utf-8")
    old = {
        "worksheets": [{"cells": [{"cell_type": "heading", "level": 1, "source": "Legacy title"}]}],
        "nbformat": 3,
    }
    (posts / "old.ipynb").write_text(json.dumps(old), encoding="utf-8")


def _findings(report: dict[str, Any]) -> dict[str, list[str]]:
    """Each cited file's finding messages and its note."""
    return {
        c["url"].rsplit("/", 1)[-1]: [f["message"] for f in c["findings"]] + [c.get("note") or ""]
        for d in report["documents"]
        for c in d["citations"]
    }


def test_a_notebook_s_headings_are_its_anchors(tmp_path: Path) -> None:
    _tree(tmp_path)
    done, report = _check(tmp_path, "--include-fragments")
    assert done.returncode == 0, done.stderr  # missing anchors are warnings
    found = _findings(report)
    said = " ".join(m for messages in found.values() for m in messages)
    assert "not checked" not in said, said  # was: "a .ipynb file, neither Markdown nor HTML"
    missing = sorted(set(re.findall(r"#([a-z-]+)", said)))
    assert missing == ["not-a-heading", "old-results"], said


def test_notebook_anchors_of_text_that_is_no_notebook() -> None:
    assert notebook_anchors("not json") is None
    assert notebook_anchors("[1, 2]") is None
    places = notebook_anchors(_notebook({"cell_type": "markdown", "source": 7}))
    assert places is not None
    assert not places.names
    assert not places.folded


def test_a_fenced_hash_line_is_no_jupyter_id() -> None:
    """``# install deps`` in a fenced block is a shell comment: no heading, no Jupyter id (the
    ids were made by a second scan of the cells that did not track fences)."""
    cell = {"cell_type": "markdown", "source": "Run:\n\n```sh\n# Install deps\npip x\n```\n"}
    places = notebook_anchors(_notebook(cell))
    assert places is not None
    assert missing(("Install-deps", "install-deps"), places) == ("Install-deps", "install-deps")


def test_a_setext_heading_has_its_jupyter_id() -> None:
    """Jupyter gives an ``===``-underlined heading its id as any other: ``#Results-(2024)``,
    which GitHub's slug (``results-2024``) does not match."""
    cell = {"cell_type": "markdown", "source": ["Results (2024)\n", "==============\n"]}
    places = notebook_anchors(_notebook(cell))
    assert places is not None
    assert missing(("Results-(2024)", "results-2024"), places) == ()


def test_an_empty_heading_cell_names_nothing() -> None:
    """An nbformat 3 heading cell with no text is no heading, as the extraction reads it
    (:func:`checker.anchors.heading_cell_text`, shared): it made an empty id."""
    old = {"worksheets": [{"cells": [{"cell_type": "heading", "level": 2, "source": ""}]}]}
    places = notebook_anchors(json.dumps(old))
    assert places is not None
    assert places.names == frozenset()
    assert places.folded == frozenset()
