"""Extraction speed on the real article pages, as input files (issue 19), and its regression dump.

Not part of the test suite.  Each page of ``../shared/realpages/dev.tar.xz`` (and, with
``--corpus``, each file of a lychee/LinkChecker fixture folder) is read exactly as discover reads
a local file; only :func:`checker.extract.extract` is timed, in CPU seconds of this process
(``time.process_time``: eight engineers share the machine, wall time is noise), after one
warm-up pass so imports and regex compilation are not counted.

    python -m bench.extraction [--rounds 3] [--profile 25]     pages/s and CPU ms per page
    python -m bench.extraction --parse-only                    the floor: libxml2's parse alone
    python -m bench.extraction flatten                         the flattening alone (html_lines),
                                                               on the calls one pass makes
    CITECHECK_PURE_EXTRACT=1 python -m bench.extraction …      the pure Python passes, for an
                                                               A/B against the compiled ones
    python -m bench.extraction --processes 2                   many files on several processes
    python -m bench.extraction instructions [--pages 60]       instructions per page, counted by
                                                               callgrind around the pass alone
    python -m bench.extraction dump OUT.json [--corpus DIR]    every citation, for a diff
    python -m bench.extraction digest [--corpus DIR]           the dump's sha256
    python -m bench.extraction digest --all [--corpus DIR]     one sha256 per input set, whole
                                                               documents: the seeds, the real
                                                               pages, the bench corpus, the
                                                               sample blog (and the corpus)

The dump lists, per file and post, each citation's URL, kind, line and cited fields: what must
stay identical when extraction is made faster (``tests/extract/test_realpages_digest.py``
holds its digest; the dump is made by ``tests/extract/citation_dump.py``).
"""

from __future__ import annotations

import argparse
import cProfile
import hashlib
import io
import json
import os
import pstats
import re
import resource
import shutil
import subprocess
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

from bench.profile_extract import post_pages
from checker.discover.inputs import _path_discovery
from checker.extract import extract, markdown, native, posts, text
from checker.extract.lines import Line, html_lines
from checker.extract.tree import parse_html
from checker.model import Page, PageKind
from tests.extract.citation_dump import (
    _plain,
    citation_dump,
    corpus_pages,
    dump_digest,
    realpage_pages,
)
from tests.verify.realpages import _extracted, tarball_path

__all__ = ["main"]


def _extract_all(pages: list[Page]) -> int:
    return sum(len(d.citations) for page in pages for d in extract(page))


def _parse_all(pages: list[Page]) -> int:
    return sum(len(parse_html(page.body)) for page in pages if page.kind is PageKind.HTML)


def _timed(pages: list[Page], rounds: int, *, parse_only: bool) -> tuple[float, int]:
    """The least CPU seconds of ``rounds`` passes over ``pages`` (and the citations counted)."""
    best, count = float("inf"), 0
    for _ in range(rounds):
        started = time.process_time()
        count = _parse_all(pages) if parse_only else _extract_all(pages)
        best = min(best, time.process_time() - started)
    return best, count


def _worker(paths: list[str]) -> tuple[float, int, int]:
    """Extract the files at ``paths`` in this process: CPU seconds, pages, citations."""
    started = time.process_time()
    pages = citations = 0
    for path in paths:
        for page in _path_discovery(Path(path)).pages:
            pages += 1
            citations += sum(len(d.citations) for d in extract(page))
    return time.process_time() - started, pages, citations


def _parallel(processes: int) -> None:
    """Extract the real pages' files on ``processes`` processes; print pages/s per core and total.

    Each worker gets file paths (plain strings) and returns plain numbers: nothing of a page
    crosses a process boundary but its path.
    """
    folder = _extracted(tarball_path())
    truth = json.loads((folder / "truth.json").read_text(encoding="utf-8"))
    paths = [str(folder / entry["file"]) for entry in truth.values()]
    shards = [paths[i::processes] for i in range(processes)]
    with ProcessPoolExecutor(processes) as pool:
        list(pool.map(_worker, [p[:2] for p in shards]))  # warm every worker's imports
        started = time.perf_counter()
        results = list(pool.map(_worker, shards))
        wall = time.perf_counter() - started
    cpu = sum(r[0] for r in results)
    pages = sum(r[1] for r in results)
    print(
        f"{processes} processes: {pages} pages in {wall:.2f} s wall, {cpu:.2f} CPU s: "
        f"{pages / wall:.0f} pages/s total, {pages / cpu:.0f} pages/s per core "
        f"(incl. reading and decoding the files; load {os.getloadavg()[0]:.2f})"
    )


