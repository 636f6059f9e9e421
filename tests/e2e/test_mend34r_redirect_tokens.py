"""A cited URL holding a token that redirects to its own trailing-slash form is ``ok`` in a
warm run as in the cold one (session 34's review of mend34o's redaction).

The store keeps a final URL other than the cited one only redacted; a warm run compared
``…/x/?q=Bearer+REDACTED`` with the cited ``…/x?q=Bearer+ghp_…`` and said ``redirected``
("moved permanently") where the cold run had said ``ok``.  Through ``citecheck check`` twice
against the fixture web (real HTTP/TLS on loopback) with one store.
"""

from __future__ import annotations

import json
from pathlib import Path

from checker.cli import ExitCode, main
from checker.sampleweb import SampleWeb, Web
from tests.e2e.cited_outputs import cited_post

HOST = "https://news.fixture-mend34r-redirects.example"
TOKEN = "ghp_" + "Qw3rTy7uIo" * 3 + "Pa5sDf"
# each cited URL and where it moved for good: the same page, a slash added
MOVED = {
    f"{HOST}/g/x?q=Bearer+{TOKEN}": f"{HOST}/g/x/?q=Bearer+{TOKEN}",
    f"{HOST}/f/{TOKEN}.v2": f"{HOST}/f/{TOKEN}.v2/",
    f"{HOST}/d/{TOKEN}": f"{HOST}/d/{TOKEN}/",
}


def _web() -> Web:
    web = Web()
    for cited, moved in MOVED.items():
        web.redirect(cited, moved)
        web.page(moved, "<title>A source</title><p>The source's own text, long enough.</p>")
    return web


def test_a_token_urls_redirect_to_its_slash_form_is_ok_warm_as_cold(tmp_path: Path) -> None:
    post = cited_post(tmp_path / "post.html", MOVED)
    store = tmp_path / "store.sqlite3"
    statuses = []
    with SampleWeb(_web()) as site:
        argv = ["check", str(post), "--store", str(store), "--retries", "0", "-q"]
        argv += ["--cacert", str(site.ca_path), "--format", "json"]
        for rule in site.connect_to():
            argv += ["--connect-to", rule]
        for run in ("cold", "warm"):
            assert main([*argv, "--report-dir", str(tmp_path / run)]) == ExitCode.OK, run
            report = json.loads((tmp_path / run / "report.json").read_text(encoding="utf-8"))
            citations = [c for document in report["documents"] for c in document["citations"]]
            assert len(citations) == len(MOVED), run  # each cited URL accounted for
            statuses.append({c["url"]: (c["status"], c["findings"]) for c in citations})
        answered = [url for _, url in site.requests if "/g/x" in url]
    assert len(answered) == 2  # the warm run asked nothing again: its answer was the store's
    assert statuses[1] == statuses[0]
    assert {status for status, _ in statuses[0].values()} == {"ok"}
