"""Stage 2b: rules across fields and records that a Table Schema cannot express.

Each check takes one record (with typed values) and the context, and yields problems.
They run only on records whose values typed cleanly, so a wrong date is reported once, by
the schema stage, and not again here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from .. import schema as std
from ..load.data_folder import Loaded, Record
from ..problems import Problem
from ..rules import clock
from ..rules.periods import PeriodError, parse_period
from . import legal
from .against_schema import typed
from .settings import Settings


@dataclass
class Context:
    as_of: dt.date
    settings: Settings
    ids: dict[str, set[str]]  # resource -> ids present


Check = Callable[[Record, dict, Context], Iterator[Problem]]
CHECKS: dict[str, list[Check]] = {name: [] for name in std.RESOURCES}


def check(*resources: str) -> Callable[[Check], Check]:
    def register(fn: Check) -> Check:
        for name in resources:
            CHECKS[name].append(fn)
        return fn
    return register


def _order(rec: Record, v: dict, later: str, earlier: str) -> Iterator[Problem]:
    if v.get(later) and v.get(earlier) and v[later] < v[earlier]:
        yield Problem(rec.path, rec.line_of(later), "date-order", field=later,
                      value=v[later].isoformat(), detail=f"{earlier} ({v[earlier].isoformat()})")


def _companion(rec: Record, v: dict, given: str, needed: str) -> Iterator[Problem]:
    if v.get(given) is not None and v.get(needed) in (None, ""):
        yield Problem(rec.path, rec.line_of(given), "missing-companion", field=given, detail=needed)


DATE_ORDER = {
    "explanations": [("accepted_on", "received_on"), ("refused_on", "received_on"),
                     ("extended_on", "accepted_on"), ("suspended_on", "accepted_on"),
                     ("resumed_on", "suspended_on"),
                     ("answered_on", "received_on"), ("terminated_on", "received_on"),
                     ("withdrawn_on", "received_on")],
    "follow_ups": [],
    "plans": [],
    "reports": [],
    "regulations": [("last_reviewed_on", "issued_on"), ("ended_on", "issued_on")],
}
COMPANIONS = {
    "explanations": [("refused_on", "refusal_reason"), ("extended_on", "extension_days"),
                     ("extended_on", "extension_reason"), ("answered_on", "answer"),
                     ("answered_on", "answered_by"), ("suspended_on", "suspension_reason"),
                     ("terminated_on", "termination_reason"), ("withdrawn_on", "withdrawal_reason"),
                     ("resumed_on", "suspended_on"), ("extension_days", "extended_on")],
    "follow_ups": [("completed_on", "result")],
    "proactive_explanations": [("document_issued_on", "document_number"), ("document_title", "document_number")],
}
# Dates that record events: they cannot lie after the date the data is computed as of.
EVENT_DATES = {
    "explanations": ("received_on", "accepted_on", "refused_on", "extended_on", "suspended_on",
                     "resumed_on", "terminated_on", "answered_on", "withdrawn_on"),
    "follow_ups": ("completed_on",),
    "meetings": ("held_on",),
    "reports": ("submitted_on",),
    "plans": ("issued_on",),
    "regulations": ("issued_on", "last_reviewed_on"),
    "proactive_explanations": ("explained_on", "document_issued_on"),
}


@check("explanations", "follow_ups", "meetings", "reports", "plans", "regulations", "proactive_explanations")
def dates_in_order(rec: Record, v: dict, ctx: Context) -> Iterator[Problem]:
    for later, earlier in DATE_ORDER.get(rec.resource, ()):
        yield from _order(rec, v, later, earlier)
    for given, needed in COMPANIONS.get(rec.resource, ()):
        yield from _companion(rec, v, given, needed)
    for name in EVENT_DATES.get(rec.resource, ()):
        if v.get(name) and v[name] > ctx.as_of:
            yield Problem(rec.path, rec.line_of(name), "date-in-future", field=name,
                          value=v[name].isoformat(), detail=ctx.as_of.isoformat())


@check("explanations")
def one_outcome(rec: Record, v: dict, ctx: Context) -> Iterator[Problem]:
    if v.get("accepted_on") and v.get("refused_on"):
        yield Problem(rec.path, rec.line_of("refused_on"), "inconsistent-status", field="refused_on",
                      detail="vừa có ngày tiếp nhận vừa có ngày từ chối")
    if v.get("refused_on") and (v.get("answered_on") or v.get("extended_on")):
        yield Problem(rec.path, rec.line_of("refused_on"), "inconsistent-status", field="refused_on",
                      detail="đã từ chối thì không gia hạn hay giải trình")
    for step in ("extended_on", "suspended_on", "answered_on"):
        if v.get(step) and not v.get("accepted_on"):
            yield Problem(rec.path, rec.line_of(step), "inconsistent-status", field=step,
                          detail=f"có “{step}” nhưng chưa có ngày tiếp nhận accepted_on")


@check("explanations")
def rule_exists(rec: Record, v: dict, ctx: Context) -> Iterator[Problem]:
    if v.get("received_on") and ctx.settings.rules and not clock.rule_for(ctx.settings.rules, v["received_on"]):
        yield Problem(rec.path, rec.line_of("received_on"), "no-rule", field="received_on",
                      value=v["received_on"].isoformat())


@check("follow_ups")
def source_resolves(rec: Record, v: dict, ctx: Context) -> Iterator[Problem]:
    target = {"explanation": "explanations", "meeting": "meetings"}.get(v.get("source_type") or "")
    if target and v.get("source_ref") and v["source_ref"] not in ctx.ids[target]:
        yield Problem(rec.path, rec.line_of("source_ref"), "unknown-reference", field="source_ref",
                      value=str(v["source_ref"]), detail=std.load(target).title.lower())


@check("meetings")
def resolved_not_above_raised(rec: Record, v: dict, ctx: Context) -> Iterator[Problem]:
    if v.get("issues_resolved") is not None and v.get("issues_raised") is not None \
            and v["issues_resolved"] > v["issues_raised"]:
        yield Problem(rec.path, rec.line_of("issues_resolved"), "inconsistent-status", field="issues_resolved",
                      detail="số ý kiến đã giải quyết lớn hơn số ý kiến, kiến nghị")


# --- the legal clock: dates checked against the rule in force and the calendar ---------------
# (answered_on before accepted_on has its own code, answer-before-acceptance, instead of date-order.)

@check("explanations")
def clock_rules(rec: Record, v: dict, ctx: Context) -> Iterator[Problem]:
    rule = clock.rule_for(ctx.settings.rules, v["received_on"]) if v.get("received_on") else None
    cal = ctx.settings.calendar
    dates = [(n, v[n]) for n in EVENT_DATES["explanations"] if v.get(n)]
    if rule is None or any(not cal.covers(day) for _, day in dates):
        return  # no-rule / date-outside-calendar already say why no deadline can be computed
    if v.get("answered_on") and v.get("accepted_on") and v["answered_on"] < v["accepted_on"]:
        yield Problem(rec.path, rec.line_of("answered_on"), "answer-before-acceptance", field="answered_on",
                      value=v["answered_on"].isoformat(), detail=v["accepted_on"].isoformat())
    extra = (("rule", rule.id),)
    if v.get("extended_on") or v.get("extension_days"):
        where = "extended_on" if v.get("extended_on") else "extension_days"
        if rule.max_extensions == 0:
            yield Problem(rec.path, rec.line_of(where), "extension-not-allowed", field=where,
                          detail=rule.id, extra=extra)
        elif v.get("extension_days") and v["extension_days"] > rule.extension_max_days:
            yield Problem(rec.path, rec.line_of("extension_days"), "extension-too-long", field="extension_days",
                          value=str(v["extension_days"]), detail=str(rule.extension_max_days), extra=extra)
        first_due = clock.original_due(v, rule, cal)
        if v.get("extended_on") and first_due and v["extended_on"] > first_due:
            yield Problem(rec.path, rec.line_of("extended_on"), "extension-too-late", field="extended_on",
                          value=v["extended_on"].isoformat(), detail=first_due.isoformat())
    if v.get("suspended_on") and v.get("accepted_on"):
        if not v.get("resumed_on") and v.get("answered_on"):
            yield Problem(rec.path, rec.line_of("answered_on"), "suspension-open", field="answered_on",
                          value=v["answered_on"].isoformat(), detail=v["suspended_on"].isoformat())
        limit = clock.due_before_suspension(v, rule, cal)
        if limit and v["suspended_on"] > limit:
            yield Problem(rec.path, rec.line_of("suspended_on"), "suspension-too-late", field="suspended_on",
                          value=v["suspended_on"].isoformat(), detail=limit.isoformat())
    for step, what in (("extended_on", "gia hạn"), ("suspended_on", "tạm đình chỉ")):
        if v.get(step) and v.get("answered_on") and v[step] > v["answered_on"]:
            yield Problem(rec.path, rec.line_of(step), "inconsistent-status", field=step,
                          detail=f"ngày {what} {v[step].isoformat()} ở sau ngày giải trình {v['answered_on'].isoformat()}")
    if v.get("answered_on") and v.get("terminated_on"):
        yield Problem(rec.path, rec.line_of("terminated_on"), "inconsistent-status", field="terminated_on",
                      detail="vừa có ngày giải trình vừa có ngày đình chỉ")
    if v.get("refused_on") and v.get("terminated_on"):
        yield Problem(rec.path, rec.line_of("terminated_on"), "inconsistent-status", field="terminated_on",
                      detail="đã từ chối thì không còn việc giải trình để đình chỉ")


@check("explanations")
def calendar_covers(rec: Record, v: dict, ctx: Context) -> Iterator[Problem]:
    """Deadlines are only as good as the calendar: a date it cannot compute is an error, a date
    in a year the province has not confirmed (swaps, local days off) is a warning."""
    cal = ctx.settings.calendar
    span = f"{cal.first_year}–{cal.last_year}"
    dates = [(n, v[n]) for n in EVENT_DATES["explanations"] if v.get(n)]
    outside = [(n, day) for n, day in dates if not cal.covers(day)]
    for name, day in outside:
        yield Problem(rec.path, rec.line_of(name), "date-outside-calendar", field=name,
                      value=day.isoformat(), detail=span)
    rule = clock.rule_for(ctx.settings.rules, v["received_on"]) if v.get("received_on") else None
    if rule is not None and not outside:
        computed = clock.compute(v, rule, cal, ctx.as_of)
        dates += [(n, computed[n]) for n in ("accept_due_on", "answer_due_on") if computed[n]]
    warned: set[int] = set()
    for name, day in dates:
        if cal.covers(day) and not cal.is_confirmed(day) and day.year not in warned:
            warned.add(day.year)
            line = rec.line_of(name) if name in rec.values else rec.line_of("received_on")
            yield Problem(rec.path, line, "calendar-unconfirmed", field=name, value=day.isoformat(),
                          detail=str(day.year))


_WEEKDAY = {5: ("thứ Bảy", "a Saturday"), 6: ("Chủ nhật", "a Sunday")}


@check("explanations")
def acts_on_working_days(rec: Record, v: dict, ctx: Context) -> Iterator[Problem]:
    """An acceptance or an answer dated on a weekend or a day off is most often a typo: a warning."""
    cal = ctx.settings.calendar
    for name in ("accepted_on", "answered_on"):
        day = v.get(name)
        if not day or not cal.covers(day) or cal.is_working(day):
            continue
        off = cal.day_off(day)
        vi, en = (f"ngày nghỉ {off.name}", f"a day off ({off.name})") if off else _WEEKDAY[day.weekday()]
        yield Problem(rec.path, rec.line_of(name), "non-working-day", field=name, value=day.isoformat(),
                      detail=vi, extra=(("detail_en", en),))


@check("reports")
def period_parses(rec: Record, v: dict, ctx: Context) -> Iterator[Problem]:
    """The schema's pattern lets through years no calendar covers; the scorecards need a real period."""
    try:
        parse_period(str(v.get("period") or ""))
    except PeriodError:
        yield Problem(rec.path, rec.line_of("period"), "reporting-period", field="period", value=str(v.get("period")))


