"""The finding catalogue: every code citecheck can report, its default severity and meaning.

This table is the only place codes live.  Codes are SPEC.md's stable public names; severities
are defaults that a configuration may override per code (see ``config.Config.severity``).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

__all__ = ["CATALOGUE", "Code", "Entry", "Severity"]


class Severity(StrEnum):
    """How much a finding matters; ``error`` fails a CI run by default."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        """Higher is worse, for ``--fail-on`` thresholds and sorting."""
        return _RANKS[self]


_RANKS = {Severity.INFO: 0, Severity.WARNING: 1, Severity.ERROR: 2}
"""Each severity's :attr:`Severity.rank` (a dictionary made at each call was most of it)."""


class Code(StrEnum):
    """Stable public finding codes (SPEC.md)."""

    MISSING_URL = "missing-url"
    BROKEN = "broken"
    SOFT_404 = "soft-404"
    BLOCKED = "blocked"
    UNREACHABLE = "unreachable"
    REDIRECTED = "redirected"
    TITLE_MISMATCH = "title-mismatch"
    AUTHOR_MISMATCH = "author-mismatch"
    DATE_MISMATCH = "date-mismatch"
    DATE_NOT_STATED = "date-not-stated"
    PUBLISHER_MISMATCH = "publisher-mismatch"
    EMBED_UNAVAILABLE = "embed-unavailable"
    EMBED_AUTHOR_MISMATCH = "embed-author-mismatch"
    EMBED_TEXT_MISMATCH = "embed-text-mismatch"
    EMBED_DATE_MISMATCH = "embed-date-mismatch"
    EMBED_SECONDARY_SOURCE = "embed-secondary-source"
    QUOTE_NOT_FOUND = "quote-not-found"
    MALFORMED_URL = "malformed-url"
    POST_UNREADABLE = "post-unreadable"
    LISTING_UNREADABLE = "listing-unreadable"
    NOTHING_CHECKED = "nothing-checked"
    FILES_NOT_READ = "files-not-read"
    INTERNAL_ERROR = "internal-error"
    DECEPTIVE_URL = "deceptive-url"
    MISSING_ANCHOR = "missing-anchor"
    CITATIONS_CAPPED = "citations-capped"
    UNRESOLVED_WIKILINK = "unresolved-wikilink"


@dataclass(frozen=True, slots=True)
class Entry:
    """A catalogue row: the default severity, a one-line meaning for docs and rule lists, and
    the fix in a few words for one-line outputs (the terminal).

    The full fix, with its alternatives, is the code's **Fix:** paragraph in docs/findings.md,
    which contains these words; a finding's own ``suggestion`` (the corrected URL, the new
    address) is more specific and wins.
    """

    severity: Severity
    summary: str
    fix: str


_E, _W, _I = Severity.ERROR, Severity.WARNING, Severity.INFO

