"""Two stars and a wish: a group looks at another group's chart and says two things that work and one to try;
it can also answer another group's finding (we agree / we don't agree / not sure, and why).

Feedback goes to the teacher's board first. A group sees feedback about its own work once the teacher
has let groups see it, and never feedback the teacher has hidden: an unkind word is caught before it
reaches the group it is about (`classlab.store.voice`).
"""
from __future__ import annotations

import ipywidgets as w

from classlab import ChartSpec
from classlab.language import N_, _
from classlab.sync import GROUP_WORK, restore
from classlab.voice import MAX_STAR, STANCES, VoiceError, answer, stance_words, stars_and_wish

from ._accessible import message_area, say
from ._common import esc
from .our_question import GroupPart, text_html

NO_GROUPS = N_("No other group has joined yet. Try again in a minute.")
SENT = N_("Sent! Your teacher will read it first, then the group can see it.")


def feedback_html(items, mine: bool = True) -> str:
    """Feedback as a list for a pupil's page (everything pupils wrote escaped)."""
    rows = []
    for f in items:
        who = esc(f.to_group if not mine else f.from_group)
        if f.kind == "stars":
            # Translators: {wish} is the wish a group wrote, as typed.
            wish = _("🪄 Wish: {wish}").format(wish=text_html(f.wish))
            body = f"⭐ {text_html(f.stars[0])}<br>⭐ {text_html(f.stars[1])}<br>{wish}"
        else:
            body = f"{esc(stance_words(f.stance))}: {text_html(f.reason)}"
        state = ""
        if not mine:
            state = " <small>" + (_("(your teacher kept this one back)") if f.hidden else
                                  _("(the group can see it)") if f.released else _("(with your teacher)")) + "</small>"
        # Translators: {group} is another group's own name.
        said = _("From {group}") if mine else _("To {group}")
        rows.append(f'<li><b>{said.format(group=who)}</b>{state}<br>{body}</li>')
    return f'<ul class="classlab-feedback-list">{"".join(rows)}</ul>'


class StarsAndWish:
    """The three boxes of two stars and a wish, and reading them: a group's on a pupil page, the class's on the board."""

    def __init__(self):
        wide, full = {"description_width": "initial"}, w.Layout(width="100%", max_width="820px")
        sent_whole = {"continuous_update": False}  # each box reaches Python whole before Send's click (see join_class.py)
        self.star_1 = w.Text(description=_("Star 1: something that works"), placeholder=_("e.g. The title says what it shows"),
                             style=wide, layout=full, **sent_whole)
        self.star_2 = w.Text(description=_("Star 2: something else that works"),
                             placeholder=_("e.g. The bars are easy to compare"), style=wide, layout=full, **sent_whole)
        self.wish = w.Text(description=_("A wish: one thing to try"), placeholder=_("e.g. Start the axis at 0"),
                           style=wide, layout=full, **sent_whole)

    def written(self, message) -> tuple[str, str, str] | None:
        """(star 1, star 2, wish) checked by the voice rules; None, said kindly beside the box to fix, if not yet."""
        try:
            return stars_and_wish([self.star_1.value, self.star_2.value], self.wish.value)
        except VoiceError as problem:  # the first box that is empty or too long is the one the message is about
            wrong = next((b for b in (self.star_1, self.star_2, self.wish)
                          if not b.value.strip() or len(b.value.strip()) > MAX_STAR), None)
            say(message, str(problem), wrong=wrong)
            return None

    def clear(self) -> None:
        self.star_1.value = self.star_2.value = self.wish.value = ""


