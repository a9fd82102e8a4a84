"""The board's panel of misconceptions several groups share: spotlight one, and teach to those groups together.

A thin view over `classlab.misconceptions`: the engine finds each kind from the groups' saved work;
this lists them, most groups first, and shows one big with the groups that share it, what in their
work shows it, and one way to teach to it. Group names and quoted words are pupils' text: escaped.
"""
from __future__ import annotations

import ipywidgets as w

from classlab.language import _, ngettext
from classlab.misconceptions import Misconception, in_class

from ._accessible import message_area, say
from ._common import esc


class SharedMisconceptions(w.VBox):
    """Look for misconceptions in a class's work, list them, and spotlight one."""

    def __init__(self, store, code=lambda: None, labs_dir=None, **kwargs):
        self.store, self.code, self.labs_dir = store, code, labs_dir
        self.found: list[Misconception] = []
        self.look = w.Button(description=_("Look for shared misconceptions"), layout=w.Layout(width="auto"),
                             tooltip=_("Look through every group's predictions, charts and words for ideas several "
                                       "groups share"))
        self.look.on_click(lambda _: self.look_again())
        self.message = message_area()
        self.rows = w.VBox()
        self.spot = w.HTML()
        self.spot.add_class("classlab-misconception-spot")
        self.close_spot = w.Button(description=_("Close"), layout=w.Layout(width="auto", display="none"),
                                   tooltip=_("Close this misconception"))
        self.close_spot.on_click(lambda _: self.spotlight(None))
        self.spotlit: str | None = None
        super().__init__([self.look, self.message, self.rows, self.spot, self.close_spot], **kwargs)
        self.add_class("classlab-misconceptions")

    def clear(self) -> None:
        """Another class is shown: nothing of the last one stays."""
        self.found, self.rows.children = [], []
        say(self.message, "")
        self.spotlight(None)

    def look_again(self) -> list[Misconception]:
        """Read the class again and list what its groups share (one group's alone come after, for the teacher)."""
        code = self.code()
        if not code:
            say(self.message, _("Start or choose a class first."))
            return []
        try:
            self.found = in_class(self.store, code, self.labs_dir)
        except ValueError as problem:
            say(self.message, str(problem))
            return []
        except Exception:
            say(self.message, _("Sorry, the class's work couldn't be read just now. Please try again in a moment."))
            return []
        shared = [m for m in self.found if m.shared]
        if shared:
            # Translators: {n} is how many misconceptions two or more groups share.
            said = _("{n} shared by two or more groups.").format(n=len(shared))
        else:
            said = _("No misconception is shared by two or more groups yet.")
            if self.found:
                said += " " + _("One group's are below.")  # misconceptions only one group has
        say(self.message, said)
        rows = []
        for m in self.found:
            who = ", ".join(m.groups)
            # Translators: after a misconception's name; {n} is how many groups show it, {names} their names.
            groups = ngettext("{n} group ({names})", "{n} groups ({names})", len(m.groups)).format(
                n=len(m.groups), names=esc(who))
            words = w.HTML(f"<p><b>{esc(m.title)}</b>: {groups}</p>")
            # Translators: {title} is a misconception's name (A count axis that does not start at 0).
            button = w.Button(description=_("Spotlight: {title}").format(title=m.title), layout=w.Layout(width="auto"),
                              tooltip=_("Show “{title}” big, with the groups that share it").format(title=m.title))
            button.on_click(lambda _, key=m.key: self.spotlight(key))
            row = w.HBox([words, button])
            row.layout.flex_flow = "row wrap"
            row.add_class("classlab-misconception" + (" classlab-shared" if m.shared else ""))
            rows.append(row)
        self.rows.children = rows
        if self.spotlit and self.spotlit in {m.key for m in self.found}:
            self.spotlight(self.spotlit)
        else:
            self.spotlight(None)
        return self.found

    def spotlight(self, key: str | None) -> None:
        """Show one misconception big: the groups that share it, what shows it, and a way to teach to it."""
        m = next((m for m in self.found if m.key == key), None)
        self.spotlit = m.key if m else None
        if m is None:
            self.spot.value = ""
            self.close_spot.layout.display = "none"
            return
        signs = "".join(f"<li><b>{esc(s.group)}</b> {esc(s.evidence)}</li>" for s in m.signs)
        # Translators: a heading above the groups that show a misconception; {n} is how many.
        share = _("Groups that share it ({n})").format(n=len(m.signs))
        # Translators: {how} is one way to teach to a misconception, in a sentence or two.
        teach = _("<b>Teach it together:</b> {how}").format(how=esc(m.teach))
        self.spot.value = (f'<section class="classlab-good" aria-label="{esc(m.title)}"><h2>{esc(m.title)}</h2>'
                           f"<p>{esc(m.about)}</p><h3>{share}</h3><ul>{signs}</ul>"
                           f"<p>{teach}</p></section>")
        self.close_spot.layout.display = None
