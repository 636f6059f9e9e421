"""The report's posts are built one at a time as they are written (issue 19).

At 20,000 citations the dictionaries of every post took 24.6 MB on top of the model they come
from, all held while the reports were written.  ``build_document`` now gives the posts as a
``Posts`` sequence that builds each post when it is read and keeps none: writing report.json
and report.md holds one post's dictionary at a time, and the files are the bytes the whole
dictionary gave.
"""

from __future__ import annotations

import json
import tracemalloc
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from hostile_sample import hostile_report

import checker.report.document as document_module
from checker.config import Config
from checker.model import Report
from checker.report import FORMATS, build_document, failure_lines, others_line, write_reports

_FORMATS = ("json", "md", "html", "csv", "sarif", "junit")


class _Spy:
    """Counts the posts' dictionaries built, and how many are alive at once."""

    def __init__(self) -> None:
        self.built = self.alive = self.most_alive = 0

    def freed(self) -> None:
        self.alive -= 1


def _watched(spy: _Spy, monkeypatch: pytest.MonkeyPatch) -> None:
    class _Post(dict[str, Any]):
        def __del__(self) -> None:
            spy.freed()

    real = document_module._document

    def built(*args: Any) -> dict[str, Any]:
        spy.built += 1
        spy.alive += 1
        spy.most_alive = max(spy.most_alive, spy.alive)
        return _Post(real(*args))

    monkeypatch.setattr(document_module, "_document", built)


def _many(report: Report, copies: int) -> Report:
    """``report``'s posts ``copies`` times; every other copy's citations have no finding."""
    posts = tuple(
        replace(
            d,
            document=replace(d.document, url=f"{d.document.url}?{n}"),
            citations=d.citations if n % 2 else tuple(replace(c, findings=()) for c in d.citations),
        )
        for n in range(copies)
        for d in report.documents
    )
    return replace(report, documents=posts)


