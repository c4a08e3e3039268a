"""Section numbers come from the report's configuration: the seed's own (no section 5, unnumbered parts
of section 6), or 1, 2, 3 ... in order when none are set."""

from reports.annual.assembly import build_report, number_sections
from reports.annual.models import SECTION_CHOICES, ReportConfiguration
from reports.annual.sections import PROVIDERS
from reports.annual.sections.base import Section


def _sections():
    return [
        Section("foreword", "Foreword", "t", numbered=False),
        Section("summary", "Summary", "t"),
        Section("performance", "Performance", "t"),
        Section("lado", "LADO", "t", level=2),
        Section("cdop", "CDOP", "t", level=2),
        Section("training", "Training", "t"),
    ]


def test_without_numbers_the_sections_are_numbered_in_order():
    top = number_sections(_sections(), {})
    assert [(s.key, s.number) for s in top] == [
        ("foreword", ""),
        ("summary", "1"),
        ("performance", "2"),
        ("training", "3"),
    ]
    assert [(s.key, s.number) for s in top[2].children] == [("lado", "2.1"), ("cdop", "2.2")]


def test_configured_numbers_are_used_as_given_with_gaps_and_unnumbered_parts():
    numbers = {"summary": "1", "performance": "6", "lado": "", "cdop": "6.2", "training": "7"}
    top = number_sections(_sections(), numbers)
    assert [(s.key, s.number) for s in top] == [
        ("foreword", ""),
        ("summary", "1"),
        ("performance", "6"),
        ("training", "7"),
    ]
    assert [(s.key, s.number, s.heading) for s in top[2].children] == [
        ("lado", "", "LADO"),
        ("cdop", "6.2", "6.2 CDOP"),
    ]


def test_the_demo_report_is_numbered_as_the_seed(seeded_board, year):
    numbers = {s.key: s.number for s in build_report(board=seeded_board, year=year).all_sections}
    assert [numbers[key] for key in ("executive_summary", "context", "governance", "strategic_objectives")] == [
        "1",
        "2",
        "3",
        "4",
    ]
    assert "5" not in numbers.values()
    assert (numbers["performance"], numbers["lado"], numbers["training"], numbers["membership"]) == ("6", "", "7", "12")


def test_a_board_without_settings_is_numbered_automatically(seeded_board, year):
    ReportConfiguration.objects.filter(board=seeded_board).delete()
    numbers = {s.key: s.number for s in build_report(board=seeded_board, year=year).all_sections}
    assert (numbers["performance"], numbers["lado"], numbers["training"]) == ("5", "5.1", "6")


def test_the_section_choices_are_the_providers_sections():
    assert [key for key, _ in SECTION_CHOICES] == [provider.KEY for provider in PROVIDERS]
