"""The command line: flags → Config → pipeline → reports → exit status.

Every run ends with one :class:`ExitCode`.  Errors of the run itself (bad input, bad config, an
unwritable report folder, a bad flag) are caught here, in one place, and printed as a single line
``citecheck: error: …`` with exit status 2: no traceback ever reaches a user or a CI log.  An
exception nobody expected (a bug) is exit status 3, one line naming a crash log that holds the
traceback: never 1, which CI reads as "findings".
"""

from __future__ import annotations

import dataclasses
import gc
import os
import re
import signal
import sys
import tempfile
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import ExitStack, contextmanager
from datetime import date
from enum import IntEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from checker.atomic import replace_atomically
from checker.baseline import Baseline, read_baseline, write_baseline
from checker.config import (
    DEFAULT_BASELINE_FILE,
    FORMAT_NAMES,
    KEYS,
    Config,
    Key,
    flag_name,
    key_default,
    load_config,
)
from checker.discover.exports import export_pages, looks_like_export
from checker.discover.kinds import entry_of, page_kind
from checker.errors import CitecheckError, ConfigError, InputError, ReportError
from checker.executor import ExecutorFactory, Job, Sink, Verdict
from checker.fetch.store import unwritable
from checker.files_from import STANDARD_INPUT, listed_inputs
from checker.findings import Code, Severity
from checker.interrupts import BEFORE_THE_RUN, keeping_swallowed, raise_swallowed
from checker.lazyre import lazy
from checker.model import (
    CheckedCitation,
    Finding,
    PageKind,
    Problem,
    Report,
    Status,
)
from checker.pipeline import VERSION, CrashLog, StoppedRun, check
from checker.redact import redact_text
from checker.report import (
    FAILURES_SHOWN,
    FORMATS,
    accounting_line,
    build_document,
    displayed,
    failing,
    fails_run,
    failure_lines,
    github_annotations,
    others_line,
    report_name,
    skipped_lines,
    step_summary,
    write_report,
    write_reports,
)
from checker.report._common import file_path, visible
from checker.report.document import Baselined
from checker.report.progress import TerminalProgress
from checker.report.signature import is_report
from checker.report.write import APART, check_evidence, write_error
from checker.run import Interrupted, Run, Stops, interrupted, stops
from checker.sharing import leftover_shards, process_count
from checker.urls import read_suffix_list

if TYPE_CHECKING:
    from checker.fix import Missed, Repair, Syntax

__all__ = ["ExitCode", "main"]


DEMO_FORMATS = FORMAT_NAMES


class ExitCode(IntEnum):
    """SPEC.md's exit statuses."""

    OK = 0
    FAILED = 1
    ERROR = 2
    INTERNAL = 3
    INTERRUPTED = 130


CHECK_EPILOG = """\b
Examples:
  citecheck check https://NAME.blogspot.com/ --max-posts 50 --format html
  citecheck check posts/ --exclude-path drafts/ -H "Authorization: Bearer $TOKEN"
  curl -s https://example.com/urls.txt | citecheck check - --accept 200..=299,429

\b
Exit status: 0 no failing finding; 1 failing findings; 2 bad usage or
unreadable input (one line); 3 internal error (one line and a crash log);
130 interrupted (143 by SIGTERM).  Settings: ~/.config/citecheck/config.toml <
pyproject.toml [tool.citecheck] < citecheck.toml < --config FILE < flags.
"""
"""``--help``'s examples and exit statuses, for ``citecheck`` and ``citecheck check``."""


class _Command(click.Command):
    """A command that keeps its arguments as typed (``ctx.meta``), so that an error about a
    flag given by an alias names the alias the user typed (:func:`_spelled`)."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        ctx.meta[_TYPED] = tuple(args)
        return super().parse_args(ctx, args)


_TYPED = "citecheck.typed_args"

F = TypeVar("F", bound=Callable[..., Any])


def _spelled(args: Sequence[str]) -> dict[str, str]:
    """Each configuration key given by one of its aliases: the key and the alias as typed
    (the last of its names given wins, as the last value does)."""
    names = {
        spelling: key
        for key, spec in KEYS.items()
        for spelling in (flag_name(key), *spec.aliases)
        if spec.aliases
    }
    found: dict[str, str] = {}
    for arg in args:
        if arg == "--":
            break
        typed = arg.split("=", 1)[0] if arg.startswith("--") else arg[:2]
        if typed in names:
            found[names[typed]] = typed
    return {key: typed for key, typed in found.items() if typed != flag_name(key)}


class _Stopped(Exception):  # noqa: N818 (not an error: the user stopped the run)
    """A Ctrl-C or SIGTERM carried past click (its ``__cause__`` is the interrupt): click meets
    a ``KeyboardInterrupt`` by printing an empty line on stderr before its ``Abort``, and the
    run's one line ("citecheck: interrupted …") came after a blank one."""


class _Group(click.Group):
    """The command group; an interrupt leaves it as :class:`_Stopped`, for :func:`main`.

    A command other than ``check`` is made when it is first asked for (:func:`_when_asked`):
    ``baseline`` and ``fix`` have an option for every setting, as ``check`` has, and making
    their ~130 options was ~8 M instructions of every run's start (issue 19, session 37).
    """

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except KeyboardInterrupt as exc:
            raise _Stopped from exc

    def get_command(self, ctx: click.Context | None, cmd_name: str) -> click.Command | None:
        make = _UNMADE.pop(cmd_name, None)
        if make is not None:
            make()  # its ``cli.command`` decorator adds it to the group
        return self.commands.get(cmd_name)

    def list_commands(self, ctx: click.Context | None) -> list[str]:
        return sorted({*self.commands, *_UNMADE})

    def resolve_command(
        self, ctx: click.Context, args: list[str]
    ) -> tuple[str | None, click.Command | None, list[str]]:
        """click's, whose "did you mean" also names the commands not made yet."""
        try:
            return super().resolve_command(ctx, args)
        except click.exceptions.NoSuchCommand as exc:
            raise click.exceptions.NoSuchCommand(
                exc.command_name, possibilities=self.list_commands(ctx), ctx=ctx
            ) from None


_UNMADE: dict[str, Callable[[], object]] = {}
"""The commands not made yet, by name: each made by :meth:`_Group.get_command` on first ask."""


def _when_asked(
    name: str, decorators: Callable[[], tuple[Callable[[Any], Any], ...]]
) -> Callable[[F], F]:
    """Decorate a command's function with what ``decorators`` gives (outermost first, as if
    written above it) only when the group is first asked for the command ``name``; the function
    stays as it is until then (its command: :func:`command`).  The decorators themselves are
    made then too: a ``click.Path`` asks ``gettext`` for its name, ~60 µs of file lookups each."""

    def keep(function: F) -> F:
        def make() -> object:
            made: Any = function
            for decorator in reversed(decorators()):
                made = decorator(made)
            return made

        _UNMADE[name] = make
        return function

    return keep


