"""The synthetic web the benchmark checks: hosts, URLs, statuses, latencies, article pages.

Everything is derived from one seed, so the server (``bench.web``), the corpus writer
(``bench.corpus``) and the runner's politeness bound (``bench.run``) agree on every URL without
passing files around.  URLs are spread over hosts by a Zipf law (a few big news sites, a long tail),
which is what makes the per-host politeness limit, not raw throughput, the bound worth beating.

The ``uniform`` regime (issue 19) is the other, more common shape of real input: many hosts with a
few URLs each, a fixed 100 ms per answer, ~100-byte pages and 5 % 404, so the checker's own width
and CPU, not politeness, bound the run.
"""

from __future__ import annotations

import random
import zlib
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from html import escape

__all__ = ["REGIMES", "Resource", "Site", "build_site", "render_article", "render_small"]

REGIMES = ("zipf", "uniform")

_STATUS_WEIGHTS: tuple[tuple[int, float], ...] = (
    (200, 0.85),
    (404, 0.05),
    (410, 0.02),
    (500, 0.02),
    (301, 0.04),
    (302, 0.02),
)
_UNIFORM_STATUS_WEIGHTS: tuple[tuple[int, float], ...] = ((200, 0.95), (404, 0.05))
_UNIFORM_LATENCY = 0.1
_WORDS = [
    "government",
    "minister",
    "policy",
    "election",
    "market",
    "war",
    "peace",
    "talks",
    "sanctions",
    "economy",
    "energy",
    "border",
    "security",
    "alliance",
    "summit",
    "treaty",
    "budget",
    "report",
    "analysis",
    "officials",
    "sources",
    "said",
    "according",
    "statement",
    "parliament",
    "president",
    "region",
    "crisis",
    "agreement",
    "forces",
    "strategy",
    "trade",
]
_FIRST = ("Anna", "James", "Maria", "David", "Yuki", "Olga", "Peter", "Sarah", "Ivan", "Laura")
_LAST = ("Smith", "Kowalski", "Tanaka", "Petrenko", "Brown", "Garcia", "Muller", "Rossi", "Chen")


@dataclass(frozen=True, slots=True)
class Resource:
    """One URL of the synthetic web and how the server answers it."""

    host: str
    path: str
    status: int
    latency: float
    title: str
    author: str
    published: date
    location: str | None = None

    @property
    def url(self) -> str:
        return f"http://{self.host}{self.path}"


@dataclass(frozen=True, slots=True)
class Site:
    """The whole web: the cited resources plus the redirect targets they lead to."""

    seed: int
    hosts: tuple[str, ...]
    cited: tuple[Resource, ...]
    targets: tuple[Resource, ...]

    by_key: Mapping[tuple[str, str], Resource]
    small_pages: bool = False
    """Answer 200s with a ~100-byte page (``render_small``) instead of a ~12 KB article."""

    def required_requests(self) -> dict[str, list[float]]:
        """Per host, the latency of every request a perfect checker must send (no retries)."""
        per_host: dict[str, list[float]] = defaultdict(list)
        for resource in (*self.cited, *self.targets):
            per_host[resource.host].append(resource.latency)
        return per_host


def build_site(
    seed: int,
    hosts: int,
    urls: int,
    *,
    latency: tuple[float, float] = (0.02, 0.3),
    zipf: float = 1.0,
    regime: str = "zipf",
) -> Site:
    """The seeded web: ``urls`` cited URLs over ``hosts`` hosts (Zipf-distributed, or uniform:
    equal shares, 100 ms per answer, 95 % 200 / 5 % 404, small pages)."""
    if regime not in REGIMES:
        raise ValueError(f"regime must be one of {REGIMES}")
    uniform = regime == "uniform"
    rng = random.Random(seed)
    # One publisher per host, each its own registered domain, as on the web: a run split over
    # processes pins citations by registered domain (checker.sharing.site_of), and 40 subdomains
    # of one domain would all land on one process.
    names = tuple(f"news{i:03d}-benchweb.org" for i in range(hosts))
    weights = [1.0 if uniform else 1.0 / (rank + 1) ** zipf for rank in range(hosts)]
    table = _UNIFORM_STATUS_WEIGHTS if uniform else _STATUS_WEIGHTS
    if uniform:
        latency = (_UNIFORM_LATENCY, _UNIFORM_LATENCY)
    statuses = [s for s, _ in table]
    status_weights = [w for _, w in table]
    counts: dict[str, int] = defaultdict(int)
    cited: list[Resource] = []
    targets: list[Resource] = []
    host_of = (
        [names[i % hosts] for i in range(urls)]
        if uniform
        else rng.choices(names, weights=weights, k=urls)
    )
    for index, host in enumerate(host_of):
        counts[host] += 1
        status = rng.choices(statuses, weights=status_weights)[0]
        if uniform:  # exactly one URL in twenty is a 404, spread over every host
            status = 404 if index % 20 == 19 else 200
        title = _title(rng)
        author = f"{rng.choice(_FIRST)} {rng.choice(_LAST)}"
        published = date(2024, 1, 1) + timedelta(days=rng.randrange(700))
        slug = "-".join(title.lower().split()[:5])
        path = f"/{published:%Y/%m}/{slug}-{counts[host]}.html"
        location = None
        if status in (301, 302):
            target = Resource(
                host, f"/moved{path}", 200, rng.uniform(*latency), title, author, published
            )
            targets.append(target)
            location = target.url
        cited.append(
            Resource(host, path, status, rng.uniform(*latency), title, author, published, location)
        )
    by_key = {(r.host, r.path): r for r in (*cited, *targets)}
    return Site(seed, names, tuple(cited), tuple(targets), by_key, small_pages=uniform)


def _title(rng: random.Random) -> str:
    words = rng.sample(_WORDS, 7)
    return " ".join(words).capitalize().replace("  ", " ")


_PARAGRAPHS = tuple(
    " ".join(random.Random(i).choices(_WORDS, k=90)).capitalize() + "." for i in range(64)
)


def render_article(resource: Resource) -> bytes:
    """A news article of ~10 KB: title, og:title, author and date metadata, a long body."""
    start = zlib.crc32(resource.path.encode()) % len(_PARAGRAPHS)
    paragraphs = "".join(
        f"<p>{_PARAGRAPHS[(start + i) % len(_PARAGRAPHS)]}</p>\n" for i in range(16)
    )
    title = escape(resource.title)
    site = escape(resource.host)
    iso = resource.published.isoformat()
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        f"<title>{title} | {site}</title>"
        f'<meta property="og:title" content="{title}">'
        f'<meta property="og:site_name" content="{site}">'
        '<meta property="og:type" content="article">'
        f'<meta name="author" content="{escape(resource.author)}">'
        f'<meta property="article:published_time" content="{iso}T08:00:00Z">'
        f'<link rel="canonical" href="{resource.url}">'
        '</head><body><header><nav><a href="/">Home</a></nav></header><article>'
        f'<h1>{title}</h1><p class="byline">By {escape(resource.author)}</p>'
        f'<time datetime="{iso}">{resource.published:%B} {resource.published.day}, '
        f"{resource.published.year}</time>\n{paragraphs}</article></body></html>"
    ).encode()


def render_small(resource: Resource) -> bytes:
    """A ~100-byte page: the title and nothing else (the uniform regime's answers)."""
    return (
        f"<!DOCTYPE html><html><head><title>{escape(resource.title)}</title></head>"
        "<body>Text.</body></html>"
    ).encode()
