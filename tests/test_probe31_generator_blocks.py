"""Probe 31: a Jekyll or Hugo post's code blocks and Liquid comments, written in the generator's
own tags, are no citations.

``{% highlight ruby %}`` … ``{% endhighlight %}`` and ``{{< highlight go >}}`` …
``{{< /highlight >}}`` render as ``<pre><code>``: code, like a fenced block.  Read as a
paragraph, the sample's ``/api/v1`` address was cited, a false ``broken``.  A Liquid
``{% comment %}`` renders nothing: its draft link was cited, a false ``broken``.  Each test runs
the real CLI on the fixture web; the links around the blocks keep their lines.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from checker.cli import ExitCode
from checker.extract import extract
from checker.model import Page, PageKind
from tests.probe29_web import article_web, lines_and_statuses
from tests.test_probe24_sitemap_listings import run_on_web

if TYPE_CHECKING:
    from pathlib import Path

HOST = "https://site.fixture-p31.example"
CODE = f"{HOST}/api/v1/items"  # a code sample's address: 404 on the fixture web

_JEKYLL = f"""\
---
layout: post
title: Jekyll post
---

Call the API as [the guide]({HOST}/guide) says:

{{% highlight ruby linenos %}}
response = Net::HTTP.get(URI("{CODE}"))

puts response
{{% endhighlight %}}

{{% codeblock lang:sh %}}
curl {CODE}?octopress=1
{{% endcodeblock %}}
A paragraph's line
{{% comment %}}
A draft link: [not yet]({HOST}/draft-never-published).
{{% endcomment %}}
See [the result]({HOST}/result).
"""

_HUGO = f"""\
---
title: Hugo post
---

Read [the guide]({HOST}/guide).

{{{{< highlight go "linenos=table" >}}}}
resp, _ := http.Get("{CODE}")
{{{{< /highlight >}}}}

Then [the result]({HOST}/result).
"""

_LIVE = (f"{HOST}/guide", f"{HOST}/result")
_DEAD = (CODE, f"{CODE}?octopress=1", f"{HOST}/draft-never-published")


def _check(tmp_path: Path, name: str, text: str, *extra: str) -> tuple[int, dict[str, object]]:
    post = tmp_path / name
    post.write_text(text, encoding="utf-8")
    web = article_web(_LIVE, _DEAD)
    code, report, _asked = run_on_web(web, str(post), tmp_path / "out", extra)
    return code, report


def test_jekyll_code_blocks_and_comments_are_no_citations(tmp_path: Path) -> None:
    code, report = _check(tmp_path, "2025-05-12-jekyll.md", _JEKYLL)
    assert lines_and_statuses(report) == {
        f"{HOST}/guide": (6, "ok"),
        f"{HOST}/result": (21, "ok"),
    }
    assert code == ExitCode.OK


def test_a_hugo_highlight_block_is_no_citation(tmp_path: Path) -> None:
    code, report = _check(tmp_path, "hugo.md", _HUGO)
    assert lines_and_statuses(report) == {
        f"{HOST}/guide": (5, "ok"),
        f"{HOST}/result": (11, "ok"),
    }
    assert code == ExitCode.OK


def test_a_generator_s_code_is_read_with_include_verbatim(tmp_path: Path) -> None:
    """Code as a fence's: cited when asked (the comment never: nobody sees it)."""
    _code, report = _check(tmp_path, "hugo.md", _HUGO, "--include-verbatim")
    assert lines_and_statuses(report)[CODE] == (8, "broken")
    _code, report = _check(tmp_path, "jekyll.md", _JEKYLL, "--include-verbatim")
    cited = lines_and_statuses(report)
    assert cited[CODE] == (9, "broken")
    assert f"{HOST}/draft-never-published" not in cited


def test_a_tag_never_closed_leaves_its_lines_text(tmp_path: Path) -> None:
    """What is not known to be code is cited: an opening with no closing opens nothing."""
    text = f"# Post\n\n{{% highlight ruby %}}\nSee [the guide]({HOST}/guide).\n"
    _code, report = _check(tmp_path, "open.md", text)
    assert lines_and_statuses(report) == {f"{HOST}/guide": (4, "ok")}


def test_a_tag_unclosed_in_a_quote_leaves_later_blocks_code() -> None:
    """A tag searched in vain within a block quote (the quote's end, not the post's) says
    nothing of a later tag outside it: that one's closing is searched for again, and its code
    is code (reviewD: every later closed highlight was read as text, its URL cited)."""
    text = (
        "# Post\n\n> {% highlight ruby %}\n> puts 1\n\n{% endhighlight %}\n\n"
        f"See [the guide]({HOST}/guide).\n\n"
        "{% highlight sh %}\ncurl http://localhost:4000/api/items\n{% endhighlight %}\n"
    )
    page = Page("file:///posts/quoted.md", "posts/quoted.md", text, PageKind.MARKDOWN)
    cited = {c.url for post in extract(page, None) for c in post.citations}
    assert f"{HOST}/guide" in cited
    assert "http://localhost:4000/api/items" not in cited


def test_an_octopress_codeblock_s_caption_link_is_cited_its_code_not() -> None:
    """Octopress renders ``{% codeblock Title lang:ruby URL file.rb %}``'s URL as its caption's
    link: cited on the opening's line; the code's own URL is code (reviewD: both vanished)."""
    text = (
        "# Post\n\n{% codeblock Fetch lang:ruby https://gist.example/octo/42 fetch.rb %}\n"
        "open('http://localhost:4000/api/items')\n{% endcodeblock %}\n"
    )
    page = Page("file:///posts/octo.md", "posts/octo.md", text, PageKind.MARKDOWN)
    cited = {c.url: c.line for post in extract(page, None) for c in post.citations}
    assert cited == {"https://gist.example/octo/42": 3}
