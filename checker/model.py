"""The values that flow through the pipeline, from input page to checked citation.

Data moves one way: ``discover`` yields :class:`Page` values, ``extract`` turns a page into
:class:`Document` values holding :class:`Citation` values, ``fetch`` answers each URL with one
:class:`FetchResult`, and ``verify`` combines a citation with its evidence into a
:class:`CheckedCitation` carrying one :class:`Status` and its :class:`Finding` values.  Everything
here is frozen so that a stage cannot change what an earlier stage produced, and the string values
of the enums are exactly the strings of report.json (see ``../shared/SPEC.md``), so no reporter has
to translate a status.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Protocol, runtime_checkable

from checker.anchors import Anchors
from checker.findings import CATALOGUE, Code, Severity
from checker.slots import slot_setters

__all__ = [
    "INTERRUPTED_NOTE",
    "MARKDOWN_SUFFIXES",
    "CheckedCitation",
    "CheckedDocument",
    "Citation",
    "CitationKind",
    "Cited",
    "DigestedTexts",
    "Document",
    "FetchResult",
    "Fetcher",
    "Finding",
    "Hop",
    "LocalAnswer",
    "LocalState",
    "Memo",
    "Observed",
    "Outcome",
    "Page",
    "PageKind",
    "Platform",
    "Problem",
    "ProgressEvent",
    "ProgressKind",
    "Report",
    "Status",
    "TriesWatched",
    "TryWatcher",
    "is_hugo_site",
]


class CitationKind(StrEnum):
    """What a post does with a URL: names it as its original, links it, embeds it, quotes it."""

    SOURCE = "source"
    LINK = "link"
    EMBED = "embed"
    QUOTE = "quote"


class Status(StrEnum):
    """The one verdict on a citation's availability, carried unchanged into every report.

    ``soft-404`` is deliberately not a status: a page that answers 200 but is gone is ``broken``,
    and the finding code ``soft-404`` says how we know.  That keeps report.json's status set the
    one SPEC.md fixes.
    """

    OK = "ok"
    REDIRECTED = "redirected"
    BROKEN = "broken"
    BLOCKED = "blocked"
    UNREACHABLE = "unreachable"
    SKIPPED = "skipped"
    MISSING = "missing"


class Platform(StrEnum):
    """Social platforms whose embeds citecheck recognises."""

    TWITTER = "twitter"
    BLUESKY = "bluesky"
    TELEGRAM = "telegram"
    YOUTUBE = "youtube"
    MASTODON = "mastodon"
    TIKTOK = "tiktok"
    INSTAGRAM = "instagram"
    FACEBOOK = "facebook"
    THREADS = "threads"


class VaultNote(StrEnum):
    """What a wikilink of an Obsidian vault found of the note it names, when not the note
    (:mod:`checker.extract.wikilinks`): said by verify when the disk has no file there either."""

    UNWRITTEN = "unwritten"
    """The vault, listed whole, holds no such note: Obsidian shows a note not yet written."""
    UNLISTED = "unlisted"
    """The vault could not be listed whole (past its cap, a folder unreadable) or could not
    tell (too many namesakes): the note may be anywhere, unlooked for."""


class PageKind(StrEnum):
    """How an input page's body is written; it picks the extractor."""

    HTML = "html"
    MARKDOWN = "markdown"
    TEXT = "text"


MARKDOWN_SUFFIXES = (".md", ".markdown", ".mkd", ".mkdn", ".mdown", ".mdwn", ".qmd", ".rmd", ".mdx")
"""Markdown and the formats that are Markdown with extras (Quarto, R Markdown, MDX): the files
the folder walk reads as Markdown (``discover.kinds``), and the source files a site generator
turns into pages (a link to one is written for the generator: ``extract.markdown``,
``fetch.local``)."""
HUGO_SETTINGS = (
    "hugo.toml",
    "hugo.yaml",
    "hugo.yml",
    "hugo.json",
    "config.toml",
    "config.yaml",
    "config.yml",
    "config.json",
)
"""A Hugo site's settings file: ``hugo.*``, or ``config.*``, Hugo's older name (``config.toml``
is also Zola's); or a ``config/_default/`` folder of them.  Such a site's generator runs no
Liquid (``extract.generator_blocks``) and publishes ``static/`` at its root (``fetch.local``)."""
_HUGO_LAYOUT = ("content", "archetypes", "themes")
"""What stands beside a Hugo (or Zola) site's settings: a ``config.toml`` without it is some
other tool's (a ``config.toml`` above loose posts turned Liquid's comments off: mend 34q)."""


