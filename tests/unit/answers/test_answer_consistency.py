"""Answers that contradict each other are flagged before submission, on the field to change."""

from forcegen.answers.consistency import contradictions

ROW = {"capability": "logistics", "personnel": 1500, "sustained": True}


def test_a_no_with_contributions_in_ukraine_is_a_contradiction_named_on_the_rows() -> None:
    (problem,) = contradictions({"troops": {"decision": "no", "contributions": [ROW]}})

    assert problem.path == "troops.contributions"
    assert "you answered “No”" in problem.message
    assert "list 1 contribution in Ukraine" in problem.message
    assert "“Support from outside Ukraine”" in problem.message


def test_a_no_with_support_from_outside_only_is_consistent() -> None:
    assert contradictions({"troops": {"decision": "no", "from_outside": [ROW]}}) == []


def test_a_yes_with_contributions_is_consistent() -> None:
    assert contradictions({"troops": {"decision": "yes", "contributions": [ROW]}}) == []
