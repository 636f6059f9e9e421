"""Session 24's leftover: a redirect status with no ``Location`` whose page sends the browser on
by a meta refresh.

With no ``Location``, WHATWG Fetch hands the answer itself to the browser, which shows its page
and so obeys the page's refresh.  citecheck judged such a page as the page it shows (session 22)
but did not follow its refresh, as it does a 200's: a 302 forwarding its reader to a 404 was
``ok``.  Now the refresh is followed as from a 200 page (the 404 it lands on is ``broken``); a
Location-less 302 with no refresh is judged as before (its own page).
"""

from __future__ import annotations

import json
from pathlib import Path

from checker.cli import main
from checker.sampleweb import SampleWeb, Web
from checker.sampleweb.server import Response

OLD = "https://old.fixture-p25.example"
_HTML = (("Content-Type", "text/html; charset=utf-8"),)
_ARTICLE = (
    "<html><head><title>New home of the article</title></head><body><article><h1>New home</h1>"
    "<p>The article's text, long enough to be read as the page of an article here.</p>"
    "</article></body></html>"
)


def _refresh(to: str) -> bytes:
    return (
        f'<html><head><meta http-equiv="refresh" content="0; url={to}"><title>Moved</title>'
        "</head><body><p>This page has moved.</p></body></html>"
    ).encode()


def _verdicts(tmp_path: Path) -> dict[str, tuple[str, list[str]]]:
    web = Web()
    web.add(f"{OLD}/to-dead", Response(302, _HTML, _refresh(f"{OLD}/gone")))
    web.add(f"{OLD}/see-other-dead", Response(303, _HTML, _refresh(f"{OLD}/gone")))
    web.add(f"{OLD}/to-live", Response(302, _HTML, _refresh(f"{OLD}/new")))
    web.add(f"{OLD}/own-page", Response(302, _HTML, _ARTICLE.encode()))
    web.page(f"{OLD}/new", _ARTICLE)
    post = tmp_path / "post.md"
    names = ("to-dead", "see-other-dead", "to-live", "own-page")
    post.write_text("# Post\n\n" + " ".join(f"[{n}]({OLD}/{n})" for n in names) + "\n")
    with SampleWeb(web) as site:
        argv = ["check", str(post), "--no-store", "--processes", "1", "--archive", "off"]
        argv += ["--report-dir", str(tmp_path / "out"), "--format", "json"]
        argv += ["--cacert", str(site.ca_path), "--max-retries", "0"]
        for rule in site.connect_to():
            argv += ["--connect-to", rule]
        main(argv)
    report = json.loads((tmp_path / "out" / "report.json").read_text(encoding="utf-8"))
    return {
        c["url"].rsplit("/", 1)[-1]: (c["status"], [f["code"] for f in c["findings"]])
        for d in report["documents"]
        for c in d["citations"]
    }


def test_a_location_less_redirect_s_refresh_is_followed(tmp_path: Path) -> None:
    verdicts = _verdicts(tmp_path)
    for name in ("to-dead", "see-other-dead"):  # the reader lands on the 404
        status, codes = verdicts[name]
        assert status == "broken"
        assert codes and set(codes) <= {"broken", "soft-404"}
    assert verdicts["to-live"] == ("ok", [])
    assert verdicts["own-page"] == ("ok", [])
