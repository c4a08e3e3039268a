"""Forms for meetings, their documents, the one-page attendance record and attendance imports."""

from __future__ import annotations

from pathlib import Path

from django import forms
from django.core.exceptions import ValidationError

from meetings.models import Action, AgendaItem, Attendance, Decision, Declaration, Group, Meeting, Paper
from partners.models import Partner, Person
from wscb.forms import SpecificErrorMessagesMixin
from wscb.periods import ReportingYear

MAX_DOCUMENT_BYTES = 10 * 1024 * 1024
#: Extension -> (content types browsers send for it, first bytes of a real file).
DOCUMENT_TYPES = {
    ".pdf": ({"application/pdf", "application/x-pdf"}, b"%PDF-"),
    ".docx": (
        {"application/vnd.openxmlformats-officedocument.wordprocessingml.document", "application/octet-stream"},
        b"PK\x03\x04",
    ),
}


def validate_meeting_document(upload) -> None:
    """A PDF or Word (.docx) file of at most 10 MB whose type and first bytes match its extension."""
    extension = Path(upload.name).suffix.lower()
    if extension not in DOCUMENT_TYPES:
        raise ValidationError("Upload a PDF or Word (.docx) file.")
    if upload.size > MAX_DOCUMENT_BYTES:
        raise ValidationError("The file is larger than 10 MB.")
    content_types, signature = DOCUMENT_TYPES[extension]
    content_type = getattr(upload, "content_type", None)
    if content_type is not None and content_type not in content_types:
        raise ValidationError(f"The file says it is {content_type}, which is not a {extension[1:].upper()} file.")
    upload.seek(0)
    head = upload.read(len(signature))
    upload.seek(0)
    if head != signature:
        raise ValidationError(f"The file's contents are not a {extension[1:].upper()} file.")
    # the shared checks: a Word file must open as one (no damaged archive, zip bomb or macros)
    from wscb.data.uploads import validate_upload

    validate_upload(upload, kinds=("pdf", "docx"), max_bytes=MAX_DOCUMENT_BYTES)


