"""The page list: every page of the portal, made by producers in groups (see page.Group)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from ..model.model import Model
from ..problems import CATALOGUE
from ..schema import Row
from . import api_page, ask, browse, feed_list, insights, lookup
from .page import Group, Page, _by, label, paginate, paginate_by, unit_name, vi_date


def explanation_lists(model: Model) -> Iterator[Group]:
    ex = model.explanations
    links = {"browse_facets": browse.facets(model)}
    yield paginate("giai-trinh/", ex, "Yêu cầu giải trình", "explanation_list.html", links, facet=None)
    for _, name, heading in browse.LISTS[::-1]:  # addresses in Vietnamese words (browse.list_url)
        for value, rows in sorted(_by(ex, name).items(), key=lambda kv: str(kv[0])):
            yield paginate(browse.list_url(name, value), rows, f"{heading}: {label('explanations', name, value)}",
                           "explanation_list.html", links, facet=(name, value))
    yield from paginate_by(ex, lambda r: r["received_on"].year, "year", "giai-trinh/nam/{}/",
                           "Yêu cầu nhận trong năm {}", "explanation_list.html", links)
    yield from paginate_by(ex, "unit", "unit", browse.UNIT_REQUESTS, "Yêu cầu giải trình gửi {}",
                           "explanation_list.html", links, unit_name(model))



def plan_lists(model: Model) -> Iterator[Group]:
    """Implementation plans, newest first: all of them, by year of issue and by unit."""
    plans = model.plans
    years = {"years": sorted(Counter(p["issued_on"].year for p in plans).items(), reverse=True)}
    yield paginate("ke-hoach/", plans, "Kế hoạch triển khai", "plan_list.html", years, facet=None)
    yield from paginate_by(plans, lambda p: p["issued_on"].year, "year", "ke-hoach/nam/{}/",
                           "Kế hoạch triển khai ban hành năm {}", "plan_list.html", years)
    yield from paginate_by(plans, "unit", "unit", "don-vi/{}/ke-hoach/", "Kế hoạch triển khai của {}",
                           "plan_list.html", name=unit_name(model))


def record_pages(model: Model) -> Iterator[Group]:
    """A unit's page and the pages of its records, one group per unit: a changed record lists and
    keys again the pages of its unit only. Each group gets what its pages show and nothing else:
    the follow-ups that come from its explanations, the published explanations its commitments
    come from (their pages say the request's subject, dates and status), its scorecards (computed here once per build)."""
    by_unit = {name: _by(getattr(model, name), "unit")
               for name in ("explanations", "plans", "follow_ups", "meetings", "reports", "regulations",
                                                                 "proactive_explanations")}
    follow_ups_by_source = _by(model.follow_ups, "source_ref")
    published = {r["id"]: r for r in model.explanations}
    views = insights.unit_views(model)
    known = model.history.records
    for uid, u in model.units.items():
        rows = {name: found.get(uid, []) for name, found in by_unit.items()}
        sources = {r["id"]: follow_ups_by_source[r["id"]] for r in rows["explanations"] if r["id"] in follow_ups_by_source}
        linked = {f["source_ref"]: published[f["source_ref"]] for f in rows["follow_ups"]
                  if f["source_type"] == "explanation" and f["source_ref"] in published}
        hist = {(name, r["id"]): known.get((name, r["id"])) for name in ("explanations", "plans", "follow_ups",
                                                                             "proactive_explanations")
                for r in rows[name]}  # what each record page says of its history (keys its page)
        yield Group(f"don-vi/{uid}/", _unit_pages, (uid, u, rows, sources, linked, views[uid],
                                                    (model.history.state, model.history.since), hist))
    yield Group("giai-trinh/(rút)", _withdrawn_pages, (model.withdrawn,))


def _unit_pages(uid: str, u: Row, rows: dict[str, list[Row]], sources: dict[str, list[Row]], linked: dict[str, Row],
                sv: dict, state: tuple, hist: dict) -> Iterator[Page]:
    for r in rows["explanations"]:
        yield Page(f"giai-trinh/{r['id']}/", r["subject"], "explanation.html",
                   {"r": r, "unit": u, "follow_ups": sources.get(r["id"], []),
                    "history": hist[("explanations", r["id"])], "history_state": state},
                   description=f"Yêu cầu giải trình gửi {u['name']}, nhận ngày {vi_date(r['received_on'])}. "
                               f"Trạng thái: {label('explanations', 'status', r['status']).lower()}, "
                               f"{label('explanations', 'timeliness', r['timeliness']).lower()}.")
    for p in rows["plans"]:
        yield Page(f"ke-hoach/{p['id']}/", f"{p['number']}: {p['title']}", "plan.html",
                   {"p": p, "unit": u, "history": hist[("plans", p["id"])], "history_state": state},
                   description=f"Kế hoạch số {p['number']} của {u['name']}: {p['title']}.")
    by_source = _by(rows["follow_ups"], "source_ref")
    for f in rows["follow_ups"]:
        yield Page(f"theo-doi/{f['id']}/", f["commitment"][:90], "follow_up.html",
                   {"f": f, "unit": u, "linked": linked, "meetings": bool(rows["meetings"]),
                    "source": linked.get(f["source_ref"]) if f["source_type"] == "explanation" else None,
                    "same_source": [s for s in by_source[f["source_ref"]] if s is not f],
                    "history": hist[("follow_ups", f["id"])], "history_state": state},
                   description=f"Cam kết, kiến nghị của {u['name']}: {_cut(f['commitment'], 140)} "
                               f"Trạng thái: {label('follow_ups', 'status', f['status']).lower()}.")
    for q in rows["regulations"]:
        yield Page(f"quy-che/{q['id']}/", f"{q['number']}: {q['title']}", "regulation.html",
                   {"q": q, "unit": u, "versions": versions(q, rows["regulations"])},
                   description=f"{label('regulations', 'kind', q['kind'])} của {u['name']}, ban hành ngày "
                               f"{vi_date(q['issued_on'])}. Hiệu lực: {label('regulations', 'status', q['status']).lower()}.")
    for c in rows["proactive_explanations"]:
        yield Page(f"giai-trinh-chu-dong/{c['id']}/", c["subject"], "proactive.html",
                   {"c": c, "unit": u, "history": hist[("proactive_explanations", c["id"])], "history_state": state},
                   description=f"{u['name']} chủ động giải trình ngày {vi_date(c['explained_on'])} "
                               f"({label('proactive_explanations', 'occasion', c['occasion']).lower()}): "
                               f"{_cut(c['policy'], 160)}")
    yield Page(f"don-vi/{uid}/", u["name"], "unit.html",
               {"u": u, "sv": sv, **rows}, description=f"Yêu cầu giải trình, giải trình chủ động, kế hoạch và kết quả thực hiện "
                                                    f"trách nhiệm giải trình của {u['name']}.")


def _cut(text: str, most: int) -> str:
    """A text as the end of a sentence, at most `most` characters (cut at a word, with “…”)."""
    text = " ".join(str(text).split()).rstrip(".")
    return text + "." if len(text) <= most else text[:most].rsplit(" ", 1)[0] + "…"


def versions(q: Row, regulations: list[Row]) -> list[dict]:
    """The chain of versions a regulation belongs to, oldest first, from the links of either
    side (replaces, replaced_by) among the published regulations of its unit; a version that is
    not published is named by nothing but that (the model hid its id)."""
    by_id = {r["id"]: r for r in regulations}
    newer = {r["replaces"]: r["id"] for r in regulations if r.get("replaces") in by_id}
    older = {r["replaced_by"]: r["id"] for r in regulations if r.get("replaced_by") in by_id}

    def step(rid: str, links: dict[str, str], own: str) -> str | None:
        row = by_id.get(rid)
        return (row.get(own) if row else None) or links.get(rid)

    chain, seen = [q["id"]], {q["id"]}
    for own, links, add in (("replaces", older, lambda x: chain.insert(0, x)), ("replaced_by", newer, chain.append)):
        rid = step(q["id"], links, own)
        while rid and rid not in seen:
            seen.add(rid)
            add(rid)
            rid = step(rid, links, own)
    return [{**by_id[rid], "published": True} if rid in by_id else {"id": rid, "published": False} for rid in chain]


def _withdrawn_pages(withdrawn: list[Row]) -> Iterator[Page]:
    for r in withdrawn:
        yield Page(f"giai-trinh/{r['id']}/", "Hồ sơ đã rút công khai", "withdrawn.html", {"r": r})


def section_pages(model: Model) -> Iterator[Page | Group]:
    yield Page("", model.settings.portal.name, "home.html", {"browse_facets": browse.facets(model)},
               description=f"{model.settings.portal.name}: yêu cầu giải trình và nội dung trả lời, giải trình chủ "
                           "động, kế hoạch, cam kết và báo cáo của các cơ quan, đơn vị.")
    yield Page("don-vi/", "Đơn vị", "unit_list.html", {})
    yield paginate("theo-doi/", model.follow_ups, "Theo dõi cam kết, kiến nghị", "follow_up_list.html")
    yield from paginate_by(model.follow_ups, "unit", "unit", "don-vi/{}/theo-doi/", "Theo dõi cam kết, kiến nghị của {}",
                           "follow_up_list.html", name=unit_name(model))
    yield from paginate_by(model.meetings, "unit", "unit", "don-vi/{}/tiep-cong-dan/",
                           "Tiếp công dân, đối thoại của {}", "meeting_list.html", name=unit_name(model))
    yield paginate("quy-che/", model.regulations, "Quy chế, quy định nội bộ", "regulation_list.html", facet=None)
    yield from paginate_by(model.regulations, "unit", "unit", "don-vi/{}/quy-che/", "Quy chế, quy định nội bộ của {}",
                           "regulation_list.html", name=unit_name(model))
    yield paginate("giai-trinh-chu-dong/", model.proactive_explanations, "Giải trình chủ động",
                   "proactive_list.html", facet=None)
    yield from paginate_by(model.proactive_explanations, "unit", "unit", "don-vi/{}/giai-trinh-chu-dong/",
                           "Giải trình chủ động của {}", "proactive_list.html", name=unit_name(model))
    yield Page("tim-kiem/", "Tìm kiếm", "search.html",
               {"browse_facets": browse.facets(model), "unit_lists": browse.unit_lists(model)})
    yield Page("thong-ke/", "Thống kê", "statistics.html", {})
    yield Page("thong-ke/thuat-ngu/", "Giải thích trạng thái", "glossary.html", {})
    yield Page("bao-cao/", "Báo cáo định kỳ", "reports.html", {})
    yield Page("huong-dan/danh-muc-loi/", "Danh mục lỗi khi kiểm tra dữ liệu", "error_catalogue.html",
               {"catalogue": sorted(CATALOGUE.values(), key=lambda k: k.code)},
               description="Mọi mã lỗi mà bước kiểm tra dữ liệu có thể báo, ý nghĩa và cách sửa.")


# Every producer of pages, in the order they are listed.
PRODUCERS = [section_pages, explanation_lists, plan_lists, record_pages, lookup.pages, insights.pages,
             feed_list.pages, api_page.pages, ask.pages]


def groups(model: Model) -> list[Group]:
    """Every page of the portal, in groups (see Group); the pages a producer yields on their own
    make one group, listed and keyed page by page."""
    out: list[Group] = []
    for producer in PRODUCERS:
        loose: list[Page] = []
        for item in producer(model):
            (out if isinstance(item, Group) else loose).append(item)
        if loose:
            out.append(Group(f"({producer.__module__}.{producer.__qualname__})", _given, (loose,), keyed=False))
    if len({g.name for g in out}) != len(out):
        raise RuntimeError("two page groups share a name")
    return out


def _given(pages: list[Page]) -> list[Page]:
    return pages


def pages(model: Model) -> list[Page]:
    return [p for g in groups(model) for p in g.pages()]
