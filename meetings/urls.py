from django.urls import path

from meetings import views

app_name = "meetings"
urlpatterns = [
    path("", views.MeetingListView.as_view(), name="meeting-list"),
    path("add/", views.MeetingCreateView.as_view(), name="meeting-create"),
    path("<int:pk>/", views.MeetingDetailView.as_view(), name="meeting-detail"),
    path("<int:pk>/edit/", views.MeetingUpdateView.as_view(), name="meeting-update"),
    path("<int:pk>/documents/<str:kind>/", views.MeetingDocumentView.as_view(), name="meeting-document"),
    path("<int:pk>/attendance/", views.AttendanceRecordView.as_view(), name="attendance-record"),
    path("attendance/", views.AttendanceSummaryView.as_view(), name="attendance-summary"),
    path("attendance/import/", views.AttendanceImportView.as_view(), name="attendance-import"),
    path("agencies/<int:pk>/", views.AgencyAttendanceView.as_view(), name="agency-attendance"),
    path("membership/", views.MembershipListView.as_view(), name="membership-list"),
    path("actions/", views.ActionListView.as_view(), name="action-list"),
    path("actions/<int:pk>/", views.ActionDetailView.as_view(), name="action-detail"),
    path("groups/", views.GroupListView.as_view(), name="group-list"),
    path("groups/<int:pk>/", views.GroupDetailView.as_view(), name="group-detail"),
]
urlpatterns += [
    path("<int:pk>/agenda/add/", views.AgendaItemCreateView.as_view(), name="agenda-item-create"),
    path("agenda/<int:pk>/edit/", views.AgendaItemUpdateView.as_view(), name="agenda-item-update"),
    path("agenda/<int:pk>/move/", views.AgendaItemMoveView.as_view(), name="agenda-item-move"),
    path("agenda/<int:pk>/remove/", views.AgendaItemDeleteView.as_view(), name="agenda-item-delete"),
    path("agenda/<int:pk>/papers/add/", views.PaperCreateView.as_view(), name="paper-create"),
    path("papers/<int:pk>/", views.PaperDownloadView.as_view(), name="paper-download"),
    path("papers/<int:pk>/remove/", views.PaperDeleteView.as_view(), name="paper-delete"),
    path("<int:pk>/pack/", views.PackDownloadView.as_view(), name="pack-download"),
    path("<int:pk>/pack/compile/", views.PackCompileView.as_view(), name="pack-compile"),
    path("<int:pk>/publish/", views.PapersPublishView.as_view(), name="papers-publish"),
]
urlpatterns += [
    path("<int:pk>/minutes/", views.MinutesView.as_view(), name="minutes"),
    path("<int:pk>/minutes/draft/", views.MinutesEditView.as_view(), name="minutes-edit"),
    path("minutes/<int:pk>/approve/", views.MinutesApproveView.as_view(), name="minutes-approve"),
    path("minutes/<int:pk>/correct/", views.MinutesCorrectView.as_view(), name="minutes-correct"),
    path("minutes/<int:pk>/file/", views.MinutesFileView.as_view(), name="minutes-file"),
    path("agenda/<int:pk>/decisions/add/", views.DecisionCreateView.as_view(), name="decision-create"),
    path("decisions/<int:pk>/remove/", views.DecisionDeleteView.as_view(), name="decision-delete"),
    path("agenda/<int:pk>/declarations/add/", views.DeclarationCreateView.as_view(), name="declaration-create"),
    path("declarations/<int:pk>/remove/", views.DeclarationDeleteView.as_view(), name="declaration-delete"),
]
urlpatterns += [
    path("actions/<int:pk>/update/", views.ActionUpdateView.as_view(), name="action-update"),
    path("actions/export/", views.ActionExportView.as_view(), name="action-export"),
]
urlpatterns += [
    path("<int:pk>/invitations/", views.InvitationsSendView.as_view(), name="invitations-send"),
    path("<int:pk>/calendar.ics", views.MeetingCalendarView.as_view(), name="meeting-ics"),
    path("calendar/", views.CalendarFeedPageView.as_view(), name="calendar-feed"),
    path("calendar/<str:token>.ics", views.CalendarFeedIcsView.as_view(), name="calendar-feed-ics"),
]
