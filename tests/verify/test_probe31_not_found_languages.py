"""Probe 31: a 200 page that says "page not found" in any language is ``soft-404``.

The lexicon knew English, German, French, Spanish, Italian, Portuguese, Dutch, Polish (in part),
Turkish, Russian, Ukrainian, Arabic and CJK: a dead article whose site answered 200 with
"Stránka nenalezena", "Sidan kunde inte hittas", "Không tìm thấy trang" or "הדף לא נמצא" (and
the sibling probe could not tell, the site's other unknown addresses being real 404s) passed as
``ok``, a silent pass.  Each message below is the one a CMS or a theme of that language ships.
"""

from __future__ import annotations

import pytest

from checker.model import CheckedCitation, Status
from checker.sampleweb import Web
from checker.verify.soft404 import is_not_found_message, might_say_not_found
from tests.fetch.support import check_links_on

MESSAGES = {
    "cs": ("Stránka nenalezena", "Požadovaná stránka neexistuje."),
    "sk": ("Stránka sa nenašla", "Stránka neexistuje."),
    "pl": ("Nie znaleziono strony", "Strona, której szukasz, nie istnieje."),
    "hu": ("Az oldal nem található", "A keresett oldal nem létezik."),
    "ro": ("Pagina nu a fost găsită", "Ne pare rău, pagina nu există."),
    "hr": ("Stranica nije pronađena", "Stranica ne postoji."),
    "lt": ("Puslapis nerastas", "Atsiprašome, puslapis nerastas."),
    "ca": ("No s'ha trobat la pàgina", "La pàgina no existeix."),
    "sv": ("Sidan kunde inte hittas", "Sidan du letar efter finns inte."),
    "da": ("Siden blev ikke fundet", "Siden findes ikke."),
    "no": ("Siden finnes ikke", "Beklager, vi fant ikke siden."),
    "fi": ("Sivua ei löytynyt", "Etsimääsi sivua ei löytynyt."),
    "vi": ("Không tìm thấy trang", "Trang bạn tìm kiếm không tồn tại."),
    "id": ("Halaman tidak ditemukan", "Maaf, halaman yang Anda cari tidak ditemukan."),
    "ms": ("Halaman tidak dijumpai", "Maaf, halaman tidak dijumpai."),
    "el": ("Η σελίδα δεν βρέθηκε", "Η σελίδα που ζητήσατε δεν υπάρχει."),
    "bg": ("Страницата не е намерена", "Страницата не съществува."),
    "he": ("הדף לא נמצא", "מצטערים, הדף שחיפשת לא נמצא."),
    "fa": ("صفحه پیدا نشد", "صفحه مورد نظر شما یافت نشد."),
    "th": ("ไม่พบหน้าที่คุณต้องการ", "404 ไม่พบหน้า"),
    "hi": ("पृष्ठ नहीं मिला", "क्षमा करें, पेज नहीं मिला"),
    "bn": ("পৃষ্ঠাটি পাওয়া যায়নি", "দুঃখিত, পেজটি খুঁজে পাওয়া যায়নি"),
}

# Headlines that use the same words to say something else: never a "not found" page.
NEAR_MISSES = (
    "Varför finns inte fler kvinnor i styrelser?",
    "Vláda: důkazy neexistuje",
    "הנעדר לא נמצא",
    "Dumnezeu nu există",
    "Kenapa pesawat MH370 tidak ditemukan",
    "Η αλήθεια δεν υπάρχει",
    "ไม่พบหน้ากันนานหลายปี",
    "Strona rządowa nie istnieje od wczoraj",
)

SLUG = "/2024/05/city-council-approves-new-budget"


@pytest.mark.parametrize("language", sorted(MESSAGES))
def test_each_language_s_message_is_a_not_found_message(language: str) -> None:
    title, text = MESSAGES[language]
    assert is_not_found_message(f"{title} | Example News"), title
    assert is_not_found_message(text), text
    assert might_say_not_found(f"<title>{title}</title>")


@pytest.mark.parametrize("headline", NEAR_MISSES)
def test_a_headline_with_the_same_words_is_no_message(headline: str) -> None:
    assert not is_not_found_message(headline)


def _page(language: str, title: str, text: str) -> str:
    return (
        f"<html lang={language}><head><title>{title} | Example News</title></head><body>"
        f"<header><nav><a href=/>Home</a></nav></header><main><h1>{title}</h1><p>{text}</p>"
        "</main></body></html>"
    )


@pytest.fixture(scope="module")
def checked(tmp_path_factory: pytest.TempPathFactory) -> dict[str, CheckedCitation]:
    web = Web()
    urls = []
    for language, (title, text) in MESSAGES.items():
        url = f"https://news-{language}.test{SLUG}"
        web.page(url, _page(language, title, text))
        urls.append(url)
    return check_links_on(web, urls, tmp_path_factory.mktemp("languages"))


@pytest.mark.parametrize("language", sorted(MESSAGES))
def test_a_dead_article_s_200_page_in_each_language_is_soft_404(
    checked: dict[str, CheckedCitation], language: str
) -> None:
    citation = checked[f"https://news-{language}.test{SLUG}"]
    assert citation.status is Status.BROKEN, citation.findings
    assert [f.code.value for f in citation.findings] == ["soft-404"]
