"""Keep one group's work in step with the class store: every change saved at once, none lost.

A page's kernel is the server side: it alone knows which group it joined, so nothing a browser
sends can speak for another group. Tallies travel as changes (add one, take one, set to N); a
page pulls only the changes it has not seen yet (by change id) when another device of the same
group has made some. A change that could not be saved is kept and tried again.

On a lab page a click does no SQL: the page redraws at once and a per-link saver thread saves the
change just after, in order (`GroupLink.save_in_background`). A thread rather than a callback on
the kernel's IOLoop, because a save can wait seconds for a busy store, and on the kernel's one
thread that wait would hold up the pupil's next click; one thread per link keeps the order. What
the saver changes that a view shows (saved, failed, ended) goes back through the kernel's IOLoop,
so widgets are only touched on the kernel's own thread.
"""
from __future__ import annotations

import logging
import threading
from collections import deque
from contextlib import contextmanager
from urllib.parse import parse_qs

from traitlets import Bool, Enum, HasTraits, TraitError, Unicode

from .findings import OUR_QUESTION
from .language import N_, _
from .tally import CountError, TallyBook, TallyChange, replay

#: A group's work beyond its tallies, as the store keeps it: each part under its own key, with the
#: choices in it that are saved and brought back (the chart, the prediction, the findings, a survey's answers).
CHART_CHOICES = ["view", "kind", "sample", "chosen", "title", "x_label", "y_label", "axis_start", "show_legend", "fair_line"]
PREDICTION_CHOICES = ["category", "goal", "amount", "samples"]
GROUP_WORK = {"chart": CHART_CHOICES, "prediction": PREDICTION_CHOICES, "findings": ["answers"],
              "answers": ["question", "names"]}

#: The page's words about saving, in English: said with `_()` in the page's language when they happen.
NOT_SAVED = N_("Not saved yet: we'll keep trying. Please keep this page open.")
ENDED = N_("Your teacher has ended this class, so nothing more can be changed. Well done today!")


class AlreadyJoined(ValueError):
    """A page that has joined a group stays that group; the message is for pupils."""


def join_details(query_string: str | None) -> tuple[str, str]:
    """The class code and group name in a page's address (`?class=K7PQ2M&group=Red+Team`), if any."""
    q = parse_qs(query_string or "", keep_blank_values=False)
    return (q.get("class", [""])[0].strip()[:20], q.get("group", [""])[0].strip()[:40])


