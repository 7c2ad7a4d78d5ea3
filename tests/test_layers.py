"""The layers of the package, enforced: no module imports a module of a higher layer.

Read from the source with `ast`, so imports inside functions (the lazy ones) and under
TYPE_CHECKING count as much as those at the top of a file.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "triage"

# Bottom to top. A module may import its own unit (a top-level module or package of triage)
# and any unit of a lower layer; units of one layer never import each other.
LAYERS: list[set[str]] = [
    {"models", "safe_text", "embedding"},  # domain dataclasses and pure helpers
    {"config"},  # paths and the config file
    {"extract", "store"},  # sentences and scores; the only code that speaks SQL
    {"ingest", "link"},  # readers (use extract's boilerplate filter); matching and the linker
    {"read_ahead"},  # an import's reading and extraction ahead, in a worker process
    {"pipeline", "export"},  # import -> extract -> store -> link; the writers
    {"tui"},  # the app
    {"serve", "watch"},  # the app in browsers; imports as articles arrive
    {"cli"},  # the commands, on top of everything
]
LAYER = {unit: rank for rank, units in enumerate(LAYERS) for unit in units}

# Third-party libraries that belong to one room.
ROOMS = {"textual": "tui", "rapidfuzz": "link", "sqlite_utils": "store"}


def modules() -> Iterator[tuple[str, Path]]:
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        yield ".".join(parts), path


def imported(module: str, path: Path) -> Iterator[tuple[str, int]]:
    """(absolute module name, line) of every import in the file, wherever it sits."""
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, node.lineno
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                name = ".".join([*base, node.module] if node.module else base)
            else:
                name = node.module or ""
            if node.module is None or name == "triage":  # `from . import x`: x may be a module
                for alias in node.names:
                    yield f"{name}.{alias.name}", node.lineno
            else:
                yield name, node.lineno


def unit(module: str) -> str:
    return module.split(".")[1] if module.count(".") else ""


def test_every_module_has_a_layer() -> None:
    missing = {unit(name) for name, _ in modules() if unit(name) and unit(name) not in LAYER}
    assert not missing, f"add {sorted(missing)} to LAYERS in tests/test_layers.py"


def test_no_module_imports_a_higher_layer() -> None:
    upward = []
    for module, path in modules():
        if not unit(module):
            continue
        for name, line in imported(module, path):
            if not name.startswith("triage.") or unit(name) == unit(module):
                continue
            if LAYER[unit(name)] >= LAYER[unit(module)]:
                upward.append(f"{path.relative_to(PACKAGE.parent)}:{line} {module} -> {name}")
    assert upward == []


@pytest.mark.parametrize("library", sorted(ROOMS))
def test_heavy_libraries_stay_in_their_room(library: str) -> None:
    outside = [
        f"{path.relative_to(PACKAGE.parent)}:{line}"
        for module, path in modules()
        for name, line in imported(module, path)
        if name.split(".")[0] == library and unit(module) != ROOMS[library]
    ]
    assert outside == []


def test_the_scan_sees_lazy_and_relative_imports(tmp_path: Path) -> None:
    source = tmp_path / "__init__.py"
    source.write_text(
        "def f():\n    from triage.tui.app import run_app\n"
        "from . import sibling\nfrom ..store.workspace import Store\n"
    )
    found = {name for name, _ in imported("triage.link", source)}
    assert found == {"triage.tui.app", "triage.link.sibling", "triage.store.workspace"}