def _speed(args: argparse.Namespace) -> None:
    pages = [page for _name, page in realpage_pages()]
    _extract_all(pages[:5])
    seconds, citations = _timed(pages, args.rounds, parse_only=args.parse_only)
    size = sum(len(p.body) for p in pages) // len(pages)
    what = "parsed" if args.parse_only else f"extracted ({citations} citations)"
    print(
        f"{len(pages)} pages {what} in {seconds:.2f} CPU s: {len(pages) / seconds:.0f} pages/s "
        f"on one core, {1000 * seconds / len(pages):.1f} ms CPU per page "
        f"(avg page {size // 1000} K chars; load {os.getloadavg()[0]:.2f}); "
        f"peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024} MB; {_passes()}"
    )
    if args.profile:
        profiler = cProfile.Profile()
        profiler.enable()
        _extract_all(pages)
        profiler.disable()
        for key in ("cumulative", "tottime"):
            out = io.StringIO()
            pstats.Stats(profiler, stream=out).sort_stats(key).print_stats(args.profile)
            print(f"--- by {key} ---")
            print("\n".join(out.getvalue().splitlines()[6:]))


def _flattening(rounds: int) -> None:
    """CPU of :func:`checker.extract.lines.html_lines` alone: the calls one extraction pass over
    the real pages makes (same trees, skip, embeds) are kept, then made again ``rounds`` times."""
    pages = [page for _name, page in realpage_pages()]
    calls: list[tuple[Any, dict[str, Any]]] = []

    def kept(element: Any, **options: Any) -> tuple[Line, ...]:
        calls.append((element, options))
        return html_lines(element, **options)

    callers = (posts, text, markdown)
    for module in callers:
        module.html_lines = kept  # type: ignore[attr-defined]
    try:
        _extract_all(pages)
    finally:
        for module in callers:
            module.html_lines = html_lines  # type: ignore[attr-defined]
    best = float("inf")
    for _ in range(rounds):
        started = time.process_time()
        for element, options in calls:
            html_lines(element, **options)
        best = min(best, time.process_time() - started)
    print(
        f"flattening alone: {len(calls)} calls, {1000 * best / len(pages):.2f} ms CPU per page "
        f"(least of {rounds}; load {os.getloadavg()[0]:.2f}); {_passes()}"
    )


def _passes() -> str:
    """Which per-element passes ran: the compiled ones, or the pure ones and why."""
    why = native.why_pure()
    passes = "compiled passes" if why is None else f"pure passes ({why})"
    flattening = native.why_pure(native.FLATTEN)
    return passes + (", compiled flattening" if flattening is None else ", pure flattening")


def _callgrind_pass(pages: int) -> None:
    """Run under ``valgrind --instr-atstart=no``: instrumentation on for one pass over pages
    3 to 3 + ``pages`` only (after a warm-up on the first three), so imports, loading the pages
    and the warm-up are not counted."""
    loaded = [page for _name, page in realpage_pages()]
    _extract_all(loaded[:3])
    toggle = ["callgrind_control", "-i"]
    subprocess.run([*toggle, "on", str(os.getpid())], check=True, capture_output=True)
    _extract_all(loaded[3 : 3 + pages])
    subprocess.run([*toggle, "off", str(os.getpid())], check=True, capture_output=True)


