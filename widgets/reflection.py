"""Looking back: at the end a group says what it found, what surprised it, what it would investigate next and
what helped it learn today. The teacher sees the class's answers together on the board (`VoiceBoard`),
with every group's question and all the feedback groups gave each other, which the teacher releases or hides.
"""
from __future__ import annotations

import threading

import ipywidgets as w

from classlab.language import _, lab_word, ngettext
from classlab.voice import MAX_REFLECTION, REFLECTION_PROMPTS, prompt_words, stance_words

from ._accessible import LiveRegion, say
from ._common import esc
from .our_question import GroupPart, text_html


#: A group's question on its small card: two lines at most (the whole question shows on hover and in the list).
CARD_QUESTION_STYLE = ("margin: 0; overflow: hidden; display: -webkit-box; -webkit-line-clamp: 2; "
                       "-webkit-box-orient: vertical")


class Reflection(GroupPart):
    """Four questions to look back with; each answer is saved as soon as it is written."""

    def __init__(self, join=None, **kwargs):
        self.boxes = {
            key: w.Textarea(description=prompt_words(key), rows=2, continuous_update=False, style={"description_width": "initial"},
                            layout=w.Layout(width="100%", max_width="820px"))
            for key in REFLECTION_PROMPTS
        }
        self._loading = False
        for box in self.boxes.values():
            box.observe(lambda _: self._changed(), names="value")
        self.save = w.Button(description=_("Save our thoughts"), button_style="primary", layout=w.Layout(width="auto"))
        self.save.on_click(lambda _click: self.keep(_("Saved. Your teacher can read your thoughts on the class board.")))
        super().__init__(list(self.boxes.values()) + [self.save], join=join, **kwargs)
        self.add_class("classlab-reflection")
        self.start()

    def answers(self) -> dict[str, str]:
        return {key: box.value for key, box in self.boxes.items()}

    def _changed(self) -> None:
        if not self._loading and self.where is not None and any(v.strip() for v in self.answers().values()):
            self.keep("")

    def keep(self, done: str) -> bool:
        # A refusal is about the first answer that is too long, else (all empty) the first box.
        boxes = list(self.boxes.values())
        wrong = next((b for b in boxes if len(b.value.strip()) > MAX_REFLECTION), boxes[0])
        return self._save(lambda store, code, group: store.save_reflection(code, group, **self.answers()), done,
                          wrong=wrong)

    def load(self) -> None:
        store, code, group = self.where
        saved = store.reflection(code, group)
        if saved is None:
            if any(v.strip() for v in self.answers().values()):  # written before joining: now it can be saved
                self.keep("")
            return
        self._loading = True
        try:
            for key, box in self.boxes.items():
                box.value = getattr(saved, key)[:MAX_REFLECTION]
        finally:
            self._loading = False


class FeedbackCard(w.VBox):
    """One piece of feedback on the teacher's board, with Hide / Show again."""

    def __init__(self, feedback, board: "VoiceBoard"):
        self.feedback_id = feedback.id
        self.words = w.HTML()
        self.toggle = w.Button(layout=w.Layout(width="auto"))
        self.toggle.on_click(lambda _: board.hide(self.feedback_id, not self.hidden))
        self.hidden = False
        super().__init__([self.words, self.toggle])
        self.add_class("classlab-feedback-card")
        self.show(feedback)

    def show(self, f) -> None:
        self.hidden = f.hidden
        if f.kind == "stars":
            wish = _("🪄 Wish: {wish}").format(wish=text_html(f.wish))
            body = f"⭐ {text_html(f.stars[0])}<br>⭐ {text_html(f.stars[1])}<br>{wish}"
            about = _("their chart")
        else:
            body = f"{esc(stance_words(f.stance))}: {text_html(f.reason)}"
            # Translators: {n} is the finding's number.
            about = _("their finding {n}").format(n=f.finding_id)
        state = _("Hidden: the group can't see it.") if f.hidden else (
            _("The group can see it.") if f.released else _("Waiting for you: the group can't see it yet."))
        # Translators: {giver} and {receiver} are groups' own names (in bold), {about} "their chart" or "their finding 3".
        who = _("{giver} to {receiver}, about {about}").format(
            giver=f"<b>{text_html(f.from_group)}</b>", receiver=f"<b>{text_html(f.to_group)}</b>", about=about)
        number = _("(number {n})").format(n=f.id)
        self.words.value = (f'<div class="classlab-feedback{" classlab-hidden-feedback" if f.hidden else ""}">'
                            f"<p>{who} <small>{number}</small></p><p>{body}</p><p><i>{state}</i></p></div>")
        # Translators: {n} is the feedback's number, as the card shows it.
        self.toggle.description = (_("Show feedback {n} again") if f.hidden else _("Hide feedback {n}")).format(n=f.id)
        self.toggle.tooltip = _("Let the group see it again") if f.hidden else _("Hide it from the group (for unkind words)")


