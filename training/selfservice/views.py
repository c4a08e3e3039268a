"""Pages of training self-service: the public catalogue (no sign-in), the learners' sign-up and
e-mail links, and the learner's own training page. A learner reaches only their own bookings
(another's is a 404) and none of the portal's other pages (403, ``wscb.roles.ALL_ROLES``)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views import View

from partners.models import Partner
from training import services as training_services
from training.models import Booking
from training.selfservice import evaluations, impact, links, selectors, services
from training.selfservice.forms import EvaluationForm, ImpactForm, ManagerForm, SignUpForm
from wscb.audit.models import AuditAction
from wscb.audit.services import audit_download, audit_record, client_ip
from wscb.boards import board_public_slug, public_board_get
from wscb.data.exports import file_response
from wscb.data.once import SubmitOnceMixin
from wscb.permissions import LearnerMixin
from wscb.scoping import board_scope
from wscb.security import NoStoreMixin


class BoardFromAddressMixin:
    """The catalogue of the board named in the address, whatever board the visitor's session has."""

    def dispatch(self, request, *args, **kwargs):
        self.board = public_board_get(slug=kwargs["board_slug"])
        with board_scope(self.board):
            return super().dispatch(request, *args, **kwargs)

    def context(self, **extra) -> dict:
        return {
            "board": self.board,
            "board_slug": board_public_slug(self.board),
            "policy": training_services.training_policy(board=self.board),
            **extra,
        }


class CatalogueView(BoardFromAddressMixin, View):
    def get(self, request, board_slug):
        chosen = {name: request.GET.get(name, "").strip() for name in ("month", "topic", "level")}
        sessions = list(selectors.catalogue_sessions(board=self.board, **chosen))
        for session in sessions:
            session.left = selectors.places_left(session)
        return render(
            request,
            "learning/catalogue.html",
            self.context(sessions=sessions, chosen=chosen, **selectors.catalogue_filters(board=self.board)),
        )


class SessionView(BoardFromAddressMixin, View):
    def get(self, request, board_slug, pk):
        session = selectors.catalogue_session_get(board=self.board, pk=pk)
        learner = None
        booking = None
        if request.user.is_authenticated and request.user.role == "learner":
            learner = selectors.learner_for(request.user)
            booking = session.bookings.filter(learner=learner).exclude(status__in=Booking.ENDED).first()
        manager_form = None
        if learner is not None and session.course.requires_manager_approval:
            manager_form = ManagerForm(
                initial={"manager_name": learner.manager_name, "manager_email": learner.manager_email}
            )
        return render(
            request,
            "learning/session.html",
            self.context(
                session=session,
                left=selectors.places_left(session),
                learner=learner,
                booking=booking,
                manager_form=manager_form,
            ),
        )


class SessionCalendarView(BoardFromAddressMixin, View):
    def get(self, request, board_slug, pk):
        session = selectors.catalogue_session_get(board=self.board, pk=pk)
        # The same file (and event UID) as the one attached to the booking confirmation.
        calendar = services.session_calendar_file(session)
        audit_download(request=request, what="Training session calendar", file_format="ics", obj=session)
        return file_response(calendar.content, filename=calendar.filename, content_type="text/calendar; charset=utf-8")


class SignUpView(NoStoreMixin, BoardFromAddressMixin, View):
    template_name = "learning/sign_up.html"

    def _form(self, data=None):
        return SignUpForm(data, agencies=Partner.objects.filter(is_active=True).order_by("name"))

    def get(self, request, board_slug):
        if request.user.is_authenticated:
            return redirect("home")
        return render(request, self.template_name, self.context(form=self._form()))

    def post(self, request, board_slug):
        form = self._form(request.POST)
        try:
            services.sign_up_throttle(ip_address=client_ip(request), email=request.POST.get("email", ""))
        except services.SignUpThrottled:
            form.is_valid()
            return render(
                request,
                self.template_name,
                self.context(form=form, extra_error="Too many sign-ups from here: please try again in an hour."),
                status=429,
            )
        if form.is_bot:
            # Answer as if it worked, so the bot learns nothing; nobody is signed up.
            return redirect("learning:sign-up-done", board_slug=board_slug)
        if form.is_valid():
            data = form.cleaned_data
            sign_up = services.SignUp(
                full_name=data["full_name"],
                job_title=data["job_title"],
                email=data["email"],
                password=data["password"],
                partner=form.partner,
                organisation_name=data["organisation_name"],
                manager_name=data["manager_name"],
                manager_email=data["manager_email"],
            )
            try:
                learner = services.learner_sign_up(board=self.board, sign_up=sign_up)
            except ValidationError as error:
                if hasattr(error, "error_dict"):
                    for field, problems in error.message_dict.items():
                        form.add_error(field if field in form.fields else None, problems)
                else:
                    form.add_error("password", error.messages)
            else:
                audit_record(request=request, user=learner.user, action=AuditAction.CREATED, obj=learner)
                return redirect("learning:sign-up-done", board_slug=board_slug)
        return render(request, self.template_name, self.context(form=form))


