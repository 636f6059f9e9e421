"""A folder walk skips what the repository's ignore files and dependency folders exclude, says
how many files it kept out, and reads them with ``--no-ignore`` (as lychee).

Run in CI on a blog's repository, the walk read ``node_modules/``, Bundler's
``vendor/bundle/`` and a generator's ``public/`` (listed in ``.gitignore``), and failed the
build on links that are no post's.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

from checker.discover.found import Scope
from checker.discover.ignore import MAX_STAR_RUNS, usable_patterns, walk
from checker.discover.inputs import discover_inputs
from tests.fetch.support import run_citecheck


def _repository(tmp_path: Path) -> Path:
    """A Jekyll/Hugo blog's repository as CI checks it out, after ``bundle install``."""
    root = tmp_path / "blog"
    files = {
        "_posts/2026-01-01-hello.md": "See [a](https://post.example/hello).\n",
        "_posts/drafts/keep.md": "See [b](https://post.example/kept).\n",
        "_posts/drafts/skip.md": "See [c](https://ignored.example/draft).\n",
        "_posts/drafts/.gitignore": "*.md\n!keep.md\n",
        "public/index.html": '<a href="https://ignored.example/public">x</a>',
        "node_modules/pkg/README.md": "[d](https://ignored.example/npm)\n",
        "vendor/bundle/ruby/3.2.0/gems/rake/README.md": "[e](https://ignored.example/gem)\n",
        "vendor/notes.md": "A post about vendors: [f](https://post.example/vendor).\n",
        "docs/gen/api/x.md": "[g](https://ignored.example/gen)\n",
        "build.log.md": "[h](https://ignored.example/log)\n",
        ".gitignore": "public/\n/docs/**/api/\n*.log.md\n",
    }
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def test_dump_checks_the_posts_and_counts_what_the_ignore_rules_kept_out(
    tmp_path: Path,
) -> None:
    root = _repository(tmp_path)
    done = run_citecheck(["check", str(root), "--dump"], tmp_path)
    assert done.returncode == 0, done.stderr
    cited = {line.split("  ")[1] for line in done.stdout.splitlines() if "  https://" in line}
    assert cited == {
        "https://post.example/hello",
        "https://post.example/kept",
        "https://post.example/vendor",
    }
    (note,) = [line for line in done.stdout.splitlines() if "were kept out" in line]
    assert note.startswith(f"{root}  [files-not-read] 6 files in this folder were kept out")
    assert str(root / "_posts" / "drafts" / "skip.md") in note


def test_no_ignore_reads_them_as_lychee_does(tmp_path: Path) -> None:
    root = _repository(tmp_path)
    done = run_citecheck(["check", str(root), "--dump", "--no-ignore"], tmp_path)
    assert done.returncode == 0, done.stderr
    assert "https://ignored.example/npm" in done.stdout
    assert "https://ignored.example/gem" in done.stdout
    assert "https://ignored.example/public" in done.stdout
    assert "kept out" not in done.stdout


def test_the_accounting_lists_each_file_kept_out(tmp_path: Path) -> None:
    root = _repository(tmp_path)
    (discovery,) = asyncio.run(discover_inputs([str(root)], None))  # type: ignore[arg-type]
    kept_out = {Path(p).relative_to(root).as_posix() for p in discovery.ignored}
    assert kept_out == {
        "_posts/drafts/skip.md",
        "public/index.html",
        "node_modules/pkg/README.md",
        "vendor/bundle/ruby/3.2.0/gems/rake/README.md",
        "docs/gen/api/x.md",
        "build.log.md",
    }
    (everything,) = asyncio.run(
        discover_inputs([str(root)], None, scope=Scope(respect_ignore=False))  # type: ignore[arg-type]
    )
    assert everything.ignored == ()
    assert len(everything.pages) == len(discovery.pages) + 6


def test_a_file_named_as_an_input_is_read_whatever_the_ignore_files_say(
    tmp_path: Path,
) -> None:
    root = _repository(tmp_path)
    named = root / "node_modules" / "pkg" / "README.md"
    done = run_citecheck(["check", str(named), "--dump"], tmp_path)
    assert done.returncode == 0, done.stderr
    assert "https://ignored.example/npm" in done.stdout


def test_a_folder_whose_posts_are_all_ignored_says_so(tmp_path: Path) -> None:
    root = tmp_path / "site"
    (root / "public").mkdir(parents=True)
    (root / "public" / "index.html").write_text("<a href='https://x.example/'>x</a>")
    (root / ".gitignore").write_text("public/\n")
    done = run_citecheck(["check", str(root), "--dump"], tmp_path)
    assert done.returncode == 2
    assert "1 file(s) kept out by its ignore files" in done.stderr
    assert "Traceback" not in done.stderr


def test_hostile_ignore_files_never_crash_and_backtracking_patterns_are_not_used(
    tmp_path: Path,
) -> None:
    root = tmp_path / "blog"
    deep = root / "/".join(["d"] * 40)
    deep.mkdir(parents=True)
    (deep / ("a" * 200 + ".md")).write_text("[x](https://post.example/deep)\n")
    (root / "post.md").write_text("[y](https://post.example/top)\n")
    backtracking = "*a" * (MAX_STAR_RUNS + 5) + "*b"
    (root / ".gitignore").write_bytes(
        b"\x00\xff\xfe binary \x00\n"
        + (backtracking + "\n").encode() * 50
        + b"**/" * 300 + b"x\n"
        + b"[" * 5000 + b"\n"
        + b"!" * 2000 + b"\n"
        + b"\\\n!\n[z-a]\n[[:alpha:]\na\\\n"  # git rejects these, or re cannot compile them
        + b"# comment\n" * 200_000
    )  # fmt: skip
    (deep / ".ignore").write_bytes(b"\x00" * 100_000)
    found = walk(root)
    names = {p.name for p in found.entries}
    assert names == {"post.md", "a" * 200 + ".md"}
    assert found.ignored == []
    assert backtracking not in usable_patterns(backtracking + "\n*.log\n")
    assert usable_patterns("**/docs/**/*.md\n") == ["**/docs/**/*.md"]


def test_the_config_key_ignore_false_reads_them_too(tmp_path: Path) -> None:
    root = _repository(tmp_path)
    config = tmp_path / "citecheck.toml"
    config.write_text("ignore = false\n", encoding="utf-8")
    done = run_citecheck(["check", str(root), "--dump", "--config", str(config)], tmp_path)
    assert done.returncode == 0, done.stderr
    assert "https://ignored.example/npm" in done.stdout
    assert "kept out" not in done.stdout
