"""report.html: the attribution report for people, one self-contained page.

An editor wants to see, per post, what each citation claims next to what the source shows,
and to narrow a long run down to "the errors in this post".  So the page puts a summary and a
small bar chart of findings by code on top, the problems of the run itself (an input that
yielded no post, a post that could not be read, a run that checked nothing), then every post
with its citations (cited versus observed, status, findings with their fix and archived
copy), with filters, a search box and sorting that run in the page itself.  The file needs
nothing from the network (CSS and script are inline, the chart is inline SVG) so it can be
mailed, attached to a CI run or opened from disk years later.

Everything shown comes from the web, so nothing from the report is ever run: Jinja2 escapes
every value (autoescape on), only ``http(s)`` URLs become links, the script never writes
report data as HTML, and a Content-Security-Policy lets only this page's own style and script
(by hash) run, so even an escaping mistake could not execute an injected script.
"""

from __future__ import annotations

import base64
import hashlib
import re
import unicodedata
from collections import Counter
from collections.abc import Iterator, Mapping
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING, Any

from markupsafe import Markup
from rapidfuzz.distance import Indel

from checker.findings import CATALOGUE, Code
from checker.report._common import (
    FIELD_CODES,
    SEVERITY_RANK,
    accounting_line,
    finding_marks,
    one_line,
    problem_label,
    verdict,
    visible,
)

if TYPE_CHECKING:
    import jinja2

__all__ = ["DIFF_LIMIT", "iri", "render", "safe_href", "stream", "word_diff"]

_SEVERITIES = ("error", "warning", "info")
_STATUS_ORDER = ("missing", "broken", "blocked", "unreachable", "redirected", "skipped", "ok")
# (label, cited key, observed key): the rows of the cited-versus-observed table.
_ROWS = (
    ("title", "title", "title"),
    ("subtitle", "subtitle", None),
    ("author", "author", "author"),
    ("date", "date", "date"),
    ("publisher", "publisher", "site_name"),
    ("handle", "handle", "handle"),
    ("text", "text", "text"),
)
_CHART_WIDTH, _CHART_LEFT, _CHART_TRACK, _CHART_ROW = 440, 172, 222, 24
DIFF_LIMIT = 2000
"""Characters of each side a word diff compares (verify already bounds the source's passage):
a diff of two bounded token lists costs milliseconds, whatever a post quotes."""


def render(document: dict[str, Any]) -> str:
    """The report dictionary as one self-contained HTML page."""
    return "".join(stream(document))


def stream(document: dict[str, Any]) -> Iterator[str]:
    """The page of :func:`render` piece by piece, as Jinja2 produces it, so the writer can put
    each piece in the file as it comes instead of holding the whole page (issue 19)."""
    return _template().generate(**_context(document))


def _context(document: dict[str, Any]) -> dict[str, Any]:
    """The template's variables: the document reshaped for the page."""
    css, js = _asset("report.css"), _asset("report.js")
    summary = document.get("summary", {})
    word = verdict(document)
    failed = word != "passed"  # shown red: a run interrupted is no pass
    tool = document.get("tool", {})
    return dict(
        csp=_csp(css, js),
        css=Markup(css),
        js=Markup(js),
        tool=f"{tool.get('name', 'citecheck')} {tool.get('version', '')}".strip(),
        failed=failed,
        verdict_text=(f"{word} · {summary.get('failing', 0)} failing" if failed else word),
        summary={
            "documents": summary.get("documents", len(document.get("documents", ()))),
            "citations": summary.get("citations", 0),
            "failing": summary.get("failing", 0),
        },
        severities=[
            {"name": s, "count": summary.get("severities", {}).get(s, 0)} for s in _SEVERITIES
        ],
        statuses=[
            {"name": name, "count": count}
            for name, count in summary.get("statuses", {}).items()
            if count
        ],
        chart=_chart(document),
        inputs=[
            {"text": iri(str(i)), "raw": str(i), "href": safe_href(i)}
            for i in document.get("inputs", ())
        ],
        accounting=accounting_line(document),
        problems=[_problem(p) for p in document.get("problems", ())],
        posts=_worst_first([_post(p, i) for i, p in enumerate(document.get("documents", ()))]),
        show_all=not any(finding_marks(document)),
        started=document.get("started"),
        finished=document.get("finished"),
        schema_version=document.get("schema_version"),
    )


