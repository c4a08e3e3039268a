"""Imports of the e-learning modules and of the provider's export (learner, agency, module, allocated date,
completed date), and of courses, sessions and bookings."""

from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.utils import timezone
from import_export import fields, resources, widgets

from partners.models import Board
from partners.services import member_agencies
from training.models import Booking, Course, ELearningEnrolment, ELearningModule, Session
from wscb.data.imports import NewRowsAreNeverUnchangedMixin

DATE_FORMATS = ("%d/%m/%Y", "%d/%m/%y", "%Y-%m-%d")
ELEARNING_REQUIRED = ("Learner", "Module", "Allocated date")
ELEARNING_OPTIONAL = ("Agency", "Completed date")
COLUMNS = ("Learner", "Agency", "Module", "Allocated date", "Completed date")


class UKDateWidget(widgets.Widget):
    """Dates as the provider writes them (dd/mm/yyyy), ISO dates, or Excel date cells."""

    def __init__(self, *, required: bool):
        super().__init__()
        self.required = required

    def clean(self, value, row=None, **kwargs):
        if isinstance(value, datetime):
            return value.date()
        if isinstance(value, date):
            return value
        text = str(value or "").strip()
        if not text:
            if self.required:
                raise ValueError("A date is required.")
            return None
        day, month, year = [*text.split("/"), "", ""][:3]
        if len(year) == 4 and day.isdigit() and month.isdigit() and year.isdigit():
            # The provider's usual dd/mm/yyyy without strptime's cost (a tenth of an import's time).
            try:
                return date(int(year), int(month), int(day))
            except ValueError:
                raise ValueError(f"{text!r} is not a date like 31/03/2017.") from None
        for format in DATE_FORMATS:
            try:
                return datetime.strptime(text, format).date()
            except ValueError:
                continue
        raise ValueError(f"{text!r} is not a date like 31/03/2017.")


class ModuleWidget(widgets.Widget):
    """A module of the board, by title (ignoring case); the titles are read once per import."""

    def __init__(self, *, board: Board):
        super().__init__()
        self.modules = {module.title.casefold(): module for module in ELearningModule.objects.filter(board=board)}

    def clean(self, value, row=None, **kwargs):
        title = str(value or "").strip()
        if not title:
            raise ValueError("The module is missing.")
        try:
            return self.modules[title.casefold()]
        except KeyError:
            raise ValueError(f"There is no e-learning module called {title!r}.") from None


