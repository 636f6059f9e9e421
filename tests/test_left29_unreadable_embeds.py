"""A Hugo or Jekyll embed call whose id cannot be read is a ``malformed-url``, never silence
(session 28 left: ``{{< speakerdeck ../../x >}}`` was cited nowhere and said nowhere, as other
shortcodes' bad ids were), through the real CLI on a local post (nothing is fetched)."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import pytest

from checker.cli import ExitCode, main
from checker.urls import EMBED_SHORTCODES, is_unreadable_embed

if TYPE_CHECKING:
    from pathlib import Path

BAD_CALLS = (
    "{{< speakerdeck ../../x >}}",
    "{{< slideshare 'ab cd' >}}",
    '{{< tweet user="jack" id="twenty" >}}',
    '{{% youtube id="" %}}',
    '{{< speakerdeck "" >}}',
    '{% include video.html id="x" provider="youtube" %}',
    "{%- vimeo 12ab -%}",
)


def _run(tmp_path: Path, body: str) -> tuple[int, dict]:  # type: ignore[type-arg]
    post = tmp_path / "post.md"
    post.write_text(f"---\ntitle: Slides\n---\n\n{body}\n", encoding="utf-8")
    out = tmp_path / "out"
    argv = ["check", str(post), "--no-store", "--archive", "off", "--format", "json"]
    code = main([*argv, "--report-dir", str(out)])
    return code, json.loads((out / "report.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("call", BAD_CALLS)
def test_an_unreadable_embed_call_is_a_malformed_url(tmp_path: Path, call: str) -> None:
    code, report = _run(tmp_path, f"My talk:\n\n{call}\n")
    (citation,) = report["documents"][0]["citations"]
    assert citation["url"] == call
    assert [f["code"] for f in citation["findings"]] == ["malformed-url"]
    assert "shortcode" in citation["findings"][0]["message"]
    assert code == ExitCode.FAILED


def test_prose_in_brackets_and_a_relref_stay_what_they_were(tmp_path: Path) -> None:
    body = (
        "- [x] done\n- [video of the talk] soon, [tweet from yesterday]\n\n"
        "{{< notice >}} a theme's own, maybe (x is Hugo's X embed)\n"
        '[the other post]({{< relref "other.md" >}})\n'
    )
    _code, report = _run(tmp_path, body)
    statuses = [c["status"] for c in report["documents"][0]["citations"]]
    assert statuses == ["skipped"]  # the placeholder, filled in when the site is built
    assert "malformed-url" not in report["summary"]["findings"]


def test_the_names_verify_knows_are_the_extractor_s() -> None:
    from checker.extract.embeds import shortcodes  # noqa: PLC0415

    assert set(shortcodes._KINDS) == EMBED_SHORTCODES
    assert not is_unreadable_embed("{{< relref x >}}")
    assert not is_unreadable_embed("https://blog.example/{{< tweet 1 >}}")
