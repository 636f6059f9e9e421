"""Left 34a: a Liquid ``{% comment %}`` is removed only where the site's generator runs Liquid.

Jekyll and Eleventy remove ``{% comment %}`` … ``{% endcomment %}`` before the Markdown is read;
Hugo, Zola and Obsidian run no Liquid and show it as text, its links links their readers
follow.  It was blanked in every post, so a Hugo or Obsidian post's links between the tags were
never cited, a silent loss (session 33 left).  Through the CLI's ``--dump`` on local folders
(nothing is fetched).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from checker.cli import main

if TYPE_CHECKING:
    from pathlib import Path

POST = (
    "---\ntitle: Notes\n---\n\nSee [the report](https://src.example/report).\n\n"
    "{% comment %}\nAlso [the draft](https://src.example/draft).\n{% endcomment %}\n"
)
SETTINGS = {
    "hugo": ("hugo.toml", 'baseURL = "https://blog.example/"\n'),
    "zola": ("config.toml", 'base_url = "https://blog.example"\n'),
    "jekyll": ("_config.yml", "title: Blog\n"),
    "eleventy": ("eleventy.config.js", "module.exports = {};\n"),
}


def _dumped(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> list[str]:
    capsys.readouterr()
    main(["check", str(tmp_path / "site"), "--dump"])
    out = capsys.readouterr().out.splitlines()
    return sorted(line.rsplit("  ", 1)[1] for line in out if line.endswith(("/report", "/draft")))


def _site(tmp_path: Path, settings: tuple[str, str] | None, *, vault: bool = False) -> None:
    posts = tmp_path / "site" / "content" / "posts"
    posts.mkdir(parents=True)
    (posts / "notes.md").write_text(POST, encoding="utf-8")
    if settings is not None:
        (tmp_path / "site" / settings[0]).write_text(settings[1], encoding="utf-8")
    if vault:
        (tmp_path / "site" / "content" / ".obsidian").mkdir()


@pytest.mark.parametrize("generator", ["hugo", "zola"])
def test_a_site_without_liquid_shows_the_comment_and_its_links(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], generator: str
) -> None:
    _site(tmp_path, SETTINGS[generator])
    assert _dumped(tmp_path, capsys) == ["https://src.example/draft", "https://src.example/report"]


def test_an_obsidian_vault_shows_the_comment_and_its_links(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _site(tmp_path, None, vault=True)
    assert _dumped(tmp_path, capsys) == ["https://src.example/draft", "https://src.example/report"]


@pytest.mark.parametrize("generator", ["jekyll", "eleventy", None])
def test_liquid_sites_and_unknown_folders_still_remove_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], generator: str | None
) -> None:
    _site(tmp_path, SETTINGS[generator] if generator else None)
    assert _dumped(tmp_path, capsys) == ["https://src.example/report"]


def test_a_vault_inside_a_jekyll_site_still_removes_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _site(tmp_path, SETTINGS["jekyll"], vault=True)
    assert _dumped(tmp_path, capsys) == ["https://src.example/report"]


def test_nested_vaults_are_walked_without_recursion(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Mend 34q: each vault's settings looked up the site above it by recursion, so 400 nested
    ``a/.obsidian`` folders raised RecursionError and the post was lost ("extracting its posts
    failed").  The folders are walked in a loop: the post is read, a vault's, its comment shown."""
    folder = tmp_path / "site"
    for _ in range(400):
        folder = folder / "a"
        (folder / ".obsidian").mkdir(parents=True)
    (folder / "notes.md").write_text(POST, encoding="utf-8")
    assert _dumped(tmp_path, capsys) == ["https://src.example/draft", "https://src.example/report"]


@pytest.mark.parametrize(
    "settings",
    [
        "config.yaml",  # Hugo's older name, of any of its formats
        "config.json",
        "config/_default/hugo.toml",  # Hugo's settings folder
    ],
)
def test_hugos_settings_of_every_name_show_the_comment(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], settings: str
) -> None:
    """Mend 34q: ``config.yaml``/``config.json`` and ``config/_default/`` were not known as
    Hugo's: such a site's comment was blanked, its links never cited."""
    _site(tmp_path, None)
    written = tmp_path / "site" / settings
    written.parent.mkdir(parents=True, exist_ok=True)
    written.write_text("baseURL: https://blog.example/\n", encoding="utf-8")
    assert _dumped(tmp_path, capsys) == ["https://src.example/draft", "https://src.example/report"]


def test_a_config_toml_of_no_hugo_site_leaves_liquid_on(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Mend 34q: a ``config.toml`` of some other tool above loose posts (no ``content/``,
    ``archetypes/`` or ``themes/`` beside it) turned the comment's blanking off."""
    posts = tmp_path / "site" / "posts"
    posts.mkdir(parents=True)
    (posts / "notes.md").write_text(POST, encoding="utf-8")
    (tmp_path / "site" / "config.toml").write_text("[tool]\nname = 'x'\n", encoding="utf-8")
    assert _dumped(tmp_path, capsys) == ["https://src.example/report"]