class ClassStars(StarsAndWish, w.VBox):
    """Two stars and a wish from the whole class for the group in the board's spotlight. The class agrees them
    together and the teacher writes them, so the group sees them at once (nothing waits for release)."""

    def __init__(self, store, code, **kwargs):
        StarsAndWish.__init__(self)
        self.store, self._code, self.group = store, code, None  # code: () -> the board's class code
        self.heading = w.HTML()
        self.send = w.Button(description=_("Send the class's stars and wish"), button_style="primary",
                             layout=w.Layout(width="auto"))
        self.send.on_click(lambda _: self.give())
        self.message = message_area()
        # The message sits under the heading, in sight of the boxes, not under the fold of the projector's screen.
        w.VBox.__init__(self, [self.heading, self.message, self.star_1, self.star_2, self.wish, self.send], **kwargs)
        self.add_class("classlab-class-stars")

    def aim_at(self, group: str | None) -> None:
        """The spotlight moved to `group` (None: closed): fresh boxes for it."""
        if group != self.group:
            self.clear()
            say(self.message, "")
        self.group = group
        # Translators: {group} is the group's own name, shown big in the board's spotlight.
        self.heading.value = ("<h3>" + _("Two stars and a wish from the class for {group}").format(group=esc(group))
                              + "</h3>") if group else ""

    def give(self) -> bool:
        written = self.written(self.message)
        if written is None or self.group is None:
            return False
        code = self._code()
        try:
            found = self.store.find_group(code, self.group)
            if found is not None:
                self.store.give_class_feedback(code, found.id, written[:2], written[2])
        except ValueError as problem:  # the store's kind refusals (StoreError): said as they are
            say(self.message, str(problem))
            return False
        except Exception:  # the store can't be reached: the boxes keep what was typed
            found = None
        if found is None:  # or the group has gone (its class was deleted meanwhile)
            say(self.message, _("Sorry, that didn't reach the group just now. Please try again in a moment."))
            return False
        self.clear()
        # Translators: {group} is the group's own name (say() makes the message safe text).
        say(self.message, _("Sent to {group}: they can read it now.").format(group=self.group), news=True)
        return True


