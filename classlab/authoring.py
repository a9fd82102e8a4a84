"""The old home of the lab format, kept so `from classlab.authoring import ...` still works.

Everything now lives in `classlab.lab_format` (schema, lines, messages, reading, scaffolding);
the class board and a teacher guide still import from here. New code imports `classlab.lab_format`.
"""
from .lab_format import *  # noqa: F401,F403
from .lab_format import __all__  # noqa: F401
