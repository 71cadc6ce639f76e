"""The safe YAML reader of record and settings files.

Every document is parsed by libyaml into a node tree, walked once for forbidden tags, aliases,
nesting and duplicate keys, and only then built into values by a small constructor. Nothing
here raises on bad input: each problem becomes a Problem naming the file and the line.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Callable

import yaml

from ..problems import Problem
from .yaml_messages import TOO_DEEP, error_problem, syntax_problem, value_problem

MAX_YAML_NODES = 20_000
MAX_YAML_DEPTH = 50  # a record is a mapping of values, a plan two levels more
_SCALAR_TAGS = {"tag:yaml.org,2002:" + t for t in ("str", "int", "float", "bool", "null", "timestamp")}
# The tags a node of each kind may carry: a scalar tagged !!map, or a mapping tagged !!str, is
# refused as PyYAML refuses it (its constructor for !!map would return a generator).
_SAFE_TAGS = {yaml.ScalarNode: _SCALAR_TAGS, yaml.MappingNode: {"tag:yaml.org,2002:map"},
              yaml.SequenceNode: {"tag:yaml.org,2002:seq"}}


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # libyaml when available: most of a parse
    """Safe loader whose impossible dates (2026-02-30) stay text, so the schema stage reports
    them as a wrong date on their own line instead of the whole file failing."""

    def resolve(self, kind: type, value: object, implicit: object) -> str:
        """The tag of a node; a scalar's depends on its text and on whether it was quoted only
        (this loader has no path resolvers), so it is remembered: every record repeats its keys
        and most of its values, and matching them against the resolvers' patterns was a quarter
        of a record's parse."""
        if kind is not yaml.ScalarNode:
            return super().resolve(kind, value, implicit)
        return _scalar_tag(value, implicit)


@functools.lru_cache(maxsize=50_000)  # ids and subjects are all different: not kept without end
def _scalar_tag(value: str, implicit: tuple[bool, bool]) -> str:
    """The resolvers are class attributes (no path resolvers): the class stands for a loader."""
    return yaml.resolver.BaseResolver.resolve(_Loader, yaml.ScalarNode, value, implicit)


_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _timestamp(loader: yaml.SafeLoader, node: yaml.Node) -> object:
    """A date; anything else tagged a timestamp stays text, for the schema stage to report on
    its line: an impossible date (2026-02-30), a date-time (records hold dates, never times: a
    datetime would slip through as a date and break every date comparison later), or text
    given an explicit !!timestamp tag (PyYAML fails on it with an AttributeError)."""
    text = loader.construct_scalar(node)
    if _DATE.fullmatch(text):  # the usual form, parsed directly
        try:
            return dt.date(int(text[:4]), int(text[5:7]), int(text[8:]))
        except ValueError:
            return text
    try:
        value = yaml.SafeLoader.construct_yaml_timestamp(loader, node)
    except (ValueError, AttributeError):
        return text
    return text if isinstance(value, dt.datetime) else value


def _bool(loader: yaml.SafeLoader, node: yaml.Node) -> object:
    """A boolean; text given an explicit !!bool tag that is none stays text (PyYAML fails on it
    with a KeyError)."""
    text = loader.construct_scalar(node)
    return loader.bool_values.get(text.lower(), text)


def _number(construct: Callable[[yaml.SafeLoader, yaml.Node], object]) -> Callable[[yaml.SafeLoader, yaml.Node], object]:
    """PyYAML's !!int or !!float constructor, failing with a ValueError (reported as a syntax
    problem) on every text that is no number: on "", "_" or "-" under an explicit tag PyYAML
    raised IndexError."""
    def number(loader: yaml.SafeLoader, node: yaml.Node) -> object:
        try:
            return construct(loader, node)
        except IndexError:
            raise ValueError(f"“{node.value}” không phải là số") from None
    return number


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp)
_Loader.add_constructor("tag:yaml.org,2002:bool", _bool)
_Loader.add_constructor("tag:yaml.org,2002:int", _number(yaml.SafeLoader.construct_yaml_int))
_Loader.add_constructor("tag:yaml.org,2002:float", _number(yaml.SafeLoader.construct_yaml_float))



_BAD_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def _bad_control(text: str) -> str | None:
    m = _BAD_CONTROL.search(text)
    return f"U+{ord(m.group()):04X}" if m else None


