"""The exceptions of :mod:`rlct`.

Bad input is an :class:`InputError` (a :class:`ValueError`) that names the
line and column of the input text it was found in; a problem the engine
does not handle yet is :class:`Unsupported`. A result that is only an
upper bound is *not* an exception: it is a :class:`rlct.Result` whose
``status`` is ``"bound"``.
"""

from typing import Optional


class Error(Exception):
    """Base class of every exception raised by :mod:`rlct`.

    Attributes
    ----------
    message : str
        What went wrong, without the position.
    source : str or None
        The input text that was read (for keyword input, the text built
        from the keywords), so that ``line`` and ``column`` can be looked up.
    """

    message: str
    source: Optional[str]

    def __init__(self, text: str = "") -> None:
        super().__init__(text)
        self.message = text
        self.source = None


class InputError(Error, ValueError):
    """The input is malformed or mathematically unacceptable.

    Attributes
    ----------
    line, column : int or None
        1-based position in ``source`` (columns count characters), when
        there is a place to point at.
    line_text : str or None
        The text of that line.
    """

    line: Optional[int] = None
    column: Optional[int] = None
    line_text: Optional[str] = None


class Unsupported(Error, NotImplementedError):
    """The input is acceptable but asks for something not supported yet."""


class Stopped(Error, RuntimeError):
    """The time or memory limit ran out before there was anything to
    report, not even a bound (rare: a run cut short normally ends with a
    bound)."""
