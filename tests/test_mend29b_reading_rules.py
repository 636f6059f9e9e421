"""Session 29's review of the new reading rules (mend29b): what a reviewer found in them, each
mended with a test that failed before."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

import pytest

from checker.cli import ExitCode, main
from checker.discover.kinds import page_kind
from checker.extract import extract
from checker.model import Page
from checker.urls import is_template_placeholder, is_unreadable_embed
from tests.cost import cpu_seconds

if TYPE_CHECKING:
    from pathlib import Path


@pytest.mark.timeout(60)
def test_an_include_href_of_many_folders_is_read_in_linear_time() -> None:
    """Every href without a scheme is asked whether it is an unreadable embed call: a greedy
    folder run gave back one ``/`` at a time and rescanned the rest from each, so a
    ``{% include /a/a/…`` href was quadratic (128 KB took 40 s).  Against an href of the same
    size and no folders, it costs about the same now (it cost thousands of times more)."""
    size = 20_000
    hostile = "{% include " + "/a" * size
    normal = "{% include " + "ab" * size
    assert not is_unreadable_embed(hostile)
    assert not is_unreadable_embed(hostile + " %}")
    cost = cpu_seconds(lambda: is_unreadable_embed(hostile))
    base = cpu_seconds(lambda: is_unreadable_embed(normal))
    assert cost < 50 * base, (cost, base)


@pytest.mark.parametrize(
    "call",
    [
        '{% include embeds/tweet.html id="x" %}',
        '{% include a/b/video.html id="" %}',
        "{% include /x/vimeo.html %}",
    ],
)
def test_an_include_in_folders_is_still_known_by_its_file_stem(call: str) -> None:
    assert is_unreadable_embed(call)


def _run(tmp_path: Path, body: str) -> tuple[int, list[dict[str, Any]]]:
    """The citations of one local post through the real CLI (nothing is fetched)."""
    post = tmp_path / "post.md"
    post.write_text(f"---\ntitle: Videos\n---\n\n{body}\n", encoding="utf-8")
    out = tmp_path / "out"
    argv = ["check", str(post), "--no-store", "--archive", "off", "--format", "json"]
    code = main([*argv, "--report-dir", str(out)])
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    return code, report["documents"][0]["citations"]


def test_a_generic_embed_of_a_local_file_is_a_local_link(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Quarto's ``{{< video demo.mp4 >}}`` and Logseq's ``{{video assets/x.mp4}}`` embed a file
    of the site, ``{% embed url="/docs/page" %}`` a page of it: each was a false
    ``malformed-url`` (exit 1).  They are local links now, a missing file ``broken``."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "demo.mp4").write_bytes(b"\x00")
    body = (
        "{{< video demo.mp4 >}}\n\n{{video gone.mp4}}\n\n"
        '{{< video src="/media/clip.mp4" >}}\n\n{% embed url="/docs/page" %}\n'
    )
    code, citations = _run(tmp_path, body)
    seen = [(c["url"], c["status"], [f["code"] for f in c["findings"]]) for c in citations]
    assert seen == [
        ((tmp_path / "demo.mp4").as_uri(), "ok", []),
        ((tmp_path / "gone.mp4").as_uri(), "broken", ["broken"]),
        ("file:/media/clip.mp4", "skipped", []),
        ("file:/docs/page", "skipped", []),
    ]
    assert code == ExitCode.FAILED  # gone.mp4 alone


def test_a_video_from_a_provider_not_read_is_said_once_and_no_error(tmp_path: Path) -> None:
    """Minimal Mistakes' video include names Google Drive and Bilibili too, whose ids
    citecheck does not read: skipped, saying so, never ``malformed-url``; a provider it reads
    with a bad id still is one."""
    drive = '{% include video id="1AbC" provider="google-drive" %}'
    bad = '{% include video id="x" provider="youtube" %}'
    code, citations = _run(tmp_path, f"{drive}\n\n{bad}\n")
    assert [(c["url"], c["status"]) for c in citations] == [(drive, "skipped"), (bad, "broken")]
    assert "google-drive" in citations[0]["note"]
    assert "does not read" in citations[0]["note"]
    assert [f["code"] for f in citations[1]["findings"]] == ["malformed-url"]
    assert code == ExitCode.FAILED
    assert not is_unreadable_embed(drive)
    assert is_unreadable_embed(bad)


def test_logseq_page_and_block_embeds_are_no_links(tmp_path: Path) -> None:
    """``{{embed [[Some Page]]}}`` and ``{{embed ((uuid))}}`` embed the graph's own page or
    block: they were cited as ``file:///…/{{embed [[Some Page]]}}``, skipped as a template."""
    body = "{{embed [[Some Page]]}}\n\n{{embed ((6452d7f5-1c2d-4e5f))}}\n\nSee [notes](notes.md)\n"
    _code, citations = _run(tmp_path, body)
    assert [c["url"] for c in citations] == [(tmp_path / "notes.md").as_uri()]


_PERCENTS = """\
# Note

In C, write %% to print a percent sign, see [the manual](notes/a.md) and also %%d.

Progress: 50%% done.

| task | done |
|---|---|
| [b](notes/b.md) | 100%% |

$$ x %% y $$ and [c](notes/c.md) $$ z %% w $$

%%hidden [d](notes/d.md)%% shown [e](notes/e.md)

%%
[f](notes/f.md)
%%

%% spaced [g](notes/g.md) %%
"""


def _cited_names(note: Path) -> list[str]:
    note.parent.mkdir(parents=True, exist_ok=True)
    note.write_text(_PERCENTS, encoding="utf-8")
    page = Page(note.as_uri(), str(note), _PERCENTS, "markdown")
    (document,) = extract(page)
    return [str(citation.url).rsplit("/", 1)[-1] for citation in document.citations]


def test_percent_signs_outside_a_vault_hide_no_links(tmp_path: Path) -> None:
    """``%%`` is printf's percent, a table's ``100%%``, math's operator too: read as Obsidian's
    comment in every Markdown file, the links between two of them were lost across paragraphs,
    with no word.  Outside a vault only Obsidian's unmistakable forms are comments."""
    assert _cited_names(tmp_path / "blog" / "n.md") == ["a.md", "b.md", "c.md", "e.md", "g.md"]


def test_in_a_vault_every_comment_is_hidden(tmp_path: Path) -> None:
    (tmp_path / "vault" / ".obsidian").mkdir(parents=True)
    # session 30: ``%%`` inside ``$$ … $$`` opens no comment in a vault either (Obsidian's way)
    assert _cited_names(tmp_path / "vault" / "notes" / "n.md") == ["c.md", "e.md"]


_DIRECTIVES = """\
# Post

```{admonition} See [the spec](notes/spec.md)
:class: tip
Body [b](notes/b.md)
```

```{figure} images/x.png
Caption [c](notes/c.md)
```

```{dropdown} Click [here](notes/d.md)
Inner
```
"""


def test_a_directive_s_title_is_read_for_its_links(tmp_path: Path) -> None:
    """MyST shows the text after ``{admonition}`` (a dropdown's, a card's, a tab's) as the
    block's title: its link was dropped with no word.  A figure's argument is its image's path,
    no title: not a citation."""
    note = tmp_path / "post.md"
    note.write_text(_DIRECTIVES, encoding="utf-8")
    (document,) = extract(Page(note.as_uri(), str(note), _DIRECTIVES, "markdown"))
    cited = [(str(c.url).rsplit("/", 1)[-1], c.line) for c in document.citations]
    assert cited == [("spec.md", 3), ("b.md", 5), ("c.md", 9), ("d.md", 12)]


_ADOC = """\
= Guide
Jane Doe
:url-docs: https://docs.fixture-m29b.example/docs

== Setup

Install it with the tool and read the notes
:note: see link:https://docs.fixture-m29b.example/a.html[the manual] first.

:url-repo: https://docs.fixture-m29b.example/repo
{url-repo}/x.html[the repository] and {url-docs}/y.html[docs]
"""


def _extracted(path: Path, text: str) -> list[tuple[str, int | None]]:
    """The URLs and lines the extractor cites in ``text``, read as the file ``path`` (no fetch)."""
    path.write_text(text, encoding="utf-8")
    (document,) = extract(Page(path.as_uri(), str(path), text, page_kind(path.name, text)))
    return [(str(c.url), c.line) for c in document.citations]


def test_a_colon_word_inside_an_asciidoc_paragraph_is_its_text(tmp_path: Path) -> None:
    """Asciidoctor reads an attribute entry only in the header or where a block starts: a
    paragraph's line that starts ``:note:`` is text, and blanked as an entry its link was lost."""
    assert _extracted(tmp_path / "guide.adoc", _ADOC) == [
        ("https://docs.fixture-m29b.example/a.html", 8),
        ("https://docs.fixture-m29b.example/repo/x.html", 11),
        ("https://docs.fixture-m29b.example/docs/y.html", 11),
    ]


def test_an_org_abbreviation_s_h_template_quotes_its_tag(tmp_path: Path) -> None:
    """Org's ``%h`` stands for the tag URL-quoted (``org-link-expand-abbrev``): it was left in
    the URL with the tag after it (``…/wiki/%hCafé``), a false ``broken``."""
    note = (
        "#+TITLE: Notes\n#+LINK: wp https://en.fixture-m29b.example/wiki/%h\n"
        "#+LINK: gh https://gh.fixture-m29b.example/%s\n\n"
        "See [[wp:Café au lait][the article]] and [[gh:a/b][repo]].\n"
    )
    assert _extracted(tmp_path / "notes.org", note) == [
        ("https://en.fixture-m29b.example/wiki/Caf%C3%A9%20au%20lait", 5),
        ("https://gh.fixture-m29b.example/a/b", 5),
    ]


@pytest.mark.parametrize(
    ("url", "placeholder"),
    [
        ("https://api.fixture-m29b.example/users/{id}", True),  # a URI template's variable
        ("https://api.fixture-m29b.example/users/{id}?page=2", True),
        ("file:///blog/{filename}/posts/b.md", True),  # Pelican's, at a segment's start
        ("file:///blog/{tag}python", True),
        ("file:///blog/|filename|/posts/b.md", True),
        ("https://odd.fixture-m29b.example/{a}b", False),  # a brace within a segment: a path
        ("https://odd.fixture-m29b.example/a{b}", False),
    ],
)
def test_a_name_in_braces_is_a_placeholder_only_as_a_whole_segment(
    url: str, placeholder: bool
) -> None:
    """A name in braces at a segment's start (``/{a}b``) was taken for a URI template's
    variable and skipped: a real URL with a brace in a segment went unchecked."""
    assert is_template_placeholder(url) is placeholder
