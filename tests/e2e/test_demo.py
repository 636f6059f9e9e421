"""`citecheck demo`: the rebuilt seed blog must yield exactly its real defects and nothing else."""

from __future__ import annotations

import json

import pytest

from checker.cli import ExitCode, main


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> tuple[int, dict[str, object]]:
    out = tmp_path_factory.mktemp("demo")
    code = main(["demo", "--report-dir", str(out)])
    assert (out / "report.md").is_file()
    return code, json.loads((out / "report.json").read_text(encoding="utf-8"))


def test_demo_fails_on_the_seed_defects(demo: tuple[int, dict[str, object]]) -> None:
    code, report = demo
    assert code == ExitCode.FAILED
    assert report["summary"]["findings"] == {  # type: ignore[index]
        "missing-url": 1,
        "publisher-mismatch": 1,
    }


def test_each_defect_is_on_the_right_post(demo: tuple[int, dict[str, object]]) -> None:
    _, report = demo
    found = {
        (c["cited"]["publisher"], c["url"], f["code"])
        for d in report["documents"]  # type: ignore[attr-defined]
        for c in d["citations"]
        for f in c["findings"]
    }
    assert found == {
        ("The National Interest", None, "missing-url"),
        (
            "19fortytive",
            "https://www.19fortyfive.com/2025/02/how-long-can-russia-sustain-its-brutal-ukraine-war-losses/",
            "publisher-mismatch",
        ),
    }


def test_every_attribution_block_is_read(demo: tuple[int, dict[str, object]]) -> None:
    _, report = demo
    sources = [
        c["cited"]
        for d in report["documents"]  # type: ignore[attr-defined]
        for c in d["citations"]
        if c["kind"] == "source"
    ]
    assert [(s["title"], s["author"], s["publisher"]) for s in sources] == [
        ("Ukraine’s Hardest Winter", "Jack Watling", "Foreign Affairs"),
        (
            "Vladimir Putin Awakens Donald Trump’s Reluctant Warrior",
            "Kaush Arha",
            "The National Interest",
        ),
        (
            "DSEI JAPAN NEWS: Agreement to Strengthen Ukraine, Japan Defense Industry Ties",
            "Stew Magnuson",
            "National Defense Magazine",
        ),
        (
            "Multiple High-Profile Russian Generals Assassinated on Russian Soil",
            "David Kirichenko",
            "The National Interest",
        ),
        (
            "How Long Can Russia Sustain Its Brutal Ukraine War Losses?",
            "Robert Kelly",
            "19fortytive",
        ),
    ]