class ELearningEnrolmentResource(resources.ModelResource):
    """Every row is a new licence; the agency is a partner (by name or short name) or else a named
    community organisation. Used all-or-nothing by ``services.elearning_import``."""

    learner = fields.Field(attribute="learner_name", column_name="Learner", widget=widgets.CharWidget())
    allocated = fields.Field(attribute="allocated_on", column_name="Allocated date", widget=UKDateWidget(required=True))
    completed = fields.Field(
        attribute="completed_on", column_name="Completed date", widget=UKDateWidget(required=False)
    )

    class Meta:
        model = ELearningEnrolment
        fields = ("learner", "module", "allocated", "completed")
        import_id_fields = ()
        force_init_instance = True
        clean_model_instances = True
        skip_unchanged = False
        use_bulk = True
        batch_size = 1000
        skip_diff = True  # every row is new and the page shows no diff: the copy and compare cost a third

    def __init__(self, *, board: Board):
        super().__init__()
        self.fields["module"] = fields.Field(attribute="module", column_name="Module", widget=ModuleWidget(board=board))
        self._import_fields = None
        # The board's own agencies; any other name is a community organisation, recorded by name.
        self.partners = {}
        for partner in member_agencies(board=board):
            self.partners[partner.name.casefold()] = partner
            self.partners[partner.short_name.casefold()] = partner

    #: The heading an error of a field without a column of its own is shown under.
    error_headings = {"partner": "Agency", "organisation_name": "Agency"}

    #: ``wscb.data.import_jobs.ImportProgress`` when a job imports the file (counts for its status page).
    progress = None

    def bulk_create(self, using_transactions, dry_run, raise_errors, batch_size=None, result=None):
        # A preview (dry run) has validated every row already: writing the rows only to roll them
        # back would make the preview cost as much as the import.
        if dry_run:
            self.create_instances.clear()
            return
        count = len(self.create_instances)
        super().bulk_create(using_transactions, dry_run, raise_errors, batch_size=batch_size, result=result)
        if self.progress is not None and count:
            self.progress.written(count)

    def import_row(self, row, instance_loader, **kwargs):
        row_result = super().import_row(row, instance_loader, **kwargs)
        if self.progress is not None:
            self.progress.checked()
        return row_result

    def before_import(self, dataset, **kwargs):
        # The headings as the provider writes them ("allocated date"), matched ignoring case and spacing.
        canonical = {" ".join(column.lower().split()): column for column in COLUMNS}
        dataset.headers = [
            canonical.get(" ".join(str(header or "").replace("_", " ").lower().split()), header)
            for header in dataset.headers
        ]
        missing = [column for column in COLUMNS if column not in dataset.headers and column not in ELEARNING_OPTIONAL]
        if missing:
            raise ValueError(f"The file has no {', '.join(missing)} column. Expected: {', '.join(COLUMNS)}.")

    def get_import_fields(self):
        # import-export works the field order out again for every row; it never changes.
        if self._import_fields is None:
            self._import_fields = super().get_import_fields()
        return self._import_fields

    def import_instance(self, instance, row, **kwargs):
        # Each cell straight through its widget onto the instance, with import-export's own error
        # shape: its per-cell path (import_field, Field.save, Field.clean) cost a third of a row.
        errors = {}
        for field in self.get_import_fields():
            try:
                setattr(instance, field.attribute, field.widget.clean(row.get(field.column_name), row=row))
            except ValueError as error:
                errors[field.attribute] = ValidationError(str(error), code="invalid")
        # The agency first, whatever else is wrong with the row: a row whose module or date is wrong still
        # names its agency (it once got a false "the agency is missing" beside its real error).
        agency = str(row.get("Agency") or "").strip()
        partner = self.partners.get(agency.casefold())
        instance.partner = partner
        instance.organisation_name = "" if partner else agency
        if errors:
            raise ValidationError(errors)

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        # full_clean() would look up the module and agency and test each check constraint with a
        # query per row; both come from this resource's caches, so the same rules are checked here
        # in Python (the database constraints still stand behind them). 5,000 rows in seconds.
        errors = dict(import_validation_errors or {})
        try:
            # The dates come from UKDateWidget already parsed (and required where the model needs them).
            instance.full_clean(
                exclude=[*errors.keys(), "module", "partner", "allocated_on", "completed_on"],
                validate_unique=False,
                validate_constraints=False,
            )
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        for field, messages in instance.constraint_problems().items():
            errors.setdefault(field, []).extend(messages)
        if errors:
            raise ValidationError(errors)


class ELearningModuleResource(NewRowsAreNeverUnchangedMixin, resources.ModelResource):
    """The e-learning modules the board licenses, which the provider's export names: a row whose title is a
    module of the board (ignoring case) updates it; any other row adds one."""

    REQUIRED = ["Title"]
    OPTIONAL = ["In the package"]

    title = fields.Field(attribute="title", column_name="Title", widget=widgets.CharWidget())
    is_in_package = fields.Field(attribute="is_in_package", column_name="In the package")

    class Meta:
        model = ELearningModule
        fields = ("title", "is_in_package")
        import_id_fields = ("title",)
        skip_unchanged = True
        report_skipped = True
        clean_model_instances = True
        use_bulk = False

    def __init__(self, *, board: Board | None = None):
        super().__init__()
        from wscb.data.import_widgets import YesNoCell

        self.board = board
        self.fields["is_in_package"].widget = YesNoCell(default=True)

    def get_queryset(self):
        if self.board is None:
            return ELearningModule.objects.none()
        return ELearningModule._base_manager.filter(board=self.board)

    def before_import(self, dataset, **kwargs):
        from wscb.data.imports import ImportRejected

        if self.board is None:
            raise ImportRejected("Choose the board or partnership to import e-learning modules for first.")
        self._modules = {module.title.casefold(): module for module in self.get_queryset()}

    def get_instance(self, instance_loader, row):
        return self._modules.get(str(row.get("Title") or "").strip().casefold())

    def init_instance(self, row=None):
        instance = super().init_instance(row)
        instance.board = self.board
        return instance

    def import_instance(self, instance, row, **kwargs):
        stored = instance.title if instance.pk else None
        super().import_instance(instance, row, **kwargs)
        if stored and str(instance.title).casefold() == stored.casefold():
            instance.title = stored  # matched ignoring case: the title stays as the board writes it


