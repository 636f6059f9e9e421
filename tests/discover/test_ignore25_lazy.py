"""The dependency folders' rules ask pathspec only about a path that names one of their
folders (issue 19): a walk of a folder with no ignore file and none of those names never
imports pathspec (~25 ms before a run's first request), and one that meets them answers as
pathspec does."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from checker.discover.ignore import walk

ROOT = Path(__file__).resolve().parents[2]

_WALK = """
import json, sys
from pathlib import Path
from checker.discover.ignore import walk
found = walk(Path(sys.argv[1]))
print(json.dumps({"entries": len(found.entries), "pathspec": "pathspec" in sys.modules}))
"""


def _tree(root: Path, names: list[str]) -> Path:
    for name in names:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("[a](https://post.example/a)\n", encoding="utf-8")
    return root


def test_a_walk_that_meets_no_dependency_folder_imports_no_pathspec(tmp_path: Path) -> None:
    root = _tree(tmp_path / "posts", ["a.md", "2024/b.md", "vendor/notes.md", "cached/c.md"])
    done = subprocess.run(
        [sys.executable, "-c", _WALK, str(root)],
        check=True,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        timeout=60,
    )
    assert json.loads(done.stdout) == {"entries": 4, "pathspec": False}


def test_the_dependency_folders_are_skipped_as_pathspec_reads_their_patterns(
    tmp_path: Path,
) -> None:
    """A folder named as one of them but elsewhere (``cache/`` at the top, ``gems/`` outside
    ``vendor/``) is read; ``node_modules/`` at any depth and ``vendor/cache/`` are not."""
    root = _tree(
        tmp_path / "site",
        [
            "cache/a.md",
            "posts/gems/b.md",
            "posts/ruby.md",
            "vendor/c.md",
            "node_modules/x.md",
            "deep/er/node_modules/y.md",
            "vendor/cache/z.md",
            "vendor/ruby/w.md",
        ],
    )
    found = walk(root)
    read = sorted(p.relative_to(root).as_posix() for p in found.entries)
    assert read == ["cache/a.md", "posts/gems/b.md", "posts/ruby.md", "vendor/c.md"]
    skipped = sorted(p.relative_to(root).as_posix() for p in found.ignored)
    assert skipped == [
        "deep/er/node_modules/y.md",
        "node_modules/x.md",
        "vendor/cache/z.md",
        "vendor/ruby/w.md",
    ]
