"""Join your class: a class code from the teacher and a group name of the pupils' own choosing."""
from __future__ import annotations

from pathlib import Path
from urllib.parse import urlencode

import anywidget
import ipywidgets as w
from traitlets import Unicode

from classlab import ChartSpec, Findings, Prediction, TallyBook
from classlab import language, settings
from classlab.language import _, ngettext
from classlab.sync import GroupLink, Heartbeat, bring_back, join_details, kernel_store, save_after_redraw

from ._accessible import LiveRegion, say
from ._common import esc
from .downloads import Downloader


class AddressBar(anywidget.AnyWidget):
    """Keeps `?class=…&group=…` in the browser's address bar (so a refresh rejoins); `reopen` adds to it and reloads."""

    _esm = Path(__file__).parent / "static" / "address.js"
    query = Unicode("").tag(sync=True)
    reopen = Unicode("").tag(sync=True)  # "lang=cy&lang_of=class": the page opens again with these in its address


class JoinClass(w.VBox):
    """Joins a class session and keeps the group's tallies, chart, prediction and findings saved.

    With `lab` (the lab's name), a class started for another lab is refused with a kind message
    rather than failing to save counts that lab doesn't have.
    """

    def __init__(self, book: TallyBook, chart: ChartSpec | None = None, prediction: Prediction | None = None,
                 findings: Findings | None = None, store=None, query_string: str | None = None,
                 every: float = 2.0, lab: str | None = None, **kwargs):
        self.book, self.chart, self.prediction, self.findings = book, chart, prediction, findings
        self.lab = lab
        self._store, self.every = store, every
        self.link: GroupLink | None = None
        self.heartbeat: Heartbeat | None = None
        wide = {"description_width": "initial"}
        # Sent once, when the box is left or Enter pressed (not per key): a page sends a click at once but holds a
        # box's later keystrokes while its first is unanswered, so a busy kernel read "K" of "K3K88V" at Join.
        self.code = w.Text(description=_("Class code"), placeholder=_("e.g. K7PQ2M"), style=wide,
                           layout=w.Layout(width="18em"), continuous_update=False)
        self.name = w.Text(description=_("Group name"), placeholder=_("e.g. The Orange Team"), style=wide,
                           layout=w.Layout(width="24em"), continuous_update=False)
        self.join_button = w.Button(description=_("Join"), button_style="primary", layout=w.Layout(width="auto"))
        # ONE live region for the join box: who we are ("Everything you do is saved"), the question about a name
        # already taken, and kind messages are its parts, so a screen reader hears each change once.
        self.region = LiveRegion()
        self.region.add_class("classlab-save-status")
        self.status = self.region.part()
        self.message = self.region.part("classlab-say")
        self.address = AddressBar()
        # Once the teacher ends the class: the group's data as a file to keep.
        self.downloader = Downloader()
        self.download = w.Button(description=_("Download our data (CSV)"), icon="download",
                                 layout=w.Layout(width="auto", display="none"))
        self.download.on_click(lambda _: self.download_data())
        self.join_button.on_click(lambda _: self.join())
        self.form = w.HBox([self.code, self.name, self.join_button], layout=w.Layout(flex_flow="row wrap"))
        # "Are you the Reds on another computer?": asked before a page joins a name already taken (said in the region).
        self.question = self.region.part()
        self.yes = w.Button(description=_("Yes, we are"), button_style="primary", layout=w.Layout(width="auto"))
        self.no = w.Button(description=_("No, we'll choose another name"), layout=w.Layout(width="auto"))
        self.yes.on_click(lambda _: self.same_group())
        self.no.on_click(lambda _: self.other_name())
        self.ask = w.VBox([w.HBox([self.yes, self.no])])
        self.ask.add_class("classlab-ask")
        self.ask.layout.display = "none"
        self._asked: tuple[str, str] | None = None
        super().__init__([self.form, self.region, self.ask, self.download, self.address, self.downloader],
                         **kwargs)
        self.add_class("classlab-join")
        if chart is not None:  # the chart's "One tube" follows the tube being counted (here, on every device)
            book.observe(self._follow_sample, names="current")
        self._query = settings.query_string() if query_string is None else query_string
        code, name = join_details(self._query)
        if code and name:  # a refresh (or a shared link): the group is back at once, without asking
            self.code.value, self.name.value = code, name
            self.join(asked=True)

    @property
    def store(self):
        if self._store is None:  # the kernel's one store, opened on first join: a lab works without a class
            self._store = kernel_store()
        return self._store

    def join(self, asked: bool = False) -> bool:
        """Join with what was typed; a kind message if it can't be done, and nothing on the page lost.

        A name another group already has is asked about first (unless `asked`); a page that has
        joined stays that group, whatever a forged message puts in the boxes.
        """
        if self.link is not None:
            self.code.value, self.name.value = self.link.group.session_code, self.link.group.name
            # Translators: {name} is the group's own name, as the pupils typed it.
            say(self.message, _("This page already belongs to the group {name}. "
                                "Another group can open the lab on its own computer.").format(name=self.link.group.name))
            return False
        code, name = self.code.value.strip(), self.name.value.strip()
        if not code or not name:
            say(self.message, _("Type the class code your teacher gave you, and a name for your group."),
                wrong=self.name if code else self.code)
            return False
        try:
            if self.lab:
                session = self.store.session(code)
                if session.lab and session.lab != self.lab:
                    # Translators: {lab} is the other lab's file name (smarties, fair_dice).
                    said = _("That class code is for another lab ({lab}), not this one. "
                             "Check the code with your teacher.").format(lab=session.lab)
                    say(self.message, said, wrong=self.code)
                    return False
            if not asked:
                taken = self.store.find_group(code, name)
                if taken is not None:
                    self._asked = (code, taken.name)
                    say(self.message, "")
                    # Translators: {name} is the group's own name (the Reds, The Orange Team).
                    asked_words = _("A group called <b>{name}</b> has already joined. "
                                    "Are you the {name} on another computer?").format(name=esc(taken.name))
                    self.question.value = f'<p class="classlab-next">{asked_words}</p>'
                    self.ask.layout.display = None
                    return False
            if self._reopen_in_class_language(code, name):
                return True
            from classlab.store import ClassEnded  # loaded already: self.store opened it

            try:
                link = GroupLink.join(self.store, code, name, self.book)
            except ClassEnded:  # the group's data can still be seen and kept as a file
                link = GroupLink.look_back(self.store, code, name, self.book)
                if link is None:
                    raise
        except ValueError as problem:  # StoreError is a ValueError written for pupils
            from classlab.store import ClassNotFound, RefusedInput

            box = self.code if isinstance(problem, ClassNotFound) else self.name if isinstance(problem, RefusedInput) else None
            say(self.message, str(problem), wrong=box)
            return False
        except Exception:
            say(self.message, _("Sorry, we couldn't reach the class just now. Please try again in a moment."))
            return False
        self._asked = None
        self.ask.layout.display = "none"
        self.question.value = ""
        self.link = link
        if link.ended:
            self.form.layout.display = "none"
            self._keep_address(link)
            link.observe(lambda _: self._show_status(), names=["status", "ended"])
            self._show_status()
            say(self.message, "")
            return True
        bring_back(link, self.chart, self.prediction, self.findings)
        if self.chart is not None and 0 <= self.book.current < self.book.n_samples:
            self.chart.sample = self.book.current  # where the group is counting, not where an old chart was left
        link.observe(lambda _: self._show_status(), names=["status", "ended"])
        self.book.observe(lambda _: self._show_status(), names=["practice"])
        self.heartbeat = Heartbeat(link.tick, every=self.every)
        save_after_redraw(link)  # on a lab page a click redraws first; its change is saved just after
        link.observe(lambda _: self.heartbeat.stop(), names="ended")  # nothing more to save or follow
        say(self.message, "")
        self.form.layout.display = "none"
        self._keep_address(link)
        self._show_status()
        self.status.focus()  # the Join button has gone: focus goes to what happened, and Tab goes on from there
        return True

    def _keep_address(self, link: GroupLink) -> None:
        """The group in the page's address, so a refresh rejoins."""
        self.address.query = urlencode({"class": link.group.session_code, "group": link.group.name})

    def _reopen_in_class_language(self, code: str, name: str) -> bool:
        """A class the teacher set to another language: the page opens again in it, and joins there.

        A page opens in the server's language (or its own `?lang=`, which wins). This page never joins:
        two kernels joined as one group, one of them about to go with its page, would save its own
        choices over the new page's. The new page joins from its address, as a refresh does."""
        wanted = None if language.asked_in(self._query) else self._class_language(code)
        if not wanted or wanted == language.current():
            return False
        self.address.query = urlencode({"class": code, "group": name})
        self.address.reopen = urlencode({"lang": wanted, language.FOLLOWING_CLASS[0]: language.FOLLOWING_CLASS[1]})
        self.form.layout.display = "none"  # nothing to press while the page opens again
        return True

    def _class_language(self, code: str) -> str | None:
        try:
            return self.store.session(code).language
        except Exception:  # the class's language is a nicety: a store that can't say leaves the page as it is
            return None

    def same_group(self) -> bool:
        """"Yes, we are": join the group the page asked about (not whatever the boxes say now)."""
        if self._asked is None or self.link is not None:
            return False
        self.code.value, self.name.value = self._asked
        return self.join(asked=True)

    def other_name(self) -> None:
        """"No": nothing joined; the pupils choose another name."""
        self._asked = None
        self.ask.layout.display = "none"
        self.question.value = ""
        self.name.value = ""
        say(self.message, _("Please choose another name for your group, then press Join."))

    def _follow_sample(self, change) -> None:
        try:
            self.chart.sample = change["new"]
        except Exception:  # a chart that can't show that tube yet keeps its own
            pass

    def download_data(self) -> None:
        """The group's counts as a CSV file (the same file the lab's own download makes)."""
        from classlab.io import CSV_MIME, to_csv_bytes

        # Translators: parts of a file's name (our-group-practice-data.csv): lower case, hyphens, no spaces.
        fallback = _("our-group")
        group = self.link.group.name if self.link else fallback
        stem = "".join(ch if ch.isalnum() else "-" for ch in group).strip("-") or fallback
        practice = "-" + _("practice-data") if self.book.practice else ""
        self.downloader.send_file(f"{stem}{practice}.csv", to_csv_bytes(self.book), CSV_MIME)
        say(self.message, _("Your group's data is in your downloads."), news=True)

    def _show_status(self) -> None:
        link = self.link
        # Translators: {name} is the group's own name; {code} the class code (K7PQ2M).
        who = _("You are group <b>{name}</b> in class <b>{code}</b>.").format(
            name=esc(link.group.name), code=esc(link.group.session_code))
        if link.ended:
            ended = _("Your teacher has ended this class, so nothing more can be changed. Thank you for your counting!")
            lost = (" " + ngettext("{n} last change could not reach your teacher, but they are in your file.",
                                   "{n} last changes could not reach your teacher, but they are in your file.",
                                   link.unsaved).format(n=link.unsaved)) if link.unsaved else ""
            keep = _("You can keep your group's data as a file.")
            self.status.value = f'<div class="classlab-flag classlab-ended">{who} {ended}{lost} {keep}</div>'
            self.download.layout.display = None
            return
        practice = (" " + _("Your counts are practice data, so they stay out of the class's data.")
                    if self.book.practice else "")
        if link.status == "failed":
            self.status.value = f'<div class="classlab-flag">{who} {esc(link.problem)}</div>'
        else:
            saved = _("Everything you do is saved.")
            self.status.value = f'<div class="classlab-good">{who} {saved}{practice}</div>'

    def close(self):
        if self.heartbeat:
            self.heartbeat.stop()
        super().close()
