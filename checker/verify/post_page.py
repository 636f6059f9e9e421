"""Whether the page a post's own address answered is the post, or a page standing in its place.

A crawl reads each post's page, and a user may name one: the blog's server may answer with a
login or consent page (a redirect, a meta refresh), a bot challenge, a paywall, a "not found"
page or its home page instead of the post.  Read as the post, such a page gave no citation, and
the run counted one more post read and passed: seven posts of which six were walls said
"7 posts, 2 citations: 2 checked; findings: none", exit 0 (probe 31).  A cited page is judged
for the same stand-ins (:func:`~checker.verify.availability.classify`); a post's page is
judged by the same rules, so the two never disagree on what a wall or a "not found" page is.
"""

from __future__ import annotations

from checker.model import FetchResult, Outcome, Status
from checker.verify.availability import classify, names_a_challenge

__all__ = ["stand_in"]

_NOT_THE_POST = frozenset({Status.BLOCKED, Status.BROKEN})


def stand_in(asked: str, final: str, html: str) -> str | None:
    """Why the page ``html`` that the post's address ``asked`` answered (from ``final``, where
    its redirects ended) is not the post: the verdict a cited page would get, when that is
    ``blocked`` or ``broken``; None when it is the post (or a page that moved it, a
    ``redirected`` one)."""
    answer = FetchResult(
        asked,
        Outcome.OK,
        final_url=final,
        status_code=200,
        content_type="text/html",
        text=html,
    )
    # A post compares nothing with its own page: a short one that shows little text without
    # JavaScript (a video or tweet embed, a photo, one link) is the post, not an application
    # shell (``reads_page`` gates that rule alone; mend31b).
    verdict = classify(answer, cited_url=asked, reads_page=False)
    if verdict.status not in _NOT_THE_POST:
        return None
    if final == asked and names_a_challenge(answer):  # a long post about bot walls, none
        return None
    said = verdict.findings[0].message if verdict.findings else verdict.status.value
    return f"its address answered with a page standing in its place ({said})"
