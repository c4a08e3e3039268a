"""Every kind of question a form can ask is shown as the right field and stored as text."""

from datetime import date
from decimal import Decimal

from reports.selfreports.forms import SectionForm, value_to_text
from reports.selfreports.models import Question
from reports.selfreports.selectors import QuestionSpec

K = Question.Kind
SPECS = [
    QuestionSpec("story", "Long", "", K.LONG_TEXT, True),
    QuestionSpec("name", "Short", "", K.SHORT_TEXT, True),
    QuestionSpec("count", "Number", "", K.NUMBER, False),
    QuestionSpec("agreed", "Yes or no", "", K.YES_NO, False),
    QuestionSpec("on", "Date", "", K.DATE, False),
    QuestionSpec("level", "Choice", "", K.CHOICE, False, ("Low", "High")),
]


def test_each_kind_is_stored_as_text():
    form = SectionForm(
        {
            "version": 0,
            "story": "Words",
            "name": "Ann",
            "count": "12.50",
            "agreed": "yes",
            "on": "31/03/2017",
            "level": "High",
        },
        specs=SPECS,
    )
    assert form.is_valid(), form.errors
    assert form.answer_values() == {
        "story": "Words",
        "name": "Ann",
        "count": "12.5",
        "agreed": "yes",
        "on": "2017-03-31",
        "level": "High",
    }


def test_a_draft_may_leave_required_questions_blank_but_not_give_bad_values():
    form = SectionForm({"version": 0, "count": "lots", "on": "31/02/2017", "level": "Medium"}, specs=SPECS)
    assert not form.is_valid()
    assert set(form.errors) == {"count", "on", "level"}
    assert "story" not in form.errors


def test_numbers_keep_their_meaning():
    assert value_to_text(Decimal("41")) == "41"
    assert value_to_text(Decimal("41.00")) == "41"
    assert value_to_text(Decimal("2.5")) == "2.5"
    assert value_to_text(date(2017, 3, 31)) == "2017-03-31"
    assert value_to_text(None) == ""
    assert value_to_text(Decimal("100")) == "100"
