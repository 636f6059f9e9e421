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
from checker.verify.availability import UNVERIFIED, classify, leads_to_wall, names_a_challenge
from checker.verify.soft404 import client_redirect, header_refresh

__all__ = ["refreshed_to_wall", "stand_in"]

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
        return _forwarded_to_wall(asked, final, html)
    if final == asked and names_a_challenge(answer):  # a long post about bot walls, none
        return None
    said = verdict.findings[0].message if verdict.findings else verdict.status.value
    said = said.replace(f"; {UNVERIFIED}", "")
    return f"its address answered with a page standing in its place ({said})"


_FORWARDING_PAGE = 20_000
"""Characters of HTML past which a page forwards only by a meta refresh (a script's or a
frameset's forward counts only on a page this small: :func:`client_redirect`)."""
_REFRESH_SPELLINGS = ("efresh", "EFRESH")
"""What a meta refresh's ``http-equiv`` holds as written (``refresh``, ``Refresh``,
``REFRESH``): a long post page holding neither is not lowered and searched again for one.
Two plain searches, not a lowered copy or a case-blind pattern: on the 200 realpages either
cost more than the judging they spare (callgrind: +10.5 M instructions a page, most in
lowering non-ASCII text).  A refresh spelled in mixed case within the word ("refResh") on a
long page is not looked for."""


def _forwarded_to_wall(asked: str, final: str, html: str) -> str | None:
    """Why the page is not the post when it sends its reader on at once to a wall's address
    (the rule a cited page's redirect is judged by: :func:`leads_to_wall`), else None; a post
    that reloads or forwards elsewhere (a moved post's stub) is read as before."""
    if len(html) > _FORWARDING_PAGE and not any(s in html for s in _REFRESH_SPELLINGS):
        return None
    return _to_wall(asked, client_redirect(html, final), "a refresh or a script")


def refreshed_to_wall(asked: str, final: str, refresh: str, html: str) -> str | None:
    """Why the page is not the post when the ``Refresh`` header its answer came with
    (:attr:`~checker.model.Page.refresh`) sends the reader on at once to a wall's address, else
    None.  A browser obeys the header as it obeys a meta refresh, by the same patience
    (:func:`header_refresh`), so a post page answering ``Refresh: 0; url=/login`` above a
    "Redirecting…" body, or above its old text, was read as the post and passed.

    Asked of every page that answered for a post, a warm one too: the memo keeps a page's
    posts by its body, and the header may change while the body does not."""
    return _to_wall(asked, header_refresh(refresh, html, final), "its Refresh header")


def _to_wall(asked: str, target: str | None, how: str) -> str | None:
    """What is said of a post page forwarding its reader at once to ``target`` (by ``how``)
    when that is a wall's address (the rule a cited page's redirect is judged by:
    :func:`leads_to_wall`), else None: a reload or a moved post's stub is read as before."""
    if target is None or not leads_to_wall(target, asked):
        return None
    return (
        f"its address forwards the reader at once ({how}) to a login, consent, "
        f"subscription, age or region page: {target}"
    )
