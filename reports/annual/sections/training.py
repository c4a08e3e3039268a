"""Training and development (seed section 7): places booked, attended, cancelled and did not
attend; Table One, Table Two and the commissioned courses; cancellations by reason; e-learning
with its completions chart; uptake by agency; other training. All from
``training.reporting.training_report`` (one call) and ``completions_chart_svg``; the training
app's reconciliation lines become readiness differences."""

from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.urls import reverse

from reports.annual.sections.base import INCOMPLETE, MISSING, READY, Section
from training import reporting as training_reporting

KEY = "training"
TITLE = "Training and development"


@dataclass
class TrainingData:
    report: object = None  # training.reporting.TrainingReport
    chart_svg: str = ""
    chart_text: str = ""
    differences: list[str] = field(default_factory=list)
    differences_url: str = ""

    @property
    def summary(self):
        return self.report.summary if self.report else None

    @property
    def tables(self) -> list:
        return list(self.report.tables.values()) if self.report else []

    @property
    def impact_rows(self) -> list:
        return [row for table in self.tables for row in table.evaluated_rows]


def difference_text(line) -> str:
    """A training reconciliation line in words, for the readiness check."""
    return (
        f"Training: {line.label} is {line.stated}, but {line.explanation} gives {line.expected} "
        f"(difference {line.difference:+d})."
    )


def elearning_chart_text(elearning) -> str:
    if not elearning.modules:
        return ""
    modules = "; ".join(f"{module.title}: {module.completed}" for module in elearning.modules)
    return f"E-learning completions by module in {elearning.year.label}: {modules}."


def provide(*, board, year, bundle):
    report = training_reporting.training_report(board=board, year=year)
    summary_url = reverse("training:summary") + "?" + urlencode({"year": year.label})
    has_courses = any(table.rows for table in report.tables.values())
    has_places = bool(report.summary.recorded.booked) or report.summary.stated is not None
    has_elearning = bool(report.elearning.allocated) or report.elearning.licences_purchased is not None
    data = TrainingData(
        report=report,
        differences=[difference_text(line) for line in report.reconciliation],
        differences_url=summary_url,
    )
    if report.elearning.modules:
        data.chart_svg = training_reporting.completions_chart_svg(report.elearning)
        data.chart_text = elearning_chart_text(report.elearning)
    if not (has_courses or has_places or has_elearning):
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
