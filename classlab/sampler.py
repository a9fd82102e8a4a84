"""Predict, then test: how many tubes must I buy to get a fair share of my favourite colour?

Buying tubes is simulated by drawing, with replacement, from the tubes counted so far: the pupils'
own data stands in for the shop. Every trial is drawn at once with numpy, so 10,000 trials take
milliseconds, and a seed makes a run repeatable for the whole class.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from traitlets import Enum, HasTraits, Int, Unicode, validate

from .categories import plural
from .counts import CountError, NotACount, read_whole
from .language import _, lab_word, ngettext
from .settings import MAX_SAMPLES_TRIED, TRIALS

#: The answer is the fewest tubes that meet the goal this often.
CONFIDENT = 0.9
#: "Fair" when the colour is at least this fraction of an equal share (8 colours: 11.25 % of sweets).
FAIR_MARGIN = 0.9
MAX_PREDICTION = 100


class SamplerError(ValueError):
    """Why the sampler cannot run yet, written for a pupil."""


class Prediction(HasTraits):
    """What the pupil thinks before testing: the goal, and how many samples they expect to need."""

    category = Unicode("", help="The favourite category (the lab says which to start with).")
    goal = Enum(["fair_share", "at_least"], "fair_share", help="A fair share of it, or at least `amount` of it.")
    amount = Int(10, help="How many of the category the pupil wants, for the 'at least' goal.")
    samples = Int(None, allow_none=True, help="The pupil's prediction: how many samples to take. None until made.")

    @validate("amount")
    def _sane_amount(self, proposal):
        v = proposal["value"]
        if not 1 <= v <= 1000:
            raise CountError(_("Choose how many you want: a whole number from 1 to 1000."))
        return v

    @validate("samples")
    def _sane_samples(self, proposal):
        v = proposal["value"]
        if v is not None and not 1 <= v <= MAX_PREDICTION:
            raise CountError(_("Predict a number from 1 to {most}.").format(most=MAX_PREDICTION))
        return v

    def predict(self, text, samples: str = "samples") -> int:
        """Record a prediction from what the pupil typed; nothing changes if it doesn't make sense.

        `samples` names the lab's samples in the messages (tubes, sets of throws, days).
        """
        s = str(text).strip()
        if not s:
            # Translators: {samples} is the lab's word for what is taken (tubes, sets of throws, days).
            raise CountError(_("Write your prediction first: how many {samples} do you think you need?")
                             .format(samples=samples))
        try:
            number = read_whole(s)
        except NotACount:
            raise CountError(_("Please write your prediction as a whole number of {samples}, like 6.")
                             .format(samples=samples)) from None
        if not 1 <= number <= MAX_PREDICTION:
            raise CountError(_("Predict a number of {samples} from 1 to {most}.").format(samples=samples,
                                                                                        most=MAX_PREDICTION))
        self.samples = number
        return self.samples

    def want(self, text) -> int:
        """Set how many of the colour the goal asks for, from what the pupil typed."""
        try:
            amount = read_whole(text)
        except NotACount:
            raise CountError(_("Please type how many you want as a whole number, like 20.")) from None
        self.amount = amount  # checked: 1 to 1000
        return self.amount


def goal_text(prediction: Prediction, n_categories: int, sample_label: str = "sample", things: str = "things") -> str:
    """The goal in words a pupil can check against."""
    c = lab_word(prediction.category)  # the name pupils read (oren); the prediction keeps the key
    if prediction.goal == "at_least":
        # Translators: a goal, said after "Your goal:"; {amount} is a number, {category} the lab's (orange).
        return _("at least {amount} {category} ones").format(amount=prediction.amount, category=c)
    fair = 100 / n_categories
    need = fair * FAIR_MARGIN
    # Translators: said after "Your goal:"; {n} is how many categories, {things} the lab's word (sweets),
    # {fair} and {need} percentages (12.5, 11.2), {category} the lab's (orange).
    return _("a fair share of {category}: about 1 in every {n} {things} ({fair} %), so at least {need} % {category} "
             "(near enough)").format(category=c, n=n_categories, things=things, fair=f"{fair:.1f}", need=f"{need:.1f}")


@dataclass
class SamplerResult:
    """What happened when many pretend shoppers bought 1, 2, 3, ... tubes."""

    samples: np.ndarray  # 1..max_samples
    chance: np.ndarray  # fraction of trials meeting the goal, per number of tubes
    low: np.ndarray | None  # 10th percentile of the colour's share (%) or count (None: not worked out)
    middle: np.ndarray | None
    high: np.ndarray | None  # 90th percentile
    measure: str  # "share" or "count"
    trials: int
    seed: int
    source_samples: int

    @property
    def answer(self) -> int | None:
        """The fewest tubes that meet the goal at least 9 times out of 10 (None: not within range)."""
        hits = np.nonzero(self.chance >= CONFIDENT)[0]
        return int(self.samples[hits[0]]) if hits.size else None

    def chance_for(self, n_samples: int) -> float | None:
        if 1 <= n_samples <= len(self.samples):
            return float(self.chance[n_samples - 1])
        return None


def simulate(
    matrix: np.ndarray,
    category_index: int,
    prediction: Prediction,
    max_samples: int = MAX_SAMPLES_TRIED,
    trials: int = TRIALS,
    seed: int = 2004,
    sample_label: str = "sample",
    spread: bool = True,
) -> SamplerResult:
    """Take 1..max_samples samples `trials` times, drawing from the counted samples, and score the goal.

    `spread=False` (an addition) leaves out the 10th/50th/90th percentiles, about 18 ms of a 10,000-trial run:
    the board and the "how many samples" answers only need the chance of meeting the goal.
    """
    matrix = np.asarray(matrix, dtype=np.int64)
    counted = matrix[matrix.sum(axis=1) > 0]
    if counted.shape[0] == 0:
        # Translators: {sample} is the lab's word (tube, set of throws).
        raise SamplerError(_("Count at least one {sample} first, then we can test your prediction.")
                           .format(sample=lab_word(sample_label)))
    if not 1 <= max_samples <= 200 or not 1 <= trials <= 200_000:
        raise SamplerError(_("That is too many to simulate."))
    rng = np.random.default_rng(seed)
    picks = rng.integers(0, counted.shape[0], size=(trials, max_samples))
    colour = np.cumsum(counted[:, category_index][picks], axis=1)
    total = np.cumsum(counted.sum(axis=1)[picks], axis=1)
    if prediction.goal == "at_least":
        met = colour >= prediction.amount
        measure, values = "count", colour
    else:
        share = colour / total
        met = share >= FAIR_MARGIN / matrix.shape[1]
        measure, values = "share", 100 * share
    low, middle, high = np.percentile(values, [10, 50, 90], axis=0) if spread else (None, None, None)
    return SamplerResult(
        samples=np.arange(1, max_samples + 1),
        chance=met.mean(axis=0),
        low=low,
        middle=middle,
        high=high,
        measure=measure,
        trials=trials,
        seed=seed,
        source_samples=int(counted.shape[0]),
    )


def running_share(matrix: np.ndarray, category_index: int) -> np.ndarray:
    """The colour's share (%) of all sweets as counted tubes are added one by one."""
    matrix = np.asarray(matrix, dtype=np.int64)
    matrix = matrix[matrix.sum(axis=1) > 0]
    colour = np.cumsum(matrix[:, category_index])
    total = np.cumsum(matrix.sum(axis=1))
    return 100 * colour / np.maximum(total, 1)