def command(name: str) -> click.Command:
    """The command ``name`` of the group, made now if it was not yet."""
    made = cli.get_command(None, name)
    if made is None:
        raise KeyError(name)
    return made


@click.group(
    cls=_Group, context_settings={"help_option_names": ["-h", "--help"]}, epilog=CHECK_EPILOG
)
@click.version_option(VERSION, prog_name="citecheck")
def cli() -> None:
    """Check that the sources a post cites still exist and still say what the post says."""


_OPTIONS: tuple[Callable[[Any], Any], ...] = (
    click.argument("inputs", nargs=-1, metavar="INPUT..."),
    click.option(
        "--files-from",
        metavar="FILE",
        help="Check the inputs FILE lists too, one a line (- for standard input; # comments).",
    ),
    click.option(
        "--config",
        "config_file",
        type=click.Path(path_type=Path),
        help="TOML file of settings (keys as the flags: max_posts for --max-posts).",
    ),
    click.option("--no-store", is_flag=True, help="Remember nothing across runs."),
    click.option(
        "--full", is_flag=True, help="Re-check every post and source now (same as --ttl 0)."
    ),
    click.option(
        "--annotations/--no-annotations",
        "github",
        default=None,
        help="Print GitHub Actions ::error/::warning lines (default: on under GitHub Actions).",
    ),
    click.option(
        "-o",
        "--output",
        type=click.Path(path_type=Path, dir_okay=False, allow_dash=True),
        help="Write the one --format report (default json) to FILE, - for stdout, instead of "
        "the report folder.",
    ),
    click.option("-q", "--quiet", is_flag=True, help="Print only the failing findings and errors."),
    click.option(
        "-v",
        "--verbose",
        is_flag=True,
        help="Add each finding's reason; print a line per checked citation.",
    ),
)
"""The options every checking command shares that are no configuration key; each key's flag is
made from :data:`checker.config.KEYS` by :func:`_key_options`."""


def _given_inputs(inputs: tuple[str, ...], files_from: str | None) -> tuple[str, ...]:
    """The arguments, then the inputs ``--files-from`` lists (:mod:`checker.files_from`).

    At least one input is needed, as without the flag: a list that names none, with no
    argument beside it, is an error (exit 2), never a run that passes on nothing.
    """
    if files_from is None:
        if not inputs:
            raise click.UsageError("Missing argument 'INPUT...'.")
        return inputs
    if files_from == STANDARD_INPUT and STANDARD_INPUT in inputs:
        raise click.UsageError("--files-from - and the input - both read standard input")
    listed = listed_inputs(files_from)
    if not inputs and not listed:
        raise InputError(f"--files-from {files_from}: lists no input")
    return (*inputs, *listed)


def _check_options(command: Callable[..., ExitCode]) -> Callable[..., ExitCode]:
    for option in reversed(_OPTIONS):
        command = option(command)
    return command


def _key_options(*, without: tuple[str, ...] = ()) -> Callable[[Callable[..., Any]], Any]:
    """Add a flag for every configuration key the command has no option for yet, and show
    each key's default in ``--help``.

    Put it right under ``@cli.command``: it sees the options written by hand below it (a key
    with one keeps it) and makes the others from :data:`KEYS`, the one table of settings, so a
    new key is a new flag.  ``without`` names keys a command has no use for.
    """

    def decorate(command: Callable[..., Any]) -> Any:
        taken = {param.name for param in getattr(command, "__click_params__", [])}
        for name in reversed(KEYS):
            if name not in taken and name not in without:
                command = _key_option(name, KEYS[name])(command)
        for param in getattr(command, "__click_params__", []):
            if isinstance(param, click.Option) and param.name in KEYS:
                param.help = _with_default(param.name, param.help or "")
        return command

    return decorate


def _key_option(name: str, key: Key) -> Callable[[Any], Any]:
    flag = flag_name(name)
    if key.switch:
        return click.option(f"{flag}/--no-{flag[2:]}", name, default=None, help=key.help)
    names = (flag, *key.aliases)
    if key.repeat:
        return click.option(*names, name, multiple=True, metavar=key.metavar, help=key.help)
    return click.option(*names, name, metavar=key.metavar, help=key.help)


def _with_default(name: str, help_text: str) -> str:
    """``help_text`` ending in the key's default, unless it already says what the default is."""
    if "default" in help_text:
        return help_text
    value = key_default(name)
    if isinstance(value, bool):
        shown = "on" if value else "off"
    elif isinstance(value, tuple | frozenset | list | Mapping):
        shown = ",".join(str(v) for v in value) or "none"
    elif value is None:
        shown = "none"
    else:
        shown = str(value)
    return f"{help_text} [default: {shown}]"


@cli.command("check", cls=_Command, epilog=CHECK_EPILOG)
@_key_options()
@_check_options
@click.option("--no-baseline", is_flag=True, help="Fail on every finding, baselined or not.")
@click.option(
    "--dump",
    is_flag=True,
    help="List the citations that would be checked (FILE:LINE or post, URL), fetch none; exit 0.",
)
@click.option(
    "--cluster",
    metavar="local:N",
    help="Check on a Dask LocalCluster of N worker processes (pip install citecheck[dask]).",
)
def check_command(
    inputs: tuple[str, ...], no_baseline: bool, dump: bool, cluster: str | None, **options: Any
) -> ExitCode:
    """Check every citation in INPUT (URLs, files, folders, - for standard input) and write
    the reports."""
    inputs = _given_inputs(inputs, options.pop("files_from"))
    if no_baseline:
        options["baseline"] = False
    if cluster is not None and options["scheduler"] is not None:
        raise ConfigError("give --cluster or --scheduler, not both")
    with _starting():
        config, terminal = _config(options, inputs)
    if dump:
        return dump_citations(inputs, config)
    if cluster is None and config.cluster.scheduler is None:
        with _on_processes(config, inputs) as (config, executor):
            return run_and_report(inputs, config, executor=executor, **terminal)
    # Imported here: dask costs every local run its import time for nothing.
    from checker.dask_executor import local_cluster, on, scheduler_client  # noqa: PLC0415

    # --cluster (a flag) wins over a config file's scheduler.
    clients = local_cluster(cluster) if cluster is not None else scheduler_client(config)
    with clients as client:
        return run_and_report(inputs, config, executor=on(client), **terminal)