def _problem(problem: Mapping[str, Any]) -> dict[str, Any]:
    """A problem of the run (an input, a post or the run itself), for the problems panel."""
    severity = str(problem.get("severity"))
    return {
        "severity": severity if severity in _SEVERITIES else "info",
        "code": problem.get("code"),
        "failing": bool(problem.get("failing")),
        "subject": problem_label(problem),
        "href": safe_href(problem.get("subject")),
        "message": problem.get("message") or "",
        "suggestion": problem.get("suggestion"),
    }


def safe_href(value: object) -> str | None:
    """``value`` when it is an http(s) URL a link may point to, else ``None`` (shown as text)."""
    if not isinstance(value, str):
        return None
    text = value.strip()
    scheme = text.split(":", 1)[0].lower() if ":" in text else ""
    if scheme not in {"http", "https"} or any(ch in text for ch in "\x00\r\n\t"):
        return None
    return text


@lru_cache(maxsize=1)
def _template() -> jinja2.Template:
    """The report's template; jinja2 is imported here, so a run without ``--format html`` never
    loads it (issue 19: start-up)."""
    import jinja2  # noqa: PLC0415 (lazy: see above)

    environment = jinja2.Environment(
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        finalize=_shown,
    )
    return environment.from_string(_asset("report.html.j2"))


def _shown(value: object) -> object:
    """A value the template writes, its control characters shown as ``<U+001B>`` as report.md
    and report.csv show them (``_common.visible``): a page's ESC, BEL or NUL reached the page
    as is, invisible there and acting on a terminal showing the file (probe 28).  The
    template's own markup (:class:`Markup`: the style, the script) is left as it is."""
    return visible(value) if type(value) is str else value


@lru_cache(maxsize=4)
def _asset(name: str) -> str:
    return resources.files("checker.report").joinpath("assets", name).read_text(encoding="utf-8")


def _csp(css: str, js: str) -> str:
    """Only this page's own style and script may run; nothing may be loaded from anywhere."""
    return (
        "default-src 'none'; "
        f"style-src '{_sha256(css)}'; script-src '{_sha256(js)}'; "
        "img-src data:; base-uri 'none'; form-action 'none'"
    )