class GroupLink(HasTraits):
    """One group's tally book, saved to and merged from the class store."""

    status = Enum(["saved", "saving", "failed"], "saved", help="Whether everything on this page is in the store.")
    problem = Unicode("", help="What went wrong with saving, for the page to show.")
    ended = Bool(False, help="The teacher has ended the class: the page takes no more changes.")

    def __init__(self, store, group, book: TallyBook, **kwargs):
        super().__init__(**kwargs)
        self.store, self.group, self.book = store, group, book
        self._lock = threading.RLock()
        self._pending: deque[TallyChange] = deque()
        self._pending_state: dict[str, dict] = {}
        self._mine: set[int] = set()
        # This page's saved changes the page has not pulled back yet (id -> change): a redraw keeps showing them.
        self._saved_unseen: dict[int, TallyChange] = {}
        self._moving = threading.Lock()  # held only while a change moves from waiting to saved, or a redraw reads them
        self._last_seen = 0
        self._joined = False
        self._practice: bool | None = None  # a practice mark waiting to be saved
        self._where: int | None = None  # the tube the group moved to, waiting to be saved
        self._where_seen = group.sample  # the tube the store last said (another device moving shows as a change)
        self._merging: int | None = None  # the thread following the store: what it does is not saved back
        self.unsaved = 0  # changes made after the class ended, kept on the page (and in its file) only
        self._over = False  # the class has ended (known at once; `ended` reaches the views through `_ui`)
        self._base: list[list[int]] | None = None  # the counts every saved change up to `_last_seen` makes
        self._notes = threading.Lock()  # held only for a moment: a click never waits for a save
        self._ui = lambda f: f()  # how the saver tells the views (the kernel's IOLoop on a lab page)
        self._wake: threading.Event | None = None  # set: save now (a saver thread is running)
        self._idle = threading.Event()
        self._idle.set()
        self._retry = 1.0  # seconds before a failed save is tried again by the saver

    @classmethod
    def join(cls, store, code: str, group_name: str, book: TallyBook) -> "GroupLink":
        """Join (or rejoin) a class as a group and bring back everything the group has done.

        A book belongs to one group: a second join on the same page (a forged Join) is refused, or
        every later tally would be saved for both groups.
        """
        if getattr(book, "_classlab_link", None) is not None:
            # Translators: {name} is the group's own name, as the pupils typed it.
            raise AlreadyJoined(_("This page already belongs to the group {name}.").format(name=book._classlab_link.group.name))
        group = store.join(code, group_name)
        link = cls(store, group, book)
        link.pull(force=True)
        with link._following():
            book.practice = group.practice
            if 0 <= group.sample < book.n_samples:
                book.current = group.sample  # where the group was counting, after a refresh or on another device
        book.on_change(link._changed)
        book.observe(link._loaded, names="loading")
        book.observe(link._marked, names="practice")
        book.observe(link._moved, names="current")
        link._joined = True
        book._classlab_link = link
        return link

    @classmethod
    def look_back(cls, store, code: str, group_name: str, book: TallyBook) -> GroupLink | None:
        """A group's work in a class that has ended, to see and download (nothing can be saved): a page
        refreshed after the end still gives the group its data. None if there is no such group."""
        if getattr(book, "_classlab_link", None) is not None:
            raise AlreadyJoined(_("This page already belongs to the group {name}.").format(name=book._classlab_link.group.name))
        group = store.find_group(code, group_name)
        if group is None:
            return None
        link = cls(store, group, book)
        link.pull(force=True)
        with link._following():
            book.practice = group.practice
            if 0 <= group.sample < book.n_samples:
                book.current = group.sample
        link._end()
        book._classlab_link = link
        return link

    @contextmanager
    def _following(self):
        """While the page follows the store (merging, another device moving), nothing it does is saved back.

        Only on the thread that follows: a pupil's tap handled at the same moment is saved as usual."""
        self._merging = threading.get_ident()
        try:
            yield
        finally:
            self._merging = None

    def _echo(self) -> bool:
        return self._merging == threading.get_ident()

    # --- saving ----------------------------------------------------------------------------
    def _changed(self, change: TallyChange) -> None:
        self._pending.append(change)  # a deque: safe beside the saver, and the click never waits for it
        if not self.book.loading:  # a whole table is saved once it has all arrived
            self._save_now()

    def _loaded(self, change) -> None:
        if not change["new"]:
            self._save_now()

    def _save_now(self) -> None:
        """Save what is waiting: just after, on the saver thread, if there is one; else here and now."""
        if self._wake is not None:
            self._idle.clear()
            self._wake.set()
        else:
            self.push()

    def save_in_background(self, ui=None, retry: float = 1.0) -> None:
        """From now on a change is saved just after it is shown, by this link's own saver thread, in order.

        `ui` runs a function where views may be touched (the kernel's `IOLoop.add_callback`); a save
        that fails is tried again every `retry` seconds until it works or the class has ended.
        """
        if self._wake is not None:
            return
        if ui is not None:
            self._ui = ui
        self._retry = retry
        self._wake = threading.Event()
        threading.Thread(target=self._saver, name="classlab-saver", daemon=True).start()
        if self.waiting or self._practice is not None or self._where is not None:
            self._save_now()

    def _saver(self) -> None:
        while True:
            self._wake.wait()
            self._wake.clear()
            try:
                saved = self.push()
            except Exception:  # the saver must never die: the next change or beat tries again
                logging.getLogger("classlab").exception("saver")
                saved = False
            if self._over:
                self._idle.set()
                return
            if saved:
                self._idle.set()
                if self._wake.is_set():  # a click came while saving: not idle after all
                    self._idle.clear()
            elif not self._wake.wait(self._retry):
                self._wake.set()  # nothing new came: try the same save again

    def flush(self, timeout: float = 30.0) -> bool:
        """Wait until everything waiting has been saved (or could not be); True if the saver is idle."""
        return self._idle.wait(timeout)

    def _marked(self, change) -> None:
        """The group's counts became practice data (loaded) or its own again: saved like a tally."""
        self._save_soon(_practice=bool(change["new"]))

    def _moved(self, change) -> None:
        """The group moved to another tube: saved, so a refresh and the group's other devices follow."""
        self._save_soon(_where=int(change["new"]), _where_seen=int(change["new"]))

    def _save_soon(self, **waiting) -> None:
        """Keep what the page did (not what it followed from the store) and save it, once a whole table has arrived."""
        if self._echo():
            return
        with self._notes:
            for name, value in waiting.items():
                setattr(self, name, value)
        if not self.book.loading:
            self._save_now()

    def remember(self, key: str, value: dict) -> None:
        """Save a small piece of the group's work (chart choices, prediction, findings)."""
        with self._notes:
            self._pending_state[key] = dict(value)
        self._save_now()

    def _done(self, name: str, value) -> None:
        """Forget a waiting note once saved, unless the page has changed it again meanwhile."""
        with self._notes:
            if getattr(self, name) is value:
                setattr(self, name, None)

    def _tell(self, **traits) -> None:
        """Set what the views show (status, problem, ended) where views may be touched."""
        def tell():
            for name, value in traits.items():
                setattr(self, name, value)
        self._ui(tell)

    def push(self) -> bool:
        """Save everything waiting, in order; on failure keep it for the next try.

        A practice mark is saved before the counts it marks, and taken off only after the group's own
        counts are back, so the class's data never holds practice data as if it had been counted.
        """
        from .store.api import ClassEnded

        with self._lock:
            if self._over:
                self.unsaved = len(self._pending)
                return False
            if not self._pending and not self._pending_state and self._practice is None and self._where is None:
                if self.status != "saved":
                    self._tell(problem="", status="saved")
                return True
            try:
                practice = self._practice
                if practice is True:
                    self.store.set_practice(self.group.id, True)
                    self._done("_practice", practice)
                if self._pending:
                    self._save_changes()
                practice = self._practice
                if practice is False:
                    self.store.set_practice(self.group.id, False)
                    self._done("_practice", practice)
                for key in list(self._pending_state):
                    value = self._pending_state[key]
                    self.store.save_state(self.group.id, key, value)
                    with self._notes:
                        if self._pending_state.get(key) is value:
                            del self._pending_state[key]
                where = self._where
                if where is not None:
                    self.store.move_to(self.group.id, where)
                    self._done("_where", where)
            except ClassEnded:  # the teacher ended the class: say so kindly, and stop trying
                self._end()
                return False
            except Exception as problem:  # the store is down, locked or gone: keep the work, say so
                self._last_error = problem
                self._tell(problem=_(NOT_SAVED), status="failed")  # the words first: views redraw on status
                return False
            if self.status != "saved" or self.problem:
                self._tell(problem="", status="saved")
            return True

    def _save_changes(self) -> None:
        """Save the waiting changes in one transaction (a whole imported file is one save, not thousands).

        A change the store refuses outright (it could only come from a forged page) is dropped, so it
        cannot hold back the ones after it; anything else that goes wrong keeps them all for the next try.
        """
        from .store.api import RefusedInput  # here, not at the top: a page that never joins never loads the store

        batch = list(self._pending)
        try:
            ids = self.store.record_many(self.group.id, batch)
        except RefusedInput:
            for change in batch:
                try:
                    saved = self.store.record(self.group.id, change)
                except RefusedInput:
                    saved = None
                self._mine.update([saved] if saved is not None else [])
                with self._moving:
                    if saved is not None:
                        self._saved_unseen[saved] = change
                    self._pending.popleft()
            return
        self._mine.update(ids)
        with self._moving:  # saved and no longer waiting, in one step: a redraw sees each change exactly once
            self._saved_unseen.update(zip(ids, batch))
            for _change in batch:
                self._pending.popleft()

    @property
    def waiting(self) -> int:
        return len(self._pending) + len(self._pending_state)

    def _end(self) -> None:
        """The class has ended: the book takes no more changes; whatever could not be saved stays on the page,
        counted in `unsaved` so the pupil is told it did not reach the teacher (but is in their file)."""
        self._over = True
        self.unsaved = len(self._pending)

        def close():
            self.book.closed = self.problem = _(ENDED)
            self.ended = True  # last: views redraw on it
        self._ui(close)

    # --- merging ---------------------------------------------------------------------------
    def pull(self, force: bool = False) -> bool:
        """Bring in changes made on the group's other devices; True when the counts were rebuilt.

        Only the changes this page has not seen (ids above the last it saw) come from the store; they
        are replayed onto the saved counts it keeps, so the result is the whole history's, without reading it.
        """
        with self._lock:
            try:
                news = self.store.changes(self.group.id, after=self._last_seen)
            except Exception:
                return False
            if news:
                self._last_seen = max(i for i, _ in news)
            index = {name: i for i, name in enumerate(self.book.categories.names)}
            self._base = replay([(c.sample, c.category, c.op, c.value) for _, c in news], index, self.book.limit,
                                counts=[list(row) for row in self._base] if self._base is not None else None)
            others = [i for i, _ in news if i not in self._mine]
            self._mine.difference_update(i for i, _ in news)  # seen now: no need to remember them
            with self._moving:
                for i in [i for i in self._saved_unseen if i <= self._last_seen]:
                    del self._saved_unseen[i]  # in `_base` now
            if not force and not others:
                return False
            base, seen = [list(row) for row in self._base], self._last_seen
        self._ui(lambda: self._redraw(base, seen))
        return True

    def _redraw(self, base: list[list[int]], seen: int) -> None:
        """Show the saved counts and everything this page did since, on the thread where clicks happen.

        On a lab page that is the kernel's thread (through `_ui`), so a click can never land halfway through
        and vanish: the page's own changes saved after `seen`, then those still waiting, go on top of `base`.
        """
        with self._moving:
            mine = [c for i, c in sorted(self._saved_unseen.items()) if i > seen] + list(self._pending)
        rebuilt = TallyBook(self.book.categories, limit=self.book.limit)
        rebuilt.replace_counts(base)
        for change in mine:  # done on this page: keep it showing
            try:
                rebuilt.apply(change, quiet=True)
            except CountError:
                pass
        current = self.book.current
        with self._following():
            self.book.replace_counts(rebuilt.matrix())
            self.book.current = min(current, self.book.n_samples - 1)

    def follow(self) -> None:
        """Follow what the store says about the group: ended, practice, and the tube it is counting."""
        try:
            status = self.store.group_status(self.group.id)
        except Exception:
            return
        with self._lock:
            if status.ended:
                self._end()
                return
        self._ui(lambda: self._follow(status))

    def _follow(self, status) -> None:
        """Practice mark and place from the store, set on the thread where clicks happen (the kernel's)."""
        with self._following():
            if self._practice is None and status.practice != self.book.practice:
                self.book.practice = status.practice
            if self._where is None and status.sample != self._where_seen:
                self._where_seen = status.sample  # another device moved: this one goes there too
                if status.sample < self.book.n_samples and status.sample != self.book.current:
                    self.book.current = status.sample

    def tick(self) -> None:
        """What a page does every few seconds: retry saving, merge, then follow the group (and the class)."""
        if self._over:
            return
        self._save_now()
        self.pull()
        self.follow()

    def saved_state(self) -> dict[str, dict]:
        try:
            return self.store.state(self.group.id)
        except Exception:
            return {}