@contextmanager
def _on_processes(
    config: Config, inputs: Sequence[str]
) -> Iterator[tuple[Config, ExecutorFactory | None]]:
    """The run's config and executor for ``inputs`` on ``processes`` processes of this machine:
    the workers are forked here, before the run's event loop starts (checker.processes;
    ``auto``, the default: as many as the machine has idle cores, started only for a run large
    enough to gain); without fork, or at ``processes = 1``, this process alone (no executor:
    the pipeline's own).

    :mod:`checker.processes` is imported only when processes are to be started or an
    interrupted run's store shards merged: a run that stays on one process needs none of it
    (issue 19: ~21 M instructions of every run's start-up)."""
    count = process_count(config.cluster.processes)
    store = config.store.path
    with _starting():
        alone = count <= 1 and (store is None or not leftover_shards(store))
    if alone:
        yield config, None
        return
    with ExitStack() as stack:
        with _starting():
            from checker.processes import import_shared, pool_for  # noqa: PLC0415

            # Every process routes each URL by its site (sharing.site_of: its registered
            # domain): the Public Suffix List is read here, once before the fork, not again in
            # each worker (~15 ms of a worker's CPU; the driver reads it before its first job
            # either way, issue 19).
            read_suffix_list()
            if count > 1:  # so are the parsers each process of this run would import alone
                import_shared(inputs, store, config)
            pool = stack.enter_context(pool_for(config, config.cluster.processes, count))
        yield (config, None) if pool is None else (pool.driver_config(), pool.factory)


@contextmanager
def _starting() -> Iterator[None]:
    """The command's start-up (its settings, the baseline, the worker processes): an interrupt
    in it is said as one before any check, which it is.  Its line said "interrupted" alone,
    nothing of a report or the store (probe 30i)."""
    try:
        yield
    except Interrupted:
        raise
    except KeyboardInterrupt as exc:
        raise Interrupted(BEFORE_THE_RUN) from exc


def _local_checking(name: str) -> tuple[Callable[[Any], Any], ...]:
    """The decorators of a command that checks on this machine (``baseline``, ``fix``): a flag
    for every setting but the scheduler's, and the options every checking command shares."""
    return (cli.command(name, cls=_Command), _key_options(without=("scheduler",)), _check_options)


@_when_asked("baseline", lambda: _local_checking("baseline"))
def baseline_command(inputs: tuple[str, ...], **options: Any) -> ExitCode:
    """Check INPUT and record today's findings, so that later checks fail only on new ones."""
    inputs = _given_inputs(inputs, options.pop("files_from"))
    with _starting():
        config, terminal = _config(options, inputs)
    if config.report.baseline is None:
        raise ConfigError("baseline = false: give --baseline FILE to record a baseline in")
    with _on_processes(config, inputs) as (config, executor):
        return run_and_report(inputs, config, record_baseline=True, executor=executor, **terminal)


@_when_asked(
    "fix",
    lambda: (
        *_local_checking("fix"),
        click.option(
            "--write",
            "write_files",
            is_flag=True,
            help="Rewrite the files (atomically, keeping FILE.orig); default: print a diff.",
        ),
        click.option(
            "--patch",
            "patch_file",
            type=click.Path(path_type=Path),
            help="Write the changes to this file as a patch for git apply instead of printing "
            "them.",
        ),
    ),
)
def fix_command(
    inputs: tuple[str, ...], write_files: bool, patch_file: Path | None, **options: Any
) -> ExitCode:
    """Check INPUT, then point dead citations at their verified archived copies, moved ones at
    their new URLs: a diff by default, --write to apply, --patch FILE; remote blogs get an edit
    list (REPORT_DIR/fix-edits.csv, .json)."""
    inputs = _given_inputs(inputs, options.pop("files_from"))
    if write_files and patch_file is not None:
        raise click.UsageError("give --write or --patch, not both")
    _refuse_in_fix(options)
    if patch_file is not None:
        _refuse_output(patch_file, inputs, "--patch", "the patch", to_stdout=False)
    with _starting():
        config, terminal = _config(options, inputs)
    display = TerminalProgress(verbose=terminal["verbose"], quiet=terminal["quiet"])
    try:
        with _on_processes(config, inputs) as (config, executor):
            report = _check(
                inputs,
                config,
                progress=display,
                on_discovered=gc.freeze,
                executor=executor,
                written=_written(terminal["output"]),
            )
        report = _noted(report, terminal["notes"])
    except StoppedRun as exc:  # what it checked is reported as check's is; nothing is fixed
        display.close()
        stopped = _noted(exc.report, terminal["notes"])
        raise _stopped(stopped, config, terminal["output"], undone=_FIXED_NOTHING) from exc
    except Interrupted:  # the start-up's (the worker processes'): said as before any check
        raise
    except KeyboardInterrupt as exc:
        raise interrupted(config, undone=_FIXED_NOTHING) from exc
    finally:
        display.close()
    document = build_document(report, config=config)
    _write(document, config, terminal["output"])
    # The fixer is imported by ``citecheck fix`` alone: a check never needs it (issue 19).
    from checker.fix import beyond_repair, plan_repairs  # noqa: PLC0415

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
            f"citecheck fix: {dead} dead citation(s) could not be fixed: no verified archived "
            f"copy to point them at; see {config.report.dir}"
        )
    # Like `ruff check --fix`: a dead link left for a person is something left to fix.
    unfixed = beyond_repair(report, counts=lambda f: fails_run(f, config))
    return ExitCode.FAILED if pending or unfixed or _incomplete(report) else ExitCode.OK


_FIXED_NOTHING = "nothing fixed: no file changed"
"""What an interrupted ``citecheck fix`` did not do: it repairs only once every citation is
checked (it said only "no report written", and wrote none)."""


def _refuse_in_fix(options: dict[str, Any]) -> None:
    """Flags ``fix`` shares with ``check`` but has no use for: an error, not a silent no-op.

    ``fix`` repairs every citation it can, whatever a baseline says (a baselined dead link is
    still worth repairing), prints no annotations (its output is a diff), and its diff owns
    standard output.
    """
    if options.get("baseline") is not None:
        raise click.UsageError(
            "citecheck fix takes no --baseline: it repairs every citation it can, baselined or "
            "not (use it with citecheck check)"
        )
    if options.get("github") is not None:
        raise click.UsageError(
            "citecheck fix takes no --annotations/--no-annotations: it prints a diff, not "
            "GitHub annotations (use them with citecheck check)"
        )
    if _to_stdout(options.get("output")):
        raise click.UsageError("citecheck fix -o -: standard output holds the diff; name a file")


def _fix_printer(*, quiet: bool) -> Callable[[str], None]:
    """Lines about the fix go to stderr: stdout holds the diff alone, ready for a pipe."""

    def say(line: str) -> None:
        if not quiet:
            click.echo(redact_text(line), err=True)

    return say


