"""Probe 29: Pelican's intrasite links and URI templates are placeholders, not dead links.

A Pelican post links its other posts and files through placeholders the build turns into their
addresses: ``[b]({filename}/posts/b.md)``, ``{static}/images/x.png``, ``{attach}files/a.pdf``,
``{tag}python``, and the older ``|filename|/posts/b.md``.  Looked up on disk (or joined to the
post's web address), each was a false ``broken`` that failed the run.  An API's URI template
(``https://api.example/users/{id}``) names no page either.  Skipped as template placeholders,
said, never requested.  Each test runs the real CLI on the fixture web.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from checker.cli import ExitCode
from tests.probe29_web import article_web
from tests.test_probe24_sitemap_listings import run_on_web

if TYPE_CHECKING:
    from pathlib import Path

    from checker.sampleweb import Web

HOST = "https://pelican.fixture-p29.example"

_POST = f"""\
Title: Second post
Date: 2024-01-06

Links: [first]({{filename}}/posts/first.md), [attach]({{attach}}files/a.pdf),
[image]({{static}}/images/x.png), [python]({{tag}}python),
[old bars](|filename|/posts/first.md), and [the live page]({HOST}/live).

The API answers at {HOST}/api/users/{{id}} for each user.
"""


def _web() -> Web:
    return article_web([f"{HOST}/live"])


def _statuses(report: dict[str, Any]) -> dict[str, str]:
    return {c["url"]: c["status"] for d in report["documents"] for c in d["citations"]}


def test_pelican_placeholders_are_skipped_not_broken(tmp_path: Path) -> None:
    (tmp_path / "posts").mkdir()
    post = tmp_path / "posts" / "second.md"
    post.write_text(_POST, encoding="utf-8")
    code, report, asked = run_on_web(_web(), str(post), tmp_path / "out")
    statuses = _statuses(report)
    assert statuses.pop(f"{HOST}/live") == "ok"
    assert len(statuses) == 6
    assert set(statuses.values()) == {"skipped"}, statuses
    accounting = report["summary"]["accounting"]
    assert accounting["skipped_reasons"] == {"template placeholder": 6}
    assert asked == {f"{HOST}/live"}
    assert code == ExitCode.OK


def test_a_uri_templates_variable_is_no_address(tmp_path: Path) -> None:
    post = tmp_path / "api.md"
    post.write_text(
        f"# API\n\nUsers are at {HOST}/api/users/{{id}} (see [the docs]({HOST}/live)).\n",
        encoding="utf-8",
    )
    code, report, asked = run_on_web(_web(), str(post), tmp_path / "out")
    assert _statuses(report) == {f"{HOST}/api/users/{{id}}": "skipped", f"{HOST}/live": "ok"}
    assert asked == {f"{HOST}/live"}
    assert code == ExitCode.OK


def test_braces_inside_a_segment_are_still_requested(tmp_path: Path) -> None:
    """The near miss: a name in braces that is not a whole segment (nor Pelican's at a
    segment's start) is a path, requested as written."""
    post = tmp_path / "odd.md"
    post.write_text(f"# Odd\n\nSee [odd]({HOST}/live) and [x]({HOST}/a{{b}}).\n", encoding="utf-8")
    _code, _report, asked = run_on_web(_web(), str(post), tmp_path / "out")
    assert any(url.startswith(f"{HOST}/a") for url in asked)
