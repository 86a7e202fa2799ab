"""The examples in the package's docstrings hold."""

import doctest

import pytest

import rlct


@pytest.mark.parametrize("module", [rlct, rlct.models], ids=lambda m: m.__name__)
def test_docstring_examples(module):
    failed, attempted = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert attempted > 0 and failed == 0
