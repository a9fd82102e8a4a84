"""The classroom servers: the pupils' Voila over `labs/` only, and the teacher's behind a key.

Pupils must reach the labs and nothing else (teacher guides live beside `labs/`, not in it),
never see a traceback, and a school machine must not fill up with the kernels of closed tabs:
Voila does not shut those down by itself, so idle ones are culled. The teacher's pages (the class
board) are served by a second Voila over `teacher_guides/` that answers only with the teacher key.
Both hand their kernels the class store's address in the environment. Pure Python: no widgets here.
"""
from __future__ import annotations

import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Mapping
from pathlib import Path

try:  # psutil is in the test extras; without it we read /proc (Linux) instead
    import psutil
except ImportError:  # pragma: no cover - exercised only on machines without psutil
    psutil = None

from . import settings
from .language import _, ngettext

SMARTIES = "smarties.ipynb"
CLASS_BOARD = "class_board.ipynb"
#: ClassLab's Voila configuration: the gallery of labs at `/` (see classlab/voila/voila.py).
VOILA_CONFIG = Path(__file__).resolve().parent / "voila"


def voila_command(
    labs_dir,
    port: int,
    cull_idle_timeout: int = 600,
    cull_interval: int = 60,
    python: str = sys.executable,
    token: str | None = None,
    ip: str = "127.0.0.1",
    max_pages: int | None = None,
    closed_page_grace: float | None = None,
    unopened_page_grace: float | None = None,
    preheat: int = 0,
    preheat_labs: Mapping[str, int] | None = None,
) -> list[str]:
    """The Voila command line for a classroom; `python -m voila` so the venv's Voila is the one run.

    With a `token`, every page needs it (`?token=KEY` once, then a cookie): the teacher's server.
    Only ClassLab's own Voila configuration is read (the gallery at `/`), never one lying in the
    folder it was started from. `ip="0.0.0.0"` serves the school network (`classlab serve --lan`).
    `max_pages` caps the pages (kernels) running at once; a closed page's kernel is shut down
    `closed_page_grace` seconds after its last connection closed (see classlab/server_guards.py).
    `preheat` kernels per lab are kept started and the lab already run, ready for the next page
    (Voila's own pool; see `preheat_options`); `preheat_labs` sizes one lab's pool for a class.
    """
    if int(cull_idle_timeout) < 1 or int(cull_interval) < 1:
        raise ValueError(_("cull_idle_timeout and cull_interval must be at least 1 second (0 turns culling off)."))
    key = [f"--token={token}"] if token else []
    guards = [f"--ClassLabKernelManager.{name}={value}" for name, value in (
        ("max_pages", None if max_pages is None else int(max_pages)),
        ("closed_page_grace", closed_page_grace), ("unopened_page_grace", unopened_page_grace),
    ) if value is not None]
    return [
        python, "-m", "voila", str(Path(labs_dir).resolve()),
        "--no-browser",
        f"--Voila.ip={ip}",
        f"--port={int(port)}",
        "--Voila.port_retries=0",  # the address we print must be the one in use
        "--VoilaConfiguration.show_tracebacks=False",
        f"--MappingKernelManager.cull_idle_timeout={int(cull_idle_timeout)}",
        f"--MappingKernelManager.cull_interval={int(cull_interval)}",
        "--MappingKernelManager.cull_connected=False",  # an open pupil page keeps its kernel
        # Kernels talk to Voila over Unix sockets, not TCP ports: with a class arriving at once two kernels
        # picked the same free port, one restarted ("Address already in use") and the server hung waiting
        # for it (seen by benchmarks/hub_arrival.py).
        "--KernelManager.transport=ipc",
        f"--Voila.config_file_paths={json.dumps([str(VOILA_CONFIG)])}",
        *guards,
        *preheat_options(labs_dir, preheat, preheat_labs),
        *key,
    ]


def pooled_labs(labs_dir) -> list[str]:
    """The notebooks a preheated pool is kept for: the labs (a notebook with its description beside it)."""
    from .lab_format import LAB_SUFFIX

    folder = Path(labs_dir)
    return sorted(nb.name for nb in folder.glob("*.ipynb") if (folder / f"{nb.stem}{LAB_SUFFIX}").is_file())