def is_hugo_site(folder: Path) -> bool:
    """Whether ``folder`` is a Hugo (or Zola) site's root: its settings (:data:`HUGO_SETTINGS`
    or ``config/_default/``) and a folder of its layout beside them."""
    settled = any((folder / name).is_file() for name in HUGO_SETTINGS)
    if not settled and not (folder / "config" / "_default").is_dir():
        return False
    return any((folder / name).is_dir() for name in _HUGO_LAYOUT)


class Outcome(StrEnum):
    """How a fetch ended at the transport level; every foreign exception maps to one of these."""

    OK = "ok"
    TIMEOUT = "timeout"
    CONNECT = "connect"
    DNS = "dns"
    TLS = "tls"
    PROTOCOL = "protocol"
    TOO_LARGE = "too-large"
    TOO_MANY_REDIRECTS = "too-many-redirects"
    INVALID_URL = "invalid-url"
    UNSUPPORTED_SCHEME = "unsupported-scheme"
    FORBIDDEN_ADDRESS = "forbidden-address"
    NETWORK = "network"
    """Not the source's doing: a temporary lookup failure, or no network on this machine."""


@dataclass(frozen=True, slots=True)
class Page:
    """One input as discovered: a file or a URL with its decoded body.

    ``url`` is the address posts on the page are resolved against (for a local file, the page's
    canonical URL when it names one, else a ``file://`` URL).  ``origin`` is what the user or the
    crawler gave, for messages and SARIF locations.
    """

    url: str
    origin: str
    body: str
    kind: PageKind
    line_offset: int = 0
    """Lines of the file ``origin`` before the body's first: a post read out of a file holding
    several (a Movable Type export's entry) has its citations at the file's lines, not its own."""
    answered: bool = False
    """Whether ``body`` is the web's answer to a request for the post's own address (a post page
    a crawl read, a page URL the user named), not a file's, a feed entry's or a listing's text:
    such an answer may be a login, consent or challenge page or a "not found" page standing in
    the post's place, which the pipeline tells before reading it as the post."""
    refresh: str = ""
    """The ``Refresh`` header that answer came with ("" when none): a browser obeys it as a
    meta refresh, so a post page whose header forwards at once to a login page is a wall in
    the post's place whatever its body shows (:mod:`checker.verify.post_page`)."""


@dataclass(frozen=True, slots=True)
class Cited:
    """What the post claims about a source.  ``None`` means the post does not say.

    For a ``link`` citation, ``title`` is set only when the post presents the text as the linked
    page's headline (as a tweet's text before its link is); ordinary anchor text is ``context``,
    not a claim to verify.  ``alt_titles`` are further titles the post gives for the same source
    (a ``原題:`` line naming several originals): matching any one of them is a match.
    ``archived`` holds archived copies the post itself gives (a ``web.archive.org/web/…`` link
    beside the original, Robust Links ``data-versionurl``); they are checked before searching.
    """

    title: str | None = None
    alt_titles: tuple[str, ...] = ()
    subtitle: str | None = None
    author: str | None = None
    date: str | None = None
    publisher: str | None = None
    handle: str | None = None
    text: str | None = None
    archived: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Citation:
    """One thing a post cites.

    ``line`` is the 1-based line of the page body where the citation starts, so CI reports can
    point at it; ``context`` is a short excerpt of the surrounding text for people.
    ``fragments``: the ``#fragments`` the post's links to ``url`` name, as written and each
    once (``url`` has none: one page, one citation); checked with ``--include-fragments``.
    ``post_cjk``: whether the citing post is written in CJK script (None: not known, or no
    title in CJK cited), read from its lines: a translation is in its translator's language.
    ``vault_note``: for a wikilink of an Obsidian vault to a note the vault was not seen to hold
    when the post was read, why (:class:`VaultNote`): a note not yet written is said as
    ``unresolved-wikilink``, not ``broken``; one in a vault not listed whole is not judged.
    """

    kind: CitationKind
    url: str | None
    cited: Cited = field(default_factory=Cited)
    platform: Platform | None = None
    post_id: str | None = None
    line: int | None = None
    context: str | None = None
    fragments: tuple[str, ...] = ()
    post_cjk: bool | None = None
    vault_note: VaultNote | None = None