class SignUpDoneView(BoardFromAddressMixin, View):
    def get(self, request, board_slug):
        return render(request, "learning/sign_up_done.html", self.context())


class VerifyView(View):
    def get(self, request, token):
        learner = services.learner_verify(token=token)
        if learner is None:
            return render(request, "learning/link_invalid.html", {"what": "confirmation"}, status=404)
        messages.success(request, "Your e-mail address is confirmed: you can book training.")
        if request.user.is_authenticated:
            return redirect("learning:my-training")
        return redirect(f"{reverse('login')}?next={reverse('learning:my-training')}")


class MyTrainingView(NoStoreMixin, LearnerMixin, View):
    def get(self, request):
        learner = selectors.learner_for(request.user)
        return render(
            request,
            "learning/my_training.html",
            {
                "learner": learner,
                "bookings": selectors.learner_bookings(learner=learner),
                "board_slug": board_public_slug(learner.board),
            },
        )


class ResendVerificationView(LearnerMixin, View):
    def post(self, request):
        learner = selectors.learner_for(request.user)
        if not learner.is_verified:
            services.learner_verification_send(learner=learner)
            messages.success(request, f"We have sent a new link to {request.user.email}.")
        return redirect("learning:my-training")


class BookView(SubmitOnceMixin, LearnerMixin, View):
    def post(self, request, board_slug, pk):
        learner = selectors.learner_for(request.user)
        board = public_board_get(slug=board_slug)
        if board.pk != learner.board_id:
            raise Http404("Not a session of your board.")
        session = selectors.catalogue_session_get(board=board, pk=pk)
        manager = None
        if session.course.requires_manager_approval:
            form = ManagerForm(request.POST)
            if not form.is_valid():
                problems = [f"{form.fields[name].label}: {' '.join(errors)}" for name, errors in form.errors.items()]
                messages.error(request, "To book, give your manager's details. " + " ".join(problems))
                return redirect("learning:session", board_slug=board_slug, pk=pk)
            manager = services.Manager(name=form.cleaned_data["manager_name"], email=form.cleaned_data["manager_email"])
        try:
            booking = services.learner_book(learner=learner, session=session, manager=manager)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("learning:session", board_slug=board_slug, pk=pk)
        audit_record(request=request, action=AuditAction.CREATED, obj=booking)
        if booking.status == Booking.Status.AWAITING_APPROVAL:
            messages.success(
                request, "Your place is held while we ask your manager to approve it: we will e-mail you the answer."
            )
        elif booking.status == Booking.Status.BOOKED:
            messages.success(request, "Your place is booked: we have e-mailed you the details.")
        else:
            messages.info(
                request,
                "The session is full, so you are on its waiting list: we will e-mail you if a place comes free.",
            )
        return redirect("learning:booking", pk=booking.pk)


class BookingView(NoStoreMixin, LearnerMixin, View):
    def get(self, request, pk):
        learner = selectors.learner_for(request.user)
        booking = selectors.learner_booking_get(learner=learner, pk=pk)
        return render(
            request,
            "learning/booking.html",
            {"booking": booking, "board_slug": board_public_slug(learner.board), **_cancel_context(booking)},
        )


def _cancel_context(booking) -> dict:
    late = booking.status in Booking.HOLDS_PLACE and training_services.is_late_cancellation(
        session=booking.session, on=_today()
    )
    return {"would_be_late": late, "policy": training_services.training_policy(board=booking.session.course.board)}


def _today():
    from django.utils import timezone

    return timezone.localdate()