def _local_file(origin: str) -> bool:
    """Whether ``origin`` is a file ``fix`` may rewrite: not a URL, and not standard input, which
    reports name ``-`` (a file of that name in the working folder is another file)."""
    return origin != STANDARD_INPUT and "://" not in origin and Path(origin).is_file()


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
    from checker.fix import (  # noqa: PLC0415
        FixError,
        Missed,
        Syntax,
        patch_bytes,
        read_source,
        rewrite,
        write_file,
    )

    by_file: dict[str, list[Repair]] = {}
    for repair in repairs:
        by_file.setdefault(repair.origin, []).append(repair)
    patch = bytearray()
    pending = changed = 0
    for origin, planned in by_file.items():
        try:
            source = read_source(Path(origin))
        except FixError as exc:  # gone or unreadable since the check: the other files go on
            pending += _say_missed([Missed(r, str(exc)) for r in planned], say)
            continue
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
            # One file edited (or unwritable) since the check is that file's trouble: it is
            # said and left as it is, and the other files are still fixed; it stopped them all.
            try:
                backup = write_file(source, result.text)
            except FixError as exc:
                pending += len(result.applied)
                say(f"citecheck fix: {origin} not written: {exc}")
                continue
            say(f"citecheck fix: wrote {origin} (original kept as {backup.name})")
        else:
            pending += len(result.applied)
            patch += patch_bytes(source, result.text, _patch_name(source.path))
    if patch_file is not None:
        _replace(patch_file, bytes(patch), "--patch")
        say(
            f"citecheck fix: {changed} file(s) to change: patch written to {patch_file} "
            f"(git apply {patch_file})"
        )
    elif patch:
        click.echo(bytes(patch), nl=False)
        say(f"citecheck fix: {changed} file(s) to change; run again with --write to apply")
    return pending


def _replace(target: Path, data: bytes, flag: str) -> None:
    """``target`` replaced atomically by ``data`` (:mod:`checker.atomic`), with the usual mode;
    a failure is one line naming the file and the flag that chose it."""
    try:
        replace_atomically(target, data)
    except OSError as exc:
        raise write_error(target, exc, "write", flag) from exc


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
    from checker.fix import Syntax  # noqa: PLC0415 (see fix_command)

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
    from checker.fix import edit_list_csv, edit_list_json  # noqa: PLC0415 (see fix_command)

    written = []
    for name, text in (
        ("fix-edits.csv", edit_list_csv(repairs)),
        ("fix-edits.json", edit_list_json(repairs)),
    ):
        _replace(folder / name, text.encode("utf-8"), "--report-dir")
        written.append(str(folder / name))
    say(
        f"citecheck fix: {len(repairs)} edit(s) in remote posts, to make in the blog's editor: "
        + ", ".join(written)
    )


def _incomplete(report: Report) -> bool:
    """Whether the run could not see everything, so "nothing left to fix" cannot be said."""
    return any(
        p.finding.code.value in ("nothing-checked", "post-unreadable", "listing-unreadable")
        for p in report.problems
    )


def _config(options: dict[str, Any], inputs: Sequence[str] = ()) -> tuple[Config, dict[str, Any]]:
    """The run's Config from the shared options, and the terminal settings beside it."""
    terminal = {key: options.pop(key) for key in ("github", "quiet", "verbose", "output")}
    if terminal["output"] is not None:
        _refuse_output(terminal["output"], inputs)
    config_file = options.pop("config_file")
    if options.pop("no_store"):
        options["store"] = False
    if options.pop("full"):
        options["ttl"] = 0.0
    for key, value in options.items():
        if isinstance(value, tuple):  # a repeatable flag given no time is no setting
            options[key] = list(value) or None
    if terminal["output"] is not None:
        options["formats"] = _one_format(options.get("formats"))
    context = click.get_current_context(silent=True)
    typed = _spelled(context.meta.get(_TYPED, ())) if context is not None else {}
    config = load_config(config_file=config_file, overrides=options, spelled=typed)
    if config.verify.local_roots is None:  # the command line's default (the API's: no bound)
        roots = _local_roots(inputs)
        config = dataclasses.replace(
            config, verify=dataclasses.replace(config.verify, local_roots=roots)
        )
    _refuse_replacing(config, terminal["output"], inputs)
    flagged = any(options.get(key) is not None for key in _BLOG_SCOPE)
    _refuse_blog_scope(config, inputs, flagged=flagged)
    config, terminal["notes"] = _store_or_none(config)
    return config, terminal


def _local_roots(inputs: Sequence[str]) -> tuple[Path, ...]:
    """The folders a local file's link may lead into: the working folder, each folder named
    (``citecheck check ../docs``) and the folder of each file named (``citecheck check
    ~/blog/post.md`` run elsewhere: a link to the post beside it was ``skipped``, "outside the
    tree", where lychee and a reader of the folder follow it; probe 32); a link out of them is
    a note, not a look-up of the disk."""
    roots = [Path.cwd()]
    for item in inputs:
        if item == STANDARD_INPUT or "://" in item:
            continue
        folder, file = entry_of(item)
        if folder:
            roots.append(Path(item).absolute())
        elif file:
            roots.append(Path(item).absolute().parent)
    return tuple(roots)


def _refuse_output(
    output: Path,
    inputs: Sequence[str],
    flag: str = "-o/--output",
    what: str = "the report",
    *,
    to_stdout: bool = True,
) -> None:
    """``-o`` (or ``fix --patch``) naming no file, or a file the run reads: refused before the
    run, not after it.

    The report replaces its file whole, so ``-o post.md`` with ``post.md`` an input would put
    a JSON report where the post was (``--patch post.md``: an empty patch); ``-o ''`` names no
    file at all.  ``to_stdout``: ``-`` is standard output (``-o -``), else no file.
    """
    if not str(output).strip() or output.name in ("", ".", ".."):
        raise click.UsageError(f"{flag}: name a file" + (", or - for standard output" * to_stdout))
    if _to_stdout(output):
        if to_stdout:
            return
        raise click.UsageError(f"{flag}: name a file (without it the diff goes to stdout)")
    target = output.resolve()
    for _item, path in _local_inputs(inputs):
        if path == target:
            raise click.UsageError(f"{flag} {output} is also an input: {what} would replace it")


def _local_inputs(inputs: Sequence[str]) -> Iterator[tuple[str, Path]]:
    """Each input naming a local file or folder (not ``-``, not a URL), and its resolved path."""
    for item in inputs:
        if item != STANDARD_INPUT and "://" not in item:
            yield item, Path(item).resolve()


