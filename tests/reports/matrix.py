"""Permission-matrix entries for partner updates (see tests/permission_matrix.py).

Objects of agency B are asked for by lead_a (agency A's lead): a 404. Agency A's own give 200.
"""

from tests.permission_matrix import ACCOUNT_HOLDERS, KEEPERS, READERS, SIGNED_IN, AdminPolicy, Entry, expect

LEAD = frozenset({"lead_a"})


def _round(cast):
    from reports.selfreports.models import Round
    from tests.reports.factories import open_round

    existing = Round.objects.filter(board=cast.board, start_year=2016).first()
    return existing or open_round(board=cast.board, agencies=[cast.agency_a, cast.agency_b], by=cast.business_support)


def _report(cast, which):
    from tests.reports.factories import report_for

    return report_for(_round(cast), getattr(cast, f"agency_{which}"))


def _accepted_b(cast):
    from tests.reports.factories import accepted

    return accepted(_report(cast, "b"), cast.lead_b, cast.business_support)


def _section(cast):
    from tests.reports.factories import section

    return section(_report(cast, "a"))


def _case_study(cast, which):
    from reports.selfreports import services
    from reports.selfreports.models import CaseStudy

    return services.case_study_save(
        report=_report(cast, which),
        data={"title": "A case", "text": "Anonymised text", "declaration": CaseStudy.Declaration.ANONYMISED},
        by=getattr(cast, f"lead_{which}"),
    )


def _report_kwargs(which):
    return lambda cast: {"pk": _report(cast, which).pk}


def _section_kwargs(which):
    return lambda cast: {"pk": _report(cast, which).pk, "section_pk": _section(cast).pk}


def _case_kwargs(which):
    def build(cast):
        study = _case_study(cast, which)
        return {"pk": study.report_id, "case_study_pk": study.pk}

    return build


def _unfrozen_form(cast):
    from reports.selfreports import services
    from wscb.periods import ReportingYear

    return services.template_create_default(board=cast.board, year=ReportingYear(2017))


def _form_kwargs(cast):
    return {"pk": _unfrozen_form(cast).pk}


def _action_kwargs(which, *, accept=False):
    def build(cast):
        from tests.reports.factories import raise_action

        report = _report(cast, which)
        action = raise_action(report, getattr(cast, f"lead_{which}"))
        if accept:
            _accepted_b(cast)
        return {"pk": action.pk}

    return build


def _evidence_kwargs(which):
    def build(cast):
        from tests.reports.factories import attach_evidence

        item = attach_evidence(_report(cast, which), getattr(cast, f"lead_{which}"))
        return {"pk": item.report_id, "evidence_pk": item.pk}

    return build


def _challenge_kwargs(which):
    def build(cast):
        from tests.reports.factories import challenge_for

        return {"pk": challenge_for(cast.board, getattr(cast, f"agency_{which}"), cast.business_support).pk}

    return build


A, B = "agency A", "agency B (other agency)"
LEAD_ONLY_B = expect(set(), lead_a=404)
NOT_ALLOWED = "not allowed"

