"""robots.txt, per host, for the URLs the crawler finds by itself.

A URL the user names is fetched whatever robots.txt says; feeds, sitemaps, pager pages and post
pages that discovery finds on its own are checked first and skipped when disallowed.  As in
Scrapy's middleware, robots.txt is fetched once per host, and a robots.txt that cannot be read
(404, error, not text) allows everything.  ``protego`` parses it (wildcards, ``Allow``
precedence, ``Sitemap:`` lines) the way Google does.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from protego import Protego

from checker.model import Fetcher, Outcome

__all__ = ["ROBOTS_AGENT", "Robots"]

ROBOTS_AGENT = "citecheck"
"""The user-agent token matched against robots.txt groups."""


class Robots:
    """robots.txt rules of every host asked about, fetched lazily through the run's Fetcher."""

    def __init__(self, fetcher: Fetcher, *, agent: str = ROBOTS_AGENT) -> None:
        self._fetcher = fetcher
        self._agent = agent
        self._rules: dict[str, Protego | None] = {}

    async def allowed(self, url: str) -> bool:
        """Whether robots.txt of ``url``'s host lets a crawler fetch it."""
        rules = await self._for(url)
        return True if rules is None else bool(rules.can_fetch(url, self._agent))

    async def sitemaps(self, url: str) -> tuple[str, ...]:
        """The ``Sitemap:`` URLs robots.txt of ``url``'s host names."""
        rules = await self._for(url)
        return () if rules is None else tuple(rules.sitemaps)

    async def _for(self, url: str) -> Protego | None:
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        if origin not in self._rules:
            result = await self._fetcher.get(f"{origin}/robots.txt", fresh=True)
            ok = result.outcome is Outcome.OK and result.status_code == 200 and result.text
            self._rules[origin] = Protego.parse(result.text or "") if ok else None
        return self._rules[origin]
