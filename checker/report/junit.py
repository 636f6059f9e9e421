"""report.xml: the run as JUnit XML, the one test-result format every CI server can show.

CI servers already know how to list, count and trend test results, so each post becomes a
``<testsuite>`` and each of its citations a ``<testcase>`` (classname = the post's URL).  Only a
finding the report marks ``failing`` becomes a ``<failure>``, so the red tests in CI are exactly
the findings that set exit status 1; the other findings (warnings, notes) are written to the
test case's ``<system-out>``, where they are visible but fail nothing.  A citation that was not
checked (status ``skipped``) is ``<skipped/>``.  The problems of the run itself (an input that
yielded no post, a post that could not be read, a run that checked nothing) come first, as the
test cases of a suite named ``citecheck run``, one per problem, so a run that checked nothing is
red in CI too; an interrupted run's first case there is in error.  The output validates
against the JUnit schema Jenkins' xunit plugin uses (``junit-10.xsd``), which GitLab, GitHub
test reporters and Azure DevOps also read.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from checker.report._common import (
    accounting_line,
    citation_label,
    finding_lines,
    post_label,
    problem_label,
)

__all__ = ["render"]

# Characters XML 1.0 cannot carry at all, even escaped; they are dropped.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_MAX_ATTRIBUTE = 500
_RUN_SUITE = "citecheck run"


def render(document: dict[str, Any]) -> str:
    """The report dictionary as a JUnit XML ``<testsuites>`` document."""
    suites = [_suite(post, index, document) for index, post in enumerate(document["documents"])]
    if document.get("problems") or document.get("interrupted"):
        suites.insert(0, _problem_suite(document))
    root = ET.Element(
        "testsuites",
        _attributes(
            name=str(document.get("tool", {}).get("name", "citecheck")),
            tests=sum(int(s.get("tests", "0")) for s in suites),
            failures=sum(int(s.get("failures", "0")) for s in suites),
            errors=sum(int(s.get("errors", "0")) for s in suites),
            time=_duration(document),
        ),
    )
    root.extend(suites)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, "unicode") + "\n"


def _suite(post: Mapping[str, Any], index: int, document: Mapping[str, Any]) -> ET.Element:
    citations = post.get("citations", ())
    names = _case_names(citations)
    cases = [_case(c, post, name) for c, name in zip(citations, names, strict=True)]
    suite = ET.Element(
        "testsuite",
        _attributes(
            name=post_label(post),
            tests=len(cases),
            failures=sum(1 for c in cases if c.find("failure") is not None),
            errors=0,
            skipped=sum(1 for c in cases if c.find("skipped") is not None),
            timestamp=document.get("started"),
            id=index,
            url=post.get("url"),
            file=post.get("origin"),
        ),
    )
    properties = ET.SubElement(suite, "properties")
    for name in ("url", "origin", "title", "published"):
        if post.get(name):
            ET.SubElement(properties, "property", _attributes(name=name, value=post[name]))
    suite.extend(cases)
    return suite


def _problem_suite(document: Mapping[str, Any]) -> ET.Element:
    """The run's own problems: one test case per problem, failing when the problem fails; an
    interrupted run's first case is in error (:func:`_interrupted_case`)."""
    cases = [_problem_case(p) for p in document.get("problems", ())]
    if document.get("interrupted"):
        cases.insert(0, _interrupted_case(document))
    suite = ET.Element(
        "testsuite",
        _attributes(
            name=_RUN_SUITE,
            tests=len(cases),
            failures=sum(1 for c in cases if c.find("failure") is not None),
            errors=sum(1 for c in cases if c.find("error") is not None),
            skipped=0,
            timestamp=document.get("started"),
            id=-1,
        ),
    )
    suite.extend(cases)
    return suite


def _interrupted_case(document: Mapping[str, Any]) -> ET.Element:
    """An interrupted run (report.json's ``"interrupted"``) as a test case in error: its
    citations not checked are only ``<skipped/>``, and a CI server that shows the file's counts
    (no failure, some skipped) would show the run as passed."""
    case = ET.Element("testcase", _attributes(name="interrupted", classname=_RUN_SUITE, time=0))
    line = accounting_line(document)
    error = ET.SubElement(case, "error", _attributes(type="interrupted", message=line))
    error.text = _text(line)
    return case


