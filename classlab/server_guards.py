"""Guards for ClassLab's Voila servers, wired in through Voila's own configuration (classlab/voila/voila.py).

A classroom server is open to every pupil's device, so no page may bring it down or fill it up:

- `V1OnlyKernelConnection` refuses a kernel WebSocket that does not speak Jupyter's v1 kernel
  protocol. Voila 0.5.13 reads the first 8 bytes of every outgoing binary message as a count of
  offsets and builds a list that long; a message in the older layout makes that count enormous and
  the whole server hangs while its memory grows (see docs/voila_websocket_report.md). It also reads
  a page's kernel with no high-water mark: ZeroMQ silently drops a kernel's messages once a reader
  is 1,000 behind. This helps when the server's loop is busy; a burst such as a board's sixty cards
  is kept whole by the kernel lifting its own mark too (see docs/kernel_messages_dropped.md).
- `ClassLabKernelManager` shuts a page's kernel down soon after its last WebSocket closes (a closed
  or reloaded tab; the page's own shutdown request is refused for want of `_xsrf`), shuts down
  kernels of pages that were requested but never opened, and turns a newcomer away with a kind page
  once `max_pages` kernels are running, so pages already open keep their room. A kernel being shut
  down is no longer a page (its room is free at once), and a kernel waiting in Voila's preheated pool
  is not a page until it is handed to one (see `serve.py`'s `--preheat`).
- `LogoutPage` answers `/logout` with a kind page: Jupyter's own logout template needs a static
  path that Voila does not set, so it answered 500.

Pure server code: no widgets here.
"""
from __future__ import annotations

import asyncio
import html
import uuid

from jupyter_server.auth.logout import LogoutHandler
from jupyter_server.auth.decorator import allow_unauthenticated
from jupyter_server.services.kernels.connection.channels import ZMQChannelsWebsocketConnection
from jupyter_server.services.kernels.kernelmanager import AsyncMappingKernelManager
from tornado import web
from traitlets import Float, Int
import zmq

from . import language
from .language import _

V1_PROTOCOL = "v1.kernel.websocket.jupyter.org"

FULL_MESSAGE = "This computer is full: ask your teacher."


class ComputerFull(web.HTTPError):
    """The 503 a newcomer gets when --max-pages are running; the page (templates/classlab/503.html) reads its words
    from here, in the server's language, as Jupyter's error page hands the template the exception."""

    def __init__(self):
        super().__init__(503, FULL_MESSAGE, reason="This computer is full")
        self.words = {"lang": language.html_lang(), "title": _("This computer is full"),
                      "heading": _("This computer is full: ask your teacher"),
                      "why": _("Too many pages are open on this computer right now, so yours could not start. Your "
                               "teacher can close a page nobody is using. Then try again."),
                      "again": _("Try again")}


def offered_subprotocols(header: str | None) -> list[str]:
    """The subprotocols a WebSocket client offered (`Sec-WebSocket-Protocol: a, b`)."""
    return [part.strip() for part in (header or "").split(",") if part.strip()]


class V1OnlyKernelConnection(ZMQChannelsWebsocketConnection):
    """A kernel connection that only speaks Jupyter's v1 WebSocket protocol, as every Voila page does."""

    async def prepare(self):
        offered = offered_subprotocols(self.websocket_handler.request.headers.get("Sec-WebSocket-Protocol"))
        if V1_PROTOCOL not in offered:
            self.log.warning("Refused a kernel WebSocket without the %s protocol (kernel %s).",
                             V1_PROTOCOL, self.kernel_id)
            self.websocket_handler.set_status(400)
            raise web.Finish(f"Kernel connections must use the {V1_PROTOCOL} protocol.")
        await super().prepare()

    def create_stream(self):
        """Jupyter's streams to the kernel, reading its broadcasts with no limit rather than dropping any.

        The kernel's messages wait in this server's memory while it is busy, as they would in the
        kernel's; a page needs every one (a lost widget is a blank board), and each is sent on at once.
        """
        super().create_stream()
        self.channels["iopub"].socket.setsockopt(zmq.RCVHWM, 0)  # 0: no high-water mark