def answers_by_data(
    matrix: np.ndarray,
    category_index: int,
    prediction: Prediction,
    sizes=(3, 10, None),
    **kwargs,
) -> list[tuple[int, int | None]]:
    """The answer worked out from the first 3 tubes, the first 10, and all of them.

    "The more data, the better the prediction": pupils see the answers settle as data grows.
    """
    matrix = np.asarray(matrix, dtype=np.int64)
    counted = matrix[matrix.sum(axis=1) > 0]
    out, seen = [], set()
    for size in sizes:
        n = counted.shape[0] if size is None else min(size, counted.shape[0])
        if n == 0 or n in seen:
            continue
        seen.add(n)
        out.append((n, simulate(counted[:n], category_index, prediction, spread=False, **kwargs).answer))
    return out


def verdict(result: SamplerResult, prediction: Prediction, sample_label: str = "sample", category_label: str = "category") -> str:
    """The pupil's prediction beside what happened, in one or two sentences."""
    p = prediction.samples
    s = lambda n: f"{n} {plural(sample_label, n)}"  # noqa: E731
    answer = result.answer
    parts = []
    chance = result.chance_for(p) if p is not None else None
    if chance is not None:
        times = round(chance * 100)
        # Translators: {prediction} is the pupil's number with the lab's word (6 tubes); {times} is 0 to 100.
        # English says "times" for every number; the forms are there for languages whose word changes.
        parts.append(ngettext("You predicted {prediction}. With {prediction}, it worked {times} times out of 100.",
                              "You predicted {prediction}. With {prediction}, it worked {times} times out of 100.",
                              times).format(prediction=s(p), times=times))
    elif p is not None:
        parts.append(_("You predicted {prediction}: that's more than we tried, so we can't check it here.")
                     .format(prediction=s(p)))
    if answer is None:
        # Translators: {most} is the most tried, with the lab's word (30 tubes); {category} is the lab's (colour).
        parts.append(_("Even with {most} it did not work 9 times out of 10. Maybe this {category} is rarer than "
                       "the others?").format(most=s(int(result.samples[-1])), category=lab_word(category_label)))
    else:
        # Translators: {answer} is a number with the lab's word (7 tubes).
        parts.append(_("To make it work 9 times out of 10 you need {answer}.").format(answer=s(answer)))
        if p is not None and p == answer:
            parts.append(_("Spot on!"))
        elif p is not None and abs(p - answer) <= max(1, answer // 5):
            parts.append(_("Very close!"))
    return " ".join(parts)


def test_prediction(matrix: np.ndarray, category_index: int, prediction: Prediction, **kwargs) -> SamplerResult:
    """Run the sampler for a prediction: predicting comes first, so no prediction, no run."""
    if prediction.samples is None:
        noun = plural(kwargs.get("sample_label", "sample"))
        raise SamplerError(_("Write your prediction first: how many {samples} do you think you need?")
                           .format(samples=noun))
    return simulate(matrix, category_index, prediction, **kwargs)


test_prediction.__test__ = False  # not a pytest test, despite its name