class VoiceBoard(w.VBox):
    """The board's part for pupils' voice: every group's question, all feedback (release or hide it), and reflections."""

    def __init__(self, store, cards: dict | None = None, **kwargs):
        """`cards`: the board's group cards by group name (ClassBoard.cards); each shows its group's question."""
        self.store, self.code, self.group_cards = store, None, cards if cards is not None else {}
        self._card_questions: dict[str, w.HTML] = {}
        self._lock = threading.RLock()
        self._seen: dict[str, object] = {}
        self.questions = w.HTML()
        self.questions.add_class("classlab-board-questions")
        self.release = w.Button(description=_("Let groups see their feedback"), button_style="primary",
                                layout=w.Layout(width="auto"), tooltip=_("Groups see all feedback that is not hidden"))
        self.release.on_click(lambda _: self.release_all())
        # ONE live region: how many wait for the teacher, and what just happened, are its two parts.
        self.region = LiveRegion()
        self.waiting = self.region.part()
        self.message = self.region.part("classlab-say")
        self.cards: dict[int, FeedbackCard] = {}
        self.feedback = w.VBox()
        self.feedback.add_class("classlab-board-feedback")
        self.reflections = w.HTML()
        self.reflections.add_class("classlab-board-reflections")
        h = lambda text: w.HTML(f"<h2>{text}</h2>")  # noqa: E731
        super().__init__([
            h(_("Our questions: what each group wants to find out")), self.questions,
            h(_("Stars and wishes: feedback between groups")),
            w.HTML("<p>" + _("You see every piece of feedback first. Hide an unkind one, then let groups see the rest.") + "</p>"),
            w.HBox([self.release], layout=w.Layout(flex_flow="row wrap")), self.region, self.feedback,
            h(_("Looking back: what the class says")), self.reflections,
        ], **kwargs)
        self.add_class("classlab-voice-board")

    def show_class(self, code: str | None) -> None:
        with self._lock:
            self.code, self._seen, self._card_questions = code, {}, {}
            self.cards = {}
            self.feedback.children = []
            self.refresh()

    def refresh(self) -> None:
        """Redraw whatever changed since the last look (the board calls this every few seconds)."""
        with self._lock:
            code = self.code
            if not code:
                self.questions.value = self.reflections.value = self.waiting.value = ""
                return
            try:
                questions, feedback, reflections = (self.store.questions(code), self.store.all_feedback(code),
                                                    self.store.reflections(code))
            except Exception:
                return
            self._redraw("questions", questions, self._show_questions)
            self._question_on_cards(questions)
            self._redraw("feedback", [(f.id, f.hidden, f.released) for f in feedback], lambda _: self._show_feedback(feedback))
            self._redraw("reflections", reflections, self._show_reflections)

    def _redraw(self, part: str, now, draw) -> None:
        if self._seen.get(part) != now:
            draw(now)
            self._seen[part] = now

    def _show_questions(self, questions) -> None:
        own = " <small>" + _("(their own question)") + "</small>"
        items = "".join(f"<li><b>{text_html(q.group_name)}</b>: {text_html(lab_word(q.text))}"
                        f"{'' if q.from_lab else own}</li>" for q in questions)
        self.questions.value = f"<ul>{items}</ul>" if items else "<p>" + _("No group has chosen its question yet.") + "</p>"

    def _question_on_cards(self, questions) -> None:
        """Each group's question on its card, under its name (cards appear as groups join and pages turn)."""
        asked = {q.group_name: q.text for q in questions}
        for name, card in list(self.group_cards.items()):
            if name not in asked:
                continue
            words = self._card_questions.get(name)
            if words is None:
                words = self._card_questions[name] = w.HTML()
                words.add_class("classlab-card-question")
            value = (f'<p class="classlab-hint" title="{esc(lab_word(asked[name]))}" style="{CARD_QUESTION_STYLE}">'
                     f"❓ {text_html(lab_word(asked[name]))}</p>")
            if words.value != value:
                words.value = value
            if words not in card.children:
                card.children = (card.children[0], words, *[c for c in card.children[1:] if c is not words])

    def _show_feedback(self, feedback) -> None:
        for f in feedback:
            card = self.cards.get(f.id)
            if card is None:
                self.cards[f.id] = FeedbackCard(f, self)
            else:
                card.show(f)
        shown = [self.cards[f.id] for f in reversed(feedback)]  # the newest first: the teacher reads it as it comes
        if list(self.feedback.children) != shown:
            self.feedback.children = shown
        waiting = sum(1 for f in feedback if not f.released and not f.hidden)
        # Translators: {n} is how many pieces of feedback the teacher has not released or hidden yet.
        said = ngettext("{n} waiting for you", "{n} waiting for you", waiting).format(n=waiting)
        self.waiting.value = (f'<p class="classlab-hint" role="status">{said}</p>' if feedback else
                              '<p class="classlab-hint">' + _("No feedback yet.") + "</p>")
        self.release.disabled = waiting == 0

    def _show_reflections(self, reflections) -> None:
        if not reflections:
            self.reflections.value = "<p>" + _("No group has looked back yet.") + "</p>"
            return
        parts = []
        nothing = "<p><i>" + _("Nothing yet.") + "</i></p>"
        for key in REFLECTION_PROMPTS:
            said = [(r.group_name, getattr(r, key)) for r in reflections if getattr(r, key).strip()]
            items = "".join(f"<li><b>{text_html(name)}</b>: {text_html(text)}</li>" for name, text in said)
            parts.append(f"<h3>{esc(prompt_words(key))}</h3>" + (f"<ul>{items}</ul>" if items else nothing))
        self.reflections.value = "".join(parts)

    def hide(self, feedback_id: int, hidden: bool) -> None:
        try:
            self.store.hide_feedback(self.code, feedback_id, hidden)
        except Exception:
            say(self.message, _("Sorry, that didn't work just now. Please try again."))
            return
        # Translators: {n} is the feedback's number.
        said = _("Feedback {n} is hidden from the group.") if hidden else _("Feedback {n} can be seen again.")
        say(self.message, said.format(n=feedback_id), news=True)
        self.refresh()

    def release_all(self) -> int:
        try:
            n = self.store.release_feedback(self.code)
        except Exception:
            say(self.message, _("Sorry, that didn't work just now. Please try again."))
            return 0
        say(self.message, ngettext("Groups can now see {n} more piece of feedback.",
                                   "Groups can now see {n} more pieces of feedback.", n).format(n=n), news=True)
        self.refresh()
        return n
