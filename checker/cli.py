"""The command line: flags → Config → pipeline → reports → exit status.

Every run ends with one :class:`ExitCode`.  Errors of the run itself (bad input, bad config, an
unwritable report folder, a bad flag) are caught here, in one place, and printed as a single line
``citecheck: error: …`` with exit status 2: no traceback ever reaches a user or a CI log.  An
exception nobody expected (a bug) is exit status 3, one line naming a crash log that holds the
traceback: never 1, which CI reads as "findings".
"""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Callable, Sequence
from enum import IntEnum
from pathlib import Path
from typing import Any

import click

from checker.baseline import Baseline, read_baseline, write_baseline
from checker.config import DEFAULT_BASELINE_FILE, FORMAT_NAMES, Config, load_config
from checker.discover.exports import export_pages, looks_like_export
from checker.discover.kinds import page_kind
from checker.errors import CitecheckError, ConfigError, ReportError
from checker.executor import ExecutorFactory
from checker.fix import (
    Missed,
    Repair,
    Syntax,
    beyond_repair,
    edit_list_csv,
    edit_list_json,
    patch_bytes,
    plan_repairs,
    read_source,
    replace_atomically,
    rewrite,
    write_file,
)
from checker.model import CheckedCitation, PageKind, ProgressEvent, ProgressKind, Report, Status
from checker.pipeline import VERSION, CrashLog, check
from checker.redact import redact_text
from checker.report import (
    accounting_line,
    build_document,
    displayed,
    failing,
    failure_lines,
    github_annotations,
    others_line,
    report_name,
    skipped_lines,
    step_summary,
    write_reports,
)

__all__ = ["ExitCode", "TerminalProgress", "main", "status_line", "verbose_line"]


DEMO_FORMATS = FORMAT_NAMES


class ExitCode(IntEnum):
    """SPEC.md's exit statuses."""

    OK = 0
    FAILED = 1
    ERROR = 2
    INTERNAL = 3
    INTERRUPTED = 130


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(VERSION, prog_name="citecheck")
def cli() -> None:
    """Check that the sources a post cites still exist and still say what the post says."""


_OPTIONS: tuple[Callable[[Any], Any], ...] = (
    click.argument("inputs", nargs=-1, required=True, metavar="INPUT..."),
    click.option("--report-dir", type=click.Path(path_type=Path), help="Folder for the reports."),
    click.option("--format", "formats", help=f"Comma-separated: {','.join(FORMAT_NAMES)}."),
    click.option(
        "--connect-to",
        multiple=True,
        metavar="HOST1:PORT1:HOST2:PORT2",
        help="Connect to HOST2:PORT2 for HOST1:PORT1, keeping URL, Host and SNI (like curl).",
    ),
    click.option("--cacert", type=click.Path(path_type=Path), help="Trust only this CA (PEM)."),
    click.option("--timeout", type=float, help="Seconds to wait for a connection or a read."),
    click.option("--config", "config_file", type=click.Path(path_type=Path), help="TOML config."),
    click.option("--fail-on", help="error, warning, info, or finding codes that fail the run."),
    click.option("--store", type=click.Path(path_type=Path), help="SQLite file remembering runs."),
    click.option("--no-store", is_flag=True, help="Remember nothing across runs."),
    click.option("--ttl", type=float, help="Seconds a good result is reused without a request."),
    click.option(
        "--failure-ttl",
        type=float,
        help="Seconds a failed result is reused before the source is asked again (default 3600).",
    ),
    click.option(
        "--full", is_flag=True, help="Re-check every post and source now (same as --ttl 0)."
    ),
    click.option(
        "--allow-private", is_flag=True, help="Fetch hosts on private/local networks too."
    ),
    click.option(
        "--include-verbatim",
        is_flag=True,
        help="Also check links in code spans and code blocks (skipped by default, as in lychee).",
    ),
    click.option(
        "--crawl/--no-crawl",
        default=None,
        help="Find every post of a blog URL (feeds, sitemaps, pager) or check only that page.",
    ),
    click.option("--max-posts", type=int, help="Check at most this many posts."),
    click.option("--since", help="Only posts published on or after this date (YYYY-MM-DD)."),
    click.option("--label", help="Only posts with this label (Blogger/WordPress)."),
    click.option(
        "--include",
        multiple=True,
        metavar="REGEX",
        help="Check cited URLs matching REGEX even if excluded (include wins); with no "
        "excludes, check only URLs matching an include.",
    ),
    click.option(
        "--exclude",
        multiple=True,
        metavar="REGEX",
        help="Skip cited URLs matching REGEX (reported as skipped, never fetched).",
    ),
    click.option(
        "--ignore-file",
        type=click.Path(path_type=Path),
        help="File of exclude regexes, one a line, # comments (default: ./.citecheckignore).",
    ),
    click.option(
        "--baseline",
        type=click.Path(path_type=Path),
        help=(
            "Baseline file of recorded findings (default: ./citecheck-baseline.json, used when"
            " present); a file named here must exist for check."
        ),
    ),
    click.option(
        "--annotations/--no-annotations",
        "github",
        default=None,
        help="Print GitHub Actions ::error/::warning lines (default: on under GitHub Actions).",
    ),
    click.option(
        "--warc/--no-warc",
        default=None,
        help="Write every fetched response to REPORT_DIR/evidence.warc.gz (WARC evidence).",
    ),
    click.option(
        "--save/--no-save",
        default=None,
        help="Ask the Wayback Machine to capture live sources with no recent capture.",
    ),
    click.option("-q", "--quiet", is_flag=True, help="Print only the failing findings and errors."),
    click.option(
        "-v",
        "--verbose",
        is_flag=True,
        help="Add each finding's reason; print a line per checked citation.",
    ),
)


