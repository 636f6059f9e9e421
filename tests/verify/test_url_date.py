"""The day a page's URL states, read without htmldate for a page that writes no digit (issue 19).

``metadata._url_date`` is htmldate's ``extract_url_date`` with ``find_date``'s options, read by
citecheck itself so that a run whose pages write no digit never imports htmldate (and urllib3,
which htmldate's downloader imports): ~75 ms of CPU in each process, mid-run.  The two readers
must agree on every URL; the import must not happen.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date, timedelta
from itertools import product
from pathlib import Path

import pytest
from htmldate.extractors import extract_url_date
from htmldate.utils import Extractor
from htmldate.validators import get_max_date, get_min_date

from checker.verify.metadata import _url_date

ROOT = Path(__file__).resolve().parents[2]


def _htmldates(url: str) -> list[str]:
    """What htmldate's own URL reader answers, with the options ``find_date`` uses."""
    options = Extractor(False, get_max_date(None), get_min_date(None), True, "%Y-%m-%d")
    day = extract_url_date(url, options)
    return [str(day)] if day else []


def _urls() -> list[str]:
    today = date.today()
    near = [today - timedelta(days=1), today, today + timedelta(days=1), today + timedelta(400)]
    days = [f"{d.year}/{d.month:02}/{d.day:02}" for d in near]
    for year, month, day in product(
        ("1989", "1990", "1994", "1995", "2000", "2039", "2040"),
        ("0", "00", "1", "01", "2", "09", "12", "13", "19", "20"),
        ("0", "00", "1", "01", "28", "29", "30", "31", "32", "39", "40"),
    ):
        days.append(f"{year}/{month}/{day}")
    urls = []
    for written in days:
        for sep in ("/", "-", "_", "."):
            path = written.replace("/", sep)
            urls += [
                f"https://example.com/{path}/story.html",
                f"https://example.com/news{path}story",
                f"https://example.com/a/{path}",
                f"https://example.com/1{path}/x",  # a digit before the year
                f"https://example.com/{path}1/x",  # a digit after the day
                f"https://example.com/{path}/2021/03/04/",  # a second date after the first
            ]
    return [*urls, "", "https://example.com/", "https://example.com/२०२१/03/04/", "/2021/03/04"]


def test_the_url_reader_answers_as_htmldates_own_on_every_url() -> None:
    """First match only (an impossible day answers nothing, even with a good one after it),
    1995-01-01 to today, separators ``/``, ``-`` and ``_``, a non-digit before the year."""
    urls = _urls()
    assert len(urls) > 4000
    differ = [(url, _url_date(url), _htmldates(url)) for url in urls]
    assert [d for d in differ if d[1] != d[2]] == []
    assert sum(1 for d in differ if d[1]) > 500  # the set holds days read, not only refusals


_READ = """
import json, sys
from checker.verify.metadata import read_metadata
html = "<html><head><title>A story</title></head><body><p>No digit here.</p></body></html>"
found = read_metadata(html, "https://news.example/2024/03/05/a-story.html")
print(json.dumps({"dates": list(found.dates), "modules": sorted(sys.modules)}))
"""


@pytest.mark.parametrize("library", ["htmldate", "urllib3"])
def test_reading_a_page_that_writes_no_digit_imports_no_htmldate(library: str) -> None:
    """The URL's day is the page's date, and neither htmldate nor urllib3 is imported."""
    done = subprocess.run(
        [sys.executable, "-c", _READ],
        check=True,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        timeout=120,
    )
    read = json.loads(done.stdout)
    assert read["dates"] == ["2024-03-05"]
    assert [m for m in read["modules"] if m.split(".")[0] == library] == []
