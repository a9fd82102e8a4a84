"""What a lab description may say: its shape as pydantic models, with the rules for each kind of value.

Unknown keys are errors, never silently ignored. Text values share one rule (`_yaml_text`), written once
and attached by reusable `Annotated` types (`Text`, `OptionalText`, `TextItems`), so each field names
only what it is called in a message and how long it may be. The widgets a description may name come
from `WIDGETS`, the one registry of widget names (the lab page builds each from the same name).
"""
import re
from typing import Annotated, ClassVar, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, field_validator, model_validator

from ..categories import HEX_COLOUR, Categories, Category, plural
from ..language import N_, _

#: Pictures the pupils' server will hand out (Voila's default file allow-list).
PICTURE_RULE = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_.-]*\.(svg|png|jpg|gif)$")
_AGES = re.compile(r"^\s*(\d{1,2})\s*(?:-|–|to)\s*(\d{1,2})\s*$")
_TIME = re.compile(r"^(about )?\d{1,3}( ?(-|–|to) ?\d{1,3})? (minutes|hours?|lessons?)( of \d{1,3} minutes)?$")
_PNG_NAME = re.compile(r"^[A-Za-z0-9_-]{1,60}\.png$")
_FILE_STEM = re.compile(r"^[A-Za-z0-9_-]{1,60}$")

#: `categories: chosen by the class`: the page asks for the answers (a class survey) instead of the file.
CHOSEN = "chosen by the class"
#: The most answers a class can choose (a pie or a bar chart stays readable).
MAX_CHOSEN = 8
#: Colours for categories when a lab does not give them (distinct, readable on white).
PALETTE = ["#d62728", "#ff8c00", "#f2c200", "#2ca02c", "#1f6fd1", "#f27eb9", "#8a4fc7", "#7b4a2a",
           "#17becf", "#7f7f7f", "#bcbd22", "#393b79"]
#: The Load button's words when a description gives none: it always says the data is for practice.
DEFAULT_LOAD = N_("Load practice data")


# --- the rule for text, and the types that carry it ----------------------------------------------
def _yaml_text(value, what: str, most: int, one_line: bool = True):
    """Plain text from YAML: numbers are fine (a dice face "1"), yes/no read as true/false are not.

    `what` names the value in a message, written in English with N_() and said here with `_()`."""
    if value is None:
        raise ValueError(_("{what} is empty. Write it after the colon.").format(what=_(what)))
    if isinstance(value, bool):
        # Translators: {typed} is yes or no, as YAML reads them: keep them in English.
        raise ValueError(_("{what} was read as true/false (YAML reads yes, no, on and off that way). "
                           "Put it in quotes, like \"{typed}\".").format(what=_(what), typed="yes" if value else "no"))
    if isinstance(value, (int, float)):
        value = str(value)
    if not isinstance(value, str):
        raise ValueError(_("{what} should be a piece of text. Write it on the same line, after the colon.").format(what=_(what)))
    value = value.strip()
    if not value:
        raise ValueError(_("{what} is empty. Write it after the colon.").format(what=_(what)))
    if one_line and "\n" in value:
        raise ValueError(_("{what} should be one line. Join the lines into one.").format(what=_(what)))
    if len(value) > most:
        raise ValueError(_("{what} is {n} characters long. Shorten it to {most} or fewer.").format(
            what=_(what), n=len(value), most=most))
    return value


def _checked(what: str, most: int, one_line: bool) -> BeforeValidator:
    return BeforeValidator(lambda v: _yaml_text(v, what, most, one_line))


def Text(what: str, most: int, one_line: bool = True):  # noqa: N802 (a type, named like one)
    """Text a description must give: `what` is how a message names it, `most` its longest."""
    return Annotated[str, _checked(what, most, one_line)]


def OptionalText(what: str, most: int, one_line: bool = True):  # noqa: N802
    """Text a description may leave out; written but empty (`heading:`) is still a mistake."""
    return Annotated[str | None, _checked(what, most, one_line)]


def TextItems(each: str, most: int, not_a_list: str):  # noqa: N802
    """A YAML list of short texts: checked as a list first (`not_a_list` says so when it isn't), then each item as
    text (`each` names one in a message). Both written with N_(), said with `_()`."""
    def a_list(v):
        if isinstance(v, str):
            raise ValueError(_(not_a_list))
        return v
    return Annotated[list[str], BeforeValidator(a_list), AfterValidator(lambda v: [_yaml_text(x, each, most) for x in v])]


def _lower(v: str) -> str:
    return v.lower()


def _matching(rule: re.Pattern, mistake: str):
    """A file name that must match `rule`; `mistake` (N_()) says what to write instead ({value} is the value written)."""
    def check(v):
        if v is not None and not rule.match(v):
            raise ValueError(_(mistake).format(value=repr(v)))
        return v
    return AfterValidator(check)