#: Modules boards commonly license, offered as the template's example (the first the board has not got).
USUAL_MODULES = ("Safeguarding Children Awareness", "Hidden Harm", "Child Sexual Exploitation", "Domestic Abuse")


def _example_module(board) -> str:
    held = {
        title.casefold() for title in ELearningModule._base_manager.filter(board=board).values_list("title", flat=True)
    }
    return next((title for title in USUAL_MODULES if title.casefold() not in held), "Online Safety")


# --- courses, sessions and bookings on the Imports page (wscb.data.import_kinds) ----------------------------
def _board_name(board) -> str:
    return board.short_name if board is not None else ""


def _agency_cells(board) -> dict:
    agencies = {}
    for partner in member_agencies(board=board) if board is not None else []:
        agencies[partner.name.casefold()] = partner
        agencies[partner.short_name.casefold()] = partner
    return agencies


class CourseResource(NewRowsAreNeverUnchangedMixin, resources.ModelResource):
    """The board's course catalogue: a row whose title is a course of the board (ignoring case) updates
    it; any other row adds a course. The course's own rules (``full_clean``) are the back office's."""

    REQUIRED = ["Title"]
    OPTIONAL = ["Delivery", "Level", "Audience", "Description", "Active"]

    title = fields.Field(attribute="title", column_name="Title", widget=widgets.CharWidget())
    delivery = fields.Field(attribute="delivery", column_name="Delivery")
    level = fields.Field(attribute="level", column_name="Level", widget=widgets.CharWidget())
    audience = fields.Field(attribute="audience", column_name="Audience", widget=widgets.CharWidget())
    description = fields.Field(attribute="description", column_name="Description", widget=widgets.CharWidget())
    is_active = fields.Field(attribute="is_active", column_name="Active")

    class Meta:
        model = Course
        fields = ("title", "delivery", "level", "audience", "description", "is_active")
        import_id_fields = ("title",)
        skip_unchanged = True
        report_skipped = True
        clean_model_instances = True
        use_bulk = False

    def __init__(self, *, board: Board | None = None):
        super().__init__()
        from wscb.data.import_widgets import ChoiceCell, YesNoCell

        self.board = board
        self.fields["delivery"].widget = ChoiceCell(Course.Delivery.choices, default=Course.Delivery.FACE_TO_FACE)
        self.fields["is_active"].widget = YesNoCell(default=True)

    def get_queryset(self):
        return Course._base_manager.filter(board=self.board) if self.board is not None else Course.objects.none()

    def before_import(self, dataset, **kwargs):
        from wscb.data.imports import ImportRejected

        if self.board is None:
            raise ImportRejected("Choose the board or partnership to import courses for first.")
        self._courses = {course.title.casefold(): course for course in self.get_queryset()}

    def get_instance(self, instance_loader, row):
        return self._courses.get(str(row.get("Title") or "").strip().casefold())

    def init_instance(self, row=None):
        instance = super().init_instance(row)
        instance.board = self.board
        return instance

    def import_instance(self, instance, row, **kwargs):
        stored = instance.title if instance.pk else None
        super().import_instance(instance, row, **kwargs)
        if stored and str(instance.title).casefold() == stored.casefold():
            instance.title = stored  # matched ignoring case: the title stays as the board writes it


