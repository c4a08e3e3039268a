"""Training and development (seed section 7): courses run and cancelled, attendance by agency,
e-learning, evaluation, with tables and charts.

TO WIRE (after the training app is merged): ``summary = training.reporting.training_summary(year)``
(one call), put it in ``TrainingData.summary``, add reconciliation differences to
``TrainingData.differences`` (they show in the readiness check), set ``status=READY`` and render
the tables in ``templates/annual/sections/training.html``.
"""

from dataclasses import dataclass, field

from reports.annual.sections.base import not_yet_available

KEY = "training"
TITLE = "Training and development"
REASON = "Training courses, sessions and attendance are not recorded in the portal yet."


@dataclass
class TrainingData:
    summary: object = None
    differences: list[str] = field(default_factory=list)


def provide(*, board, year, bundle):
    return not_yet_available(key=KEY, title=TITLE, reason=REASON)
