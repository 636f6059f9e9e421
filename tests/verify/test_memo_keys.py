"""A citation's memo keys, made once a citation from the fields they need (issue 19, a cold
store's cost): the plain keys and the judgement's share the subject, the answer's fields and
its text's digest, and the subject is written from the citation's values, not its ``repr``."""

from __future__ import annotations

import asyncio
import dataclasses
import hashlib
from pathlib import Path

import pytest

import checker.verify.citation as citation_module
from checker.config import Config
from checker.memo import SqliteMemo, keep, recall
from checker.model import (
    Citation,
    CitationKind,
    Cited,
    FetchResult,
    Outcome,
    Platform,
    Status,
    VaultNote,
)
from checker.verify.citation import Judgement, memo_keys, verify_citation
from tests.verify.test_plain_reuse import ARTICLE, ARTICLE_PAGE, BARE_PAGE, _not_found, _page, _Web

_CITATION = Citation(
    CitationKind.LINK,
    ARTICLE,
    Cited(title="Minister signs", alt_titles=("One",), author="A. Writer", archived=("x",)),
    line=3,
    context="the minister signed",
)


def test_a_citation_judged_beside_a_sibling_has_its_answer_fingerprinted_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A deep page with no article marker is judged beside its site's sibling: its plain keys
    (looked up, never kept) and the judgement's were made apart, each hashing the page's text
    and writing the answer's fields again (~40 µs a citation on a cold store)."""
    hashed: list[bytes] = []
    digest = citation_module.body_digest

    def counted(body: bytes) -> str:
        hashed.append(body)
        return digest(body)

    monkeypatch.setattr(citation_module, "body_digest", counted)
    web = _Web({ARTICLE: _page(ARTICLE, BARE_PAGE)}, _not_found)
    with SqliteMemo(tmp_path / "store.sqlite3") as memo:
        cold = asyncio.run(verify_citation(_CITATION, web, Config(), memo=memo))
    assert hashed == [BARE_PAGE.encode()]
    assert cold == asyncio.run(verify_citation(_CITATION, web, Config()))
    # kept under the judgement's keys, as :func:`memo_keys` makes them; taken back warm
    sibling = asyncio.run(citation_module.probe_sibling(ARTICLE, web))
    keys = memo_keys(_CITATION, _page(ARTICLE, BARE_PAGE), sibling)
    with SqliteMemo(tmp_path / "store.sqlite3") as memo:
        kept = recall(memo, *keys, Judgement)
        assert kept is not None and kept.status is cold.status
        assert asyncio.run(verify_citation(_CITATION, web, Config(), memo=memo)) == cold


def test_a_memo_subject_is_written_without_the_citations_repr(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The dataclasses' ``repr`` (a citation's and its ``Cited``'s) is a Python call per field
    (~10 µs a citation): the subject is a digest of the values themselves, the same for an
    equal citation and for an unhashable one's (a library caller's list) every call."""

    def refused(self: object) -> str:
        raise AssertionError("repr of a citation in its memo keys")

    monkeypatch.setattr(Citation, "__repr__", refused)
    monkeypatch.setattr(Cited, "__repr__", refused)
    result = FetchResult(ARTICLE, Outcome.OK, status_code=200, text="<p>one</p>")
    subject, inputs = memo_keys(_CITATION, result)
    twin = dataclasses.replace(_CITATION, cited=dataclasses.replace(_CITATION.cited))
    assert memo_keys(twin, result) == (subject, inputs)
    assert subject.startswith("judge:") and len(subject) == len("judge:") + 64
    listed = Citation(CitationKind.LINK, ARTICLE, fragments=["a"])  # type: ignore[arg-type]
    assert memo_keys(listed, result)[0] == memo_keys(listed, result)[0] != subject


def _changed(value: object) -> object:
    """A value of ``value``'s kind that differs from it."""
    if isinstance(value, CitationKind):
        return CitationKind.SOURCE if value is not CitationKind.SOURCE else CitationKind.LINK
    if value is None:
        return "set"
    if isinstance(value, bool):
        return not value
    if isinstance(value, int):
        return value + 1
    if isinstance(value, tuple):
        return (*value, "more")
    return f"{value} more"


