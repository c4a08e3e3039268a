"""Forms for partner updates: a section's questions, case studies, rounds and review comments."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django import forms
from django.utils import timezone

from partners.models import Partner
from partners.selectors import priorities_for
from reports.selfreports.models import CaseStudy, FormTemplate, Question
from reports.selfreports.selectors import QuestionSpec
from wscb.forms import SpecificErrorMessagesMixin

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

    def answer_values(self) -> dict[str, str]:
        return {spec.key: value_to_text(self.cleaned_data.get(spec.key)) for spec in self.specs}


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
    note = forms.CharField(
        label="Message to the agency (optional)", widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
