"""Hugo's ``{{< figure src=… link=… >}}`` is the figure it renders: its ``src`` an image, which
is no citation in citecheck (as ``<img src>``, ``![alt](…)``, ``![[photo.png]]``, AsciiDoc's
``image::`` and reST's ``.. image::``; lychee checks every image, citecheck checks sources), its
``link`` the link around the image, a citation.  Read as text, an absolute ``src`` was cited as
a bare URL, a relative one not at all, and a relative ``link`` never (session 31 left).
Extraction only: nothing is fetched."""

from __future__ import annotations

from checker.extract import extract
from checker.model import Page, PageKind

POST = """# Figures

{{< figure src="https://img.example/a.jpg" title="A" >}}

{{< figure src="/images/b.png" link="https://src.example/full" caption="B" >}}

{{< figure src="c.png" link="/files/report.pdf" >}}

![an image](https://img.example/d.jpg) and [a source](https://src.example/e).
"""


def test_a_figure_s_image_is_no_citation_and_its_link_is() -> None:
    page = Page("file:///site/content/p.md", "/site/content/p.md", POST, PageKind.MARKDOWN)
    (document,) = extract(page)
    assert [(c.url, c.line) for c in document.citations] == [
        ("https://src.example/full", 5),
        ("file:/files/report.pdf", 7),  # root-relative: --root-dir says where / is
        ("https://src.example/e", 9),
    ]