class MeetingForm(SpecificErrorMessagesMixin, forms.ModelForm):
    reporting_year = forms.CharField(
        label="Counted in reporting year",
        required=False,
        help_text="For example 2016/17. Leave empty for the year containing the meeting's date.",
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Meeting
        fields = ("group", "held_on", "starts_at", "venue", "status", "reporting_year", "agenda", "minutes")
        widgets = {
            "held_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "starts_at": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        }

    def __init__(self, *args, board, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["group"].queryset = Group.objects.filter(board=board, is_active=True)
        self.fields["held_on"].input_formats = ["%Y-%m-%d", "%d/%m/%Y"]
        if self.instance.pk:
            self.initial["reporting_year"] = ReportingYear(self.instance.reporting_year).label
            self.initial["version"] = self.instance.version
            self.fields["version"].required = True
        for name in ("agenda", "minutes"):
            self.fields[name].validators.append(validate_meeting_document)
            self.fields[name].widget.attrs["accept"] = ".pdf,.docx"
            self.fields[name].help_text = "PDF or Word (.docx), at most 10 MB."

    def clean_reporting_year(self):
        label = self.cleaned_data["reporting_year"].strip()
        if not label:
            return None
        try:
            return ReportingYear.from_label(label).start_year
        except ValueError as error:
            raise ValidationError(str(error)) from error


def _style(form) -> None:
    for field in form.fields.values():
        if isinstance(field.widget, forms.Select):
            field.widget.attrs.setdefault("class", "form-select form-select-sm")
        elif not isinstance(field.widget, forms.HiddenInput):
            field.widget.attrs.setdefault("class", "form-control form-control-sm")


class MemberAttendanceForm(SpecificErrorMessagesMixin, forms.Form):
    """One expected member's row on the attendance page."""

    membership = forms.IntegerField(widget=forms.HiddenInput)
    status = forms.ChoiceField(choices=Attendance.Status.choices, initial=Attendance.Status.PRESENT)
    deputy_name = forms.CharField(max_length=150, required=False)
    deputy_job_title = forms.CharField(max_length=200, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _style(self)
        # static/js/attendance.js shows the deputy fields only while "deputy" is chosen.
        self.fields["status"].widget.attrs["data-deputy-fields"] = f"deputy-{self.prefix}"

    def clean(self):
        data = super().clean()
        if data.get("status") == Attendance.Status.DEPUTY and not data.get("deputy_name", "").strip():
            self.add_error("deputy_name", "Give the deputy's name.")
        return data


class OtherAttendeeForm(SpecificErrorMessagesMixin, forms.Form):
    """An author, guest presenter or observer; a blank row is ignored."""

    name = forms.CharField(max_length=150, required=False)
    job_title = forms.CharField(max_length=200, required=False)
    partner = forms.TypedChoiceField(label="Agency", required=False, coerce=int, empty_value=None)
    attendee_role = forms.ChoiceField(
        label="Role",
        choices=[choice for choice in Attendance.AttendeeRole.choices if choice[0] != Attendance.AttendeeRole.MEMBER],
        initial=Attendance.AttendeeRole.PRESENTER,
    )

    def __init__(self, *args, agency_choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        # Choices come from one query for the whole page, not one per row.
        self.fields["partner"].choices = [("", "No agency"), *agency_choices]
        _style(self)

    def clean(self):
        data = super().clean()
        if not data.get("name", "").strip() and (data.get("job_title") or data.get("partner")):
            self.add_error("name", "Give the attendee's name, or clear the row.")
        return data


MemberAttendanceFormSet = forms.formset_factory(MemberAttendanceForm, extra=0)
OtherAttendeeFormSet = forms.formset_factory(OtherAttendeeForm, extra=3)


class AttendanceVersionForm(SpecificErrorMessagesMixin, forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)


def agency_choices() -> list[tuple[int, str]]:
    return list(Partner.objects.filter(is_active=True).order_by("name").values_list("pk", "name"))


class AttendanceSheet:
    """The whole attendance page as one form: a row per expected member, other attendees, the version.

    Built from the expected memberships and saved rows loaded once, so validating and rendering
    make no query per row.
    """

    def __init__(
        self,
        *,
        meeting: Meeting,
        expected: list,
        saved: list,
        agency_choices: list,
        data=None,
        everyone_present: bool = False,
    ):
        self.expected = {membership.pk: membership for membership in expected}
        self.agency_choices = agency_choices
        # "Mark everyone present" starts every member at present, whatever was saved before.
        saved_by_member = {} if everyone_present else {row.membership_id: row for row in saved if row.membership_id}
        self.members = MemberAttendanceFormSet(
            data, prefix="members", initial=[_member_initial(m, saved_by_member.get(m.pk)) for m in expected]
        )
        self.others = OtherAttendeeFormSet(
            data,
            prefix="others",
            initial=[_other_initial(row) for row in saved if not row.membership_id],
            form_kwargs={"agency_choices": agency_choices},
        )
        self.version = AttendanceVersionForm(data, initial={"version": meeting.version})
        self.rows = list(zip(expected, self.members.forms, strict=False))

    def is_valid(self) -> bool:
        valid = self.members.is_valid() & self.others.is_valid() & self.version.is_valid()
        if valid and {form.cleaned_data["membership"] for form in self.members} != set(self.expected):
            self.members._non_form_errors = self.members.error_class(
                ["The list of members has changed: reload the page."]
            )
            return False
        return valid and self._names_are_unique()

    def _names_are_unique(self) -> bool:
        """One row per person (the database holds one row per name): a guest given a member's name,
        or two guests with the same name, is a mistake to correct, not a server error."""
        seen = {}
        for membership in self.expected.values():
            name = membership.person.full_name
            if Attendance.name_key(name) in seen:
                self.members._non_form_errors = self.members.error_class(
                    [f"Two members of this group are called {name}: tell them apart in the back office."]
                )
                return False
            seen[Attendance.name_key(name)] = name
        unique = True
        for form in self.others:
            name = form.cleaned_data.get("name", "").strip()
            if not name:
                continue
            if Attendance.name_key(name) in seen:
                form.add_error(
                    "name",
                    f"{seen[Attendance.name_key(name)]} is already on this attendance record: give each person once "
                    "(add something to tell two people apart, such as their agency).",
                )
                unique = False
            else:
                seen[Attendance.name_key(name)] = name
        return unique

    def member_entries(self):
        from meetings.services import MemberEntry

        return [
            MemberEntry(
                membership=self.expected[form.cleaned_data["membership"]],
                status=form.cleaned_data["status"],
                deputy_name=form.cleaned_data["deputy_name"].strip(),
                deputy_job_title=form.cleaned_data["deputy_job_title"].strip(),
            )
            for form in self.members
        ]

    def other_attendees(self):
        from meetings.services import OtherAttendee

        filled = [form.cleaned_data for form in self.others if form.cleaned_data.get("name", "").strip()]
        wanted = {row["partner"] for row in filled if row.get("partner")}
        partners = Partner.objects.in_bulk(wanted) if wanted else {}
        return [
            OtherAttendee(
                name=" ".join(row["name"].split()),
                job_title=row["job_title"].strip(),
                partner=partners.get(row.get("partner")),
                attendee_role=row["attendee_role"],
            )
            for row in filled
        ]


def _member_initial(membership, saved) -> dict:
    if saved is None:
        return {"membership": membership.pk, "status": Attendance.Status.PRESENT}
    return {
        "membership": membership.pk,
        "status": saved.status,
        "deputy_name": saved.deputy_name,
        "deputy_job_title": saved.deputy_job_title,
    }


def _other_initial(row) -> dict:
    return {"name": row.name, "job_title": row.job_title, "partner": row.partner_id, "attendee_role": row.attendee_role}


class AgendaItemForm(SpecificErrorMessagesMixin, forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = AgendaItem
        fields = ("title", "presenter", "presenter_agency", "purpose", "minutes_allowed")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["version"] = self.instance.version
            self.fields["version"].required = True
        self.fields["presenter"].queryset = Person.objects.select_related("partner").order_by("full_name")
        self.fields["presenter_agency"].queryset = Partner.objects.order_by("name")
        self.fields["minutes_allowed"].help_text = "How many minutes the item is given; leave empty if not set."


class PaperForm(SpecificErrorMessagesMixin, forms.ModelForm):
    class Meta:
        model = Paper
        fields = ("title", "file")
        labels = {"file": "Paper"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["title"].required = False
        self.fields["title"].help_text = "As it should read on the agenda; leave empty to use the file's name."
        self.fields["file"].validators.append(validate_meeting_document)
        self.fields["file"].widget.attrs["accept"] = ".pdf,.docx"
        self.fields["file"].help_text = (
            "PDF or Word (.docx), at most 10 MB. PDF papers are bound into the board pack; Word papers are "
            "converted when the portal can, and otherwise listed on the agenda."
        )

    def clean(self):
        cleaned = super().clean()
        upload = cleaned.get("file")
        if upload is not None and not cleaned.get("title"):
            cleaned["title"] = Path(upload.name).stem.replace("_", " ").strip()[:200] or "Paper"
        return cleaned


class DecisionForm(SpecificErrorMessagesMixin, forms.ModelForm):
    class Meta:
        model = Decision
        fields = ("text", "decided_on", "votes_for", "votes_against", "abstentions")
        widgets = {
            "text": forms.Textarea(attrs={"rows": 3}),
            "decided_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }
        help_texts = {"votes_for": "Leave the vote counts empty when no vote was taken."}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["decided_on"].input_formats = ["%Y-%m-%d", "%d/%m/%Y"]


class DeclarationForm(SpecificErrorMessagesMixin, forms.ModelForm):
    class Meta:
        model = Declaration
        fields = ("attendance", "interest")
        widgets = {"interest": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attendance"].queryset = meeting.attendances.order_by("name")
        self.fields["attendance"].help_text = "Someone recorded as at the meeting (record the attendance first)."
        self.fields["attendance"].label_from_instance = lambda row: f"{row.name} ({row.row_label})"


class MinutesForm(SpecificErrorMessagesMixin, forms.Form):
    """The minutes drafted in the portal: an opening and a text per agenda item, and/or a file."""

    opening = forms.CharField(
        label="Opening notes",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Welcome, apologies and anything before item 1.",
    )
    file = forms.FileField(
        label="Or upload the minutes",
        required=False,
        validators=[validate_meeting_document],
        help_text="PDF or Word (.docx), at most 10 MB. Leave empty to keep the file already uploaded.",
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, items, minutes=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.items = list(items)
        self.has_file = bool(minutes is not None and minutes.file)
        self.fields["file"].widget.attrs["accept"] = ".pdf,.docx"
        for item in self.items:
            self.fields[f"item_{item.pk}"] = forms.CharField(
                label=f"{item.position}. {item.title}", required=False, widget=forms.Textarea(attrs={"rows": 4})
            )
        if minutes is not None:
            self.initial.update(opening=minutes.opening, version=minutes.version)
            for item in self.items:
                self.initial[f"item_{item.pk}"] = minutes.item_texts.get(str(item.pk), "")
        # the file last, after the item texts
        self.order_fields(["opening", *[f"item_{item.pk}" for item in self.items], "file", "version"])

    def item_texts(self) -> dict:
        return {str(item.pk): self.cleaned_data[f"item_{item.pk}"] for item in self.items}

    def clean(self):
        cleaned = super().clean()
        written = cleaned.get("opening", "").strip() or any(
            cleaned.get(f"item_{item.pk}", "").strip() for item in self.items
        )
        if not self.errors and not cleaned.get("file") and not written and not self.has_file:
            raise ValidationError("Write the minutes of at least one item, or upload the minutes.")
        return cleaned


class MinutesApprovalForm(SpecificErrorMessagesMixin, forms.Form):
    approved_at_meeting = forms.ModelChoiceField(
        label="Approved at the meeting of",
        queryset=Meeting.objects.none(),
        required=False,
        help_text="The later meeting that approved these minutes, if recorded there.",
    )
    approved_on = forms.DateField(
        label="Approved on",
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        input_formats=["%Y-%m-%d", "%d/%m/%Y"],
    )

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        later = Meeting.objects.filter(group_id=meeting.group_id, held_on__gt=meeting.held_on).order_by("held_on")
        self.fields["approved_at_meeting"].queryset = later
        self.fields["approved_at_meeting"].label_from_instance = lambda row: f"{row.held_on:%d/%m/%Y}"
        self.meeting = meeting

    def clean(self):
        cleaned = super().clean()
        at, on = cleaned.get("approved_at_meeting"), cleaned.get("approved_on")
        if at is not None and on is not None and on < at.held_on:
            self.add_error("approved_on", "The approval cannot be before the meeting that approved them.")
        if on is not None and on < self.meeting.held_on:
            self.add_error("approved_on", "Minutes cannot be approved before the meeting was held.")
        return cleaned


class MinutesCorrectionForm(SpecificErrorMessagesMixin, forms.Form):
    reason = forms.CharField(
        label="Reason for the correction",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Kept with the new version; the approved version is not changed.",
    )


class ActionProgressForm(SpecificErrorMessagesMixin, forms.ModelForm):
    """What an action's owner changes: its status and progress (the action itself is business support's)."""

    version = forms.IntegerField(widget=forms.HiddenInput)

    class Meta:
        model = Action
        fields = ("status", "progress")
        widgets = {"progress": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial["version"] = self.instance.version

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("status") == Action.Status.DROPPED and not cleaned.get("progress", "").strip():
            self.add_error("progress", "Say why the action is no longer needed.")
        return cleaned
