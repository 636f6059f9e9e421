"""Posts and citations of the 200 real article pages read as input files (issue 16).

Not part of the test suite.  Each page of ``../shared/realpages/dev.tar.xz`` is read exactly as
discover reads a local file and extracted (nothing is fetched); ``dump`` writes every page's
posts and citations as JSON, ``table`` compares two dumps (before and after a change) in a
reviewable Markdown table.

A remaining citation is counted as *teaser/navigation-like* when it points at the page's own site
and its anchor text reads like a headline or a menu entry rather than a phrase of the article's
prose: the automatic half of the review.  Links to other sites, and links on the page's own site
whose context is a longer sentence, count as *source-like*.  The table lists samples of both so a
reader can judge the heuristics.

    python -m bench.realpages_posts dump /tmp/before.json
    python -m bench.realpages_posts table BEFORE.json AFTER.json bench/realpages-citations.md
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path
from urllib.parse import urlsplit

from checker.discover.inputs import _path_discovery
from checker.extract import extract
from checker.extract.content import same_site
from tests.verify.realpages import _extracted, tarball_path


def dump(out: Path) -> None:
    folder = _extracted(tarball_path())
    truth = json.loads((folder / "truth.json").read_text(encoding="utf-8"))
    pages = []
    for url, entry in truth.items():
        path = folder / entry["file"]
        posts = []
        for page in _path_discovery(path).pages:
            for document in extract(page):
                citations = [
                    {
                        "url": c.url,
                        "kind": c.kind.value,
                        "context": (c.context or "")[:160],
                        "title": c.cited.title,
                    }
                    for c in document.citations
                ]
                posts.append({"url": document.url, "title": document.title, "citations": citations})
        pages.append({"file": entry["file"], "url": url, "posts": posts})
    out.write_text(json.dumps(pages, ensure_ascii=False, indent=1), encoding="utf-8")
    counts = Counter(len(p["posts"]) for p in pages)
    cited = sum(len(d["citations"]) for p in pages for d in p["posts"])
    print(f"{len(pages)} pages, {sum(len(p['posts']) for p in pages)} posts, {cited} citations")
    print("posts per page:", dict(sorted(counts.items())))


def _context_is_prose(citation: dict[str, str | None]) -> bool:
    context = citation.get("context") or ""
    return len(context.split()) >= 12


def teaser_like(page_url: str, citation: dict[str, str | None]) -> bool:
    """Own-site link without sentence around it: a teaser, menu or tag link, most likely."""
    url = citation.get("url") or ""
    if not url.startswith("http"):
        return False
    return same_site(url, page_url) and not _context_is_prose(citation)


def _cited(page: dict) -> list[dict]:  # type: ignore[type-arg]
    return [c for post in page["posts"] for c in post["citations"]]


def _short(text: str | None, width: int = 60) -> str:
    text = " ".join((text or "").split()).replace("|", "\\|")
    return text if len(text) <= width else text[: width - 1] + "…"


def table(before_path: Path, after_path: Path, out: Path) -> None:
    before = {p["file"]: p for p in json.loads(before_path.read_text(encoding="utf-8"))}
    after = {p["file"]: p for p in json.loads(after_path.read_text(encoding="utf-8"))}
    rows = []
    totals = Counter[str]()
    for name in sorted(before):
        old, new = before[name], after[name]
        old_cited, new_cited = _cited(old), _cited(new)
        new_urls = Counter(c["url"] for c in new_cited)
        dropped = []
        for c in old_cited:
            if new_urls[c["url"]]:
                new_urls[c["url"]] -= 1
            else:
                dropped.append(c)
        teaser = [c for c in new_cited if teaser_like(new["url"], c)]
        totals["pages"] += 1
        totals["posts before"] += len(old["posts"])
        totals["posts after"] += len(new["posts"])
        totals["citations before"] += len(old_cited)
        totals["citations after"] += len(new_cited)
        totals["teaser-like before"] += sum(teaser_like(old["url"], c) for c in old_cited)
        totals["teaser-like after"] += len(teaser)
        totals["pages with 1 post after"] += len(new["posts"]) == 1
        kept = [c for c in new_cited if not teaser_like(new["url"], c)]
        rows.append(
            f"| {name} | {_short(urlsplit(new['url']).hostname, 30)} | {len(old['posts'])} → "
            f"{len(new['posts'])} | {len(old_cited)} → {len(new_cited)} | {len(teaser)} | "
            f"{'; '.join(_short(c['url'], 50) for c in dropped[:2])} | "
            f"{'; '.join(_short(c['url'], 50) for c in kept[:2])} | "
            f"{'; '.join(_short(c['url'], 50) for c in teaser[:2])} |"
        )
    with out.open("w", encoding="utf-8") as handle:
        handle.write("# Real article pages as input files: posts and citations (issue 16)\n\n")
        handle.write(
            "Made by `python -m bench.realpages_posts`. Each of the 200 pages of "
            "`../shared/realpages` read as a local file (nothing fetched). *Teaser-like*: a "
            "citation on the page's own site whose context is not a sentence (under 12 words), "
            "the automatic count of teaser, menu and tag links left; *kept*: a sample of the "
            "other citations.\n\n"
        )
        for key, value in totals.items():
            handle.write(f"- {key}: {value}\n")
        handle.write(
            "\n| page | host | posts | citations | teaser-like left | dropped (sample) "
            "| kept (sample) | teaser-like left (sample) |\n"
            "|---|---|---|---|---|---|---|---|\n"
        )
        handle.write("\n".join(rows) + "\n")
    for key, value in totals.items():
        print(f"{key}: {value}")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    d = sub.add_parser("dump")
    d.add_argument("out", type=Path)
    t = sub.add_parser("table")
    t.add_argument("before", type=Path)
    t.add_argument("after", type=Path)
    t.add_argument("out", type=Path)
    args = parser.parse_args(argv)
    if args.command == "dump":
        dump(args.out)
    else:
        table(args.before, args.after, args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