CountingWord = lambda what: Annotated[Text(what, 30), AfterValidator(_lower)]  # noqa: E731
WidgetWords = lambda what: Text(what, 60)  # noqa: E731


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class CategorySpec(_Strict):
    """One thing to count, as the description gives it."""

    name: Text(N_("The category's name"), 30)
    colour: str | None = None

    @field_validator("colour", mode="before")
    @classmethod
    def _colour(cls, v):
        if v is None:
            raise ValueError(_("The colour is empty: in YAML a # starts a note, so the colour was read as one. "
                               "Put the colour in quotes, like colour: \"#ff8800\"."))
        if not isinstance(v, str) or not HEX_COLOUR.match(v.strip()):
            raise ValueError(_("{value} is not a colour ClassLab can use. Write # and six hex digits in quotes, "
                               "like colour: \"#ff8800\".").format(value=repr(v)))
        return v.strip().lower()


class Counting(_Strict):
    """What is counted: the samples, what sorts their things, the categories and a sensible limit.

    `categories: chosen by the class` leaves the categories to the page: a class survey's answers.
    """

    sample: CountingWord(N_("The sample name"))
    category: CountingWord(N_("The category name"))
    thing: CountingWord(N_("The thing name"))
    limit: int = Field(1000, ge=1, le=100_000)
    chosen: bool = False
    categories: list[CategorySpec] = Field(default_factory=list, max_length=20, validate_default=True)  # none given is a mistake too

    @model_validator(mode="before")
    @classmethod
    def _chosen(cls, v):
        if isinstance(v, dict) and isinstance(v.get("categories"), str):
            if " ".join(v["categories"].lower().split()) == CHOSEN:
                v = {**v, "categories": [], "chosen": True}
        return v

    @field_validator("categories")
    @classmethod
    def _enough(cls, v, info):
        if not info.data.get("chosen") and len(v) < 2:
            # Translators: {chosen} is written in a description as it is ("chosen by the class"): keep it in English.
            raise ValueError(_("A lab needs at least 2 categories. Give each as '- name: ...' on its own line, "
                               "or write 'categories: {chosen}' for a class survey.").format(chosen=CHOSEN))
        return v

    def to_categories(self) -> Categories | None:
        """The lab's categories; None when the class chooses them on the page."""
        if self.chosen:
            return None
        return Categories([Category(c.name, c.colour or PALETTE[i % len(PALETTE)]) for i, c in enumerate(self.categories)])


def chosen_categories(names) -> Categories:
    """The answers a class typed for a survey, as categories; a ValueError says kindly what to change."""
    names = [" ".join(str(n).split()) for n in names]
    names = [n for n in names if n]
    if len(names) < 2:
        raise ValueError(_("Type at least two answers, one in each box."))
    if len(names) > MAX_CHOSEN:
        raise ValueError(_("Choose at most {n} answers, so the chart stays easy to read.").format(n=MAX_CHOSEN))
    long = next((n for n in names if len(n) > 30), None)
    if long:
        # Translators: {answer} is the start of what a pupil typed.
        raise ValueError(_("“{answer}…” is long for an answer: keep each to 30 letters or fewer.").format(answer=long[:30]))
    seen: set[str] = set()
    for n in names:
        if n.casefold() in seen:
            raise ValueError(_("“{answer}” is there twice: each answer once, please.").format(answer=n))
        seen.add(n.casefold())
    return Categories([Category(n, PALETTE[i]) for i, n in enumerate(names)])


# --- each widget's settings ----------------------------------------------------------------------
class WidgetSettings(_Strict):
    """Settings every widget has: the heading above it and a sentence or two telling pupils what to do."""

    heading: OptionalText(N_("The heading"), 60) = None
    intro: OptionalText(N_("The intro"), 400, one_line=False) = None

    #: What the page shows when a description gives no heading or intro, in the lab's own words
    #: ({samples}, {thing}, {categories}, ... are filled in from `counting`). In English, marked N_():
    #: the page says them with `_()` in its language; a lab's own heading and intro win, as written.
    default_heading: ClassVar[str] = ""
    default_intro: ClassVar[str] = ""
    #: A numbered step of the investigation (joining, starting and bringing data in are not).
    numbered: ClassVar[bool] = True


class JoinSettings(WidgetSettings):
    """Join your class: nothing to set."""

    default_heading = N_("Join your class")
    default_intro = N_("Type the class code from your teacher and a name for your group (a team name, not your "
                        "real names). Then everything you do is saved.")
    numbered = False


