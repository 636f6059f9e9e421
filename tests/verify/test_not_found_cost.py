"""What the "not found" checks spend on an article (issue 19: the Zipf regime's judging).

A long article's title, headings and lead blocks were each split into clauses and read by the
lexicon (~25 µs a text, five to ten texts an article) although none held a word any message
holds.  These tests hold the gated answers to the lexicon's own and count what the gate spares:
the clause split, the lexicon, the name keys; and that the look-ups a page without ``<main>``
makes are compiled once, not at every page.  Counted, never timed.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest

from checker.verify import soft404
from checker.verify.soft404 import (
    _MAX_FRAGMENT,
    _PREDICATES,
    _WEAK_PREDICATES,
    PageShape,
    _headline_about_it,
    _is_message_clause,
    _restated,
    _states_cjk,
    is_not_found_message,
    not_found_in,
    statements,
)


def _lexicon(text: str, bare_status: bool) -> bool:
    """``is_not_found_message`` as it read every text: the clause split and the lexicon."""
    fragment = text[:_MAX_FRAGMENT]
    if _states_cjk(fragment):
        return True
    return any(_is_message_clause(part, bare_status) for part in statements(fragment))


_TEXTS = [
    *(f"Page {' '.join(p)}" for p in sorted(_PREDICATES | _WEAK_PREDICATES)),
    *(f"Sorry, the article {' '.join(p)}." for p in sorted(_PREDICATES)),
    "404",
    "Error 404",
    "Oops! 404",
    "404 Page",
    "410 Gone",
    "404エラー",
    "404 ページ",
    "４０４",  # full width: NFKC's
    "Ｐａｇｅ Ｎｏｔ Ｆｏｕｎｄ",
    "Page not fo\u00adund",  # a soft hyphen the fold drops
    "PAGE NOT FOUND",
    "Seite nicht verfügbar",
    "Página no encontrada",
    "Cette page est introuvable",
    "Strona nie została znaleziona – jak naprawić błąd 404",
    "ページが見つかりません",
    "「ページが見つかりません」",
    "お探しのページ",
    "页面不存在",
    "페이지를 찾을 수 없습니다",
    "ไม่พบหน้าที่คุณต้องการ",
    "This story has expired and is no longer available",
    "Page not found? Fixing Next.js routing",
    "Page not found? | Example News",
    "According parliament strategy war region",
    "By Maria Smith",
    "July 23, 2025",
    "Talks stall | Example News",
    "The 404 Club",
    "Plane not found",
    "Straße",
    "Ukraine ceasefire talks stall as envoys leave Geneva",
]


@pytest.mark.parametrize("text", _TEXTS)
@pytest.mark.parametrize("bare_status", [True, False])
def test_the_gate_answers_as_the_lexicon(text: str, bare_status: bool) -> None:
    assert is_not_found_message(text, bare_status=bare_status) == _lexicon(text, bare_status)


def test_the_gate_lets_messages_through() -> None:
    """Not a gate that shuts: the texts above hold messages it must still read."""
    said = [t for t in _TEXTS if is_not_found_message(t)]
    assert "Page not found" in said
    assert "404エラー" in said and "Ｐａｇｅ Ｎｏｔ Ｆｏｕｎｄ" in said
    assert "Seite nicht verfügbar" in said and "ページが見つかりません" in said


def _refused(*args: Any, **kwargs: Any) -> Any:
    raise AssertionError(f"read by the lexicon: {args!r}")


_HEADLINES = [
    "Ukraine ceasefire talks stall as envoys leave Geneva",
    "By Maria Smith",
    "July 23, 2025",
    "Talks stall | Example News",
    "Straße über die Alpen – Verkehr",
]


@pytest.mark.parametrize("text", _HEADLINES)
def test_a_text_without_a_key_word_is_not_read_by_the_lexicon(
    text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(soft404, "statements", _refused)
    monkeypatch.setattr(soft404, "_is_message_clause", _refused)
    monkeypatch.setattr(soft404, "_states_cjk", _refused)
    assert not is_not_found_message(text)
    assert not _headline_about_it(text)


def _article(lead: tuple[str, ...], title: str = "Talks stall | Example News") -> PageShape:
    return PageShape(
        title=title,
        headings=("Talks stall",),
        lead=lead,
        text_chars=5_000,
        link_share=0.0,
        article_meta=True,
        dated=True,
    )


def test_an_article_without_a_message_keys_no_names(monkeypatch: pytest.MonkeyPatch) -> None:
    """The names of the title and headings are keyed only when a lead block is a message."""
    monkeypatch.setattr(soft404, "_name_key", _refused)
    shape = _article(("Talks stall", "By Maria Smith", "July 23, 2025"))
    assert not _restated(shape)
    assert not_found_in(shape) is None


def test_a_restated_message_is_still_found() -> None:
    restated = _article(
        ("Page not found", "Sorry, the page you were looking for could not be found."),
        title="Page not found | Example News",
    )
    assert _restated(restated)
    assert not_found_in(restated) == "Page not found | Example News"
    # the message only as the title and headline, not restated under it: an article about it
    about = replace(restated, headings=("Page not found",), lead=("Page not found", "By M. S."))
    assert not _restated(about)


_ROLE_MAIN = (
    "<html><head><title>Talks stall</title></head><body><div>Menu link text</div>"
    '<div role="main"><p>The talks stalled again this week.</p></div>'
    '<div itemprop="datePublished">2025-02-03</div></body></html>'
)


def test_a_page_without_main_is_read_through_compiled_expressions(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The role="main" and microdata look-ups are compiled once, not at every page
    (``root.xpath`` compiled its expression each call: a third of its ~65 µs on an article)."""
    asked: list[str] = []
    for name in ("_main_role", "_microdata"):
        compiled = getattr(soft404, name)

        def counted(_name: str = name, _compiled: Any = compiled) -> Any:
            asked.append(_name)
            return _compiled()

        monkeypatch.setattr(soft404, name, counted)
    shape = soft404.lead_shape(_ROLE_MAIN)
    assert shape.lead == ("The talks stalled again this week.",)  # the role="main" text only
    assert shape.article_meta and shape.dated  # the microdata's publication date
    assert sorted(asked) == ["_main_role", "_microdata"]