def test_writing_json_and_md_builds_each_post_when_written_and_keeps_none(
    report: Report, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    spy = _Spy()
    _watched(spy, monkeypatch)
    big = _many(report, 20)
    document = build_document(big, config=Config())
    assert spy.built == 0  # the summary and accounting come from the model
    write_reports(document, report_dir=tmp_path, formats=("json", "md"))
    with_findings = sum(any(c.findings for c in d.citations) for d in big.documents)
    assert 0 < with_findings < len(big.documents)
    # json reads every post once; md those with findings once (its counts table reads the
    # findings' marks from the model, issue 19: CPU per URL); none kept
    assert spy.built == len(big.documents) + with_findings
    assert spy.most_alive <= 2 and spy.alive == 0  # a post, and the last while it is built
    failure_lines(document, more_in="report.md")
    others_line(document, more_in="report.md")
    # the terminal: the failing lines read the posts with findings, the "do not fail" line none
    assert spy.built == len(big.documents) + 2 * with_findings


@pytest.mark.parametrize("source", ["sample", "hostile", "many"])
def test_every_format_writes_the_bytes_of_the_whole_dictionary(
    source: str, report: Report, tmp_path: Path
) -> None:
    chosen = {"sample": report, "hostile": hostile_report(), "many": _many(report, 30)}[source]
    lazy = build_document(chosen, config=Config())
    whole = dict(lazy)
    whole["documents"] = list(lazy["documents"])  # a plain list: every post held at once
    write_reports(lazy, report_dir=tmp_path / "lazy", formats=_FORMATS)
    write_reports(whole, report_dir=tmp_path / "whole", formats=_FORMATS)
    for path in sorted((tmp_path / "whole").iterdir()):
        assert (tmp_path / "lazy" / path.name).read_bytes() == path.read_bytes(), path.name
    expected = json.dumps(whole, ensure_ascii=False, indent=2) + "\n"
    assert (tmp_path / "lazy" / "report.json").read_text(encoding="utf-8") == expected
    assert set(_FORMATS) == set(FORMATS)


def test_the_posts_read_as_a_sequence_of_dictionaries(report: Report) -> None:
    posts = build_document(report, config=Config())["documents"]
    assert len(posts) == len(report.documents) and not isinstance(posts, list)
    assert posts[0] == next(iter(posts)) and posts[-1:] == list(posts)[-1:]
    assert posts == list(posts)
    with pytest.raises(TypeError):  # a list's storage would be empty: refused, not written so
        json.dumps(posts)


@pytest.mark.parametrize("name", ["json", "md"])
def test_the_default_reports_are_built_and_written_in_a_batchs_memory(
    name: str, report: Report, tmp_path: Path
) -> None:
    """Post by post and streamed, the traced peak of building and writing a report is a write
    batch's (~0.6 MB), not a share of the report: the whole dictionary (~1.4x report.json's
    size) and Markdown's whole text with its copies (~6x report.md's) were held (issue 19)."""
    big = _many(report, 400)
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        document = build_document(big, config=Config())
        [path] = write_reports(document, report_dir=tmp_path, formats=(name,))
        peak = tracemalloc.get_traced_memory()[1] - before
    finally:
        tracemalloc.stop()
    size = path.stat().st_size
    assert size > 400_000
    assert peak < 1_000_000 + size // 10, f"{peak / size:.2f}x the size of {path.name}"


@pytest.mark.parametrize("source", ["sample", "hostile"])
def test_finding_marks_say_what_the_built_posts_say(source: str, report: Report) -> None:
    """The marks counted without building a post are the built findings' own values, a
    baselined finding (never failing) included."""
    from checker.report._common import finding_marks  # noqa: PLC0415

    chosen = report if source == "sample" else hostile_report()
    first = next(f for d in chosen.documents for c in d.citations for f in c.findings)
    lazy = build_document(chosen, config=Config(), baselined=lambda d, c, f: f is first)
    whole = dict(lazy)
    whole["documents"] = list(lazy["documents"])
    marks = list(finding_marks(lazy))
    assert marks == list(finding_marks(whole))
    assert marks and marks[0].baselined and not marks[0].failing
    assert (
        sum(m.failing for m in marks) + sum(p["failing"] for p in lazy["problems"])
        == lazy["summary"]["failing"]
    )


def test_the_formats_that_show_findings_build_only_the_citations_with_one(
    report: Report, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Markdown, the terminal and the annotations show nothing of a citation without a finding:
    the posts they read hold only the others, which are all that is built for them (a post's
    citations without a finding were ~90 % of building it on the bench corpus, issue 19)."""
    from checker.report import github_annotations  # noqa: PLC0415
    from checker.report._common import posts_with_findings  # noqa: PLC0415

    big = _many(report, 4)
    document = build_document(big, config=Config())
    whole = dict(document)
    whole["documents"] = list(document["documents"])
    flagged = sum(bool(c.findings) for d in big.documents for c in d.citations)
    in_posts_with_findings = sum(
        len(d.citations) for d in big.documents if any(c.findings for c in d.citations)
    )
    assert 0 < flagged < in_posts_with_findings
    real = document_module._citation
    built = []

    def counted(*args: Any) -> dict[str, Any]:
        built.append(args)
        return real(*args)

    monkeypatch.setattr(document_module, "_citation", counted)
    write_reports(document, report_dir=tmp_path, formats=("md",))
    failure_lines(document, more_in="report.md")
    github_annotations(document)
    assert len(built) == 3 * flagged
    for posts in (posts_with_findings(document), posts_with_findings(whole)):
        citations = [c for post in posts for c in post["citations"]]
        assert len(citations) == flagged and all(c["findings"] for c in citations)


def test_the_html_report_builds_each_post_once(
    report: Report, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Its chart counts the findings, and whether it has any, from their marks, not from a
    second reading of the posts (which built every post twice, issue 19)."""
    spy = _Spy()
    _watched(spy, monkeypatch)
    big = _many(report, 6)
    write_reports(build_document(big, config=Config()), report_dir=tmp_path, formats=("html",))
    assert spy.built == len(big.documents)


_HOSTILE = "a\u202eb https://user:pw@x.example/p?token=s3cret&n=1 \udcff"
"""A string every cleaning changes, as text and as a URL: a credential, a query secret, a
reordering control and a lone surrogate."""


def _hostile(form: Any) -> Any:
    """A value of the type form ``form`` whose every string is :data:`_HOSTILE`, found by
    reflection over the model: a field added to it later is filled too."""
    import dataclasses  # noqa: PLC0415
    import datetime  # noqa: PLC0415
    import enum  # noqa: PLC0415
    import types  # noqa: PLC0415
    import typing  # noqa: PLC0415

    origin, args = typing.get_origin(form), typing.get_args(form)
    if origin in (typing.Union, types.UnionType):
        return _hostile(next(arg for arg in args if arg is not type(None)))
    if origin is tuple:
        return (_hostile(args[0]),)
    if origin is not None and issubclass(origin, typing.Mapping):
        return {_HOSTILE: _HOSTILE}
    if form is str:
        return _HOSTILE
    if form is bool:
        return True
    if form in (int, float):
        return form(1)
    if form is datetime.date:
        return datetime.date(2024, 5, 1)
    if isinstance(form, type) and issubclass(form, enum.Enum):
        return next(iter(form))
    if dataclasses.is_dataclass(form):
        hints = typing.get_type_hints(form)
        return form(**{f.name: _hostile(hints[f.name]) for f in dataclasses.fields(form)})
    raise TypeError(f"no hostile value for {form!r}")


def test_posts_and_problems_are_built_clean_as_the_walk_over_the_dictionary_cleans() -> None:
    """A post's strings are cleaned field by field as it is built, not by a walk over the built
    dictionary (issue 19, warm rerun): every field of the model holding a hostile string, the
    walk (``_cleaned``) changes nothing more in any post, citation, finding or problem."""
    assert document_module.displayed(_HOSTILE) != _HOSTILE
    assert document_module.displayed(_HOSTILE, url=True) != _HOSTILE
    report = _hostile(Report)
    document = build_document(report, config=Config())
    posts = [*document["documents"], *document["documents"].with_findings()]
    assert posts[0]["citations"] and posts[0]["citations"][0]["findings"]
    assert posts[0]["citations"][0]["evidence"] and posts[0]["citations"][0]["archive"]
    for post in posts:
        assert document_module._cleaned(json.loads(json.dumps(post))) == post
    head = {key: value for key, value in document.items() if key != "documents"}
    assert document_module._cleaned(json.loads(json.dumps(head))) == head
    text = "".join(FORMATS["json"](document))
    assert "s3cret" not in text and "\u202e" not in text and "pw@" not in text
