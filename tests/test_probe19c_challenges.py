"""Probe 19c: a protection script (Imperva, Reblaze) on a short real page is not a challenge.

Imperva's ``/_Incapsula_Resource`` script and Reblaze's ``window.rbzns`` close every page a
protected site serves, challenges and articles alike; they are to mean "challenge" only on a page
with almost no text of its own.  A news brief (six sentences, a headline, ``og:title`` and
``article:published_time``) showed fewer than 2,000 characters and was ``blocked``: its right
citation unchecked and a warning that fails ``--fail-on warning``.  Challenge pages of these two
show no text at all (Imperva's with text says "Incapsula incident ID", a marker of its own).
"""

from __future__ import annotations

import pytest

from checker.model import FetchResult, Outcome, Status
from checker.verify.availability import classify

URL = "https://www.gazette.example/news/2025/11/11/bridge-closed"
PARAGRAPH = "<p>The council voted on Monday to close the old bridge to lorries for good.</p>"
IMPERVA = '<script async src="/_Incapsula_Resource?SWJIYLWA=719d&ns=1&cb=1"></script>'
REBLAZE = '<script>window.rbzns={bereshit: "1", seed: "iGk28c", storage:"3"};</script>'
BRIEF = (
    '<html><head><title>Bridge closed - Gazette</title><meta property="og:title" '
    'content="Bridge closed"><meta property="article:published_time" content="2025-11-11">'
    '</head><body><nav><a href="/">Home</a> <a href="/news">News</a></nav><article>'
    "<h1>Bridge closed</h1>" + PARAGRAPH * 6 + "</article>{script}</body></html>"
)
WALL = '<html><head><meta charset="utf-8">{script}</head><body>\n</body></html>'


def _status(text: str) -> Status:
    result = FetchResult(URL, Outcome.OK, final_url=URL, status_code=200, text=text)
    return classify(result, cited_url=URL).status


@pytest.mark.parametrize("script", [IMPERVA, REBLAZE], ids=["imperva", "reblaze"])
def test_a_short_protected_article_is_read(script: str) -> None:
    assert _status(BRIEF.format(script=script)) is Status.OK


@pytest.mark.parametrize("script", [IMPERVA, REBLAZE], ids=["imperva", "reblaze"])
def test_the_script_alone_is_still_a_challenge(script: str) -> None:
    """What held up: the empty page the script challenges from stays ``blocked``."""
    assert _status(WALL.format(script=script)) is Status.BLOCKED
