"""Probe 31: a page saved by a browser as one MHTML file (``.mhtml``, ``.mht``) is the page it
holds.

Chrome's "Webpage, Single File" writes a MIME message whose first part is the page's HTML in
quoted-printable: read as it is written, every ``href="…"`` was ``href=3D"…"``, each link cited
as a local file named ``3D"https:/…`` and skipped, so a saved page's citations were never
checked (the run said only "nothing checked"); in a folder the file was not read at all.
"""

from __future__ import annotations

import base64
import quopri
from pathlib import Path

from checker.cli import ExitCode
from checker.discover import mhtml
from checker.sampleweb import Web
from tests.test_probe24_sitemap_listings import run_on_web

SOURCE = "https://src.fixture-p31.example"
SAVED_FROM = "https://blog.fixture-p31.example/2025/05/winter.html"
_LIVE = ("report", "paper?x=1&y=2", "guide")

_HTML = f"""<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>Winter notes</title></head>
<body><article><h1>Winter notes</h1>
<p>As <a href="{SOURCE}/report">the report</a> said, and then a paragraph long enough that the \
encoder cuts its line at seventy-six characters, <a href="{SOURCE}/paper?x=1&amp;y=2">the \
paper</a>.</p>
<p>Relative: <a href="/2025/04/autumn.html">last time</a>.</p>
<iframe src="cid:frame-2@mhtml.blink"></iframe>
</article></body></html>
"""
_BOUNDARY = "----MultipartBoundary--p31----"


def _chrome_mhtml(html: str = _HTML) -> str:
    """``html`` saved as Chrome saves a page: quoted-printable, CRLF lines, a frame after it."""
    encoded = quopri.encodestring(html.encode("utf-8")).decode("ascii")
    message = (
        "From: <Saved by Blink>\n"
        f"Snapshot-Content-Location: {SAVED_FROM}\n"
        "Subject: Winter notes\n"
        "MIME-Version: 1.0\n"
        "Content-Type: multipart/related;\n"
        '\ttype="text/html";\n'
        f'\tboundary="{_BOUNDARY}"\n'
        "\n\n"
        f"--{_BOUNDARY}\n"
        "Content-Type: text/html\n"
        "Content-ID: <frame-1@mhtml.blink>\n"
        "Content-Transfer-Encoding: quoted-printable\n"
        f"Content-Location: {SAVED_FROM}\n"
        "\n"
        f"{encoded}\n"
        f"--{_BOUNDARY}\n"
        "Content-Type: text/html\n"
        "Content-ID: <frame-2@mhtml.blink>\n"
        "Content-Transfer-Encoding: quoted-printable\n"
        "\n"
        '<a href=3D"https://ads.fixture-p31.example/click">an ad in a frame</a>\n'
        f"--{_BOUNDARY}--\n"
    )
    return message.replace("\n", "\r\n")


def _ie_mht() -> str:
    """A page saved as Internet Explorer saves it: base64 parts, the page's part named by the
    message's ``start``, an image and a frame's page before it (the first HTML part is not the
    page: with the frame's part absent, a reader of the first HTML part passed; mend31b)."""
    html = _HTML.replace(f"{SOURCE}/report", f"{SOURCE}/guide")
    encoded = base64.encodebytes(html.encode("utf-8")).decode("ascii")
    menu = f'<html><body><a href="{SOURCE}/frame-menu">menu</a></body></html>'
    frame = base64.encodebytes(menu.encode("utf-8")).decode("ascii")
    return (
        "From: <Saved by Windows Internet Explorer 8>\n"
        "MIME-Version: 1.0\n"
        'Content-Type: multipart/related; type="text/html"; start="<root@p31>";\n'
        '\tboundary="----=_NextPart_000_0000_01D1"\n'
        "\n"
        "This is a multi-part message in MIME format.\n"
        "\n"
        "------=_NextPart_000_0000_01D1\n"
        "Content-Type: image/png\n"
        "Content-Transfer-Encoding: base64\n"
        f"Content-Location: {SOURCE}/logo.png\n"
        "\n"
        "iVBORw0KGgo=\n"
        "\n"
        "------=_NextPart_000_0000_01D1\n"
        'Content-Type: text/html; charset="utf-8"\n'
        "Content-Transfer-Encoding: base64\n"
        "Content-ID: <frame@p31>\n"
        f"Content-Location: {SOURCE}/menu.html\n"
        "\n"
        f"{frame}\n"
        "\n"
        "------=_NextPart_000_0000_01D1\n"
        'Content-Type: text/html; charset="utf-8"\n'
        "Content-Transfer-Encoding: base64\n"
        "Content-ID: <root@p31>\n"
        f"Content-Location: {SAVED_FROM}\n"
        "\n"
        f"{encoded}\n"
        "------=_NextPart_000_0000_01D1--\n"
    )