def _who(request, booking):
    """Who acted: the signed-in user, else (from an e-mail's signed link) the booking's learner."""
    if request.user.is_authenticated:
        return request.user
    return booking.learner.user if booking.learner_id else None


def _cancel(request, booking, done_url):
    if not booking.is_cancellable:
        messages.error(request, "This booking can no longer be cancelled.")
        return redirect(done_url)
    booking = services.learner_cancel(booking=booking)
    audit_record(
        request=request,
        user=_who(request, booking),
        label=booking.email,
        action=AuditAction.CHANGED,
        obj=booking,
        detail="Changed: status",
    )
    note = " It is after the cut-off, so it counts as a late cancellation." if booking.is_late_cancellation else ""
    messages.success(request, f"Your booking is cancelled.{note}")
    return redirect(done_url)


class BookingCancelView(NoStoreMixin, LearnerMixin, View):
    def get(self, request, pk):
        booking = selectors.learner_booking_get(learner=selectors.learner_for(request.user), pk=pk)
        return render(
            request, "learning/cancel.html", {"booking": booking, "action": request.path, **_cancel_context(booking)}
        )

    def post(self, request, pk):
        booking = selectors.learner_booking_get(learner=selectors.learner_for(request.user), pk=pk)
        return _cancel(request, booking, reverse("learning:booking", kwargs={"pk": booking.pk}))


def _linked_booking(pk):
    from training.models import Booking as BookingModel
    from wscb.scoping import scopes_disabled

    # The link itself is the permission (signed for this booking); it runs in the booking's board.
    with scopes_disabled():
        booking = BookingModel.objects.select_related("session__course__board").filter(pk=pk).first()
    if booking is None:
        raise Http404
    return booking


class CancelLinkView(NoStoreMixin, View):
    """Cancel from the e-mail's link, without signing in: a confirmation page, then POST."""

    def dispatch(self, request, token):
        pk = links.cancel_read(token)
        if pk is None:
            return render(request, "learning/link_invalid.html", {"what": "cancellation"}, status=404)
        self.booking = _linked_booking(pk)
        with board_scope(self.booking.session.course.board):
            return super().dispatch(request, token)

    def get(self, request, token):
        return render(
            request,
            "learning/cancel.html",
            {"booking": self.booking, "action": request.path, **_cancel_context(self.booking)},
        )

    def post(self, request, token):
        return _cancel(request, self.booking, request.path)


class OfferAcceptView(NoStoreMixin, View):
    """Take up an offered place from the e-mail's link: a confirmation page, then POST. A link of an
    offer that has lapsed or been replaced says so."""

    def dispatch(self, request, token):
        found = links.offer_read(token)
        if found is None:
            return render(request, "learning/link_invalid.html", {"what": "offer"}, status=404)
        self.booking = _linked_booking(found[0])
        self.is_current = (
            self.booking.status == Booking.Status.OFFERED
            and self.booking.offered_at is not None
            and self.booking.offered_at.isoformat() == found[1]
        )
        with board_scope(self.booking.session.course.board):
            return super().dispatch(request, token)

    def get(self, request, token):
        return render(request, "learning/offer.html", {"booking": self.booking, "is_current": self.is_current})

    def post(self, request, token):
        if not self.is_current:
            return render(request, "learning/offer.html", {"booking": self.booking, "is_current": False}, status=409)
        services.offer_accept(booking=self.booking)
        audit_record(
            request=request,
            user=_who(request, self.booking),
            label=self.booking.email,
            action=AuditAction.CHANGED,
            obj=self.booking,
            detail="Changed: status",
        )
        messages.success(request, "The place is yours: we have e-mailed you the confirmation.")
        return redirect(request.path)


