"""ClassLab's engine: pure Python models that the widgets view and the tests drive directly.

Nothing here imports ipywidgets or bqplot: a test, a teacher's script or a class store can use
every rule without a browser or a kernel.
"""
from .categories import SMARTIES, Categories, Category
from .charts import ChartData, ChartSpec, Critique, chart_data, critique, whole_number_ticks
from .findings import Findings
from .percentages import adds_up, explain, largest_remainder_units, share_table, spreadsheet_units
from .sampler import Prediction, SamplerError, SamplerResult, answers_by_data, running_share, simulate, verdict
from .tally import CountError, TallyBook, TallyChange, parse_count, tally_gates

__all__ = [
    "SMARTIES", "Categories", "Category", "ChartData", "ChartSpec", "Critique", "chart_data", "critique",
    "whole_number_ticks", "Findings", "adds_up", "explain", "largest_remainder_units", "share_table",
    "spreadsheet_units", "Prediction", "SamplerError", "SamplerResult", "answers_by_data", "running_share",
    "simulate", "verdict", "CountError", "TallyBook", "TallyChange", "parse_count", "tally_gates",
]
