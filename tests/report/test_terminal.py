"""What a run prints when it ends (``report/terminal.py``): snapshots on the sample report.

The lines are read from the report dictionary, like every report: the same findings, severities,
redaction and wording as report.html, so the snapshots below are what a user sees.
"""

from __future__ import annotations

from typing import Any

import pytest
from report_sample import sample_report

from checker.config import Config, load_config
from checker.findings import Code
from checker.model import (
    CheckedCitation,
    CheckedDocument,
    Citation,
    CitationKind,
    Document,
    Finding,
    Report,
    Status,
)
from checker.report import build_document, failure_lines, others_line, skipped_lines

MORE = "r/report.html"
ARCHIVE = "https://web.archive.org/web/20240102000000/https://news.example.com/2024/01/gone-story/"
POST = "最大の試練を迎えたウクライナを支援すべく西側はなにを支援し(Foreign Affairs)"


def _document(**overrides: Any) -> dict[str, Any]:
    config = load_config(overrides=overrides) if overrides else Config()
    return build_document(sample_report(), config=config)


def test_failing_findings_by_post_with_location_url_code_message_and_fix() -> None:
    assert failure_lines(_document(), more_in=MORE) == [
        "citecheck: 3 failing findings, worst first:",
        f"  {POST} (3)",
        "    seeds/000.txt:40  (no URL) “Why Putin Won't Stop”  missing-url  "
        "the attribution names a source but gives no URL — "
        "add the original's URL to the attribution block",
        "    seeds/000.txt  https://www.19fortyfive.com/2025/05/russias-plan/  title-mismatch  "
        "the cited title is not the source's title — copy the title from the source page",
        "    seeds/000.txt:12  https://news.example.com/2024/01/gone-story/  broken  "
        f"the server answered HTTP 404 Not Found — cite the archived copy {ARCHIVE}",
    ]


def test_the_rest_is_one_line_and_skips_say_why() -> None:
    document = _document()
    assert others_line(document, more_in=MORE) == (
        "citecheck: 7 more findings do not fail the run (6 warning, 1 info): r/report.html"
    )
    assert skipped_lines(document) == ["citecheck: 1 skipped: not http(s)"]


def test_worst_first_across_posts_capped_with_reasons_when_verbose() -> None:
    lines = failure_lines(_document(fail_on="info"), more_in=MORE, verbose=True, limit=5)
    assert lines == [
        "citecheck: 10 failing findings, worst first:",
        f"  {POST} (8)",
        "    seeds/000.txt:40  (no URL) “Why Putin Won't Stop”  missing-url  "
        "the attribution names a source but gives no URL — "
        "add the original's URL to the attribution block",
        "    seeds/000.txt  https://www.19fortyfive.com/2025/05/russias-plan/  title-mismatch  "
        "the cited title is not the source's title "
        "(title: cited “Russia's | Real Plan for 2026” · observed “Russia's Plan for Ukraine”)"
        " — copy the title from the source page",
        "    seeds/000.txt:12  https://news.example.com/2024/01/gone-story/  broken  "
        "the server answered HTTP 404 Not Found (HTTP status: 404) — "
        f"cite the archived copy {ARCHIVE}",
        "    seeds/000.txt  https://www.19fortyfive.com/2025/05/russias-plan/  publisher-mismatch"
        "  '19fortytive' is not 19FortyFive (publisher: cited “19fortytive” · observed "
        "“19FortyFive”) — correct the publication name, or the URL if it points at another site",
        "    seeds/000.txt  https://walled.example.com/story  blocked  "
        "a bot challenge page answered (HTTP 403) — open the link in a browser and check it by "
        "hand",
        "  … and 5 more: r/report.html",
    ]
    assert others_line(_document(fail_on="info"), more_in=MORE) is None


def test_a_post_of_warnings_comes_after_a_post_with_an_error() -> None:
    """Worst first across posts: severity decides before the number of findings."""
    lines = failure_lines(_document(fail_on="warning"), more_in=MORE, limit=100)
    headers = [line for line in lines if line.startswith("  ") and not line.startswith("    ")]
    assert headers == [f"  {POST} (7)", "  ライブ:米ロ首脳電話会談 (2)"]
    embed = next(line for line in lines if "embed-secondary-source" in line)
    assert embed.startswith("    seeds/003.txt:20  https://twitter.com/TrumpDailyPosts/status/1889")
    assert embed.endswith("— embed or link the original statement")


