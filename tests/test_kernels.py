"""Kernels forked from a pre-loaded zygote: one fresh kernel per notebook, cleaned up after."""

from __future__ import annotations

import os
import time

import nbformat
import papermill as pm
import pytest

from lis_analytics.report import kernels
from lis_analytics.report.batch import KERNEL_NAME


def _notebook(*sources: str) -> nbformat.NotebookNode:
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(s) for s in sources]
    nb.metadata["kernelspec"] = {"name": KERNEL_NAME, "display_name": "x", "language": "python"}
    return nb


def _run(nb, tmp_path, **kw):
    return pm.execute_notebook(nb, str(tmp_path / "out.ipynb"), kernel_name=KERNEL_NAME,
                               progress_bar=False, start_timeout=60, execution_timeout=60,
                               kernel_manager_class=kernels.ForkServerKernelManager, **kw)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def test_kernel_command_is_split_into_interpreter_and_arguments():
    cmd = ["/py", "-Xfrozen_modules=off", "-m", "ipykernel_launcher", "-f", "/k.json"]
    assert kernels._split_ipykernel_command(cmd) == (["/py", "-Xfrozen_modules=off"],
                                                     ["-f", "/k.json"])
    assert kernels._split_ipykernel_command(["/bin/R", "--kernel", "-f", "/k.json"]) is None


def test_forkserver_can_be_switched_off(monkeypatch):
    monkeypatch.setenv(kernels.FORKSERVER_ENV, "0")
    assert not kernels.forkserver_enabled()
    monkeypatch.setenv(kernels.FORKSERVER_ENV, "1")
    assert kernels.forkserver_enabled() == hasattr(os, "fork")


@pytest.mark.skipif(not hasattr(os, "fork"), reason="fork is POSIX-only")
def test_each_notebook_gets_its_own_forked_kernel_which_exits_afterwards(tmp_path):
    nb = _notebook("import os, sys\nprint(os.getpid(), os.getppid(), os.getcwd())\n"
                   "print('pandas' in sys.modules, 'lis_analytics.present.charts' in sys.modules)",
                   "x = 41 + 1\nprint(x)")
    pids = []
    for _ in range(2):
        out = _run(nb, tmp_path, cwd=str(tmp_path))
        first = out.cells[0].outputs[0]["text"].split()
        pid, parent, cwd = int(first[0]), int(first[1]), first[2]
        assert first[3:] == ["True", "True"]  # the zygote's imports are there already
        assert cwd == str(tmp_path)  # the kernel runs in the folder papermill asked for
        assert out.cells[1].outputs[0]["text"].strip() == "42"
        zygote = next(z for _, z in kernels._zygotes.values() if z.pid == parent)
        assert pid != zygote.pid
        pids.append(pid)
    assert pids[0] != pids[1]  # a new kernel for every notebook, never a reused one
    deadline = time.monotonic() + 10
    while any(_alive(p) for p in pids) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not any(_alive(p) for p in pids)


@pytest.mark.skipif(not hasattr(os, "fork"), reason="fork is POSIX-only")
def test_a_kernel_that_dies_is_reported_not_waited_for(tmp_path):
    nb = _notebook("import os\nos._exit(3)", "print('never')")
    start = time.monotonic()
    with pytest.raises(Exception, match="(?i)dead|died|kernel"):
        _run(nb, tmp_path)
    assert time.monotonic() - start < 60


@pytest.mark.skipif(not hasattr(os, "fork"), reason="fork is POSIX-only")
def test_zygote_is_replaced_when_the_environment_changes(tmp_path, monkeypatch):
    nb = _notebook("import os\nprint(os.environ.get('LIS_TEST_MARKER', ''), os.getppid())")
    first = _run(nb, tmp_path).cells[0].outputs[0]["text"].split()
    monkeypatch.setenv("LIS_TEST_MARKER", "changed")
    second = _run(nb, tmp_path).cells[0].outputs[0]["text"].split()
    assert second[0] == "changed"  # the kernel sees the environment of the request
    assert first[-1] != second[-1]  # from a new zygote, whose preloaded state matches it


@pytest.mark.skipif(not hasattr(os, "fork"), reason="fork is POSIX-only")
def test_a_zygote_that_cannot_start_falls_back_to_a_plain_kernel(tmp_path, monkeypatch):
    def broken(interpreter):
        raise kernels.ZygoteError("simulated")

    monkeypatch.setattr(kernels, "_zygote_for", broken)
    out = _run(_notebook("print(6 * 7)"), tmp_path)
    assert out.cells[0].outputs[0]["text"].strip() == "42"
