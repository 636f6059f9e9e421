"""Which cited URLs a run leaves alone: ``include``/``exclude`` regexes and the ignore file.

Some citations should never be fetched: a site that always walls bots, an intranet link, a
host the user has already given up on.  Like lychee's ``--include``/``--exclude`` and its
``.lycheeignore``, every pattern is a regular expression (lychee's, a Rust regex, read by
:func:`checker.url_regex.compile_url_regex`: what Python's ``re`` would read otherwise is
translated or refused) searched anywhere in the cited URL (case-sensitive unless the pattern
says ``(?i)``); the ignore file
(``.citecheckignore``) holds one such regex per line, with blank lines and ``#`` comment lines
allowed, and its patterns are excludes.

The decision follows lychee's:

- no patterns at all: every URL is checked;
- a URL matching an include pattern is checked, *even when an exclude pattern matches it too*
  (include wins);
- include patterns but no exclude patterns: a URL matching no include is skipped (an allow-list);
- otherwise a URL matching an exclude pattern is skipped.

A skipped citation is not fetched; it is reported with status ``skipped`` and a note naming the
pattern and where it came from.  A citation without a URL has nothing to match and is never skipped.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from checker.config import MAX_IGNORE_FILE_BYTES, Config, read_capped
from checker.errors import ConfigError
from checker.url_regex import UrlRegex, compile_url_regex

__all__ = ["UrlFilter", "UrlPattern", "read_ignore_file"]


@dataclass(frozen=True, slots=True)
class UrlPattern:
    """One compiled regex and where it was written (``--exclude``, ``.citecheckignore:3``)."""

    regex: UrlRegex
    origin: str

    @classmethod
    def compile(cls, text: str, origin: str) -> UrlPattern:
        """Compile ``text`` or raise a one-line ConfigError naming ``origin``."""
        return cls(compile_url_regex(text, f"{origin}:"), origin)

    def matches(self, url: str) -> bool:
        """Whether the regex is found anywhere in ``url``."""
        return self.regex.search(url)

    def describe(self) -> str:
        """The pattern and its origin, for a skipped citation's note."""
        return f"{self.regex.pattern!r} ({self.origin})"


@dataclass(frozen=True, slots=True)
class UrlFilter:
    """The run's include and exclude patterns; decides which cited URLs are skipped."""

    include: tuple[UrlPattern, ...] = ()
    exclude: tuple[UrlPattern, ...] = ()

    @classmethod
    def from_config(cls, config: Config) -> UrlFilter:
        """The filter ``config`` describes: its include/exclude keys plus its ignore file."""
        include = tuple(UrlPattern.compile(p, "include") for p in config.crawl.include)
        exclude = tuple(UrlPattern.compile(p, "exclude") for p in config.crawl.exclude)
        if config.crawl.ignore_file is not None:
            exclude += read_ignore_file(config.crawl.ignore_file)
        return cls(include, exclude)

    def skip_reason(self, url: str | None) -> str | None:
        """Why ``url`` is not checked, or ``None`` when it is (see the module docstring)."""
        if url is None or not (self.include or self.exclude):
            return None
        if any(p.matches(url) for p in self.include):
            return None
        if not self.exclude:
            return "skipped: matches no include pattern"
        for pattern in self.exclude:
            if pattern.matches(url):
                return f"skipped: excluded by pattern {pattern.describe()}"
        return None


def read_ignore_file(path: Path) -> tuple[UrlPattern, ...]:
    """The exclude patterns of an ignore file: one regex a line, ``#`` comments, blank lines."""
    try:
        text = read_capped(path, MAX_IGNORE_FILE_BYTES).decode("utf-8-sig")
    except (OSError, ValueError) as exc:
        raise ConfigError(f"ignore file {path} cannot be read: {exc}") from exc
    patterns = []
    for number, line in enumerate(text.splitlines(), start=1):
        pattern = line.strip()
        if pattern and not pattern.startswith("#"):
            patterns.append(UrlPattern.compile(pattern, f"{path.name}:{number}"))
    return tuple(patterns)