@dataclass(frozen=True, slots=True)
class Document:
    """One post (or page) and what it cites, as ``extract`` found it.

    ``also_from``: the other inputs, as given, through which the same post was found again (a
    label page and the post's own URL); the pipeline checks and reports it once, as first found.
    ``omitted``: links past the per-post citation cap, counted but neither built nor checked.
    ``published``: the day the post states as its own (:func:`checker.dates.parse_post_date`).
    ``own_fragments``: the ``#fragments`` the post links within itself (a table of contents),
    each once, in order; ``--include-fragments`` checks them as a link to the post's page.
    ``unread_part``: a part of the post meant as something it could not be read as, in words
    (a front matter block that is no YAML: read as the post's text), said as a finding.
    """

    url: str
    origin: str
    title: str | None
    published: date | None
    citations: tuple[Citation, ...]
    also_from: tuple[str, ...] = ()
    omitted: int = 0
    own_fragments: tuple[str, ...] = ()
    unread_part: str | None = None


def titled_state(title: str, state: str | None) -> str:
    """A post's title as reports show it: ``[draft] Title`` for a post that is not published
    (``state`` None when it is).  The state goes in front, since extract reads the publication
    from a title's trailing parenthesis (``…(Foreign Affairs)``).  One rule for every export
    and feed that marks its unpublished posts (WordPress's, Ghost's, Substack's)."""
    return f"[{state}] {title}".strip() if state else title


@dataclass(frozen=True, slots=True)
class Hop:
    """One redirect response on the way to the final URL."""

    url: str
    status_code: int


