"""Permission-matrix entries for the training app (see tests/permission_matrix.py)."""

from datetime import date

from tests.permission_matrix import KEEPERS, READERS, SIGNED_IN, AdminPolicy, Entry, expect


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


ENTRIES = [
    Entry("training:summary", expect(READERS), note="partner leads use their agency's page"),
    Entry("training:summary", expect(READERS), query="year=2016/17", variant="a past year"),
    Entry("training:session-list", expect(READERS)),
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
