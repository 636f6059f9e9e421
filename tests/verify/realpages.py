"""Calibrate the metadata reader and the matchers on 200 real pages with ground truth.

The data (``/work/shared/realpages/dev.tar.xz``, override with ``CITECHECK_REALPAGES``) comes
from trafilatura's evaluation set.  Each page is cited twice: with its true title, author and
date (a correct checker raises no mismatch) and with another page's title (a correct checker
catches it).  Run ``python tests/verify/realpages.py`` to print the rates and every failure.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import sys
import tarfile
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import partial
from pathlib import Path

from checker.verify.match import (
    MatchResult,
    author_matches,
    date_matches,
    parse_date,
    title_matches,
)
from checker.verify.metadata import PageMetadata, read_metadata
from checker.verify.support import date_on_page as _date_on_page
from checker.verify.text import letters_only, normalize

__all__ = [
    "DEFAULT_TARBALL",
    "Calibration",
    "FieldRate",
    "Truth",
    "calibrate",
    "date_on_page",
    "load_pages",
    "tarball_path",
    "title_on_page",
]

# ../shared/realpages beside the repository, as on every developer machine and in CI.
DEFAULT_TARBALL = Path(__file__).resolve().parents[3] / "shared" / "realpages" / "dev.tar.xz"
_DEBATABLE_AUTHOR = re.compile(
    r"redaktion|staff|report|team|fernsehen|foundation|bund\b|^apa|^jiji$|^zvei$|blog|today|"
    r"telebasel|emotion|shares|\bfor the\b",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Truth:
    """One page and its ground truth (empty strings where the truth says nothing)."""

    url: str
    html: str
    title: str
    author: str
    date: str
    malformed_date: str = ""


@dataclass(slots=True)
class FieldRate:
    """Counts for one field: how many were checked, how many went wrong, and which."""

    checked: int = 0
    wrong: int = 0
    no_evidence: int = 0
    debatable_wrong: int = 0
    failures: list[str] = field(default_factory=list)

    @property
    def rate(self) -> float:
        """Share of checked cases that went wrong."""
        return self.wrong / self.checked if self.checked else 0.0

    def line(self, name: str) -> str:
        """One report line."""
        extra = f", {self.no_evidence} without evidence" if self.no_evidence else ""
        debatable = f", {self.debatable_wrong} debatable truths" if self.debatable_wrong else ""
        return f"{name}: {self.wrong}/{self.checked} wrong ({self.rate:.1%}){extra}{debatable}"


@dataclass(slots=True)
class Calibration:
    """Every rate the calibration measures, and how long it took."""

    title_false_mismatch: FieldRate = field(default_factory=FieldRate)
    title_missed_swap: FieldRate = field(default_factory=FieldRate)
    author_false_mismatch: FieldRate = field(default_factory=FieldRate)
    date_false_mismatch: FieldRate = field(default_factory=FieldRate)
    seconds: float = 0.0

    def lines(self) -> list[str]:
        """The summary, one line per rate."""
        return [
            self.title_false_mismatch.line("title false mismatch"),
            self.title_missed_swap.line("title swap missed"),
            self.author_false_mismatch.line("author false mismatch"),
            self.date_false_mismatch.line("date false mismatch"),
            f"time: {self.seconds:.1f}s",
        ]


def tarball_path() -> Path:
    """Where the real pages are (``CITECHECK_REALPAGES`` overrides the default)."""
    return Path(os.environ.get("CITECHECK_REALPAGES", str(DEFAULT_TARBALL)))


def _extracted(tarball: Path) -> Path:
    digest = hashlib.sha256(f"{tarball.resolve()}:{tarball.stat().st_size}".encode()).hexdigest()
    folder = Path(tempfile.gettempdir()) / f"citecheck-realpages-{digest[:12]}"
    if not (folder / "truth.json").is_file():
        staging = Path(tempfile.mkdtemp(prefix="citecheck-realpages-"))
        with tarfile.open(tarball) as archive:
            archive.extractall(staging, filter="data")
        root = next(p.parent for p in staging.rglob("truth.json"))
        try:
            root.rename(folder)
        except OSError:
            if not (folder / "truth.json").is_file():
                raise
    return folder


def _decode(raw: bytes) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    declared = re.search(rb"charset=[\"']?([\w-]+)", raw[:4096], re.IGNORECASE)
    if declared:
        try:
            return raw.decode(declared.group(1).decode("ascii"))
        except (LookupError, UnicodeDecodeError):
            pass
    return raw.decode("cp1252", errors="replace")


def _author_text(value: object) -> str:
    """Authors as one ``"A; B"`` string, whether the truth gives a list, a JSON array or text."""
    if isinstance(value, list):
        return "; ".join(str(v).strip() for v in value if str(v).strip())
    text = str(value or "").strip()
    if text.startswith("["):
        try:
            return _author_text(json.loads(text))
        except ValueError:
            return text.strip("[]")
    return text


def _date_text(value: object) -> tuple[str, str]:
    """``(ISO date, malformed original)``; a malformed date is repaired when it can be."""
    text = str(value or "").strip()
    if not text:
        return "", ""
    try:
        return date.fromisoformat(text).isoformat(), ""
    except ValueError:
        pass
    swapped = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", text)
    if swapped:  # YYYY-DD-MM, the one malformed truth: repair it rather than drop the page
        try:
            year, day, month = (int(g) for g in swapped.groups())
            return date(year, month, day).isoformat(), text
        except ValueError:
            return "", text
    parsed = parse_date(text)
    return (parsed.isoformat() if parsed else ""), text


def load_pages(tarball: Path | None = None) -> list[Truth]:
    """Every page with its truth, in the order of ``truth.json``."""
    folder = _extracted(tarball or tarball_path())
    truth = json.loads((folder / "truth.json").read_text(encoding="utf-8"))
    pages: list[Truth] = []
    for url, entry in truth.items():
        iso, malformed = _date_text(entry.get("date"))
        pages.append(
            Truth(
                url=url,
                html=_decode((folder / entry["file"]).read_bytes()),
                title=str(entry.get("title") or "").strip(),
                author=_author_text(entry.get("author")),
                date=iso,
                malformed_date=malformed,
            )
        )
    return pages


def date_on_page(iso: str, html: str) -> bool:
    """Whether the page writes ``iso`` anywhere, in any usual form (else the truth is debatable)."""
    return _date_on_page(date.fromisoformat(iso), html)


def title_on_page(title: str, html: str) -> bool:
    """Whether the page holds ``title`` at all (text or attributes), whatever the punctuation."""
    key = letters_only(title)
    return bool(key) and key in letters_only(html)


def _title_debatable(page: Truth) -> bool:
    return not title_on_page(page.title, page.html)


def _author_debatable(page: Truth) -> bool:
    """A section, agency or site name given as the author (no person to find on the page)."""
    return _DEBATABLE_AUTHOR.search(page.author) is not None


def _date_debatable(page: Truth) -> bool:
    return not date_on_page(page.date, page.html)


def _derangement(count: int, shift: int) -> list[int]:
    return [(i + shift) % count for i in range(count)]


def _count(
    rate: FieldRate,
    label: str,
    result: MatchResult | None,
    shown: Sequence[str],
    debatable: Callable[[], bool] = lambda: False,
) -> None:
    rate.checked += 1
    if result is None:
        rate.no_evidence += 1
    elif not result.matched:
        debatable_truth = debatable()
        rate.wrong += 1
        rate.debatable_wrong += int(debatable_truth)
        mark = "[debatable] " if debatable_truth else ""
        rate.failures.append(f"{mark}{label} | page shows {list(shown)[:6]}")


def calibrate(pages: Sequence[Truth], shifts: Sequence[int] = (1, 37, 101)) -> Calibration:
    """Cite every page with its truth and with other pages' titles; count what goes wrong."""
    started = time.perf_counter()
    result = Calibration()
    metadata: list[PageMetadata] = [read_metadata(p.html, p.url) for p in pages]
    for page, meta in zip(pages, metadata, strict=True):
        if page.title:
            _count(
                result.title_false_mismatch,
                f"{page.url} title {page.title!r}",
                title_matches(page.title, meta.titles),
                meta.titles,
                debatable=partial(_title_debatable, page),
            )
        if page.author:
            _count(
                result.author_false_mismatch,
                f"{page.url} author {page.author!r}",
                author_matches(page.author, meta.authors),
                meta.authors,
                debatable=partial(_author_debatable, page),
            )
        if page.date:
            _count(
                result.date_false_mismatch,
                f"{page.url} date {page.date!r}",
                date_matches(page.date, meta.dates),
                meta.dates,
                debatable=partial(_date_debatable, page),
            )
    for shift in shifts:
        for index, other in enumerate(_derangement(len(pages), shift)):
            cited, page = pages[other].title, pages[index]
            if not cited or normalize(cited) == normalize(page.title):
                continue
            match = title_matches(cited, metadata[index].titles)
            swapped = MatchResult(not match.matched, match.score, match.best, match.reason)
            _count(
                result.title_missed_swap,
                f"{page.url} cited as {cited!r} ({match.reason})",
                swapped,
                metadata[index].titles,
            )
    result.seconds = time.perf_counter() - started
    return result


def _print_failures(title: str, rate: FieldRate, keep: Callable[[str], bool]) -> None:
    print(f"--- {title}")
    for failure in rate.failures:
        if keep(failure):
            print(failure)


def main(argv: Sequence[str]) -> int:
    """Print the rates and, with ``-v``, every failure."""
    pages = load_pages()
    calibration = calibrate(pages)
    if "-v" in argv:
        _print_failures("title", calibration.title_false_mismatch, lambda _: True)
        _print_failures("swap", calibration.title_missed_swap, lambda _: True)
        _print_failures("author", calibration.author_false_mismatch, lambda _: True)
        _print_failures("date", calibration.date_false_mismatch, lambda _: True)
    for line in calibration.lines():
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