@dataclass(frozen=True, slots=True, init=False)
class FetchResult:
    """Everything ``fetch`` learned about one URL.  A failure is an ``outcome``, never an exception.

    ``text`` is the decoded body (``None`` when there is none or it is not text); ``truncated`` says
    the size cap cut it short, which still leaves the head of the page for metadata.

    Memory across runs (``fetch.store``): ``from_store`` says no request was made this run (a fresh
    result, or one finished by an interrupted run); ``failure_streak`` counts the consecutive runs
    that failed to get a good answer, since ``failing_since`` (ISO time); ``persistent_failure``
    says a transient failure (timeout, reset, 5xx, 429) has lasted the configured strikes and days.

    ``warc_record_id`` names the WARC response record of the final answer when ``--warc`` is on
    (``None`` when it is off, nothing was received, or the answer came from the store).
    """

    url: str
    outcome: Outcome
    final_url: str | None = None
    status_code: int | None = None
    redirects: tuple[Hop, ...] = ()
    headers: Mapping[str, str] = field(default_factory=dict)
    content_type: str | None = None
    text: str | None = None
    encoding: str | None = None
    truncated: bool = False
    elapsed: float = 0.0
    error: str | None = None
    attempts: int = 1
    failure_streak: int = 0
    failing_since: str | None = None
    from_store: bool = False
    persistent_failure: bool = False
    warc_record_id: str | None = None

    def __init__(
        self,
        url: str,
        outcome: Outcome,
        final_url: str | None = None,
        status_code: int | None = None,
        redirects: tuple[Hop, ...] = (),
        headers: Mapping[str, str] | None = None,
        content_type: str | None = None,
        text: str | None = None,
        encoding: str | None = None,
        truncated: bool = False,
        elapsed: float = 0.0,
        error: str | None = None,
        attempts: int = 1,
        failure_streak: int = 0,
        failing_since: str | None = None,
        from_store: bool = False,
        persistent_failure: bool = False,
        warc_record_id: str | None = None,
    ) -> None:
        """The generated ``__init__``, written out (see :func:`checker.slots.slot_setters`): a
        checked URL's answer is made at least once (issue 19: ~33 K instructions with the frozen
        class's ``object.__setattr__`` a field, ~15 K so).  ``headers`` left out is a new
        empty dict, as the field's ``default_factory`` makes it, and so is ``headers=None``
        (the one difference from the generated ``__init__``, which kept a None against the
        field's type; ``replace(result, headers=None)`` gives ``{}`` too): None is the mark of
        "left out", as a shared ``{}`` default would be one dict for every answer."""
        (
            set_url, set_outcome, set_final_url, set_status_code, set_redirects, set_headers,
            set_content_type, set_text, set_encoding, set_truncated, set_elapsed, set_error,
            set_attempts, set_failure_streak, set_failing_since, set_from_store,
            set_persistent_failure, set_warc_record_id,
        ) = _FETCH_RESULT_SETTERS  # fmt: skip
        set_url(self, url)
        set_outcome(self, outcome)
        set_final_url(self, final_url)
        set_status_code(self, status_code)
        set_redirects(self, redirects)
        set_headers(self, {} if headers is None else headers)
        set_content_type(self, content_type)
        set_text(self, text)
        set_encoding(self, encoding)
        set_truncated(self, truncated)
        set_elapsed(self, elapsed)
        set_error(self, error)
        set_attempts(self, attempts)
        set_failure_streak(self, failure_streak)
        set_failing_since(self, failing_since)
        set_from_store(self, from_store)
        set_persistent_failure(self, persistent_failure)
        set_warc_record_id(self, warc_record_id)

    @property
    def header_lookup(self) -> Mapping[str, str]:
        """Headers keyed by lower-case name."""
        return {k.lower(): v for k, v in self.headers.items()}

    def header(self, name: str) -> str:
        """The value of the header ``name`` (lower-case ASCII), ``""`` without one: what
        ``header_lookup.get(name, "")`` gives (the last of names that differ in case only),
        without lower-casing every name into a new dict, ~2.4 µs of each judged answer's
        ``cf-mitigated`` look-up (issue 19).  Only a name of ``name``'s length is lowered:
        ``str.lower`` keeps an ASCII name's length, and only "İ" lowers to more than one
        character, never to ASCII alone."""
        size = len(name)
        found = ""
        for key, value in self.headers.items():
            if len(key) == size and key.lower() == name:
                found = value
        return found


_FETCH_RESULT_SETTERS = slot_setters(FetchResult)


class LocalState(StrEnum):
    """What the disk says of a local link's target."""

    FOUND = "found"  # a file or folder (followed through symlinks)
    MISSING = "missing"  # nothing there (checked under NFC and NFD, case exact)
    ROUTE = "route"  # nothing there, but the name has no suffix: a generator's page route
    ROOT_RELATIVE = "root-relative"  # ``/x`` with no --root-dir to resolve it against
    OUTSIDE = "outside"  # out of the folders being checked (the working folder, those named)
    OTHER_HOST = "other-host"  # ``file://host/…``: a file on another machine
    SPECIAL = "special"  # a FIFO, socket or device: never opened
    LOOP = "loop"  # a symlink loop, or a path the OS cannot look at (too long, no permission)


@dataclass(frozen=True, slots=True)
class LocalAnswer:
    """The disk's answer on one local link: what ``fetch.local`` read for verify to judge.

    ``written``: the link's last part as written (percent-encoded as in the URL); ``shown``: the
    resolved path for messages, relative to the folder being checked; ``case``: the name that
    differs only in case, when that is why it is missing; ``suggestion``: the one existing file
    of the same name elsewhere in the tree (a moved file), else None.  ``anchors``: the places
    the file names (:mod:`checker.anchors`), read when a link's fragments are to be checked and
    the file is Markdown or HTML; ``unread``: why they were not, when they were asked for.
    """

    state: LocalState
    written: str
    shown: str
    case: str | None = None
    suggestion: str | None = None
    detail: str | None = None
    anchors: Anchors | None = None
    unread: str | None = None


class Fetcher(Protocol):
    """The one way any stage but ``fetch`` gets a page: ``pipeline`` passes a Fetcher in."""

    async def get(self, url: str, *, fresh: bool = False) -> FetchResult:
        """Fetch ``url`` (once per run, however often it is asked for).

        ``fresh`` asks the network even when a remembered answer is still within its TTL (a
        conditional request may still spare the body): input pages and feeds must show today's
        posts, while a cited source checked an hour ago need not be asked again.
        """
        ...