def _check_options(command: Callable[..., ExitCode]) -> Callable[..., ExitCode]:
    for option in reversed(_OPTIONS):
        command = option(command)
    return command


@cli.command("check")
@_check_options
@click.option("--no-baseline", is_flag=True, help="Fail on every finding, baselined or not.")
@click.option(
    "--cluster",
    metavar="local:N",
    help="Check on a Dask LocalCluster of N worker processes (pip install citecheck[dask]).",
)
@click.option(
    "--scheduler",
    metavar="tcp://HOST:PORT",
    default=None,
    help="Check on the workers of a running Dask scheduler (config: scheduler = ...).",
)
def check_command(
    inputs: tuple[str, ...], no_baseline: bool, cluster: str | None, **options: Any
) -> ExitCode:
    """Check every citation in INPUT (URLs, files, folders) and write the reports."""
    if no_baseline:
        options["baseline"] = False
    if cluster is not None and options["scheduler"] is not None:
        raise ConfigError("give --cluster or --scheduler, not both")
    config, terminal = _config(options)
    if cluster is None and config.cluster.scheduler is None:
        return run_and_report(inputs, config, **terminal)
    # Imported here: dask costs every local run its import time for nothing.
    from checker.dask_executor import local_cluster, on, scheduler_client  # noqa: PLC0415

    # --cluster (a flag) wins over a config file's scheduler.
    clients = local_cluster(cluster) if cluster is not None else scheduler_client(config)
    with clients as client:
        return run_and_report(inputs, config, executor=on(client), **terminal)


@cli.command("baseline")
@_check_options
def baseline_command(inputs: tuple[str, ...], **options: Any) -> ExitCode:
    """Check INPUT and record today's findings, so that later checks fail only on new ones."""
    config, terminal = _config(options)
    if config.report.baseline is None:
        raise ConfigError("baseline = false: give --baseline FILE to record a baseline in")
    return run_and_report(inputs, config, record_baseline=True, **terminal)