class PeerFeedback(StarsAndWish, GroupPart):
    """Choose another group, see its chart, leave two stars and a wish; answer a finding; read feedback for us."""

    def __init__(self, book, join=None, chart_factory=None, **kwargs):
        self.book = book
        #: Makes the view of another group's chart: (book, spec) -> widget. The lab page gives a ChartBuilder's figure.
        self.chart_factory = chart_factory
        wide = {"description_width": "initial"}
        full = w.Layout(width="100%", max_width="820px")
        self.find = w.Button(description=_("Find the other groups"), layout=w.Layout(width="auto"))
        self.find.on_click(lambda _: self.find_groups())
        self.other = w.Dropdown(description=_("Another group"), options=[], style=wide)
        self._finding = False
        self.other.observe(lambda c: c["new"] is not None and not self._finding and self.show_chart(), names="value")
        self.their_chart = w.VBox()
        self.their_chart.add_class("classlab-their-chart")
        StarsAndWish.__init__(self)
        self.send = w.Button(description=_("Send our stars and wish"), button_style="primary", layout=w.Layout(width="auto"))
        self.send.on_click(lambda _: self.give())
        self.finding = w.Dropdown(description=_("Their finding"), options=[], style=wide, layout=full)
        # Native radio buttons: a named group a screen reader announces, and nothing picked until the group chooses.
        self.stance = w.RadioButtons(options=[(stance_words(key), key) for key in STANCES], value=None,
                                     description=_("Our answer"), style=wide)
        self.reason = w.Text(description=_("Because"), placeholder=_("Why do you say so?"), style=wide, layout=full,
                             continuous_update=False)  # sent whole before its button's click (see join_class.py)
        self.send_answer = w.Button(description=_("Send our answer"), layout=w.Layout(width="auto"))
        self.send_answer.on_click(lambda _: self.answer())
        self.look = w.Button(description=_("See feedback for us"), layout=w.Layout(width="auto"))
        self.look.on_click(lambda _: self.show_feedback())
        self.for_us = w.HTML()
        self.for_us.add_class("classlab-feedback-for-us")
        self.given = w.HTML()
        self.given.add_class("classlab-feedback-given")
        answer_one = _("Answer one of their findings")
        for_us, first = _("Feedback for us"), _("Your teacher reads feedback first, then lets groups see it.")
        self.finding_part = w.VBox([w.HTML(f"<h3>{answer_one}</h3>"), self.finding, self.stance, self.reason,
                                    self.send_answer], layout=w.Layout(display="none"))
        GroupPart.__init__(self, [
            w.HBox([self.find, self.other], layout=w.Layout(flex_flow="row wrap")), self.their_chart,
            self.star_1, self.star_2, self.wish, self.send, self.finding_part,
            w.HTML(f"<h3>{for_us}</h3><p>{first}</p>"),
            self.look, self.for_us, self.given,
        ], join=join, **kwargs)
        self.add_class("classlab-peer-feedback")
        self.start()

    # --- another group's work ---------------------------------------------------------------------
    def load(self) -> None:
        self.find_groups()
        self.show_feedback()

    def find_groups(self) -> bool:
        """The other groups in our class (never our own), to choose from."""
        where = self.where
        if where is None:
            say(self.message, _("Join your class (at the top of the page) first, then you can look at other groups' work."))
            return False
        store, code, me = where
        try:
            groups = [g for g in store.groups(code) if g.id != me]
        except Exception:
            say(self.message, _("Sorry, we couldn't reach the class just now. Please try again in a moment."))
            return False
        keep = self.other.value
        self._finding = True  # the chart is shown once, below, whatever the list does meanwhile
        try:
            self.other.options = [(g.name, g.id) for g in groups]
            if keep in {g.id for g in groups}:
                self.other.value = keep
        finally:
            self._finding = False
        if self.other.value is None:
            self.their_chart.children = []
            self.finding_part.layout.display = "none"
        else:
            self.show_chart()
        say(self.message, "" if groups else _(NO_GROUPS))
        return bool(groups)

    def show_chart(self) -> None:
        """The chosen group's chart as the group made it (its counts and its chart choices), and its findings."""
        store, code, _me = self.where
        group = self.other.value
        try:
            book = store.tally_book(group, self.book.categories, category_label=self.book.category_label,
                                    sample_label=self.book.sample_label, thing_label=self.book.thing_label)
            spec = ChartSpec()
            restore(spec, store.state(group).get("chart", {}), GROUP_WORK["chart"])
            findings = [f for f in store.findings(code) if f.group_id == group]
        except Exception:
            say(self.message, _("Sorry, we couldn't fetch that group's work just now. Please try again in a moment."))
            return
        name = dict((v, k) for k, v in self.other.options).get(group, "")
        # Translators: {name} is the other group's own name (in bold on the page).
        whose = _("The chart {name} made:").format(name=f"<b>{text_html(name)}</b>")  # no "Reds's chart"
        parts = [w.HTML(f"<p>{whose}</p>")]
        if self.chart_factory is not None:
            parts.append(self.chart_factory(book, spec))
        self.their_chart.children = parts
        self.finding.options = [(f"{f.text[:80]}{'…' if len(f.text) > 80 else ''}", f.id) for f in findings]
        self.finding.value = findings[-1].id if findings else None
        self.finding_part.layout.display = None if findings else "none"
        say(self.message, "")

    # --- giving --------------------------------------------------------------------------------
    def give(self) -> bool:
        """Send two stars and a wish to the chosen group (the boxes empty once it is sent)."""
        if self.other.value is None:
            say(self.message, _("Choose another group first (press Find the other groups)."))
            return False
        stars = self.written(self.message)
        if stars is None:
            return False
        to = self.other.value
        if not self._save(lambda store, code, group: store.give_feedback(code, group, to, stars[:2], stars[2]), _(SENT)):
            return False
        self.clear()
        self._show_given()
        return True

    def answer(self) -> bool:
        if self.finding.value is None:
            say(self.message, _("Choose one of their findings first."))
            return False
        try:
            stance, reason = answer(self.stance.value, self.reason.value)
        except VoiceError as problem:
            say(self.message, str(problem), wrong=self.reason if self.stance.value in STANCES else None)
            return False
        finding = self.finding.value
        if not self._save(lambda store, code, group: store.answer_finding(code, group, finding, stance, reason), _(SENT)):
            return False
        self.reason.value, self.stance.value = "", None
        self._show_given()
        return True

    # --- feedback for us ---------------------------------------------------------------------------
    def show_feedback(self) -> None:
        """Feedback for our work that the teacher has let us see."""
        where = self.where
        if where is None:
            say(self.message, _("Join your class (at the top of the page) first."))
            return
        store, code, group = where
        try:
            mine = store.feedback_for(code, group)
        except Exception:
            say(self.message, _("Sorry, we couldn't fetch your feedback just now. Please try again in a moment."))
            return
        none_yet = _("No feedback for you yet. Your teacher lets groups see it when it's ready.")
        self.for_us.value = feedback_html(mine) if mine else f"<p>{none_yet}</p>"
        self._show_given()

    def _show_given(self) -> None:
        store, code, group = self.where
        try:
            given = store.feedback_given(code, group)
        except Exception:
            return
        gave = _("Feedback we gave")
        self.given.value = f"<h4>{gave}</h4>{feedback_html(given, mine=False)}" if given else ""
