"""The readiness check lists what is missing before publishing, each linked to where it is fixed."""

from django.urls import reverse

from reports.annual.assembly import build_report
from reports.annual.readiness import BLOCKING, MET, WARNING, check_readiness


def _messages(readiness, level=None):
    return [item.message for item in readiness.items if level is None or item.level == level]


def test_an_empty_year_lists_every_required_narrative_with_a_link(board, year):
    readiness = check_readiness(build_report(board=board, year=year))
    narrative = [item for item in readiness.items if item.group == "Narrative"]
    assert len(narrative) == 8
    assert all(item.level == BLOCKING and "/narrative/" in item.fix_url for item in narrative)
    assert not readiness.is_ready


def test_the_demo_year_has_its_narrative_and_flags_the_parallel_sections(seeded_board, year):
    readiness = check_readiness(build_report(board=seeded_board, year=year))
    assert not [item for item in readiness.items if item.group == "Narrative"]
    missing = _messages(readiness, BLOCKING)
    assert any("Training and development" in message for message in missing)
    assert any("Financial report" in message for message in missing)
    assert any("Partner updates" in message for message in missing)
    assert "Training and its impact: no training records are available yet." in missing


def test_priorities_with_little_or_no_evidence_are_flagged(seeded_board, year):
    readiness = check_readiness(build_report(board=seeded_board, year=year))
    flagged = [m for m in _messages(readiness, WARNING) if m.startswith("Priority ")]
    # Engagement events are tagged to priority 4 and indicators to priority 6; 1, 2, 3 and 5 have none.
    assert [m.split()[1] for m in flagged] == ["1", "2", "3", "5"]


def test_working_together_expectations_that_the_demo_meets(seeded_board, year):
    readiness = check_readiness(build_report(board=seeded_board, year=year))
    met = _messages(readiness, MET)
    assert any(m.startswith("Evidence of impact: 13 indicators") for m in met)
    assert any(m.startswith("Learning from reviews") for m in met)
    assert any(m.startswith("How children's views were used: 5 event(s)") for m in met)


def test_the_readiness_page_links_to_the_fixes(as_user, business_support, board):
    content = as_user(business_support).get(reverse("annual:readiness", args=[2016])).content.decode()
    assert "Readiness check: 2016/17 report" in content
    assert reverse("annual:narrative-edit", args=[2016, "foreword"]) in content


def test_evidence_from_another_app_counts_towards_a_priority(seeded_board, year, monkeypatch):
    from django.db.models import Value

    from reports.annual import reporting

    priority_one = seeded_board.priorities.filter(number=1)
    source = ("training courses", lambda *, board, year: priority_one.annotate(n=Value(3)).values_list("pk", "n"))
    monkeypatch.setattr(reporting, "EVIDENCE_SOURCES", [source])
    readiness = check_readiness(build_report(board=seeded_board, year=year))
    flagged = [m.split()[1] for m in _messages(readiness, WARNING) if m.startswith("Priority ")]
    assert flagged == ["2", "3", "5"]
