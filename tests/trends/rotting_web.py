"""A fixture web whose sources die between runs, and a folder of dated posts citing them.

Each run of a trends test sets :attr:`RottingWeb.dead` (the URLs gone by then) and checks the
posts again, at a simulated time: the history it leaves is known to the day, so every number of
``trends.csv`` can be written down in advance (see ``test_trends_e2e.py``).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from checker.config import Config, ConnectTo
from checker.pipeline import check
from checker.sampleweb import SampleWeb, Web
from checker.sampleweb.server import Request, Response
from tests.e2e.blogger import article_page

__all__ = ["POSTS", "RUNS", "RottingWeb", "run_history", "write_posts", "youtube_embed"]

_VIDEO = re.compile(r"(?:embed/|v=)([\w-]{11})")


def youtube_embed(video: str) -> str:
    """The iframe YouTube's share button gives."""
    return (
        f'<iframe width="560" height="315" src="https://www.youtube.com/embed/{video}" '
        'title="YouTube video player" frameborder="0" allowfullscreen></iframe>'
    )


POSTS: dict[str, tuple[str | None, list[str]]] = {
    # file name: (post date, what it cites: article URLs, or "yt:ID" for an embedded video)
    "p1.md": (
        "2025-01-10",
        [
            "https://news.alpha.com/a1",
            "https://news.alpha.com/a2",
            "https://www.beta.org/x",
        ],
    ),
    "p2.md": ("2025-02-05", ["https://www.beta.org/b", "yt:AAAAAAAAAA1"]),
    "p3.md": ("2025-03-01", ["https://gamma.co.uk/c", "yt:BBBBBBBBBB2"]),
    "p4.md": (None, ["https://news.alpha.com/u"]),
}


@dataclass
class RottingWeb:
    """Articles and YouTube's oEmbed, each alive until its URL is put in :attr:`dead`."""

    dead: set[str] = field(default_factory=set)

    def web(self) -> Web:
        web = Web()
        for _, cited in POSTS.values():
            for url in cited:
                if not url.startswith("yt:"):
                    web.add(url, self._article)
        web.add("https://www.youtube.com/oembed", self._oembed)
        web.fallback("www.youtube.com", self._oembed)
        return web

    def _article(self, request: Request) -> Response:
        if request.url in self.dead:
            return Response(404, (("Content-Type", "text/html"),), b"<h1>Not Found</h1>")
        page = article_page(f"Article at {urlsplit(request.url).path}", site="News")
        return Response(200, (("Content-Type", "text/html; charset=utf-8"),), page.encode())

    def _oembed(self, request: Request) -> Response:
        query = parse_qs(urlsplit(request.path).query)
        found = _VIDEO.search(query.get("url", [""])[0])
        if found is None or f"yt:{found.group(1)}" in self.dead:
            return Response(404, (("Content-Type", "text/html"),), b"Not Found")
        video = found.group(1)
        body = {
            "title": f"Video {video}",
            "author_name": "Channel",
            "author_url": "https://www.youtube.com/@channel",
            "type": "video",
            "html": f'<iframe src="https://www.youtube.com/embed/{video}"></iframe>',
        }
        return Response(200, (("Content-Type", "application/json"),), json.dumps(body).encode())


def write_posts(folder: Path) -> None:
    """The posts of :data:`POSTS` as Markdown files with front matter."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, (day, cited) in POSTS.items():
        front = f"---\ntitle: Post {name}\n" + (f"date: {day}\n" if day else "") + "---\n\n"
        lines = [
            youtube_embed(url[3:]) if url.startswith("yt:") else f"See [the source]({url})."
            for url in cited
        ]
        (folder / name).write_text(front + "\n\n".join(lines) + "\n", encoding="utf-8")


RUNS: tuple[tuple[datetime, frozenset[str]], ...] = (
    (datetime(2025, 3, 10, 12, tzinfo=UTC), frozenset()),
    (
        datetime(2025, 4, 10, 12, tzinfo=UTC),
        frozenset({"https://news.alpha.com/a1", "yt:AAAAAAAAAA1"}),
    ),
    (
        datetime(2025, 5, 10, 12, tzinfo=UTC),
        frozenset({"https://www.beta.org/b", "https://news.alpha.com/u"}),
    ),
)
"""The runs of a trends test: when each one happens, and the sources gone by then."""


def run_history(
    tmp_path: Path,
    store: Path,
    runs: Sequence[tuple[datetime, frozenset[str]]] = RUNS,
    *,
    cumulative: bool = True,
    **settings: object,
) -> tuple[str, ...]:
    """Check the posts once per run of ``runs``, the web losing its sources between runs.

    ``cumulative``: each run names the sources gone since the last one (they stay gone); else
    each run names every source gone at that time, so a source left out comes back to life.
    Returns the ``--connect-to`` arguments of the runs: ``trends`` needs them to read the
    history of this test web rather than the real web's.
    """
    posts = tmp_path / "posts"
    write_posts(posts)
    rotting = RottingWeb()
    with SampleWeb(rotting.web()) as site:
        config = Config().with_(
            connect_to=[ConnectTo.parse(rule) for rule in site.connect_to()],
            cacert=site.ca_path,
            retries=0,
            archive="off",
            store=store,
            ttl=0,  # every run asks again: the sources change between runs
            failure_ttl=0,
            **settings,
        )
        for when, dying in runs:
            rotting.dead = (rotting.dead | dying) if cumulative else set(dying)
            check([str(posts)], config, clock=_at(when))
        return tuple(arg for rule in site.connect_to() for arg in ("--connect-to", rule))


def _at(when: datetime) -> Callable[[], datetime]:
    return lambda: when
