"""Stage 5: the site engine (MkDocs + Material), kept at arm's length.

MkDocs builds only what does not grow with the data: the hand-written pages in content/,
the theme's assets, and one empty *frame* per section and depth (a page whose title, head and
content are markers). Every generated page is then poured into the frame of its section and
depth, so it carries Material's look, navigation and relative links without MkDocs paying a
per-page cost. Switching engine means changing `run_engine` and the frame markers only.
"""

from __future__ import annotations

import html
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

import yaml

from ..check import legal
from ..model.model import Model
from ..pages import feed_list
from ..pages.page import Page, frame_of

ROOT = Path(__file__).resolve().parents[2]
FRAME_DIR = "_khung"
MARKERS = ("<!--GT:HEAD-->", "<!--GT:TITLE-->", "<!--GT:CONTENT-->")  # in document order
# A run of white space with a line break in it: the theme's templates indent and leave blank lines
# by the hundred, and a frame is repeated on every generated page. One line break renders the same
# (a frame holds no <pre> or <textarea>: its only text is the theme's and our overrides').
LAYOUT_SPACE = re.compile(r"[ \t\r]*\n\s*")
# What the theme's base template writes for its own script only, which a frame does not load: the
# drawer and search toggles (the frame has neither drawer nor search box), their overlay, the
# empty skip block and the dialog of the script's messages. 0.4 KB on each of 100,000 pages.
THEME_SCRIPT_ONLY = re.compile(r'<input class="md-toggle" data-md-toggle="(?:drawer|search)"[^>]*>\n'
                               r'|<label class="md-overlay" for="__drawer"></label>\n'
                               r'|<div data-md-component="skip">\n</div>\n'
                               r'|<div class="md-dialog" data-md-component="dialog">\n'
                               r'<div class="md-dialog__inner md-typeset"></div>\n</div>\n')
SCRIPT_HOOK = re.compile(r' data-md-component="[a-z]+"')  # the hooks of that script (no stylesheet uses them)


def frame_source(section: str, depth: int) -> str:
    """Where the frame of a section at a depth lives in the docs folder."""
    if depth == 0:
        return "index.md"
    return "/".join([section] + [FRAME_DIR] * (depth - 1) + ["index.md"])


def engine_config(model: Model, docs: Path, site: Path) -> dict:
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    portal = model.settings.portal
    # MkDocs templates do not autoescape: the portal name from portal.yaml goes in escaped.
    config.update(docs_dir=str(docs), site_dir=str(site), site_name=html.escape(portal.name))
    config.pop("site_url", None)  # one source of truth for the address: base_url in portal.yaml
    if portal.base_url:
        config["site_url"] = portal.base_url
    config["theme"]["custom_dir"] = str(ROOT / config["theme"].get("custom_dir", "site_templates/overrides"))
    config["not_in_nav"] = f"{FRAME_DIR}/\n"
    config["extra"] = {
        **config.get("extra", {}),
        "as_of": model.as_of.isoformat(),
        "as_of_vi": model.as_of.strftime("%d/%m/%Y"),
        "sample": portal.sample,
        "licence": portal.licence,
    }
    return config


def nav_sections(config: dict) -> dict[str, str]:
    """Generated sections named in the nav (e.g. giai-trinh/index.md): url -> nav title."""
    out = {}
    for item in config.get("nav", []):
        for title, target in item.items():
            if isinstance(target, str) and (target == "index.md" or target.endswith("/index.md")) \
                    and not (ROOT / config.get("docs_dir", "content") / target).exists():
                out[target] = title
    return out