def _refuse_replacing(config: Config, output: Path | None, inputs: Sequence[str]) -> None:
    """A report (``-o FILE``, or each format's file in the report folder) that would replace a
    file inside a local input that is no citecheck report: refused before the run.

    ``citecheck check docs -o docs/intro.md`` put the report where the post was, and the run,
    leaving its own file unread, never checked the post (session 33's leftover; ``--report-dir
    docs`` with a post ``docs/report.md`` the same).  An earlier run's report there is replaced
    as always (:func:`checker.report.signature.is_report`), a new file is written.
    """
    if output is not None:
        if _to_stdout(output):
            return
        targets = [(f"-o/--output {output}", output, "write it elsewhere")]
    else:
        folder = config.report.dir
        targets = [
            (f"--report-dir {folder}: its {report_name(name)}", folder / report_name(name), "")
            for name in config.report.formats
        ]
    for what, target, advice in targets:
        resolved = target.resolve()
        if not resolved.is_file() or is_report(resolved):
            continue
        for item, path in _local_inputs(inputs):
            if resolved == path or path in resolved.parents:
                raise click.UsageError(
                    f"{what} is a file of the input {item} and no citecheck report: the report "
                    f"would replace it ({advice or 'choose another report folder'})"
                )


_BLOG_SCOPE = ("max_posts", "since")
"""The settings that choose a blog's posts from its listings."""


def _refuse_blog_scope(config: Config, inputs: Sequence[str], *, flagged: bool) -> None:
    """``--max-posts``/``--since`` given on the command line for local files or folders alone:
    refused before the run, never ignored.

    They choose a blog's posts from its listings (feeds, sitemaps, the pager's dates); a file or
    folder has none, and ``citecheck check docs --since 2025-01-01`` checked every post of
    ``docs`` without a word (session 33's leftover).  Set in a config file (a project-wide
    setting for the blog), or beside a blog URL they do apply to, they are not refused (that
    broke every ``citecheck check draft.md`` of a project whose config sets ``since``: review
    of left34b): one warning says the local inputs are checked whole.
    """
    crawl = config.crawl
    given = [key for key in _BLOG_SCOPE if getattr(crawl, key) is not None]
    local = next((item for item, _ in _local_inputs(inputs)), None)
    if not given or local is None:
        return
    named = " and ".join(flag_name(key) for key in given)
    verb, them = ("applies", "it") if len(given) == 1 else ("apply", "them")
    blog = any("://" in item for item in inputs)
    if flagged and not blog:
        raise click.UsageError(
            f"{named} {verb} to a blog URL's posts (its feeds and sitemaps), not to the local "
            f"input {local}: drop {them} for this run"
        )
    message = f"{named} {verb} to blog URLs only: local inputs such as {local} are checked whole"
    click.echo(visible(f"citecheck: warning: {message}"), err=True)


def _store_or_none(config: Config) -> tuple[Config, tuple[Problem, ...]]:
    """The run's config without a store when the default store nobody named
    (``StoreConfig.spare``) cannot be written, and the run note that says so.

    A CI runner whose cache folder is read-only (``$HOME`` on a read-only mount) got exit 2
    for the whole run ("give --store PATH or --no-store"; session 33's leftover); a store not
    asked for is a convenience, so the run goes on remembering nothing, with one warning and
    the note in its report.  A store the user named (``--store``, ``store =`` in a config file,
    or in an ``XDG_CACHE_HOME`` a CI job set) stays the store's own error, exit 2: the latter
    two fell back too (session 34's leftover).  The check is the store's own
    (:func:`unwritable`, which :func:`open_store` asks), so both refuse the same stores.
    """
    path = config.store.path
    if not config.store.spare or path is None:
        return config, ()
    problem = unwritable(path)
    if problem is None:
        return config, ()
    message = (
        f"the default store {path} cannot be written ({problem}): this run remembers nothing "
        "(give --store PATH for a writable one, or --no-store)"
    )
    click.echo(visible(f"citecheck: warning: {message}"), err=True)
    note = Problem(None, Finding(Code.UNREACHABLE, Severity.INFO, message))
    return dataclasses.replace(config, store=dataclasses.replace(config.store, path=None)), (note,)


def _written(output: Path | None) -> tuple[Path, ...]:
    """The file ``-o`` writes, for discovery to leave unread (``-``, standard output: none)."""
    return () if output is None or _to_stdout(output) else (output,)


def _to_stdout(output: Path | str | None) -> bool:
    """Whether ``-o`` names standard output (``-o -``)."""
    return output is not None and str(output) == STANDARD_INPUT


def _one_format(formats: str | None) -> str:
    """``-o FILE`` holds one report: the one ``--format`` named, json when none is."""
    names = [n.strip() for n in (formats or "json").split(",") if n.strip()]
    if len(names) != 1:
        raise click.UsageError(f"-o/--output writes one report: give one --format (got {formats})")
    return names[0]


@_when_asked(
    "demo",
    lambda: (
        cli.command("demo"),
        click.option(
            "--report-dir",
            type=click.Path(path_type=Path),
            default=Path("reports/demo"),
            show_default=True,
            help="Folder for the demo's reports.",
        ),
    ),
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
    "an input that yields no post, a post or listing page (sitemap, feed page) that cannot be "
    "read and a run that checks nothing fail (nothing-checked, post-unreadable, "
    "listing-unreadable); a check that crashes is internal-error on that "
    "citation and the run goes on; a crash of the run itself is exit 3 with a crash log "
    "(docs/findings.md).",
)
"""What ``citecheck demo`` says after its run, so a new user learns to read the summary line."""


@_when_asked(
    "trends",
    lambda: (
        cli.command("trends", cls=_Command),
        click.option("--since", help="Only runs on or after this date (YYYY-MM-DD)."),
        click.option(
            "--store",
            type=click.Path(path_type=Path),
            help="The store to read (default: the runs' store).",
        ),
        click.option(
            "--output",
            type=click.Path(path_type=Path),
            help="Folder for trends.html and trends.csv (default: the report folder).",
        ),
        click.option(
            "--config", "config_file", type=click.Path(path_type=Path), help="TOML config."
        ),
        _key_option("connect_to", KEYS["connect_to"]),
    ),
)
def trends_command(
    since: str | None,
    store: Path | None,
    output: Path | None,
    config_file: Path | None,
    connect_to: tuple[str, ...],
) -> ExitCode:
    """Write trends.html and trends.csv: how the cited sources aged over the stored runs (of
    the real web; --connect-to: of the runs checked through those rules)."""
    from checker.trends import trends_files, web_of  # noqa: PLC0415  (matplotlib: only here)

    overrides = {"store": store, "connect_to": list(connect_to) or None}
    config = load_config(config_file=config_file, overrides=overrides)
    if config.store.path is None:
        raise ConfigError("store = false: give --store FILE to read the run history from")
    try:
        start = date.fromisoformat(since) if since is not None else None
    except ValueError as exc:
        raise ConfigError(f"--since must be a date YYYY-MM-DD (got {since!r})") from exc
    files = trends_files(config.store.path, since=start, scope=web_of(config))
    folder = output if output is not None else config.report.dir
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ReportError(f"cannot create {folder}: {exc.strerror or exc}") from exc
    for name, text in files.items():
        _replace(folder / name, text.encode("utf-8"), "--output")
    click.echo(f"citecheck trends: open {folder / 'trends.html'} (also written: trends.csv)")
    return ExitCode.OK


