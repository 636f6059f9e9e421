"""report.sarif: the run as SARIF 2.1.0, for code-scanning dashboards (GitHub, Azure DevOps).

Code-scanning tools track results across runs: they group them by rule, show each at a file
and line, and recognise a result they have seen before by its fingerprint.  So every finding
code is one rule (its description from the catalogue, its default level from the catalogue's
severity), every finding is one result at the post that cites the source (the post's file when
it came from one, else its URL, at the citation's line when known), and
``partialFingerprints`` hash only what identifies the problem (post, cited URL or title, code),
so editing a message or moving the citation down the page does not make an old finding look new.
Levels are the *effective* severities of the report dictionary: error, warning, note.  A
problem of the run itself (an input that yielded no post, a post that could not be read, a run
that checked nothing) is a result too, located at what it is about: the input's file, the post's
URL, or for the run as a whole its first input (code scanning wants a location on every result).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from pathlib import PureWindowsPath
from typing import Any
from urllib.parse import quote

from checker.findings import CATALOGUE, Code, Severity
from checker.report._common import (
    accounting_line,
    citation_label,
    file_path,
    finding_lines,
    one_line,
    problem_label,
    repository_path,
)

__all__ = ["SARIF_SCHEMA", "SARIF_VERSION", "render"]

SARIF_VERSION = "2.1.0"
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_INFORMATION_URI = "https://github.com/citecheck/citecheck"
_FINGERPRINT = "citecheck/v1"
_LEVELS = {
    Severity.ERROR.value: "error",
    Severity.WARNING.value: "warning",
    Severity.INFO.value: "note",
}
_RULES = tuple(Code)
_RULE_INDEX = {code.value: index for index, code in enumerate(_RULES)}


def render(document: dict[str, Any]) -> str:
    """The report dictionary as an indented SARIF 2.1.0 log."""
    tool = document.get("tool", {})
    run: dict[str, Any] = {
        "tool": {
            "driver": {
                "name": str(tool.get("name", "citecheck")),
                "version": str(tool.get("version", "0")),
                "informationUri": _INFORMATION_URI,
                "rules": [_rule(code) for code in _RULES],
            }
        },
        "invocations": [_invocation(document)],
        "results": [
            *(_problem_result(p, document) for p in document.get("problems", ())),
            *(
                _result(post, citation, finding)
                for post in document.get("documents", ())
                for citation in post.get("citations", ())
                for finding in citation.get("findings", ())
            ),
        ],
        "columnKind": "unicodeCodePoints",
    }
    log = {"$schema": SARIF_SCHEMA, "version": SARIF_VERSION, "runs": [run]}
    return json.dumps(log, ensure_ascii=False, indent=2) + "\n"


def _rule(code: Code) -> dict[str, Any]:
    entry = CATALOGUE[code]
    return {
        "id": code.value,
        "name": "".join(part.capitalize() for part in code.value.split("-")),
        "shortDescription": {"text": entry.summary},
        "fullDescription": {"text": entry.summary},
        "defaultConfiguration": {"level": _LEVELS[entry.severity.value]},
        "helpUri": f"{_INFORMATION_URI}/blob/main/docs/findings.md#{code.value}",
        "properties": {"tags": ["citation"]},
    }


def _invocation(document: Mapping[str, Any]) -> dict[str, Any]:
    # An interrupted run did not finish: a reader of SARIF alone (code scanning) must not
    # take its few results for the whole run's (report.json's "interrupted").
    interrupted = bool(document.get("interrupted"))
    invocation: dict[str, Any] = {"executionSuccessful": not interrupted}
    if interrupted:
        note = {"level": "error", "message": {"text": accounting_line(document)}}
        invocation["toolExecutionNotifications"] = [note]
    if document.get("started"):
        invocation["startTimeUtc"] = str(document["started"])
    if document.get("finished"):
        invocation["endTimeUtc"] = str(document["finished"])
    return invocation


def _result(
    post: Mapping[str, Any], citation: Mapping[str, Any], finding: Mapping[str, Any]
) -> dict[str, Any]:
    code = str(finding.get("code"))
    result: dict[str, Any] = {
        "ruleId": code,
        "level": _LEVELS.get(str(finding.get("severity")), "warning"),
        "message": {"text": _message(citation, finding)},
        "locations": [_location(post, citation)],
        "partialFingerprints": {_FINGERPRINT: fingerprint(post, citation, code)},
        "properties": {
            "post": post.get("url"),
            "citation": citation_label(citation),
            "kind": citation.get("kind"),
            "url": citation.get("url"),
            "finalUrl": citation.get("final_url"),
            "status": citation.get("status"),
            "failing": bool(finding.get("failing")),
            "suggestion": finding.get("suggestion"),
            "archiveUrl": finding.get("archive_url"),
        },
    }
    if code in _RULE_INDEX:
        result["ruleIndex"] = _RULE_INDEX[code]
    if citation.get("url"):
        result["relatedLocations"] = [
            {
                "id": 1,
                "physicalLocation": {"artifactLocation": {"uri": _uri(str(citation["url"]))}},
                "message": {"text": "the cited source"},
            }
        ]
    return result


def _problem_result(problem: Mapping[str, Any], document: Mapping[str, Any]) -> dict[str, Any]:
    code = str(problem.get("code"))
    subject = problem.get("subject")
    inputs = document.get("inputs") or [""]
    where = str(subject if subject else inputs[0])
    message = f"{problem_label(problem)}: {one_line(problem.get('message') or code, 1000)}"
    if problem.get("suggestion"):
        message += f"\nsuggestion: {one_line(problem['suggestion'], 1000)}"
    key = "\x1f".join(("problem", str(subject), code))
    result: dict[str, Any] = {
        "ruleId": code,
        "level": _LEVELS.get(str(problem.get("severity")), "warning"),
        "message": {"text": message},
        "locations": [{"physicalLocation": {"artifactLocation": _artifact(where)}}],
        "partialFingerprints": {_FINGERPRINT: hashlib.sha256(key.encode("utf-8")).hexdigest()},
        "properties": {
            "subject": subject,
            "failing": bool(problem.get("failing")),
            "suggestion": problem.get("suggestion"),
        },
    }
    if code in _RULE_INDEX:
        result["ruleIndex"] = _RULE_INDEX[code]
    return result


def fingerprint(post: Mapping[str, Any], citation: Mapping[str, Any], code: str) -> str:
    """A hash of (post, cited URL or title, code): stable across runs and wording changes."""
    cited = citation.get("cited") or {}
    target = citation.get("url") or cited.get("title") or citation_label(citation)
    key = "\x1f".join((str(post.get("url")), str(target), code))
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def _message(citation: Mapping[str, Any], finding: Mapping[str, Any]) -> str:
    lines = finding_lines(citation, finding)
    return f"{citation_label(citation)}: " + "\n".join([lines[0], *lines[1:]])


def _location(post: Mapping[str, Any], citation: Mapping[str, Any]) -> dict[str, Any]:
    origin = post.get("origin")
    if file_path(origin) is None:
        origin = post.get("url") or origin
    physical: dict[str, Any] = {"artifactLocation": _artifact(str(origin or ""))}
    line = citation.get("line")
    if isinstance(line, int) and line >= 1:
        physical["region"] = {"startLine": line}
    return {
        "physicalLocation": physical,
        "message": {"text": one_line(post.get("title") or post.get("url") or "")},
    }


def _artifact(where: str) -> dict[str, Any]:
    """The artifact location of a file path (relative to the source root: the repository's
    under GitHub Actions, :func:`repository_path`) or a URL."""
    path = repository_path(where)
    if path is not None and not _absolute(path):
        return {"uri": _uri(path), "uriBaseId": "%SRCROOT%"}
    if path is not None:
        return {"uri": "file://" + ("" if path.startswith("/") else "/") + _uri(path)}
    return {"uri": _uri(where)}


def _absolute(path: str) -> bool:
    return path.startswith("/") or PureWindowsPath(path).is_absolute()


def _uri(value: str) -> str:
    """``value`` with characters a URI cannot hold (spaces, controls) percent-encoded."""
    return quote(value, safe="/:?#[]@!$&'()*+,;=%-._~")