class StartSettings(WidgetSettings):
    """Start with empty samples, or load one of the lab's datasets.

    `load` is what the Load button says, so pupils know what they load: "Load practice data: a made-up dice".
    """

    default_heading = N_("Start")
    default_intro = N_("Count your own {samples}, or load some practice data to explore.")
    numbered = False

    dataset: str | None = None
    load: Annotated[str, BeforeValidator(lambda v: DEFAULT_LOAD if v is None else _yaml_text(v, N_("The Load button's words"), 60))] = DEFAULT_LOAD


class DataSettings(WidgetSettings):
    """Data in and out: import counts from a CSV or Excel file, download them as CSV or Excel."""

    default_heading = N_("Your data in and out")
    default_intro = N_("Bring in counts from a spreadsheet (CSV or Excel), or take your {samples} home as a file.")
    numbered = False

    filename: Annotated[str | None, _matching(_FILE_STEM, N_("{value} can't be the downloads' name. Use letters, digits, "
                                                  "- and _ only, with no .csv or .xlsx at the end, like our-tubes."))] = None


class TallySettings(WidgetSettings):
    """The tally: nothing to set beyond what `counting` says."""

    default_heading = N_("Count")
    default_intro = N_("Press **+** for each {thing} you find (or type the number). Use **New {sample}** when you "
                        "start the next {sample}.")


class ChartSettings(WidgetSettings):
    """The chart builder's starting choices (pupils change them)."""

    default_heading = N_("Make a chart that works")
    default_intro = N_("Choose what to show and how. Give it a title and labels. The checklist tells you what to "
                        "try next.")

    view: Literal["one", "side_by_side", "pooled", "chosen"] = "one"
    kind: Literal["bar", "pie", "dots"] = "bar"
    title: Annotated[str, BeforeValidator(lambda v: "" if v is None else _yaml_text(v, N_("The chart's title"), 120))] = ""
    x_label: OptionalText(N_("The axis label"), 60) = None
    y_label: OptionalText(N_("The axis label"), 60) = None
    fair_line: Literal["no", "offer", "show"] = "no"
    filename: Annotated[str | None, _matching(_PNG_NAME, N_("{value} can't be a picture's file name. Use letters, digits "
                                                 "and - only, ending in .png, like dice-chart.png."))] = None

    @field_validator("fair_line", mode="before")
    @classmethod
    def _fair(cls, v):
        return {True: "show", False: "no"}.get(v, v) if isinstance(v, bool) else v


class PercentagesSettings(WidgetSettings):
    """The percentage explorer: how many decimal places it starts with."""

    default_heading = N_("Percentages")
    default_intro = N_("From **frequency** to **fraction** to **percentage**. Do they always add up to 100?")

    places: Literal[0, 1, 2] = 0


class SamplerSettings(WidgetSettings):
    """Predict, then test: the favourite category, the goal, and the words for taking one more sample."""

    default_heading = N_("Predict, then test")
    default_intro = N_("First write your prediction. Then test it: the computer tries it 10,000 times, using the "
                        "{samples} you counted.")

    favourite: OptionalText(N_("The favourite"), 30) = None
    goal: Literal["fair_share", "at_least"] = "fair_share"
    amount: int = Field(10, ge=1, le=1000)
    taken: WidgetWords(N_("The taken words")) = N_("bought")
    again: WidgetWords(N_("The again words")) = N_("Try again with other shops")
    spread: WidgetWords(N_("The spread words")) = N_("The spread: most shoppers got this much")


class FindingsSettings(WidgetSettings):
    """What we found: one box per question of the lab."""

    default_heading = N_("What we found")
    default_intro = N_("Write what you found for each question, and your evidence.")


class OurQuestionSettings(WidgetSettings):
    """The group's own question: one of the lab's questions, or its own words. It heads the group's page."""

    default_heading = N_("What we want to find out")
    default_intro = N_("Choose one of the questions, or write your own. It goes at the top of your page and on the class board.")
    numbered = False


class SelfCheckSettings(WidgetSettings):
    """Check our chart: the group ticks what it thinks its chart does, says why, and compares with the checker."""

    default_heading = N_("Check our chart")
    default_intro = N_("Tick what you think your chart does, and say why in one sentence. Then compare with the "
                        "checker: where you differ, it asks you a question.")
    numbered = False


class PeerFeedbackSettings(WidgetSettings):
    """Two stars and a wish on another group's chart, and answers to other groups' findings."""

    default_heading = N_("Two stars and a wish")
    default_intro = N_("Look at another group's chart. Write two things that work well (two stars) and one thing to "
                        "try (a wish). Be kind and helpful: your teacher reads it first.")


class ReflectionSettings(WidgetSettings):
    """Looking back at the end of the lesson: found, surprised, next time, what helped."""

    default_heading = N_("Looking back")
    default_intro = N_("At the end of the lesson, talk together, then write your thoughts. There are no wrong answers.")