ENTRIES = [
    Entry("reports:selfreport-list", expect(SIGNED_IN)),
    # Filling in: the agency's own partner leads only.
    Entry("reports:selfreport-tasks", expect(LEAD), kwargs=_report_kwargs("a"), variant=A),
    Entry("reports:selfreport-tasks", LEAD_ONLY_B, kwargs=_report_kwargs("b"), variant=B),
    Entry("reports:selfreport-section", expect(LEAD), kwargs=_section_kwargs("a"), variant=A),
    Entry("reports:selfreport-section", LEAD_ONLY_B, kwargs=_section_kwargs("b"), variant=B),
    Entry(
        "reports:selfreport-section",
        expect(LEAD),
        kwargs=_section_kwargs("a"),
        method="post",
        variant=A,
        note="an empty post re-shows the form with errors",
    ),
    Entry("reports:selfreport-section", LEAD_ONLY_B, kwargs=_section_kwargs("b"), method="post", variant=B),
    Entry("reports:selfreport-check", expect(LEAD), kwargs=_report_kwargs("a"), variant=A),
    Entry("reports:selfreport-check", LEAD_ONLY_B, kwargs=_report_kwargs("b"), variant=B),
    Entry("reports:selfreport-submit", expect(LEAD, ok=405), kwargs=_report_kwargs("a"), note="POST only"),
    Entry(
        "reports:selfreport-submit",
        expect(LEAD),
        kwargs=_report_kwargs("a"),
        method="post",
        variant=A,
        note="without the declaration the check page is shown again",
    ),
    Entry("reports:selfreport-submit", LEAD_ONLY_B, kwargs=_report_kwargs("b"), method="post", variant=B),
    Entry("reports:selfreport-copy", expect(LEAD), kwargs=_report_kwargs("a"), note="the preview", variant=A),
    Entry("reports:selfreport-copy", LEAD_ONLY_B, kwargs=_report_kwargs("b"), variant=B),
    Entry("reports:selfreport-copy", expect(LEAD, ok=302), kwargs=_report_kwargs("a"), method="post", variant=A),
    Entry("reports:selfreport-copy", LEAD_ONLY_B, kwargs=_report_kwargs("b"), method="post", variant=B),
    # Reading: leads their own, business support all, board members accepted updates only.
    Entry("reports:selfreport-detail", expect(LEAD | KEEPERS, board_member=404), kwargs=_report_kwargs("a"), variant=A),
    Entry(
        "reports:selfreport-detail",
        expect(KEEPERS, lead_a=404, board_member=404),
        kwargs=_report_kwargs("b"),
        variant=B,
        note="a draft: board members cannot open it",
    ),
    Entry(
        "reports:selfreport-detail",
        expect(READERS, lead_a=404),
        kwargs=lambda cast: {"pk": _accepted_b(cast).pk},
        variant="accepted, agency B",
    ),
    Entry("reports:selfreport-docx", expect(LEAD | KEEPERS, board_member=404), kwargs=_report_kwargs("a"), variant=A),
    Entry(
        "reports:selfreport-docx", expect(KEEPERS, lead_a=404, board_member=404), kwargs=_report_kwargs("b"), variant=B
    ),
    Entry("reports:selfreport-pdf", expect(LEAD | KEEPERS, board_member=404), kwargs=_report_kwargs("a"), variant=A),
    Entry(
        "reports:selfreport-pdf", expect(KEEPERS, lead_a=404, board_member=404), kwargs=_report_kwargs("b"), variant=B
    ),
    # Review: business support.
    Entry("reports:selfreport-comment", expect(KEEPERS, ok=405), kwargs=_section_kwargs("b"), note="POST only"),
    Entry("reports:selfreport-comment", expect(KEEPERS, ok=302), kwargs=_section_kwargs("b"), method="post"),
    Entry("reports:selfreport-review-save", expect(KEEPERS, ok=405), kwargs=_report_kwargs("b"), note="POST only"),
    Entry("reports:selfreport-review-save", expect(KEEPERS, ok=302), kwargs=_report_kwargs("b"), method="post"),
    Entry("reports:selfreport-return", expect(KEEPERS, ok=405), kwargs=_report_kwargs("b"), note="POST only"),
    Entry("reports:selfreport-return", expect(KEEPERS, ok=302), kwargs=_report_kwargs("b"), method="post"),
    Entry("reports:selfreport-accept", expect(KEEPERS, ok=405), kwargs=_report_kwargs("b"), note="POST only"),
    Entry("reports:selfreport-accept", expect(KEEPERS, ok=302), kwargs=_report_kwargs("b"), method="post"),
    # Case studies: the agency's leads and business support; never board members.
    Entry("reports:case-study-list", expect(LEAD), kwargs=_report_kwargs("a"), variant=A),
    Entry("reports:case-study-list", LEAD_ONLY_B, kwargs=_report_kwargs("b"), variant=B),
    Entry("reports:case-study-create", expect(LEAD), kwargs=_report_kwargs("a"), variant=A),
    Entry("reports:case-study-create", LEAD_ONLY_B, kwargs=_report_kwargs("b"), variant=B),
    Entry("reports:case-study-create", expect(LEAD), kwargs=_report_kwargs("a"), method="post", variant=A),
    Entry("reports:case-study-create", LEAD_ONLY_B, kwargs=_report_kwargs("b"), method="post", variant=B),
    # Administrators read only published case studies (with the return), never these pages: 404.
    Entry("reports:case-study-detail", expect(LEAD | KEEPERS, administrator=404), kwargs=_case_kwargs("a"), variant=A),
    Entry(
        "reports:case-study-detail", expect(KEEPERS, lead_a=404, administrator=404), kwargs=_case_kwargs("b"), variant=B
    ),
    Entry("reports:case-study-update", expect(LEAD), kwargs=_case_kwargs("a"), variant=A),
    Entry("reports:case-study-update", LEAD_ONLY_B, kwargs=_case_kwargs("b"), variant=B),
    Entry("reports:case-study-update", LEAD_ONLY_B, kwargs=_case_kwargs("b"), method="post", variant=B),
    Entry("reports:case-study-delete", expect(LEAD), kwargs=_case_kwargs("a"), variant=A),
    Entry("reports:case-study-delete", LEAD_ONLY_B, kwargs=_case_kwargs("b"), variant=B),
    Entry("reports:case-study-delete", expect(LEAD, ok=302), kwargs=_case_kwargs("a"), method="post", variant=A),
    Entry("reports:case-study-delete", LEAD_ONLY_B, kwargs=_case_kwargs("b"), method="post", variant=B),
    Entry("reports:case-study-publish", expect(KEEPERS, ok=405), kwargs=_case_kwargs("b"), note="POST only"),
    Entry(
        "reports:case-study-publish",
        expect(KEEPERS, ok=302, administrator=404),
        kwargs=_case_kwargs("b"),
        method="post",
    ),
    Entry("reports:contact-publish", expect(KEEPERS, ok=405), kwargs=_report_kwargs("b"), note="POST only"),
    Entry("reports:contact-publish", expect(KEEPERS, ok=302), kwargs=_report_kwargs("b"), method="post"),
    # Action plans: raised by the agency's leads (on their own returns) and business support.
    Entry("reports:action-create", expect(LEAD | KEEPERS), kwargs=_report_kwargs("a"), variant=A),
    Entry("reports:action-create", expect(KEEPERS, lead_a=404), kwargs=_report_kwargs("b"), variant=B),
    Entry(
        "reports:action-create",
        expect(LEAD | KEEPERS),
        kwargs=_report_kwargs("a"),
        method="post",
        variant=A,
        note="an empty post re-shows the form with errors",
    ),
    Entry("reports:action-create", expect(KEEPERS, lead_a=404), kwargs=_report_kwargs("b"), method="post", variant=B),
    Entry("reports:action-list", expect(KEEPERS)),
    # Challenge events: business support records; readers read; an agency's leads read their own.
    Entry("reports:challenge-list", expect(READERS)),
    Entry("reports:challenge-create", expect(KEEPERS)),
    Entry("reports:challenge-create", expect(KEEPERS), method="post", note="an empty post re-shows the form"),
    Entry("reports:challenge-detail", expect(SIGNED_IN), kwargs=_challenge_kwargs("a"), variant=A),
    Entry("reports:challenge-detail", expect(READERS, lead_a=404), kwargs=_challenge_kwargs("b"), variant=B),
    Entry("reports:challenge-update", expect(KEEPERS), kwargs=_challenge_kwargs("b")),
    Entry(
        "reports:challenge-update",
        expect(KEEPERS),
        kwargs=_challenge_kwargs("b"),
        method="post",
        note="an empty post re-shows the form",
    ),
    Entry(
        "reports:challenge-action-create",
        expect(KEEPERS, ok=405, lead_a=404),
        kwargs=_challenge_kwargs("b"),
        note="POST only",
    ),
    Entry(
        "reports:challenge-action-create",
        expect(KEEPERS, lead_a=404),
        kwargs=_challenge_kwargs("b"),
        method="post",
        note="an empty post re-shows the challenge page with errors",
    ),
    # Evidence: the agency's leads (attach, remove) and business support (read); nobody else.
    Entry("reports:evidence-list", expect(LEAD | {"business_support"}), kwargs=_report_kwargs("a"), variant=A),
    Entry("reports:evidence-list", expect({"business_support"}, lead_a=404), kwargs=_report_kwargs("b"), variant=B),
    Entry(
        "reports:evidence-list",
        expect(LEAD),
        kwargs=_report_kwargs("a"),
        method="post",
        variant=A,
        note="an empty post re-shows the form with errors; business support reads but does not attach",
    ),
    Entry("reports:evidence-list", LEAD_ONLY_B, kwargs=_report_kwargs("b"), method="post", variant=B),
    Entry("reports:evidence-download", expect(LEAD | {"business_support"}), kwargs=_evidence_kwargs("a"), variant=A),
    Entry(
        "reports:evidence-download",
        expect({"business_support"}, lead_a=404),
        kwargs=_evidence_kwargs("b"),
        variant=B,
    ),
    Entry("reports:evidence-delete", expect(LEAD), kwargs=_evidence_kwargs("a"), variant=A),
    Entry("reports:evidence-delete", LEAD_ONLY_B, kwargs=_evidence_kwargs("b"), variant=B),
    Entry("reports:evidence-delete", expect(LEAD, ok=302), kwargs=_evidence_kwargs("a"), method="post", variant=A),
    Entry("reports:evidence-delete", LEAD_ONLY_B, kwargs=_evidence_kwargs("b"), method="post", variant=B),
    # One action: its agency's leads and business support; board members those of accepted returns (read).
    Entry("reports:action-detail", expect(LEAD | KEEPERS, board_member=404), kwargs=_action_kwargs("a"), variant=A),
    Entry(
        "reports:action-detail",
        expect(KEEPERS, lead_a=404, board_member=404),
        kwargs=_action_kwargs("b"),
        variant=B,
    ),
    Entry(
        "reports:action-detail",
        expect(READERS, lead_a=404),
        kwargs=_action_kwargs("b", accept=True),
        variant="accepted, agency B",
    ),
    Entry(
        "reports:action-detail",
        expect(LEAD | KEEPERS, board_member=404),
        kwargs=_action_kwargs("a"),
        method="post",
        variant=A,
        note="an empty post re-shows the form with errors",
    ),
    Entry(
        "reports:action-detail",
        expect(KEEPERS, lead_a=404),
        kwargs=_action_kwargs("b", accept=True),
        method="post",
        variant="accepted, agency B",
        note="board members read it but cannot change it",
    ),
    # The compiled year, for the annual report.
    Entry("reports:partner-updates", expect(READERS), kwargs=lambda cast: {"start_year": 2016}),
    Entry("reports:partner-updates-docx", expect(READERS), kwargs=lambda cast: {"start_year": 2016}),
    # The ratings across agencies (board members: accepted returns only).
    Entry("reports:ratings-picture", expect(READERS), kwargs=lambda cast: {"start_year": 2016}),
    Entry(
        "reports:ratings-picture-export",
        expect(READERS),
        kwargs=lambda cast: {"start_year": 2016, "format": "csv"},
        variant="csv",
    ),
    Entry(
        "reports:ratings-picture-export",
        expect(READERS),
        kwargs=lambda cast: {"start_year": 2016, "format": "xlsx"},
        variant="xlsx",
    ),
    # Business support's pages.
    Entry("reports:template-list", expect(KEEPERS)),
    Entry("reports:template-detail", expect(KEEPERS), kwargs=_form_kwargs),
    Entry("reports:template-copy", expect(KEEPERS, ok=405), kwargs=_form_kwargs, note="POST only"),
    Entry("reports:template-copy", expect(KEEPERS, ok=302), kwargs=_form_kwargs, method="post"),
    Entry("reports:template-create-default", expect(KEEPERS, ok=405), note="POST only"),
    Entry("reports:template-create-default", expect(KEEPERS, ok=302), method="post"),
    Entry("reports:round-list", expect(KEEPERS)),
    Entry("reports:round-create", expect(KEEPERS)),
    Entry("reports:round-create", expect(KEEPERS), method="post", note="an empty post re-shows the form"),
    Entry("reports:round-detail", expect(KEEPERS), kwargs=lambda cast: {"pk": _round(cast).pk}),
    Entry("reports:round-export", expect(KEEPERS), kwargs=lambda cast: {"pk": _round(cast).pk}),
    # The search page (reports/search): everyone signed in (learners too), each finding what their pages show.
    Entry("search:results", expect(ACCOUNT_HOLDERS), note="the form, before anything is searched for"),
    Entry("search:results", expect(ACCOUNT_HOLDERS), query="q=Agency", variant="a search"),
    Entry(
        "search:results", expect(ACCOUNT_HOLDERS), query="q=Agency&kind=course", variant="courses: readers' kind only"
    ),
    Entry("search:results", expect(ACCOUNT_HOLDERS, ok=405), method="post", note="GET only"),
]

ADMIN_MODELS = {
    "reports.formtemplate": AdminPolicy(view=KEEPERS, edit=KEEPERS, obj=_unfrozen_form),
    "reports.formsection": AdminPolicy(
        view=KEEPERS, edit=KEEPERS, obj=lambda cast: _unfrozen_form(cast).sections.first()
    ),
}