def _check_nodes(node: yaml.Node, path: str) -> list[Problem]:
    """Tags, aliases, nesting and duplicate keys, found on the composed node tree before
    construction, in one walk. A tree without aliases has its node count as expanded size; at
    the first node reached twice (an alias) the expanded size is computed once, so a "billion
    laughs" document is refused before anything is built from it."""
    problems: list[Problem] = []
    seen: set[int] = set()
    sized = False
    stack = [(node, True, 0)]
    while stack:
        n, report, depth = stack.pop()
        if depth > MAX_YAML_DEPTH:  # [[[[…]]]] hundreds deep: hostile or broken, never a record
            return [syntax_problem(path, n.start_mark.line + 1, TOO_DEEP)]
        if id(n) in seen:
            if not sized and _expanded_size(node) > MAX_YAML_NODES:
                return [Problem(path, 1, "yaml-aliases", detail=f">{MAX_YAML_NODES}")]
            sized = True
            continue
        seen.add(id(n))
        if report and n.tag not in _SAFE_TAGS[type(n)]:
            problems.append(Problem(path, n.start_mark.line + 1, "yaml-tag", detail=n.tag))
            report = False  # what lies under a forbidden tag is not reported, but still counted
        if isinstance(n, yaml.MappingNode):
            if report:
                problems += _duplicate_keys(n, path)
            stack.extend((child, report, depth + 1) for pair in n.value for child in pair)
        elif isinstance(n, yaml.SequenceNode):
            stack.extend((v, report, depth + 1) for v in n.value)
    if len(seen) > MAX_YAML_NODES:
        return [Problem(path, 1, "yaml-aliases", detail=f">{MAX_YAML_NODES}")]
    return problems


def _duplicate_keys(n: yaml.MappingNode, path: str) -> list[Problem]:
    problems, first = [], {}
    for k, _ in n.value:
        key = k.value if isinstance(k, yaml.ScalarNode) else id(k)
        if key in first:
            problems.append(Problem(path, k.start_mark.line + 1, "duplicate-key", field=str(key),
                                    detail=str(first[key])))
        else:
            first[key] = k.start_mark.line + 1
    return problems


def _expanded_size(node: yaml.Node) -> int:
    """Nodes in the tree with every alias expanded (capped just above the limit)."""
    sizes: dict[int, int] = {}

    def size(n: yaml.Node) -> int:
        if id(n) in sizes:
            return sizes[id(n)]
        sizes[id(n)] = 1  # guards against recursive aliases
        total = 1
        if isinstance(n, yaml.MappingNode):
            total += sum(size(k) + size(v) for k, v in n.value)
        elif isinstance(n, yaml.SequenceNode):
            total += sum(size(v) for v in n.value)
        sizes[id(n)] = min(total, MAX_YAML_NODES + 1)
        return sizes[id(n)]

    return size(node)


def parse_yaml(text: str, path: str) -> tuple[object, dict[str, int], list[Problem], yaml.Node | None]:
    """Parse one YAML document; return the data, the line of each top-level key and problems."""
    if problems := control_problems(text, path):
        return None, {}, problems, None
    try:
        loader = _Loader(text)
        try:
            node = loader.get_single_node()
            if node is None:
                return None, {}, [Problem(path, 1, "not-a-record", detail="tệp rỗng")], None
            flat = _flat(loader, node)
            if flat is not None:
                return flat[0], flat[1], [], node
            problems = _check_nodes(node, path)
            if any(p.code != "duplicate-key" for p in problems):
                return None, {}, problems, None
            data = _construct(loader, node, {})  # with duplicate keys the last wins: reported above
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as exc:
        return None, {}, [error_problem(path, exc, text)], None
    except (yaml.YAMLError, ValueError, OverflowError) as exc:  # e.g. a timestamp like 2026-02-30
        return None, {}, [value_problem(path, str(exc).splitlines()[0])], None
    except RecursionError:  # [[[[…]]]] thousands deep: hostile or broken, never a record
        return None, {}, [syntax_problem(path, 1, TOO_DEEP)], None
    return data, _key_lines(node), problems, node


_STR = "tag:yaml.org,2002:str"
_MAP = "tag:yaml.org,2002:map"


