"""Permission-matrix entries for the training app (see tests/permission_matrix.py)."""

from datetime import date

from tests.permission_matrix import ACCOUNT_HOLDERS, KEEPERS, LEARNER, READERS, SIGNED_IN, AdminPolicy, Entry, expect


def _session(cast):
    from tests.training.factories import CourseFactory, SessionFactory

    return SessionFactory(course=CourseFactory(board=cast.board), starts_on=date.today())


def _booking(cast):
    from tests.training.factories import BookingFactory

    return BookingFactory(session=_session(cast), partner=cast.agency_b, organisation_name="")


def _impact_plan(cast):
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    from tests.training.factories import CourseFactory, CoursePlanFactory

    # One fixed file in the (git-ignored) media folder, reused by every run.
    name = "training/impact/permission-matrix-check.txt"
    if not default_storage.exists(name):
        default_storage.save(name, ContentFile(b"Impact report"))
    return CoursePlanFactory(course=CourseFactory(board=cast.board), has_impact_report=True, impact_file=name)


def _session_kwargs(cast):
    return {"pk": _session(cast).pk}


def _upcoming(cast):
    from datetime import timedelta

    from django.utils import timezone

    from tests.training.factories import CourseFactory, SessionFactory

    return SessionFactory(course=CourseFactory(board=cast.board), starts_on=timezone.localdate() + timedelta(days=30))


def _catalogue(cast):
    from wscb.boards import board_public_slug

    return {"board_slug": board_public_slug(cast.board)}


def _catalogue_session(cast):
    return {**_catalogue(cast), "pk": _upcoming(cast).pk}


def _learner_booking(user, *, evaluated=False, of=None):
    """A booking of ``user``'s (attended and evaluated when ``evaluated``); ``of``: whose it is instead."""

    def kwargs(cast):
        from tests.training.factories import BookingFactory
        from training.models import Booking, Evaluation

        learner = (of or user)(cast).learner
        booking = BookingFactory(
            session=_upcoming(cast), learner=learner, partner=learner.partner, organisation_name=""
        )
        if evaluated:
            Booking.objects.filter(pk=booking.pk).update(status=Booking.Status.ATTENDED)
            Evaluation.objects.create(booking=booking, ratings=[], comments="")
        return {"pk": booking.pk}

    return kwargs


def _link(kind):
    def kwargs(cast):
        from tests.training.factories import BookingFactory
        from training.selfservice import links

        booking = BookingFactory(
            session=_upcoming(cast), learner=cast.learner_b.learner, partner=cast.agency_b, organisation_name=""
        )
        if kind == "approval":
            from django.utils import timezone

            booking.status = booking.Status.AWAITING_APPROVAL
            booking.approval_requested_at = timezone.now()
            booking.manager_email = "manager.b@example.org"
            booking.save()
            return {"token": links.approval_token(booking)}
        return {"token": links.cancel_token(booking)} if kind == "cancel" else {"token": "forged"}

    return kwargs


#: Public pages: everyone alike, the anonymous visitor included.
EVERYONE = expect(ACCOUNT_HOLDERS, anonymous=200)
NOT_FOUND_FOR_ALL = expect(set(), anonymous=404, refused=404)
#: The learner's own pages: learners only, the partnership's roles refused.
LEARNERS = expect(LEARNER)

