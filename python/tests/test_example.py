"""docs/python_example.py runs as it stands (so that what it shows is true)."""

import runpy

from conftest import ROOT


def test_the_notebook_example_runs(capsys):
    runpy.run_path(str(ROOT / "docs" / "python_example.py"), run_name="__main__")
    out = capsys.readouterr().out
    assert "literature: 1 m = 2" in out
    assert "agree" in out and "## Real log canonical threshold" in out