def frames_needed(urls: Iterable[str]) -> frozenset[tuple[str, int]]:
    """The frames (section, depth) that pages at these addresses need (render.frame_of), and
    those of the generated nav sections."""
    titles = nav_sections(yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8")))
    return frozenset({frame_of(url) for url in urls}
                     | {(t.split("/")[0] if "/" in t else "", t.count("/")) for t in titles})


def run_engine(model: Model, needed: frozenset[tuple[str, int]], work: Path
               ) -> tuple[dict[str, bytes], dict[tuple[str, int], list[str]]]:
    """Build the static part with MkDocs, with the frames `needed` (frames_needed); return its
    files and the frames split at the markers."""
    docs, site = work / "docs", work / "engine-site"
    shutil.copytree(ROOT / "content", docs)
    for page in docs.rglob("*.md"):  # citations of the legal registry become plain Markdown (generator/legal.py)
        page.write_text(legal.expand(page.read_text(encoding="utf-8"), model.settings.registry), encoding="utf-8")
    shutil.copytree(ROOT / "site_templates" / "assets", docs / "assets", dirs_exist_ok=True)
    config = engine_config(model, docs, site)
    titles = nav_sections(yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8")))
    for section, depth in needed:
        source = frame_source(section, depth)
        target = docs / source
        target.parent.mkdir(parents=True, exist_ok=True)
        title = titles.get(source, "Khung trang")
        target.write_text(f"---\nshell: true\ntitle: {title}\n---\n", encoding="utf-8")
    (work / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    env = {**os.environ, "PYTHONHASHSEED": "0"}
    proc = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(work / "mkdocs.yml")],
                          capture_output=True, text=True, env=env)
    if proc.returncode != 0:
        raise RuntimeError(f"MkDocs build failed:\n{proc.stdout}\n{proc.stderr}")
    frames: dict[tuple[str, int], list[str]] = {}
    for section, depth in needed:
        built = site / frame_source(section, depth).replace(".md", ".html")
        frames[(section, depth)] = _split(built.read_text(encoding="utf-8"))
    files = {}
    for path in sorted(site.rglob("*")):
        rel = path.relative_to(site).as_posix()
        if path.is_file() and f"{FRAME_DIR}/" not in rel and rel not in ("sitemap.xml", "sitemap.xml.gz"):
            files[rel] = path.read_bytes()
    for section, depth in needed:  # the frames themselves are not pages
        files.pop(frame_source(section, depth).replace(".md", ".html"), None)
    return files, frames


def _split(frame: str) -> list[str]:
    parts = [SCRIPT_HOOK.sub("", THEME_SCRIPT_ONLY.sub("", LAYOUT_SPACE.sub("\n", frame)))]
    for marker in MARKERS:
        head, sep, tail = parts[-1].partition(marker)
        if not sep:
            raise RuntimeError(f"frame is missing the marker {marker}: check site_templates/overrides/main.html")
        parts[-1:] = [head, tail]
    return parts


# What a link shared on Zalo or Facebook shows: one picture for the whole site (1200×630, made
# once and kept in site_templates/assets/), not one per page. Neither its size nor an
# og:image:alt: the same words on 100,000 pages (9 MB each) for a banner the crawler measures itself.
SHARE_IMAGE = "assets/chia-se.png"
RECORD_TEMPLATES = ("explanation.html", "plan.html", "follow_up.html", "regulation.html", "proactive.html",
                    "withdrawn.html")


def head_tags(model: Model, page: Page) -> str:
    """The page's description and Open Graph tags (og:url and og:image need the portal's address:
    a shared link's preview only reads absolute ones)."""
    esc = html.escape
    portal = model.settings.portal
    base = portal.base_url
    said = (page.description or f"{page.title} trên {portal.name}").rstrip()
    said += "" if said.endswith((".", "…", "?", "!")) else "."  # read as a sentence in a shared link's preview
    tags = [f'<meta name="description" content="{esc(said)}">',
            f'<meta property="og:type" content="{"article" if page.template in RECORD_TEMPLATES else "website"}">',
            f'<meta property="og:title" content="{esc(page.title)}">',
            f'<meta property="og:description" content="{esc(said)}">',
            f'<meta property="og:site_name" content="{esc(portal.name)}">',
            '<meta property="og:locale" content="vi_VN">']
    tags += feed_list.alternates(model, page, portal=page.template not in RECORD_TEMPLATES)
    if base:
        image = SHARE_IMAGE
        tags += [f'<link rel="canonical" href="{esc(base + page.url)}">',
                 f'<meta property="og:url" content="{esc(base + page.url)}">',
                 f'<meta property="og:image" content="{esc(base + image)}">']
    return "\n".join(tags)


def assemble(model: Model, pages: list[Page], bodies: Iterator[str],
             frames: dict[tuple[str, int], list[str]]) -> Iterator[tuple[str, bytes]]:
    """Pour each page's body into the frame of its section and depth."""
    site_name = model.settings.portal.name
    for page, body in zip(pages, bodies):
        a, b, c, d = frames[page.frame]
        title = site_name if page.url == "" else f"{page.title} - {site_name}"
        yield page.path, "".join((a, head_tags(model, page), b, html.escape(title), c, body, d)).encode("utf-8")
