"""A baseline: today's findings, recorded so that later runs fail only on new ones.

Adopting a checker on a blog with years of posts means hundreds of known findings at once; a CI
gate that fails on all of them is switched off.  ``citecheck baseline`` records the findings of a
run in ``citecheck-baseline.json``; a later ``citecheck check`` that finds that file still reports
every finding, but marks the recorded ones ``baselined`` and does not fail on them.

A finding is identified by :class:`FindingKey`: the post's URL, the citation's kind, the cited URL
(or, for a citation without one, the cited title) and the finding code.  Messages are left out on
purpose: they carry observed titles, status codes and dates that change from run to run while the
problem stays the same.  URLs are keyed redacted (:func:`checker.redact.redact_url`): the file is
made to be committed beside the posts, and a cited ``https://user:pw@…`` or ``?token=…`` must not
go with it; redaction is a pure function, so the same citation keys the same way in every run.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from checker.atomic import replace_atomically
from checker.config import read_capped
from checker.errors import ConfigError, ReportError
from checker.model import Citation, Document, Finding, Report
from checker.redact import redact_url

__all__ = ["BASELINE_VERSION", "Baseline", "FindingKey", "read_baseline", "write_baseline"]

BASELINE_VERSION = 1
_MAX_BASELINE_BYTES = 256 * 2**20
"""A baseline's bytes at most: ~1 M recorded findings (``--baseline /dev/zero`` ran the
process out of memory, probe 20)."""


@dataclass(frozen=True, slots=True, order=True)
class FindingKey:
    """What makes a finding the same finding in another run."""

    post: str
    kind: str
    target: str
    code: str

    @classmethod
    def of(cls, document: Document, citation: Citation, finding: Finding) -> FindingKey:
        """The key of ``finding`` on ``citation`` in ``document``."""
        target = redact_url(citation.url) if citation.url else citation.cited.title or ""
        return cls(redact_url(document.url), citation.kind.value, target, finding.code.value)


@dataclass(frozen=True, slots=True)
class Baseline:
    """The set of recorded findings; ``covers`` is the predicate the report stage takes."""

    keys: frozenset[FindingKey] = frozenset()

    @classmethod
    def of(cls, report: Report) -> Baseline:
        """Every finding of ``report``."""
        return cls(
            frozenset(
                FindingKey.of(d.document, c.citation, f)
                for d in report.documents
                for c in d.citations
                for f in c.findings
            )
        )

    def covers(self, document: Document, citation: Citation, finding: Finding) -> bool:
        """Whether this finding was recorded in the baseline."""
        return FindingKey.of(document, citation, finding) in self.keys


def read_baseline(path: Path, *, required: bool = False) -> Baseline | None:
    """The baseline recorded in ``path``, or ``None`` when there is no such file.

    A missing file is only normal for the default ``citecheck-baseline.json`` (a project that
    never recorded one); a baseline someone named (``--baseline FILE``, ``baseline = …``) that is
    not there is ``required``: ignoring it would fail CI on every known finding, or, worse, hide
    that the gate is not the one the user set up.
    """
    try:
        data = json.loads(read_capped(path, _MAX_BASELINE_BYTES).decode("utf-8"))
    except FileNotFoundError:
        if required:
            raise ConfigError(
                f"baseline {path}: no such file; record one with citecheck baseline"
            ) from None
        return None
    except (OSError, ValueError, RecursionError) as exc:  # ValueError: bad UTF-8, JSON, size
        # RecursionError: JSON nested deeper than the parser goes; the file is input (probe 20)
        raise ConfigError(
            f"baseline {path} cannot be read ({exc}); record it again with citecheck baseline"
        ) from exc
    return Baseline(_keys(data, path))


def _keys(data: Any, path: Path) -> frozenset[FindingKey]:
    hint = "record it again with citecheck baseline"
    # ``type(...) is int``: ``true`` and ``1.0`` equal 1 in Python, and are no version 1.
    version = data.get("baseline_version") if isinstance(data, dict) else None
    if type(version) is not int or version != BASELINE_VERSION:
        raise ConfigError(f"baseline {path} is not a citecheck baseline (version 1); {hint}")
    entries = data.get("findings")
    fields = ("post", "kind", "target", "code")
    if not isinstance(entries, list) or not all(
        isinstance(e, dict) and all(isinstance(e.get(k), str) for k in fields) for e in entries
    ):
        raise ConfigError(f"baseline {path}: findings must list {', '.join(fields)}; {hint}")
    return frozenset(FindingKey(*(e[k] for k in fields)) for e in entries)


def write_baseline(path: Path, report: Report) -> Baseline:
    """Record every finding of ``report`` in ``path`` (atomically); return the Baseline."""
    baseline = Baseline.of(report)
    entries = [
        {"post": k.post, "kind": k.kind, "target": k.target, "code": k.code}
        for k in sorted(baseline.keys)
    ]
    data = {
        "baseline_version": BASELINE_VERSION,
        "tool": {"name": "citecheck", "version": report.version},
        "recorded": report.finished,
        "inputs": list(report.inputs),
        "findings": entries,
    }
    text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        replace_atomically(path, text.encode("utf-8"))
    except OSError as exc:
        raise ReportError(f"cannot write baseline {path}: {exc}") from exc
    return baseline
