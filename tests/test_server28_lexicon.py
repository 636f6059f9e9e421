"""The "not found" lexicon on messages real sites write (probe 28), as a pure function.

Polish and Turkish predicates were written without their own letters (``zostala``,
``bulunamadi``): ``ł`` and ``ı`` are letters of their own that no diacritic stripping turns into
``l`` and ``i``, so "Strona nie została znaleziona" and "Sayfa bulunamadı" never matched.  CJK
titles write the status and the error word as one word ("404错误", "404エラー"), one token to a
lexicon whose status words stand alone.  A question ("Page not found?") is no message.
"""

from __future__ import annotations

import pytest

from checker.verify.soft404 import is_not_found_message


@pytest.mark.parametrize(
    "text",
    [
        "Strona nie została znaleziona",
        "Błąd 404",
        "Sayfa bulunamadı",
        "404错误",
        "404錯誤頁面",
        "404エラー",
        "404 페이지",
        "指定されたURLは存在しません",
        "페이지를 찾을 수 없음",
        "존재하지 않는 페이지입니다",
        "Такой страницы не существует.",
        "Lo sentimos, no pudimos encontrar la página que buscas.",
        "Diese Seite gibt es nicht mehr",
        "Lost? Page not found.",
    ],
)
def test_a_message_real_sites_write_is_read(text: str) -> None:
    assert is_not_found_message(text)


@pytest.mark.parametrize(
    "text",
    [
        "Page Not Found? Fixing Next.js Routing",
        "404页面设计指南",
        "404エラーの原因と対処法",
        "Das gibt es nicht",
    ],
)
def test_a_title_about_such_a_message_is_not_one(text: str) -> None:
    assert not is_not_found_message(text)


def test_a_bare_status_is_a_message_only_where_asked() -> None:
    assert is_not_found_message("404 Page")
    assert not is_not_found_message("404 Page", bare_status=False)
    assert is_not_found_message("Page not found", bare_status=False)
