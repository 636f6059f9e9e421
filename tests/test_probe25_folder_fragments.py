"""Session 24's leftover: a link's fragment into a folder (``guide/#setup``) with
``--include-fragments``.

A folder's page is what the site makes of it: a web server's ``index.html``, a static
generator's ``index.md`` (Hugo's ``_index.md``), a code host's ``README.md``.  The fragment was
never looked for ("a folder, whose page is the site's to make"): ``guide/#removed`` passed while
the folder's README had no such heading.  Now the places of the folder's pages are read (any of
them names it: found, so no page a generator might pick is cried wolf over); a folder with none
of those pages is still not checked, with its note.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from tests.cli.test_local_links import _check

POST = """# Post

- [setup](guide/#setup) [removed](guide/#removed) [readme case](guide/#Setup)
- [docs](docs/#intro) [docs gone](docs/#outro) [both](both/#from-readme)
- [no page](bare/#anything) [web](site/#top-story) [web gone](site/#old-story)
"""


def _tree(tmp_path: Path) -> None:
    posts = tmp_path / "posts"
    for folder in ("guide", "docs", "both", "bare", "site"):
        (posts / folder).mkdir(parents=True)
    (posts / "a.md").write_text(POST, encoding="utf-8")
    (posts / "guide" / "README.md").write_text("# Guide\n\n## Setup\n", encoding="utf-8")
    (posts / "docs" / "_index.md").write_text("# Docs\n\n## Intro\n", encoding="utf-8")
    (posts / "both" / "index.md").write_text("# Both\n\n## From index\n", encoding="utf-8")
    (posts / "both" / "README.md").write_text("# Both\n\n## From readme\n", encoding="utf-8")
    (posts / "bare" / "notes.txt").write_text("no page here\n", encoding="utf-8")
    (posts / "site" / "index.html").write_text(
        '<html><body><h2 id="top-story">Top</h2></body></html>', encoding="utf-8"
    )


def _missing(report: dict[str, Any]) -> list[str]:
    """Each missing anchor as ``folder/#fragment`` (the report's URL is the folder's)."""
    return sorted(
        c["url"].split("/posts/", 1)[-1] + fragment
        for d in report["documents"]
        for c in d["citations"]
        for f in c["findings"]
        if f["code"] == "missing-anchor"
        for fragment in re.findall(r"#[a-z-]+", f["message"])
    )


def test_a_folder_s_page_is_read_for_a_fragment(tmp_path: Path) -> None:
    _tree(tmp_path)
    done, report = _check(tmp_path, "--include-fragments")
    assert done.returncode == 0, done.stderr  # missing anchors are warnings
    assert _missing(report) == ["docs/#outro", "guide/#removed", "site/#old-story"]


def test_without_the_flag_nothing_is_looked_for(tmp_path: Path) -> None:
    _tree(tmp_path)
    done, report = _check(tmp_path)
    assert done.returncode == 0, done.stderr
    assert _missing(report) == []