def run_and_report(
    inputs: Sequence[str],
    config: Config,
    *,
    github: bool | None = None,
    quiet: bool = False,
    verbose: bool = False,
    record_baseline: bool = False,
    executor: ExecutorFactory | None = None,
    output: Path | None = None,
    notes: Sequence[Problem] = (),
) -> ExitCode:
    """Run the pipeline, write every report, print a summary; return the exit status.

    Under GitHub Actions (``GITHUB_ACTIONS=true``) the Markdown summary is appended to
    ``$GITHUB_STEP_SUMMARY`` and findings are printed as workflow annotations, unless turned off.
    With a baseline file present, its findings are marked ``baselined`` and fail nothing;
    ``record_baseline`` (``citecheck baseline``) first writes today's findings into it.
    ``output`` (``-o``) receives the one report instead of the report folder; ``-`` is standard
    output, and then the summary goes to standard error so the report can be piped.
    ``notes``: the run's notes from before it started (:func:`_store_or_none`), in its report.
    """
    with _starting():
        baseline = None if record_baseline else _read_baseline(config)
    display = TerminalProgress(verbose=verbose, quiet=quiet)
    try:
        # The posts and citations found live to the end of the run: out of the collector's
        # sight, its full collections (event-loop stalls) stay short (bench/README.md).  The
        # process decides this, not the library: it lives only for this run.
        report = _check(
            inputs,
            config,
            progress=display,
            on_discovered=gc.freeze,
            executor=executor,
            written=_written(output),
        )
        report = _noted(report, notes)
    except StoppedRun as exc:
        display.close()
        covers = baseline.covers if baseline is not None else None
        stopped = _noted(exc.report, notes)
        raise _stopped(stopped, config, output, baselined=covers, summary=True) from exc
    except KeyboardInterrupt as exc:
        raise interrupted(config) from exc
    finally:
        display.close()
    if record_baseline and config.report.baseline is not None:
        baseline = write_baseline(config.report.baseline, report)
    covers = baseline.covers if baseline is not None else None
    document = build_document(report, config=config, baselined=covers)
    failed = failing(report, config, baselined=covers)
    del report  # the document says it all now: rendering's peak need not hold both
    to_stdout = _to_stdout(output)
    on_actions = os.environ.get("GITHUB_ACTIONS") == "true"
    summary_file = os.environ.get("GITHUB_STEP_SUMMARY")
    # What the run prints (and appends) once its reports are written: the annotations, the
    # step summary, the summary lines.  Rendered before the files are moved into place, while
    # the forked report writer renders the heaviest format (write_reports' ``meanwhile``).
    closing: list[tuple[str | None, str | None, list[str]]] = []

    def close(paths: tuple[Path, ...], *, unwritten: bool = False) -> None:
        annotations = github if github is not None else on_actions
        closing.append(
            (
                github_annotations(document) if annotations else None,
                step_summary(document) if summary_file else None,
                summary_lines(
                    document,
                    paths,
                    quiet=quiet,
                    verbose=verbose,
                    baseline=_baseline_line(document, config, record_baseline)
                    if baseline is not None
                    else None,
                    unwritten=unwritten,
                ),
            )
        )

    def say() -> None:
        ((annotations, summary, lines),) = closing
        if annotations is not None:  # the runner reads commands on stderr too: -o - keeps stdout
            click.echo(annotations, nl=False, err=to_stdout)
        for line in lines:
            click.echo(line, err=to_stdout)
        if summary_file and summary is not None:
            _append_summary(Path(summary_file), summary)

    try:
        paths = _write(document, config, output, meanwhile=close)
    except KeyboardInterrupt as exc:  # every verdict was in: the line says so, not "interrupted"
        raise interrupted(config, unfinished=_WRITING) from exc
    except ReportError:
        # The run is done, only its files failed (a full disk, ``ulimit -f``, a folder taken
        # away): the error ends the command (exit 2), but the findings are not lost with the
        # files.  Every failing one is printed, and the annotations and the step summary, which
        # need no report file, are given (session 34's probe: nothing at all was printed).
        closing.clear()
        close((), unwritten=True)
        say()
        raise
    if not closing:  # -o: one file, no forked writer to overlap with
        close(paths)
    say()
    return ExitCode.FAILED if failed else ExitCode.OK


_WRITING = (
    "the check had ended, the interrupt came while its reports were written: "
    "reports may be incomplete or an earlier run's"
)
"""What a run that checked everything left of its reports when a Ctrl-C came during the final
write: it said "citecheck: interrupted" alone, as if nothing were done or kept (session 31's
leftover), then "no report written", though the reports moved into place before the interrupt
were this run's (mend 32a)."""


def _noted(report: Report, notes: Sequence[Problem]) -> Report:
    """``report`` with the run's ``notes`` first among its problems."""
    if not notes:
        return report
    return dataclasses.replace(report, problems=(*notes, *report.problems))


def _stopped(
    report: Report,
    config: Config,
    output: Path | None,
    *,
    baselined: Baselined | None = None,
    undone: str | None = None,
    summary: bool = False,
) -> Interrupted:
    """Write an interrupted run's reports (what it checked, the rest said not checked, the run
    marked interrupted: :attr:`~checker.model.Report.interrupted`); the interrupt to end with.

    A CI job cancelled or timed out got no report at all.  Each file is written atomically
    (staged, then moved into place), in this process (no fork), so a second Ctrl-C during the
    write leaves each report whole or as it was, and ends the command at once: interrupted, no
    report written.  Standard output (``-o -``) gets none: a reader of a pipe takes what comes
    for the whole run.  A report that cannot be written is said in the interrupt's line.
    ``baselined``: the baseline's findings are marked so here too, as in a whole run's report.
    ``undone``: what the command did not do (:func:`~checker.run.interrupted`).
    ``summary``: append the step summary to ``$GITHUB_STEP_SUMMARY`` when it is set, as a whole
    run does (``check``): a CI job cancelled or timed out showed no summary on its page, the
    report written beside it unseen (session 31's leftover); it says INTERRUPTED.
    """
    summary_file = os.environ.get("GITHUB_STEP_SUMMARY") if summary else None
    to_stdout = _to_stdout(output)
    if to_stdout and not summary_file:
        return interrupted(config, undone=undone)
    try:
        document = build_document(report, config=config, baselined=baselined)
        if summary_file:
            _append_summary(Path(summary_file), step_summary(document))
        if to_stdout:
            return interrupted(config, undone=undone)
        paths = _write(document, config, output, fork=False)
    except KeyboardInterrupt:
        return interrupted(config, undone=undone)
    except CitecheckError as exc:
        return interrupted(config, unwritten=str(exc), undone=undone)
    return interrupted(config, written=paths, undone=undone)