#: The one registry of widget names: every widget a lab can use, in the order a lab usually shows them,
#: with its settings. The lab page (widgets/lab_page.py) maps each of these names to what builds it.
WIDGETS: dict[str, type[WidgetSettings]] = {
    "join": JoinSettings,
    "our_question": OurQuestionSettings,
    "start": StartSettings,
    "data": DataSettings,
    "tally": TallySettings,
    "chart": ChartSettings,
    "self_check": SelfCheckSettings,
    "percentages": PercentagesSettings,
    "sampler": SamplerSettings,
    "findings": FindingsSettings,
    "peer_feedback": PeerFeedbackSettings,
    "reflection": ReflectionSettings,
}


class _WidgetUseBase(_Strict):
    """One item of `widgets:` (`- tally`, or `- chart:` with settings under it). Exactly one is set."""

    @model_validator(mode="before")
    @classmethod
    def _one_name(cls, v):
        if isinstance(v, str):
            return {v.strip(): {}}
        if isinstance(v, dict):
            if len(v) > 1 and all(k in WIDGETS for k in v):
                # Translators: {widgets} are widgets' names as a description writes them, joined: tally and chart.
                raise ValueError(_("{widgets} are on one item. Give each widget its own line starting "
                                   "with '- ', and indent a widget's settings under it.").format(
                                       widgets=_(" and ").join(map(str, v))))
            return {k: ({} if s is None else s) for k, s in v.items()}
        raise ValueError(_("This item isn't a widget. Write a widget's name, like '- tally', or '- chart:' with "
                           "its settings indented under it."))

    @model_validator(mode="after")
    def _one_set(self):
        if not any(getattr(self, n) is not None for n in WIDGETS):
            raise ValueError(_("This item names no widget. Write one of: {names}.").format(names=", ".join(WIDGETS)))
        return self

    @property
    def name(self) -> str:
        return next(n for n in WIDGETS if getattr(self, n) is not None)

    @property
    def settings(self) -> WidgetSettings:
        return getattr(self, self.name)


#: One optional field per registered widget, made from the registry (so a new widget is one line in WIDGETS).
WidgetUse = type("WidgetUse", (_WidgetUseBase,), {
    "__annotations__": {name: settings for name, settings in WIDGETS.items()},
    **{name: None for name in WIDGETS},
    "__module__": __name__,
    "__doc__": _WidgetUseBase.__doc__,
})


class Ages(_Strict):
    low: int
    high: int

    def __str__(self) -> str:
        return _("{low} to {high}").format(low=self.low, high=self.high)


def _ages(v):
    match = _AGES.match(str(v)) if isinstance(v, (str, int)) else None
    if not match:
        raise ValueError(_("{value} is not an age range. Write the youngest and oldest ages, like ages: 8 to 11.").format(
            value=repr(v)))
    low, high = int(match[1]), int(match[2])
    if not 4 <= low <= high <= 18:
        raise ValueError(_("Ages {low} to {high} can't be right. Give school ages from 4 to 18, youngest first.").format(
            low=low, high=high))
    return {"low": low, "high": high}


def _time(v):
    text = _yaml_text(v, N_("The time needed"), 40)
    if not _TIME.match(text):
        # Translators: the examples are written in a description as they are (in English): keep them.
        raise ValueError(_("{value} is not a time ClassLab understands. Write it like '60 minutes', "
                           "'1 hour' or '2 lessons'.").format(value=repr(text)))
    return text


class LabDescription(_Strict):
    """Everything a lab page needs, and what the gallery and a teacher read about the lab."""

    title: Text(N_("The title"), 80)
    description: Text(N_("The description"), 200)
    questions: TextItems(N_("A question"), 200, N_("The questions should be a list: put each question on its own line "
                                                     "starting with '- '.")) = Field(min_length=1, max_length=6)
    ages: Annotated[Ages, BeforeValidator(_ages)]
    curriculum: Text(N_("The curriculum link"), 300, one_line=False)
    time: Annotated[str, BeforeValidator(_time)]
    counting: Counting
    datasets: Annotated[TextItems(N_("A dataset's name"), 60, N_("The datasets should be a list: put each dataset's name "
                                                                  "on its own line starting with '- '.")), BeforeValidator(lambda v: [] if v is None else v)] = Field(
        default_factory=list, max_length=10)
    picture: Annotated[str | None, _matching(PICTURE_RULE, N_("{value} can't be a picture here. Give the file name of an "
                                                 ".svg, .png, .jpg or .gif in the labs folder, like dice.svg."))] = None
    widgets: list[WidgetUse] = Field(min_length=1)

    # --- what a lab page needs from it ---------------------------------------------------------------
    def widget_names(self) -> list[str]:
        return [w.name for w in self.widgets]

    def settings(self, name: str) -> WidgetSettings | None:
        for use in self.widgets:
            if use.name == name:
                return use.settings
        return None

    @property
    def things(self) -> str:
        return plural(self.counting.thing)