@cli.command("fix")
@_check_options
@click.option(
    "--write",
    "write_files",
    is_flag=True,
    help="Rewrite the files (atomically, keeping FILE.orig); default: print a diff.",
)
@click.option(
    "--patch",
    "patch_file",
    type=click.Path(path_type=Path),
    help="Write the changes to this file as a patch for git apply instead of printing them.",
)
def fix_command(
    inputs: tuple[str, ...], write_files: bool, patch_file: Path | None, **options: Any
) -> ExitCode:
    """Check INPUT, then point dead citations at their verified archived copies, moved ones at
    their new URLs: a diff by default, --write to apply, --patch FILE; remote blogs get an edit
    list (REPORT_DIR/fix-edits.csv, .json)."""
    if write_files and patch_file is not None:
        raise click.UsageError("give --write or --patch, not both")
    config, terminal = _config(options)
    display = TerminalProgress(verbose=terminal["verbose"], quiet=terminal["quiet"])
    try:
        report = check(inputs, config, progress=display, on_discovered=gc.freeze)
    finally:
        display.close()
    document = build_document(report, config=config)
    write_reports(document, report_dir=config.report.dir, formats=config.report.formats)
    repairs = plan_repairs(report)
    local = [r for r in repairs if _local_file(r.origin)]
    remote = [r for r in repairs if not _local_file(r.origin)]
    say = _fix_printer(quiet=terminal["quiet"])
    say(f"citecheck: {accounting_line(document)}")
    pending = _fix_local(local, write_files=write_files, patch_file=patch_file, say=say)
    if remote:
        pending += len(remote)
        _write_edit_list(remote, config.report.dir, say)
    if not repairs:
        say("citecheck fix: nothing to fix")
    dead = beyond_repair(report)
    if dead:
        say(
            f"citecheck fix: {dead} dead citation(s) have no verified archived copy to point "
            f"them at; see {config.report.dir}"
        )
    return ExitCode.FAILED if pending or _incomplete(report) else ExitCode.OK


def _fix_printer(*, quiet: bool) -> Callable[[str], None]:
    """Lines about the fix go to stderr: stdout holds the diff alone, ready for a pipe."""

    def say(line: str) -> None:
        if not quiet:
            click.echo(redact_text(line), err=True)

    return say


def _local_file(origin: str) -> bool:
    return "://" not in origin and Path(origin).is_file()


def _fix_local(
    repairs: Sequence[Repair],
    *,
    write_files: bool,
    patch_file: Path | None,
    say: Callable[[str], None],
) -> int:
    """Rewrite each file's citations; show, patch or write them; return how many are pending.

    Pending: changes shown or patched but not written, and repairs that could not be made.
    """
    by_file: dict[str, list[Repair]] = {}
    for repair in repairs:
        by_file.setdefault(repair.origin, []).append(repair)
    patch = bytearray()
    pending = changed = 0
    for origin, planned in by_file.items():
        source = read_source(Path(origin))
        if source.reason is not None:
            missed = [Missed(r, f"{origin} cannot be rewritten: {source.reason}") for r in planned]
            pending += _say_missed(missed, say)
            continue
        syntax = _fix_syntax(source.path, source.text)
        export = syntax is Syntax.EXPORT
        result = rewrite(source.text, syntax, planned)
        pending += _say_missed(result.missed, say, export=export)
        for repair in result.applied:
            say(
                f"citecheck fix: {_where(repair, export=export)}  {repair.old_url} -> "
                f"{repair.new_url}  ({_why(repair)})"
            )
        if result.text == source.text:
            continue
        changed += 1
        if write_files:
            backup = write_file(source, result.text)
            say(f"citecheck fix: wrote {origin} (original kept as {backup.name})")
        else:
            pending += len(result.applied)
            patch += patch_bytes(source, result.text, _patch_name(source.path))
    if patch_file is not None:
        replace_atomically(patch_file, bytes(patch))
        say(
            f"citecheck fix: {changed} file(s) to change: patch written to {patch_file} "
            f"(git apply {patch_file})"
        )
    elif patch:
        click.echo(bytes(patch), nl=False)
        say(f"citecheck fix: {changed} file(s) to change; run again with --write to apply")
    return pending


def _say_missed(
    missed: Sequence[Missed], say: Callable[[str], None], *, export: bool = False
) -> int:
    for item in missed:
        where = _where(item.repair, export=export)
        say(f"citecheck fix: {where}  {item.repair.old_url}  not fixed: {item.reason}")
    return len(missed)


def _where(repair: Repair, *, export: bool = False) -> str:
    """``FILE:LINE`` of a file's citation; an export's or a remote blog's names the post."""
    if export:
        return f"{repair.origin} ({repair.post_url})"
    if not _local_file(repair.origin) or repair.line is None:
        return repair.post_url
    return f"{repair.origin}:{repair.line}"


def _why(repair: Repair) -> str:
    if repair.archived:
        return f"{repair.why}; archived copy of {repair.version_date or 'unknown date'}"
    return f"{repair.why}; moved permanently"


def _fix_syntax(path: Path, text: str) -> Syntax:
    """How the file writes links, decided as discovery decides how to read it."""
    if looks_like_export(path, text[:1024]) and export_pages(text, str(path)) is not None:
        return Syntax.EXPORT
    kind = page_kind(path.name, text)
    return {PageKind.MARKDOWN: Syntax.MARKDOWN, PageKind.HTML: Syntax.HTML}.get(kind, Syntax.TEXT)


