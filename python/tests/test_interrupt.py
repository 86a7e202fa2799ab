"""Ctrl-C (SIGINT) stops a long run promptly with KeyboardInterrupt."""

import os
import signal
import subprocess
import sys
import time

import pytest

SCRIPT = """
import signal, sys, rlct
# A shell's background job may start with SIGINT ignored; Python's handler
# is what a notebook has, so make sure it is installed.
signal.signal(signal.SIGINT, signal.default_int_handler)
print("started", flush=True)
{run}
print("finished", flush=True)
"""

#: Runs that take minutes, without a time limit.
LONG = {
    # Reduced rank regression 4-4-4.
    "analyze": "rlct.analyze(rlct.models.rrr(4, 4, 4))",
    "estimate": "rlct.estimate('vars x, y; K = (y^2 - x^3)^2;', runs=2000)",
    "check": "rlct.check('vars x, y; K = (y^2 - x^3)^2;', runs=2000, timeout=None)",
}


@pytest.mark.skipif(sys.platform == "win32", reason="SIGINT is POSIX")
@pytest.mark.parametrize("run", LONG.values(), ids=LONG.keys())
def test_keyboard_interrupt_stops_a_long_run(run):
    p = subprocess.Popen(
        [sys.executable, "-c", SCRIPT.format(run=run)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert p.stdout.readline().strip() == "started"
        time.sleep(1.0)
        assert p.poll() is None, "the run ended before it was interrupted"
        sent = time.monotonic()
        p.send_signal(signal.SIGINT)
        out, err = p.communicate(timeout=10)
        took = time.monotonic() - sent
    finally:
        if p.poll() is None:
            p.kill()
            p.wait()
    assert "KeyboardInterrupt" in err, err
    assert "finished" not in out
    assert p.returncode != 0
    assert took < 2.0, f"the interrupt took {took:.2f} s"