def test_each_field_of_a_citation_is_in_its_memo_subject() -> None:
    """Judging reads the citation's claims; two citations that differ in any field must never
    share a judgement, so a field added to :class:`Citation` or :class:`Cited` must be written
    into ``_subject`` (a guard: it held with ``repr`` too)."""
    result = FetchResult(ARTICLE, Outcome.OK, status_code=200, text="<p>one</p>")
    subject = memo_keys(_CITATION, result)[0]
    seen = {subject}
    for field in dataclasses.fields(Cited):
        cited = dataclasses.replace(
            _CITATION.cited, **{field.name: _changed(getattr(_CITATION.cited, field.name))}
        )
        seen.add(memo_keys(dataclasses.replace(_CITATION, cited=cited), result)[0])
    for field in dataclasses.fields(Citation):
        if field.name == "cited":
            continue
        value = getattr(_CITATION, field.name)
        enums = {"platform": Platform.TWITTER, "vault_note": VaultNote.UNWRITTEN}
        changed = enums[field.name] if field.name in enums else _changed(value)
        seen.add(memo_keys(dataclasses.replace(_CITATION, **{field.name: changed}), result)[0])
    assert len(seen) == 1 + len(dataclasses.fields(Cited)) + len(dataclasses.fields(Citation)) - 1


def test_judgements_kept_under_the_former_subjects_are_judged_again_to_the_same_verdict(
    tmp_path: Path,
) -> None:
    """A store written before kept each judgement under ``"judge:"`` and the SHA-256 of the
    citation's ``repr``: those rows are never taken (a wrong judgement planted there moves no
    verdict), each citation is judged again as a store without them would have it, and its
    judgement is kept under its own subject for the next run."""
    web = _Web({ARTICLE: _page(ARTICLE, BARE_PAGE)}, _not_found)
    fresh = asyncio.run(verify_citation(_CITATION, web, Config()))
    sibling = asyncio.run(citation_module.probe_sibling(ARTICLE, web))
    answer = _page(ARTICLE, BARE_PAGE)
    former = "judge:" + hashlib.sha256(repr(_CITATION).encode()).hexdigest()
    planted = Judgement(Status.BROKEN, (), fresh.observed, "planted")
    assert planted.status is not fresh.status
    with SqliteMemo(tmp_path / "store.sqlite3") as memo:
        keep(memo, former, memo_keys(_CITATION, answer, sibling)[1], planted)
    with SqliteMemo(tmp_path / "store.sqlite3") as memo:
        assert asyncio.run(verify_citation(_CITATION, web, Config(), memo=memo)) == fresh
    with SqliteMemo(tmp_path / "store.sqlite3") as memo:
        kept = recall(memo, *memo_keys(_CITATION, answer, sibling), Judgement)
        assert kept is not None and kept.status is fresh.status