def _patch_name(path: Path) -> str:
    """The file's name in a patch: relative to the working folder, which ``git apply`` reads."""
    resolved = path.resolve()
    try:
        return resolved.relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def _write_edit_list(repairs: Sequence[Repair], folder: Path, say: Callable[[str], None]) -> None:
    """The edits of remote posts, beside the reports, for the author to make in the editor."""
    written = []
    for name, text in (
        ("fix-edits.csv", edit_list_csv(repairs)),
        ("fix-edits.json", edit_list_json(repairs)),
    ):
        replace_atomically(folder / name, text.encode("utf-8"))
        written.append(str(folder / name))
    say(
        f"citecheck fix: {len(repairs)} edit(s) in remote posts, to make in the blog's editor: "
        + ", ".join(written)
    )


def _incomplete(report: Report) -> bool:
    """Whether the run could not see everything, so "nothing left to fix" cannot be said."""
    return any(
        p.finding.code.value in ("nothing-checked", "post-unreadable") for p in report.problems
    )


def _config(options: dict[str, Any]) -> tuple[Config, dict[str, Any]]:
    """The run's Config from the shared options, and the terminal settings beside it."""
    terminal = {key: options.pop(key) for key in ("github", "quiet", "verbose")}
    config_file = options.pop("config_file")
    if options.pop("no_store"):
        options["store"] = False
    if options.pop("full"):
        options["ttl"] = 0.0
    for key in ("connect_to", "include", "exclude"):
        options[key] = list(options[key]) or None
    options["allow_private"] = options["allow_private"] or None
    options["include_verbatim"] = options["include_verbatim"] or None
    return load_config(config_file=config_file, overrides=options), terminal


@cli.command("demo")
@click.option(
    "--report-dir",
    type=click.Path(path_type=Path),
    default=Path("reports/demo"),
    show_default=True,
    help="Folder for the demo's reports.",
)
def demo_command(report_dir: Path) -> ExitCode:
    """Check the bundled sample blog against the bundled sample web, offline."""
    # Imported here: the sample web's TLS (trustme, cryptography) costs ~9 MB every `check` run
    # would carry for nothing.
    from checker.sampleweb import SampleWeb  # noqa: PLC0415
    from checker.sampleweb.demo_web import (  # noqa: PLC0415
        DEMO_BLOG_URL,
        DEMO_LIVE_POST_URL,
        DEMO_PLATFORMS_POST_URL,
        demo_web,
    )

    with SampleWeb(demo_web()) as web:
        click.echo(f"citecheck demo: sample web on 127.0.0.1 (https :{web.https_port})")
        # Built from the defaults, not load_config: the demo is the same run in any folder (the
        # folder's citecheck.toml, pyproject.toml, baseline and ignore file are not the sample
        # web's), and it remembers nothing (no store).
        config = Config().with_(
            report_dir=report_dir,
            formats=list(DEMO_FORMATS),
            connect_to=list(web.connect_to()),
            cacert=web.ca_path,
        )
        code = run_and_report([DEMO_BLOG_URL, DEMO_LIVE_POST_URL, DEMO_PLATFORMS_POST_URL], config)
    for line in DEMO_EXPLANATION:
        click.echo(f"citecheck demo: {line}")
    # The last word names the page to open: the run's own lines scroll away above the explanation.
    click.echo(f"citecheck demo: open {report_dir / report_name('html')} in a browser")
    return code


DEMO_EXPLANATION = (
    "the 'citecheck: N inputs, N posts, N citations: …' line accounts for everything the run "
    "was given: posts found, read and unreadable, citations checked, skipped (why) and not "
    "checked (why).",
    "an input that yields no post, a post that cannot be read and a run that checks nothing "
    "fail (nothing-checked, post-unreadable); a check that crashes is internal-error on that "
    "citation and the run goes on; a crash of the run itself is exit 3 with a crash log "
    "(docs/findings.md).",
)
"""What ``citecheck demo`` says after its run, so a new user learns to read the summary line."""