def pool_sizes(labs_dir, preheat: int, preheat_labs: Mapping[str, int] | None = None) -> dict[str, int]:
    """How many kernels wait ready for each lab: `preheat` for every lab, or a lab's own size from `preheat_labs`.

    A lesson's lab gets a pool as big as the class (`{"smarties": 15}`: one page per group), so the
    whole class arriving in the same minute is served at once; the other labs keep the small pool.
    Raises ValueError, with the labs there are, for a name that is no lab or a size below 0.
    """
    preheat = int(preheat)
    if preheat < 0:
        raise ValueError(_("preheat must be 0 (off) or more kernels per lab."))
    sizes = {nb: preheat for nb in pooled_labs(labs_dir)}
    for name, size in (preheat_labs or {}).items():
        notebook = name if name.endswith(".ipynb") else f"{name}.ipynb"
        if notebook not in sizes:
            labs = ", ".join(Path(nb).stem for nb in sizes) or _("none")
            raise ValueError(_("There is no lab called {name} to keep pages ready for (the labs: {labs}).").format(
                name=repr(name), labs=labs))
        if int(size) < 0:
            raise ValueError(_("The pages kept ready for {name} must be 0 (none) or more.").format(name=name))
        sizes[notebook] = int(size)
    return sizes


def pool_words(sizes: Mapping[str, int], preheat: int) -> str:
    """The pool in words for the teacher starting the server: "15 for smarties, 1 for each other lab"."""
    # Translators: how many kernels wait ready for one lab; {n} is a number, {lab} a lab's name (smarties).
    own = [_("{n} for {lab}").format(n=size, lab=Path(nb).stem) for nb, size in sizes.items() if size != int(preheat)]
    rest = (_("{n} for each other lab") if own else _("{n} for each lab")).format(n=int(preheat))
    return ", ".join(own + [rest])


def preheat_options(labs_dir, preheat: int, preheat_labs: Mapping[str, int] | None = None) -> list[str]:
    """Voila's preheated pool, sized by `pool_sizes`, none for any other notebook; [] when every size is 0.

    A pooled kernel has run its lab before any pupil asks, so the page arrives at once. What
    ClassLab needs still holds: the kernels get the server's environment (the CLASSLAB_* settings),
    a page whose address asks to rejoin a class (`?class=…&group=…`) gets a kernel of its own that
    reads it (Voila's pool runs a lab before the address is known), and the guards count a pooled
    kernel as a page only once a page has it (classlab/server_guards.py).
    """
    sizes = pool_sizes(labs_dir, preheat, preheat_labs)
    if not any(sizes.values()):
        return []
    pools = {"default": {"pool_size": 0}, **{nb: {"pool_size": size} for nb, size in sizes.items()}}
    return [
        "--VoilaConfiguration.preheat_kernel=True",
        "--VoilaConfiguration.default_pool_size=0",
        f"--VoilaKernelManager.kernel_pools_config={json.dumps(pools)}",
    ]


def lab_url(port: int, notebook: str = SMARTIES) -> str:
    return f"http://127.0.0.1:{port}/voila/render/{notebook}"


def board_url(port: int, key: str, notebook: str = CLASS_BOARD) -> str:
    return f"http://127.0.0.1:{port}/voila/render/{notebook}?token={key}"


def port_free(port: int) -> bool:
    with socket.socket() as s:
        try:
            s.bind(("127.0.0.1", port))
            return True
        except OSError:
            return False


def any_free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def safe_url(url: str) -> str:
    """A database address fit to print: any password hidden."""
    if "://" in url and "@" in url:
        scheme, rest = url.split("://", 1)
        who, where = rest.rsplit("@", 1)
        return f"{scheme}://{who.split(':', 1)[0]}:***@{where}" if ":" in who else url
    return url


def descendants(pid: int) -> list[int]:
    """Every process started under `pid`. Kernels run in their own sessions, so a process group misses them."""
    if psutil is not None:
        try:
            return [p.pid for p in psutil.Process(pid).children(recursive=True)]
        except psutil.NoSuchProcess:
            return []
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").glob("[0-9]*"):
        try:
            ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        children.setdefault(ppid, []).append(int(entry.name))
    found, todo = [], [pid]
    while todo:
        kids = children.get(todo.pop(), [])
        found += kids
        todo += kids
    return found


def _alive(pid: int) -> bool:
    if psutil is not None:
        try:
            return psutil.Process(pid).status() != psutil.STATUS_ZOMBIE
        except psutil.NoSuchProcess:
            return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def stop(proc: subprocess.Popen, grace: float = 15) -> int | None:
    """Stop Voila as SIGTERM asks (it shuts its kernels down), then kill any kernel it left behind."""
    leftovers = descendants(proc.pid)
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(grace)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(5)
    leftovers = [pid for pid in leftovers if _alive(pid)]
    for sig in (signal.SIGTERM, signal.SIGKILL):
        for pid in leftovers:
            try:
                os.kill(pid, sig)
            except ProcessLookupError:
                pass
        deadline = time.monotonic() + 3
        while leftovers and time.monotonic() < deadline:
            leftovers = [pid for pid in leftovers if _alive(pid)]
            threading.Event().wait(0.05)
    return proc.returncode


