"""Factories for courses, sessions and bookings."""

from datetime import date

import factory
from django.utils import timezone

from tests.partners.factories import UserFactory
from training.models import Booking, Course, CoursePlan, ELearningModule, Learner, Session
from wscb.roles import Role


class CourseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Course

    title = factory.Sequence(lambda n: f"Course {n}")
    delivery = Course.Delivery.FACE_TO_FACE


class CoursePlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CoursePlan

    course = factory.SubFactory(CourseFactory)
    start_year = 2016
    programme = CoursePlan.Programme.AGREED
    courses_planned = 1


class SessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Session

    course = factory.SubFactory(CourseFactory)
    starts_on = date(2016, 6, 15)
    venue = "Wigan Life Centre"
    places_available = 20


class BookingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Booking

    session = factory.SubFactory(SessionFactory)
    delegate_name = factory.Sequence(lambda n: f"Delegate {n}")
    email = factory.Sequence(lambda n: f"delegate{n}@example.org")
    organisation_name = "Community sports club"


class ModuleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ELearningModule

    title = factory.Sequence(lambda n: f"Module {n}")


class LearnerFactory(factory.django.DjangoModelFactory):
    """A learner who has verified their address; give ``board`` and ``partner`` (or an organisation)."""

    class Meta:
        model = Learner
        skip_postgeneration_save = True

    user = factory.SubFactory(UserFactory, role=Role.LEARNER, job_title="Social worker")
    organisation_name = ""
    email_verified_at = factory.LazyFunction(timezone.now)

    @factory.post_generation
    def works_for_the_board(self, create, extracted, **kwargs):
        if create:
            self.user.boards.add(self.board)