def run_and_report(
    inputs: Sequence[str],
    config: Config,
    *,
    github: bool | None = None,
    quiet: bool = False,
    verbose: bool = False,
    record_baseline: bool = False,
    executor: ExecutorFactory | None = None,
) -> ExitCode:
    """Run the pipeline, write every report, print a summary; return the exit status.

    Under GitHub Actions (``GITHUB_ACTIONS=true``) the Markdown summary is appended to
    ``$GITHUB_STEP_SUMMARY`` and findings are printed as workflow annotations, unless turned off.
    With a baseline file present, its findings are marked ``baselined`` and fail nothing;
    ``record_baseline`` (``citecheck baseline``) first writes today's findings into it.
    """
    baseline = None if record_baseline else _read_baseline(config)
    display = TerminalProgress(verbose=verbose, quiet=quiet)
    try:
        # The posts and citations found live to the end of the run: out of the collector's
        # sight, its full collections (event-loop stalls) stay short (bench/README.md).  The
        # process decides this, not the library: it lives only for this run.
        report = check(inputs, config, progress=display, on_discovered=gc.freeze, executor=executor)
    finally:
        display.close()
    if record_baseline and config.report.baseline is not None:
        baseline = write_baseline(config.report.baseline, report)
    covers = baseline.covers if baseline is not None else None
    document = build_document(report, config=config, baselined=covers)
    paths = write_reports(document, report_dir=config.report.dir, formats=config.report.formats)
    on_actions = os.environ.get("GITHUB_ACTIONS") == "true"
    if github if github is not None else on_actions:
        click.echo(github_annotations(document), nl=False)
    summary_file = os.environ.get("GITHUB_STEP_SUMMARY")
    if summary_file:
        _append(Path(summary_file), step_summary(document))
    for line in summary_lines(
        document,
        paths,
        quiet=quiet,
        verbose=verbose,
        baseline=_baseline_line(document, config, record_baseline)
        if baseline is not None
        else None,
    ):
        click.echo(line)
    return ExitCode.FAILED if failing(report, config, baselined=covers) else ExitCode.OK


def summary_lines(
    document: dict[str, Any],
    paths: Sequence[Path],
    *,
    quiet: bool = False,
    verbose: bool = False,
    baseline: str | None = None,
) -> list[str]:
    """What a run prints on stdout when it ends, from the same dictionary the reports render.

    The failing findings first (``--quiet`` prints only these), then the findings that do not
    fail the run, the accounting line, skipped citations by reason, the baseline, and the report
    to open (the HTML one when written, else the paths written).
    """
    more_in = str(_report_to_open(paths))
    lines = failure_lines(document, more_in=more_in, verbose=verbose)
    if quiet:
        return lines
    others = others_line(document, more_in=more_in)
    counts = ", ".join(
        f"{code}: {n}" for code, n in sorted(document["summary"]["findings"].items())
    )
    lines += [others] if others else []
    lines.append(f"citecheck: {accounting_line(document)}; findings: {counts or 'none'}")
    lines += skipped_lines(document)
    lines += [baseline] if baseline else []
    html = [p for p in paths if p.suffix == ".html"]
    if html:
        rest = ", ".join(p.name for p in paths if p not in html)
        lines.append(f"citecheck: open {html[0]}" + (f" (also written: {rest})" if rest else ""))
    elif paths:
        lines.append(f"citecheck: wrote {', '.join(str(p) for p in paths)}")
    return lines


def _report_to_open(paths: Sequence[Path]) -> Path | str:
    """The report a person should read for the rest: HTML, else Markdown, else the first."""
    for suffix in (".html", ".md"):
        for path in paths:
            if path.suffix == suffix:
                return path
    return paths[0] if paths else "the reports"


def _baseline_line(document: dict[str, Any], config: Config, recorded: bool) -> str | None:
    if config.report.baseline is None:
        return None
    verb = "recorded" if recorded else "baseline"
    return (
        f"citecheck: {verb} {config.report.baseline}: "
        f"{document['summary']['baselined']} known finding(s) do not fail the run"
    )


def _read_baseline(config: Config) -> Baseline | None:
    """The run's baseline; only the default file in the working folder may be absent."""
    if config.report.baseline is None:
        return None
    named = config.report.baseline.resolve() != (Path.cwd() / DEFAULT_BASELINE_FILE).resolve()
    return read_baseline(config.report.baseline, required=named)