class SessionResource(resources.ModelResource):
    """One row per date of a course: every row is a new session. A past year's sessions come in as
    delivered or cancelled (with the reason and the date cancelled). A session of the same course, date and
    start time already recorded, or repeated in the file, is an error naming it."""

    REQUIRED = ["Course", "Date", "Places available"]
    OPTIONAL = ["Start time", "End time", "Venue", "Trainers", "Status", "Cancellation reason", "Cancelled on"]

    course = fields.Field(attribute="course", column_name="Course")
    starts_on = fields.Field(attribute="starts_on", column_name="Date")
    places_available = fields.Field(attribute="places_available", column_name="Places available")
    start_time = fields.Field(attribute="start_time", column_name="Start time")
    end_time = fields.Field(attribute="end_time", column_name="End time")
    venue = fields.Field(attribute="venue", column_name="Venue", widget=widgets.CharWidget())
    trainer_names = fields.Field(attribute="trainer_names", column_name="Trainers", widget=widgets.CharWidget())
    status = fields.Field(attribute="status", column_name="Status")
    cancellation_reason = fields.Field(attribute="cancellation_reason", column_name="Cancellation reason")
    cancelled_on = fields.Field(attribute="cancelled_on", column_name="Cancelled on")

    class Meta:
        model = Session
        fields = (
            "course",
            "starts_on",
            "places_available",
            "start_time",
            "end_time",
            "venue",
            "trainer_names",
            "status",
            "cancellation_reason",
            "cancelled_on",
        )
        import_id_fields = ()
        force_init_instance = True
        clean_model_instances = True
        skip_diff = True
        use_bulk = False

    def __init__(self, *, board: Board | None = None):
        super().__init__()
        from wscb.data.import_widgets import ChoiceCell, DateCell, LookupCell, NumberCell, TimeCell

        self.board = board
        courses = list(Course._base_manager.filter(board=board)) if board is not None else []
        self.fields["course"].widget = LookupCell(
            courses, names=lambda c: (c.title,), what=f"course of {_board_name(board)}", shown=lambda c: c.title
        )
        self.fields["starts_on"].widget = DateCell(required=True)
        self.fields["places_available"].widget = NumberCell(required=True)
        self.fields["start_time"].widget = TimeCell()
        self.fields["end_time"].widget = TimeCell()
        self.fields["status"].widget = ChoiceCell(Session.Status.choices, default=Session.Status.SCHEDULED)
        self.fields["cancellation_reason"].widget = ChoiceCell(
            [("", ""), *Session.CancellationReason.choices], default=""
        )
        self.fields["cancelled_on"].widget = DateCell()

    def before_import(self, dataset, **kwargs):
        from wscb.data.imports import ImportRejected

        if self.board is None:
            raise ImportRejected("Choose the board or partnership to import sessions for first.")
        self._seen = dict.fromkeys(
            Session._base_manager.filter(course__board=self.board).values_list("course_id", "starts_on", "start_time"),
            "already recorded",
        )

    def import_row(self, row, instance_loader, **kwargs):
        self._row = kwargs.get("row_number", 0) + 1
        return super().import_row(row, instance_loader, **kwargs)

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        errors = dict(import_validation_errors or {})
        cancelled = instance.status == Session.Status.CANCELLED
        if cancelled and not instance.cancellation_reason and "cancellation_reason" not in errors:
            errors["cancellation_reason"] = ["A cancelled session needs a reason."]
        if cancelled and instance.cancelled_on is None and "cancelled_on" not in errors:
            errors["cancelled_on"] = ["Give the date the session was cancelled."]
        if not cancelled and (instance.cancellation_reason or instance.cancelled_on):
            errors.setdefault("status", []).append(
                "Only a cancelled session has a cancellation reason and date: write Cancelled, or clear them."
            )
        if (
            instance.status == Session.Status.DELIVERED
            and instance.starts_on
            and instance.starts_on > timezone.localdate()
        ):
            errors.setdefault("status", []).append("A session cannot be delivered before its date.")
        key = (instance.course_id, instance.starts_on, instance.start_time)
        if instance.course_id and instance.starts_on:
            if key in self._seen:
                errors.setdefault("starts_on", []).append(
                    f"A session of {instance.course.title} on {instance.starts_on:%d/%m/%Y}"
                    f"{f' at {instance.start_time:%H:%M}' if instance.start_time else ''} is {self._seen[key]}."
                )
            else:
                self._seen[key] = f"in row {self._row} of the file"
        super().validate_instance(instance, errors, validate_unique)


