"""Keep tracebacks out of pupils' pages: a forged widget message must not show the server's insides.

A page's widgets talk to the kernel through comm messages. If one carries a bad value (say
`count='x'`), ipywidgets reports the error with the shell's `showtraceback()`, which sends the
browser an `error` message holding the full traceback with the server's paths; the comm and
kernel loggers write tracebacks to stderr, which ipykernel also forwards to the page. Installed
when `widgets` is imported, this guard sends the page nothing and writes one short line to the
server's log instead. Tracebacks of the notebook's own cells are left alone: Voila already hides
those from pupils (show_tracebacks=False) and needs the error to say a cell failed.
"""
from __future__ import annotations

import logging
import os
import sys

#: Loggers that may log an exception while handling a page's message.
LOGGERS = ("Comm", "ipykernel", "ipykernel.comm", "traitlets", "IPKernelApp", "ipywidgets")

_installed = False


def server_log(line: str) -> None:
    """Write one line to the kernel's own stderr (the server's log), never to the page.

    ipykernel sends whatever reaches file descriptor 2 to the page, so write to the copy of the
    original descriptor it keeps; without ipykernel, plain stderr is the log.
    """
    fd = getattr(sys.stderr, "_original_stdstream_copy", None)
    text = f"[ClassLab kernel] {line}\n"
    try:
        if fd is not None:
            os.write(fd, text.encode("utf-8", "replace"))
        else:
            (sys.__stderr__ or sys.stderr).write(text)
    except (OSError, ValueError):
        pass


def one_line(etype, evalue) -> str:
    """`ValueError: ...` cut short: enough for the teacher's log, no paths, no code."""
    words = " ".join(str(evalue).split())
    if len(words) > 160:
        words = words[:157] + "..."
    return f"{getattr(etype, '__name__', etype)}: {words}" if words else str(getattr(etype, "__name__", etype))


class NoTracebackFilter(logging.Filter):
    """Logs an exception's one-line summary to the server's log and drops its traceback from the record."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.exc_info and record.exc_info[0] is not None:
            etype, evalue, _ = record.exc_info
            server_log(f"{record.getMessage()} ({one_line(etype, evalue)}); traceback kept out of the page")
            return False
        return True


def _parent_type(shell) -> str | None:
    kernel = getattr(shell, "kernel", None)
    parent = None
    if kernel is not None and hasattr(kernel, "get_parent"):
        try:
            parent = kernel.get_parent("shell")
        except TypeError:  # older ipykernel: no channel argument
            parent = kernel.get_parent()
    if not parent:
        parent = getattr(shell, "parent_header", None)
    return ((parent or {}).get("header") or {}).get("msg_type")


def install(shell=None) -> bool:
    """Guard this kernel (once). False outside a Jupyter kernel, where there is no page to guard."""
    global _installed
    if _installed:
        return True
    if shell is None:
        try:
            from IPython import get_ipython
        except ImportError:
            return False
        shell = get_ipython()
    if shell is None or not hasattr(shell, "_showtraceback") or getattr(shell, "kernel", None) is None:
        return False

    shown = shell._showtraceback

    def showtraceback_quietly(etype, evalue, stb):
        if _parent_type(shell) == "execute_request":  # a cell of the notebook: Voila deals with it
            return shown(etype, evalue, stb)
        server_log(f"A page's message failed ({one_line(etype, evalue)}); traceback kept out of the page")
        return None

    shell._showtraceback = showtraceback_quietly
    quiet = NoTracebackFilter()
    for name in LOGGERS:
        logging.getLogger(name).addFilter(quiet)
    try:  # traitlets' own logger (widgets log through it) is the kernel app's, whatever its name
        from traitlets.log import get_logger

        get_logger().addFilter(quiet)
    except Exception:  # pragma: no cover - traitlets always has it; never break a lab over a log
        pass
    _installed = True
    return True


install()  # importing `widgets` in a pupil's kernel guards it