def restore(obj: HasTraits, saved: dict, names) -> None:
    """Put saved choices back on a model; anything no longer valid is left as it is."""
    for name in names:
        if name in saved:
            try:
                setattr(obj, name, saved[name])
            except (TraitError, ValueError, TypeError):
                pass


def keep(link: GroupLink, key: str, obj: HasTraits, names) -> None:
    """Save `names` of `obj` under `key` whenever one of them changes."""
    names = list(names)

    def save(_=None):
        link.remember(key, {n: getattr(obj, n) for n in names})

    obj.observe(save, names=names)


def bring_back(link: GroupLink, chart=None, prediction=None, findings=None) -> None:
    """Put a group's saved work back on the page (chart, prediction, findings) and save it whenever it changes.

    A finding is only brought back for a question this lab asks, so an old answer can't appear under another lab.
    """
    saved = link.saved_state()
    for key, obj in [("chart", chart), ("prediction", prediction)]:
        if obj is not None:
            restore(obj, saved.get(key, {}), GROUP_WORK[key])
            keep(link, key, obj, GROUP_WORK[key])
    if findings is not None:
        answers = (saved.get("findings") or {}).get("answers") or {}
        findings.answers = {**findings.answers, **{k: v for k, v in answers.items()
                                                   if (k in findings.questions or k == OUR_QUESTION) and isinstance(v, str)}}
        keep(link, "findings", findings, GROUP_WORK["findings"])