#: What a booking's outcome may be in the bookings import.
BOOKING_OUTCOMES = (
    Booking.Status.BOOKED,
    Booking.Status.ATTENDED,
    Booking.Status.DID_NOT_ATTEND,
    Booking.Status.CANCELLED,
)


class BookingResource(resources.ModelResource):
    """One row per delegate's place on a session, with its outcome: booked, attended, did not attend, or
    cancelled with the date cancelled (lateness is counted from it, by the board's rule) and the reason
    given. Every row is a new booking; the session is the course's on that date (and start time, when the
    course runs twice that day). The agency is one of the board's agencies by name or short name; any
    other name is a community or voluntary organisation. A delegate already booked on the session, or
    booked twice in the file, and more places taken than the session has, are errors."""

    REQUIRED = ["Course", "Session date", "Delegate name", "Agency"]
    OPTIONAL = ["Start time", "E-mail address", "Job title", "Outcome", "Cancelled on", "Reason given"]

    course = fields.Field(column_name="Course")
    session_date = fields.Field(column_name="Session date")
    delegate_name = fields.Field(attribute="delegate_name", column_name="Delegate name", widget=widgets.CharWidget())
    agency = fields.Field(column_name="Agency")
    start_time = fields.Field(column_name="Start time")
    email = fields.Field(attribute="email", column_name="E-mail address", widget=widgets.CharWidget())
    job_title = fields.Field(attribute="job_title", column_name="Job title", widget=widgets.CharWidget())
    status = fields.Field(attribute="status", column_name="Outcome")
    cancelled_on = fields.Field(attribute="cancelled_on", column_name="Cancelled on")
    cancellation_reason = fields.Field(
        attribute="cancellation_reason", column_name="Reason given", widget=widgets.CharWidget()
    )

    class Meta:
        model = Booking
        fields = (
            "course",
            "session_date",
            "delegate_name",
            "agency",
            "start_time",
            "email",
            "job_title",
            "status",
            "cancelled_on",
            "cancellation_reason",
        )
        import_id_fields = ()
        force_init_instance = True
        clean_model_instances = True
        skip_diff = True
        use_bulk = False

    def __init__(self, *, board: Board | None = None):
        super().__init__()
        from wscb.data.import_widgets import ChoiceCell, DateCell, LookupCell, TimeCell

        self.board = board
        courses = list(Course._base_manager.filter(board=board)) if board is not None else []
        self.fields["course"].widget = LookupCell(
            courses, names=lambda c: (c.title,), what=f"course of {_board_name(board)}", shown=lambda c: c.title
        )
        self.fields["session_date"].widget = DateCell(required=True)
        self.fields["start_time"].widget = TimeCell()
        self.fields["status"].widget = ChoiceCell(
            [(value, Booking.Status(value).label) for value in BOOKING_OUTCOMES], default=Booking.Status.BOOKED
        )
        self.fields["cancelled_on"].widget = DateCell()

    def before_import(self, dataset, **kwargs):
        from training.models import TrainingPolicy
        from wscb.data.imports import ImportRejected

        if self.board is None:
            raise ImportRejected("Choose the board or partnership to import bookings for first.")
        self._agencies = _agency_cells(self.board)
        self._policy = TrainingPolicy._base_manager.filter(board=self.board).first() or TrainingPolicy(board=self.board)
        self._sessions: dict[tuple, list[Session]] = {}
        for session in Session._base_manager.filter(course__board=self.board).select_related("course"):
            self._sessions.setdefault((session.course_id, session.starts_on), []).append(session)
        self._taken: dict[int, int] = {}
        for session_id in Booking._base_manager.filter(
            session__course__board=self.board, status__in=Booking.HOLDS_PLACE
        ).values_list("session_id", flat=True):
            self._taken[session_id] = self._taken.get(session_id, 0) + 1
        self._seen = {
            (session_id, name.casefold()): "already booked on it"
            for session_id, name in Booking._base_manager.filter(session__course__board=self.board).values_list(
                "session_id", "delegate_name"
            )
        }

    def import_row(self, row, instance_loader, **kwargs):
        self._row = kwargs.get("row_number", 0) + 1
        return super().import_row(row, instance_loader, **kwargs)

    def _session(self, row, errors):
        cells = {}
        for name in ("course", "session_date", "start_time"):
            try:
                field = self.fields[name]
                cells[name] = field.widget.clean(row.get(field.column_name), row=row)
            except ValueError as error:
                errors.setdefault(name, []).append(str(error))
        if "course" not in cells or "session_date" not in cells:
            return None
        course, day, at = cells["course"], cells["session_date"], cells.get("start_time")
        sessions = self._sessions.get((course.pk, day), [])
        if at is not None:
            sessions = [session for session in sessions if session.start_time == at]
        if not sessions:
            errors.setdefault("session_date", []).append(
                f"{course.title} has no session on {day:%d/%m/%Y}{f' at {at:%H:%M}' if at else ''}: "
                "import the sessions first."
            )
            return None
        if len(sessions) > 1:
            errors.setdefault("start_time", []).append(
                f"{course.title} has {len(sessions)} sessions on {day:%d/%m/%Y}: give the start time."
            )
            return None
        return sessions[0]

    def import_instance(self, instance, row, **kwargs):
        errors = {}
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        session = self._session(row, errors)
        if session is not None:
            instance.session = session
        agency = str(row.get("Agency") or "").strip()
        partner = self._agencies.get(agency.casefold()) if agency else None
        instance.partner = partner
        instance.organisation_name = "" if partner else agency
        if not agency:
            errors.setdefault("agency", []).append(
                "Name the delegate's agency, or the community or voluntary organisation."
            )
        if errors:
            raise ValidationError(errors)

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        errors = dict(import_validation_errors or {})
        session = instance.session if instance.session_id else None
        cancelled = instance.status == Booking.Status.CANCELLED
        today = timezone.localdate()
        if cancelled and instance.cancelled_on is None and "cancelled_on" not in errors:
            errors["cancelled_on"] = ["Give the date the delegate cancelled."]
        if not cancelled and (instance.cancelled_on or instance.cancellation_reason):
            errors.setdefault("status", []).append(
                "Only a cancelled booking has a date cancelled and a reason: write Cancelled, or clear them."
            )
        if instance.cancelled_on and instance.cancelled_on > today:
            errors.setdefault("cancelled_on", []).append("The date cancelled cannot be in the future.")
        if session is not None:
            if (
                instance.status in (Booking.Status.ATTENDED, Booking.Status.DID_NOT_ATTEND)
                and session.starts_on > today
            ):
                errors.setdefault("status", []).append(
                    f"Attendance cannot be recorded before the session ({session.starts_on:%d/%m/%Y})."
                )
            key = (session.pk, str(instance.delegate_name or "").casefold())
            if instance.delegate_name and key in self._seen:
                errors.setdefault("delegate_name", []).append(
                    f"{instance.delegate_name} is {self._seen[key]} ({session})."
                )
            elif instance.delegate_name:
                self._seen[key] = f"booked on the same session in row {self._row} of the file"
            if instance.status in Booking.HOLDS_PLACE:
                taken = self._taken.get(session.pk, 0) + 1
                if session.places_available is not None and taken > session.places_available:
                    errors.setdefault("session_date", []).append(
                        f"{session} has {session.places_available} places: this row would be booking number {taken}."
                    )
                self._taken[session.pk] = taken
            if cancelled and instance.cancelled_on:
                instance.is_late_cancellation = self._policy.cancellation_is_late(
                    starts_on=session.starts_on, on=instance.cancelled_on
                )
        super().validate_instance(instance, errors, validate_unique)


