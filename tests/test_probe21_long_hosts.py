"""A host longer than DNS allows is ``malformed-url`` at once (session 21).

A cited URL whose host was 100,000 characters (``xn--aaaa…``) was requested and then judged,
and looking for a look-alike decoded its punycode: ~0.5 s of CPU for one link, quadratic in
the label.  No such host can resolve (253 characters, 63 a label), so it is a
``malformed-url`` finding without a request, saying why, and the message does not repeat the
100,000 characters.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.config import Config, ConnectTo
from checker.findings import Code
from checker.model import Status
from checker.pipeline import check
from checker.urls import host_name_problem, is_host_name
from tests.fetch.support import OneAnswerServer, http_answer

LONG_LABEL = "xn--" + "a" * 100_000


@pytest.mark.parametrize(
    ("host", "problem"),
    [
        (f"{LONG_LABEL}.example", "is 100,012 characters long; a host name has at most 253"),
        ("a" * 64 + ".example", "has a label over 63 characters long, the most DNS allows"),
        (".".join(["abcdefghi"] * 26), "is 259 characters long; a host name has at most 253"),
        ("a b.example", "holds a character no host can"),
        (".example.org", "has an empty label (two dots in a row, or a dot first)"),
        ("www..example.org", "has an empty label (two dots in a row, or a dot first)"),
    ],
)
def test_a_host_dns_cannot_take_is_named(host: str, problem: str) -> None:
    assert host_name_problem(host) == problem
    assert not is_host_name(host)


@pytest.mark.parametrize(
    "host",
    [
        "a" * 63 + ".example",
        ".".join(["abcdefg"] * 31) + "x.",  # 253 and a trailing dot
        "ドメイン名例" * 10 + ".jp",  # 60 letters as written: its punycode is DNS's business
        "%E4%BE%8B" * 10 + ".example",  # escaped: its length is not its name's
        "[::1]",
        "www.example.org.",  # the root's empty label: a fully qualified name
    ],
)
def test_a_host_dns_takes_is_a_host(host: str) -> None:
    assert host_name_problem(host) is None


def test_a_long_host_is_malformed_without_a_request(tmp_path: Path) -> None:
    site = OneAnswerServer(http_answer("200 OK", "text/html", b"<title>x</title>"))
    try:
        post = tmp_path / "post.md"
        post.write_text(f"# Post\n\n[a](https://{LONG_LABEL}.example/x)\n", encoding="utf-8")
        config = Config().with_(
            connect_to=(ConnectTo.parse(f"::127.0.0.1:{site.port}"),),
            retries=0,
            timeout=5.0,
            archive="off",
        )
        report = check([str(post)], config)
    finally:
        site.close()
    (checked,) = report.documents[0].citations
    assert checked.status is Status.BROKEN
    (finding,) = checked.findings
    assert finding.code is Code.MALFORMED_URL
    assert "is 100,012 characters long" in finding.message
    assert len(finding.message) < 300
    assert site.requests == 0
