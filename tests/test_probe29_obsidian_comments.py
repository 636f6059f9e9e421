"""Probe 29: an Obsidian note's comments (``%% … %%``) are no citations.

Obsidian's reading view, and the sites published from a vault (Obsidian Publish, Quartz), hide
what a note holds between ``%%`` marks, inline or over several lines: read as text, a link kept
there (a dead one the author noted aside) was cited and failed the run.  A comment is taken out
as MDX's ``{/* */}`` is, outside code only, lines kept; a newsletter's merge tag
(``%%share_url%%``) is no comment.  Through the real CLI on the fixture web.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from checker.cli import ExitCode
from tests.probe29_web import article_web, lines_and_statuses
from tests.test_probe24_sitemap_listings import run_on_web

if TYPE_CHECKING:
    from pathlib import Path

    from checker.sampleweb import Web

HOST = "https://vault.fixture-p29.example"

_NOTE = f"""\
# Reading list

%% aside: [old copy]({HOST}/dead-inline) %% [the article]({HOST}/live)

%%
Block comment with [a dead link]({HOST}/dead-block)
%%

A code span `%%` with [a link]({HOST}/after-code) and `%%` again.

[Share](%%share_url%%)
"""


def _web() -> Web:
    live = (f"{HOST}/{path}" for path in ("live", "after-code"))
    return article_web(live, (f"{HOST}/{path}" for path in ("dead-inline", "dead-block")))


def test_links_in_obsidian_comments_are_not_cited(tmp_path: Path) -> None:
    note = tmp_path / "vault" / "Reading list.md"
    (note.parent / ".obsidian").mkdir(parents=True)  # a vault: every ``%% … %%`` is a comment
    note.write_text(_NOTE, encoding="utf-8")
    code, report, asked = run_on_web(_web(), str(note), tmp_path / "out")
    cited = lines_and_statuses(report)
    assert cited.pop(f"{HOST}/live") == (3, "ok")  # after a comment opening its line
    assert cited.pop(f"{HOST}/after-code") == (9, "ok")  # ``%%`` in code opens nothing
    assert [status for _line, status in cited.values()] == ["skipped"]  # the merge tag
    assert not {f"{HOST}/dead-inline", f"{HOST}/dead-block"} & asked
    assert code == ExitCode.OK
