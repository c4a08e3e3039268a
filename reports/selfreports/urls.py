"""URLs for partner updates (self-reports), included under /reports/ in the reports app's namespace."""

from django.urls import path

from reports.selfreports import (
    views,
    views_actions,
    views_case_studies,
    views_challenge,
    views_evidence,
    views_ratings,
    views_rounds,
)

urlpatterns = [
    path("updates/", views.SelfReportListView.as_view(), name="selfreport-list"),
    path("updates/<int:pk>/", views.TaskListView.as_view(), name="selfreport-tasks"),
    path("updates/<int:pk>/view/", views.DetailView.as_view(), name="selfreport-detail"),
    path("updates/<int:pk>/sections/<int:section_pk>/", views.SectionEditView.as_view(), name="selfreport-section"),
    path("updates/<int:pk>/check/", views.CheckAnswersView.as_view(), name="selfreport-check"),
    path("updates/<int:pk>/submit/", views.SubmitView.as_view(), name="selfreport-submit"),
    path("updates/<int:pk>/start-from-last-year/", views.CopyLastYearView.as_view(), name="selfreport-copy"),
    path("updates/<int:pk>/sections/<int:section_pk>/comment/", views.CommentView.as_view(), name="selfreport-comment"),
    path("updates/<int:pk>/review/", views.ReviewSaveView.as_view(), name="selfreport-review-save"),
    path("updates/<int:pk>/return/", views.ReturnView.as_view(), name="selfreport-return"),
    path("updates/<int:pk>/accept/", views.AcceptView.as_view(), name="selfreport-accept"),
    path("updates/<int:pk>/update.docx", views_rounds.ReportDocxView.as_view(), name="selfreport-docx"),
    path("updates/<int:pk>/update.pdf", views_rounds.ReportPdfView.as_view(), name="selfreport-pdf"),
    path("updates/<int:pk>/actions/add/", views_actions.ActionRaiseView.as_view(), name="action-create"),
    path("updates/<int:pk>/evidence/", views_evidence.EvidenceListView.as_view(), name="evidence-list"),
    path(
        "updates/<int:pk>/evidence/<int:evidence_pk>/download/",
        views_evidence.EvidenceDownloadView.as_view(),
        name="evidence-download",
    ),
    path(
        "updates/<int:pk>/evidence/<int:evidence_pk>/delete/",
        views_evidence.EvidenceDeleteView.as_view(),
        name="evidence-delete",
    ),
    path("challenges/", views_challenge.ChallengeListView.as_view(), name="challenge-list"),
    path("challenges/add/", views_challenge.ChallengeFormView.as_view(), name="challenge-create"),
    path("challenges/<int:pk>/", views_challenge.ChallengeDetailView.as_view(), name="challenge-detail"),
    path("challenges/<int:pk>/edit/", views_challenge.ChallengeFormView.as_view(), name="challenge-update"),
    path(
        "challenges/<int:pk>/actions/add/",
        views_challenge.ChallengeActionCreateView.as_view(),
        name="challenge-action-create",
    ),
    path("actions/", views_actions.ActionListView.as_view(), name="action-list"),
    path("actions/<int:pk>/", views_actions.ActionDetailView.as_view(), name="action-detail"),
    path("updates/<int:pk>/case-studies/", views_case_studies.CaseStudyListView.as_view(), name="case-study-list"),
    path(
        "updates/<int:pk>/case-studies/add/", views_case_studies.CaseStudyFormView.as_view(), name="case-study-create"
    ),
    path(
        "updates/<int:pk>/case-studies/<int:case_study_pk>/",
        views_case_studies.CaseStudyDetailView.as_view(),
        name="case-study-detail",
    ),
    path(
        "updates/<int:pk>/case-studies/<int:case_study_pk>/edit/",
        views_case_studies.CaseStudyFormView.as_view(),
        name="case-study-update",
    ),
    path(
        "updates/<int:pk>/case-studies/<int:case_study_pk>/delete/",
        views_case_studies.CaseStudyDeleteView.as_view(),
        name="case-study-delete",
    ),
    path(
        "updates/<int:pk>/case-studies/<int:case_study_pk>/publish/",
        views_case_studies.CaseStudyPublishView.as_view(),
        name="case-study-publish",
    ),
    path(
        "updates/<int:pk>/contact/publish/",
        views_case_studies.ContactPublishView.as_view(),
        name="contact-publish",
    ),
    path("updates/year/<int:start_year>/", views_rounds.CompiledView.as_view(), name="partner-updates"),
    path(
        "updates/year/<int:start_year>/partner-updates.docx",
        views_rounds.CompiledDocxView.as_view(),
        name="partner-updates-docx",
    ),
    path("ratings/<int:start_year>/", views_ratings.RatingsPictureView.as_view(), name="ratings-picture"),
    path(
        "ratings/<int:start_year>/ratings.<str:format>",
        views_ratings.RatingsPictureExportView.as_view(),
        name="ratings-picture-export",
    ),
    path("update-forms/", views_rounds.TemplateListView.as_view(), name="template-list"),
    path("update-forms/create/", views_rounds.TemplateCreateDefaultView.as_view(), name="template-create-default"),
    path("update-forms/<int:pk>/", views_rounds.TemplateDetailView.as_view(), name="template-detail"),
    path("update-forms/<int:pk>/copy/", views_rounds.TemplateCopyView.as_view(), name="template-copy"),
    path("rounds/", views_rounds.RoundListView.as_view(), name="round-list"),
    path("rounds/open/", views_rounds.RoundCreateView.as_view(), name="round-create"),
    path("rounds/<int:pk>/", views_rounds.RoundDetailView.as_view(), name="round-detail"),
    path("rounds/<int:pk>/tracker.xlsx", views_rounds.RoundExportView.as_view(), name="round-export"),
]
