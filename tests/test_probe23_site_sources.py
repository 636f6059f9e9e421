"""Probe 23: a docs site's or a static blog's source tree, as CI users point a checker at it.

A Hugo, Jekyll, MkDocs or Docusaurus source folder is not the site: its links are written for the
generator, which fills in placeholders, rewrites ``x.md`` to the page's address and renders MDX
components.  Each test here failed before its fix:

- ``[text]({{ site.url }}/about/)``, ``[text]({{< ref "x.md" >}})``, ``[text]({% link x.md %})``:
  CommonMark allows no space in a destination, so these were no links at all and vanished with
  no word (the post said nothing of them); they are links the build fills in, skipped as
  template placeholders and counted, never requested.
- ``${BASE_URL}/docs/`` (a shell or JavaScript template) was requested as a relative path.
- ``[next](second.md#two)`` in a post whose front matter names its web address was joined to
  that address (``https://site/posts/first/second.md``), a page the site never serves: a false
  ``broken``.  A link to a source file is a file reference, as it is without front matter.
- Docusaurus's ``<Link href="…">`` in an MDX page was read as HTML's ``<link>`` (no text, no
  citation): the link vanished.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from checker.extract import extract
from checker.model import Page, PageKind, Status
from checker.report.accounting import skip_reason
from checker.verify.availability import unfetched_verdict
from tests.fetch.support import OneAnswerServer, check_post_on, http_answer, one_answer_sites

if TYPE_CHECKING:
    from pathlib import Path

serve = one_answer_sites

_FRONT = '---\ntitle: First\ncanonical_url: "http://src.example/posts/first/"\n---\n\n'


def _urls(body: str, name: str = "post.md") -> list[str | None]:
    page = Page(f"file:///site/content/posts/{name}", name, body, PageKind.MARKDOWN)
    (document,) = extract(page)
    return [citation.url for citation in document.citations]


@pytest.mark.parametrize(
    "link",
    [
        "[about]({{ site.url }}/about/)",
        '[second]({{< ref "second.md" >}})',
        '[second]({{< relref "/posts/second" >}})',
        "[x]({% link _posts/2025-01-01-x.md %})",
        "[x]({% post_url 2010-07-21-name-of-post %})",
        "[x]({{ site.baseurl }}/x)",
        '[x]({{ "about/" | absURL }})',
        "[x]({{site.url}}/a)",
        "[base](${BASE_URL}/docs/)",
    ],
)
def test_a_template_placeholder_link_in_markdown_is_cited_and_skipped(link: str) -> None:
    (url,) = _urls(f"# T\n\nRead {link} now.\n")
    assert url is not None
    verdict = unfetched_verdict(url)
    assert verdict is not None and verdict.status is Status.SKIPPED, url
    assert verdict.note is not None and "template" in verdict.note


@pytest.mark.parametrize(
    "text",
    [
        "[a](b c)",  # a space, no placeholder: still no link, as CommonMark says
        "[a]({{ x }} y)",  # text after the placeholder, past a space
        "[a]({{ unclosed )",
        "[a] ({{ x }})",  # no link: a space between ] and (
    ],
)
def test_a_destination_with_spaces_but_no_placeholder_stays_text(text: str) -> None:
    assert _urls(f"# T\n\n{text}\n") == []


def test_a_placeholder_link_keeps_its_text_and_the_links_around_it() -> None:
    body = "# T\n\n[one](https://a.example/1) [**two**]({{ site.url }}/2) [three](https://a.example/3)\n"
    urls = _urls(body)
    assert urls[0] == "https://a.example/1" and urls[2] == "https://a.example/3"
    assert urls[1] is not None and "{{ site.url }}/2" in urls[1]


def test_placeholder_links_are_counted_and_never_requested(
    tmp_path: Path, serve: list[OneAnswerServer]
) -> None:
    site = OneAnswerServer(http_answer("404 Not Found", "text/html", b"<p>Not found</p>"))
    serve.append(site)
    post = _FRONT + (
        '[about]({{ site.url }}/about/), [second]({{< ref "second.md" >}}),\n'
        "[x]({% link _posts/x.md %}) and [base](${BASE_URL}/docs/).\n"
    )
    report = check_post_on(site, tmp_path, post)
    (document,) = report.documents
    assert [skip_reason(c) for c in document.citations] == ["template placeholder"] * 4
    assert site.requests == 0, site.lines


@pytest.mark.parametrize(
    "href", ["second.md#two", "../docs/README.md", "./other.mdx", "guide/intro.markdown?x=1"]
)
def test_a_link_to_a_source_file_is_a_file_reference_whatever_the_front_matter(
    href: str,
) -> None:
    (url,) = _urls(f"{_FRONT}See [it]({href}).\n")
    assert url is not None and url.startswith("file:///site/content/"), url


def test_a_site_path_still_resolves_against_the_posts_web_address() -> None:
    body = f"{_FRONT}See [p](/posts/second/), [u](../third/) and [h](page.html).\n"
    assert _urls(body) == [
        "http://src.example/posts/second/",
        "http://src.example/posts/third/",
        "http://src.example/posts/first/page.html",
    ]


def test_a_web_page_keeps_its_md_links_on_the_web() -> None:
    page = Page("https://docs.example/guide/", "https://docs.example/guide/",
                '<html><body><main><p><a href="notes.md">n</a></p></main></body></html>',
                PageKind.HTML)  # fmt: skip
    (document,) = extract(page)
    assert [c.url for c in document.citations] == ["https://docs.example/guide/notes.md"]


def test_a_source_file_link_is_not_requested(tmp_path: Path, serve: list[OneAnswerServer]) -> None:
    site = OneAnswerServer(http_answer("404 Not Found", "text/html", b"<p>Not found</p>"))
    serve.append(site)
    report = check_post_on(site, tmp_path, f"{_FRONT}Next: [second](second.md#section-two).\n")
    (document,) = report.documents
    (checked,) = document.citations
    # looked up on disk instead (session 23, local links): missing here, so broken, unrequested
    assert checked.status is Status.BROKEN
    assert "no such file: second.md" in checked.findings[0].message
    (tmp_path / "second.md").write_text("# Second\n\n## Section two\n")
    report = check_post_on(site, tmp_path, f"{_FRONT}Next: [second](second.md#section-two).\n")
    assert report.documents[0].citations[0].status is Status.OK
    assert site.requests == 0, site.lines


def test_an_mdx_link_component_is_a_link() -> None:
    body = (
        "import Link from '@docusaurus/Link';\n\n# MDX\n\n"
        '<Link href="https://mdx.example/a">Docs</Link> and <Card href="https://mdx.example/b" />\n'
    )
    assert _urls(body, "page.mdx") == ["https://mdx.example/a", "https://mdx.example/b"]


def test_an_html_link_element_in_plain_markdown_stays_no_citation() -> None:
    body = '# T\n\n<link rel="stylesheet" href="https://cdn.example/s.css">\n\nText.\n'
    assert _urls(body, "page.mdx") == [] and _urls(body) == []


def test_an_mdx_comment_is_no_citation_and_keeps_the_lines() -> None:
    """MDX's comment, ``{/* … */}``, shows nothing to a reader, as HTML's ``<!-- -->``."""
    body = (
        "# MDX\n\n{/* old: https://gone.example/a\n   https://gone.example/b */}\n"
        "[kept](https://kept.example/c) {/* https://gone.example/d */} {/* unclosed\n"
    )
    page = Page("file:///site/docs/page.mdx", "page.mdx", body, PageKind.MARKDOWN)
    (document,) = extract(page)
    assert [(c.url, c.line) for c in document.citations] == [("https://kept.example/c", 5)]


def test_a_markdown_posts_braces_are_text() -> None:
    assert _urls("# T\n\n{/* https://shown.example/a */}\n") == ["https://shown.example/a"]


def test_json_front_matter_is_front_matter() -> None:
    """Hugo's third front-matter format, a JSON object opening the file, was read as text: its
    ``"source"`` field was cited, its title lost (YAML's and TOML's fields are no citations)."""
    body = (
        '{\n  "title": "JSON front matter",\n  "date": "2025-01-02",\n'
        '  "source": "https://json-fm.example/src",\n  "tags": ["a", "b"]\n}\n\n'
        "Body [j](https://jbody.example/b).\n"
    )
    page = Page("file:///site/content/posts/p.md", "p.md", body, PageKind.MARKDOWN)
    (document,) = extract(page)
    assert document.title == "JSON front matter"
    assert document.published is not None and document.published.isoformat() == "2025-01-02"
    assert [(c.url, c.line) for c in document.citations] == [("https://jbody.example/b", 8)]


@pytest.mark.parametrize(
    "body",
    [
        "{\nnot json [x](https://a.example/1)\n}\n",
        "{\n[x](https://a.example/1)\n",
        '{\n"a": [[[[1\n}\n',
    ],
)
def test_a_brace_that_opens_no_json_object_is_text(body: str) -> None:
    assert _urls(body) == (["https://a.example/1"] if "a.example" in body else [])
