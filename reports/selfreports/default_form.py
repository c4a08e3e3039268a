"""The default update form: the one the seed's partners filled in for 2016/17 (section 10)."""

from reports.selfreports.models import FormSection, Question
from wscb.words import board_words

Kind = FormSection.Kind
Q = Question.Kind

CONTACT_KEYS = {
    "contact_name": "full_name",
    "contact_designation": "job_title",
    "contact_email": "email",
    "contact_telephone": "telephone",
}
PERIOD_START = "period_start"
PERIOD_END = "period_end"

CORE_GUIDANCE = "Core safeguarding board member responsibilities: what your organisation did in the year."

# (kind, heading, guidance, [(key, text, help_text, question kind, required)])
SECTIONS = [
    (
        Kind.CONTACT,
        "Contact details and period covered",
        "The person completing the update. The period covered must be the reporting year, 1 April to 31 March.",
        [
            ("contact_name", "Name", "", Q.SHORT_TEXT, True),
            ("contact_designation", "Designation", "Your job title and organisation.", Q.SHORT_TEXT, True),
            ("contact_email", "E-mail", "", Q.SHORT_TEXT, True),
            ("contact_telephone", "Telephone", "", Q.SHORT_TEXT, True),
            (PERIOD_START, "Period covered: from", "For example 01/04/2016.", Q.DATE, True),
            (PERIOD_END, "Period covered: to", "For example 31/03/2017.", Q.DATE, True),
            (
                "endorsed_by",
                "Endorsed by",
                "Optional: the senior manager who endorsed this update.",
                Q.SHORT_TEXT,
                False,
            ),
        ],
    ),
    (
        Kind.QUESTIONS,
        "a. Policies and guidance",
        CORE_GUIDANCE,
        [("policies", "Policies and guidance", "", Q.LONG_TEXT, True)],
    ),
    (
        Kind.QUESTIONS,
        "b. Private fostering",
        CORE_GUIDANCE,
        [("private_fostering", "Private fostering", "", Q.LONG_TEXT, True)],
    ),
    (
        Kind.QUESTIONS,
        "c. Safeguarding training",
        "Including the number of workers trained, workers who contribute to the board's training pool, the level "
        "of single-agency training, single and multi-agency training evaluations and impact.",
        [
            ("training", "Safeguarding training", "", Q.LONG_TEXT, True),
            ("workers_trained", "Number of workers trained in the year", "", Q.NUMBER, False),
        ],
    ),
    (
        Kind.QUESTIONS,
        "d. Child sexual exploitation",
        CORE_GUIDANCE,
        [("cse", "Child sexual exploitation", "", Q.LONG_TEXT, True)],
    ),
    (
        Kind.QUESTIONS,
        "e. Audits, evaluation and quality assurance",
        "Audits, evaluation, quality assurance and performance management of safeguarding practice, including "
        "lessons learned from Serious Case Reviews, Local Case Reviews and Local Learning Reviews.",
        [("audits", "Audits, evaluation and quality assurance", "", Q.LONG_TEXT, True)],
    ),
    (
        Kind.QUESTIONS,
        "f. Participation, user involvement and complaints",
        "Promoting participation, user involvement, impact and evaluation of complaints relating to safeguarding.",
        [("participation", "Participation, user involvement and complaints", "", Q.LONG_TEXT, True)],
    ),
    (
        Kind.QUESTIONS,
        "g. Child and adolescent mental health and wellbeing",
        CORE_GUIDANCE,
        [("mental_health", "Child and adolescent mental health and wellbeing", "", Q.LONG_TEXT, True)],
    ),
    (
        Kind.PRIORITIES,
        "Strategic priorities",
        "How your organisation has supported each of the board's strategic priorities: one answer each.",
        [],
    ),
    (
        Kind.QUESTIONS,
        "Other key safeguarding issues",
        "",
        [
            (
                "other_issues",
                "Any other key safeguarding issues your organisation has responded to in the last 12 months",
                "",
                Q.LONG_TEXT,
                True,
            )
        ],
    ),
    (
        Kind.QUESTIONS,
        "Sharing board information",
        "",
        [
            (
                "information_sharing",
                "How are safeguarding issues and information from the board shared within your organisation, and "
                "what has been the impact of this?",
                "",
                Q.LONG_TEXT,
                True,
            )
        ],
    ),
    (
        Kind.QUESTIONS,
        "Future challenges",
        "",
        [
            (
                "future_challenges",
                "What does your organisation view as a future challenge to safeguarding children? How can the "
                "board support you with this?",
                "",
                Q.LONG_TEXT,
                True,
            )
        ],
    ),
    (
        Kind.CASE_STUDIES,
        "Case studies",
        "Optional. Case studies describe real children: confirm they are anonymised or that consent is recorded.",
        [],
    ),
]


def populate(template) -> None:
    """Add the default sections and questions to an empty template, in the board's own word (a
    partnership's form asks about "partnership member responsibilities")."""
    term = template.board.term
    for order, (kind, heading, guidance, questions) in enumerate(SECTIONS, start=1):
        section = FormSection.objects.create(
            template=template,
            order=order,
            kind=kind,
            heading=board_words(heading, term),
            guidance=board_words(guidance, term),
        )
        Question.objects.bulk_create(
            Question(
                section=section,
                order=number,
                key=key,
                text=board_words(text, term),
                help_text=board_words(help_text, term),
                kind=qkind,
                is_required=req,
            )
            for number, (key, text, help_text, qkind, req) in enumerate(questions, start=1)
        )