def _web() -> Web:
    web = Web()
    for name in _LIVE:
        web.page(f"{SOURCE}/{name}", f"<title>{name}</title><p>The {name} page, still here.</p>")
    web.page(
        "https://blog.fixture-p31.example/2025/04/autumn.html",
        "<title>Autumn notes</title><p>The autumn post, still here.</p>",
    )
    return web


def _citations(report: dict[str, object]) -> list[dict[str, object]]:
    documents = report["documents"]
    assert isinstance(documents, list)
    return [c for d in documents for c in d["citations"]]


def test_a_chrome_mhtml_page_is_read_as_the_html_it_holds(tmp_path: Path) -> None:
    saved = tmp_path / "winter.mhtml"
    saved.write_bytes(_chrome_mhtml().encode("ascii"))
    code, report, _asked = run_on_web(_web(), str(saved), tmp_path / "out")
    (document,) = report["documents"]
    assert document["url"] == SAVED_FROM
    assert document["title"] == "Winter notes"
    citations = _citations(report)
    assert sorted(str(c["url"]) for c in citations) == [
        "https://blog.fixture-p31.example/2025/04/autumn.html",  # resolved where it was saved
        f"{SOURCE}/paper?x=1&y=2",
        f"{SOURCE}/report",
    ]
    assert {c["status"] for c in citations} == {"ok"}
    assert code == ExitCode.OK


def test_a_saved_page_s_citations_are_at_the_file_s_lines(tmp_path: Path) -> None:
    """The encoder's cut lines are joined, and the page's lines stay the file's: the relative
    link, on the HTML's fifth line, is on the file line where that line is written."""
    text = _chrome_mhtml()
    saved = tmp_path / "winter.mhtml"
    saved.write_bytes(text.encode("ascii"))
    _code, report, _asked = run_on_web(_web(), str(saved), tmp_path / "out")
    lines = {str(c["url"]): c["line"] for c in _citations(report)}
    written = text.split("\r\n")
    expected = next(n for n, line in enumerate(written, 1) if "/2025/04/autumn.html" in line)
    assert lines["https://blog.fixture-p31.example/2025/04/autumn.html"] == expected
    report_line = next(n for n, line in enumerate(written, 1) if f"{SOURCE}/report" in line)
    assert lines[f"{SOURCE}/report"] <= report_line


def test_an_ie_mht_page_is_the_part_its_start_names(tmp_path: Path) -> None:
    saved = tmp_path / "winter.mht"
    saved.write_text(_ie_mht(), encoding="ascii")
    code, report, _asked = run_on_web(_web(), str(saved), tmp_path / "out")
    urls = sorted(str(c["url"]) for c in _citations(report))
    assert f"{SOURCE}/guide" in urls
    assert f"{SOURCE}/logo.png" not in urls
    assert f"{SOURCE}/frame-menu" not in urls  # the frame's part, before the root, is no page
    assert code == ExitCode.OK


def test_saved_pages_in_a_folder_are_read_renamed_or_not(tmp_path: Path) -> None:
    folder = tmp_path / "posts"
    folder.mkdir()
    (folder / "winter.mhtml").write_bytes(_chrome_mhtml().encode("ascii"))
    (folder / "renamed.html").write_bytes(_chrome_mhtml().encode("ascii"))
    code, report, _asked = run_on_web(_web(), str(folder), tmp_path / "out")
    assert len(report["documents"]) == 2
    assert {str(c["url"]) for c in _citations(report)} >= {f"{SOURCE}/report"}
    assert not any("3D" in str(c["url"]) for c in _citations(report))
    assert code == ExitCode.OK


def test_a_saved_page_with_no_part_is_unreadable_not_read_as_text(tmp_path: Path) -> None:
    """Its headers' addresses are no citations: the file is said unreadable."""
    head = _chrome_mhtml().split(f"--{_BOUNDARY}\r\n", 1)[0]
    folder = tmp_path / "posts"
    folder.mkdir()
    (folder / "empty.mhtml").write_text(head + "nothing saved\r\n", encoding="ascii")
    (folder / "winter.mhtml").write_bytes(_chrome_mhtml().encode("ascii"))
    code, report, _asked = run_on_web(_web(), str(folder), tmp_path / "out")
    assert SAVED_FROM not in {str(c["url"]) for c in _citations(report)}
    assert [p["code"] for p in report["problems"]] == ["post-unreadable"]
    assert "MHTML" in report["problems"][0]["message"]
    assert code == ExitCode.FAILED