def _write(
    document: dict[str, Any],
    config: Config,
    output: Path | None,
    *,
    meanwhile: Callable[[tuple[Path, ...]], object] | None = None,
    fork: bool = True,
) -> tuple[Path, ...]:
    """The reports: every format into the report folder, or the one format to ``-o FILE``/``-``
    (``meanwhile``: see :func:`~checker.report.write.write_reports`; the report folder only;
    ``fork=False``: rendered in this process whatever the report's size)."""
    check_evidence(document, config.report.dir)
    if output is None:
        return write_reports(
            document,
            report_dir=config.report.dir,
            formats=config.report.formats,
            fork=fork and _may_fork(document),
            meanwhile=meanwhile,
        )
    (name,) = config.report.formats
    if _to_stdout(output):
        text = FORMATS[name](document)
        click.echo(text, nl=not text.endswith("\n"))
        return ()
    return (write_report(document, format_name=name, target=output),)


def _may_fork(document: dict[str, Any]) -> bool:
    """Whether the reports may be rendered by two processes: a large report
    (:data:`~checker.report.write.APART`) in a process that can fork safely (no other thread:
    :func:`checker.processes.available`, imported only then)."""
    if document["summary"]["citations"] < APART:
        return False
    from checker.processes import available  # noqa: PLC0415 (see _on_processes)

    return available()


def _check(inputs: Sequence[str], config: Config, **how: Any) -> Report:
    """:func:`checker.pipeline.check`, with ``-`` among the inputs read from standard input."""
    if STANDARD_INPUT not in inputs:
        return check(inputs, config, **how)
    data = sys.stdin.buffer.read()
    if not data.strip():
        raise InputError("-: standard input is empty")
    with tempfile.TemporaryDirectory(prefix="citecheck-stdin-") as folder:
        try:
            report = check(_from_stdin(inputs, data, Path(folder)), config, **how)
        except InputError as exc:  # "-: not a text file", not a temporary path that is gone
            message = str(exc)
            for held in Path(folder).iterdir():
                message = message.replace(str(held), STANDARD_INPUT)
            raise InputError(message) from exc
        return _named_stdin(report, Path(folder))


def _named_stdin(report: Report, folder: Path) -> Report:
    """``report`` with the temporary file that held standard input named ``-``, the input the
    user gave: a path that is gone when the run ends would send a reader looking for it."""
    held = [str(p) for p in folder.iterdir()]
    if not held:
        return report
    names = {held[0]: STANDARD_INPUT, Path(held[0]).resolve().as_uri(): STANDARD_INPUT}

    def named(text: str | None) -> str | None:
        return names.get(text, text) if text is not None else None

    documents = tuple(
        dataclasses.replace(
            checked,
            document=dataclasses.replace(
                checked.document,
                url=names.get(checked.document.url, checked.document.url),
                origin=names.get(checked.document.origin, checked.document.origin),
            ),
        )
        for checked in report.documents
    )
    problems = tuple(dataclasses.replace(p, subject=named(p.subject)) for p in report.problems)
    inputs = tuple(names.get(item, item) for item in report.inputs)
    return dataclasses.replace(report, inputs=inputs, documents=documents, problems=problems)


_URL_LINE = lazy(r"https?://\S+", re.IGNORECASE)
_HTML_HEAD = lazy(rb"<(!doctype html|html|head|body|a|p|div|article)\b", re.IGNORECASE)


def _from_stdin(inputs: Sequence[str], data: bytes, folder: Path) -> list[str]:
    """``-`` replaced by a file in ``folder`` holding what standard input holds, read like any
    file: ``stdin.html`` when it starts like HTML, else ``stdin.md``.

    A list of URLs (one a line, nothing else) is what lychee users pipe in, and lychee checks
    each line as a link: it becomes a document of links, one autolink per line on the line it
    was on (``--dump`` and the reports say ``-:LINE``), never pages to crawl as posts, whose own
    links would be checked instead and whose 404 would be an unreadable input (exit 2) rather
    than a ``broken`` link (exit 1).  A blog to crawl is given as an argument.
    """
    lines = data.decode("utf-8", "replace").splitlines()
    urls = [line.strip() for line in lines if line.strip()]
    if all(_URL_LINE.fullmatch(url) for url in urls):
        document = folder / "stdin.md"
        document.write_text("".join(_link_line(line) for line in lines), encoding="utf-8")
    else:
        document = folder / ("stdin.html" if _HTML_HEAD.search(data[:4096]) else "stdin.md")
        document.write_bytes(data)
    return [str(document) if item == STANDARD_INPUT else item for item in inputs]


def _link_line(line: str) -> str:
    """A line of a URL list as a Markdown line linking exactly that URL (an autolink: its last
    character is kept, where a bare URL's ``)`` or ``.`` would be read as punctuation)."""
    url = line.strip()
    if not url:
        return "\n"
    return f"<{url}>\n" if "<" not in url and ">" not in url else f"{url}\n"


def dump_citations(inputs: Sequence[str], config: Config) -> ExitCode:
    """``--dump``: each citation a check would fetch, ``FILE:LINE  URL`` (or the post's URL),
    one a line; nothing is fetched but the input pages themselves, nothing is remembered or
    written.  Citations the filters skip (``--exclude``, the ignore file) are left out; a post
    (or a listing of posts) that could not be read is listed, marked ``[post-unreadable]`` with
    its reason: it was left out with no word, as if it had no citation (probe 19)."""
    quiet = config.with_(store=None, warc=False, save=False)
    report = _check(inputs, quiet, executor=_DumpExecutor)
    for checked_document in report.documents:
        document = checked_document.document
        where = file_path(document.origin) or document.url
        for checked in checked_document.citations:
            if checked.note != _DUMPED:
                continue
            citation = checked.citation
            at = f"{where}:{citation.line}" if citation.line else where
            if citation.url:
                target = displayed(citation.url, url=True)
            else:
                target = f"[{citation.kind.value}] {displayed(citation.cited.title or '(no URL)')}"
            click.echo(visible(f"{at}  {target}"))  # a page's ESC acts on no terminal
    for problem in report.problems:
        code = problem.finding.code
        if problem.subject is not None and code in _UNREAD_CODES:
            where = file_path(problem.subject) or problem.subject
            click.echo(
                visible(
                    f"{displayed(where, url=True)}  [{code}] {displayed(problem.finding.message)}"
                )
            )
    return ExitCode.OK