def wait_until_answering(port: int, proc: subprocess.Popen, timeout: float = 60, stop_event=None) -> bool:
    """True once the server answers HTTP; False if it died, timed out or we were asked to stop."""
    deadline = time.monotonic() + timeout
    stop_event = stop_event or threading.Event()
    while time.monotonic() < deadline and proc.poll() is None and not stop_event.is_set():
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2).close()
            return True
        except urllib.error.HTTPError:
            return True  # any HTTP answer means it is listening
        except OSError:
            stop_event.wait(0.1)
    return False


#: Memory one pupil's lab page holds on the server (its kernel), measured with the Smarties lab.
KERNEL_MB = 115
#: Memory left for the system, the two Voila servers and a browser on the teacher's computer.
SYSTEM_MB = 1500
#: Kernels kept ready for each lab on the pupils' server (`classlab serve --preheat N`): one per lab
#: opens the next pupil's page at once and costs one kernel's memory per lab while nobody needs it.
DEFAULT_PREHEAT = 1
#: Loopback or every interface: pupils' own devices need the second (`--lan`).
LOOPBACK, ALL_INTERFACES = "127.0.0.1", "0.0.0.0"


def total_memory_mb() -> int | None:
    """This computer's memory in MB, or None if it cannot be read."""
    if psutil is not None:
        return int(psutil.virtual_memory().total / 2**20)
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return int(line.split()[1]) // 1024
    except (OSError, ValueError, IndexError):
        pass
    return None


def default_max_pages(memory_mb: int | None = None) -> int:
    """How many lab pages this computer can hold at once: its memory less the system's, ~115 MB a page."""
    memory_mb = total_memory_mb() if memory_mb is None else memory_mb
    if not memory_mb:
        return 30  # a class; what a small laptop holds
    return max(4, (memory_mb - SYSTEM_MB) // KERNEL_MB)


def lan_address() -> str | None:
    """This computer's address on the school network, found without sending anything.

    A UDP socket "connected" to a private address sends no packet; the system only picks the
    interface it would use. Without a route, the host name's addresses are tried; None if neither
    gives an address other devices could reach.
    """
    for probe in ("10.255.255.255", "192.168.255.255", "172.31.255.255"):
        try:
            with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
                s.connect((probe, 1))
                address = s.getsockname()[0]
        except OSError:
            continue
        if address and not address.startswith(("127.", "0.")):
            return address
    try:
        infos = socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET)
    except OSError:
        return None
    for *_, sockaddr in infos:
        if not sockaddr[0].startswith(("127.", "0.")):
            return sockaddr[0]
    return None


def pupils_url(port: int, lan: bool = False, address: str | None = None) -> str:
    """The address pupils type: this computer's network address with `--lan`, else 127.0.0.1."""
    host = (address or lan_address() or LOOPBACK) if lan else LOOPBACK
    return f"http://{host}:{port}/"


