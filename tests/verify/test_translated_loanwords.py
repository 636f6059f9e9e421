"""A translator's Japanese headline may hold katakana words its English original never spells
(issue 14, session 26: a rule weighed and rejected).

Japanese writes loanwords made in Japan (``ガソリンスタンド`` for "petrol station",
``ノートパソコン`` for "laptop", ``ペットボトル`` for "plastic bottle"), words borrowed from
other languages (``ウイルス``, German ``Virus``) and plants and animals (``クロマグロ``,
``ザトウクジラ``) in katakana.  A rule that refuses a Japanese title whose long katakana words
the cited English page never says (tried in session 26 to catch swapped Japanese headlines)
flags each of these real translations: a false ``title-mismatch`` in the CI of the translators
this tool is for.  These guard that no such evidence is taken as a swap.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from checker.config import Config
from checker.findings import Code
from checker.model import CitationKind, Report
from checker.pipeline import check
from checker.sampleweb import SampleWeb, Web
from tests.e2e.blogger import article_page, connect_rules

BLOG = "https://honyaku.example-blog.jp"
NEWS = "https://www.world-news-daily.com"

# the translator's headline -> the English original's headline
TRANSLATIONS = {
    "petrol-station": ("ガソリンスタンドで爆発、3人死亡", "Petrol station blast kills three"),
    "laptops": ("ノートパソコンの売上が急減", "Laptop sales plunge"),
    "tuna": ("クロマグロの資源が回復", "Bluefin tuna stocks recover"),
    "whale": ("ザトウクジラが湾に現れる", "Humpback whale spotted in bay"),
    "virus": ("コロナウイルスの新変異株", "New coronavirus variant found"),
    "bottles": ("ペットボトルのリサイクル率", "Plastic bottle recycling rate rises"),
}
JAPANESE = "今回はこの記事を翻訳しました。とても興味深い内容だと思います。"


def _post(title: str, cited: str, url: str) -> str:
    body = "".join(f"<p>{JAPANESE}</p>" for _ in range(6))
    return (
        f'<!DOCTYPE html><html lang="ja"><head><meta charset="utf-8"><title>{title}</title>'
        f'</head><body><article class="post"><h1>{title}</h1><div class="post-body">{body}'
        f"<div>Original: {cited} ({url})</div></div></article></body></html>"
    )


@pytest.fixture(scope="module")
def report() -> Iterator[Report]:
    web = Web()
    for slug, (japanese, english) in TRANSLATIONS.items():
        url = f"{NEWS}/2024/04/{slug}"
        web.page(url, article_page(english, site="World News Daily"))
        web.page(f"{BLOG}/2025/02/{slug}.html", _post(japanese, japanese, url))
    with SampleWeb(web) as site:
        config = Config().with_(connect_to=connect_rules(web, site), cacert=site.ca_path)
        yield check([f"{BLOG}/2025/02/{slug}.html" for slug in TRANSLATIONS], config)


@pytest.mark.parametrize("slug", list(TRANSLATIONS))
def test_a_translators_headline_with_katakana_the_original_never_spells_is_no_mismatch(
    report: Report, slug: str
) -> None:
    (document,) = [d for d in report.documents if d.document.url.endswith(f"/{slug}.html")]
    (source,) = [c for c in document.citations if c.citation.kind is CitationKind.SOURCE]
    assert source.citation.cited.title == TRANSLATIONS[slug][0], source.citation
    assert Code.TITLE_MISMATCH not in {f.code for f in source.findings}, source.findings
