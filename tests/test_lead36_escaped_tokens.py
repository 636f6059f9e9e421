"""A prefixed credential written with escapes in it is still one (session 34's note).

A server decodes ``%5F`` to ``_`` before it reads a query or a path, so ``?t=ghp%5F…`` carries
the GitHub token ``ghp_…``; the redaction read the text as written and showed such tokens whole
in every report (and handed the URL to the archive).  What was a slug plain stays a slug escaped.
"""

from __future__ import annotations

import pytest

from checker.redact import REDACTED, carries_secret, redact_text, redact_url

_GITHUB = "16C7e42F292c6912E7710c838347Ae178B4a"
_STRIPE = "4eC39HqLyjWDarjtT1zdp7dc"


@pytest.mark.parametrize(
    ("url", "redacted"),
    [
        (f"https://x.example/a?t=ghp%5F{_GITHUB}", "https://x.example/a?t=REDACTED"),
        (f"https://x.example/a?t=ghp%5f{_GITHUB}&page=2", "https://x.example/a?t=REDACTED&page=2"),
        (f"https://x.example/ghp%5F{_GITHUB}/x", "https://x.example/REDACTED/x"),
        (f"https://x.example/a?q=%67hp_{_GITHUB}", "https://x.example/a?q=REDACTED"),
        (f"https://x.example/k/sk%5Flive%5F{_STRIPE}", "https://x.example/k/REDACTED"),
        (
            f"https://x.example/backup%5Fghp%5F{_GITHUB}.txt",
            "https://x.example/backup%5FREDACTED.txt",
        ),
        (
            f"https://x.example/%E3%81%82ghp%5F{_GITHUB}%E3%81%82",
            "https://x.example/%E3%81%82REDACTED%E3%81%82",
        ),
        (
            f"https://x.example/ghp_{_GITHUB[:26]}%33%38{_GITHUB[28:]}/x",
            "https://x.example/REDACTED/x",
        ),
        (f"https://x.example/#/settings/ghp%5F{_GITHUB}", "https://x.example/#/settings/REDACTED"),
    ],
)
def test_an_escaped_token_is_redacted(url: str, redacted: str) -> None:
    assert redact_url(url) == redacted
    assert carries_secret(url)


@pytest.mark.parametrize(
    "url",
    [
        "https://x.example/pypi%2Dtrusted%2Dpublishing%2Dexplained",
        "https://x.example/npm%5Fpackage%5Flock%5Fexplained%5Fsimply",
        "https://x.example/%E3%83%8B%E3%83%A5%E3%83%BC%E3%82%B9/ghp%5Fshort",
        "https://ja.example/wiki/%E6%9D%B1%E4%BA%AC?ref=a%5Fb",
    ],
)
def test_an_escaped_slug_stays(url: str) -> None:
    assert redact_url(url) == url
    assert not carries_secret(url)


def test_a_message_quoting_an_escaped_token_hides_it() -> None:
    said = redact_text(f"401 for token ghp%5F{_GITHUB} (and https://x.example/?k=ghp%5F{_GITHUB})")
    assert _GITHUB not in said
    assert said.count(REDACTED) == 2