LEARNING_ENTRIES = [
    Entry("learning:catalogue", EVERYONE, kwargs=_catalogue, note="public: no sign-in"),
    Entry(
        "learning:catalogue",
        EVERYONE,
        kwargs=_catalogue,
        query="month=2026-12&topic=Neglect&level=Level+3",
        variant="filtered",
    ),
    Entry("learning:session", EVERYONE, kwargs=_catalogue_session),
    Entry("learning:session-ics", EVERYONE, kwargs=_catalogue_session),
    Entry(
        "learning:sign-up",
        expect(set(), anonymous=200, refused=302),
        kwargs=_catalogue,
        note="signed-in users are sent on",
    ),
    Entry("learning:sign-up-done", EVERYONE, kwargs=_catalogue),
    Entry("learning:verify", NOT_FOUND_FOR_ALL, kwargs=lambda cast: {"token": "forged"}, note="a forged link"),
    Entry("learning:my-training", LEARNERS),
    Entry("learning:verify-again", expect(LEARNER, ok=405), note="POST only"),
    Entry("learning:book", expect(LEARNER, ok=405), kwargs=_catalogue_session, note="POST only"),
    Entry("learning:booking", LEARNERS, kwargs=_learner_booking(lambda cast: cast.learner), variant="own"),
    Entry(
        "learning:booking",
        expect(LEARNER, ok=404),
        kwargs=_learner_booking(lambda cast: cast.learner_b),
        variant="another learner's",
        note="IDOR: another learner's booking is not found",
    ),
    Entry("learning:booking-cancel", LEARNERS, kwargs=_learner_booking(lambda cast: cast.learner), variant="own"),
    Entry(
        "learning:booking-cancel",
        expect(LEARNER, ok=404),
        kwargs=_learner_booking(lambda cast: cast.learner_b),
        variant="another learner's",
    ),
    Entry("learning:evaluation", LEARNERS, kwargs=_learner_booking(lambda cast: cast.learner), variant="own"),
    Entry(
        "learning:evaluation",
        expect(LEARNER, ok=404),
        kwargs=_learner_booking(lambda cast: cast.learner_b),
        variant="another learner's",
        note="IDOR: another learner's evaluation is not found",
    ),
    Entry("learning:impact", LEARNERS, kwargs=_learner_booking(lambda cast: cast.learner), variant="own"),
    Entry(
        "learning:impact",
        expect(LEARNER, ok=404),
        kwargs=_learner_booking(lambda cast: cast.learner_b),
        variant="another learner's",
        note="IDOR: another learner's impact questionnaire is not found",
    ),
    Entry(
        "learning:certificate",
        expect(LEARNER, ok=404),
        kwargs=_learner_booking(lambda cast: cast.learner, evaluated=True, of=lambda cast: cast.learner_b),
        variant="another learner's",
        note="IDOR: another learner's certificate is not found",
    ),
    Entry(
        "learning:certificate",
        expect(LEARNER, ok=404),
        kwargs=_learner_booking(lambda cast: cast.learner),
        variant="own, not evaluated yet",
        note="released only by the evaluation",
    ),
    Entry(
        "learning:certificate",
        LEARNERS,
        kwargs=_learner_booking(lambda cast: cast.learner, evaluated=True),
        variant="own, evaluated",
    ),
    Entry("learning:cancel-link", EVERYONE, kwargs=_link("cancel"), note="the signed link is the permission"),
    Entry("learning:cancel-link", NOT_FOUND_FOR_ALL, kwargs=_link("forged"), variant="forged"),
    Entry("learning:offer-accept", NOT_FOUND_FOR_ALL, kwargs=_link("forged"), variant="forged"),
    Entry(
        "learning:approval",
        EVERYONE,
        kwargs=_link("approval"),
        note="the manager's signed link is the permission: no sign-in",
    ),
    Entry("learning:approval", NOT_FOUND_FOR_ALL, kwargs=_link("forged"), variant="forged"),
]

