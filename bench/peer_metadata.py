"""A second held-out measurement of the metadata verdicts, on peers' public test pages.

Not part of the test suite, and the peers' pages are never copied into this repository (their
licences differ, and they are large): they are read from local git snapshots of the peers'
repositories, given on the command line (a bare git directory, as ``fetch`` brings them to
``/work/.mirror/<owner>+<name>/repo``, or a normal clone's ``.git``).

Sources read (each recognised by the files it holds):

- ``adbar/htmldate``: ``tests/eval_default.json`` (pages in ``tests/eval/`` or
  ``tests/cache/``) and ``tests/eval_mediacloud_2020.json``: a publication date per page;
- ``mozilla/readability``: ``test/test-pages/*/source.html`` with ``expected-metadata.json``
  (title, byline, publishedTime: Readability's own expected output, so the truths are weaker).

trafilatura's ``tests/evaldata.json`` is deliberately *not* a source: ``../shared/realpages``
was taken from it, so its other pages are very likely the issue's hidden evaluation set.  Pass its
snapshot with ``--exclude`` instead: every peer page whose URL it (or the dev set) lists is left
out, so the figures stay independent of both.

Each page is cited exactly as tests/verify/realpages.py cites the dev pages (its ``calibrate``:
the truth → "false mismatch", three other pages' values → "missed swap").  The pages are split by
the same URL hash into a tuning half and a held-out half; read only the tuning half's failures
(``-v``) when changing a rule.

    python -m bench.peer_metadata /work/.mirror/adbar+htmldate/repo \\
        /work/.mirror/mozilla+readability/repo --exclude /work/.mirror/adbar+trafilatura/repo
"""

from __future__ import annotations

import argparse
import gzip
import json
import subprocess
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path

from tests.verify.realpages import (
    FIELDS,
    Calibration,
    Truth,
    _author_text,
    _date_text,
    _decode,
    calibrate,
    load_pages,
    split,
    table,
    tarball_path,
)

_READABILITY_URL = "http://fakehost/test/page.html"
"""The URL Readability's own tests give every test page (so no date or name comes from it)."""


def _show(git_dir: Path, path: str) -> bytes | None:
    """One file of the snapshot's HEAD, or None when it has no such file."""
    done = subprocess.run(
        ["git", "--git-dir", str(git_dir), "show", f"HEAD:{path}"],
        capture_output=True,
        check=False,
    )
    return done.stdout if done.returncode == 0 else None


def _names(git_dir: Path, folder: str) -> list[str]:
    done = subprocess.run(
        ["git", "--git-dir", str(git_dir), "ls-tree", "--name-only", f"HEAD:{folder}"],
        capture_output=True,
        check=False,
        text=True,
    )
    return done.stdout.split() if done.returncode == 0 else []


def url_key(url: str) -> str:
    """A URL without scheme, ``www.`` or trailing slash, to recognise one page in two lists."""
    rest = url.split("://", 1)[-1].lower().rstrip("/")
    return rest.removeprefix("www.")


def _html(git_dir: Path, candidates: Iterable[str]) -> str | None:
    for path in candidates:
        raw = _show(git_dir, path)
        if raw is not None:
            return _decode(gzip.decompress(raw) if path.endswith(".gz") else raw)
    return None


def htmldate_pages(git_dir: Path) -> list[Truth]:
    """htmldate's evaluation pages: the URL, the page and its publication date."""
    pages: list[Truth] = []
    for listing in ("tests/eval_default.json", "tests/eval_mediacloud_2020.json"):
        raw = _show(git_dir, listing)
        if raw is None:
            continue
        for url, entry in json.loads(raw).items():
            name = str(entry.get("file") or "")
            html = _html(git_dir, (f"tests/{d}/{name}" for d in ("eval", "cache", "test_set")))
            iso, malformed = _date_text(entry.get("date"))
            if html is None or not iso:
                continue
            pages.append(Truth(url, html, "", "", iso, malformed))
    return pages


def readability_pages(git_dir: Path) -> list[Truth]:
    """Readability's test pages with its expected title, byline and published date."""
    pages: list[Truth] = []
    for name in _names(git_dir, "test/test-pages"):
        folder = f"test/test-pages/{name}"
        raw = _show(git_dir, f"{folder}/expected-metadata.json")
        html = _html(git_dir, (f"{folder}/source.html",))
        if raw is None or html is None:
            continue
        expected = json.loads(raw)
        iso, malformed = _date_text(str(expected.get("publishedTime") or "")[:10])
        pages.append(
            Truth(
                # one URL per page, so that the split's hash and the failures tell them apart
                f"{_READABILITY_URL}#{name}",
                html,
                str(expected.get("title") or "").strip(),
                _author_text(expected.get("byline")),
                iso,
                malformed,
            )
        )
    return pages


def excluded_keys(git_dirs: Sequence[Path]) -> set[str]:
    """URLs of the dev set and of every trafilatura evaluation page in ``git_dirs``."""
    keys = {url_key(p.url) for p in load_pages()} if tarball_path().is_file() else set()
    for git_dir in git_dirs:
        raw = _show(git_dir, "tests/evaldata.json")
        if raw is None:
            sys.exit(f"peer_metadata: {git_dir} has no tests/evaldata.json to exclude")
        keys |= {url_key(url) for url in json.loads(raw)}
    return keys


def peer_pages(git_dirs: Sequence[Path], exclude: set[str]) -> dict[str, list[Truth]]:
    """Every source's pages (by source name), without the excluded URLs."""
    sources: dict[str, list[Truth]] = {}
    for git_dir in git_dirs:
        if _show(git_dir, "tests/evaldata.json") is not None:
            sys.exit(f"peer_metadata: {git_dir} is trafilatura's: pass it with --exclude")
        if _show(git_dir, "tests/eval_default.json") is not None:
            name, pages = "htmldate", htmldate_pages(git_dir)
        elif _names(git_dir, "test/test-pages"):
            name, pages = "readability", readability_pages(git_dir)
        else:
            sys.exit(f"peer_metadata: {git_dir}: no known evaluation data")
        sources[name] = [p for p in pages if url_key(p.url) not in exclude]
    return sources


def _failures(calibration: Calibration) -> None:
    print("--- pages not read as the source")
    for line in calibration.not_read:
        print(line)
    for name in FIELDS:
        for kind in ("false_mismatch", "missed_swap"):
            print(f"--- {name} {kind.replace('_', ' ')}")
            for failure in getattr(calibration, f"{name}_{kind}").failures:
                print(failure)


def main(argv: Sequence[str]) -> int:
    """Print the peer table (tune and held-out halves); ``-v``: the tuning half's failures."""
    parser = argparse.ArgumentParser(prog="peer_metadata", description=__doc__.split("\n")[0])
    parser.add_argument("git_dirs", nargs="+", type=Path, help="peer snapshots (git dirs)")
    parser.add_argument("--exclude", action="append", type=Path, default=[])
    parser.add_argument("-v", action="store_true", help="print the tuning half's failures")
    parser.add_argument("--held-out-failures", action="store_true")
    args = parser.parse_args(argv)
    sources = peer_pages(args.git_dirs, excluded_keys(args.exclude))
    pages = [p for group in sources.values() for p in group]
    print(", ".join(f"{name}: {len(group)} pages" for name, group in sources.items()))
    tune, held_out = split(pages)
    parts = [("peer tune", calibrate(tune)), ("peer held-out", calibrate(held_out))]
    if args.v:
        _failures(parts[0][1])
    if args.held_out_failures:
        _failures(parts[1][1])
    for line in table(parts):
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
