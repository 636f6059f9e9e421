"""CPU of judging alone, per page (issue 19): no network, no event loop, no fetch layer.

``python -m bench.profile_judge`` judges fetched answers through the function the pipeline's
judging thread runs (``verify.citation._judge``) and prints CPU ms per page for each mix:

- ``small``: the uniform benchmark's ~130-byte pages (``bench.site.render_small``), cited as the
  bench corpus cites them: four body links with nothing to compare for each attributed source
  (title, author, date), and each kind on its own;
- ``article``: the Zipf regime's ~12 KB article pages (``bench.site.render_article``), cited
  the same three ways;
- ``real``: the 200 real article pages of ``/work/shared/realpages/dev.tar.xz`` (override with
  ``CITECHECK_REALPAGES``), each cited once as a plain link and once as a source with its true
  title, author and date.

CPU seconds (``time.process_time``) are the figure to compare across runs on a shared machine;
``--profile MIX`` adds a cProfile of one mix (``--sort cumulative`` for the call tree).
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from bench.site import build_site, render_article, render_small
from checker.model import Citation, CitationKind, Cited, FetchResult, Outcome
from checker.verify.citation import _judge

__all__ = ["main"]

Case = tuple[Citation, FetchResult]


def _answer(url: str, html: str) -> FetchResult:
    return FetchResult(
        url,
        Outcome.OK,
        final_url=url,
        status_code=200,
        headers={"content-type": "text/html; charset=utf-8"},
        content_type="text/html; charset=utf-8",
        text=html,
    )


def _link(url: str) -> Citation:
    return Citation(CitationKind.LINK, url, Cited())


def _source(url: str, title: str, author: str, day: str) -> Citation:
    return Citation(CitationKind.SOURCE, url, Cited(title=title, author=author, date=day))


def bench_cases(count: int, regime: str) -> dict[str, list[Case]]:
    """One regime's pages cited three ways: links alone, sources alone, and the corpus's 4:1
    mix; ``uniform``: its ~130-byte pages (``small``), ``zipf``: its ~12 KB articles
    (``article``)."""
    site = build_site(1, 40, count, regime=regime)
    render, name = (render_small, "small") if regime == "uniform" else (render_article, "article")
    links: list[Case] = []
    sources: list[Case] = []
    mixed: list[Case] = []
    for index, resource in enumerate(r for r in site.cited if r.status == 200):
        answer = _answer(resource.url, render(resource).decode())
        day = f"{resource.published:%B} {resource.published.day}, {resource.published.year}"
        source = _source(resource.url, resource.title, resource.author, day)
        link = _link(resource.url)
        links.append((link, answer))
        sources.append((source, answer))
        mixed.append((source if index % 5 == 0 else link, answer))
    return {
        f"{name}: link": links,
        f"{name}: source": sources,
        f"{name}: 4 links : 1 source": mixed,
    }


def real_cases(tarball: Path | None) -> dict[str, list[Case]]:
    """The real pages, each as a plain link and as a source cited with its truth."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "verify"))
    from realpages import cited_author, cited_date, load_pages  # noqa: PLC0415

    pages = load_pages(tarball)
    links = [(_link(p.url), _answer(p.url, p.html)) for p in pages]
    sources = [
        (
            _source(p.url, p.title, cited_author(p.author), cited_date(p.date) if p.date else ""),
            _answer(p.url, p.html),
        )
        for p in pages
    ]
    return {"real: link": links, "real: source": sources}


def cpu_per_page(cases: Sequence[Case], rounds: int) -> float:
    """CPU milliseconds per judged page, the best of ``rounds`` passes (warm caches excluded)."""
    best = float("inf")
    for _ in range(rounds):
        start = time.process_time()
        for citation, answer in cases:
            _judge(citation, answer)
        best = min(best, time.process_time() - start)
    return best * 1000 / max(len(cases), 1)


def main(argv: list[str] | None = None) -> None:
    """Judge each mix, print CPU ms per page."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--urls", type=int, default=2000, help="small pages to judge")
    parser.add_argument("--articles", type=int, default=1000, help="article pages to judge")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--no-real", action="store_true", help="small pages only")
    parser.add_argument("--profile", metavar="MIX", help="cProfile one mix, e.g. 'real: link'")
    parser.add_argument("--sort", default="tottime")
    parser.add_argument("--top", type=int, default=25)
    args = parser.parse_args(argv)
    mixes = bench_cases(args.urls, "uniform")
    mixes.update(bench_cases(args.articles, "zipf"))
    if not args.no_real:
        mixes.update(real_cases(None))
    for cases in mixes.values():  # imports, compiled patterns, lazy tables: not per page
        for citation, answer in cases[:5]:
            _judge(citation, answer)
    print(f"{'mix':<28} {'pages':>6} {'CPU ms/page':>12}")
    for name, cases in mixes.items():
        print(f"{name:<28} {len(cases):>6} {cpu_per_page(cases, args.rounds):>12.3f}")
    if args.profile:
        profile = cProfile.Profile()
        profile.enable()
        for citation, answer in mixes[args.profile]:
            _judge(citation, answer)
        profile.disable()
        pstats.Stats(profile).sort_stats(args.sort).print_stats(args.top)


if __name__ == "__main__":
    main()
