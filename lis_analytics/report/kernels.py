"""Start each pack's kernel by forking a pre-loaded "zygote" process instead of a fresh Python.

Every area still gets its own kernel process (a clean copy of a process that has imported
pandas, matplotlib, geopandas, IPython and the library, and run nothing else), so one
area's state can never leak into another's. What is saved is the start-up: a fresh kernel
spends about two seconds importing before the first chart, which is a third of a pack's
run time on a two-core machine.

:class:`ForkServerKernelManager` is a ``jupyter_client`` kernel manager that papermill uses
when asked (``kernel_manager_class=``). Its provisioner sends the kernel's command line to a
zygote (one per worker process, started on first use with the kernel spec's own Python),
which forks a child that becomes the ipykernel. The child gets its own session and process
group (so interrupts and kills reach it as with a normal kernel), the kernel's environment
and working folder, and stops by itself if the zygote goes away. A kernel spec whose command
is not ``python -m ipykernel_launcher`` is started the usual way. Set
``LIS_KERNEL_FORKSERVER=0`` to start every kernel the usual way.

Fork is POSIX-only: on Windows :func:`forkserver_enabled` is false.
"""

from __future__ import annotations

import asyncio
import atexit
import gc
import json
import os
import signal
import subprocess
import sys
import threading
import time
from queue import Empty
from typing import Any

from jupyter_client.asynchronous import AsyncKernelClient
from jupyter_client.manager import AsyncKernelManager
from jupyter_client.provisioning import LocalProvisioner
from traitlets import default

FORKSERVER_ENV = "LIS_KERNEL_FORKSERVER"
LOG_ENV = "LIS_KERNEL_LOG"
"""File the forked kernel's stdout and stderr are appended to (else the zygote's stderr)."""

PRELOAD_MODULES: tuple[str, ...] = (
    "numpy", "pandas", "pyarrow.parquet", "matplotlib", "matplotlib.pyplot",
    "matplotlib.ticker", "matplotlib.text", "geopandas", "shapely", "scipy.sparse", "yaml",
    "IPython", "IPython.display", "ipykernel.kernelapp", "ipykernel.ipkernel",
    "ipykernel.zmqshell", "ipykernel.debugger", "sqlite3", "psutil", "pdb", "mimetypes",
    "lis_analytics", "lis_analytics.present.charts", "lis_analytics.productivity",
    "lis_analytics.sectors", "lis_analytics.commuting", "lis_analytics.chapters.fema",
    "lis_analytics.indicators", "lis_analytics.comparators", "lis_analytics.report",
    "lis_analytics.report.shared", "lis_analytics.report.shared_sectors",
    "lis_analytics.present.charts.fema", "lis_analytics.report.shared_indicators",
)
"""Imported by the zygote before it forks kernels (what the chapter notebooks import)."""


GC_THRESHOLDS = (20_000, 20, 20)
"""Garbage-collection thresholds of a forked kernel: a pack allocates many short-lived
objects and frees them by reference counting, so collecting every 700 allocations (the
default) mostly walks live objects; fewer, larger collections save a tenth of a second."""


def forkserver_enabled() -> bool:
    """True unless ``LIS_KERNEL_FORKSERVER=0`` or the platform cannot fork."""
    return hasattr(os, "fork") and os.environ.get(FORKSERVER_ENV, "1").strip() != "0"


# ------------------------------------------------------------------ worker side


class ZygoteError(RuntimeError):
    """The zygote could not start or fork a kernel."""


class _Zygote:
    """A pre-loaded Python that forks kernels on request (one per interpreter and process)."""

    def __init__(self, interpreter: list[str]) -> None:
        self.interpreter = interpreter
        self.process = subprocess.Popen(
            [*interpreter, "-m", "lis_analytics.report.kernels"],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, start_new_session=True,
        )
        line = self.process.stdout.readline()
        if not line.startswith(b"ready"):
            self.close()
            raise ZygoteError(f"the kernel zygote ({interpreter}) did not start: {line!r}")
        self.pid = self.process.pid
        self.lock = threading.Lock()

    def alive(self) -> bool:
        return self.process.poll() is None

    def fork(self, argv: list[str], env: dict[str, str], cwd: str, log: str) -> int:
        request = {"argv": argv, "env": env, "cwd": cwd, "log": log}
        with self.lock:
            self.process.stdin.write(json.dumps(request).encode() + b"\n")
            self.process.stdin.flush()
            reply = self.process.stdout.readline()
        if not reply:
            raise ZygoteError("the kernel zygote exited before forking a kernel")
        answer = json.loads(reply)
        if "pid" not in answer:
            raise ZygoteError(f"the kernel zygote could not fork a kernel: {answer}")
        return int(answer["pid"])

    def close(self) -> None:
        try:
            self.process.stdin.close()  # the zygote exits at end of input
            self.process.wait(timeout=5)
        except (OSError, subprocess.TimeoutExpired):
            self.process.kill()


