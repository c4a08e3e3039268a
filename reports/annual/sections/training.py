"""Training and development (seed section 7), in the seed's order: the introduction and face-to-face
courses (text, then places booked, attended, cancelled and did not attend), Table One, Table Two and
the commissioned courses, course cancellations by reason, schools, e-learning (licences, completions by
module and their chart), uptake by agency, other training and the training sub-group. Figures come
from ``training.reporting.training_report`` (one call, shared with the finance section through the
bundle); a figure the records do not hold prints "not recorded", and a table with nothing recorded is
left out. The reconciliation checks (``reports.annual.reconciliation``) read the same figures."""

from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.urls import reverse

from reports.annual.models import NarrativeSection
from reports.annual.sections.base import INCOMPLETE, MISSING, READY, Narrative, Section
from training import reporting as training_reporting

KEY = "training"
TITLE = "Training and development"
N = NarrativeSection.Kind
TEXTS = {
    "introduction": N.TRAINING,
    "cancellations": N.TRAINING_CANCELLATIONS,
    "schools": N.TRAINING_SCHOOLS,
    "elearning": N.TRAINING_ELEARNING,
    "sub_group": N.TRAINING_SUB_GROUP,
}


@dataclass
class PlacesColumn:
    label: str
    counts: object  # training.reporting.PlaceCounts


@dataclass
class TrainingData:
    report: object = None  # training.reporting.TrainingReport
    chart_svg: str = ""
    chart_text: str = ""
    texts: dict[str, Narrative] = field(default_factory=dict)

    @property
    def summary(self):
        return self.report.summary if self.report else None

    @property
    def tables(self) -> list:
        return list(self.report.tables.values()) if self.report else []

    @property
    def places_columns(self) -> list[PlacesColumn]:
        """The places table's columns that hold at least one figure (recorded or stated, this year and last)."""
        summary, year = self.summary, self.report.summary.year
        columns = [
            PlacesColumn(f"{year.label} recorded", summary.recorded),
            PlacesColumn(f"{year.label} stated", summary.stated),
            PlacesColumn(f"{year.previous.label} recorded", summary.previous_recorded),
            PlacesColumn(f"{year.previous.label} stated", summary.previous_stated),
        ]
        return [column for column in columns if column.counts is not None and column.counts.is_recorded]

    @property
    def impact_rows(self) -> list:
        """Courses with an impact summary, entered evaluation scores, or evaluations and impact
        questionnaires recorded (a bare "impact report: yes" is in the tables)."""
        return [row for table in self.tables for row in table.rows if row.is_evaluated]

    @property
    def elearning_rows(self) -> list[tuple[str, object]]:
        """(label, value) for the e-learning licences table, leaving out what is not recorded."""
        e = self.report.elearning
        rows = [
            ("Licences purchased", e.licences_purchased),
            ("Licences allocated (stated)", e.stated_allocated),
            ("Licences allocated (by module)", e.allocated),
            ("Completed (stated)", e.stated_completed),
            ("Completed (by module)", e.completed),
            ("Completion rate (stated)", None if e.stated_completion_rate is None else f"{e.stated_completion_rate}%"),
            ("Completion rate (by module)", None if e.completion_rate is None else f"{e.completion_rate}%"),
            ("Cost per licence", None if e.cost_per_licence is None else f"£{e.cost_per_licence}"),
            (
                f"Cost per licence, {e.year.previous.label}",
                None if e.previous_cost_per_licence is None else f"£{e.previous_cost_per_licence}",
            ),
        ]
        return [(label, value) for label, value in rows if value is not None]


def elearning_chart_text(elearning) -> str:
    if not elearning.modules:
        return ""
    modules = "; ".join(f"{module.title}: {module.completed}" for module in elearning.modules)
    return f"E-learning completions by module in {elearning.year.label}: {modules}."


def provide(*, board, year, bundle):
    report = bundle.training_report
    summary_url = reverse("training:summary") + "?" + urlencode({"year": year.label})
    has_courses = any(table.rows for table in report.tables.values())
    has_places = report.summary.recorded.is_recorded or report.summary.stated is not None
    data = TrainingData(report=report, texts={name: bundle.narrative(kind) for name, kind in TEXTS.items()})
    if report.elearning.modules:
        data.chart_svg = training_reporting.completions_chart_svg(report.elearning)
        data.chart_text = elearning_chart_text(report.elearning)
    if not (has_courses or has_places or report.elearning.is_recorded):
        status, reason = MISSING, f"No training courses, bookings or e-learning are recorded for {year.label}."
    elif not has_courses:
        status, reason = INCOMPLETE, f"No courses are planned in the training tables for {year.label}."
    else:
        status, reason = READY, ""
    return Section(
        key=KEY,
        title=TITLE,
        template="annual/sections/training.html",
        status=status,
        reason=reason,
        fix_url=summary_url,
        fix_label="Record the training",
        data=data,
    )
