"""The house rules of ARCHITECTURE.md, checked: every module imports, no import circle, arrows point
down the pipeline (rules → load → check → model → pages → publish), no stage imports the speed
layer, no import hidden inside a function, and no module over 400 lines."""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "generator"
# The stages in pipeline order; a module may import its own stage and the ones before it.
STAGES = ("rules", "load", "check", "model", "pages", "publish")
LEAVES = ("problems", "catalogue", "schema")  # shared by every stage
SPEED = "speed"  # wraps the stages from outside: it may import them, they never import it
AUTHOR = "author"  # commands that write records (giaitrinh new): on the stages, below the CLI


def _modules() -> dict[str, Path]:
    out = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        out[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return out


MODULES = _modules()


def _imports(name: str, path: Path) -> list[tuple[str, int, bool]]:
    """(imported module, line, at module level) of every import of the package by `name`."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    top = {id(node) for node in tree.body}
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            targets = [f"{target}.{a.name}" if f"{target}.{a.name}" in MODULES else target for a in node.names]
        elif isinstance(node, ast.Import):
            targets = [a.name for a in node.names]
        else:
            continue
        out += [(t, node.lineno, id(node) in top) for t in targets if t.split(".")[0] == "generator"]
    return out


GRAPH = {name: _imports(name, path) for name, path in MODULES.items()}


def _room(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


@pytest.mark.parametrize("name", sorted(m for m in MODULES if not m.endswith("__main__")))  # it runs the CLI
def test_every_module_imports(name: str):
    importlib.import_module(name)


def test_no_import_inside_a_function():
    hidden = [f"{name}:{line} imports {target}" for name, found in GRAPH.items()
              for target, line, at_top in found if not at_top]
    assert not hidden, "an import inside a function hides an arrow: " + "; ".join(hidden)


def test_no_import_circle():
    edges = {name: {t for t, _, _ in found if t in MODULES and t != name} for name, found in GRAPH.items()}
    # a package's __init__ importing nothing, the only circles possible are between modules
    state: dict[str, int] = {}
    stack: list[str] = []
    circles: list[list[str]] = []

    def visit(node: str) -> None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(edges[node]):
            if state.get(nxt) == 1:
                circles.append(stack[stack.index(nxt):] + [nxt])
            elif nxt not in state:
                visit(nxt)
        stack.pop()
        state[node] = 2

    for node in sorted(edges):
        if node not in state:
            visit(node)
    assert not circles, "import circles: " + "; ".join(" → ".join(c) for c in circles)


def _allowed(room: str, there: str) -> bool:
    """May a module of `room` import one of `there`? Leaves import leaves; a stage imports the
    leaves and the stages before it; speed/ and the commands on top may import anything."""
    if there == room:
        return True
    if room in LEAVES:
        return there in LEAVES
    if room in STAGES:
        return there in LEAVES or there in STAGES and STAGES.index(there) < STAGES.index(room)
    return True


def test_arrows_point_down_the_pipeline():
    wrong = sorted({f"{name}:{line} ({_room(name)}) imports {target} ({_room(target)})"
                    for name, found in GRAPH.items() for target, line, _ in found
                    if target != "generator" and not _allowed(_room(name), _room(target))})
    assert not wrong, "arrows back up the pipeline: " + "; ".join(wrong)


def test_the_author_room_stands_on_the_stages():
    """author/ writes records with what the stages read them with: it imports the stages, the
    leaves and itself, never speed/ or a command; nothing but a command imports it."""
    wrong = sorted({f"{name}:{line} imports {target}" for name, found in GRAPH.items() for target, line, _ in found
                    if target != "generator" and (
                        _room(name) == AUTHOR and _room(target) not in (*STAGES, *LEAVES, AUTHOR)
                        or _room(target) == AUTHOR and (_room(name) in (*STAGES, *LEAVES, SPEED)))})
    assert not wrong, "author/ out of its place: " + "; ".join(wrong)


def test_every_stage_has_its_folder():
    assert all((PACKAGE / room / "__init__.py").is_file() for room in (*STAGES, SPEED))


@pytest.mark.parametrize("name", sorted(MODULES))
def test_modules_stay_short(name: str):
    lines = MODULES[name].read_text(encoding="utf-8").count("\n")
    assert lines <= 400, f"{name} has {lines} lines: split it by what its parts do"


def test_build_reads_like_a_table_of_contents():
    """No function of generator/build.py is longer than 40 lines, and build() names the stages."""
    tree = ast.parse((PACKAGE / "build.py").read_text(encoding="utf-8"))
    functions = {node.name: node for node in ast.walk(tree) if isinstance(node, ast.FunctionDef)}
    long = {name: f.end_lineno - f.lineno + 1 for name, f in functions.items() if f.end_lineno - f.lineno + 1 > 40}
    assert long == {}
    assert functions["build"].end_lineno - functions["build"].lineno + 1 <= 20
