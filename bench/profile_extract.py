"""How fast citecheck's extractor reads Blogger post pages, and where its CPU goes.

``python -m bench.profile_extract [--pages 2000] [--top 25]`` renders ``--pages`` single-post
Blogger pages from the benchmark's synthetic web (each: Japanese body with four source links and
an attribution block after ``■``), times :func:`checker.extract.extract` over all of them on one
core (after one warm-up page, so imports and regex compilation are not counted), then profiles a
second pass with cProfile and prints the top functions by cumulative and by own time.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import time

from bench.corpus import blogger_page, make_posts
from bench.site import build_site
from checker.extract import extract
from checker.model import Page, PageKind

__all__ = ["main", "post_pages"]


def post_pages(count: int, seed: int = 1) -> list[Page]:
    """``count`` Blogger post pages (one post each) citing the synthetic web."""
    site = build_site(seed, max(1, count // 50), count * 5)
    posts = make_posts(site)[:count]
    return [
        Page(post.url, f"post-{post.index}.html", blogger_page([post]), PageKind.HTML)
        for post in posts
    ]


def _timed(pages: list[Page]) -> tuple[float, int]:
    started = time.perf_counter()
    citations = sum(len(doc.citations) for page in pages for doc in extract(page))
    return time.perf_counter() - started, citations


def main(argv: list[str] | None = None) -> None:
    """Print pages/s and the cProfile top list."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pages", type=int, default=2000)
    parser.add_argument("--top", type=int, default=25)
    args = parser.parse_args(argv)
    pages = post_pages(args.pages)
    extract(pages[0])
    seconds, citations = _timed(pages)
    print(
        f"{len(pages)} pages, {citations} citations in {seconds:.2f} s: "
        f"{len(pages) / seconds:.0f} pages/s on one core "
        f"(avg page {sum(len(p.body) for p in pages) // len(pages)} chars)"
    )
    profiler = cProfile.Profile()
    profiler.enable()
    _timed(pages)
    profiler.disable()
    for key in ("cumulative", "tottime"):
        out = io.StringIO()
        pstats.Stats(profiler, stream=out).sort_stats(key).print_stats(args.top)
        print(f"--- by {key} ---")
        print("\n".join(out.getvalue().splitlines()[6:]))


if __name__ == "__main__":
    main()