ENTRIES = [
    *LEARNING_ENTRIES,
    Entry("training:summary", expect(READERS), note="partner leads use their agency's page"),
    Entry("training:summary", expect(READERS), query="year=2016/17", variant="a past year"),
    Entry("training:session-list", expect(READERS)),
    Entry("training:course-evaluations", expect(READERS), kwargs=lambda cast: {"pk": _course(cast).pk}),
    Entry("training:impact-file", expect(READERS), kwargs=lambda cast: {"pk": _impact_plan(cast).pk}),
    Entry("training:session-create", expect(KEEPERS)),
    Entry("training:session-detail", expect(READERS), kwargs=_session_kwargs),
    Entry("training:booking-create", expect(KEEPERS), kwargs=_session_kwargs),
    Entry("training:team-booking", expect(KEEPERS), kwargs=_session_kwargs),
    Entry("training:attendance", expect(KEEPERS), kwargs=_session_kwargs),
    Entry("training:session-cancel", expect(KEEPERS), kwargs=_session_kwargs, note="confirmation page"),
    Entry("training:booking-cancel", expect(KEEPERS), kwargs=lambda cast: {"pk": _booking(cast).pk}),
    Entry(
        "training:booking-accept",
        expect(KEEPERS, ok=405),
        kwargs=lambda cast: {"pk": _booking(cast).pk},
        note="POST only",
    ),
    Entry(
        "training:agency",
        expect(READERS, lead_a=404),
        kwargs=lambda cast: {"pk": cast.agency_b.pk},
        note="a partner lead sees only their own agency's bookings and charges",
        variant="agency B",
    ),
    Entry("training:agency", expect(SIGNED_IN), kwargs=lambda cast: {"pk": cast.agency_a.pk}, variant="agency A"),
    Entry(
        "training:agency-export",
        expect(READERS, lead_a=404),
        kwargs=lambda cast: {"pk": cast.agency_b.pk},
        variant="agency B",
        note="a partner lead exports only their own agency's staff bookings",
    ),
    Entry(
        "training:agency-export", expect(SIGNED_IN), kwargs=lambda cast: {"pk": cast.agency_a.pk}, variant="agency A"
    ),
    Entry(
        "training:agency-charges-pdf",
        expect(READERS, lead_a=404),
        kwargs=lambda cast: {"pk": cast.agency_b.pk},
        variant="agency B",
    ),
    Entry(
        "training:agency-charges-pdf",
        expect(SIGNED_IN),
        kwargs=lambda cast: {"pk": cast.agency_a.pk},
        variant="agency A",
    ),
    Entry(
        "training:invoice-request",
        expect(KEEPERS),
        kwargs=lambda cast: {"pk": cast.agency_b.pk},
        note="the confirmation page",
    ),
    Entry("training:charges", expect(READERS)),
    Entry("training:charges-export", expect(READERS)),
    Entry("training:elearning-import", expect(KEEPERS)),
]


def _course(cast):
    from tests.training.factories import CourseFactory

    return CourseFactory(board=cast.board)


def _module(cast):
    from tests.training.factories import ModuleFactory

    return ModuleFactory(board=cast.board)


def _policy(cast):
    from training.models import TrainingPolicy

    return TrainingPolicy.objects.create(board=cast.board)


def _rate(cast):
    from training.models import ChargeRate

    return ChargeRate.objects.create(board=cast.board, sector="health", reason="did_not_attend", amount="25.00")


def _statement(cast):
    from training.models import YearStatement

    return YearStatement.objects.create(board=cast.board, start_year=2016, places_booked=10)


def _package(cast):
    from training.models import ELearningPackage

    return ELearningPackage.objects.create(board=cast.board, start_year=2016, licences_purchased=5000, cost="7650")


def _module_total(cast):
    from training.models import ELearningModuleTotal

    return ELearningModuleTotal.objects.create(module=_module(cast), start_year=2016, completed=10)


def _enrolment(cast):
    from training.models import ELearningEnrolment

    return ELearningEnrolment.objects.create(
        module=_module(cast), learner_name="Learner", partner=cast.agency_b, allocated_on=date(2016, 5, 1)
    )


def _activity(cast):
    from training.models import OtherActivity

    return OtherActivity.objects.create(
        board=cast.board, start_year=2016, kind="whole_school", description="Schools", people_trained=10
    )


ADMIN_MODELS = {
    "training.course": AdminPolicy(obj=_course),
    "training.session": AdminPolicy(obj=_session),
    "training.booking": AdminPolicy(obj=_booking),
    "training.trainingpolicy": AdminPolicy(obj=_policy),
    "training.chargerate": AdminPolicy(obj=_rate),
    "training.yearstatement": AdminPolicy(obj=_statement),
    "training.elearningmodule": AdminPolicy(obj=_module),
    "training.elearningpackage": AdminPolicy(obj=_package),
    "training.elearningenrolment": AdminPolicy(obj=_enrolment),
    "training.elearningmoduletotal": AdminPolicy(obj=_module_total),
    "training.otheractivity": AdminPolicy(obj=_activity),
}
