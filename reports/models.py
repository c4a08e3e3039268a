"""Models of the reports app. Partner self-reports live in reports/selfreports/models.py."""

from reports.selfreports.models import (
    Answer,
    AnswerChange,
    AssessmentAction,
    AssessmentActionNote,
    CaseStudy,
    ChallengeEvent,
    Evidence,
    FormSection,
    FormTemplate,
    Question,
    ReminderLog,
    ReviewComment,
    Round,
    SectionEntry,
    SelfReport,
    Transition,
)

__all__ = [
    "Answer",
    "AnswerChange",
    "AssessmentAction",
    "AssessmentActionNote",
    "CaseStudy",
    "ChallengeEvent",
    "Evidence",
    "FormSection",
    "FormTemplate",
    "Question",
    "ReminderLog",
    "ReviewComment",
    "Round",
    "SectionEntry",
    "SelfReport",
    "Transition",
]
