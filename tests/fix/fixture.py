"""A small web for ``citecheck fix``: a dead source with a Wayback copy, a moved one, a live one."""

from __future__ import annotations

from checker.sampleweb import Web
from checker.sampleweb.server import Response
from tests.fixtureweb.archive_web import Capture, add_wayback

__all__ = ["ALIVE", "COPY", "DEAD", "LOST", "MOVED", "NEW", "fix_web"]

NEWS = "https://news.example.org"
DEAD = f"{NEWS}/2024/budget-defeat.html"
"""Gone (404); the Wayback Machine holds a good capture of it."""
COPY = f"https://web.archive.org/web/20240101000000/{DEAD}"
LOST = f"{NEWS}/2024/lost.html"
"""Gone (404) and never archived: nothing to repair it with."""
ALIVE = f"{NEWS}/2024/alive.html"
MOVED = f"{NEWS}/2024/moved"
NEW = f"{NEWS}/2024/new-home-of-the-story"
_HTML = ("Content-Type", "text/html; charset=utf-8")


def _page(title: str) -> str:
    body = "A long article body about the budget and the cabinet. " * 30
    return f"<html><head><title>{title}</title></head><body><h1>{title}</h1><p>{body}</p></html>"


def fix_web() -> Web:
    """The web the fix tests check against."""
    web = Web()
    gone = Response(404, (_HTML,), b"<html><title>Not found</title>Gone.</html>")
    web.add(DEAD, gone)
    web.add(LOST, gone)
    web.page(f"{NEWS}/", _page("Example News"))
    web.page(ALIVE, _page("Parliament passes the budget"))
    web.page(NEW, _page("The story that moved"))
    web.redirect(MOVED, NEW, status=301)
    add_wayback(web, {DEAD: (Capture("20240101000000", _page("Cabinet resigns after defeat")),)})
    return web