_zygotes: dict[str, tuple[str, _Zygote]] = {}
_zygotes_lock = threading.Lock()
_VOLATILE_ENV = (LOG_ENV, "JPY_PARENT_PID", "JPY_SESSION_NAME")


def _zygote_key() -> str:
    """What the zygote's preloaded state depends on: this environment and the data."""
    from lis_analytics.report.shared import cache_stamp

    env = {k: v for k, v in os.environ.items() if k not in _VOLATILE_ENV}
    return json.dumps([sorted(env.items()), os.getcwd(), cache_stamp()])


def _zygote_for(interpreter: list[str]) -> _Zygote:
    """The zygote for a Python command line (a new one if the environment or data changed).

    ``interpreter`` is the kernel command up to ``-m``: the kernel spec's Python and its
    options (e.g. ``-Xfrozen_modules=off``, which the debugger wants).
    """
    key = _zygote_key()
    name = json.dumps(interpreter)
    with _zygotes_lock:
        old_key, zygote = _zygotes.get(name, ("", None))
        if zygote is None or not zygote.alive() or old_key != key:
            if zygote is not None:
                zygote.close()
            zygote = _Zygote(interpreter)
            _zygotes[name] = (key, zygote)
        return zygote


@atexit.register
def close_zygotes() -> None:
    """Stop this process's zygotes (their kernels have been shut down by then)."""
    with _zygotes_lock:
        for _, zygote in _zygotes.values():
            zygote.close()
        _zygotes.clear()


class _ForkedKernel:
    """A ``Popen``-like handle on a kernel forked by the zygote (not our child).

    The zygote reaps its children, so a kernel that has exited no longer exists; its exit
    status is not known and is reported as 0.
    """

    stdin = stdout = stderr = None

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.returncode: int | None = None

    def poll(self) -> int | None:
        if self.returncode is None:
            try:
                os.kill(self.pid, 0)
            except ProcessLookupError:
                self.returncode = 0
            except PermissionError:  # pid reused by someone else's process: ours is gone
                self.returncode = 0
        return self.returncode

    def wait(self, timeout: float | None = None) -> int:
        deadline = None if timeout is None else time.monotonic() + timeout
        while self.poll() is None:
            if deadline is not None and time.monotonic() > deadline:
                raise subprocess.TimeoutExpired(str(self.pid), timeout)
            time.sleep(0.02)
        return self.returncode

    def send_signal(self, signum: int) -> None:
        if self.poll() is None:
            os.kill(self.pid, signum)

    def terminate(self) -> None:
        self.send_signal(signal.SIGTERM)

    def kill(self) -> None:
        self.send_signal(signal.SIGKILL)


def _split_ipykernel_command(cmd: list[str]) -> tuple[list[str], list[str]] | None:
    """``(interpreter, arguments)`` around ``-m ipykernel_launcher`` (``None`` otherwise)."""
    for i in range(1, len(cmd) - 1):
        if cmd[i] == "-m" and cmd[i + 1] in ("ipykernel_launcher", "ipykernel"):
            return cmd[:i], cmd[i + 2:]
    return None


class ForkServerProvisioner(LocalProvisioner):
    """Launch the kernel by forking the zygote; everything else as :class:`LocalProvisioner`."""

    async def wait(self) -> int | None:
        """Wait for the kernel to exit, checking every 10 ms (not every 100 ms)."""
        if isinstance(self.process, _ForkedKernel):
            while self.process.poll() is None:
                await asyncio.sleep(0.01)
            code = self.process.returncode
            self.process = None
            return code
        return await super().wait()

    async def launch_kernel(self, cmd: list[str], **kwargs: Any):
        """Fork the kernel from the zygote (or launch ``cmd`` normally if it is not ipykernel)."""
        split = _split_ipykernel_command(cmd)
        if split is None or not forkserver_enabled():
            return await super().launch_kernel(cmd, **kwargs)
        interpreter, args = split
        env = dict(kwargs.get("env") or os.environ)
        cwd = str(kwargs.get("cwd") or os.getcwd())
        try:
            zygote = _zygote_for(interpreter)
            env["JPY_PARENT_PID"] = str(zygote.pid)
            argv = [*args, f"--IPKernelApp.parent_handle={zygote.pid}"]
            pid = zygote.fork(argv, env, cwd, os.environ.get(LOG_ENV, ""))
        except (ZygoteError, OSError, ValueError) as exc:  # slower, but the pack still runs
            self.log.warning("kernel zygote unavailable (%s); starting a plain kernel", exc)
            return await super().launch_kernel(cmd, **kwargs)
        self.process = _ForkedKernel(pid)
        self.pid = pid
        self.pgid = pid  # the child is the leader of its own session and process group
        self.cwd = cwd
        return self.connection_info


