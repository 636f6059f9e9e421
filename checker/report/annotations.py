"""GitHub Actions output: workflow-command annotations and the job's step summary.

On GitHub, a line ``::error file=F,line=L,title=T::message`` printed by a step becomes an
annotation on that file and line in the pull request, and Markdown appended to
``$GITHUB_STEP_SUMMARY`` is shown on the run's page.  The CLI prints :func:`annotations` and
appends :func:`step_summary`; both read only the report dictionary.  Failing findings come
first because GitHub shows only the first few annotations of each level per step.  Values are
escaped as the runner expects (``%``, CR and LF everywhere, and ``:`` and ``,`` in
properties), so a title from the web cannot end the command early or inject a second one.
The problems of the run itself (an input that yielded no post, a post that could not be read, a
run that checked nothing) are annotations too, at the input's file when it is one.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from checker.report import markdown
from checker.report._common import (
    SEVERITY_RANK,
    citation_label,
    finding_lines,
    iter_findings,
    one_line,
    problem_label,
    repository_path,
    visible,
)

__all__ = ["STEP_SUMMARY_LIMIT", "github_annotations", "step_summary"]

# GitHub refuses a step summary larger than 1 MiB.
STEP_SUMMARY_LIMIT = 1024 * 1024
_COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}
_TRUNCATED = "\n\n… (summary cut to fit GitHub's step-summary limit; see report.md)\n"


# The CLI asks for this name; it rebinds the ``__future__`` feature object, which is harmless
# because that import only matters while the module is compiled.
def github_annotations(document: Mapping[str, Any]) -> str:
    """One ``::error|warning|notice …::message`` line per finding, failing findings first."""
    commands = [(p, _problem_command(p)) for p in document.get("problems", ())]
    commands += [(f, _command(post, c, f)) for post, c, f in iter_findings(document)]
    commands.sort(key=lambda r: (not r[0].get("failing"), -_rank(r[0])))
    return "".join(command + "\n" for _, command in commands)


def _rank(finding: Mapping[str, Any]) -> int:
    return SEVERITY_RANK.get(str(finding.get("severity")), 0)


def _problem_command(problem: Mapping[str, Any]) -> str:
    """A problem of the run, at the input's file when it names one."""
    subject = problem_label(problem)
    properties: dict[str, str] = {}
    path = repository_path(problem.get("subject"))
    if path is not None:
        properties["file"] = path
    properties["title"] = f"citecheck {problem.get('code')}: {one_line(subject)}"
    lines = [one_line(problem.get("message") or problem.get("code") or "", 1000)]
    if problem.get("suggestion"):
        lines.append(f"suggestion: {one_line(problem['suggestion'], 1000)}")
    if path is None:
        lines.append(f"about: {subject}")
    return _workflow_command(_level(problem), properties, lines)


def _level(finding: Mapping[str, Any]) -> str:
    if finding.get("failing"):
        return "error"
    return _COMMANDS.get(str(finding.get("severity")), "warning")


def _workflow_command(level: str, properties: dict[str, str], lines: list[str]) -> str:
    """The command line; its values' control characters shown (``<U+001B>``) before escaping:
    the runner's log is a terminal's rendering, where a cited URL's ESC sequence recoloured or
    hid the lines after it (probe 28)."""
    joined = ",".join(f"{key}={_property(visible(value))}" for key, value in properties.items())
    return f"::{level} {joined}::{_data(visible(chr(10).join(lines)))}"


def step_summary(document: Mapping[str, Any]) -> str:
    """The Markdown summary for ``$GITHUB_STEP_SUMMARY``, cut to GitHub's size limit."""
    text = markdown.render(dict(document))
    if len(text.encode("utf-8")) <= STEP_SUMMARY_LIMIT:
        return text
    budget = STEP_SUMMARY_LIMIT - len(_TRUNCATED.encode("utf-8"))
    cut = text.encode("utf-8")[:budget].decode("utf-8", errors="ignore")
    return cut[: cut.rfind("\n")] + _TRUNCATED


def _command(
    post: Mapping[str, Any], citation: Mapping[str, Any], finding: Mapping[str, Any]
) -> str:
    properties: dict[str, str] = {}
    path = repository_path(post.get("origin"))
    if path is not None:
        properties["file"] = path
        if citation.get("line"):
            properties["line"] = str(citation["line"])
    properties["title"] = f"citecheck {finding.get('code')}: {one_line(citation_label(citation))}"
    lines = finding_lines(citation, finding)
    if path is None:
        lines.append(f"in post: {post.get('url')}")
    return _workflow_command(_level(finding), properties, lines)


def _data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(value: str) -> str:
    return _data(value).replace(":", "%3A").replace(",", "%2C")
