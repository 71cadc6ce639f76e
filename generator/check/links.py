"""Links written in records may only use http(s). A `javascript:` or `data:` link is never
made clickable by the templates, but it is refused here too, so no future template, feed or
downstream portal that turns the text into a link can be tricked into running it."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..load.data_folder import Loaded
from ..problems import Problem

# Fields that hold a link (the whole value) or free text that may contain links.
URL_FIELDS = {"units": ("website",), "proactive_explanations": ("channel_links",)}
TEXT_WITH_LINKS = {"plan_tasks": ("evidence",), "follow_ups": ("evidence",),
                   "explanations": ("document",), "plans": ("document",), "reports": ("document",),
                   "regulations": ("document",), "proactive_explanations": ("document",)}
LINK_LISTS = ("channel_links",)  # a list field: several links, separated by ";"
SAFE_SCHEMES = ("http", "https")
# A scheme followed by "//", or a scheme that runs code or embeds content, whatever follows it.
# "file: báo cáo.pdf" is ordinary office Vietnamese: data/file/blob count only when a link follows
# at once, the script schemes always.
_SCHEME = re.compile(r"(?<![\w+.\-])([A-Za-z][A-Za-z0-9+.\-]{0,30})\s*:(?=\s*//)"
                     r"|(?<![\w+.\-])(javascript|vbscript|livescript|mocha)\s*:"
                     r"|(?<![\w+.\-])(data|file|blob):(?=\S)", re.IGNORECASE)


def bad_scheme(text: str) -> str | None:
    """The first scheme in text that is not http(s), e.g. “javascript:”."""
    # Invisible characters inside a scheme (java\tscript:) are ignored by browsers: drop them first.
    squeezed = re.sub(r"[\t\n\r\u200b-\u200d\ufeff]", "", text)
    for m in _SCHEME.finditer(squeezed):
        scheme = (m.group(1) or m.group(2) or m.group(3)).lower()
        if scheme not in SAFE_SCHEMES:
            return scheme + ":"
    return None


def is_web_address(text: str) -> bool:
    return bool(re.fullmatch(r"https?://[^\s<>\"'`]+", text.strip(), re.IGNORECASE))


def problems(loaded: Loaded) -> Iterator[Problem]:
    for resource, fields in URL_FIELDS.items():
        for rec in loaded.records.get(resource, []):
            for name in fields:
                value = rec.values.get(name)
                for link in (value.split(";") if isinstance(value, str) and name in LINK_LISTS else [value]):
                    if link in (None, "") or is_web_address(str(link)):
                        continue
                    yield Problem(rec.path, rec.line_of(name), "unsafe-link", field=name,
                                  value=bad_scheme(str(link)) or str(link).strip())
    # The licence link of portal.yaml is shown on the open-data page.
    path, portal, lines = loaded.settings.get("portal", ("", None, {}))
    licence = portal.get("licence") if isinstance(portal, dict) else None
    link = licence.get("path") if isinstance(licence, dict) else None
    if link not in (None, "") and not is_web_address(str(link)):
        yield Problem(path, lines.get("licence", 1), "unsafe-link", field="licence.path",
                      value=bad_scheme(str(link)) or str(link))
    for resource, fields in TEXT_WITH_LINKS.items():
        for rec in loaded.records.get(resource, []):
            for name in fields:
                value = rec.values.get(name)
                if isinstance(value, str) and (scheme := bad_scheme(value)):
                    yield Problem(rec.path, rec.line_of(name), "unsafe-link", field=name, value=scheme)
