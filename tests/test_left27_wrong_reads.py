"""Session 27 (left27): pages discovery read as posts that are not, through the real CLI.

* A multilingual site's sitemap lists each language's home (``/en/``, ``/ja/``) beside its
  posts.  The home of a language has a two-letter path, which alone is as likely a post
  (``listing_path`` keeps ``/en/``), so each home was read as a post: the excerpts it shows
  were checked again under it, each post's dead link reported twice.  A sitemap that lists
  pages under ``/en/`` says ``/en/`` is their home: a listing, said, not read.
* A cross-post (its canonical link names the original on another site) and its AMP view
  (``/x/amp/``, whose canonical link names the same original) were read as two posts, the dead
  link reported twice: a view is known as a twin only when its canonical link names the post.
  The post's own ``<link rel=amphtml>`` names its view: read once.
"""

from __future__ import annotations

from pathlib import Path

from checker.cli import ExitCode
from tests.test_probe24_sitemap_listings import HOST, _article, _web, run_on_web

SITE = f"https://{HOST}"


def test_a_language_s_home_in_a_sitemap_is_a_listing(tmp_path: Path) -> None:
    posts = ("en/posts/tides/", "ja/posts/tides/", "en/about/")
    homes = ("", "en/", "ja/index.html")
    code, report, asked = run_on_web(_web(posts + homes), f"{SITE}/sitemap.xml", tmp_path)
    read = sorted(d["url"] for d in report["documents"])
    assert read == sorted(f"{SITE}/{p}" for p in posts)
    assert f"{SITE}/en/" not in asked  # was read as a post, its excerpt's dead link again
    assert f"{SITE}/ja/index.html" not in asked
    (note,) = [p for p in report["problems"] if p["code"] == "files-not-read"]
    assert "3 pages" in note["message"]
    assert report["summary"]["findings"].get("broken") == len(posts)  # each post's, once
    assert code == ExitCode.FAILED


def test_a_two_letter_page_with_nothing_under_it_is_still_a_post(tmp_path: Path) -> None:
    posts = ("go/", "posts/tides/")
    code, report, _asked = run_on_web(_web(posts), f"{SITE}/sitemap.xml", tmp_path)
    assert sorted(d["url"] for d in report["documents"]) == sorted(f"{SITE}/{p}" for p in posts)
    assert code == ExitCode.FAILED


ORIGINAL = "https://original.fixture-l27.example/2024/05/x"


def _cross_post(title: str, head: str = "", original: str = ORIGINAL) -> str:
    return _article(title).replace(
        "</title>", f"</title><link rel=canonical href='{original}'>{head}", 1
    )


def test_a_cross_post_s_amp_view_is_read_once(tmp_path: Path) -> None:
    post = f"{SITE}/2024/05/x/"
    web = _web(())
    web.sitemap(f"{SITE}/post-sitemap.xml", [post, f"{post}amp/", f"{SITE}/2024/05/y/"])
    web.page(post, _cross_post("x", f"<link rel=amphtml href='{post}amp/'>"))
    web.page(f"{post}amp/", _cross_post("x amp"))
    web.page(f"{SITE}/2024/05/y/", _cross_post("y", original=f"{ORIGINAL}-y"))
    for original in (ORIGINAL, f"{ORIGINAL}-y"):  # served, though never asked: no DNS
        web.page(original, _article("the original"))
    code, report, _asked = run_on_web(web, f"{SITE}/post-sitemap.xml", tmp_path)
    assert sorted(d["title"] for d in report["documents"]) == ["x", "y"]  # was x, x amp, y
    assert report["summary"]["findings"].get("broken") == 2  # was 3: x's twice
    assert code == ExitCode.FAILED
