"""Our question: at the start a group chooses what it wants to find out (one of the lab's questions, or its own).

The question heads the group's page (`banner`) and shows on the class board. Like every part of a
group's work it is saved in the class store at once, and brought back on a refresh or another device.
`GroupPart` is the small base the pupils' voice widgets share: it follows the page's JoinClass.
"""
from __future__ import annotations

import ipywidgets as w

from classlab.language import N_, _, lab_word
from classlab.voice import MAX_QUESTION, VoiceError, own_question

from ._accessible import message_area, say
from ._common import esc

#: The choice of writing our own question (its value in the list, whatever the page's language shows).
OWN = N_("Our own question")
NOT_JOINED = N_("Join your class (at the top of the page) so this is saved.")
NOT_SAVED = N_("Sorry, that wasn't saved just now. Please try again in a moment.")
#: The group's question at the top of its page: big enough to read across a table.
BANNER_STYLE = "font-size: 20px; background: #eef3fb; border-left: 6px solid #1a5fb4; padding: 8px 12px; border-radius: 6px"


def text_html(text: str) -> str:
    """Pupils' text for an HTML widget: escaped, and isolated (`<bdi>`), so right-to-left marks inside can't
    turn the words around it."""
    return f"<bdi>{esc(text)}</bdi>"


class GroupPart(w.VBox):
    """A part of a group's page that is saved under its group: it waits for the page to join, then loads.

    `join` is the page's JoinClass (or None: the part works on the page alone, nothing saved).
    """

    def __init__(self, children, join=None, **kwargs):
        self.join = join
        self.message = message_area()
        super().__init__(list(children) + [self.message], **kwargs)
        if join is not None:  # after JoinClass's own handlers (registered first): the group is known by then
            join.join_button.on_click(lambda _: self._joined())
            join.yes.on_click(lambda _: self._joined())

    @property
    def link(self):
        return getattr(self.join, "link", None)

    @property
    def where(self) -> tuple[object, str, int] | None:
        """(store, class code, group id) once the page has joined its class."""
        link = self.link
        return None if link is None else (link.store, link.group.session_code, link.group.id)

    def _joined(self) -> None:
        if self.where is not None:
            try:
                self.load()
            except Exception:  # the store can't be reached: the page keeps what it has
                pass

    def start(self) -> None:
        """Call at the end of a subclass's __init__: a page that joined from its address loads at once."""
        self._joined()

    def load(self) -> None:
        """Bring back what the group saved (a subclass's job)."""

    def _save(self, write, done: str, wrong: w.Widget | None = None) -> bool:
        """Run `write(store, code, group_id)`; a kind message either way, and nothing on the page lost.

        `wrong` is the text box a refusal is about (it is marked aria-invalid and pointed at the message)."""
        where = self.where
        if where is None:
            say(self.message, _(NOT_JOINED))
            return False
        try:
            write(*where)
        except ValueError as problem:  # StoreError and VoiceError are ValueErrors written for pupils
            say(self.message, str(problem), wrong=wrong if isinstance(problem, VoiceError) else None)  # what was written
            return False
        except Exception:
            say(self.message, _(NOT_SAVED))
            return False
        say(self.message, done, news=True)
        return True


class OurQuestion(GroupPart):
    """Choose one of the lab's questions, or write your own; it heads the page once chosen."""

    def __init__(self, questions, join=None, findings=None, **kwargs):
        self.questions = list(questions)
        self.findings = findings  # a question of the group's own gets its own box in "What we found"
        self.choice = w.RadioButtons(options=[(lab_word(q), q) for q in self.questions] + [(_(OWN), OWN)],
                                     value=self.questions[0] if self.questions else OWN,
                                     description=_("We want to find out"), style={"description_width": "initial"},
                                     layout=w.Layout(width="auto"))
        self.own = w.Text(description=_("In our own words"), placeholder=_("What do you want to find out?"),
                          style={"description_width": "initial"}, layout=w.Layout(width="100%", max_width="820px"),
                          continuous_update=False)  # sent whole before the button's click (see join_class.py)
        self.own.observe(lambda c: c["new"].strip() and setattr(self.choice, "value", OWN), names="value")
        self.use = w.Button(description=_("This is our question"), button_style="primary", layout=w.Layout(width="auto"))
        self.use.on_click(lambda _: self.choose())
        self.question = ""
        #: The top of the page: "Our question: ..." once the group has chosen.
        self.banner = w.HTML()
        self.banner.add_class("classlab-our-question")
        super().__init__([self.choice, self.own, self.use], join=join, **kwargs)
        self.add_class("classlab-question-choice")
        self.start()

    def chosen_text(self) -> str:
        return self.own.value if self.choice.value == OWN else self.choice.value

    def choose(self) -> bool:
        """Make the chosen (or written) question the group's; saved at once when the group has joined."""
        try:
            text, from_lab = own_question(self.chosen_text(), self.questions)
        except VoiceError as problem:
            own = self.choice.value == OWN
            say(self.message, str(problem) if own else _("Please choose a question."), wrong=self.own if own else None)
            return False
        self._show(text)
        if self.where is None:
            # Translators: {not_joined} is "Join your class (at the top of the page) so this is saved."
            say(self.message, _("That's your question. {not_joined}").format(not_joined=_(NOT_JOINED)))
            return True
        return self._save(lambda store, code, group: store.set_question(code, group, text, from_lab),
                          _("Saved: that's your group's question."))

    def _show(self, text: str) -> None:
        self.question = text
        if self.findings is not None:
            self.findings.own = "" if text in self.questions else text
        # Not a live region: the message ("That's your question.") is this part's one region, and is heard.
        ours = _("Our question:")
        self.banner.value = (f'<div style="{BANNER_STYLE}"><b>{ours}</b> {text_html(lab_word(text))}</div>'
                             if text else "")

    def load(self) -> None:
        store, code, group = self.where
        saved = store.question(code, group)
        if saved is None:
            if self.question:  # chosen before joining: now it can be saved
                self.choose()
            return
        if saved in self.questions:
            self.choice.value = saved
        else:
            self.own.value = saved[:MAX_QUESTION]
            self.choice.value = OWN
        self._show(saved)
