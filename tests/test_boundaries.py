"""The house rules that keep layers apart, checked on the source itself."""

from __future__ import annotations

import ast
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
FORBIDDEN = {"telegram", "discord", "adapters"}
ENTRY_POINT = REPO / "bot" / "__main__.py"  # may delegate to the adapters, lazily (inside functions)


def _imports(tree: ast.AST) -> list[tuple[str, bool]]:
    """(top-level package imported, at module level?) for every import in `tree`."""
    found: list[tuple[str, bool]] = []
    module_level = {id(node) for node in getattr(tree, "body", [])}
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(alias.name.split(".")[0], id(node) in module_level) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append((node.module.split(".")[0], id(node) in module_level))
    return found


def test_the_core_never_imports_a_chat_platform_or_the_adapters() -> None:
    offenders = []
    for path in sorted((REPO / "bot").rglob("*.py")):
        for package, at_module_level in _imports(ast.parse(path.read_text(encoding="utf-8"))):
            if package not in FORBIDDEN:
                continue
            if path == ENTRY_POINT and not at_module_level:
                continue  # `python -m bot run/chat` hands over to the adapters only when asked
            offenders.append(f"{path.relative_to(REPO)} imports {package}")
    assert offenders == []


def test_the_entry_point_exception_is_real_and_lazy() -> None:
    lazy = [p for p, top in _imports(ast.parse(ENTRY_POINT.read_text(encoding="utf-8"))) if p == "adapters"]
    assert lazy, "bot/__main__.py no longer delegates to the adapters: drop the exception above"


def test_the_check_would_catch_an_import() -> None:
    tree = ast.parse("import os\nfrom discord import Client\n\ndef f():\n    import telegram\n")
    assert ("discord", True) in _imports(tree) and ("telegram", False) in _imports(tree)


def test_no_module_is_over_the_size_limit() -> None:
    limit = 500  # one job per module
    sizes = {p: len(p.read_text(encoding="utf-8").splitlines())
             for folder in ("bot", "adapters") for p in (REPO / folder).rglob("*.py")}
    assert {str(p.relative_to(REPO)): n for p, n in sizes.items() if n > limit} == {}
