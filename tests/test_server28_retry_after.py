"""A ``Retry-After`` past the retry cap is the server's answer for this run (probe 28).

A 429 or 503 saying ``Retry-After: 86400`` (or an HTTP date years away) was retried at the cap:
its URL waited 30 s a try for the same answer (a minute with the default two retries), and once,
when the server dropped the idle connection as the try went out on it, the rate-limited source
came out ``unreachable``, "the connection broke off", not ``blocked``.  Asked once, its answer
stands; a short ``Retry-After`` is still waited for.
"""

from __future__ import annotations

import json
from pathlib import Path

from checker.fetch.retry import RetryPolicy
from checker.model import FetchResult, Outcome
from checker.sampleweb import SampleWeb, Web
from checker.sampleweb.server import Response
from tests.fetch.support import run_citecheck, sequence

_SLOW_DOWN = "https://limited.example/2025/05/europes-quiet-rearmament-gathers-pace"
_MAINTENANCE = "https://maintained.example/2025/05/europes-quiet-rearmament-gathers-pace"
_BRIEF = "https://brief.example/2025/05/europes-quiet-rearmament-gathers-pace"
_PAGE = Response(
    200,
    (("Content-Type", "text/html; charset=utf-8"),),
    b"<html><head><title>Europe rearms</title></head><body><p>Text.</p></body></html>",
)


def _limited(status: int, retry_after: str) -> Response:
    return Response(status, (("Retry-After", retry_after), ("Content-Type", "text/plain")), b"no")


def _cli_statuses(tmp_path: Path) -> tuple[dict[str, str], SampleWeb]:
    web = Web()
    web.add(_SLOW_DOWN, _limited(429, "86400"))
    web.add(_MAINTENANCE, _limited(503, "Wed, 21 Oct 2037 07:28:00 GMT"))
    web.add(_BRIEF, sequence([_limited(429, "1"), _PAGE]))
    post = tmp_path / "post.md"
    post.write_text("".join(f"- <{url}>\n" for url in (_SLOW_DOWN, _MAINTENANCE, _BRIEF)))
    with SampleWeb(web) as site:
        args = [
            "check",
            str(post),
            "--archive",
            "off",
            "--no-store",
            "--retries",
            "2",
            "--format",
            "json",
            "--report-dir",
            str(tmp_path / "reports"),
            "--cacert",
            str(site.ca_path),
        ]
        for rule in site.connect_to():
            args += ["--connect-to", rule]
        done = run_citecheck(args, tmp_path)
        assert done.returncode in (0, 1), done.stderr
    report = json.loads((tmp_path / "reports" / "report.json").read_text())
    statuses = {c["url"]: c["status"] for d in report["documents"] for c in d["citations"]}
    return statuses, site


def test_a_retry_after_past_the_cap_is_not_waited_for(tmp_path: Path) -> None:
    statuses, site = _cli_statuses(tmp_path)
    assert statuses[_SLOW_DOWN] == "blocked"
    assert statuses[_MAINTENANCE] == "unreachable"
    assert site.count(_SLOW_DOWN) == 1
    assert site.count(_MAINTENANCE) == 1
    # near miss: a second's wait is waited, and the page it then shows is the verdict
    assert statuses[_BRIEF] == "ok"
    assert site.count(_BRIEF) == 2


def _answer(status: int, retry_after: str) -> FetchResult:
    headers = {"Retry-After": retry_after}
    return FetchResult("https://a.example/", Outcome.OK, status_code=status, headers=headers)


def test_the_policy_retries_only_what_the_server_allows_within_the_cap() -> None:
    policy = RetryPolicy(retries=2, backoff=0.5)
    assert not policy.should_retry(_answer(429, "86400"), attempt=1)
    assert not policy.should_retry(_answer(503, "Wed, 21 Oct 2037 07:28:00 GMT"), attempt=1)
    assert policy.should_retry(_answer(429, "30"), attempt=1)
    assert policy.should_retry(_answer(503, "soon"), attempt=1)  # unreadable: backoff as before
