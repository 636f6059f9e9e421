"""``python -m checker check FOLDER`` on a docs tree: its relative links are looked up on disk.

Before, every relative link of a local file was ``skipped`` ("a file reference") and a run of
only such links said ``nothing-checked``: a CI user coming from lychee lost every broken
internal link.  Each test here failed on that base.  No network: a local link is never requested.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]


def _check(folder: Path, *args: str) -> tuple[subprocess.CompletedProcess[str], dict[str, Any]]:
    report = folder / "out.json"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, "-m", "checker", "check", "posts", "--no-store", "--no-baseline",
         "--format", "json", "--output", str(report), *args],
        cwd=folder, capture_output=True, text=True, check=False, env=env, timeout=120,
    )  # fmt: skip
    return done, json.loads(report.read_text()) if report.exists() else {}


def _verdicts(report: dict[str, Any]) -> dict[str, tuple[str, list[str]]]:
    return {
        c["url"].rsplit("/", 1)[-1] or c["url"]: (
            c["status"],
            [f["message"] for f in c["findings"]],
        )
        for d in report["documents"]
        for c in d["citations"]
    }


def _tree(tmp_path: Path) -> None:
    (tmp_path / "posts").mkdir()
    (tmp_path / "posts" / "a.md").write_text(
        "# A\n\n[b](b.md) [gone](missing.md) [img](../nope.png) [sec](b.md#x) [me](my%20post.md)\n"
    )
    (tmp_path / "posts" / "b.md").write_text("# B\n\n## x\n")
    (tmp_path / "posts" / "my post.md").write_text("# M\n")


def test_a_missing_local_file_fails_the_run_and_an_existing_one_is_ok(tmp_path: Path) -> None:
    _tree(tmp_path)
    done, report = _check(tmp_path)
    assert done.returncode == 1, done.stderr
    verdicts = _verdicts(report)
    assert verdicts["b.md"] == ("ok", [])
    assert verdicts["my%20post.md"] == ("ok", [])
    assert verdicts["missing.md"] == (
        "broken",
        ["no such file: missing.md (resolved to posts/missing.md)"],
    )
    assert verdicts["nope.png"][0] == "broken"
    codes = {p["code"] for p in report["problems"]}
    assert "nothing-checked" not in codes
    assert report["summary"]["accounting"]["checked"] == 4


def test_only_existing_local_links_pass_and_are_checked(tmp_path: Path) -> None:
    (tmp_path / "posts").mkdir()
    (tmp_path / "posts" / "a.md").write_text("# A\n\n[b](b.md) [here](./)\n")
    (tmp_path / "posts" / "b.md").write_text("# B\n")
    done, report = _check(tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    assert not [p for p in report["problems"] if p["code"] == "nothing-checked"]


def test_a_rerun_sees_a_file_that_was_deleted_in_between(tmp_path: Path) -> None:
    (tmp_path / "posts").mkdir()
    (tmp_path / "posts" / "a.md").write_text("# A\n\n[b](b.md)\n")
    (tmp_path / "posts" / "b.md").write_text("# B\n")
    store = tmp_path / "store"
    report = tmp_path / "out.json"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    command = [
        sys.executable, "-m", "checker", "check", str(tmp_path / "posts" / "a.md"),
        "--store", str(store), "--no-baseline", "--format", "json", "--output", str(report),
    ]  # fmt: skip
    first = subprocess.run(
        command, check=False, cwd=tmp_path, capture_output=True, text=True, env=env
    )
    assert first.returncode == 0, first.stdout + first.stderr
    (tmp_path / "posts" / "b.md").unlink()
    second = subprocess.run(
        command, check=False, cwd=tmp_path, capture_output=True, text=True, env=env
    )
    assert second.returncode == 1, second.stdout + second.stderr
    assert _verdicts(json.loads(report.read_text()))["b.md"][0] == "broken"


def test_root_relative_links_are_checked_only_with_root_dir(tmp_path: Path) -> None:
    (tmp_path / "posts").mkdir()
    (tmp_path / "static" / "img").mkdir(parents=True)
    (tmp_path / "static" / "img" / "a.png").write_bytes(b"png")
    (tmp_path / "posts" / "a.md").write_text("# A\n\n[a](/img/a.png) [n](/img/none.png)\n")
    done, report = _check(tmp_path)
    assert {s for s, _ in _verdicts(report).values()} == {"skipped"}
    assert report["summary"]["accounting"]["skipped_reasons"] == {"root-relative link": 2}
    done, report = _check(tmp_path, "--root-dir", "static")
    assert done.returncode == 1, done.stderr
    verdicts = _verdicts(report)
    assert verdicts["a.png"] == ("ok", [])
    assert verdicts["none.png"] == (
        "broken",
        ["no such file: none.png (resolved to static/img/none.png)"],
    )


def test_a_root_dir_that_is_no_folder_is_one_line_and_exit_2(tmp_path: Path) -> None:
    _tree(tmp_path)
    done, _report = _check(tmp_path, "--root-dir", "nowhere")
    assert done.returncode == 2
    assert len(done.stderr.strip().splitlines()) == 1, done.stderr
    assert "must be an existing folder" in done.stderr


def test_a_link_out_of_the_tree_is_a_note_unless_local_root_names_its_folder(
    tmp_path: Path,
) -> None:
    work = tmp_path / "work"
    (work / "posts").mkdir(parents=True)
    (work / "posts" / "a.md").write_text("# A\n\n[up](../../elsewhere/gone.md)\n")
    done, report = _check(work)
    assert _verdicts(report)["gone.md"][0] == "skipped"
    assert report["summary"]["accounting"]["skipped_reasons"] == {"outside the tree": 1}
    done, report = _check(work, "--local-root", str(tmp_path))
    assert done.returncode == 1, done.stderr
    assert _verdicts(report)["gone.md"][0] == "broken"