CATALOGUE: dict[Code, Entry] = {
    Code.MISSING_URL: Entry(
        _E,
        "An attribution names a source but gives no URL.",
        "add the original's URL to the attribution block",
    ),
    Code.BROKEN: Entry(
        _E,
        "The source is gone: 404/410, unknown host, refused, dead shortlink.",
        "find where the publisher moved the article and cite that URL",
    ),
    Code.SOFT_404: Entry(
        _E,
        "The source answers 200 but is really gone (home page, 'not found').",
        "cite the archived copy or the article's new address",
    ),
    Code.BLOCKED: Entry(
        _W,
        "The source exists but cannot be verified: 401/403/451, bot wall.",
        "open the link in a browser and check it by hand",
    ),
    Code.UNREACHABLE: Entry(
        _W,
        "Timeout, reset or 5xx after retries.",
        "run the check again later",
    ),
    Code.REDIRECTED: Entry(
        _I,
        "The source moved permanently; cite the new URL.",
        "replace the URL with the new one given in the suggestion",
    ),
    Code.TITLE_MISMATCH: Entry(
        _E,
        "The cited title is not the source's title.",
        "copy the title from the source page",
    ),
    Code.AUTHOR_MISMATCH: Entry(
        _W,
        "The cited author is not among the source's authors.",
        "use the byline shown on the source page",
    ),
    Code.DATE_MISMATCH: Entry(
        _W,
        "The cited date is not the source's publication date.",
        "use the publication date shown on the source page",
    ),
    Code.DATE_NOT_STATED: Entry(
        _I,
        "The source states no publication date, only its last edit; the date is unchecked.",
        "check the cited date against the page's history or its earliest archived copy",
    ),
    Code.PUBLISHER_MISMATCH: Entry(
        _W,
        "The publication named is not the site the URL is on.",
        "correct the publication name, or the URL if it points at another site",
    ),
    Code.EMBED_UNAVAILABLE: Entry(
        _E,
        "The embedded post is deleted, suspended or protected.",
        "replace the embed with a screenshot and the text, quoted, linking an archived copy",
    ),
    Code.EMBED_AUTHOR_MISMATCH: Entry(
        _E,
        "The account shown is not the account that posted.",
        "correct the handle shown in the embed, or re-embed the post from its real page",
    ),
    Code.EMBED_TEXT_MISMATCH: Entry(
        _W,
        "The text shown in the embed is not the post's text.",
        "re-embed the post so the shown text is the post's current text",
    ),
    Code.EMBED_DATE_MISMATCH: Entry(
        _W,
        "The date shown in the embed is not the post's date.",
        "re-embed the post, or correct the date shown",
    ),
    Code.EMBED_SECONDARY_SOURCE: Entry(
        _W,
        "The embed is from a mirror account, not the speaker.",
        "embed or link the original statement",
    ),
    Code.QUOTE_NOT_FOUND: Entry(
        _W,
        "Text presented as quoted is not in the source.",
        "copy the passage from the source as it stands, or link the page it really comes from",
    ),
    Code.MALFORMED_URL: Entry(
        _E,
        "A link that cannot work as written (htps://, no scheme).",
        # Shown only when the finding has no suggestion of its own (``http://``, no host): the
        # words may not point to one.
        "write the link out in full, https:// and host included, or remove it",
    ),
    Code.POST_UNREADABLE: Entry(
        _E,
        "A post discovery found could not be read (5xx, timeout).",
        "run again later",
    ),
    Code.LISTING_UNREADABLE: Entry(
        _E,
        "A sitemap, feed page or listing page could not be read; its posts were not found.",
        "run again later",
    ),
    Code.NOTHING_CHECKED: Entry(
        _E,
        "An input yielded no post, or the run checked no citation.",
        "check the input path or URL and the --include/--exclude/--since settings",
    ),
    Code.FILES_NOT_READ: Entry(
        _I,
        "Files in a folder input were not read: of no post's kind, or kept out by ignore rules.",
        "name a file as an input to read it; --no-ignore reads what ignore rules kept out",
    ),
    Code.INTERNAL_ERROR: Entry(
        _W,
        "Checking this raised an unexpected error; the run went on.",
        "report it so it can be fixed",
    ),
    Code.DECEPTIVE_URL: Entry(
        _W,
        "The URL hides bidi controls or a look-alike host.",
        "check where the link really goes",
    ),
    Code.MISSING_ANCHOR: Entry(
        _W,
        "The link's #fragment names no heading or id in the page (--include-fragments).",
        "link the section's current anchor, or drop the fragment",
    ),
    Code.CITATIONS_CAPPED: Entry(
        _W,
        "A post cites more than the cap; the rest were not checked.",
        "raise max_citations_per_post in the configuration",
    ),
    Code.UNRESOLVED_WIKILINK: Entry(
        _W,
        "A vault's wikilink names a note that is not there (Obsidian: a note not yet written).",
        "write the note, or correct the link's name; a placeholder left on purpose may stay",
    ),
}