_UNREAD_CODES = frozenset({Code.POST_UNREADABLE, Code.LISTING_UNREADABLE, Code.FILES_NOT_READ})
"""What ``--dump`` lists besides citations: posts, and listings of posts, it could not read, and
the files of a folder it did not read (of no post kind)."""


_DUMPED = "not checked: --dump"


class _DumpExecutor:
    """An executor that checks nothing: every job comes straight back, marked for ``--dump``."""

    def __init__(self, run: Run, sink: Sink) -> None:
        self._sink = sink

    def submit(self, job: Job) -> None:
        self._sink(Verdict(job.key, CheckedCitation(job.citation, Status.SKIPPED, note=_DUMPED)))

    def no_more_jobs(self) -> None:
        """Nothing is pending: every job was answered when submitted."""

    async def finish(self) -> None:
        """Nothing to wait for."""

    async def cancel(self) -> None:
        """Nothing to cancel."""

    def offline(self) -> str | None:
        return None

    def problems(self) -> tuple[Problem, ...]:
        return ()


def summary_lines(
    document: dict[str, Any],
    paths: Sequence[Path],
    *,
    quiet: bool = False,
    verbose: bool = False,
    baseline: str | None = None,
    unwritten: bool = False,
) -> list[str]:
    """What a run prints on stdout when it ends, from the same dictionary the reports render.

    The failing findings first (``--quiet`` prints only these), then the findings that do not
    fail the run, the accounting line, skipped citations by reason, the baseline, and the report
    to open (the HTML one when written, else the paths written).  ``unwritten``: the reports
    could not be written, so every failing finding is printed, none left to a report.
    """
    more_in = _UNWRITTEN if unwritten else str(_report_to_open(paths))
    limit = sys.maxsize if unwritten else FAILURES_SHOWN
    lines = failure_lines(document, more_in=more_in, verbose=verbose, limit=limit)
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


_UNWRITTEN = "not shown: the reports could not be written (see the error below)"
"""Where the rest of the findings is when no report was written."""


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


def _append_summary(path: Path, text: str) -> None:
    """Append the step summary to ``$GITHUB_STEP_SUMMARY``; a failure is said in one line and
    is not the run's verdict.  The reports are written and the findings printed by then: an
    exit 2 there turned a run with failing findings (1) into a usage error and a passing run
    into a failed one, the verdict a CI user reads lost to the runner's file (session 28's
    leftover)."""
    try:
        with path.open("a", encoding="utf-8") as handle:
            handle.write(text)
    except OSError as exc:
        why = exc.strerror or type(exc).__name__
        click.echo(
            visible(
                f"citecheck: warning: cannot append to $GITHUB_STEP_SUMMARY {path} ({why}): "
                "the step summary was not written; the reports and the exit status stand"
            ),
            err=True,
        )


def main(argv: Sequence[str] | None = None) -> int:
    """Console entry point; never lets a traceback out for a usage or run error."""
    # Everything imported so far lives as long as the process: moving it out of the collector's
    # sight makes each full collection of a big run cheaper (they stall the event loop; about 5 s
    # of a 20,000-URL run, bench/README.md).
    gc.freeze()
    args = list(argv) if argv is not None else sys.argv[1:]
    if not args:
        return _bare_help()
    with stops() as stopped, keeping_swallowed():
        return _command_line(args, stopped)


def _command_line(args: list[str], stopped: Stops) -> int:
    """The command's exit status; every error and interrupt is one line on stderr."""
    try:
        result = cli.main(args=args, standalone_mode=False)
        raise_swallowed()  # a Ctrl-C the interpreter could not raise (checker/interrupts.py)
    except _Stopped as exc:
        return _interrupted(exc.__cause__, stopped)
    except click.exceptions.Abort as exc:  # click's wrapping of a KeyboardInterrupt while parsing
        return _interrupted(exc.__cause__, stopped)
    except click.ClickException as exc:
        click.echo(_error_line(exc.format_message()), err=True)
        return ExitCode.ERROR
    except CitecheckError as exc:
        click.echo(_error_line(str(exc)), err=True)
        return ExitCode.ERROR
    except KeyboardInterrupt as exc:
        return _interrupted(exc, stopped)
    except Exception as exc:  # a bug: one line and the crash log, never a traceback, never 1
        return _internal_error(exc)
    return int(result) if isinstance(result, int) else ExitCode.OK


def _interrupted(exc: BaseException | None, stopped: Stops) -> int:
    """``citecheck: interrupted`` (by SIGTERM, if so) and what the run kept; the signal's status."""
    how = " by SIGTERM" if signal.SIGTERM in stopped.received else ""
    kept = f": {exc}" if isinstance(exc, Interrupted) else ""
    click.echo(f"citecheck: interrupted{how}{kept}", err=True)
    return stopped.status


def _bare_help() -> ExitCode:
    """``citecheck`` with no argument: the help, on stderr, and exit 2, as lychee does (clap's
    status for arguments missing; click's too since 8.2): a script that lost its arguments must
    not pass, and 2 is the status of bad usage here."""
    with click.Context(cli, info_name="citecheck") as context:
        click.echo(cli.get_help(context), err=True)
    return ExitCode.ERROR


def _internal_error(exc: Exception) -> ExitCode:
    """Print ``citecheck: internal error: …`` with the crash log's path; exit status 3."""
    log = CrashLog().record(exc, "the run")
    where = f"crash log: {log}" if log is not None else "no crash log could be written"
    message = _one_line(str(exc))[:200]
    what = f"{type(exc).__name__}: {message}" if message else type(exc).__name__
    click.echo(f"citecheck: internal error: {redact_text(what)} ({where})", err=True)
    return ExitCode.INTERNAL


def _error_line(message: str) -> str:
    """``citecheck: error: …`` as a CI log may show it: one line, a URL's credentials redacted
    and control characters shown (``<U+001B>``).  The message quotes what it was given (an
    input URL, a flag's value), and ``ftp://user:pw@…`` was printed whole, a path's
    ``ESC ]0;…`` acted on the terminal (probe 28)."""
    return visible(f"citecheck: error: {redact_text(_one_line(message))}")


_LINE_BREAKS = lazy(r"[ \t]*[\n\r\u2028\u2029]+[ \t]*")
"""A line break and the blanks around it (the other separators ``str.splitlines`` splits at,
``\v``, ``\f``, ``\x1c``-``\x1e``, ``\x85``, are shown as ``<U+XXXX>`` by ``visible``)."""


def _one_line(text: str) -> str:
    """``text`` on one line: each line break (and the blanks around it) one space.  Other white
    space stays as it is: a path's own spaces (``' a.md'``, a no-break or ideographic one) were
    collapsed or cut, so the error named another file (mend 33l's leftover)."""
    return _LINE_BREAKS.sub(" ", text.strip("\n\r\u2028\u2029"))


if __name__ == "__main__":
    sys.exit(main())
