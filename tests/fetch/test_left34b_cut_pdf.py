"""A PDF whose server closes the connection before the end of the body it announced, its
``%%EOF`` never sent, stays ``unreachable``, and says why: a file cut short is not read as a
whole one (only an HTML page whose ``</html>`` came is judged on what arrived, left 33b).

A guard (it passes on the base too): session 33 left it as a question whether the verdict
says its reason.  Through the pipeline on the sample web (loopback TLS, ``--connect-to``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

import pytest

from checker.model import Status
from checker.sampleweb import Web
from checker.sampleweb.server import Response
from tests.fetch.support import check_links_on, check_sources_on

_PDF = (
    b"%PDF-1.4\n1 0 obj << /Type /Catalog /Title (Council approves the budget) >> endobj\n"
    + b"0" * 3000
)


@pytest.mark.parametrize("cut", ["length", "chunked"])
def test_a_pdf_cut_short_is_unreachable_with_its_reason(
    tmp_path: Path, cut: Literal["length", "chunked"]
) -> None:
    url = f"https://{cut}.test/budget.pdf"
    web = Web()
    web.add(url, Response(200, (("Content-Type", "application/pdf"),), _PDF, unfinished=cut))
    (tmp_path / "link").mkdir()
    (tmp_path / "source").mkdir()
    link = check_links_on(web, [url], tmp_path / "link")[url]
    source = check_sources_on(web, {url: "Council approves the budget"}, tmp_path / "source")[url]
    for checked in (link, source):
        assert checked.status is Status.UNREACHABLE, checked.findings
        (finding,) = checked.findings
        assert "without sending complete message body" in finding.message
