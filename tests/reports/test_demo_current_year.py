"""The demo's current year: a form with the self-assessment standards and an open round, no answers;
the seed's 2016/17 returns are exactly as the seed has them."""

from partners import demo as partner_demo
from reports import demo
from reports.selfreports.models import Answer, Question, Round, SelfReport
from wscb.periods import ReportingYear


def _returns_2016():
    return sorted(
        Answer.objects.filter(entry__report__round__start_year=2016).values_list(
            "entry__report__partner__short_name", "key", "value"
        )
    )


def test_the_current_year_has_rating_questions_and_an_open_round_without_answers(db, monkeypatch):
    board = partner_demo.load(password="demo password for tests")["board"]
    monkeypatch.setattr(demo.ReportingYear, "current", classmethod(lambda cls: ReportingYear(2017)))
    demo.load_for_board(board=board)  # a "current" year the seed's next form already covers: nothing added
    seed_only = _returns_2016()
    assert not Round.objects.filter(start_year__gt=2016).exists()
    monkeypatch.undo()

    demo.load_for_board(board=board)
    current = ReportingYear.current()
    round_ = Round.objects.get(board=board, start_year=current.start_year)
    assert round_.reports.count() == 11
    ratings = Question.objects.filter(section__template=round_.template, kind=Question.Kind.RATING)
    assert ratings.count() == 7 and all(len(q.levels) == 3 and q.justification_required for q in ratings)
    assert round_.template.is_frozen
    assert not Answer.objects.filter(entry__report__round=round_).exists()
    assert set(round_.reports.values_list("status", flat=True)) == {SelfReport.Status.NOT_STARTED}
    assert _returns_2016() == seed_only
    assert set(SelfReport.objects.filter(round__start_year=2016).values_list("status", flat=True)) == {"accepted"}