def saved_answers(code: str, group_name: str, store=None) -> tuple[list[str], str] | None:
    """The answers a rejoining group counts: the teacher's for the class, else the ones the group chose.

    Only reads: looking a group up never joins it (a page that only asked must not make a group).
    None when there are none yet, or the store can't be reached (the group chooses again; nothing is lost).
    """
    try:
        store = store if store is not None else kernel_store()
        session = store.session(code)
        if session.categories:
            return list(session.categories), ""
        group = store.find_group(code, group_name)
        saved = store.state(group.id).get("answers") or {} if group is not None else {}
    except Exception:
        return None
    names = saved.get("names")
    if isinstance(names, list) and all(isinstance(n, str) for n in names):
        return names, str(saved.get("question", ""))[:200]
    return None


_stores: dict[str, object] = {}
_stores_lock = threading.Lock()


def kernel_store():
    """The class store for this kernel, opened once on first use (a lab works without a class).

    Every part of a page (joining, the answers, the findings) and the board share it: one pool of
    connections per kernel, not one per widget. Keyed by the store's address, which the settings give.
    """
    from .store import ClassStore, default_url  # here: a page that never joins never loads the store

    url = default_url()
    with _stores_lock:
        store = _stores.get(url)
        if store is None:
            store = _stores[url] = ClassStore(url)
        return store


