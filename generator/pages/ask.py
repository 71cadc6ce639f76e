"""Asking for an explanation: a request page per unit (don-vi/<unit>/yeu-cau-giai-trinh/) and the
list of them (yeu-cau-giai-trinh/).

The page helps a citizen write a complete written request (Decree 59/2019, art. 10.2): without
JavaScript, the checklist, a blank letter to print and the unit's addresses; with it, a form that
checks each required part, shows the letter, prints it, and fills an email to the unit's official
address (or posts to the province's intake when portal.yaml names one). The deadlines are computed
in the browser from today with the build's calendar (publish/request_calendar.py); nothing the
citizen types leaves the browser unless they send it themselves."""

from __future__ import annotations

from collections.abc import Iterator

from ..model.model import Model
from ..rules import clock
from .page import Page

LIST_URL = "yeu-cau-giai-trinh/"
PAGE_URL = "don-vi/{}/yeu-cau-giai-trinh/"
CALENDAR_PATH = LIST_URL + "lich-lam-viec.json"  # written by publish/request_calendar.py


def pages(model: Model) -> Iterator[Page]:
    rule = clock.rule_for(model.settings.rules, model.as_of)
    intake = model.settings.portal.request_intake_url
    yield Page(LIST_URL, "Viết yêu cầu giải trình", "ask_list.html", {"page_url": PAGE_URL},
               description="Chọn cơ quan, đơn vị để viết yêu cầu giải trình và biết thời hạn cơ quan phải trả lời.")
    for uid, u in model.units.items():
        yield Page(PAGE_URL.format(uid), f"Yêu cầu giải trình gửi {u['name']}", "ask.html",
                   {"u": u, "rule": rule, "intake": intake, "calendar_path": CALENDAR_PATH},
                   description=f"Viết, in và gửi yêu cầu giải trình tới {u['name']}; thời hạn trả lời theo quy định.")
