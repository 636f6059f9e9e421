"""The command line: flags → Config → pipeline → reports → exit status.

Every run ends with one :class:`ExitCode`.  Errors of the run itself (bad input, bad config, an
unwritable report folder, a bad flag) are caught here, in one place, and printed as a single line
``citecheck: error: …`` with exit status 2: no traceback ever reaches a user or a CI log.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from enum import IntEnum
from pathlib import Path
from typing import Any

import click

from checker.config import FORMAT_NAMES, Config, load_config
from checker.errors import CitecheckError, ReportError
from checker.pipeline import VERSION, check
from checker.report import (
    build_document,
    failing,
    github_annotations,
    step_summary,
    write_reports,
)
from checker.sampleweb import SampleWeb
from checker.sampleweb.demo_web import (
    DEMO_BLOG_URL,
    DEMO_LIVE_POST_URL,
    DEMO_PLATFORMS_POST_URL,
    demo_web,
)

__all__ = ["ExitCode", "main"]


DEMO_FORMATS = FORMAT_NAMES


class ExitCode(IntEnum):
    """SPEC.md's exit statuses."""

    OK = 0
    FAILED = 1
    ERROR = 2
    INTERRUPTED = 130


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(VERSION, prog_name="citecheck")
def cli() -> None:
    """Check that the sources a post cites still exist and still say what the post says."""


@cli.command("check")
@click.argument("inputs", nargs=-1, required=True, metavar="INPUT...")
@click.option("--report-dir", type=click.Path(path_type=Path), help="Folder for the reports.")
@click.option("--format", "formats", help=f"Comma-separated: {','.join(FORMAT_NAMES)}.")
@click.option(
    "--connect-to",
    multiple=True,
    metavar="HOST1:PORT1:HOST2:PORT2",
    help="Connect to HOST2:PORT2 for HOST1:PORT1, keeping URL, Host and SNI (like curl).",
)
@click.option("--cacert", type=click.Path(path_type=Path), help="Trust only this CA (PEM).")
@click.option("--timeout", type=float, help="Seconds to wait for a connection or a read.")
@click.option("--config", "config_file", type=click.Path(path_type=Path), help="TOML config.")
@click.option("--fail-on", help="error, warning, info, or finding codes that fail the run.")
@click.option("--store", type=click.Path(path_type=Path), help="SQLite file remembering runs.")
@click.option("--no-store", is_flag=True, help="Remember nothing across runs.")
@click.option("--ttl", type=float, help="Seconds a good result is reused without a request.")
@click.option("--allow-private", is_flag=True, help="Fetch hosts on private/local networks too.")
@click.option(
    "--crawl/--no-crawl",
    default=None,
    help="Find every post of a blog URL (feeds, sitemaps, pager) or check only that page.",
)
@click.option("--max-posts", type=int, help="Check at most this many posts.")
@click.option("--since", help="Only posts published on or after this date (YYYY-MM-DD).")
@click.option("--label", help="Only posts with this label (Blogger/WordPress).")
@click.option(
    "--annotations/--no-annotations",
    "github",
    default=None,
    help="Print GitHub Actions ::error/::warning lines (default: on under GitHub Actions).",
)
@click.option("-q", "--quiet", is_flag=True, help="Print nothing but errors.")
def check_command(
    inputs: tuple[str, ...],
    report_dir: Path | None,
    formats: str | None,
    connect_to: tuple[str, ...],
    cacert: Path | None,
    timeout: float | None,
    config_file: Path | None,
    fail_on: str | None,
    store: Path | None,
    no_store: bool,
    ttl: float | None,
    allow_private: bool,
    crawl: bool | None,
    max_posts: int | None,
    since: str | None,
    label: str | None,
    github: bool | None,
    quiet: bool,
) -> ExitCode:
    """Check every citation in INPUT (URLs, files, folders) and write the reports."""
    overrides: dict[str, Any] = {
        "report_dir": report_dir,
        "formats": formats,
        "connect_to": list(connect_to) or None,
        "cacert": cacert,
        "timeout": timeout,
        "fail_on": fail_on,
        "store": False if no_store else store,
        "ttl": ttl,
        "allow_private": allow_private or None,
        "crawl": crawl,
        "max_posts": max_posts,
        "since": since,
        "label": label,
    }
    config = load_config(config_file=config_file, overrides=overrides)
    return run_and_report(inputs, config, github=github, quiet=quiet)


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
    with SampleWeb(demo_web()) as web:
        click.echo(f"citecheck demo: sample web on 127.0.0.1 (https :{web.https_port})")
        config = load_config(
            overrides={
                "report_dir": report_dir,
                "formats": list(DEMO_FORMATS),
                "connect_to": list(web.connect_to()),
                "cacert": web.ca_path,
                "store": False,  # the sample web is not the user's web: remember nothing
            }
        )
        return run_and_report([DEMO_BLOG_URL, DEMO_LIVE_POST_URL, DEMO_PLATFORMS_POST_URL], config)


def run_and_report(
    inputs: Sequence[str], config: Config, *, github: bool | None = None, quiet: bool = False
) -> ExitCode:
    """Run the pipeline, write every report, print a summary; return the exit status.

    Under GitHub Actions (``GITHUB_ACTIONS=true``) the Markdown summary is appended to
    ``$GITHUB_STEP_SUMMARY`` and findings are printed as workflow annotations, unless turned off.
    """
    report = check(inputs, config)
    document = build_document(report, config=config)
    paths = write_reports(document, report_dir=config.report_dir, formats=config.formats)
    on_actions = os.environ.get("GITHUB_ACTIONS") == "true"
    if github if github is not None else on_actions:
        click.echo(github_annotations(document), nl=False)
    summary_file = os.environ.get("GITHUB_STEP_SUMMARY")
    if summary_file:
        _append(Path(summary_file), step_summary(document))
    if not quiet:
        summary = document["summary"]
        counts = ", ".join(f"{code}: {n}" for code, n in sorted(summary["findings"].items()))
        click.echo(
            f"citecheck: {summary['documents']} posts, {summary['citations']} citations; "
            f"findings: {counts or 'none'}"
        )
        for path in paths:
            click.echo(f"citecheck: wrote {path}")
    return ExitCode.FAILED if failing(report, config) else ExitCode.OK


def _append(path: Path, text: str) -> None:
    try:
        with path.open("a", encoding="utf-8") as handle:
            handle.write(text)
    except OSError as exc:
        raise ReportError(f"cannot append to $GITHUB_STEP_SUMMARY {path}: {exc}") from exc


def main(argv: Sequence[str] | None = None) -> int:
    """Console entry point; never lets a traceback out for a usage or run error."""
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
    return int(result) if isinstance(result, int) else ExitCode.OK


def _one_line(text: str) -> str:
    return " ".join(text.split())


if __name__ == "__main__":
    sys.exit(main())
