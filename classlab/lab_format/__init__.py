"""The lab format: one short, commented YAML file beside each lab notebook (`labs/NAME.lab.yaml`).

An ICT coordinator who knows no Python makes a lab by copying an example and editing this file, so
every mistake comes back as `file:line: what is wrong. How to fix it.` Each rule lives once:
`schema` (what a description may say), `lines` (where in the file), `messages` (the wording),
`reading` (read and check a file) and `scaffolding` (what `classlab new` writes). Pure Python: the
lab page (widgets/lab_page.py) builds the widgets from what is read here.
"""
from .messages import LabError, Problem, shown_path
from .reading import LAB_SUFFIX, Lab, dataset_problems, discover, lab_name, parse, picture_problems, read
from .scaffolding import NAME_RULE, TEMPLATE, name_problem, notebook_json, template_text
from .schema import (CHOSEN, DEFAULT_LOAD, MAX_CHOSEN, PALETTE, PICTURE_RULE, WIDGETS, Ages, CategorySpec,
                     ChartSettings, Counting, DataSettings, FindingsSettings, JoinSettings, LabDescription,
                     OurQuestionSettings, PeerFeedbackSettings, PercentagesSettings, ReflectionSettings, SamplerSettings,
                     SelfCheckSettings, StartSettings, TallySettings, WidgetSettings, WidgetUse,
                     chosen_categories)

__all__ = ["CHOSEN", "DEFAULT_LOAD", "LAB_SUFFIX", "MAX_CHOSEN", "NAME_RULE", "PALETTE", "PICTURE_RULE", "TEMPLATE",
           "WIDGETS", "Ages", "CategorySpec", "ChartSettings", "Counting", "DataSettings", "FindingsSettings",
           "JoinSettings", "Lab", "LabDescription", "LabError", "OurQuestionSettings", "PeerFeedbackSettings", "PercentagesSettings",
           "ReflectionSettings", "SelfCheckSettings", "Problem", "SamplerSettings",
           "StartSettings", "TallySettings", "WidgetSettings", "WidgetUse", "chosen_categories", "dataset_problems",
           "discover", "lab_name", "name_problem", "notebook_json", "parse", "picture_problems", "read",
           "shown_path", "template_text"]