class TryWatcher(Protocol):
    """Told of each try of one URL as it ends, before any retry's backoff (issue 19).

    A caller that must react to a failing service sooner than the fetcher's whole retry
    sequence (the archive's circuit breaker: three 502s, not three lookups' worth of retries)
    registers one through :class:`TriesWatched`.
    """

    def tried(self, result: FetchResult) -> None:
        """One try of the URL ended with ``result`` (a retry may follow)."""
        ...

    def wanted(self) -> bool:
        """Whether a try is still worth sending (asked before the first and each retry)."""
        ...


@runtime_checkable
class DigestedTexts(Fetcher, Protocol):
    """A :class:`Fetcher` that can give an answer whose text it holds packed with its digest
    (the store's answers) without unpacking the text: a reader that needs the text only to
    fingerprint it (the memo's keys of a judgement, issue 19: a warm run) takes the digest."""

    async def get_digested(self, url: str) -> tuple[FetchResult, str | None]:
        """``get(url)``'s answer and None; or, when its text is packed with a digest
        (``checker.memo.body_digest``), the answer with ``text`` None and that digest: a later
        ``get(url)`` gives the text."""
        ...


@runtime_checkable
class TriesWatched(Protocol):
    """A :class:`Fetcher` that can report each try of a URL to a :class:`TryWatcher`."""

    def watch_tries(self, url: str, watcher: TryWatcher | None) -> None:
        """Have the next network fetch of ``url`` report its tries to ``watcher`` (``None``:
        forget a watcher no fetch took, as when the in-run cache or the store answered)."""
        ...


class Memo(Protocol):
    """Remembered results of pure work, across runs: one value per subject, valid for one input.

    ``verify`` keeps a citation's judgement here, so a warm run whose source answered exactly as
    before re-reads nothing.  ``subject`` names the thing judged (one row each, so the memory does
    not grow as pages change); ``inputs`` fingerprints everything the value was computed from.
    """

    def recall(self, subject: str, inputs: str) -> bytes | None:
        """The value kept for ``subject`` if it was computed from ``inputs``, else None."""
        ...

    def keep(self, subject: str, inputs: str, value: bytes) -> None:
        """Remember ``value`` for ``subject`` as computed from ``inputs``."""
        ...


@dataclass(frozen=True, slots=True)
class Observed:
    """What the source itself shows, as far as we could read it."""

    status_code: int | None = None
    title: str | None = None
    author: str | None = None
    date: str | None = None
    site_name: str | None = None
    handle: str | None = None
    text: str | None = None


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem with one citation; its code comes from the catalogue in ``findings``."""

    code: Code
    severity: Severity
    message: str
    suggestion: str | None = None
    archive_url: str | None = None

    @classmethod
    def of(
        cls,
        code: Code,
        message: str,
        *,
        suggestion: str | None = None,
        archive_url: str | None = None,
    ) -> Finding:
        """A finding with the catalogue's default severity (config may override it later)."""
        return cls(code, CATALOGUE[code].severity, message, suggestion, archive_url)