class ClassLabKernelManager(AsyncMappingKernelManager):
    """Kernels for pupils' pages: capped, and freed soon after their page is closed or reloaded."""

    max_pages = Int(
        0, config=True,
        help="Most pages (kernels) running at once; a newcomer beyond it gets a kind 'full' page. 0: no limit.",
    )
    closed_page_grace = Float(
        30, config=True,
        help="Seconds a page's kernel waits for its page to reconnect after the last WebSocket closed.",
    )
    unopened_page_grace = Float(
        180, config=True,
        help="Seconds a kernel started for a page request waits for that page to open its WebSocket.",
    )

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._timers: dict[str, asyncio.TimerHandle] = {}
        self._ever_connected: set[str] = set()
        #: Kernels being shut down: their page is gone, so their room is free already.
        self._closing: set[str] = set()
        #: Kernels started for Voila's preheated pool and not yet handed to a page.
        self._pooled: set[str] = set()
        #: Pool kernels taken by a page whose kernel id is not known yet (still starting).
        self._claimed = 0

    def __init_subclass__(cls, **kwargs):
        """Voila builds its preheated pool as a subclass of this manager (`voila_kernel_manager_factory`),
        so its pool methods would hide any of ours: wrap the two that hand a pooled kernel to a page."""
        super().__init_subclass__(**kwargs)
        pool_size, rendered = cls.__dict__.get("get_pool_size"), cls.__dict__.get("get_rendered_notebook")
        if pool_size is None or rendered is None:
            return

        def get_pool_size(self, notebook_name):
            # Full: the page request takes the ordinary road, where start_kernel turns the newcomer away.
            return 0 if self.full() else pool_size(self, notebook_name)

        async def get_rendered_notebook(self, *args, **kwargs):
            self._claimed += 1  # counted from the moment the pool is asked, before any await
            try:
                render_task, rendered_cache, kernel_id = await rendered(self, *args, **kwargs)
            finally:
                self._claimed -= 1
            self._pooled.discard(kernel_id)  # now a page like any other
            self._shut_down_later(kernel_id, self.unopened_page_grace, "its page never opened")
            return render_task, rendered_cache, kernel_id

        cls.get_pool_size, cls.get_rendered_notebook = get_pool_size, get_rendered_notebook

    def pages_running(self) -> int:
        """Kernels running or being started for a page: each one is a page somebody asked for.

        A starting kernel is in `_pending_kernels` from the moment `start_kernel` is called (no
        await comes before), so pages arriving together are counted exactly. A kernel being shut
        down (also in `_pending_kernels` until it has gone) and a kernel waiting in the preheated
        pool are not pages.
        """
        kernels = set(self._kernels) | set(getattr(self, "_pending_kernels", {}))
        return len(kernels - self._closing - self._pooled) + self._claimed

    def full(self) -> bool:
        return bool(self.max_pages) and self.pages_running() >= self.max_pages

    async def start_kernel(self, *, kernel_id=None, path=None, **kwargs):
        # Voila starts a pool kernel with VOILA_PREHEAT=True in its environment, a page's own with "False".
        pooled = kernel_id is None and (kwargs.get("env") or {}).get("VOILA_PREHEAT") == "True"
        if kernel_id is None and not pooled and self.full():
            self.log.warning("Full: %d pages are running (--max-pages %d); a newcomer was asked to wait.",
                             self.pages_running(), self.max_pages)
            raise ComputerFull()
        if pooled:
            kernel_id = str(uuid.uuid4())  # known before the start, so it is never counted as a page
            self._pooled.add(kernel_id)
        try:
            kernel_id = await super().start_kernel(kernel_id=kernel_id, path=path, **kwargs)
        except BaseException:
            self._pooled.discard(kernel_id)
            raise
        if not pooled:  # a pool kernel waits for its page as long as the pool lasts
            self._shut_down_later(kernel_id, self.unopened_page_grace, "its page never opened")
        return kernel_id

    async def shutdown_kernel(self, kernel_id, *args, **kwargs):
        self._closing.add(kernel_id)
        try:
            return await super().shutdown_kernel(kernel_id, *args, **kwargs)
        finally:
            self._closing.discard(kernel_id)
            self._pooled.discard(kernel_id)

    def notify_connect(self, kernel_id):
        super().notify_connect(kernel_id)
        self._ever_connected.add(kernel_id)
        self._cancel(kernel_id)

    def notify_disconnect(self, kernel_id):
        super().notify_disconnect(kernel_id)
        if self._kernel_connections.get(kernel_id, 1) <= 0:
            self._shut_down_later(kernel_id, self.closed_page_grace, "its page was closed")

    def remove_kernel(self, kernel_id):
        self._cancel(kernel_id)
        self._ever_connected.discard(kernel_id)
        self._pooled.discard(kernel_id)
        # Voila keeps each pooled page's request details for a notebook that asks for them; ours never
        # do (they read QUERY_STRING, see pool_only_for_plain_addresses), so they go with the kernel.
        from voila.request_info_handler import RequestInfoSocketHandler

        RequestInfoSocketHandler._cache.pop(kernel_id, None)
        return super().remove_kernel(kernel_id)

    def _cancel(self, kernel_id):
        timer = self._timers.pop(kernel_id, None)
        if timer is not None:
            timer.cancel()

    def _shut_down_later(self, kernel_id, delay, why):
        self._cancel(kernel_id)
        loop = asyncio.get_running_loop()
        self._timers[kernel_id] = loop.call_later(
            max(0.0, delay), lambda: asyncio.ensure_future(self._shut_down_if_unused(kernel_id, why)))

    async def _shut_down_if_unused(self, kernel_id, why):
        self._timers.pop(kernel_id, None)
        if kernel_id not in self or self._kernel_connections.get(kernel_id, 0) > 0:
            return
        self.log.info("Shutting down kernel %s: %s.", kernel_id, why)
        try:
            await self.shutdown_kernel(kernel_id)
        except Exception as error:  # a kernel already gone or dying must not take the server with it
            self.log.warning("Could not shut down kernel %s: %s", kernel_id, error)


