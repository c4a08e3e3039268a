"""Training pages: the summary, sessions and bookings, attendance, an agency's page, charges, import."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.views import View
from django.views.generic import FormView, ListView, TemplateView

from partners.selectors import partner_get
from training import reporting, selectors, services
from training.forms import (
    AttendanceForm,
    BookingCancelForm,
    BookingForm,
    SessionCancelForm,
    SessionForm,
    TeamBookingForm,
)
from training.models import Booking
from wscb import charts
from wscb.audit.services import AuditAction, audit_download, audit_record, audit_record_many
from wscb.data.exports import csv_response, file_response
from wscb.data.import_views import ImportPageView
from wscb.data.once import SubmitOnceMixin
from wscb.data.page_cache import cached_fragment
from wscb.data.uploads import serve_upload, upload_format
from wscb.periods import ReportingYear
from wscb.permissions import PartnershipReaderMixin, RecordKeeperMixin, SignedInMixin
from wscb.years import chosen_year, year_choices


class YearMixin:
    def get_year(self) -> ReportingYear:
        return chosen_year(self.request)

    def get_context_data(self, **kwargs):
        year = self.get_year()
        return super().get_context_data(
            year=year,
            years=year_choices(self.request, year),
            previous_year=year.previous,
            next_year=year.next,
            **kwargs,
        )


class SummaryView(PartnershipReaderMixin, YearMixin, TemplateView):
    """The year's training figures, kept per state of the board's data (``wscb.data.page_cache``)."""

    template_name = "training/summary.html"

    def get_context_data(self, **kwargs):
        request, year = self.request, self.get_year()
        years = year_choices(request, year)

        def summary():
            report = reporting.training_report(board=request.board, year=year)
            context = {
                "year": year,
                "years": years,  # moved by a write, as the page kept under the data version is
                "previous_year": year.previous,
                "next_year": year.next,
                "report": report,
                "chart": charts.for_page(reporting.completions_chart_svg(report.elearning)),
                "impact_rows": [row for table in report.tables.values() for row in table.evaluated_rows],
            }
            return render_to_string("training/_summary_body.html", context, request=request)

        body = cached_fragment(request, name="training.summary", parts=(year.start_year,), render=summary)
        return super().get_context_data(body=body, **kwargs)


class ImpactFileView(PartnershipReaderMixin, View):
    """Download a course's impact report (uploads are only served through views that check roles)."""

    def get(self, request, *args, **kwargs):
        plan = selectors.impact_plan_get(board=request.board, pk=kwargs["pk"])
        response = serve_upload(plan.impact_file, download_name=f"impact-report-{plan.course.title}-{plan.start_year}")
        audit_download(request=request, obj=plan, what="Impact report", file_format=upload_format(plan.impact_file))
        return response


class SessionListView(PartnershipReaderMixin, YearMixin, ListView):
    template_name = "training/session_list.html"
    context_object_name = "sessions"
    paginate_by = 50

    def get_queryset(self):
        sessions = selectors.session_list(board=self.request.board, year=self.get_year())
        if self.request.GET.get("awaiting"):
            awaiting = selectors.sessions_awaiting_attendance(board=self.request.board)
            sessions = sessions.filter(pk__in=awaiting.values("pk"))
        return sessions


class SessionCreateView(SubmitOnceMixin, RecordKeeperMixin, FormView):
    template_name = "training/form_page.html"
    form_class = SessionForm
    extra_context = {"title": "Add a session", "submit_label": "Add the session"}

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "courses": selectors.course_choices(board=self.request.board)}

    def form_valid(self, form):
        session = form.save()
        audit_record(request=self.request, action=AuditAction.CREATED, obj=session)
        messages.success(self.request, f"Session added: {session}.")
        return redirect("training:session-detail", pk=session.pk)


