"""The run's progress on stderr, from the pipeline's progress events (issue 17).

Two faces, one state (:class:`Progress`):

- on a terminal, a live panel drawn by rich and redrawn in place a few times a second: posts
  found, citations checked of those known, the rate, the time left once every post is found,
  and the host with the most requests waiting or in flight (the fetcher's count, live as
  requests finish);
- anywhere else (CI logs, pipes, ``TERM=dumb``, a CI job's terminal), nothing is ever
  redrawn: plain lines, one when discovery ends, one every ``every`` seconds while checking,
  and one when the checking is done.
  A run over within ``every`` seconds prints none (``verbose`` prints them at once): a quick
  run's log, and a bad input's one-line error, stay free of progress noise.

``verbose`` adds a line per checked citation (above the panel on a terminal); ``quiet`` prints
nothing at all (the CLI still prints the failures).  Every text shown is data, never markup:
rich draws :class:`~rich.text.Text` objects built here, and URLs go through ``displayed``.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import IO, TYPE_CHECKING

from checker.model import CheckedCitation, ProgressEvent, ProgressKind, Status
from checker.report._common import one_line, visible
from checker.report.document import displayed

if TYPE_CHECKING:
    from rich.live import Live
    from rich.text import Text

__all__ = ["PLAIN_EVERY", "Progress", "TerminalProgress", "plain_line", "verbose_line"]

PLAIN_EVERY = 10.0
"""Seconds between two plain progress lines in a log: often enough to show a run is alive,
rarely enough that a long run's log stays readable."""


@dataclass(frozen=True, slots=True)
class Progress:
    """What a progress display shows, worked out from the last event and the time."""

    posts: int
    checked: int
    total: int
    final: bool
    """Every post is found: ``total`` will not grow."""
    elapsed: float
    busiest_host: str | None
    busiest_queue: int

    @property
    def rate(self) -> float | None:
        """Citations checked a second so far (None before the first second or citation)."""
        if self.checked == 0 or self.elapsed < 1.0:
            return None
        return self.checked / self.elapsed

    @property
    def eta(self) -> float | None:
        """Seconds left at the rate so far; None until every post is found and a rate is known."""
        rate = self.rate
        if not self.final or rate is None:
            return None
        return max(0, self.total - self.checked) / rate

    @classmethod
    def of(cls, event: ProgressEvent, elapsed: float) -> Progress:
        return cls(
            event.posts,
            event.checked,
            event.total,
            event.discovery_ended,
            elapsed,
            event.busiest_host,
            event.busiest_queue,
        )


def plain_line(progress: Progress) -> str:
    """``citecheck: 5 posts, 12/40 citations checked, 4.0/s, about 7 s left; busiest host
    example.com (9 queued)``: one line of a log, the same fields the terminal panel shows."""
    line = (
        f"citecheck: {progress.posts} posts, {progress.checked}/{progress.total} citations checked"
    )
    if not progress.final:
        line += " (discovery goes on)"
    if progress.rate is not None:
        line += f", {progress.rate:.1f}/s"
    if progress.eta is not None and progress.checked < progress.total:
        line += f", about {_duration(progress.eta)} left"
    if progress.busiest_host:
        line += (
            f"; busiest host {displayed(progress.busiest_host)} ({progress.busiest_queue} queued)"
        )
    return line


def done_line(progress: Progress) -> str:
    """``citecheck: 40/40 citations checked in 10 s (4.0/s)``: the plain log's last line."""
    line = f"citecheck: {progress.checked}/{progress.total} citations checked in " + _duration(
        progress.elapsed
    )
    if progress.rate is not None:
        line += f" ({progress.rate:.1f}/s)"
    return line


def panel(progress: Progress) -> Text:
    """The terminal's live lines (rich Text: what a server sent is never read as markup)."""
    from rich.text import Text  # noqa: PLC0415 (rich only for a terminal: see TerminalProgress)

    text = Text()
    text.append("posts found ", style="dim")
    text.append(str(progress.posts), style="bold")
    text.append("   citations checked ", style="dim")
    text.append(f"{progress.checked}/{progress.total}", style="bold")
    if progress.total:
        text.append(f" ({100 * progress.checked // progress.total}%)")
    if not progress.final:
        text.append("  discovery goes on", style="dim")
    text.append("\n")
    text.append("rate ", style="dim")
    text.append(f"{progress.rate:.1f}/s" if progress.rate is not None else "-")
    text.append("   time left ", style="dim")
    eta = progress.eta
    text.append(_duration(eta) if eta is not None else "-")
    text.append("   elapsed ", style="dim")
    text.append(_duration(progress.elapsed))
    if progress.busiest_host:
        text.append("\nbusiest host ", style="dim")
        text.append(displayed(progress.busiest_host), style="cyan")
        text.append(f"  {progress.busiest_queue} queued")
    return text


