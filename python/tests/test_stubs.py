"""The type stubs (.pyi) describe the package as it is."""

import ast
import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

import rlct

PACKAGE = Path(rlct.__file__).parent


def stub_names(name):
    tree = ast.parse((PACKAGE / name).read_text(encoding="utf-8"))
    names = set()
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            names.add(node.target.id)
        elif isinstance(node, ast.Assign):
            names.update(t.id for t in node.targets if isinstance(t, ast.Name))
        elif isinstance(node, ast.ImportFrom):
            names.update(a.asname or a.name for a in node.names)
    return names


def test_every_public_name_has_a_stub():
    assert set(rlct.__all__) <= stub_names("__init__.pyi")
    assert set(rlct.models.__all__) <= stub_names("models.pyi")
    assert (PACKAGE / "py.typed").exists()


def test_every_public_item_is_documented():
    for name in rlct.__all__:
        assert getattr(rlct, name).__doc__ or name == "JSON_VERSION", name
    for name in rlct.models.__all__:
        assert getattr(rlct.models, name).__doc__, name
    for name in ["to_json", "to_markdown", "to_latex", "svg_tree", "svg_newton", "free_energy"]:
        assert getattr(rlct.Result, name).__doc__, name


def test_stubtest_finds_nothing(tmp_path):
    if importlib.util.find_spec("mypy") is None:
        pytest.skip("mypy is not installed: the stubs are not checked against the runtime")
    config = tmp_path / "mypy.ini"
    # SymPy has no type information; the stubs do not depend on it.
    config.write_text("[mypy]\nignore_missing_imports = True\n")
    out = subprocess.run(
        [sys.executable, "-m", "mypy.stubtest", "rlct", "--mypy-config-file", str(config)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert out.returncode == 0, out.stdout + out.stderr