def test_nothing_failing_prints_nothing() -> None:
    assert failure_lines(_document(fail_on="citations-capped"), more_in=MORE) == []


def _problem_report(url: str) -> Report:
    checked = CheckedCitation(
        Citation(CitationKind.LINK, url, line=7),
        Status.SKIPPED,
        note="not checked: the host is on a private or local network (use --allow-private)",
    )
    broken = CheckedCitation(
        Citation(
            CitationKind.LINK,
            "https://u:hunter2@blog.example.com/gone\x1b]0;pwned\x07?token=abc123",
            line=9,
        ),
        Status.BROKEN,
        findings=(Finding.of(Code.BROKEN, "HTTP 404 \x1b[2J"),),
    )
    document = Document("https://blog.example.com/p", "https://blog.example.com/p", "P", None, ())
    return Report(
        inputs=("https://blog.example.com/p",),
        documents=(CheckedDocument(document, (checked, checked, broken)),),
        version="0.1.0",
        started="2025-12-09T00:00:00+00:00",
        finished="2025-12-09T00:00:02+00:00",
    )


def test_secrets_redacted_controls_shown_skips_with_their_hint() -> None:
    document = build_document(_problem_report("https://10.0.0.1/x"), config=Config())
    lines = failure_lines(document, more_in=MORE)
    text = "\n".join(lines)
    assert "hunter2" not in text and "abc123" not in text
    assert "\x1b" not in text and "<U+001B>]0;pwned<U+0007>" in text
    assert lines[2].startswith(
        "    https://blog.example.com/p:9  https://REDACTED@blog.example.com/gone"
    )
    assert skipped_lines(document) == ["citecheck: 2 skipped: private address, use --allow-private"]


@pytest.mark.parametrize("limit", [1, 2, 3])
def test_the_cap_counts_findings_not_headers(limit: int) -> None:
    lines = failure_lines(_document(), more_in=MORE, limit=limit)
    assert sum(line.startswith("    ") for line in lines) == limit
    if limit < 3:
        assert lines[-1] == f"  … and {3 - limit} more: r/report.html"


def test_verbose_says_a_reason_the_message_already_gives_once() -> None:
    """A connection's error is the finding's message and the citation's note: ``-v`` printed
    "(connection failed: …) (connection failed: …)"."""
    error = "connection failed: [Errno 111] Connection refused"
    refused = CheckedCitation(
        Citation(CitationKind.LINK, "https://blog.example.com/gone", line=3),
        Status.BROKEN,
        note=error,
        findings=(Finding.of(Code.BROKEN, f"the server refused the connection ({error})"),),
    )
    noted = CheckedCitation(
        Citation(CitationKind.LINK, "https://blog.example.com/other", line=4),
        Status.BROKEN,
        note="the note says more",
        findings=(Finding.of(Code.BROKEN, "HTTP 404"),),
    )
    document = Document("https://blog.example.com/p", "https://blog.example.com/p", "P", None, ())
    report = Report(
        inputs=("https://blog.example.com/p",),
        documents=(CheckedDocument(document, (refused, noted)),),
        version="0.1.0",
        started="2025-12-09T00:00:00+00:00",
        finished="2025-12-09T00:00:02+00:00",
    )
    lines = failure_lines(build_document(report, config=Config()), more_in=MORE, verbose=True)
    (once,) = [line for line in lines if "/gone" in line]
    assert once.count(error) == 1
    (other,) = [line for line in lines if "/other" in line]
    assert "HTTP 404 (the note says more)" in other  # a reason the message lacks is still given


def test_only_the_lines_printed_are_made(monkeypatch: pytest.MonkeyPatch) -> None:
    """The cap's rest is counted, not written: of 10 failing findings with a limit of 3, three
    lines are made (issue 19: a warm 20,000-URL rerun made 1,558 lines to print 20)."""
    from checker.report import terminal  # noqa: PLC0415

    made: list[str] = []
    real = terminal._line

    def counted(*args: Any) -> str:
        made.append(real(*args))
        return made[-1]

    monkeypatch.setattr(terminal, "_line", counted)
    lines = failure_lines(_document(fail_on="info"), more_in=MORE, verbose=True, limit=3)
    assert lines[0] == "citecheck: 10 failing findings, worst first:"
    assert lines[-1] == "  … and 7 more: r/report.html"
    assert len(made) == 3
    assert [line for line in lines if line.startswith("    ")] == [f"    {m}" for m in made]