class ApprovalView(NoStoreMixin, View):
    """The manager approves or declines a learner's place from the e-mail's link, without signing in: a
    confirmation page, then POST. The link works while the place waits for that request and the board's
    hours for a manager to approve have not passed; after that the page says what became of it."""

    DECISIONS = {"approve": True, "decline": False}

    def dispatch(self, request, token):
        found = links.approval_read(token)
        if found is None:
            return render(request, "learning/link_invalid.html", {"what": "approval"}, status=404)
        self.booking = _linked_booking(found[0])
        self.is_open = services.approval_is_open(self.booking, found[1])
        with board_scope(self.booking.session.course.board):
            return super().dispatch(request, token)

    def _page(self, request, status=200, error=""):
        booking = self.booking
        context = {"booking": booking, "is_open": self.is_open, "error": error}
        if booking.approval_requested_at is not None:
            context["until"] = services.approval_deadline(booking)
        return render(request, "learning/approval.html", context, status=status)

    def get(self, request, token):
        return self._page(request)

    def post(self, request, token):
        if not self.is_open:
            return self._page(request, status=409)
        decision = self.DECISIONS.get(request.POST.get("decision", ""))
        if decision is None:
            return self._page(request, status=400, error="Choose whether to approve or decline the place.")
        try:
            self.booking = services.approval_decide(booking=self.booking, approve=decision)
        except ValidationError:
            self.is_open = False
            return self._page(request, status=409)
        audit_record(
            request=request,
            user=None,
            label=f"manager {self.booking.manager_email}",
            action=AuditAction.CHANGED,
            obj=self.booking,
            detail="Changed: status",
        )
        messages.success(
            request,
            "Thank you: the place is approved and booked."
            if decision
            else "Thank you: the place is declined and released. We have told the learner.",
        )
        return redirect(request.path)


class EvaluationView(SubmitOnceMixin, NoStoreMixin, LearnerMixin, View):
    """The evaluation form of a course the learner attended; submitting it releases the certificate."""

    def _booking(self, request, pk):
        return selectors.learner_booking_get(learner=selectors.learner_for(request.user), pk=pk)

    def _page(self, request, booking, form, status=200):
        return render(request, "learning/evaluation.html", {"booking": booking, "form": form}, status=status)

    def get(self, request, pk):
        booking = self._booking(request, pk)
        if not evaluations.can_evaluate(booking):
            return self._page(request, booking, None)
        return self._page(request, booking, EvaluationForm(outcomes=booking.session.course.outcomes))

    def post(self, request, pk):
        booking = self._booking(request, pk)
        form = EvaluationForm(request.POST, outcomes=booking.session.course.outcomes)
        if not form.is_valid():
            return self._page(request, booking, form, status=400)
        try:
            evaluation = evaluations.evaluation_submit(
                booking=booking, ratings=form.ratings, comments=form.cleaned_data["comments"]
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("learning:booking", pk=booking.pk)
        audit_record(request=request, action=AuditAction.CREATED, obj=evaluation)
        messages.success(request, "Thank you for your evaluation: your certificate is ready to download.")
        return redirect("learning:booking", pk=booking.pk)


class ImpactView(SubmitOnceMixin, NoStoreMixin, LearnerMixin, View):
    """The follow-up impact questionnaire of a course the learner attended, once it has been sent."""

    def _booking(self, request, pk):
        return selectors.learner_booking_get(learner=selectors.learner_for(request.user), pk=pk)

    def _page(self, request, booking, form, status=200):
        return render(request, "learning/impact.html", {"booking": booking, "form": form}, status=status)

    def get(self, request, pk):
        booking = self._booking(request, pk)
        return self._page(request, booking, ImpactForm() if impact.can_answer_impact(booking) else None)

    def post(self, request, pk):
        booking = self._booking(request, pk)
        if not impact.can_answer_impact(booking):
            return self._page(request, booking, None, status=409)
        form = ImpactForm(request.POST)
        if not form.is_valid():
            return self._page(request, booking, form, status=400)
        try:
            response = impact.impact_submit(
                booking=booking,
                practice_change=form.cleaned_data["practice_change"],
                example=form.cleaned_data["example"],
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("learning:booking", pk=booking.pk)
        audit_record(request=request, action=AuditAction.CREATED, obj=response)
        messages.success(request, "Thank you: your answers help show the difference the training makes.")
        return redirect("learning:booking", pk=booking.pk)


class CertificateView(NoStoreMixin, LearnerMixin, View):
    """The learner's certificate (PDF), once they have evaluated the course; 404 before."""

    def get(self, request, pk):
        booking = selectors.learner_booking_get(learner=selectors.learner_for(request.user), pk=pk)
        if not hasattr(booking, "evaluation"):
            raise Http404("No certificate yet: evaluate the course first.")
        pdf = evaluations.certificate_pdf(booking=booking)
        audit_download(request=request, what="Certificate", file_format="pdf", obj=booking.evaluation)
        return file_response(pdf, filename=f"certificate-{booking.pk}.pdf", content_type="application/pdf")