def owner(rid: str, units: set[str]) -> str | None:
    """The unit whose code a record id starts with (the longest such code: ids carry their
    unit's code, see id-unit-prefix), so that a link is judged from the ids alone, as
    `validate --changed-from` knows the records of the files it does not read."""
    best = None
    for i, char in enumerate(rid):
        if char == "-" and rid[:i] in units:
            best = rid[:i]
    return best


@check("regulations")
def versions_link(rec: Record, v: dict, ctx: Context) -> Iterator[Problem]:
    """replaces and replaced_by name another regulation of the same unit that exists."""
    for name in ("replaces", "replaced_by"):
        target = v.get(name)
        if not target:
            continue
        if target == v.get("id"):
            yield Problem(rec.path, rec.line_of(name), "regulation-link-mismatch", field=name, value=target,
                          detail="đó là mã của chính văn bản này")
        elif target not in ctx.ids["regulations"] or owner(target, ctx.ids["units"]) != v.get("unit"):
            yield Problem(rec.path, rec.line_of(name), "regulation-unknown-link", field=name, value=target,
                          detail=str(v.get("unit")))
    if v.get("replaces") and v.get("replaces") == v.get("replaced_by"):
        yield Problem(rec.path, rec.line_of("replaced_by"), "regulation-link-mismatch", field="replaced_by",
                      value=v["replaced_by"], detail="trường replaces cũng ghi mã này")


