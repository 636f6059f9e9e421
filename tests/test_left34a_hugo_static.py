"""Left 34a: a root-relative link in a Hugo site's post is resolved as Hugo publishes it.

Hugo serves ``static/x.pdf`` at ``/x.pdf`` and a page bundle's ``content/posts/a/img.png`` at
``/posts/a/img.png``.  With ``--root-dir`` naming the site's folder, ``/x.pdf`` was looked up at
``x.pdf`` (``broken``: a false alarm on a link that works) and ``/static/x.pdf`` at
``static/x.pdf`` (``ok``: a silent pass on a link that 404s on the site; session 33 left).  Now
the first works and the second is ``broken``, its fix the address the site serves.  A built
site's folder (no Hugo settings) is read as before (guard).  Through the CLI on local files.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from checker.cli import main

if TYPE_CHECKING:
    from pathlib import Path

POST = (
    "---\ntitle: Report\n---\n\n"
    "The [report](/report.pdf) and [its source](/static/report.pdf).\n\n"
    "A [figure](/posts/report/figure.png) of the bundle, and [gone](/missing.pdf).\n"
)


def _statuses(site: Path, root: Path) -> dict[str, tuple[str, str]]:
    out = site.parent / "out"
    argv = ["check", str(site / "content"), "--root-dir", str(root), "--no-store"]
    main([*argv, "--archive", "off", "--format", "json", "--report-dir", str(out)])
    report: dict[str, Any] = json.loads((out / "report.json").read_text(encoding="utf-8"))
    return {
        c["url"]: (c["status"], " ".join(f["suggestion"] or "" for f in c["findings"]))
        for d in report["documents"]
        for c in d["citations"]
    }


def _site(tmp_path: Path, settings: str | None) -> Path:
    site = tmp_path / "site"
    bundle = site / "content" / "posts" / "report"
    bundle.mkdir(parents=True)
    (bundle / "index.md").write_text(POST, encoding="utf-8")
    (bundle / "figure.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (site / "static").mkdir()
    (site / "static" / "report.pdf").write_bytes(b"%PDF-1.4\n")
    if settings is not None:
        (site / settings).write_text('baseURL = "https://blog.example/"\n', encoding="utf-8")
    return site


def test_a_hugo_sites_links_are_judged_as_the_site_serves_them(tmp_path: Path) -> None:
    site = _site(tmp_path, "hugo.toml")
    statuses = _statuses(site, site)
    assert statuses["file:/report.pdf"][0] == "ok"
    assert statuses["file:/posts/report/figure.png"][0] == "ok"
    status, fix = statuses["file:/static/report.pdf"]
    assert status == "broken" and "/report.pdf (the site serves static/report.pdf" in fix
    assert statuses["file:/missing.pdf"][0] == "broken"


def test_a_folder_without_hugo_settings_is_read_as_before(tmp_path: Path) -> None:
    site = _site(tmp_path, None)
    statuses = _statuses(site, site)
    assert statuses["file:/static/report.pdf"][0] == "ok"
    assert statuses["file:/report.pdf"][0] == "broken"


def test_a_static_path_stepping_back_gets_no_address_of_the_site(tmp_path: Path) -> None:
    """Mend 34q: ``/static/../../outside.pdf`` names a file beside the site's folder: it was
    given the fix "/../../outside.pdf (the site serves static/../../outside.pdf there)"."""
    site = _site(tmp_path, "hugo.toml")
    (tmp_path / "outside.pdf").write_bytes(b"%PDF-1.4\n")
    index = site / "content" / "posts" / "report" / "index.md"
    index.write_text(POST + "\nAnd [out](/static/../../outside.pdf).\n", encoding="utf-8")
    status, fix = _statuses(site, site)["file:/static/../../outside.pdf"]
    assert status == "broken"
    assert "the site serves" not in fix
