"""Probe 21: an indicator written defanged on purpose is skipped with its reason, not an error.

Threat reports write the addresses of malware as ``hxxps://evil[.]example[.]com/payload`` so that
no reader (and no tool) follows them.  citecheck cited each as ``malformed-url``, an error that
failed the run and suggested the working address of the malware.  A ``[.]``, ``(.)`` or ``[dot]``
is never a typo: such a URL is accounted for as ``skipped``, saying why, with no request.  A
plain ``hxxp://`` without such a mark stays ``malformed-url`` (issue 12: it may be a typo).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from checker.cli import ExitCode, main
from checker.model import Status
from checker.sampleweb import SampleWeb, Web
from checker.verify.availability import unfetched_verdict


@pytest.mark.parametrize(
    "url",
    [
        "hxxps://evil[.]fixture-defang.example[.]com/payload",
        "hxxp://bad-domain[.]fixture-defang.example/gate.php",
        "https://evil(.)fixture-defang.example/x",
        "http://198.51.100[.]7/a",
        "hxxp://evil[dot]fixture-defang.example/",
    ],
)
def test_a_defanged_url_is_skipped_with_its_reason(url: str) -> None:
    verdict = unfetched_verdict(url)
    assert verdict is not None
    assert verdict.status is Status.SKIPPED
    assert not verdict.findings
    assert "defanged" in (verdict.note or "")


def test_a_plain_hxxp_is_still_malformed() -> None:
    verdict = unfetched_verdict("hxxps://news.fixture-defang.example/d")
    assert verdict is not None and verdict.status is Status.BROKEN


def test_a_threat_report_passes_and_accounts_for_its_indicators(tmp_path: Path) -> None:
    post = tmp_path / "report.md"
    post.write_text(
        "# Threat report\n\nThe dropper contacted hxxps://evil[.]fixture-defang.example/p and"
        " its [analysis](https://news.fixture-defang.example/a) says more.\n",
        encoding="utf-8",
    )
    web = Web()
    web.page("https://news.fixture-defang.example/a", "<title>Analysis</title><p>Here.</p>")
    with SampleWeb(web) as site:
        argv = ["check", str(post), "--report-dir", str(tmp_path / "r"), "--no-store"]
        argv += ["--cacert", str(site.ca_path), "--format", "json", "--archive", "off"]
        for rule in site.connect_to():
            argv += ["--connect-to", rule]
        code = main(argv)
        asked = [url for _method, url in site.requests]
    report = json.loads((tmp_path / "r" / "report.json").read_text(encoding="utf-8"))
    statuses = {c["url"]: c["status"] for d in report["documents"] for c in d["citations"]}
    assert statuses == {
        "hxxps://evil[.]fixture-defang.example/p": "skipped",
        "https://news.fixture-defang.example/a": "ok",
    }
    assert code == ExitCode.OK
    assert not any("evil" in url for url in asked)