def serve(labs_dir, port: int = 8866, cull_idle_timeout: int = 600, cull_interval: int = 60, out=None,
          teacher_dir=None, teacher_port: int | None = None, teacher_key: str | None = None,
          database_url: str | None = None, lan: bool = False, teacher_lan: bool = False,
          max_pages: int | None = None, closed_page_grace: float | None = None,
          preheat: int = DEFAULT_PREHEAT, preheat_labs: Mapping[str, int] | None = None) -> int:
    """Run the classroom servers until Ctrl-C or SIGTERM, then stop them with no kernels left behind.

    `lan` serves the pupils' labs on the school network (every interface) and prints the address
    pupils type; `teacher_lan` does the same for the teacher's pages, still behind the key.
    `preheat` kernels per lab wait ready on the pupils' server (0: none); never on the teacher's.
    `preheat_labs` gives the lesson's lab a pool of its own size (`{"smarties": 15}`: the class).
    """
    out = out or sys.stdout
    labs_dir = Path(labs_dir)
    if not labs_dir.is_dir():
        print(_("There is no labs folder at {folder}.").format(folder=labs_dir), file=out)
        return 2
    env = dict(os.environ)
    if database_url:
        env[settings.DATABASE_URL] = database_url
    address = lan_address() if (lan or teacher_lan) else None
    pupils = pupils_url(port, lan, address)
    try:
        sizes = pool_sizes(labs_dir, preheat, preheat_labs)
    except ValueError as error:
        print(error, file=out)
        return 2
    pooled = sum(sizes.values())
    # The pool's kernels take memory too: fewer pages fit beside them.
    max_pages = max(4, default_max_pages() - pooled) if max_pages is None else max_pages
    procs: list[tuple[str, int, subprocess.Popen]] = []
    key = teacher_key or settings.teacher_key() or secrets.token_urlsafe(12)
    if teacher_dir is not None and teacher_port is None:
        teacher_port = port + 1 if port_free(port + 1) else any_free_port()
    guards = dict(max_pages=max_pages, closed_page_grace=closed_page_grace)
    # Their own sessions: Ctrl-C reaches only us, and we stop Voila in order.
    procs.append(("pupils'", port, subprocess.Popen(
        voila_command(labs_dir, port, cull_idle_timeout, cull_interval, ip=ALL_INTERFACES if lan else LOOPBACK,
                      preheat=preheat, preheat_labs=preheat_labs, **guards),
        start_new_session=True, env=env)))
    if teacher_dir is not None:
        # The class board shows the pupils' address (and its QR code) from this.
        teacher_env = {**env, settings.PUPILS_URL: pupils}
        procs.append(("teacher's", teacher_port, subprocess.Popen(
            voila_command(teacher_dir, teacher_port, cull_idle_timeout, cull_interval, token=key,
                          ip=ALL_INTERFACES if teacher_lan else LOOPBACK, **guards),
            start_new_session=True, env=teacher_env)))
    stopping = threading.Event()
    handler = lambda signum, frame: stopping.set()  # noqa: E731
    previous = {sig: signal.signal(sig, handler) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        for who, p, proc in procs:
            if not wait_until_answering(p, proc, stop_event=stopping):
                if stopping.is_set():
                    return 0
                print((_("ClassLab could not start the pupils' server on port {port} (is it already in use?).")
                       if who == "pupils'" else
                       _("ClassLab could not start the teacher's server on port {port} (is it already in use?).")
                       ).format(port=p), file=out)
                return 1
        if lan:
            lines = ["\n" + _("ClassLab is ready. Pupils type this address in a browser on their own devices:"),
                     f"    {pupils}",
                     _("--lan puts the pupils' labs on the school network, and nothing else: every device on\n"
                       "this network can open the labs. The teacher's pages, the class store, files and\n"
                       "terminals stay on this computer (the teacher's pages too, with --teacher-lan, behind the key).")
                     if teacher_lan else
                     _("--lan puts the pupils' labs on the school network, and nothing else: every device on\n"
                       "this network can open the labs. The teacher's pages, the class store, files and\n"
                       "terminals stay on this computer.")]
            if not address:
                lines.insert(2, "    " + _("(No network address was found: is this computer on the school network? "
                                          "Pupils type this computer's address, port {port}.)").format(port=port))
        else:
            lines = [
                "\n" + _("ClassLab is ready. Pupils open the Smarties lab in a browser on this computer:"),
                f"    {lab_url(port)}",
                _("All labs, with a picture of each: {address}").format(address=f"http://127.0.0.1:{port}/"),
                _("Only this computer can open them: for pupils' own devices, start with --lan (make serve LAN=1)."),
            ]
        if teacher_dir is not None:
            lines += [
                _("The teacher's class board (keep this address to yourself: it holds the teacher key):"),
                f"    {board_url(teacher_port, key)}",
            ]
            if teacher_lan:
                host = address or LOOPBACK
                lines += [_("On the school network (--teacher-lan), from the teacher's own device:"),
                          f"    http://{host}:{teacher_port}/voila/render/{CLASS_BOARD}?token={key}"]
        where = env.get(settings.DATABASE_URL)
        if where is None:
            from .store import default_url

            where = default_url()
        lines += [
            _("The class's work is saved in {address}").format(address=safe_url(where)),
            _("At most {n} pages at once (--max-pages; about {mb} MB each): a pupil after that "
              "is asked to wait.").format(n=max_pages, mb=KERNEL_MB),
            (ngettext("{n} kernel kept ready ({which}; --preheat 0 turns this off): about {mb} MB, so a lab opens at once.",
                      "{n} kernels kept ready ({which}; --preheat 0 turns this off): about {mb} MB, so a lab opens at once.",
                      pooled).format(n=pooled, which=pool_words(sizes, preheat), mb=pooled * KERNEL_MB) if pooled else
             _("No kernels kept ready (--preheat N keeps N for each lab, so a lab opens at once).")),
            _("A closed page's kernel is shut down within a minute (an idle one after {seconds} s). "
              "Press Ctrl-C to stop.").format(seconds=cull_idle_timeout) + "\n",
        ]
        print("\n".join(lines), file=out, flush=True)
        while not stopping.is_set() and all(proc.poll() is None for _, _, proc in procs):
            stopping.wait(0.5)
        if not stopping.is_set():
            print(_("A ClassLab server stopped by itself."), file=out)
            return 1
        print(_("Stopping ClassLab..."), file=out, flush=True)
        return 0
    finally:
        for *_others, proc in procs:
            stop(proc)
        for sig, old in previous.items():
            signal.signal(sig, old)
