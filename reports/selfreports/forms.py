"""Forms for partner updates: a section's questions, case studies, rounds and review comments."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django import forms
from django.utils import timezone

from partners.models import Partner
from partners.selectors import priorities_for
from reports.selfreports.actions import owner_choices
from reports.selfreports.models import AssessmentAction, CaseStudy, ChallengeEvent, FormTemplate, Question
from reports.selfreports.selectors import QuestionSpec
from reports.selfreports.services import Declaration
from wscb.forms import SpecificErrorMessagesMixin
from wscb.periods import ReportingYear

Kind = Question.Kind
YES_NO = [("", "Choose"), ("yes", "Yes"), ("no", "No")]


def _field_for(spec: QuestionSpec) -> forms.Field:
    common = {"label": spec.text, "help_text": spec.help_text, "required": False}
    if spec.kind == Kind.LONG_TEXT:
        return forms.CharField(widget=forms.Textarea(attrs={"rows": 6}), max_length=20000, **common)
    if spec.kind == Kind.NUMBER:
        return forms.DecimalField(max_digits=14, decimal_places=2, **common)
    if spec.kind == Kind.YES_NO:
        return forms.ChoiceField(choices=YES_NO, **common)
    if spec.kind == Kind.DATE:
        return forms.DateField(widget=forms.DateInput(attrs={"placeholder": "dd/mm/yyyy"}), **common)
    if spec.kind == Kind.RATING:
        levels = [
            (str(level.number), f"{level.label}: {level.descriptor}" if level.descriptor else level.label)
            for level in spec.levels
        ]
        return forms.ChoiceField(choices=levels, widget=forms.RadioSelect, **common)
    if spec.kind == Kind.CHOICE:
        return forms.ChoiceField(choices=[("", "Choose"), *[(c, c) for c in spec.choices]], **common)
    return forms.CharField(max_length=500, **common)


def value_to_text(value) -> str:
    """Answers are stored as text: dates ISO, numbers without trailing zeros."""
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    return str(value)


def text_to_initial(spec: QuestionSpec, text: str):
    if spec.kind == Kind.DATE and text:
        try:
            return date.fromisoformat(text)
        except ValueError:
            return text
    return text


class SectionForm(SpecificErrorMessagesMixin, forms.Form):
    """One field per question; answers may be left blank in a draft (submission checks required ones)."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def __init__(self, *args, specs: list[QuestionSpec], **kwargs):
        super().__init__(*args, **kwargs)
        self.specs = specs
        for spec in specs:
            field = _field_for(spec)
            if spec.is_required:
                field.label = f"{spec.text}"
                field.help_text = " ".join(filter(None, [spec.help_text, "Required before you submit."]))
            self.fields[spec.key] = field
            if spec.is_rating:
                self.fields[spec.justification_key] = forms.CharField(
                    label=f"Why this rating? ({spec.standard or spec.text})",
                    help_text="Required before you submit." if spec.justification_required else "Optional.",
                    widget=forms.Textarea(attrs={"rows": 3}),
                    max_length=20000,
                    required=False,
                )

    def answer_values(self) -> dict[str, str]:
        values = {spec.key: value_to_text(self.cleaned_data.get(spec.key)) for spec in self.specs}
        for spec in self.specs:
            if spec.is_rating:
                values[spec.justification_key] = value_to_text(self.cleaned_data.get(spec.justification_key))
        return values


