"""``--total-timeout`` bounds all one URL takes, its retries' waits included (left 29b).

A 503 retried with backoff, or with a ``Retry-After`` the cap allows, waited between tries
outside the URL's budget: with ``--total-timeout 2.5`` and three retries a URL took 7-10 s and
four requests.  Now a try that would start past the deadline is not made: the last answer is
the verdict (``unreachable``, never ``broken``), the citation is in the report, and the run's
reports are written.  Real CLI, child process, the sample web (loopback, ``--connect-to``).
"""

from __future__ import annotations

import json
from pathlib import Path

from checker.sampleweb import SampleWeb, Web
from checker.sampleweb.server import Response
from tests.fetch.support import run_citecheck

_BACKOFF = "https://busy.example/2025/05/europes-quiet-rearmament-gathers-pace"
_RETRY_AFTER = "https://later.example/2025/05/europes-quiet-rearmament-gathers-pace"
_LIVE = "https://live.example/2025/05/europes-quiet-rearmament-gathers-pace"


def _unavailable(*headers: tuple[str, str]) -> Response:
    return Response(503, (("Content-Type", "text/plain"), *headers), b"busy")


def test_a_retried_url_stops_at_its_total_timeout(tmp_path: Path) -> None:
    web = Web()
    web.add(_BACKOFF, _unavailable())
    web.add(_RETRY_AFTER, _unavailable(("Retry-After", "2")))
    web.add(
        _LIVE,
        Response(200, (("Content-Type", "text/html"),), b"<title>Rearmament</title><p>Text.</p>"),
    )
    post = tmp_path / "post.md"
    post.write_text("".join(f"- <{url}>\n" for url in (_BACKOFF, _RETRY_AFTER, _LIVE)))
    with SampleWeb(web) as site:
        args = ["check", str(post), "--archive", "off", "--no-store", "--format", "json,md"]
        args += ["--retries", "3", "--retry-backoff", "1", "--timeout", "2"]
        args += ["--total-timeout", "2.5", "--report-dir", str(tmp_path / "reports")]
        args += ["--cacert", str(site.ca_path)]
        for rule in site.connect_to():
            args += ["--connect-to", rule]
        done = run_citecheck(args, tmp_path)
    assert done.returncode in (0, 1), done.stderr
    assert (tmp_path / "reports" / "report.md").is_file()
    report = json.loads((tmp_path / "reports" / "report.json").read_text())
    statuses = {c["url"]: c["status"] for d in report["documents"] for c in d["citations"]}
    assert statuses == {_BACKOFF: "unreachable", _RETRY_AFTER: "unreachable", _LIVE: "ok"}
    for citation in (c for d in report["documents"] for c in d["citations"]):
        if citation["url"] != _LIVE:  # the last answer (503) is the verdict, not a timeout
            messages = " ".join(f["message"] for f in citation["findings"])
            assert "503" in messages, citation
            assert "did not answer in time" not in messages, citation
    # backoff 1-1.5 s fits in 2.5 s, the next (2-3 s) does not; Retry-After 2 fits once
    assert site.count(_BACKOFF) == 2
    assert site.count(_RETRY_AFTER) == 2


_TOO_MANY = "https://crowded.example/2025/05/europes-quiet-rearmament-gathers-pace"


def test_a_retry_the_budget_cuts_leaves_the_answer_before_it(tmp_path: Path) -> None:
    """A 429 (``Retry-After: 1``, answered in 0.4 s) whose retry starts with almost no time
    left: the retry is cut by ``--total-timeout``, and the 429 is the verdict (``blocked``,
    HTTP 429), not "did not answer in time" (``unreachable``, mend 29a)."""
    web = Web()
    web.add(
        _TOO_MANY,
        Response(429, (("Content-Type", "text/plain"), ("Retry-After", "1")), b"slow", 0.4),
    )
    post = tmp_path / "post.md"
    post.write_text(f"- <{_TOO_MANY}>\n")
    with SampleWeb(web) as site:
        args = ["check", str(post), "--archive", "off", "--no-store", "--format", "json"]
        args += ["--retries", "1", "--timeout", "2", "--total-timeout", "1.6"]
        args += ["--report-dir", str(tmp_path / "reports"), "--cacert", str(site.ca_path)]
        for rule in site.connect_to():
            args += ["--connect-to", rule]
        done = run_citecheck(args, tmp_path)
    assert done.returncode in (0, 1), done.stderr
    report = json.loads((tmp_path / "reports" / "report.json").read_text())
    (citation,) = [c for d in report["documents"] for c in d["citations"]]
    assert citation["status"] == "blocked", citation
    messages = " ".join(f["message"] for f in citation["findings"])
    assert "429" in messages, citation
    assert "did not answer in time" not in messages, citation
