"""ClassLab's reusable widgets: thin ipywidgets views over the engine's models in `classlab`.

A lab notebook imports these, hands them a model and lays them out; the rules live in the engine.
"""
from . import _kernel_guard  # noqa: F401 - keeps tracebacks out of pupils' pages
from ._common import lab_style
from .book_button import BookButton
from .chart_builder import ChartBuilder
from .choose_categories import ChooseCategories
from .class_board import ClassBoard, SurveyBoard
from .data_io import DataInOut
from .data_start import DataStart
from .findings_box import FindingsBox
from .join_class import JoinClass
from .lab_page import LabPage
from .our_question import OurQuestion
from .page_language import PageLanguage
from .peer_feedback import PeerFeedback
from .percentage_explorer import PercentageExplorer
from .prediction_sampler import PredictionSampler
from .read_aloud import ReadAloud
from .reflection import Reflection
from .self_check import SelfCheck
from .tally_entry import TallyEntry
from .tally_row import TallyRow

__all__ = ["lab_style", "BookButton", "ChartBuilder", "ChooseCategories", "ClassBoard", "SurveyBoard", "DataInOut",
           "DataStart", "FindingsBox", "JoinClass", "LabPage", "OurQuestion", "PageLanguage", "PeerFeedback",
           "PercentageExplorer", "PredictionSampler", "ReadAloud", "Reflection", "SelfCheck", "TallyEntry", "TallyRow"]