def _flat(loader: _Loader, node: yaml.Node) -> tuple[dict, dict[str, int]] | None:
    """A mapping of scalars with safe tags and distinct keys (every record but a plan), checked,
    built and its key lines taken in one pass: what _check_nodes, _construct and _key_lines make
    of it, with no problem to report (a flat mapping cannot nest, and an alias in it repeats a
    scalar). None for anything else, which takes that general path."""
    if type(node) is not yaml.MappingNode or node.tag != _MAP or len(node.value) > MAX_YAML_NODES // 2:
        return None
    data: dict = {}
    lines: dict[str, int] = {}
    constructors = loader.yaml_constructors
    for k, v in node.value:
        if type(k) is not yaml.ScalarNode or type(v) is not yaml.ScalarNode:
            return None
        ktag, vtag, text = k.tag, v.tag, k.value
        if ktag not in _SCALAR_TAGS or vtag not in _SCALAR_TAGS or text in lines:
            return None  # reported on the general path
        key = text if ktag == _STR else constructors[ktag](loader, k)
        if key in data:
            return None  # two texts, one key (1 and 01): built as the general path builds it
        data[key] = v.value if vtag == _STR else constructors[vtag](loader, v)
        lines[text] = k.start_mark.line + 1
    return data, lines


def _construct(loader: _Loader, node: yaml.Node, made: dict[int, object]) -> object:
    """What `loader.construct_document(node)` builds, for a tree `_check_nodes` accepted (safe
    tags only, so no merge keys; at most MAX_YAML_DEPTH deep): text taken as it is, other
    scalars made by the loader's own constructors, a node reached twice (an alias) built once.
    A third of the time PyYAML's generic construction takes, which is most of a record's parse."""
    tag = node.tag
    if isinstance(node, yaml.ScalarNode):
        return node.value if tag == _STR else loader.yaml_constructors[tag](loader, node)
    if id(node) in made:
        return made[id(node)]
    if isinstance(node, yaml.SequenceNode):
        made[id(node)] = items = []
        items.extend(_construct(loader, n, made) for n in node.value)
        return items
    made[id(node)] = mapping = {}
    for k, v in node.value:
        key = _construct(loader, k, made)
        if isinstance(key, (list, dict)):
            raise yaml.constructor.ConstructorError("while constructing a mapping", node.start_mark,
                                                    "found unhashable key", k.start_mark)
        mapping[key] = _construct(loader, v, made)
    return mapping


def _key_lines(node: yaml.Node) -> dict[str, int]:
    if not isinstance(node, yaml.MappingNode):
        return {}
    return {str(k.value): k.start_mark.line + 1 for k, _ in node.value if isinstance(k, yaml.ScalarNode)}


def _text_problems(values: dict[str, object], lines: dict[str, int], path: str, line: int) -> list[Problem]:
    out = []
    for name, value in values.items():
        if isinstance(value, str) and (bad := _bad_control(value)):
            out.append(Problem(path, lines.get(name, line), "control-character", field=name, detail=bad))
    return out


_KEY = re.compile(r"^\s*(?:-\s+)?([A-Za-z_][\w]*)\s*:")


def control_problems(text: str, path: str) -> list[Problem]:
    """Control characters found in the raw text, before YAML sees them (libyaml would stop at the
    first with a bare syntax error, or take U+0085 and U+2028 for line breaks): each is reported
    on its own line, under the field whose value it sits in."""
    if not _BAD_CONTROL.search(text):
        return []
    out, field = [], ""
    for number, line in enumerate(text.split("\n"), start=1):
        if key := _KEY.match(line):
            field = key.group(1)
        if bad := _bad_control(line.rstrip("\r")):
            out.append(Problem(path, number, "control-character", field=field, detail=bad))
    return out



def _item_lines(node: yaml.Node) -> dict[str, int]:
    """Lines of the items of top-level lists in a settings file, keyed "rules[0]" and
    "rules[0].answer_days", so a problem in the third rule names the third rule's line."""
    out: dict[str, int] = {}
    if not isinstance(node, yaml.MappingNode):
        return out
    for k, v in node.value:
        if isinstance(k, yaml.ScalarNode) and isinstance(v, yaml.SequenceNode):
            for i, item in enumerate(v.value):
                out[f"{k.value}[{i}]"] = item.start_mark.line + 1
                out.update({f"{k.value}[{i}].{key}": line for key, line in _key_lines(item).items()})
    return out