def _instructions(pages: int, out: Path | None) -> None:
    """Instructions per page of extraction (load-independent, unlike CPU seconds on a shared
    machine): this bench again under callgrind, counting the pass alone."""
    if shutil.which("valgrind") is None:
        raise SystemExit("valgrind is not installed")
    target = out or Path("callgrind.extraction.out")
    command = [
        "valgrind", "--tool=callgrind", "--instr-atstart=no", f"--callgrind-out-file={target}",
        sys.executable, "-m", "bench.extraction", "_pass", "--pages", str(pages),
    ]  # fmt: skip
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    found = re.search(r"Collected : (\d+)", done.stderr)
    if done.returncode or found is None:
        raise SystemExit(done.stderr[-2000:])
    count = int(found.group(1))
    print(f"{pages} pages: {count / pages / 1e6:.2f} M instructions a page ({target}; {_passes()})")


def _all_pages(corpus: Path | None) -> list[tuple[str, Page]]:
    pages = realpage_pages()
    if corpus is not None and corpus.is_dir():
        pages += [(f"corpus/{name}", page) for name, page in corpus_pages(corpus)]
    return pages


_ROOT = Path(__file__).resolve().parent.parent
_SEEDS = _ROOT.parent / "shared" / "seeds"


def _input_sets(corpus: Path | None) -> dict[str, list[tuple[str, Page]]]:
    """Every input set extraction must read the same before and after a speed change."""
    blog = _ROOT / "checker" / "sampleweb" / "data" / "blog"
    sets = {
        "seeds": corpus_pages(_SEEDS) if _SEEDS.is_dir() else [],
        "realpages": realpage_pages(),
        "bench": [(page.origin, page) for page in post_pages(300)],
        "sampleblog": corpus_pages(blog),
    }
    if corpus is not None and corpus.is_dir():
        sets["corpus"] = corpus_pages(corpus)
    return sets


def _whole_digest(pages: list[tuple[str, Page]]) -> tuple[str, int, int]:
    """The sha256 of every document extracted from ``pages`` (every field, with and without
    verbatim), the posts and the citations counted: the identity check of a speed change,
    wider than :func:`citation_dump` (which keeps the fields a reviewer diffs)."""
    out, posts, cited = [], 0, 0
    for name, page in pages:
        for verbatim in (False, True):
            documents = extract(page, include_verbatim=verbatim)
            posts += len(documents)
            cited += sum(len(d.citations) for d in documents)
            out.append({"file": name, "verbatim": verbatim, "docs": _plain(documents)})
    text = json.dumps(out, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=repr)
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest(), posts, cited


def _all_digests(corpus: Path | None) -> None:
    for name, pages in _input_sets(corpus).items():
        digest, posts, cited = _whole_digest(pages)
        print(f"{name}: {len(pages)} pages, {posts} posts, {cited} citations: {digest}")


def main(argv: list[str] | None = None) -> None:
    """Speed (default), ``dump OUT`` or ``digest``."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "command",
        nargs="?",
        choices=("speed", "dump", "digest", "instructions", "_pass", "flatten"),
        default="speed",
    )
    parser.add_argument("out", nargs="?", type=Path)
    parser.add_argument("--corpus", type=Path)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--profile", type=int, default=0, metavar="TOP")
    parser.add_argument("--parse-only", action="store_true")
    parser.add_argument("--processes", type=int, default=0)
    parser.add_argument("--all", action="store_true", help="digest: every input set, whole")
    parser.add_argument("--pages", type=int, default=60, help="instructions: pages counted")
    args = parser.parse_args(argv)
    if args.command == "dump":
        dump = citation_dump(_all_pages(args.corpus))
        (args.out or Path("extraction-dump.json")).write_text(
            json.dumps(dump, ensure_ascii=False, indent=1), encoding="utf-8"
        )
        print(f"{len(dump)} posts, {sum(len(d['citations']) for d in dump)} citations")
    elif args.command == "instructions":
        _instructions(args.pages, args.out)
    elif args.command == "flatten":
        _flattening(args.rounds)
    elif args.command == "_pass":
        _callgrind_pass(args.pages)
    elif args.command == "digest" and args.all:
        _all_digests(args.corpus)
    elif args.command == "digest":
        print(dump_digest(citation_dump(_all_pages(args.corpus))))
    elif args.processes:
        _parallel(args.processes)
    else:
        _speed(args)


if __name__ == "__main__":
    main()
