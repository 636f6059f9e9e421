"""A small hand-built Report covering every citation kind, every status and a Japanese title."""

from __future__ import annotations

from datetime import date

from checker.findings import Code
from checker.model import (
    CheckedCitation,
    CheckedDocument,
    Citation,
    CitationKind,
    Cited,
    Document,
    Finding,
    Observed,
    Platform,
    Report,
    Status,
)

JA_TITLE = "最大の試練を迎えたウクライナを支援すべく西側はなにを支援し(Foreign Affairs)"
POST_URL = "https://example.blogspot.com/2025/12/blog-post_8.html"
TWEETS_URL = "https://example.blogspot.com/2025/02/blog-post_12.html"


def _source_ok() -> CheckedCitation:
    cited = Cited(
        title="Ukraine's Hardest Winter",
        subtitle="With Donbas in peril, Europe must pressure Russia",
        author="Jack Watling",
        date="November 11, 2025",
        publisher="Foreign Affairs",
    )
    observed = Observed(
        200, "Ukraine’s Hardest Winter", "Jack Watling", "2025-11-11", "Foreign Affairs"
    )
    return CheckedCitation(
        Citation(
            CitationKind.SOURCE,
            "https://www.foreignaffairs.com/ukraine/hardest-winter",
            cited,
            line=3,
        ),
        Status.OK,
        final_url="https://www.foreignaffairs.com/ukraine/hardest-winter",
        observed=observed,
    )


def _source_missing() -> CheckedCitation:
    cited = Cited(title="Why Putin Won't Stop", author="Jane Doe", publisher="19fortytive")
    return CheckedCitation(
        Citation(CitationKind.SOURCE, None, cited, line=40),
        Status.MISSING,
        findings=(Finding.of(Code.MISSING_URL, "the attribution names a source but gives no URL"),),
    )


def _source_mismatch() -> CheckedCitation:
    cited = Cited(
        title="Russia's | Real Plan\nfor 2026", author="John Roe", publisher="19fortytive"
    )
    observed = Observed(200, "Russia's Plan for Ukraine", "John Roe", None, "19FortyFive")
    return CheckedCitation(
        Citation(CitationKind.SOURCE, "https://www.19fortyfive.com/2025/05/russias-plan/", cited),
        Status.OK,
        final_url="https://www.19fortyfive.com/2025/05/russias-plan/",
        observed=observed,
        findings=(
            Finding.of(Code.TITLE_MISMATCH, "the cited title is not the source's title"),
            Finding.of(Code.PUBLISHER_MISMATCH, "'19fortytive' is not 19FortyFive"),
        ),
    )


def _link_broken() -> CheckedCitation:
    return CheckedCitation(
        Citation(CitationKind.LINK, "https://news.example.com/2024/01/gone-story/", line=12),
        Status.BROKEN,
        observed=Observed(status_code=404),
        findings=(
            Finding.of(
                Code.BROKEN,
                "the server answered HTTP 404 Not Found",
                archive_url="https://web.archive.org/web/20240102000000/https://news.example.com/2024/01/gone-story/",
            ),
        ),
    )


def _link_redirected() -> CheckedCitation:
    return CheckedCitation(
        Citation(CitationKind.LINK, "http://old.example.com/a"),
        Status.REDIRECTED,
        final_url="https://new.example.com/a",
        findings=(
            Finding.of(
                Code.REDIRECTED,
                "moved permanently to https://new.example.com/a",
                suggestion="cite https://new.example.com/a",
            ),
        ),
    )


def _link_blocked() -> CheckedCitation:
    return CheckedCitation(
        Citation(CitationKind.LINK, "https://walled.example.com/story"),
        Status.BLOCKED,
        findings=(Finding.of(Code.BLOCKED, "a bot challenge page answered (HTTP 403)"),),
    )


def _link_unreachable() -> CheckedCitation:
    return CheckedCitation(
        Citation(CitationKind.LINK, "https://slow.example.com/story"),
        Status.UNREACHABLE,
        findings=(Finding.of(Code.UNREACHABLE, "the server did not answer in time"),),
    )


def _link_skipped() -> CheckedCitation:
    return CheckedCitation(
        Citation(CitationKind.LINK, "mailto:editor@example.com"),
        Status.SKIPPED,
        note="not checked: not an http(s) URL",
    )


def _embed_secondary() -> CheckedCitation:
    cited = Cited(
        author="Donald J. Trump Posts From His Truth Social",
        handle="TrumpDailyPosts",
        date="February 12, 2025",
        text="Just spoke with President Putin",
    )
    observed = Observed(
        200,
        None,
        "Donald J. Trump Posts From His Truth Social",
        None,
        None,
        "TrumpDailyPosts",
        "Just spoke with President Putin",
    )
    return CheckedCitation(
        Citation(
            CitationKind.EMBED,
            "https://twitter.com/TrumpDailyPosts/status/1889",
            cited,
            platform=Platform.TWITTER,
            post_id="1889",
            line=20,
        ),
        Status.OK,
        observed=observed,
        findings=(Finding.of(Code.EMBED_SECONDARY_SOURCE, "@TrumpDailyPosts is a mirror account"),),
    )


def _embed_ja_text() -> CheckedCitation:
    cited = Cited(
        author="NHKニュース",
        handle="nhk_news",
        date="February 12, 2025",
        text="トランプ大統領 プーチン大統領と電話会談",
    )
    observed = Observed(
        200,
        None,
        "NHKニュース",
        "2025-02-12",
        None,
        "nhk_news",
        "トランプ大統領 ロシア プーチン大統領と電話会談",
    )
    return CheckedCitation(
        Citation(
            CitationKind.EMBED,
            "https://twitter.com/nhk_news/status/1890",
            cited,
            platform=Platform.TWITTER,
        ),
        Status.OK,
        observed=observed,
        findings=(Finding.of(Code.EMBED_TEXT_MISMATCH, "the text shown is not the post's text"),),
    )


def _quote_not_found() -> CheckedCitation:
    return CheckedCitation(
        Citation(
            CitationKind.QUOTE,
            "https://www.foreignaffairs.com/ukraine/hardest-winter",
            Cited(text="Russia is winning"),
        ),
        Status.OK,
        # verify's closest passage of the source, for the report's word diff
        observed=Observed(status_code=200, text="Russia is losing, officials said"),
        findings=(Finding.of(Code.QUOTE_NOT_FOUND, "the quoted text is not in the source"),),
    )


def sample_report() -> Report:
    """Two posts: nine citations of every kind and status, and two Japanese embeds."""
    first = Document(POST_URL, "seeds/000.txt", JA_TITLE, date(2025, 12, 8), ())
    second = Document(TWEETS_URL, "seeds/003.txt", "ライブ:米ロ首脳電話会談", date(2025, 2, 12), ())
    return Report(
        inputs=("https://example.blogspot.com/search/label/ウクライナ",),
        documents=(
            CheckedDocument(
                first,
                (
                    _source_ok(),
                    _source_missing(),
                    _source_mismatch(),
                    _link_broken(),
                    _link_redirected(),
                    _link_blocked(),
                    _link_unreachable(),
                    _link_skipped(),
                    _quote_not_found(),
                ),
            ),
            CheckedDocument(second, (_embed_secondary(), _embed_ja_text())),
        ),
        version="0.1.0",
        started="2025-12-09T00:00:00+00:00",
        finished="2025-12-09T00:01:00+00:00",
    )