class CaseStudyForm(SpecificErrorMessagesMixin, forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    confirm = forms.BooleanField(
        label="I confirm the declaration above is true for this case study.",
        required=True,
        error_messages={"required": "Confirm the declaration: case studies describe real children."},
    )

    class Meta:
        model = CaseStudy
        fields = ["title", "text", "priority", "declaration", "consent_recorded_on"]
        widgets = {
            "text": forms.Textarea(attrs={"rows": 12}),
            "declaration": forms.RadioSelect,
            "consent_recorded_on": forms.DateInput(attrs={"placeholder": "dd/mm/yyyy"}),
        }

    def __init__(self, *args, report, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["priority"].queryset = priorities_for(board=report.round.board, year=report.round.year)
        self.fields["priority"].required = False
        self.fields["declaration"].choices = list(CaseStudy.Declaration.choices)
        if self.instance.pk:
            self.fields["version"].initial = self.instance.version
            self.fields["confirm"].initial = True

    def clean(self):
        cleaned = super().clean()
        declaration = cleaned.get("declaration")
        consent_on = cleaned.get("consent_recorded_on")
        if declaration == CaseStudy.Declaration.CONSENT and not consent_on:
            self.add_error("consent_recorded_on", "Give the date consent was recorded.")
        if consent_on and consent_on > timezone.localdate():
            self.add_error("consent_recorded_on", "The date consent was recorded cannot be in the future.")
        return cleaned


class RoundForm(SpecificErrorMessagesMixin, forms.Form):
    template = forms.ModelChoiceField(
        queryset=FormTemplate.objects.none(), label="Update form (reporting year)", empty_label=None
    )
    deadline = forms.DateField(widget=forms.DateInput(attrs={"placeholder": "dd/mm/yyyy"}))
    agencies = forms.ModelMultipleChoiceField(
        queryset=Partner.objects.filter(is_active=True).order_by("name"),
        widget=forms.CheckboxSelectMultiple,
        label="Agencies that must return an update",
    )

    is_historical = forms.BooleanField(
        label="Record this round as history: a past year's round, e-mail nobody",
        required=False,
        help_text=(
            "For a year whose updates were collected before the portal: the deadline may be in the past, "
            "and no invitations or reminders are e-mailed. Enter the returns afterwards."
        ),
    )

    def __init__(self, *args, templates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["template"].queryset = templates

    def clean(self):
        cleaned = super().clean()
        deadline = cleaned.get("deadline")
        if deadline and deadline < timezone.localdate() and not cleaned.get("is_historical"):
            self.add_error(
                "deadline",
                f"The deadline {deadline:%d/%m/%Y} is in the past. To record a past year's round, tick "
                "“Record this round as history” to confirm: no e-mails are sent.",
            )
        return cleaned


class CommentForm(SpecificErrorMessagesMixin, forms.Form):
    text = forms.CharField(label="Comment for the agency", widget=forms.Textarea(attrs={"rows": 3}), max_length=5000)


class ReturnForm(SpecificErrorMessagesMixin, forms.Form):
    message = forms.CharField(
        label="Message to the agency (optional)",
        widget=forms.Textarea(attrs={"rows": 3, "form": "review-form"}),
        required=False,
        max_length=5000,
        help_text="Saved with every button of the review (adding a comment too), and sent with the return.",
    )


class DeclarationForm(SpecificErrorMessagesMixin, forms.Form):
    """The declaration on the check-your-answers page; the date is the day it is made."""

    declared_name = forms.CharField(
        label="Your name", max_length=200, error_messages={"required": "Give your name for the declaration."}
    )
    declared_role = forms.CharField(
        label="Your role",
        max_length=200,
        error_messages={"required": "Give your role for the declaration."},
        help_text="Your job title, for example Designated safeguarding lead.",
    )
    declared_endorsed_by = forms.CharField(
        label="Endorsed by (optional)",
        max_length=200,
        required=False,
        help_text="The senior manager who endorsed this update, if any.",
    )
    confirm = forms.BooleanField(
        label="I declare that this update is accurate and complete to the best of my knowledge, and that I may "
        "submit it for my agency.",
        error_messages={"required": "Confirm the declaration before you submit."},
    )

    @staticmethod
    def initial_for(user) -> dict:
        return {"declared_name": user.full_name, "declared_role": getattr(user, "job_title", "")}

    def declaration(self):
        return Declaration(
            name=self.cleaned_data["declared_name"],
            role=self.cleaned_data["declared_role"],
            endorsed_by=self.cleaned_data.get("declared_endorsed_by", ""),
        )


class _ActionFieldsMixin:
    """The owner is one of the agency's people; the due date is dd/mm/yyyy."""

    def _set_owner_choices(self, partner):
        self.fields["owner"].queryset = owner_choices(partner=partner)
        self.fields["owner"].empty_label = "Choose the person who owns it"
        if not self.fields["owner"].queryset.exists():
            self.fields[
                "owner"
            ].help_text = "No people are recorded for the agency yet: business support adds them in the back office."


class ActionRaiseForm(SpecificErrorMessagesMixin, _ActionFieldsMixin, forms.Form):
    """Raise an action from an answer (``question_key``) of a return."""

    question_key = forms.CharField(widget=forms.HiddenInput, required=False)
    what = forms.CharField(
        label="What will be done",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
        error_messages={"required": "Say what will be done."},
    )
    owner = forms.ModelChoiceField(
        label="Owner", queryset=None, error_messages={"required": "Choose the person who owns the action."}
    )
    due_on = forms.DateField(
        label="Due by",
        widget=forms.DateInput(attrs={"placeholder": "dd/mm/yyyy"}),
        help_text="For example 31/03/2018.",
        error_messages={"required": "Give the date it is due by.", "invalid": "Give the date as dd/mm/yyyy."},
    )

    def __init__(self, *args, partner, **kwargs):
        super().__init__(*args, **kwargs)
        self._set_owner_choices(partner)

    def clean_due_on(self):
        due_on = self.cleaned_data["due_on"]
        if due_on < timezone.localdate():
            raise forms.ValidationError("The due date must be today or later.")
        return due_on


class ActionUpdateForm(SpecificErrorMessagesMixin, _ActionFieldsMixin, forms.Form):
    """Record progress on an action: its status, due date and owner, with a progress note."""

    version = forms.IntegerField(widget=forms.HiddenInput)
    status = forms.ChoiceField(label="Status", error_messages={"required": "Choose a status."})
    note = forms.CharField(
        label="Progress note",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=5000,
        required=False,
        help_text="What has been done since the last update. Kept in the action's history.",
    )
    due_on = forms.DateField(
        label="Due by",
        widget=forms.DateInput(attrs={"placeholder": "dd/mm/yyyy"}),
        error_messages={"required": "Give the date it is due by.", "invalid": "Give the date as dd/mm/yyyy."},
    )
    owner = forms.ModelChoiceField(
        label="Owner", queryset=None, error_messages={"required": "Choose the person who owns the action."}
    )

    def __init__(self, *args, action, **kwargs):
        kwargs.setdefault(
            "initial",
            {"version": action.version, "status": action.status, "due_on": action.due_on, "owner": action.owner_id},
        )
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = AssessmentAction.Status.choices
        self._set_owner_choices(action.partner)
        self.prefix = f"action-{action.pk}"


class EvidenceForm(SpecificErrorMessagesMixin, forms.Form):
    """Attach a file to one answer of a return (the file is checked here and again by the service)."""

    key = forms.ChoiceField(label="Evidence for the answer to", error_messages={"required": "Choose the question."})
    file = forms.FileField(
        label="File",
        help_text="PDF, Word, Excel, PowerPoint, PNG or JPEG, up to the size limit. Files with macros or "
        "scripts are refused.",
        error_messages={"required": "Choose the file to attach."},
    )

    def __init__(self, *args, questions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["key"].choices = [("", "Choose the question"), *questions]

    def clean_file(self):
        from reports.selfreports.models import EVIDENCE_KINDS
        from wscb.data.uploads import validate_upload

        upload = self.cleaned_data["file"]
        validate_upload(upload, kinds=EVIDENCE_KINDS)
        return upload


class ChallengeForm(SpecificErrorMessagesMixin, forms.ModelForm):
    """A challenge event; the year is written as 2016/17."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    year = forms.CharField(
        label="Reporting year challenged",
        help_text="The year of the self-assessment challenged, for example 2016/17.",
        error_messages={"required": "Give the reporting year challenged, for example 2016/17."},
    )

    class Meta:
        model = ChallengeEvent
        fields = ["partner", "held_on", "panel", "questions", "response", "outcome", "outcome_notes"]
        widgets = {
            "held_on": forms.DateInput(attrs={"placeholder": "dd/mm/yyyy"}),
            "panel": forms.Textarea(attrs={"rows": 3}),
            "questions": forms.Textarea(attrs={"rows": 5}),
            "response": forms.Textarea(attrs={"rows": 5}),
            "outcome": forms.RadioSelect,
            "outcome_notes": forms.Textarea(attrs={"rows": 3}),
        }

    field_order = ["partner", "year", "held_on", "panel", "questions", "response", "outcome", "outcome_notes"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partner"].queryset = Partner.objects.order_by("name")
        self.fields["partner"].empty_label = "Choose the agency"
        self.fields["outcome"].choices = list(self.Meta.model.Outcome.choices)
        if self.instance.pk:
            self.fields["version"].initial = self.instance.version
            self.fields["year"].initial = self.instance.year.label

    def clean_year(self):
        year = ReportingYear.from_query(self.cleaned_data["year"])
        if year is None:
            raise forms.ValidationError("Give the reporting year as 2016/17.")
        return year

    def clean_held_on(self):
        held_on = self.cleaned_data["held_on"]
        if held_on and held_on > timezone.localdate():
            raise forms.ValidationError("The date held cannot be in the future.")
        return held_on

    def challenge_data(self) -> dict:
        data = {name: self.cleaned_data.get(name) for name in self.Meta.fields}
        data["start_year"] = self.cleaned_data["year"].start_year
        return data


class AgreedActionForm(ActionRaiseForm):
    """An action agreed at a challenge event (no question)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["question_key"]

    def clean_due_on(self):
        return self.cleaned_data["due_on"]