def _problem_case(problem: Mapping[str, Any]) -> ET.Element:
    subject = problem_label(problem)
    case = ET.Element(
        "testcase",
        _attributes(name=f"{problem.get('code')}: {subject}", classname=_RUN_SUITE, time=0),
    )
    details = f"{problem.get('severity')} {problem.get('code')}: {problem.get('message')}"
    if problem.get("suggestion"):
        details += f"\nsuggestion: {problem['suggestion']}"
    details += f"\nsubject: {subject}"
    if problem.get("failing"):
        failure = ET.SubElement(
            case,
            "failure",
            _attributes(type=problem.get("code"), message=problem.get("message")),
        )
        failure.text = _text(details)
    else:
        ET.SubElement(case, "system-out").text = _text(details)
    return case


def _case_names(citations: Sequence[Mapping[str, Any]]) -> list[str]:
    """Each citation's test-case name, unique in its post's suite.

    GitLab keys a test case by its classname (the post) and name and shows one case of each
    pair (gitlab-org/gitlab#237920): three quotes from one article, or one URL cited on two
    lines, were one case there, and a failing one could hide behind a passing one.  A name
    that repeats gets the citation's line, ``quote https://… (line 12)``, and one that still
    repeats its place among them, ``[2]``; every other name stays as it was.  Names are cut
    to the attribute limit (and XML's characters) before they are compared, and the suffixes
    cut the name, never each other (cut from the end, ``(line 3)`` went and two lines' names
    joined again); a numbered name already taken (a cited ``X [1]``) is passed over.
    """
    bases = [_text(citation_label(c))[:_MAX_ATTRIBUTE] for c in citations]
    counts = Counter(bases)
    if len(counts) == len(bases):  # the usual post: no name repeats
        return bases
    lines = [
        f" (line {c['line']})" if counts[base] > 1 and c.get("line") else ""
        for base, c in zip(bases, citations, strict=True)
    ]
    names = [_suffixed(base, line) for base, line in zip(bases, lines, strict=True)]
    counts = Counter(names)
    taken = {name for name in names if counts[name] == 1}
    places: Counter[str] = Counter()
    unique = []
    for base, line, name in zip(bases, lines, names, strict=True):
        if counts[name] == 1:
            unique.append(name)
            continue
        while (numbered := _suffixed(base, f"{line} [{places[name] + 1}]")) in taken:
            places[name] += 1  # a name cut short, or one written ``X [1]``, is there already
        places[name] += 1
        taken.add(numbered)
        unique.append(numbered)
    return unique


def _suffixed(name: str, suffix: str) -> str:
    """``name`` ending in ``suffix``, within the attribute limit."""
    return name[: _MAX_ATTRIBUTE - len(suffix)] + suffix


def _case(citation: Mapping[str, Any], post: Mapping[str, Any], name: str) -> ET.Element:
    """The citation's test case; ``name`` is XML-safe and cut already (:func:`_case_names`)."""
    attributes = {"name": name, **_attributes(classname=post.get("url") or "", time=0)}
    case = ET.Element("testcase", attributes)
    findings = list(citation.get("findings", ()))
    for finding in (f for f in findings if f.get("failing")):
        failure = ET.SubElement(
            case,
            "failure",
            _attributes(type=finding.get("code"), message=finding.get("message")),
        )
        failure.text = _text(_details(citation, finding))
    if citation.get("status") == "skipped":
        ET.SubElement(case, "skipped", _attributes(message=citation.get("note") or "not checked"))
    quiet = [f for f in findings if not f.get("failing")]
    if quiet:
        out = ET.SubElement(case, "system-out")
        out.text = _text("\n\n".join(_details(citation, f) for f in quiet))
    return case


def _details(citation: Mapping[str, Any], finding: Mapping[str, Any]) -> str:
    head = f"{finding.get('severity')} {finding.get('code')}: "
    lines = finding_lines(citation, finding)
    where = [f"line: {citation['line']}"] if citation.get("line") else []
    status = [f"status: {citation.get('status')}"]
    return "\n".join([head + lines[0], *lines[1:], *status, *where])


def _attributes(**values: object) -> dict[str, str]:
    """XML-safe string attributes; ``None`` values are left out."""
    kept = {key: value for key, value in values.items() if value is not None}
    return {key: _text(str(value))[:_MAX_ATTRIBUTE] for key, value in kept.items()}


def _text(value: str) -> str:
    return _NOT_XML.sub("", value)


def _duration(document: Mapping[str, Any]) -> str | None:
    """Seconds between ``started`` and ``finished``, when both are ISO 8601 timestamps."""
    try:
        started = datetime.fromisoformat(str(document.get("started")))
        finished = datetime.fromisoformat(str(document.get("finished")))
        seconds = (finished - started).total_seconds()
    except (TypeError, ValueError):
        return None
    return f"{max(seconds, 0.0):.3f}"