def test_a_mhtml_named_file_of_plain_html_is_that_html(tmp_path: Path) -> None:
    saved = tmp_path / "plain.mhtml"
    saved.write_text(_HTML, encoding="utf-8")
    code, report, _asked = run_on_web(_web(), str(saved), tmp_path / "out")
    assert f"{SOURCE}/report" in {str(c["url"]) for c in _citations(report)}
    assert code == ExitCode.OK  # its root-relative link is skipped, as any local file's


def _saved_complete(folder: Path, stem: str, resources: str) -> None:
    """A page saved "complete": ``STEM.html`` and the folder ``RESOURCES`` beside it, holding
    its frames' HTML (a share button, an ad) and its assets."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{stem}.html").write_text(
        f"<!DOCTYPE html>\n<!-- saved from url=(0052){SAVED_FROM} -->\n"
        f"<html><head><title>Winter notes</title></head><body><p>As <a href='{SOURCE}/report'>"
        f"the report</a> said.</p><iframe src='./{resources}/share.html'></iframe></body></html>",
        encoding="utf-8",
    )
    files = folder / resources
    files.mkdir()
    (files / "share.html").write_text(
        "<html><body><a href='https://ads.fixture-p31.example/click?id=1'>ad</a>"
        "<a href='https://share.fixture-p31.example/intent?u=x'>Share</a></body></html>",
        encoding="utf-8",
    )
    (files / "widgets.js").write_text("var u = 'https://cdn.fixture-p31.example/x.js';\n")


def test_a_saved_page_s_files_folder_is_no_post(tmp_path: Path) -> None:
    """Chrome's ``Post_files``, Firefox's ``Post-Dateien``: the frames' HTML in it was read as
    posts, its ad and share links false ``broken`` findings."""
    folder = tmp_path / "saved"
    _saved_complete(folder, "Winter notes", "Winter notes_files")
    _saved_complete(folder / "de", "Winter", "Winter-Dateien")
    code, report, asked = run_on_web(_web(), str(folder), tmp_path / "out")
    assert len(report["documents"]) == 2
    assert not any("fixture-p31.example/click" in url or "intent" in url for url in asked)
    (note,) = [p for p in report["problems"] if p["code"] == "files-not-read"]
    assert "share.html" in note["message"]
    assert "saved page" in note["message"]
    assert code == ExitCode.OK


def test_a_files_folder_without_its_page_is_read(tmp_path: Path) -> None:
    """A folder so named with no page of its name beside it is a folder of posts."""
    folder = tmp_path / "blog" / "case_files"
    folder.mkdir(parents=True)
    (folder / "post.html").write_text(
        f"<title>Case</title><p><a href='{SOURCE}/report'>the report</a></p>", encoding="utf-8"
    )
    code, report, _asked = run_on_web(_web(), str(tmp_path / "blog"), tmp_path / "out")
    assert len(report["documents"]) == 1
    assert code == ExitCode.OK


def test_a_saved_page_s_headers_are_read_within_a_bound() -> None:
    """A header block is read as far as a browser ever writes one (8 KB): a hostile Content-Type
    of 100,000 parameters (email's parser grew faster than the field: 21.6 s at 1.2 MB) is not
    read past it, so its boundary there is none; one within it is read, quoted or not, and a
    folded field's parameters too."""
    page = '<html><title>T</title><a href=3D"https://news.example/a">a</a></html>'
    part = f"--B\nContent-Type: text/html\n\n{page}\n--B--\n"
    junk = "; x=y" * 100_000
    hostile = f"MIME-Version: 1.0\nContent-Type: multipart/related{junk}; boundary=B\n\n{part}"
    assert mhtml.saved_page(hostile) is None
    for header in (
        'Content-Type: multipart/related; type="text/html"; boundary="B"',
        "Content-Type: multipart/related;\n\ttype=text/html;\n\tboundary=B",
    ):
        saved = mhtml.saved_page(f"MIME-Version: 1.0\n{header}\n\n{part}")
        assert saved is not None and "news.example" in saved.html
