"""Findings: what a group found, one answer per question, kept as typed."""
import pytest

from classlab import Findings
from classlab.findings import MAX_FINDING

Q1 = "Does every tube contain the same number of each colour?"
Q2 = "How many tubes would I have to buy to get a fair share of my favourite colour?"


@pytest.fixture
def findings():
    return Findings(questions=[Q1, Q2])


def test_a_finding_written_can_be_read_back(findings):
    assert findings.write(Q1, "No: tube 3 had 9 orange and tube 4 had 2.") == "No: tube 3 had 9 orange and tube 4 had 2."
    assert findings.answer(Q1) == "No: tube 3 had 9 orange and tube 4 had 2."


def test_an_unanswered_question_reads_as_empty(findings):
    assert findings.answer(Q2) == ""


def test_writing_again_replaces_the_finding(findings):
    findings.write(Q1, "first idea")
    findings.write(Q1, "better idea")
    assert findings.answer(Q1) == "better idea"


def test_each_question_keeps_its_own_finding(findings):
    findings.write(Q1, "one")
    findings.write(Q2, "two")
    assert findings.answers == {Q1: "one", Q2: "two"}


def test_an_unknown_question_is_refused_and_nothing_changes(findings):
    findings.write(Q1, "kept")
    with pytest.raises(KeyError):
        findings.write("Is it the colour turquoise?", "yes")
    assert findings.answers == {Q1: "kept"}


def test_a_very_long_finding_is_trimmed(findings):
    assert len(findings.write(Q1, "x" * (MAX_FINDING + 500))) == MAX_FINDING
    assert len(findings.answer(Q1)) == MAX_FINDING


def test_html_is_kept_verbatim_for_the_view_to_escape(findings):
    text = '<img src=x onerror="alert(1)"> & <b>bold</b>'
    findings.write(Q1, text)
    assert findings.answer(Q1) == text


def test_views_are_told_when_a_finding_changes(findings):
    seen = []
    findings.observe(lambda change: seen.append(change["new"]), "answers")
    findings.write(Q2, "About 4 tubes.")
    assert seen == [{Q2: "About 4 tubes."}]
