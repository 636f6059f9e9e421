"""Archive lookups against a Wayback Machine that is down, slow or off (issue 19).

Not part of the test suite.  One command::

    python -m bench.archive                 # 200 broken URLs over 20 hosts, every variant
    python -m bench.archive --urls 400 --variants down,off

A Markdown post cites ``--urls`` URLs spread over ``--hosts`` hosts of the fixture web
(``checker.sampleweb``, real HTTPS on loopback through ``--connect-to``); every one answers 404
after ``--latency`` seconds, so each is a dead source that asks the archive for a copy.  The
archive (``archive.org`` and ``web.archive.org``) then:

- ``off``: is never asked (``archive = "off"``), the floor;
- ``down``: answers 502 to everything;
- ``slow``: answers every request after ``--slow`` seconds, with nothing archived (``{}``/``[]``);
- ``healthy``: answers at once, with nothing archived.

citecheck runs in this process, on its defaults but ``store = None``.  The table gives the wall
time, the requests the archive received, and the run's archive problem line, if any.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from checker.config import Config, ConnectTo
from checker.pipeline import check
from checker.sampleweb import SampleWeb, Web
from checker.sampleweb.server import Response

__all__ = ["main"]

_ARCHIVE_HOSTS = ("archive.org", "web.archive.org")
_HTML = ("Content-Type", "text/html; charset=utf-8")
_JSON = ("Content-Type", "application/json")
_GONE = b"<!DOCTYPE html><html><head><title>Not found</title></head><body>Gone.</body></html>"


@dataclass(frozen=True, slots=True)
class Result:
    """One run: what it cost and what the archive saw."""

    variant: str
    wall: float
    archive_requests: int
    broken: int
    problem: str


def _web(urls: list[str], variant: str, latency: float, slow: float) -> Web:
    web = Web()
    for url in urls:
        web.add(url, Response(404, (_HTML,), _GONE, delay=latency))
    if variant == "down":
        for host in _ARCHIVE_HOSTS:
            web.fallback(host, Response(502, (_HTML,), b"<html>Bad Gateway</html>"))
    elif variant in ("slow", "healthy"):
        delay = slow if variant == "slow" else 0.0
        web.fallback("archive.org", Response(200, (_JSON,), b"{}", delay=delay))
        web.fallback("web.archive.org", Response(200, (_JSON,), b"[]", delay=delay))
    return web


def _run(urls: list[str], variant: str, args: argparse.Namespace, folder: Path) -> Result:
    post = folder / "post.md"
    post.write_text(
        "# Sources\n\n" + "".join(f"- [source {i}]({u})\n" for i, u in enumerate(urls)),
        encoding="utf-8",
    )
    with SampleWeb(_web(urls, variant, args.latency, args.slow)) as site:
        config = Config().with_(
            connect_to=tuple(ConnectTo.parse(rule) for rule in site.connect_to()),
            cacert=site.ca_path,
            store=None,
            report_dir=folder / variant,
            archive="off" if variant == "off" else "wayback",
        )
        started = time.perf_counter()
        report = check([str(post)], config)
        wall = time.perf_counter() - started
        asked = sum(1 for _, url in site.requests if _archive_host(url))
    broken = sum(1 for d in report.documents for c in d.citations if c.status.value == "broken")
    problems = [p.finding.message for p in report.problems if "archive" in p.finding.message]
    return Result(variant, wall, asked, broken, problems[0] if problems else "")


def _archive_host(url: str) -> bool:
    host = url.split("://", 1)[-1].split("/", 1)[0].split(":", 1)[0]
    return host in _ARCHIVE_HOSTS


def main(argv: list[str] | None = None) -> None:
    """Run each variant once and print a Markdown table."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--urls", type=int, default=200)
    parser.add_argument("--hosts", type=int, default=20)
    parser.add_argument("--latency", type=float, default=0.1, help="seconds per 404 answer")
    parser.add_argument("--slow", type=float, default=1.0, help="seconds per slow archive answer")
    parser.add_argument("--variants", default="off,down,slow,healthy")
    args = parser.parse_args(argv)
    urls = [
        f"https://site{i % args.hosts:02d}.example.org/2024/story-{i}.html"
        for i in range(args.urls)
    ]
    print(f"{args.urls} broken URLs over {args.hosts} hosts, {args.latency:.2f} s per answer")
    print("| archive | wall s | archive requests | broken | problem |")
    print("|---|---|---|---|---|")
    for variant in args.variants.split(","):
        with tempfile.TemporaryDirectory() as folder:
            r = _run(urls, variant.strip(), args, Path(folder))
        print(f"| {r.variant} | {r.wall:.1f} | {r.archive_requests} | {r.broken} | {r.problem} |")


if __name__ == "__main__":
    main()