class SessionMixin:
    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.session = selectors.session_get(board=request.board, pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(session=self.session, **kwargs)


class SessionDetailView(PartnershipReaderMixin, SessionMixin, TemplateView):
    template_name = "training/session_detail.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(bookings=selectors.session_bookings(session=self.session), **kwargs)


class BookingCreateView(SubmitOnceMixin, RecordKeeperMixin, SessionMixin, FormView):
    template_name = "training/form_page.html"
    form_class = BookingForm
    extra_context = {"title": "Book a delegate", "submit_label": "Book"}

    def form_valid(self, form):
        try:
            booking = services.booking_create(session=self.session, delegate=form.delegate())
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        audit_record(request=self.request, action=AuditAction.CREATED, obj=booking)
        messages.success(self.request, f"{booking.delegate_name}: {booking.get_status_display().lower()}.")
        return redirect("training:session-detail", pk=self.session.pk)


class TeamBookingView(SubmitOnceMixin, RecordKeeperMixin, SessionMixin, FormView):
    template_name = "training/form_page.html"
    form_class = TeamBookingForm
    extra_context = {"title": "Book a team", "submit_label": "Book the team"}

    def form_valid(self, form):
        try:
            bookings = services.team_booking_create(session=self.session, delegates=form.team())
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        audit_record_many(request=self.request, action=AuditAction.CREATED, objects=bookings, detail="Team booking")
        waiting = sum(booking.status == booking.Status.WAITING for booking in bookings)
        messages.success(self.request, f"{len(bookings) - waiting} booked, {waiting} on the waiting list.")
        return redirect("training:session-detail", pk=self.session.pk)


class AttendanceView(RecordKeeperMixin, SessionMixin, FormView):
    template_name = "training/attendance.html"
    form_class = AttendanceForm

    def get_form_kwargs(self):
        bookings = self.session.bookings.filter(status__in=Booking.HOLDS_PLACE).order_by("delegate_name")
        return {**super().get_form_kwargs(), "bookings": bookings, "initial": {"version": self.session.version}}

    def form_valid(self, form):
        outcomes = form.outcomes()
        try:
            services.attendance_record(session=self.session, outcomes=outcomes, version=form.cleaned_data["version"])
        except (services.SessionConflict, ValidationError) as error:
            form.add_error(None, error.messages[0] if isinstance(error, ValidationError) else str(error))
            return self.form_invalid(form)
        # the one place a training attendance record is audited: the session and each booking marked
        audit_record(request=self.request, action=AuditAction.CHANGED, obj=self.session, detail="Changed: status")
        audit_record_many(
            request=self.request,
            action=AuditAction.CHANGED,
            objects=Booking.objects.filter(pk__in=list(outcomes)),
            detail="Changed: status (attendance)",
        )
        messages.success(self.request, "Attendance recorded and the session marked delivered.")
        return redirect("training:session-detail", pk=self.session.pk)


class SessionCancelView(RecordKeeperMixin, SessionMixin, FormView):
    template_name = "training/session_cancel.html"
    form_class = SessionCancelForm

    def get_initial(self):
        return {**super().get_initial(), "version": self.session.version}

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            services.session_cancel(
                session=self.session, reason=data["reason"], on=data["cancelled_on"], version=data["version"]
            )
        except services.SessionConflict as error:
            form.add_error(None, str(error))
            return self.form_invalid(form)
        audit_record(
            request=self.request,
            action=AuditAction.CHANGED,
            obj=self.session,
            detail="Changed: status, cancellation_reason, cancelled_on",
        )
        messages.success(self.request, "The session is cancelled.")
        return redirect("training:session-detail", pk=self.session.pk)


class BookingMixin:
    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.booking = selectors.booking_get(board=request.board, pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)


class BookingCancelView(RecordKeeperMixin, BookingMixin, FormView):
    """GET: confirm, with the date cancelled (default today); POST: cancel on that date (late or not
    from that date) and offer the place to the first person waiting."""

    template_name = "training/booking_cancel.html"
    form_class = BookingCancelForm

    def get_initial(self):
        return {**super().get_initial(), "cancelled_on": timezone.localdate()}

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            booking=self.booking, late_days=services.late_cancellation_days(board=self.request.board), **kwargs
        )

    def form_valid(self, form):
        request = self.request
        try:
            offered = services.booking_cancel(
                booking=self.booking, on=form.cleaned_data["cancelled_on"], reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            messages.error(request, error.messages[0])
            return redirect("training:session-detail", pk=self.booking.session_id)
        audit_record(
            request=request,
            action=AuditAction.CHANGED,
            obj=self.booking,
            detail="Changed: status, cancelled_on, cancellation_reason, is_late_cancellation",
        )
        if offered is not None:
            audit_record(request=request, action=AuditAction.CHANGED, obj=offered, detail="Changed: status, offered_at")
        self.booking.refresh_from_db()
        text = f"{self.booking.delegate_name}'s booking is cancelled ({self.booking.cancelled_on:%d/%m/%Y})"
        text += ": a late cancellation." if self.booking.is_late_cancellation else "."
        if offered is not None:
            text += f" The place has been offered to {offered.delegate_name}."
        messages.success(request, text)
        return redirect("training:session-detail", pk=self.booking.session_id)


class BookingAcceptView(RecordKeeperMixin, BookingMixin, View):
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        try:
            services.booking_accept_offer(booking=self.booking)
        except ValidationError as error:
            messages.error(request, error.messages[0])
        else:
            audit_record(request=request, action=AuditAction.CHANGED, obj=self.booking, detail="Changed: status")
            messages.success(request, f"{self.booking.delegate_name} has taken the place.")
        return redirect("training:session-detail", pk=self.booking.session_id)


class AgencyView(SignedInMixin, YearMixin, TemplateView):
    """One agency's bookings, uptake and charges: its own partner lead, or partnership readers."""

    template_name = "training/agency.html"

    def get_context_data(self, **kwargs):
        partner = partner_get(for_user=self.request.user, pk=self.kwargs["pk"])
        year, board = self.get_year(), self.request.board
        uptake = reporting.uptake_by_agency(board=board, year=year, partner=partner)
        return super().get_context_data(
            partner=partner,
            uptake=uptake[0] if uptake else None,
            charges=reporting.charges_by_agency(board=board, year=year, partner=partner),
            bookings=selectors.agency_bookings(board=board, partner=partner, year=year),
            **kwargs,
        )


class AgencyExportView(SignedInMixin, View):
    """One agency's staff bookings and attendance in a year as CSV: its own partner lead, or partnership readers."""

    def get(self, request, *args, **kwargs):
        partner = partner_get(for_user=request.user, pk=kwargs["pk"])
        year = chosen_year(request)
        headers = ["Date", "Course", "Name", "Job title", "E-mail", "Status", "Late cancellation"]
        rows = [
            [
                booking.session.starts_on.strftime("%d/%m/%Y"),
                booking.session.course.title,
                booking.delegate_name,
                booking.job_title,
                booking.email,
                booking.get_status_display(),
                "yes" if booking.is_late_cancellation else "",
            ]
            for booking in selectors.agency_bookings(board=request.board, partner=partner, year=year)
        ]
        audit_download(request=request, what=f"Training bookings {year.label}", file_format="csv", obj=partner)
        return csv_response(f"training-bookings-{partner.pk}-{year.start_year}.csv", headers, rows)


class AgencyChargesPdfView(SignedInMixin, View):
    """One agency's charges statement for a year (PDF): its own partner lead, or partnership readers."""

    def get(self, request, *args, **kwargs):
        from training.statements import statement_pdf

        partner = partner_get(for_user=request.user, pk=kwargs["pk"])
        year = chosen_year(request)
        pdf = statement_pdf(board=request.board, partner=partner, year=year)
        audit_download(request=request, what=f"Training charges {year.label}", file_format="pdf", obj=partner)
        return file_response(
            pdf, filename=f"training-charges-{partner.pk}-{year.start_year}.pdf", content_type="application/pdf"
        )


class InvoiceRequestView(RecordKeeperMixin, View):
    """Business support sends an agency's charges as an invoice request, after a confirmation page."""

    def _context(self, request, partner, year):
        from training.statements import invoice_recipients, statement_line

        return {
            "partner": partner,
            "year": year,
            "line": statement_line(board=request.board, partner=partner, year=year),
            "recipients": invoice_recipients(board=request.board, partner=partner),
        }

    def get(self, request, *args, **kwargs):
        partner = partner_get(for_user=request.user, pk=kwargs["pk"])
        return render(request, "training/invoice_request.html", self._context(request, partner, chosen_year(request)))

    def post(self, request, *args, **kwargs):
        from training.statements import invoice_request_send

        partner = partner_get(for_user=request.user, pk=kwargs["pk"])
        try:
            year = ReportingYear.from_label(request.POST.get("year", ""))
            _, is_new = invoice_request_send(board=request.board, partner=partner, year=year, by=request.user)
        except ValueError as problem:
            messages.error(request, str(problem))
            return redirect(f"{reverse('training:charges')}")
        audit_record(request=request, action=AuditAction.EXPORTED, obj=partner, detail=f"Invoice request {year.label}")
        if is_new:
            messages.success(request, f"The invoice request for {partner.name} is being sent.")
        else:
            messages.info(request, f"This invoice request for {partner.name} was already sent: it was not sent again.")
        return redirect(f"{reverse('training:charges')}?year={year.label}")


class ChargesView(PartnershipReaderMixin, YearMixin, TemplateView):
    template_name = "training/charges.html"

    def get_context_data(self, **kwargs):
        lines = reporting.charges_by_agency(board=self.request.board, year=self.get_year())
        return super().get_context_data(lines=lines, total=sum(line.amount for line in lines), **kwargs)


class ChargesExportView(PartnershipReaderMixin, View):
    def get(self, request, *args, **kwargs):
        year = chosen_year(request)
        headers = ["Agency", "Sector", "Did not attend", "Late cancellations", "E-learning not completed", "Amount (£)"]
        rows = [
            [
                line.agency_name,
                line.sector_label,
                line.did_not_attend,
                line.late_cancellations,
                line.elearning_not_completed,
                line.amount,
            ]
            for line in reporting.charges_by_agency(board=request.board, year=year)
        ]
        audit_download(request=request, what=f"Training charges {year.label}", file_format="csv")
        return csv_response(f"training-charges-{year.start_year}.csv", headers, rows)


class ELearningImportView(ImportPageView):
    """The provider's export: the shared upload -> preview -> confirm (``wscb.data.import_kinds``; the
    kind is in ``training.resources``); a file of many rows is imported by a worker."""

    def dispatch(self, request, *args, **kwargs):
        return super().dispatch(request, *args, kind="elearning", **kwargs)


class CourseEvaluationsView(PartnershipReaderMixin, YearMixin, TemplateView):
    """A course's evaluation results in a year: responses, and per learning outcome the average rating
    before and after the course and the change."""

    template_name = "training/course_evaluations.html"

    def get_context_data(self, **kwargs):
        from training.selfservice.evaluations import course_results

        course = selectors.course_get(board=self.request.board, pk=self.kwargs["pk"])
        year = self.get_year()
        results = course_results(course=course, start=year.start, end_exclusive=year.end_exclusive)
        return super().get_context_data(course=course, results=results, **kwargs)