def kernel_caller():
    """The kernel's own `IOLoop.add_callback` (its one thread, where widgets may be touched); None outside a kernel."""
    try:
        from IPython import get_ipython  # here: the engine runs without IPython too

        loop = getattr(getattr(get_ipython(), "kernel", None), "io_loop", None)
    except Exception:
        return None
    return loop.add_callback if loop is not None else None


def keep_every_message() -> bool:
    """Lift ZeroMQ's high-water mark on this kernel's broadcasts (IOPub) for the readers connected now.

    ZeroMQ silently drops a kernel's messages once a reader is 1,000 behind. A board opening sixty
    groups' cards sends about 1,300 widgets in a second; on a busy machine the server fell behind,
    some were lost, the browser could not make them ("widget model not found") and the cards never
    showed. Called just before such a burst, the messages wait in this kernel's memory instead. A
    new mark reaches only connections made before it is set (the page's is, by the time it draws),
    and it is set on the thread that sends, so it comes before the burst. False outside a kernel.
    """
    try:
        from IPython import get_ipython  # here: the engine runs without IPython too
        import zmq

        sender = get_ipython().kernel.iopub_thread
        sender.schedule(lambda: sender.socket.setsockopt(zmq.SNDHWM, 0))  # 0: no mark
    except Exception:
        return False
    return True


def save_after_redraw(link: GroupLink) -> bool:
    """On a lab page (a running kernel) a click redraws first and its change is saved just after, by
    the link's saver thread; the views hear back on the kernel's thread. Elsewhere it saves at once."""
    ui = kernel_caller()
    if ui is None:
        return False
    link.save_in_background(ui=ui)
    return True


class Heartbeat:
    """Calls `tick` every few seconds in the background until stopped (retries and merging)."""

    def __init__(self, tick, every: float = 2.0):
        self._tick, self._every = tick, every
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="classlab-heartbeat", daemon=True)
        self._thread.start()

    def _run(self):
        while not self._stop.wait(self._every):
            try:
                self._tick()
            except Exception:  # a heartbeat must never die; the next beat tries again
                logging.getLogger("classlab").exception("heartbeat")

    def stop(self):
        self._stop.set()
