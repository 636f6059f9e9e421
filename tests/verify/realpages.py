"""Calibrate the metadata reader and the matchers on 200 real pages with ground truth.

The data (``/work/shared/realpages/dev.tar.xz``, override with ``CITECHECK_REALPAGES``) comes
from trafilatura's evaluation set.  Each page is cited with its true title, author and date (a
correct checker raises no mismatch: "false mismatch") and, field by field, with three other
pages' values (a correct checker flags each: "missed swap" otherwise).  A title swap cites the
other page's title, author and date together, as issue 14 defines a swap: whether its title is
reported may depend on the rest (a title in another script is excused as a possible translation
only when nothing else contradicts the page).  Verdicts are computed by the pipeline's own
functions (checker/verify/citation.py), so the rates are the ones the fixture web gives.

The pages are split by a hash of their URL into a tuning half and a held-out half.  Change the
reader or the matchers looking only at the tuning half's failures; the held-out half's rates are
the ones to report (and tests/verify/test_realpages.py holds them).

    python tests/verify/realpages.py            # rates on all pages
    python tests/verify/realpages.py --split    # tune / held-out table, with ms per page
    python tests/verify/realpages.py -v         # and the tuning half's failures
    python tests/verify/realpages.py --split --post-in-page-script  # posts in the pages' script
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
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from checker.dates import parse_cited
from checker.findings import Code
from checker.model import FetchResult, Outcome
from checker.verify.availability import classify
from checker.verify.citation import author_finding, date_finding, title_finding
from checker.verify.match import (
    _cjk_script,
    author_matches,
    date_matches,
    title_matches,
    translation_possible,
)
from checker.verify.metadata import PageMetadata, read_metadata
from checker.verify.support import day_written
from checker.verify.text import letters_only, normalize

__all__ = [
    "DEFAULT_TARBALL",
    "FIELDS",
    "POST_SCRIPTS",
    "Calibration",
    "FieldRate",
    "Truth",
    "author_flagged",
    "calibrate",
    "cited_author",
    "cited_date",
    "date_flagged",
    "date_on_page",
    "load_pages",
    "page_verdict",
    "split",
    "table",
    "tarball_path",
    "title_flagged",
    "title_on_page",
]

# ../shared/realpages beside the repository, as on every developer machine and in CI.
DEFAULT_TARBALL = Path(__file__).resolve().parents[3] / "shared" / "realpages" / "dev.tar.xz"
_DEBATABLE_AUTHOR = re.compile(
    r"redaktion|staff|report|team|fernsehen|foundation|bund\b|^apa|^jiji$|^zvei$|blog|today|"
    r"telebasel|emotion|shares|\bfor the\b",
    re.IGNORECASE,
)


POST_SCRIPTS = ("title", "page")
"""The script the bench's citing post is written in (``--post-script``), which tells whether a
title in CJK cited for a Latin page may be the post's own translation (``post_cjk``).  The bench
has no post, so it measures both ends: ``title`` (default), a post in the script of the title it
cites, so that a swapped-in CJK title is always in the post's own language and that rule never
fires (the worst case for a missed swap, the translator's post); ``page``, a post in the script
of the page it cites (most posts cite pages in their own language: the best case)."""


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
    unverifiable: int = 0
    failures: list[str] = field(default_factory=list)

    @property
    def rate(self) -> float:
        """Share of checked cases that went wrong."""
        return self.wrong / self.checked if self.checked else 0.0

    def cell(self) -> str:
        """``wrong/checked (rate)`` for a table."""
        return f"{self.wrong}/{self.checked} ({self.rate:.1%})"

    def line(self, name: str) -> str:
        """One report line."""
        extra = f", {self.no_evidence} without evidence" if self.no_evidence else ""
        debatable = f", {self.debatable_wrong} debatable truths" if self.debatable_wrong else ""
        unverifiable = (
            f", {self.unverifiable} on pages rightly blocked" if self.unverifiable else ""
        )
        return (
            f"{name}: {self.wrong}/{self.checked} wrong ({self.rate:.1%})"
            f"{extra}{debatable}{unverifiable}"
        )


@dataclass(slots=True)
class Calibration:
    """Every rate the calibration measures, and how long it took."""

    title_false_mismatch: FieldRate = field(default_factory=FieldRate)
    title_missed_swap: FieldRate = field(default_factory=FieldRate)
    author_false_mismatch: FieldRate = field(default_factory=FieldRate)
    author_missed_swap: FieldRate = field(default_factory=FieldRate)
    date_false_mismatch: FieldRate = field(default_factory=FieldRate)
    date_missed_swap: FieldRate = field(default_factory=FieldRate)
    pages: int = 0
    not_read: list[str] = field(default_factory=list)
    read_seconds: float = 0.0
    seconds: float = 0.0


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
    parsed = parse_cited(text)
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
    """Whether the page writes ``iso`` anywhere, in any usual form (else the truth is debatable).

    Anywhere: its whole markup, the regions that list other pages included (``day_written``,
    not the checker's pruned ``date_on_page``), as title and author are looked for.  A truth
    the checker cannot see because it sits in a region wrongly taken for a list of other pages
    (alpin.de's ``<aside class="meta">``) is the checker's error, not a debatable truth.
    """
    return day_written(date.fromisoformat(iso), html)


def title_on_page(title: str, html: str) -> bool:
    """Whether the page holds ``title`` at all (text or attributes), whatever the punctuation."""
    key = letters_only(title)
    return bool(key) and key in letters_only(html)


def _title_debatable(page: Truth) -> bool:
    return not title_on_page(page.title, page.html)


def _author_debatable(page: Truth) -> bool:
    """A section, agency or site name given as the author, or no name the page writes at all."""
    if _DEBATABLE_AUTHOR.search(page.author) is not None:
        return True
    names = [n for n in page.author.split(";") if n.strip()]
    page_letters = letters_only(page.html)
    return not any(letters_only(n) in page_letters for n in names)


def _date_debatable(page: Truth) -> bool:
    return not date_on_page(page.date, page.html)


_SHIFTS = (1, 17, 43)
"""How far along its part each page's swap partners are (three partners per page and field)."""

FIELDS = ("title", "author", "date")


def split(pages: Sequence[Truth]) -> tuple[list[Truth], list[Truth]]:
    """``(tune, held_out)``: the pages ordered by a hash of their URL, first half to tune on.

    Deterministic and independent of the order of ``truth.json``, so the held-out half stays the
    same set of pages as long as the data does; only the tuning half's failures may be looked at
    when a matcher or the reader changes.
    """
    ordered = sorted(pages, key=lambda p: hashlib.sha256(p.url.encode("utf-8")).hexdigest())
    half = (len(ordered) + 1) // 2
    return ordered[:half], ordered[half:]


def cited_author(author: str) -> str:
    """The truth's ``"A; B"`` as a post writes it: ``A and B`` (as tests/e2e cites it)."""
    return " and ".join(n.strip() for n in author.split(";") if n.strip())


def cited_date(iso: str) -> str:
    """The truth's ISO date as a post writes it: ``March 5, 2021`` (as tests/e2e cites it)."""
    day = date.fromisoformat(iso)
    return f"{day:%B} {day.day}, {day.year}"


def title_flagged(
    cited: str, meta: PageMetadata, contradicted: bool = False, post_cjk: bool | None = None
) -> tuple[bool, str]:
    """Whether the pipeline would report ``title-mismatch`` (checker/verify/citation.py's rule):
    ``contradicted`` says the same citation's author or date is reported; ``post_cjk`` whether
    the citing post is written in CJK script."""
    finding = (
        title_finding((cited,), meta, contradicted=contradicted, post_cjk=post_cjk)
        if cited
        else None
    )
    if finding is not None:
        return True, finding.message
    if not cited or not meta.titles:
        return False, "no title on the page"
    if translation_possible((cited,), meta.titles[0], post_cjk=post_cjk) and not contradicted:
        return False, "translation: no verdict"
    return False, title_matches(cited, meta.titles).reason


def author_flagged(cited: str, meta: PageMetadata, html: str, url: str = "") -> tuple[bool, str]:
    """Whether the pipeline would report ``author-mismatch`` (citation.py's ``author_finding``)."""
    finding = author_finding(cited, meta, html, url)
    if finding is not None:
        return True, finding.message
    if not cited or not meta.authors:
        return False, "no author on the page"
    result = author_matches(cited, meta.authors)
    if result is None:
        return False, "no evidence"
    if result.matched:
        return False, result.reason
    return False, "the name is elsewhere on the page or names the publication"


def date_flagged(cited: str, meta: PageMetadata, html: str) -> tuple[bool, str]:
    """Whether the pipeline would report ``date-mismatch`` (citation.py's ``date_finding``)."""
    finding = date_finding(cited, meta, html)
    if finding is not None and finding.code is Code.DATE_MISMATCH:
        return True, finding.message
    if finding is not None:  # date-not-stated: informational, no mismatch
        return False, finding.message
    if not cited or not meta.dates:
        return False, "no date on the page"
    result = date_matches(cited, meta.dates)
    if result is None:
        return False, "no evidence"
    if result.matched:
        return False, result.reason
    modified = date_matches(cited, meta.modified) if meta.modified else None
    if modified is not None and modified.matched:
        return False, f"the page states it was modified on that day ({', '.join(meta.modified)})"
    return False, "the date is written elsewhere on the page"


def page_verdict(page: Truth) -> str | None:
    """The finding the pipeline reports instead of any metadata verdict when ``page`` is served
    as a plain 200 (checker/verify/availability.py ``classify``: a bot challenge or wall, a page
    that shows nothing without JavaScript, a soft-404), as ``"code: message"``; None when the
    page is read as the source and its fields are compared.

    Such a finding is on the citation whatever it cites, so a swap there is flagged; on a true
    citation it is a false alarm whenever the page does show the truth (``calibrate``).
    """
    url = page.url.strip()
    result = FetchResult(
        url=url,
        outcome=Outcome.OK,
        final_url=url,
        status_code=200,
        content_type="text/html; charset=utf-8",
        text=page.html,
    )
    verdict = classify(result, cited_url=url)
    if verdict.page_ok:
        return None
    return "; ".join(f"{f.code}: {f.message}" for f in verdict.findings) or str(verdict.status)


def _cited(page: Truth, name: str) -> str:
    value = str(getattr(page, name))
    if not value:
        return ""
    if name == "author":
        return cited_author(value)
    return cited_date(value) if name == "date" else value


def post_cjk(post_script: str, cited: str, meta: PageMetadata) -> bool | None:
    """Whether the bench's citing post is written in CJK script (``POST_SCRIPTS``)."""
    if post_script == "page":
        return _cjk_script(meta.titles[0]) if meta.titles else None
    return _cjk_script(cited) if cited else None


def _flagged(
    name: str,
    cited: str,
    meta: PageMetadata,
    html: str,
    url: str,
    whole: Truth | None = None,
    post_script: str = "title",
) -> tuple[bool, str]:
    """Whether ``cited`` is reported for field ``name``; for a title, the rest of the citation
    is ``whole``'s author and date (a swap cites another page's title, author and date), and
    the post is written as ``post_script`` says (``POST_SCRIPTS``)."""
    if name == "title":
        post = post_cjk(post_script, cited, meta)
        excusable = bool(cited and meta.titles) and translation_possible(
            (cited,), meta.titles[0], post_cjk=post
        )
        contradicted = (
            excusable
            and whole is not None
            and (
                author_flagged(_cited(whole, "author"), meta, html, url)[0]
                # Any date finding, as the pipeline counts it (``_source_findings``): a date the
                # page cannot confirm (``date-not-stated``) excuses no title in another script.
                or date_finding(_cited(whole, "date"), meta, html) is not None
            )
        )
        return title_flagged(cited, meta, contradicted, post)
    if name == "author":
        return author_flagged(cited, meta, html, url)
    return date_flagged(cited, meta, html)


def _same_value(name: str, a: Truth, b: Truth) -> bool:
    """Whether two pages' truths are the same value (then citing one for the other is no swap)."""
    if name == "title":
        return normalize(a.title) == normalize(b.title)
    if name == "author":
        own = {letters_only(n) for n in a.author.split(";")}
        return bool(own & {letters_only(n) for n in b.author.split(";")})
    gap = date.fromisoformat(a.date) - date.fromisoformat(b.date)
    return abs(gap.days) <= 1


def _debatable(name: str, page: Truth) -> bool:
    if name == "title":
        return _title_debatable(page)
    if name == "author":
        return _author_debatable(page)
    return _date_debatable(page)


def _shown(name: str, meta: PageMetadata) -> tuple[str, ...]:
    return {"title": meta.titles, "author": meta.authors, "date": meta.dates}[name][:6]


def _count_field(
    name: str,
    pages: Sequence[Truth],
    metadata: Sequence[PageMetadata],
    verdicts: Sequence[str | None],
    calibration: Calibration,
    post_script: str = "title",
) -> None:
    """Count ``name``'s false mismatches and missed swaps over ``pages``.

    A page the pipeline does not read as the source (``verdicts[i]``, see ``page_verdict``)
    flags every citation of it, so none of its swaps is missed.  Its true citations count as
    false alarms when the page shows the truth (a challenge or shell does not: that finding is
    right, counted as ``unverifiable``), and a mismatch the fields alone would raise on the
    truth is counted whatever the verdict, so a blocked page hides no false mismatch.
    """
    false_rate = getattr(calibration, f"{name}_false_mismatch")
    missed_rate = getattr(calibration, f"{name}_missed_swap")
    having = [i for i, page in enumerate(pages) if getattr(page, name)]
    for i in having:
        page, meta, verdict = pages[i], metadata[i], verdicts[i]
        cited = _cited(page, name)
        flagged, reason = _flagged(name, cited, meta, page.html, page.url, page, post_script)
        debatable = _debatable(name, page)
        false_rate.checked += 1
        if verdict is not None and not flagged:
            if debatable:
                false_rate.unverifiable += 1
                continue
            flagged, reason = True, verdict
        if flagged:
            mark = "[debatable] " if debatable else ""
            false_rate.wrong += 1
            false_rate.debatable_wrong += int(bool(mark))
            false_rate.failures.append(
                f"{mark}{page.url} {name} {getattr(page, name)!r} ({reason})"
                f" | page shows {list(_shown(name, meta))}"
            )
    for shift in _SHIFTS:
        if not having or shift % len(having) == 0:
            continue
        for position, i in enumerate(having):
            other = pages[having[(position + shift) % len(having)]]
            page, meta = pages[i], metadata[i]
            if _same_value(name, page, other):
                continue
            missed_rate.checked += 1
            if verdicts[i] is not None:
                continue
            cited = _cited(other, name)
            flagged, reason = _flagged(name, cited, meta, page.html, page.url, other, post_script)
            if not flagged:
                missed_rate.wrong += 1
                missed_rate.failures.append(
                    f"{page.url} cited as {cited!r} ({reason})"
                    f" | page shows {list(_shown(name, meta))}"
                )


def calibrate(pages: Sequence[Truth], post_script: str = "title") -> Calibration:
    """Cite every page with its truth and with other pages' values; count what the checker misses.

    Each field is judged as the pipeline judges it (``title_flagged`` and so on mirror
    checker/verify/citation.py, guards included).  A page's swap partners are the pages
    ``_SHIFTS`` further along the pages that have the field (so every field gets its own swaps),
    skipping partners whose value is the page's own (the same author, dates a day apart).
    First, as in the pipeline, each page gets its availability verdict (``page_verdict``): a
    page not read as the source (a challenge, a script shell, a soft-404) flags every citation
    of it (``_count_field`` says how that counts).  ``post_script``: the script the citing
    post is written in (``POST_SCRIPTS``).
    """
    started = time.process_time()
    result = Calibration()
    metadata: list[PageMetadata] = [read_metadata(p.html, p.url) for p in pages]
    result.read_seconds = time.process_time() - started
    result.pages = len(pages)
    verdicts = [page_verdict(p) for p in pages]
    result.not_read = [f"{p.url} {v}" for p, v in zip(pages, verdicts, strict=True) if v]
    for name in FIELDS:
        _count_field(name, pages, metadata, verdicts, result, post_script)
    result.seconds = time.process_time() - started
    return result


def _print_failures(title: str, rate: FieldRate) -> None:
    print(f"--- {title}")
    for failure in rate.failures:
        print(failure)


def _listed(lines: list[str]) -> FieldRate:
    """``lines`` as a FieldRate's failures, to print them as ``_print_failures`` does."""
    return FieldRate(failures=list(lines))


def table(parts: Sequence[tuple[str, Calibration]]) -> list[str]:
    """A markdown table: per part and field, false mismatch and missed swap (count and rate)."""
    lines = ["| part | field | false mismatch | missed swap |", "|---|---|---|---|"]
    for part, calibration in parts:
        for name in FIELDS:
            false_rate = getattr(calibration, f"{name}_false_mismatch")
            missed_rate = getattr(calibration, f"{name}_missed_swap")
            lines.append(f"| {part} | {name} | {false_rate.cell()} | {missed_rate.cell()} |")
    for part, calibration in parts:
        lines.append(
            f"{part}: {calibration.pages} pages ({len(calibration.not_read)} not read as the "
            f"source: blocked or soft-404), read_metadata "
            f"{1000 * calibration.read_seconds / max(calibration.pages, 1):.1f} ms/page, "
            f"all {calibration.seconds:.1f}s"
        )
    return lines


def main(argv: Sequence[str]) -> int:
    """Print the rates; ``--split``: tune and held-out apart; ``-v``: the tuning part's failures.

    ``--held-out-failures`` prints the held-out part's failures too: for the final report of
    what remains, never while changing code.  ``--post-in-page-script``: the citing post is
    written in the script of the page it cites (``POST_SCRIPTS``: the best case).
    """
    pages = load_pages()
    post = "page" if "--post-in-page-script" in argv else "title"
    parts: list[tuple[str, Calibration]]
    if "--split" in argv or "-v" in argv or "--held-out-failures" in argv:
        tune, held_out = split(pages)
        parts = [("tune", calibrate(tune, post)), ("held-out", calibrate(held_out, post))]
    else:
        parts = [("all", calibrate(pages, post))]
    shown = [c for p, c in parts if p in ("tune", "all") and "-v" in argv]
    shown += [c for p, c in parts if p == "held-out" and "--held-out-failures" in argv]
    for calibration in shown:
        _print_failures("pages not read as the source", _listed(calibration.not_read))
        for name in FIELDS:
            _print_failures(
                f"{name} false mismatch", getattr(calibration, f"{name}_false_mismatch")
            )
            _print_failures(f"{name} missed swap", getattr(calibration, f"{name}_missed_swap"))
    for line in table(parts):
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