def _courses(board) -> list[str]:
    return list(
        Course._base_manager.filter(board=board, is_active=True).order_by("title").values_list("title", flat=True)
    )


def _example_session(board):
    from wscb.years import board_current_year

    year = board_current_year(board)
    return (
        Session._base_manager.filter(course__board=board, starts_on__range=(year.start, year.end))
        .select_related("course")
        .order_by("starts_on", "pk")
        .first()
        or Session._base_manager.filter(course__board=board).select_related("course").order_by("-starts_on").first()
    )


def training_import_kinds():
    from wscb.data.import_kinds import ImportKind
    from wscb.years import board_current_year

    def session_example(board):
        year = board_current_year(board)
        return {
            "Course": next(iter(_courses(board)), ""),
            "Date": f"14/09/{year.start_year}",
            "Places available": "20",
            "Start time": "09:30",
            "End time": "16:30",
            "Venue": "Council Chamber",
            "Trainers": "A Trainer",
            "Status": Session.Status.DELIVERED.label if year.end < timezone.localdate() else "Scheduled",
            "Cancellation reason": "",
            "Cancelled on": "",
        }

    def booking_example(board):
        session = _example_session(board)
        agencies = list(member_agencies(board=board).order_by("short_name").values_list("short_name", flat=True))
        return {
            "Course": session.course.title if session else "",
            "Session date": f"{session.starts_on:%d/%m/%Y}" if session else "",
            "Start time": f"{session.start_time:%H:%M}" if session and session.start_time else "",
            "Delegate name": "Sam Example",
            "Agency": next(iter(agencies), ""),
            "E-mail address": "sam.example@example.org",
            "Job title": "Social worker",
            "Outcome": Booking.Status.BOOKED.label,
            "Cancelled on": "",
            "Reason given": "",
        }

    def modules(board):
        return list(ELearningModule._base_manager.filter(board=board).order_by("title").values_list("title", flat=True))

    agencies = lambda board: list(  # noqa: E731
        member_agencies(board=board).order_by("short_name").values_list("short_name", flat=True)
    )
    return [
        ImportKind(
            key="courses",
            title="Training courses",
            description=(
                "The course catalogue, one row per course: a row whose title is a course of the board updates it; "
                "any other row adds a course."
            ),
            resource=lambda board, user: CourseResource(board=board),
            required=tuple(CourseResource.REQUIRED),
            optional=tuple(CourseResource.OPTIONAL),
            example=lambda board: {
                "Title": "Example Multi-agency Safeguarding",
                "Delivery": Course.Delivery.FACE_TO_FACE.label,
                "Level": "Level 3",
                "Audience": "Practitioners in every agency",
                "Description": "",
                "Active": "Yes",
            },
            valid_values=lambda board: {
                "Delivery": [str(label) for _, label in Course.Delivery.choices],
                "Active": ["Yes", "No"],
                "Title": _courses(board),
            },
            notes={
                "Title": "Unique in the board; a title the board has already updates that course",
                "Delivery": "One of those listed (default Face-to-face)",
                "Active": "Yes or No (default Yes)",
            },
            done_url="admin:training_course_changelist",
            order=40,
        ),
        ImportKind(
            key="sessions",
            title="Training sessions",
            description=(
                "One row per date of a course: every row is a new session. Import the courses first; a past "
                "year's sessions are Delivered or Cancelled."
            ),
            resource=lambda board, user: SessionResource(board=board),
            required=tuple(SessionResource.REQUIRED),
            optional=tuple(SessionResource.OPTIONAL),
            example=session_example,
            valid_values=lambda board: {
                "Course": _courses(board),
                "Status": [str(label) for _, label in Session.Status.choices],
                "Cancellation reason": [str(label) for _, label in Session.CancellationReason.choices],
            },
            notes={
                "Course": "A course of the board, by title",
                "Date": "dd/mm/yyyy",
                "Places available": "A whole number",
                "Start time": "Like 09:30",
                "End time": "Like 16:30, after the start time",
                "Trainers": "The trainers' names, comma separated",
                "Status": "Scheduled (the default), Delivered or Cancelled",
                "Cancellation reason": "For a cancelled session: one of those listed",
                "Cancelled on": "For a cancelled session: dd/mm/yyyy",
            },
            done_url="training:session-list",
            order=41,
        ),
        ImportKind(
            key="bookings",
            title="Training bookings and attendance",
            description=(
                "One row per delegate's place on a session, with its outcome: every row is a new booking. "
                "Import the sessions first. A cancellation is late (and may be charged) by the board's rule, "
                "counted from the date cancelled."
            ),
            resource=lambda board, user: BookingResource(board=board),
            required=tuple(BookingResource.REQUIRED),
            optional=tuple(BookingResource.OPTIONAL),
            example=booking_example,
            valid_values=lambda board: {
                "Course": _courses(board),
                "Agency": agencies(board),
                "Outcome": [str(Booking.Status(value).label) for value in BOOKING_OUTCOMES],
            },
            notes={
                "Course": "A course of the board, by title",
                "Session date": "The session's date, dd/mm/yyyy",
                "Start time": "Only when the course has two sessions that day, like 09:30",
                "Agency": "One of the board's agencies by short name or name; any other name is recorded as a "
                "community or voluntary organisation",
                "Outcome": "Booked (the default), Attended, Did not attend or Cancelled",
                "Cancelled on": "For a cancellation: the day the delegate cancelled, dd/mm/yyyy",
                "Reason given": "For a cancellation: why, if the delegate said",
            },
            done_url="training:session-list",
            order=42,
        ),
        ImportKind(
            key="elearning-modules",
            title="E-learning modules",
            description=(
                "The e-learning modules the board licenses, one row per module: a row whose title is a module of "
                "the board updates it; any other row adds one. Import them before the provider's licences."
            ),
            resource=lambda board, user: ELearningModuleResource(board=board),
            required=tuple(ELearningModuleResource.REQUIRED),
            optional=tuple(ELearningModuleResource.OPTIONAL),
            example=lambda board: {"Title": _example_module(board), "In the package": "Yes"},
            valid_values=lambda board: {"Title": modules(board), "In the package": ["Yes", "No"]},
            notes={
                "Title": "As the provider's export names it; a title the board has already updates that module",
                "In the package": "Yes (the default) for a module in the licence package, No for one bought at "
                "extra cost",
            },
            done_url="admin:training_elearningmodule_changelist",
            order=43,
        ),
        ImportKind(
            key="elearning",
            title="E-learning licences",
            description=(
                "The e-learning provider's export, one row per licence allocated to a learner: every row is a new "
                "licence. Import the modules first. A file of many thousand rows is imported by a worker, with its "
                "progress shown."
            ),
            resource=lambda board, user: ELearningEnrolmentResource(board=board),
            required=ELEARNING_REQUIRED,
            optional=ELEARNING_OPTIONAL,
            example=lambda board: {
                "Learner": "Sam Example",
                "Agency": next(iter(agencies(board)), ""),
                "Module": next(iter(modules(board)), ""),
                "Allocated date": f"01/05/{board_current_year(board).start_year}",
                "Completed date": f"12/05/{board_current_year(board).start_year}",
            },
            valid_values=lambda board: {"Module": modules(board), "Agency": agencies(board)},
            notes={
                "Learner": "The learner's name",
                "Agency": "One of the board's agencies by short name or name; any other name is recorded as a "
                "community or voluntary organisation",
                "Module": "One of the board's e-learning modules, by title",
                "Allocated date": "dd/mm/yyyy",
                "Completed date": "dd/mm/yyyy, on or after the allocated date; blank if not completed",
            },
            done_url="training:summary",
            order=44,
            # job_start (a file too big for a request): training.tasks, given in training.apps
        ),
    ]