@check("regulations")
def in_force_or_ended(rec: Record, v: dict, ctx: Context) -> Iterator[Problem]:
    """An amended or repealed regulation says what replaced it or when it ended; one in force
    says neither; its next review comes after its last (or its issue)."""
    if v.get("status") in ("amended", "repealed") and not v.get("replaced_by") and not v.get("ended_on"):
        yield Problem(rec.path, rec.line_of("status"), "regulation-ended-without-successor", field="status",
                      value=std.load("regulations").by_name["status"].label(v["status"]))
    if v.get("status") == "in_force":
        for name in ("replaced_by", "ended_on"):
            if v.get(name):
                yield Problem(rec.path, rec.line_of(name), "regulation-in-force-ended", field=name,
                              value=std.cell(v[name]))
    since, what = ((v["last_reviewed_on"], "ngày rà soát gần nhất last_reviewed_on") if v.get("last_reviewed_on")
                   else (v.get("issued_on"), "ngày ban hành issued_on"))
    if v.get("next_review_due") and since and v["next_review_due"] <= since:
        yield Problem(rec.path, rec.line_of("next_review_due"), "review-due-not-after", field="next_review_due",
                      value=v["next_review_due"].isoformat(), detail=f"{what} ({since.isoformat()})")


@check("proactive_explanations")
def document_named(rec: Record, v: dict, ctx: Context) -> Iterator[Problem]:
    """A new policy is explained with the document that made it: its number, or its id in the
    legal registry (which must know it, and agree on the number when both are written)."""
    source, number = v.get("legal_source"), v.get("document_number")
    if v.get("occasion") == "new_policy" and not source and not number:
        yield Problem(rec.path, rec.line_of("occasion"), "proactive-policy-without-document", field="occasion",
                      value=str(v["occasion"]))
    if not source:
        return
    registry = ctx.settings.registry
    yield from legal.check_cite(registry, rec.path, rec.line_of("legal_source"), "legal_source", source)
    if source in registry and number and number.strip() != registry[source].number:
        yield Problem(rec.path, rec.line_of("document_number"), "legal-source-number-mismatch",
                      field="document_number", value=number, detail=source)


def _typed_or_none(rec: Record, fields: dict[str, std.Field]) -> dict | None:
    try:
        return {name: typed(f, rec.values.get(name)) for name, f in fields.items()}
    except (ValueError, TypeError):
        return None


def run(loaded: Loaded, ctx: Context) -> Iterator[Problem]:
    for name in std.RESOURCES:
        fields = {f.name: f for f in std.load(name).input_fields}
        for rec in loaded.records[name]:
            v = _typed_or_none(rec, fields)
            if v is None:
                continue
            for fn in CHECKS[name]:
                yield from fn(rec, v, ctx)