class QuickStartKernelClient(AsyncKernelClient):
    """jupyter_client's async client, waiting 20 ms (not 200 ms) for late start-up messages.

    After the kernel answers ``kernel_info``, the client drains IOPub until nothing has
    arrived for a while; the stock 200 ms of silence is idle time on every pack.
    """

    async def _async_wait_for_ready(self, timeout: float | None = None) -> None:
        """Wait until the kernel answers ``kernel_info`` and IOPub is connected."""
        deadline = time.time() + (float("inf") if timeout is None else timeout)
        while True:
            self.kernel_info()
            try:
                msg = await self.shell_channel.get_msg(timeout=1)
            except Empty:
                pass
            else:
                if msg["msg_type"] == "kernel_info_reply":
                    try:  # IOPub must be connected too, or start over
                        await self.iopub_channel.get_msg(timeout=0.2)
                    except Empty:
                        pass
                    else:
                        self._handle_kernel_info_reply(msg)
                        break
            if not await self._async_is_alive():
                raise RuntimeError("Kernel died before replying to kernel_info")
            if time.time() > deadline:
                raise RuntimeError(f"Kernel didn't respond in {timeout} seconds")
        while True:
            try:
                await self.iopub_channel.get_msg(timeout=0.02)
            except Empty:
                break

    wait_for_ready = _async_wait_for_ready  # the async client binds the name, not the method


class ForkServerKernelManager(AsyncKernelManager):
    """Kernel manager whose kernels are forked from a pre-loaded zygote.

    Pass it to papermill: ``execute_notebook(..., kernel_manager_class=ForkServerKernelManager)``.
    It also polls a stopping kernel every 10 ms and uses :class:`QuickStartKernelClient`.
    """

    @default("client_factory")
    def _quick_start_client(self) -> type:
        return QuickStartKernelClient

    async def _async_wait(self, pollinterval: float = 0.1) -> None:
        await super()._async_wait(pollinterval=min(pollinterval, 0.01))

    async def _async_pre_start_kernel(self, **kw: Any):
        if self.provisioner is None:
            self.provisioner = ForkServerProvisioner(
                kernel_id=self.kernel_id or "", kernel_spec=self.kernel_spec, parent=self)
        return await super()._async_pre_start_kernel(**kw)


# ------------------------------------------------------------------ zygote side


def _become_kernel(request: dict) -> None:
    """In the forked child: detach, take the kernel's environment, then run ipykernel."""
    os.setsid()
    signal.signal(signal.SIGCHLD, signal.SIG_DFL)  # the kernel waits for its own children
    os.environ.clear()
    os.environ.update(request["env"])
    os.chdir(request["cwd"])
    null = os.open(os.devnull, os.O_RDONLY)
    out = os.open(request["log"] or os.devnull, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
    os.dup2(null, 0)  # also closes the request pipe
    os.dup2(out, 1)  # also closes the reply pipe
    os.dup2(out, 2)
    os.close(null)
    os.close(out)
    if sys.path and sys.path[0] in ("", os.getcwd()):
        sys.path[0] = request["cwd"]
    sys.argv = [sys.executable, *request["argv"]]
    gc.set_threshold(*GC_THRESHOLDS)
    from ipykernel import kernelapp

    kernelapp.launch_new_instance(argv=request["argv"])


def _zygote_main() -> None:
    """Import the notebooks' modules, then fork a kernel for every request on stdin."""
    import importlib

    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # exited kernels are reaped automatically
    for name in PRELOAD_MODULES:
        try:
            importlib.import_module(name)
        except Exception:  # noqa: BLE001 - a missing optional module only costs time
            pass
    try:
        from lis_analytics.report.shared import warm_caches

        warm_caches()
    except Exception as exc:  # noqa: BLE001 - the kernels read the data themselves then
        print(f"kernel zygote: caches not warmed ({type(exc).__name__}: {exc})",
              file=sys.stderr)
    # keep the preloaded objects out of the children's garbage collections: collecting would
    # touch every inherited object and copy the zygote's memory page by page (as gunicorn's
    # and CPython's own fork servers recommend)
    gc.collect()
    gc.freeze()
    requests, replies = sys.stdin.buffer, sys.stdout.buffer
    replies.write(b"ready\n")
    replies.flush()
    for line in requests:
        try:
            request = json.loads(line)
            pid = os.fork()
        except (ValueError, OSError) as exc:
            replies.write(json.dumps({"error": f"{type(exc).__name__}: {exc}"}).encode() + b"\n")
            replies.flush()
            continue
        if pid == 0:
            code = 0
            try:
                _become_kernel(request)
            except SystemExit as exc:
                code = exc.code if isinstance(exc.code, int) else 1
            except BaseException:  # noqa: BLE001 - report and leave the child, never the loop
                import traceback

                traceback.print_exc()
                code = 1
            finally:
                sys.stdout.flush()
                sys.stderr.flush()
                os._exit(code)
        replies.write(json.dumps({"pid": pid}).encode() + b"\n")
        replies.flush()


if __name__ == "__main__":
    _zygote_main()
