"""Pages that lead from an address the portal no longer uses to the one that replaced it (a
list's address in English words, pages/browse.moved_lists): a small HTML page with a meta
refresh, the canonical address and a link for a reader whose browser does not follow it. Only
the first page of each old list: one folder per old list, not per page of it."""

from __future__ import annotations

from html import escape

from ..model.model import Model
from ..pages.browse import moved_lists
from ..pages.page import relative

PAGE = """<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="robots" content="noindex">
<title>Trang đã chuyển địa chỉ</title>
<link rel="canonical" href="{to}">
<meta http-equiv="refresh" content="0; url={to}">
</head>
<body>
<p>Trang này đã chuyển sang địa chỉ mới. <a href="{to}">Mở trang ở địa chỉ mới</a>.</p>
</body>
</html>
"""


def files(model: Model) -> dict[str, bytes]:
    """{old address/index.html: the page leading to the new address}."""
    return {old + "index.html": PAGE.format(to=escape(relative(old, new))).encode()
            for old, new in moved_lists(model)}