class TerminalProgress:
    """Renders the pipeline's progress events on stderr.

    On a terminal, one status line redrawn in place (posts, citations checked/total, the host
    with the longest queue).  Elsewhere (CI logs, pipes) nothing is redrawn: ``verbose`` prints
    plain lines, one once the work is known and one per checked citation as it finishes (on a
    terminal too, above the status line).  ``quiet`` prints nothing.
    """

    def __init__(self, *, verbose: bool = False, quiet: bool = False) -> None:
        self.verbose = verbose and not quiet
        self.quiet = quiet
        self.live = not quiet and sys.stderr.isatty()
        self._drawn = False

    def __call__(self, event: ProgressEvent) -> None:
        if self.quiet:
            return
        if event.kind is ProgressKind.CHECKED and self.verbose and event.citation is not None:
            self._clear()
            click.echo(verbose_line(event.citation), err=True)
        if self.live:
            click.echo("\r" + status_line(event) + "\x1b[K", nl=False, err=True)
            self._drawn = True
        elif event.kind is ProgressKind.DISCOVERED and self.verbose:
            click.echo(status_line(event), err=True)

    def close(self) -> None:
        """Remove the status line so the summary starts on a clean line."""
        self._clear()

    def _clear(self) -> None:
        if self._drawn:
            click.echo("\r\x1b[K", nl=False, err=True)
            self._drawn = False


def status_line(event: ProgressEvent) -> str:
    """``citecheck: 5 posts, 12/40 citations checked; busiest host example.com (9 waiting)``."""
    line = f"citecheck: {event.posts} posts, {event.checked}/{event.total} citations checked"
    if event.busiest_host:
        line += f"; busiest host {event.busiest_host} ({event.busiest_queue} waiting)"
    return line


def verbose_line(checked: CheckedCitation) -> str:
    """``broken     https://… broken,soft-404``: status, URL (or cited title), finding codes.

    Shown as the reports show it (``report.document.displayed``): secrets redacted, invisible
    characters revealed, nothing a terminal's encoder refuses.
    """
    citation = checked.citation
    if citation.url:
        target = displayed(citation.url, url=True)
    else:
        target = f"[{citation.kind.value}] {displayed(citation.cited.title or '(no URL)')}"
    codes = ",".join(f.code.value for f in checked.findings)
    line = f"{checked.status.value:<11} {target}"
    if codes:
        line += f" {codes}"
    if checked.status is Status.SKIPPED and checked.note:
        line += f" ({displayed(checked.note)})"
    return line


def _append(path: Path, text: str) -> None:
    try:
        with path.open("a", encoding="utf-8") as handle:
            handle.write(text)
    except OSError as exc:
        raise ReportError(f"cannot append to $GITHUB_STEP_SUMMARY {path}: {exc}") from exc


def main(argv: Sequence[str] | None = None) -> int:
    """Console entry point; never lets a traceback out for a usage or run error."""
    # Everything imported so far lives as long as the process: moving it out of the collector's
    # sight makes each full collection of a big run cheaper (they stall the event loop; about 5 s
    # of a 20,000-URL run, bench/README.md).
    gc.freeze()
    try:
        result = cli.main(args=list(argv) if argv is not None else None, standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("citecheck: interrupted", err=True)
        return ExitCode.INTERRUPTED
    except click.ClickException as exc:
        click.echo(f"citecheck: error: {_one_line(exc.format_message())}", err=True)
        return ExitCode.ERROR
    except CitecheckError as exc:
        click.echo(f"citecheck: error: {_one_line(str(exc))}", err=True)
        return ExitCode.ERROR
    except KeyboardInterrupt:
        click.echo("citecheck: interrupted", err=True)
        return ExitCode.INTERRUPTED
    except Exception as exc:  # a bug: one line and the crash log, never a traceback, never 1
        return _internal_error(exc)
    return int(result) if isinstance(result, int) else ExitCode.OK


def _internal_error(exc: Exception) -> ExitCode:
    """Print ``citecheck: internal error: …`` with the crash log's path; exit status 3."""
    log = CrashLog().record(exc, "the run")
    where = f"crash log: {log}" if log is not None else "no crash log could be written"
    message = _one_line(str(exc))[:200]
    what = f"{type(exc).__name__}: {message}" if message else type(exc).__name__
    click.echo(f"citecheck: internal error: {redact_text(what)} ({where})", err=True)
    return ExitCode.INTERNAL


def _one_line(text: str) -> str:
    return " ".join(text.split())


if __name__ == "__main__":
    sys.exit(main())