def _sha256(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return "sha256-" + base64.b64encode(digest).decode("ascii")


def _chart(document: Mapping[str, Any]) -> dict[str, Any]:
    """The bars of the findings-by-code chart, counted from the findings' marks: reading the
    posts for it built every post a second time (issue 19, reports CPU)."""
    counts: Counter[str] = Counter()
    worst: dict[str, str] = {}
    for mark in finding_marks(document):
        code, severity = str(mark.code), str(mark.severity)
        counts[code] += 1
        if SEVERITY_RANK.get(severity, -1) > SEVERITY_RANK.get(worst.get(code, ""), -1):
            worst[code] = severity
    order = {code.value: index for index, code in enumerate(Code)}
    codes = sorted(counts, key=lambda c: (-SEVERITY_RANK.get(worst[c], -1), order.get(c, 99), c))
    top = max(counts.values(), default=1)
    bars = [
        {
            "code": code,
            "count": counts[code],
            "severity": worst[code] if worst[code] in _SEVERITIES else "info",
            "summary": _summary_of(code),
            "y": index * _CHART_ROW,
            "width": max(2, round(_CHART_TRACK * counts[code] / top)),
        }
        for index, code in enumerate(codes)
    ]
    return {
        "bars": bars,
        "width": _CHART_WIDTH,
        "height": max(len(bars), 1) * _CHART_ROW,
        "left": _CHART_LEFT,
        "track": _CHART_TRACK,
    }


def _summary_of(code: str) -> str:
    try:
        return CATALOGUE[Code(code)].summary
    except ValueError:
        return ""


def _post(post: Mapping[str, Any], index: int) -> dict[str, Any]:
    citations = [_citation(c, order, post) for order, c in enumerate(post.get("citations", ()))]
    severities: Counter[str] = Counter(
        str(f.get("severity")) for c in post.get("citations", ()) for f in c.get("findings", ())
    )
    citations.sort(key=lambda c: (-c["rank"], c["order"]))  # worst first; JS restores page order
    title = post.get("title") or post.get("url") or "(untitled)"
    return {
        "index": index,
        "rank": max((c["rank"] for c in citations), default=0),
        "findings": sum(len(c["findings"]) for c in citations),
        "title": title,
        "short_title": one_line(title, 40),
        "url": post.get("url"),
        "href": safe_href(post.get("url")),
        "origin": post.get("origin"),
        "published": post.get("published"),
        "citation_count": len(citations),
        "severities": [{"name": s, "count": severities[s]} for s in _SEVERITIES if severities[s]],
        "citations": citations,
    }


def _worst_first(posts: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Posts with the worst findings first (then the most findings), else in report order.

    Done here rather than by the script, so a reader without JavaScript sees the same order.
    """
    return sorted(posts, key=lambda p: (-p["rank"], -p["findings"], p["index"]))


def _citation(citation: Mapping[str, Any], order: int, post: Mapping[str, Any]) -> dict[str, Any]:
    findings = list(citation.get("findings", ()))
    severities = sorted(
        {str(f.get("severity")) for f in findings}, key=lambda s: -SEVERITY_RANK.get(s, -1)
    )
    worst = severities[0] if severities else "none"
    status = str(citation.get("status"))
    final = citation.get("final_url")
    return {
        "order": order,
        "kind": citation.get("kind"),
        "platform": citation.get("platform"),
        "url": citation.get("url"),
        "iri": iri(str(citation["url"])) if citation.get("url") else None,
        "href": safe_href(citation.get("url")),
        "final_url": final if final and final != citation.get("url") else None,
        "final_iri": iri(str(final)) if final else None,
        "final_href": safe_href(final),
        "line": citation.get("line"),
        "note": citation.get("note"),
        "evidence": (citation.get("evidence") or {}).get("record_id"),
        "evidence_file": (citation.get("evidence") or {}).get("warc"),
        "status": status,
        "status_rank": _STATUS_ORDER.index(status) if status in _STATUS_ORDER else 99,
        "worst": worst if worst in _SEVERITIES else "none",
        "rank": SEVERITY_RANK.get(worst, -1) + 1,
        "severities": " ".join([*severities, "any"] if severities else ["none"]),
        "codes": " ".join(dict.fromkeys(str(f.get("code")) for f in findings)),
        "rows": _rows(citation),
        "findings": [_finding(f) for f in findings],
        "search": _search_text(citation, post),
    }


def _rows(citation: Mapping[str, Any]) -> list[dict[str, Any]]:
    cited = citation.get("cited") or {}
    observed = citation.get("observed") or {}
    about: dict[str, str] = {}
    for finding in citation.get("findings", ()):
        severity = str(finding.get("severity"))
        for label, _, _, field_codes in FIELD_CODES:
            if finding.get("code") in field_codes and SEVERITY_RANK.get(
                severity, -1
            ) > SEVERITY_RANK.get(about.get(label, ""), -1):
                about[label] = severity
    rows = []
    for label, cited_key, observed_key in _ROWS:
        mine = cited.get(cited_key)
        theirs = observed.get(observed_key) if observed_key else None
        if mine is None and theirs is None:
            continue
        differs = about.get(label) if not _same(mine, theirs) else None
        diff = (
            word_diff(str(mine), str(theirs))
            if label == "text" and differs and mine is not None and theirs is not None
            else None
        )
        rows.append(
            {"label": label, "cited": mine, "observed": theirs, "about": differs, "diff": diff}
        )
    status_code = observed.get("status_code")
    if status_code is not None:
        rows.append(
            {"label": "HTTP", "cited": None, "observed": status_code, "about": None, "diff": None}
        )
    return rows


def _finding(finding: Mapping[str, Any]) -> dict[str, Any]:
    severity = str(finding.get("severity"))
    suggestion, snippet = _snippet(finding.get("suggestion"))
    return {
        "code": finding.get("code"),
        "severity": severity if severity in _SEVERITIES else "info",
        "message": finding.get("message"),
        "suggestion": suggestion,
        "snippet": snippet,
        "archive_url": finding.get("archive_url"),
        "archive_iri": iri(str(finding["archive_url"])) if finding.get("archive_url") else None,
        "archive_href": safe_href(finding.get("archive_url")),
        "failing": bool(finding.get("failing")),
    }


def word_diff(cited: str, source: str) -> list[dict[str, str]]:
    """The cited text against the source's, as segments ``{"tag": "eq"|"del"|"ins", "text"}``.

    ``del`` is in the post only, ``ins`` in the source only.  Words are compared as the search
    compares them (width, case and curly quotes aside); text without spaces (Japanese, Chinese)
    is compared character by character, since it has no words to split.  Each side is cut at
    :data:`DIFF_LIMIT` characters.  The texts stay data: the template escapes every segment.
    """
    mine = _diff_tokens(" ".join(cited.split())[:DIFF_LIMIT])
    theirs = _diff_tokens(" ".join(source.split())[:DIFF_LIMIT])
    ops = Indel.opcodes([_folded(t) or t for t in mine], [_folded(t) or t for t in theirs])
    runs: list[tuple[bool, str, str]] = []  # (equal, the post's text, the source's text)
    for op in ops:  # Indel gives deletions and insertions only, never a replacement
        equal = op.tag == "equal"
        post = "".join(mine[op.src_start : op.src_end])
        found = "".join(theirs[op.dest_start : op.dest_end])
        runs.append((equal, post, found))
    segments: list[dict[str, str]] = []
    for equal, post, found in _absorb_crumbs(runs):
        if equal:
            _add(segments, "eq", post)
        else:  # each change reads "post → source"
            _add(segments, "del", post)
            _add(segments, "ins", found)
    return segments


_CRUMB = 2
"""An unchanged stretch this short (letters) between two changes is part of the change: in a
rewritten Japanese sentence a character-level diff otherwise keeps the odd shared kana or
particle, and the change reads as confetti."""


def _absorb_crumbs(runs: list[tuple[bool, str, str]]) -> list[tuple[bool, str, str]]:
    """``runs`` with short unchanged stretches between changes merged into one change."""
    merged: list[tuple[bool, str, str]] = []
    for index, (same, post, found) in enumerate(runs):
        between = 0 < index < len(runs) - 1 and not runs[index - 1][0] and not runs[index + 1][0]
        equal = same and not (between and len(post.strip()) <= _CRUMB)
        if merged and not equal and not merged[-1][0]:
            _, last_post, last_found = merged.pop()
            merged.append((False, last_post + post, last_found + found))
        else:
            merged.append((equal, post, found))
    return merged


def _add(segments: list[dict[str, str]], tag: str, text: str) -> None:
    """Append a segment, joined to the last one when it has the same tag."""
    if not text:
        return
    if segments and segments[-1]["tag"] == tag:
        segments[-1]["text"] += text
    else:
        segments.append({"tag": tag, "text": text})


def _diff_tokens(text: str) -> list[str]:
    """Words (runs of letters and digits), runs of spaces, and single characters otherwise:
    each punctuation mark, and each character of a script written without spaces."""
    tokens: list[str] = []
    run: list[str] = []
    kind = ""
    for char in text:
        this = _token_kind(char)
        if this != kind or this == "one":
            if run:
                tokens.append("".join(run))
            run, kind = [], this
        run.append(char)
    if run:
        tokens.append("".join(run))
    return tokens


def _token_kind(char: str) -> str:
    """``word`` (joins a word), ``space``, or ``one`` (a token by itself)."""
    if char.isspace():
        return "space"
    if unicodedata.east_asian_width(char) in "WF":  # CJK, kana, hangul: no spaces to split on
        return "word" if unicodedata.normalize("NFKC", char).isascii() else "one"
    return "word" if char.isalnum() else "one"


_SNIPPET_START = ": <a href="


def _snippet(suggestion: object) -> tuple[object, str | None]:
    """A suggestion that ends in a Robust Links anchor, split into its words and the anchor.

    The anchor is markup to paste into the post, so the page shows it as code in a box of its
    own (escaped, like every value), not run into the sentence.
    """
    if not isinstance(suggestion, str) or not suggestion.endswith("</a>"):
        return suggestion, None
    at = suggestion.find(_SNIPPET_START)
    if at < 0:
        return suggestion, None
    return suggestion[:at], suggestion[at + 2 :]


_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'})


def _same(cited: object, observed: object) -> bool:
    """Whether a cited value reads as the observed one (width, case, spaces, curly quotes aside).

    A finding names the fields it is about (``FIELD_CODES``), but not every such field differs:
    an ``embed-secondary-source`` is about the author and the handle, which match the embed.
    Only a field that really differs is highlighted, so the eye goes to the difference.
    """
    if cited is None or observed is None:
        return False
    return _folded(cited) == _folded(observed)


def _folded(value: object) -> str:
    """``value`` folded for comparing and searching: NFKC (``ＢＢＣ`` is ``BBC``), lower case."""
    return unicodedata.normalize("NFKC", str(value)).translate(_QUOTES).casefold().strip()


_ESCAPES = re.compile(r"(?:%[0-9A-Fa-f]{2})+")


def iri(url: str) -> str:
    """``url`` as a reader reads it: percent-encoded UTF-8 in its path, query and fragment shown
    as the characters they stand for (``/ウクライナ`` rather than ``/%E3%82%A6…``), as browsers'
    address bars show it.

    Only non-ASCII characters that are visible are decoded: an encoded ASCII byte (``%2F``,
    ``%20``) keeps its meaning only encoded, and a control, space, bidi or other invisible
    character would hide what the URL is.  The host stays as written: a punycode host may be a
    look-alike (``deceptive-url``), which browsers too refuse to show decoded.
    """
    head, sep, rest = url.partition("://")
    if not sep:
        return url
    slash = rest.find("/")
    if slash < 0:
        return url
    authority, tail = rest[:slash], rest[slash:]
    return f"{head}://{authority}{_ESCAPES.sub(_decoded, tail)}"


def _decoded(match: re.Match[str]) -> str:
    """One run of ``%XX`` escapes with its visible non-ASCII UTF-8 characters decoded."""
    escapes = match.group(0)
    data = bytes.fromhex(escapes.replace("%", ""))
    out: list[str] = []
    index = 0
    while index < len(data):
        width = _utf8_width(data[index])
        char = _char(data[index : index + width]) if width > 1 else None
        if char is None:
            out.append(escapes[3 * index : 3 * index + 3])
            index += 1
        else:
            out.append(char)
            index += width
    return "".join(out)


def _utf8_width(lead: int) -> int:
    """How many bytes a UTF-8 sequence starting with ``lead`` has (1 for ASCII or a bad lead)."""
    for width, (mask, value) in ((2, (0xE0, 0xC0)), (3, (0xF0, 0xE0)), (4, (0xF8, 0xF0))):
        if lead & mask == value:
            return width
    return 1


def _char(data: bytes) -> str | None:
    """The one visible character ``data`` encodes, else None (invalid, control, space, format)."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return None
    if len(text) != 1 or unicodedata.category(text)[0] in "CZ":
        return None
    return text


def _search_text(citation: Mapping[str, Any], post: Mapping[str, Any]) -> str:
    values: list[object] = [
        post.get("title"),
        citation.get("kind"),
        citation.get("platform"),
        citation.get("url"),
        iri(str(citation["url"])) if citation.get("url") else None,
        citation.get("final_url"),
        citation.get("status"),
        citation.get("note"),
        *(citation.get("cited") or {}).values(),
        *(citation.get("observed") or {}).values(),
    ]
    for finding in citation.get("findings", ()):
        values += [finding.get("code"), finding.get("message"), finding.get("suggestion")]
    return _folded(" ".join(one_line(v, 2000) for v in values if v is not None))
