"""The phrases of options that depend on the other options, shared by lint
and render."""

from __future__ import annotations

import pytest

from questionbank.phrases import is_all_of_the_above, is_none_of_the_above, letter_reference, position_dependent


@pytest.mark.parametrize("text", [
    "All of the above", "All these choices are correct", "Both of these", "**All of the above.**",
    "None of the above", "Neither", "None of these choices is correct", "No correct answer",
    "Both A and C", "A and B only", "All except D", "Option B", "both a and c.",
])
def test_position_dependent(text: str) -> None:
    assert position_dependent(text)


@pytest.mark.parametrize("text", [
    "All of the Regions", "All of these ports must be open", "None", "Both Regions replicate",
    "A Type A record", "Plan B", "Amazon S3 and Amazon EBS", "Class B address",
])
def test_content_is_not_position_dependent(text: str) -> None:
    assert not position_dependent(text)


def test_kinds() -> None:
    assert is_all_of_the_above("All of these") and not is_none_of_the_above("All of these")
    assert is_none_of_the_above("Neither of these") and not is_all_of_the_above("Neither of these")
    assert letter_reference("The answer is both A and B") == "both A and B"