class TerminalProgress:
    """The progress callback the CLI hands the pipeline; :meth:`close` when the run ends.

    ``stream`` (default stderr) decides the face: a terminal gets the rich panel, anything else
    plain lines.  ``clock`` is injectable so the plain lines can be tested without waiting.
    """

    def __init__(
        self,
        *,
        verbose: bool = False,
        quiet: bool = False,
        stream: IO[str] | None = None,
        clock: Callable[[], float] = time.monotonic,
        every: float = PLAIN_EVERY,
    ) -> None:
        self.quiet = quiet
        self.verbose = verbose and not quiet
        self._stream = stream if stream is not None else sys.stderr
        self._clock = clock
        self._every = every
        self._started = clock()
        self._last: ProgressEvent | None = None
        self._printed_at: float | None = None
        self._live: Live | None = None
        self.live = not quiet and _is_terminal(self._stream)
        if self.live:  # rich is imported only here: a log or a CI run never loads it (issue 19)
            from rich.console import Console  # noqa: PLC0415
            from rich.live import Live  # noqa: PLC0415

            console = Console(file=self._stream, highlight=False, markup=False, emoji=False)
            self._live = Live(
                _Panel(self),
                console=console,
                refresh_per_second=4,
                transient=True,
                redirect_stdout=False,
                redirect_stderr=False,
            )
            self._live.start()

    def __call__(self, event: ProgressEvent) -> None:
        if self.quiet:
            return
        self._last = event
        if event.kind is ProgressKind.CHECKED and self.verbose and event.citation is not None:
            self._say(verbose_line(event.citation))
        if self._live is not None:
            return  # the panel redraws itself from the last event
        now = self._clock()
        if not (self.verbose or now - self._started >= self._every):
            return  # a quick run prints no progress
        due = self._printed_at is None or now - self._printed_at >= self._every
        if event.kind is ProgressKind.DISCOVERY_ENDED or (event.checked and due):
            self._say(plain_line(self.progress()))
            self._printed_at = now

    def progress(self) -> Progress:
        """The display's state now (an empty run's until the first event)."""
        event = self._last or ProgressEvent(ProgressKind.DISCOVERED, 0, 0, 0)
        return Progress.of(event, self._clock() - self._started)

    def close(self) -> None:
        """Take the panel away (the summary starts on a clean line), or end the log's lines."""
        if self._live is not None:
            self._live.stop()
            self._live = None
        elif self._printed_at is not None:  # the log showed progress: say how it ended, once
            self._printed_at = None  # an interrupted run closes the display twice
            self._say(done_line(self.progress()))

    def _say(self, line: str) -> None:
        if self._live is not None:
            from rich.text import Text  # noqa: PLC0415 (see __init__)

            self._live.console.print(Text(line), soft_wrap=True)
        else:
            self._stream.write(line + "\n")
            self._stream.flush()


class _Panel:
    """The live panel's renderable: rich asks it for its lines at each refresh."""

    def __init__(self, display: TerminalProgress) -> None:
        self._display = display

    def __rich__(self) -> Text:
        return panel(self._display.progress())


def _is_terminal(stream: IO[str]) -> bool:
    """Whether redrawing in place works: a terminal that is not ``TERM=dumb``, nor a CI job's.

    A CI job may run on a pseudo-terminal (Buildkite's default, ``docker run -t``, ``script``)
    whose log keeps every redraw: the panel wrote ~1 KB of escape codes a second into it, for
    the whole run.  ``CI`` is set there (GitHub Actions, GitLab, Buildkite, CircleCI, Travis
    set ``CI=true``), and such a log gets the plain lines (probe 33).
    """
    try:
        return stream.isatty() and os.environ.get("TERM") != "dumb" and not _in_ci()
    except (AttributeError, ValueError):  # closed or a stand-in without isatty
        return False


def _in_ci() -> bool:
    """Whether ``CI`` says this runs in a CI job (``CI=false``, ``0`` or empty: it does not)."""
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


def _duration(seconds: float) -> str:
    """``7 s``, ``3 min 5 s``, ``2 h 4 min``: a person's reading of a duration."""
    whole = round(seconds)
    if whole < 60:
        return f"{whole} s"
    if whole < 3600:
        return f"{whole // 60} min {whole % 60} s"
    return f"{whole // 3600} h {whole % 3600 // 60} min"


def verbose_line(checked: CheckedCitation) -> str:
    """``broken     https://… broken,soft-404``: status, URL (or cited title), finding codes.

    Shown as the reports show it (``report.document.displayed``): secrets redacted, invisible
    characters revealed, nothing a terminal's encoder refuses; and as the terminal's other
    lines are (``_common.visible``, one line): a cited URL's ``ESC ]0;…`` retitled the
    terminal the ``-v`` line was printed to (probe 28).
    """
    citation = checked.citation
    if citation.url:
        target = displayed(citation.url, url=True)
    else:
        title = one_line(displayed(citation.cited.title or "(no URL)"))
        target = f"[{citation.kind.value}] {title}"
    codes = ",".join(f.code.value for f in checked.findings)
    line = f"{checked.status.value:<11} {target}"
    if codes:
        line += f" {codes}"
    if checked.status is Status.SKIPPED and checked.note:
        line += f" ({one_line(displayed(checked.note))})"
    return visible(line)