@dataclass(frozen=True, slots=True, init=False)
class CheckedCitation:
    """A citation with the verdict on it: one status, the evidence and the findings.

    ``warc_record_id`` is the fetch's WARC record (``--warc``), in the WARC file ``warc_file``
    (relative to the report folder; ``None``: the run's own ``evidence.warc.gz``, a distributed
    run's workers each write one of their own); ``saved_url`` and ``saved_at`` name the Wayback
    capture ``--save`` asked for this run (``None`` when nothing was saved).
    """

    citation: Citation
    status: Status
    final_url: str | None = None
    observed: Observed | None = None
    findings: tuple[Finding, ...] = ()
    note: str | None = None
    warc_record_id: str | None = None
    saved_url: str | None = None
    saved_at: str | None = None
    warc_file: str | None = None

    def __init__(
        self,
        citation: Citation,
        status: Status,
        final_url: str | None = None,
        observed: Observed | None = None,
        findings: tuple[Finding, ...] = (),
        note: str | None = None,
        warc_record_id: str | None = None,
        saved_url: str | None = None,
        saved_at: str | None = None,
        warc_file: str | None = None,
    ) -> None:
        """The generated ``__init__``, written out (see :func:`checker.slots.slot_setters`):
        every citation's verdict is made once or more (issue 19)."""
        (
            set_citation, set_status, set_final_url, set_observed, set_findings, set_note,
            set_warc_record_id, set_saved_url, set_saved_at, set_warc_file,
        ) = _CHECKED_CITATION_SETTERS  # fmt: skip
        set_citation(self, citation)
        set_status(self, status)
        set_final_url(self, final_url)
        set_observed(self, observed)
        set_findings(self, findings)
        set_note(self, note)
        set_warc_record_id(self, warc_record_id)
        set_saved_url(self, saved_url)
        set_saved_at(self, saved_at)
        set_warc_file(self, warc_file)


_CHECKED_CITATION_SETTERS = slot_setters(CheckedCitation)


@dataclass(frozen=True, slots=True)
class CheckedDocument:
    """A post with all of its citations checked."""

    document: Document
    citations: tuple[CheckedCitation, ...]


@dataclass(frozen=True, slots=True)
class Problem:
    """A finding about an input, a post or the run itself rather than about one citation.

    A run accounts for everything it was given: an input that yields no post, a post that could
    not be read and a run that checked nothing are findings (``nothing-checked``,
    ``post-unreadable``), never a silent pass.  ``subject`` names what the finding is about: the
    input as the user gave it, the post's URL, or ``None`` for the run as a whole.
    """

    subject: str | None
    finding: Finding


INTERRUPTED_NOTE = "not checked: the run was interrupted"
"""The note of a citation an interrupted run had not checked (:attr:`Report.interrupted`)."""


@dataclass(frozen=True, slots=True)
class Report:
    """The result of one run, handed to every formatter.

    ``problems`` are the run's findings that belong to no citation (see :class:`Problem`);
    ``warc_files`` every WARC file the run wrote (``--warc``), relative to the report folder.
    ``interrupted``: the run was stopped (Ctrl-C, SIGTERM) before its end; the report holds
    what was checked, each citation not yet checked ``skipped`` with :data:`INTERRUPTED_NOTE`,
    and the posts discovery had not yet found are in no report.
    """

    inputs: tuple[str, ...]
    documents: tuple[CheckedDocument, ...]
    version: str
    started: str
    finished: str
    problems: tuple[Problem, ...] = ()
    warc_files: tuple[str, ...] = ()
    interrupted: bool = False

    def findings(self) -> tuple[Finding, ...]:
        """Every finding of the run: the problems first, then in document and citation order."""
        return (
            *(p.finding for p in self.problems),
            *(f for d in self.documents for c in d.citations for f in c.findings),
        )


class ProgressKind(StrEnum):
    """What just happened in a run, for a progress display."""

    DISCOVERED = "discovered"
    CHECKED = "checked"
    FETCHED = "fetched"
    """Requests finished: the host queues moved (sent at most a few times a second)."""
    DISCOVERY_ENDED = "discovery-ended"
    """Every post is found: ``total`` is final."""


@dataclass(frozen=True, slots=True)
class ProgressEvent:
    """A snapshot of a run's progress, handed to an optional callback as results come in.

    ``DISCOVERED`` is sent as each post is extracted (``total`` citations known so far) and
    ``DISCOVERY_ENDED`` once discovery is over (``total`` is final); ``CHECKED`` after each
    citation, carrying it and its post's URL; ``FETCHED`` when requests finished, so the queue
    count stays live between verdicts.  ``busiest_host`` is the host with the most requests
    waiting or in flight (with a remote executor, whose requests are not seen here: the most
    citations still waiting), and ``busiest_queue`` how many.
    """

    kind: ProgressKind
    posts: int
    checked: int
    total: int
    busiest_host: str | None = None
    busiest_queue: int = 0
    post_url: str | None = None
    citation: CheckedCitation | None = None
    discovery_ended: bool = False
    """Whether discovery is over (``total`` will not grow): an ETA means something only then."""
