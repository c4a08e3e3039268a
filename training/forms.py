"""Forms for sessions, bookings, attendance and cancellations."""

from django import forms
from django.utils import timezone

from partners.models import Partner
from training.models import Booking, Session
from training.services import ATTENDANCE_CHOICES, Delegate
from wscb.forms import SpecificErrorMessagesMixin


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class SessionForm(SpecificErrorMessagesMixin, forms.ModelForm):
    class Meta:
        model = Session
        fields = [
            "course",
            "starts_on",
            "start_time",
            "end_time",
            "venue",
            "places_available",
            "trainer_names",
            "trainer_agencies",
        ]
        widgets = {
            "starts_on": DateInput(),
            "start_time": forms.TimeInput(attrs={"type": "time"}),
            "end_time": forms.TimeInput(attrs={"type": "time"}),
        }

    def __init__(self, *args, courses, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["course"].queryset = courses
        self.fields["places_available"].required = True
        self.fields["trainer_agencies"].queryset = Partner.objects.filter(is_active=True)
        self.fields["trainer_agencies"].required = False


class AgencyFields(SpecificErrorMessagesMixin, forms.Form):
    partner = forms.ModelChoiceField(
        label="Agency", queryset=Partner.objects.filter(is_active=True), required=False, empty_label="Not a partner"
    )
    organisation_name = forms.CharField(label="Or community or voluntary organisation", max_length=200, required=False)

    def clean(self):
        data = super().clean()
        if bool(data.get("partner")) == bool(data.get("organisation_name", "").strip()):
            raise forms.ValidationError("Choose a partner agency or name a community organisation (one, not both).")
        return data


class BookingForm(AgencyFields):
    delegate_name = forms.CharField(max_length=150)
    email = forms.EmailField(label="E-mail address", required=False)
    job_title = forms.CharField(max_length=150, required=False)
    field_order = ["delegate_name", "email", "job_title", "partner", "organisation_name"]

    def delegate(self) -> Delegate:
        data = self.cleaned_data
        return Delegate(
            name=data["delegate_name"],
            email=data["email"],
            job_title=data["job_title"],
            partner=data["partner"],
            organisation_name=data["organisation_name"],
        )


class TeamBookingForm(AgencyFields):
    delegates = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="One delegate a line: name, e-mail address, job title (e-mail and job title may be left out).",
    )
    field_order = ["partner", "organisation_name", "delegates"]

    def clean_delegates(self) -> list[tuple[str, str, str]]:
        rows = []
        email_field = forms.EmailField(required=False)
        for number, line in enumerate(self.cleaned_data["delegates"].splitlines(), start=1):
            if not line.strip():
                continue
            parts = [part.strip() for part in line.split(",")]
            if len(parts) > 3 or not parts[0]:
                raise forms.ValidationError(f"Line {number}: write name, e-mail address, job title.")
            parts += [""] * (3 - len(parts))
            try:
                email_field.clean(parts[1])
            except forms.ValidationError:
                raise forms.ValidationError(f"Line {number}: {parts[1]} is not an e-mail address.") from None
            rows.append(tuple(parts))
        if not rows:
            raise forms.ValidationError("Add at least one delegate.")
        return rows

    def team(self) -> list[Delegate]:
        data = self.cleaned_data
        return [
            Delegate(name, email, job_title, data["partner"], data["organisation_name"])
            for name, email, job_title in data["delegates"]
        ]


class AttendanceForm(SpecificErrorMessagesMixin, forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, bookings, **kwargs):
        super().__init__(*args, **kwargs)
        self.bookings = list(bookings)
        choices = [(value, Booking.Status(value).label) for value in ATTENDANCE_CHOICES]
        for booking in self.bookings:
            self.fields[f"booking_{booking.pk}"] = forms.ChoiceField(
                label=f"{booking.delegate_name} ({booking.agency_name})",
                choices=choices,
                widget=forms.RadioSelect,
                initial=booking.status if booking.status in ATTENDANCE_CHOICES else Booking.Status.ATTENDED,
            )

    def rows(self):
        return [(booking, self[f"booking_{booking.pk}"]) for booking in self.bookings]

    def outcomes(self) -> dict[int, str]:
        return {booking.pk: self.cleaned_data[f"booking_{booking.pk}"] for booking in self.bookings}


class SessionCancelForm(SpecificErrorMessagesMixin, forms.Form):
    reason = forms.ChoiceField(choices=Session.CancellationReason.choices, widget=forms.RadioSelect)
    cancelled_on = forms.DateField(label="Date cancelled", widget=DateInput(), initial=timezone.localdate)
    version = forms.IntegerField(widget=forms.HiddenInput)


class BookingCancelForm(SpecificErrorMessagesMixin, forms.Form):
    """When the delegate cancelled: today unless recorded later (lateness is counted from this date)."""

    cancelled_on = forms.DateField(
        label="Date cancelled",
        widget=DateInput(),
        required=False,
        help_text="The day the delegate cancelled, dd/mm/yyyy. Left empty: today.",
    )
    reason = forms.CharField(
        label="Reason given", max_length=200, required=False, help_text="Why the delegate cancelled, if they said."
    )

    def clean_cancelled_on(self):
        day = self.cleaned_data["cancelled_on"] or timezone.localdate()
        if day > timezone.localdate():
            raise forms.ValidationError("The date cancelled cannot be in the future.")
        return day
