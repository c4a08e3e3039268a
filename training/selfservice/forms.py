"""Forms of training self-service: the learners' sign-up (with its honeypot) and the catalogue filters."""

from django import forms
from django.contrib.auth.password_validation import password_validators_help_text_html

from partners.models import Partner
from wscb.forms import SpecificErrorMessagesMixin

OTHER = "other"


class SignUpForm(SpecificErrorMessagesMixin, forms.Form):
    full_name = forms.CharField(
        label="Your name", max_length=150, widget=forms.TextInput(attrs={"autocomplete": "name"})
    )
    job_title = forms.CharField(max_length=150, widget=forms.TextInput(attrs={"autocomplete": "organization-title"}))
    organisation = forms.ChoiceField(
        label="Your organisation",
        help_text='Choose "Another organisation" for a voluntary or community group not in the list.',
    )
    organisation_name = forms.CharField(
        label="Name of your organisation",
        max_length=200,
        required=False,
        help_text='If you chose "Another organisation".',
    )
    email = forms.EmailField(
        label="Work e-mail address",
        help_text="We send a link to this address: open it to confirm the address before your first booking.",
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    password = forms.CharField(
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=password_validators_help_text_html(),
    )
    password_again = forms.CharField(
        label="Password again", strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "new-password"})
    )
    manager_name = forms.CharField(label="Your manager's name (optional)", max_length=150, required=False)
    manager_email = forms.EmailField(
        label="Your manager's e-mail address (optional)",
        required=False,
        help_text="Used only where a course needs your manager's approval.",
    )
    privacy = forms.BooleanField(
        label="I have read the privacy notice above",
        error_messages={"required": "Tick to say you have read the privacy notice."},
    )
    #: The honeypot: hidden from people (and from screen readers' tab order), filled in by bots.
    website = forms.CharField(
        label="Leave this field empty",
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    def __init__(self, *args, agencies, **kwargs):
        super().__init__(*args, **kwargs)
        self.agencies = {str(agency.pk): agency for agency in agencies}
        self.fields["organisation"].choices = [
            ("", "Choose your organisation"),
            *((pk, agency.name) for pk, agency in self.agencies.items()),
            (OTHER, "Another organisation"),
        ]

    @property
    def is_bot(self) -> bool:
        return bool(self.data.get("website"))

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("organisation") == OTHER and not cleaned.get("organisation_name", "").strip():
            self.add_error("organisation_name", "Enter the name of your organisation.")
        if (
            cleaned.get("password")
            and cleaned.get("password_again")
            and cleaned["password"] != cleaned["password_again"]
        ):
            self.add_error("password_again", "The two passwords are different.")
        return cleaned

    @property
    def partner(self) -> Partner | None:
        return self.agencies.get(self.cleaned_data.get("organisation"))


RATING_CHOICES = [(str(value), str(value)) for value in range(1, 6)]


class EvaluationForm(SpecificErrorMessagesMixin, forms.Form):
    """One before and one after rating (1 = not at all confident, 5 = very confident) per learning
    outcome of the course, and free text."""

    comments = forms.CharField(
        label="Anything else you would like to tell us (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=4000,
    )

    def __init__(self, *args, outcomes: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.outcomes = outcomes
        fields = {}
        for number, outcome in enumerate(outcomes):
            for when in ("before", "after"):
                fields[f"{when}_{number}"] = forms.ChoiceField(
                    label=f"{outcome}: {when} the course",
                    choices=RATING_CHOICES,
                    widget=forms.RadioSelect,
                    help_text="1 = not at all confident, 5 = very confident",
                    error_messages={"required": f"Rate this {when} the course."},
                )
        self.fields = {**fields, **self.fields}

    @property
    def ratings(self) -> list[dict]:
        return [
            {
                "outcome": outcome,
                "before": int(self.cleaned_data[f"before_{number}"]),
                "after": int(self.cleaned_data[f"after_{number}"]),
            }
            for number, outcome in enumerate(self.outcomes)
        ]


class ManagerForm(SpecificErrorMessagesMixin, forms.Form):
    """The manager who approves the learner's place, on a course that needs it (kept on their account)."""

    manager_name = forms.CharField(label="Your manager's name", max_length=150)
    manager_email = forms.EmailField(
        label="Your manager's e-mail address",
        help_text="We e-mail your manager a link to approve your place; it is held until they answer.",
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
    )


class ImpactForm(SpecificErrorMessagesMixin, forms.Form):
    """The follow-up impact questionnaire: how much the course changed the learner's practice, and how."""

    practice_change = forms.TypedChoiceField(
        label="How much has the course changed your practice?",
        choices=RATING_CHOICES,
        coerce=int,
        widget=forms.RadioSelect,
        help_text="1 = not at all, 5 = a great deal",
        error_messages={"required": "Choose how much the course changed your practice."},
    )
    example = forms.CharField(
        label="What do you do differently since the course? (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=4000,
    )