def test_an_answer_that_needs_a_sibling_is_not_looked_up_under_its_plain_keys(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A network answer needing a sibling is never kept under its plain keys (only one needing
    none is), so they are neither made nor looked up: one look-up a citation, the judgement's,
    where a cold run made two for nearly every citation (issue 19).  An answer needing none is
    still looked up under its plain keys first, and both verdicts are the memo-less ones."""
    looked_up: list[str] = []
    recalled = citation_module._recalled

    async def counted(memo: SqliteMemo, keys: tuple[str, str]) -> Judgement | None:
        looked_up.append(keys[1])
        return await recalled(memo, keys)

    monkeypatch.setattr(citation_module, "_recalled", counted)
    bare = _Web({ARTICLE: _page(ARTICLE, BARE_PAGE)}, _not_found)
    article = _Web({ARTICLE: _page(ARTICLE, ARTICLE_PAGE)}, _not_found)
    with SqliteMemo(tmp_path / "store.sqlite3") as memo:
        beside = asyncio.run(verify_citation(_CITATION, bare, Config(), memo=memo))
        assert len(looked_up) == 1
        assert not looked_up[0].endswith(":forwards nowhere")  # the judgement's, beside it
        looked_up.clear()
        alone = asyncio.run(verify_citation(_CITATION, article, Config(), memo=memo))
        assert [key.endswith(":forwards nowhere") for key in looked_up] == [True]
    assert beside == asyncio.run(verify_citation(_CITATION, bare, Config()))
    assert alone == asyncio.run(verify_citation(_CITATION, article, Config()))
    # the judgement kept beside the sibling is taken back as before
    with SqliteMemo(tmp_path / "store.sqlite3") as memo:
        assert asyncio.run(verify_citation(_CITATION, bare, Config(), memo=memo)) == beside


def test_a_citations_memo_keys_are_written_without_repr_of_their_values() -> None:
    """``repr`` of the subject's values and of the answer's fields checks each character of a
    post's context for printability (~5 µs a key on a CJK post, a cold store's every citation,
    issue 19): they are written by ``marshal`` (format 0: the same bytes in any process), and
    the keys still tell apart every value ``repr`` told apart."""
    import sys  # noqa: PLC0415

    context = "政府関係者によると、合意文書の署名は来週にも行われる見通しだ。" * 3
    cjk = dataclasses.replace(_CITATION, context=context, post_cjk=True)
    result = FetchResult(ARTICLE, Outcome.OK, status_code=200, text="<p>一つ</p>")
    calls: list[str] = []

    def watch(frame: object, event: str, arg: object) -> None:
        if event == "c_call" and getattr(arg, "__name__", "") == "repr":
            calls.append(event)

    sys.setprofile(watch)
    try:
        keys = memo_keys(cjk, result)
    finally:
        sys.setprofile(None)
    assert calls == []
    assert memo_keys(dataclasses.replace(cjk), result) == keys
    # values whose repr differs give other keys: a number against its text, None against "None",
    # a list against a tuple (a library caller's), True against 1
    for other in (
        dataclasses.replace(cjk, line=None),
        dataclasses.replace(cjk, context="None"),
        dataclasses.replace(cjk, context=None),
        dataclasses.replace(cjk, post_cjk=None),
        dataclasses.replace(cjk, fragments=["a"]),  # type: ignore[arg-type]
        dataclasses.replace(cjk, fragments=("a",)),
    ):
        assert memo_keys(other, result)[0] != keys[0]
    numbered = dataclasses.replace(cjk, line=1)
    flagged = dataclasses.replace(cjk, line=True)  # a bool where an int goes: another key
    assert memo_keys(numbered, result)[0] != memo_keys(flagged, result)[0]
    assert memo_keys(cjk, dataclasses.replace(result, status_code=201))[1] != keys[1]
    assert memo_keys(cjk, dataclasses.replace(result, failing_since="x"))[1] != keys[1]


def test_a_pages_link_header_is_fingerprinted_only_for_an_archives_copy() -> None:
    """``Link`` is read only of an archive's copy (its original): a page's preload hints,
    changed by each deploy, changed its memo inputs with nothing judged changed (mend 33n)."""

    def inputs(url: str, link: str) -> str:
        answer = FetchResult(
            url,
            Outcome.OK,
            final_url=url,
            status_code=200,
            headers={"Link": link, "Content-Type": "text/html"},
            text=ARTICLE_PAGE,
        )
        citation = dataclasses.replace(_CITATION, url=url)
        return memo_keys(citation, answer, text_digest="d")[1]

    first, second = "</app.1a2b.js>; rel=preload", "</app.9f8e.js>; rel=preload"
    assert inputs(ARTICLE, first) == inputs(ARTICLE, second)
    copy = "https://archive.ph/AbCd1"
    assert inputs(copy, '<https://a.test/x>; rel="original"') != inputs(
        copy, '<https://b.test/y>; rel="original"'
    )
