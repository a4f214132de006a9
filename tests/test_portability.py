"""Every lesson's stored outputs reproduce on another CPU kernel path and another thread count.

A teacher's laptop may lack AVX-512 (or AVX2), and Colab gives two threads or one. PyTorch picks
its vectorised kernels from the CPU, so float results can differ in the last bits from machine
to machine. The lessons print only what such differences cannot change; this test proves it by
running every notebook of one language under nbval, stored outputs compared, with PyTorch forced onto
its portable (non-vectorised) kernels and a single thread.

It runs the Chinese notebooks: the fast tier already compares the English ones on this machine's
kernels, and both languages run the same code cells (tests/test_lessons.py), so each language's stored
outputs are compared once on each kernel path and the full tier executes no notebook twice for it.
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.portable


def test_probe_sees_the_forced_kernel_path():
    """The variables below really reach PyTorch in a child process (else the test proves nothing)."""
    env = {**os.environ, "ATEN_CPU_CAPABILITY": "default", "OMP_NUM_THREADS": "1"}
    probe = "import torch; print(torch.backends.cpu.get_cpu_capability(), torch.get_num_threads())"
    out = subprocess.run([sys.executable, "-c", probe], env=env, capture_output=True, text=True, check=True)
    out = out.stdout.split()
    assert out == ["DEFAULT", "1"], out


def test_every_chinese_lesson_reproduces_on_the_default_kernels_with_one_thread():
    env = {k: v for k, v in os.environ.items() if k != "CLASSWEIGHTS_LANG"}
    env.update(ATEN_CPU_CAPABILITY="default", OMP_NUM_THREADS="1", MKL_NUM_THREADS="1")
    r = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-o", "addopts=", "--nbval",
                        "--nbval-sanitize-with", "tests/sanitize.cfg", "notebooks/zh-TW"],
                       cwd=ROOT, capture_output=True, text=True, env=env)
    assert r.returncode == 0, r.stdout[-6000:] + r.stderr[-2000:]
