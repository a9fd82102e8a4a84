"""What we found: a text box per question of the lab, in the group's own words, shared with the class."""
from __future__ import annotations

import ipywidgets as w

from classlab import Findings
from classlab.findings import OUR_QUESTION, STATUS_WORDS
from classlab.language import _, lab_word

from ._accessible import message_area, say
from ._common import esc


class FindingsBox(w.VBox):
    """A view over `Findings`. Pupils' text goes into Textareas and Labels, and is escaped in HTML.

    With a `join` (a JoinClass), each answer can be shared with the class as a finding, and a group
    can continue from another group's finding; the link shows on the class board both ways.
    """

    def __init__(self, findings: Findings, join=None, **kwargs):
        self.findings, self.join = findings, join
        self.boxes, self.shares, self.continuing, self.notes = {}, {}, {}, {}
        self.earlier, self.put_back = {}, {}  # our answer from before "Continue from", kept to put back
        # The group's own question first, when it has one (shown once OurQuestion says so), then the lab's.
        own = self._question(OUR_QUESTION, w.Label(), _("Our question"), _("Share our answer with the class"),
                             _("Put our earlier answer back"))
        self.own_part = w.VBox(own, layout=w.Layout(display="none"))
        parts = [self.own_part]
        for n, question in enumerate(findings.questions, start=1):
            parts += self._question(question, w.Label(f"{n}. {lab_word(question)}"), _("Question {n}").format(n=n),
                                    _("Share answer {n} with the class").format(n=n),
                                    _("Put our earlier answer {n} back").format(n=n))
        self.message = message_area()
        self.others = w.VBox()
        self.look = w.Button(description=_("See what the class has found"), layout=w.Layout(width="auto"))
        self.look.on_click(lambda _: self.show_others())
        if join is not None:
            heading = _("The class's findings")
            parts += [self.message, w.HTML(f"<h3>{heading}</h3>"), self.look, self.others]
        super().__init__(parts, **kwargs)
        self.add_class("classlab-findings")
        findings.observe(self._restored, names="answers")
        findings.observe(self._own_question, names="own")
        self._own_question()

    def _question(self, question: str, label: w.Label, name: str, share_words: str, back_words: str) -> list:
        """One question's part: its words, a note, the box for the answer and (in a class) share and put back."""
        label.add_class("classlab-question")
        box = w.Textarea(value=self.findings.answer(question), placeholder=_("What did you find? What is your evidence?"),
                         rows=4, layout=w.Layout(width="100%", max_width="820px"), description=name,
                         continuous_update=False)
        box.observe(lambda c, q=question: self._wrote(q, c["new"]), names="value")
        self.boxes[question] = box
        note = self.notes[question] = w.HTML()
        if self.join is None:
            return [label, note, box]
        share = self.shares[question] = w.Button(description=share_words, layout=w.Layout(width="auto"))
        share.on_click(lambda _, q=question: self.share(q))
        back = self.put_back[question] = w.Button(description=back_words, layout=w.Layout(width="auto", display="none"))
        back.on_click(lambda _, q=question: self.put_earlier_back(q))
        return [label, note, box, share, back]

    def _own_question(self, _change=None) -> None:
        """Show the box for the group's own question while it has one, headed by its words."""
        own = self.findings.own.strip()
        self.own_part.children[0].value = _("Our question: {question}").format(question=own) if own else ""
        self.own_part.layout.display = None if own else "none"

    def _restored(self, change) -> None:
        """Show answers brought back from the class store (after a refresh or on another device)."""
        for question, box in self.boxes.items():
            text = change["new"].get(question, "")
            if box.value != text:
                box.value = text

    def _wrote(self, question: str, text: str) -> None:
        kept = self.findings.write(question, text)
        if kept != text:
            self.boxes[question].value = kept

    def _link(self):
        link = getattr(self.join, "link", None)
        if link is None:
            say(self.message, _("Join your class first (at the top of the page), then you can share."))
        return link

    def share(self, question: str) -> None:
        """Post the group's answer as a finding on the class board."""
        link = self._link()
        if link is None:
            return
        text = self.boxes[question].value.strip()
        if not text:
            say(self.message, _("Write your finding in the box first, then share it."), wrong=self.boxes[question])
            return
        try:
            finding = link.store.post_finding(link.group.id, self.findings.asked(question), text,
                                              continued_from=self.continuing.get(question))
        except ValueError as problem:
            say(self.message, str(problem), wrong=self.boxes[question])
            return
        except Exception:
            say(self.message, _("Sorry, that didn't reach the class board. Please try again in a moment."))
            return
        self.continuing.pop(question, None)
        self.earlier.pop(question, None)
        self._show_put_back(question)
        self.notes[question].value = ""
        say(self.message, _("Shared! Your finding (number {number}) is on the class board.").format(number=finding.id),
            news=True)

    def show_others(self) -> None:
        """List other groups' findings, each with a button to continue from it."""
        link = self._link()
        if link is None:
            return
        try:
            findings = link.store.findings(link.group.session_code)
        except Exception:
            say(self.message, _("Sorry, we couldn't fetch the class's findings just now."))
            return
        later = {}
        for f in findings:
            if f.continued_from:
                later.setdefault(f.continued_from, []).append(f.group_name)
        rows = []
        for f in findings:
            sorted_as = STATUS_WORDS.get(f.status, "")
            # Translators: {status} is how the class sorted the finding (We need to check).
            status = "" if f.status == "new" else " · " + _("the class says: {status}").format(
                status=_(sorted_as) if sorted_as else "")
            # Translators: {groups} is one or more groups' names, separated by commas.
            also = " · " + _("continued by {groups}").format(groups=", ".join(later[f.id])) if f.id in later else ""
            who = _("Your group") if f.group_id == link.group.id else f.group_name
            words = w.HTML(f"<p><b>{esc(who)}</b>: “{esc(f.text)}”<small>{esc(status + also)}</small></p>")
            parts = [words]
            if f.group_id != link.group.id:
                go = w.Button(description=_("Continue from finding {number}").format(number=f.id),
                              layout=w.Layout(width="auto"))
                go.on_click(lambda _, f=f: self.continue_from(f))
                parts.append(go)
            rows.append(w.VBox(parts))
        nothing = _("No group has shared a finding yet.")
        self.others.children = rows or [w.HTML(f"<p>{nothing}</p>")]
        say(self.message, "")

    def continue_from(self, finding) -> None:
        """Take another group's finding into our page, to build on it; sharing ours links the two.

        The box starts empty for the new finding (our old answer would read as if it continued theirs);
        the old answer is not lost: it can be put back with one button.
        """
        question = finding.question if finding.question in self.boxes else self.findings.questions[0]
        self.continuing[question] = finding.id
        earlier = self.boxes[question].value
        if earlier.strip():
            self.earlier[question] = earlier
        self.boxes[question].value = ""
        # Translators: {group} is the other group's name; {text} their finding, as they wrote it.
        continuing = _("Continuing from <b>{group}</b>: “{text}”").format(group=esc(finding.group_name),
                                                                          text=esc(finding.text))
        self.notes[question].value = f'<p class="classlab-hint">{continuing}</p>'
        self._show_put_back(question)
        say(self.message, _("Now write what you found next, and share it."))

    def _show_put_back(self, question: str) -> None:
        button = self.put_back.get(question)
        if button is not None:
            button.layout.display = None if question in self.earlier else "none"

    def put_earlier_back(self, question: str) -> None:
        """Our answer from before "Continue from" back in the box (we are no longer continuing)."""
        if question not in self.earlier:
            return
        self.boxes[question].value = self.earlier.pop(question)
        self.continuing.pop(question, None)
        self.notes[question].value = ""
        self._show_put_back(question)
        say(self.message, _("Your earlier answer is back in the box."), news=True)
