"""The shape of the code: no import cycles, no upward imports from the rule engine, every module
importable on its own, modules and functions of a readable size, one module per code rule."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src"
PACKAGE = SRC / "helder"
MAX_MODULE_LINES = 600
MAX_FUNCTION_LINES = 80


def _modules() -> dict[str, Path]:
    out = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(SRC).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        out[".".join(parts)] = path
    return out


MODULES = _modules()


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def _module_level_imports(tree: ast.Module):
    """Import statements that run when the module is imported: not inside a function or class body,
    not under ``if TYPE_CHECKING``."""
    stack = list(tree.body)
    while stack:
        node = stack.pop()
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            yield node
        elif isinstance(node, ast.If):
            if not _is_type_checking(node):
                stack.extend(node.body)
            stack.extend(node.orelse)
        elif isinstance(node, (ast.Try, ast.With)):
            for field in ("body", "orelse", "finalbody"):
                stack.extend(getattr(node, field, []))
            for handler in getattr(node, "handlers", []):
                stack.extend(handler.body)


def _all_imports(tree: ast.Module):
    yield from (n for n in ast.walk(tree) if isinstance(n, (ast.Import, ast.ImportFrom)))


def _targets(name: str, node) -> set[str]:
    """helder modules that ``node`` (an import statement in module ``name``) imports."""
    is_package = MODULES[name].name == "__init__.py"
    out: set[str] = set()
    if isinstance(node, ast.Import):
        for alias in node.names:
            if alias.name.split(".")[0] == "helder":
                out.add(alias.name)
        return {t for t in out if t in MODULES}
    if node.level:
        base = name.split(".") if is_package else name.split(".")[:-1]
        base = base[: len(base) - (node.level - 1)]
        module = ".".join(base + ([node.module] if node.module else []))
    else:
        module = node.module or ""
    if module.split(".")[0] != "helder":
        return set()
    for alias in node.names:
        sub = f"{module}.{alias.name}"
        out.add(sub if sub in MODULES else module)
    return {t for t in out if t in MODULES}


def _graph(module_level: bool = True) -> dict[str, set[str]]:
    graph = {}
    for name, path in MODULES.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        nodes = _module_level_imports(tree) if module_level else _all_imports(tree)
        graph[name] = set().union(*(_targets(name, n) for n in nodes)) - {name}
    return graph


def _find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    state: dict[str, int] = {}
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return path[path.index(nxt):] + [nxt]
            if nxt not in state:
                found = visit(nxt)
                if found:
                    return found
        path.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state:
            found = visit(node)
            if found:
                return found
    return None


def test_the_cycle_finder_finds_a_cycle():
    assert _find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert _find_cycle({"a": {"b"}, "b": {"c"}, "c": set()}) is None


def test_the_graph_sees_relative_imports():
    graph = _graph()
    assert "helder.checks.loader" in graph["helder.checks.engine"]
    assert "helder.wordforms" in graph["helder.checks.rules.wk003_rare_words"]


def test_no_import_cycles():
    """Module-level imports of helder's modules form no cycle (imports inside functions and under
    ``TYPE_CHECKING`` are left out: they run later, when every module is loaded)."""
    cycle = _find_cycle(_graph())
    assert cycle is None, "import cycle: " + " -> ".join(cycle)


UPPER_LAYERS = ("helder.cli", "helder.formatters", "helder.web", "helder.analysis", "helder.auditing",
                "helder.fixing")


@pytest.mark.parametrize("layer", ["helder.checks", "helder.metrics", "helder.wordforms", "helder.morphology"])
def test_no_upward_imports(layer):
    """The rule engine and the metrics import nothing from the layers that use them (not even inside a
    function)."""
    graph = _graph(module_level=False)
    bad = {(m, t) for m, targets in graph.items() if m == layer or m.startswith(layer + ".")
           for t in targets if t.startswith(UPPER_LAYERS)}
    assert not bad, sorted(bad)


def test_every_module_imports_on_its_own():
    """Each module of helder imports in a fresh interpreter (no hidden order between modules)."""
    script = (
        "import importlib, subprocess, sys\n"
        "failed = []\n"
        "for name in sys.argv[1:]:\n"
        "    r = subprocess.run([sys.executable, '-c', f'import importlib; importlib.import_module({name!r})'],\n"
        "                       capture_output=True, text=True)\n"
        "    if r.returncode:\n"
        "        failed.append(name + ': ' + (r.stderr.strip().splitlines() or ['?'])[-1])\n"
        "print('\\n'.join(failed))\n"
        "sys.exit(1 if failed else 0)\n")
    names = [n for n in MODULES if ".models." not in n and not n.endswith("__main__")]
    result = subprocess.run([sys.executable, "-c", script, *names], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def _long_functions(path: Path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            start = node.decorator_list[0].lineno if node.decorator_list else node.lineno
            length = node.end_lineno - start + 1
            if length > MAX_FUNCTION_LINES:
                yield node.name, length


def size_offenders() -> tuple[list[str], list[str]]:
    """(modules over 600 lines, functions over 80 lines) in src/helder, as readable strings."""
    modules, functions = [], []
    for name, path in MODULES.items():
        lines = len(path.read_text(encoding="utf-8").splitlines())
        if lines > MAX_MODULE_LINES:
            modules.append(f"{name}: {lines} lines")
        functions.extend(f"{name}.{fn}: {n} lines" for fn, n in _long_functions(path))
    return modules, functions


def test_modules_and_functions_are_small():
    """No module of helder over 600 lines and no function over 80 (``python tests/test_architecture.py``
    lists the offenders)."""
    modules, functions = size_offenders()
    assert not modules, modules
    assert not functions, functions


# ── one module per code rule ──────────────────────────────────────────────────────────────────────

def _python_rules():
    from helder.checks import load_rules

    return [r for r in load_rules() if r.kind == "python"]


def _rule_ids():
    try:
        return [r.code for r in _python_rules()]
    except Exception:  # noqa: BLE001 - reported by the test itself
        return []


@pytest.mark.parametrize("code", _rule_ids())
def test_code_rule_has_its_own_documented_module(code):
    """Each ``kind: python`` rule has a module ``helder/checks/rules/<code>_<function>.py`` whose
    docstring says what it flags, why, with an example and what to write instead; the registered
    function is defined in that module."""
    import importlib

    from helder.checks.registry import python_functions

    rule = next(r for r in _python_rules() if r.code == code)
    function = rule.spec["function"]
    module = importlib.import_module(f"helder.checks.rules.{code.lower()}_{function}")
    doc = module.__doc__ or ""
    for part in ("## What it does", "## Why is this bad?", "## Example", "Use instead"):
        assert part in doc, f"{module.__name__}: docstring misses '{part}'"
    assert doc.startswith(code)
    assert python_functions()[function].__module__ == module.__name__


if __name__ == "__main__":  # list what is still too long in src/helder
    mods, fns = size_offenders()
    print(f"modules over {MAX_MODULE_LINES} lines:", *mods, sep="\n  ")
    print(f"functions over {MAX_FUNCTION_LINES} lines:", *fns, sep="\n  ")