def pool_only_for_plain_addresses() -> None:
    """A page whose address carries a query (`?class=…&group=…` to rejoin a class) gets a kernel of its own.

    Voila's preheated pool runs a lab before any page asks for it, so the lab has read an empty
    QUERY_STRING; a page rejoining its group must be run after its address is known. Voila decides
    in `VoilaHandler.should_use_rendered_notebook`, which is handed the request's arguments: one
    more condition there. Called from ClassLab's Voila configuration (classlab/voila/voila.py).
    """
    from voila.handler import VoilaHandler

    voila_decides = VoilaHandler.should_use_rendered_notebook
    if getattr(voila_decides, "classlab", False):
        return

    def should_use_rendered_notebook(self, notebook_data, pool_size, template_name, theme, request_args):
        if request_args:
            return False
        return voila_decides(self, notebook_data, pool_size, template_name, theme, request_args)

    should_use_rendered_notebook.classlab = True
    VoilaHandler.should_use_rendered_notebook = should_use_rendered_notebook


KIND_PAGE = """<!DOCTYPE html>
<html lang="{lang}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>{title}</title>
<style>body {{ font-family: system-ui, sans-serif; font-size: 1.4rem; max-width: 36rem; margin: 4rem auto;
 padding: 0 1rem; line-height: 1.5; color: #1a1a1a; }} h1 {{ font-size: 2rem; }}</style></head>
<body><main><h1>{title}</h1><p>{text}</p></main></body>
</html>
"""


def kind_page(title: str, text: str) -> str:
    """A small page with nothing to load from anywhere: for when the usual page cannot be shown.

    In the language being spoken (say the words with `_()` inside `language.speaking(...)`)."""
    return KIND_PAGE.format(lang=language.html_lang(), title=html.escape(title), text=html.escape(text))


class LogoutPage(LogoutHandler):
    """`/logout` forgets the key cookie and says so, instead of Jupyter's page that Voila cannot draw."""

    @allow_unauthenticated
    def get(self):
        self.identity_provider.clear_login_cookie(self)
        self.set_header("Content-Type", "text/html; charset=utf-8")
        self.set_header("Cache-Control", "no-store")
        # The address's ?lang= if it has one, else the server's language (CLASSLAB_LANGUAGE), else English (UK).
        with language.speaking(language.choose(self.request.query)):
            page = kind_page(_("You have left the teacher's pages"),
                             _("To open the class board again, use the address with the teacher key "
                               "that ClassLab printed when it started."))
        self.finish(page)
