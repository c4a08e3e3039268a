"""Forms for writing the report's narrative and activity text, and for its settings."""

import re

from django import forms

from reports.annual import placeholders
from reports.annual.models import NarrativeSection, PriorityActivity
from wscb.forms import SpecificErrorMessagesMixin, apply_specific_messages
from wscb.words import termed

MAX_TEXT = 60_000


def check_figures(text: str, names: set[str] | None) -> None:
    """Refuse double braces that are not a figure name, and names the report has no figure for."""
    broken = placeholders.malformed(text)
    if broken:
        raise forms.ValidationError(
            f"{', '.join(broken)} is not a live figure: write a name from the list in double braces, "
            "for example {{ training.places_attended }}."
        )
    unknown = [name for name in placeholders.names_used(text) if names is not None and name not in names]
    if unknown:
        raise forms.ValidationError(f"There is no figure called {', '.join(unknown)}: choose one from the list.")


class NarrativeForm(SpecificErrorMessagesMixin, forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    class Meta:
        model = NarrativeSection
        fields = ["body", "signed_by"]
        widgets = {"body": forms.Textarea(attrs={"rows": 18})}
        labels = {"body": "Text (Markdown)"}

    def __init__(self, *args, kind=None, figure_names=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.figure_names = figure_names
        if kind != NarrativeSection.Kind.FOREWORD:
            del self.fields["signed_by"]

    def clean_body(self):
        body = self.cleaned_data["body"]
        if not body.strip():
            raise forms.ValidationError("Write the text before saving.")
        if len(body) > MAX_TEXT:
            raise forms.ValidationError(f"The text is too long ({len(body):,} characters; at most {MAX_TEXT:,}).")
        check_figures(body, self.figure_names)
        return body


class ActivityForm(SpecificErrorMessagesMixin, forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def __init__(self, *args, figure_names=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.figure_names = figure_names

    class Meta:
        model = PriorityActivity
        fields = ["text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 16})}
        labels = {"text": "Activity during the year (Markdown)"}

    def clean_text(self):
        text = self.cleaned_data["text"]
        if not text.strip():
            raise forms.ValidationError("Write the activity before saving.")
        check_figures(text, self.figure_names)
        return text


class PublishForm(SpecificErrorMessagesMixin, forms.Form):
    confirm = forms.BooleanField(label="I have run the readiness check and want to publish this version", required=True)


class ConfirmForm(SpecificErrorMessagesMixin, forms.Form):
    confirm = forms.BooleanField(
        label="Replace this year's training income in finance with the training charges", required=True
    )


SECTION_NUMBER = re.compile(r"^[0-9]{1,3}(\.[0-9]{1,3})*$")


class ReportSettingsForm(SpecificErrorMessagesMixin, forms.Form):
    """The report's settings: section numbers, the portal's analysis, the checks printed, and the order
    and labels of the partner updates. Built for one year's sections, checks and returns."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    include_analysis = forms.BooleanField(
        label="Include the portal's analysis in the report",
        required=False,
        help_text=termed(
            "Attendance below the threshold, quorum, direction of travel and ratings against England, "
            "each labelled as the portal's analysis, not the board's."
        ),
    )
    numbering = forms.ChoiceField(
        label="Section numbers",
        choices=[("automatic", "Number the sections 1, 2, 3 ... in order"), ("custom", "Use the numbers below")],
        widget=forms.RadioSelect,
    )
    shown_checks = forms.MultipleChoiceField(
        label="Figures that do not add up: checks printed in the report",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Every check's findings are on the readiness page; ticked ones are also printed in the report.",
    )

    def __init__(self, *args, sections, checks, returns, **kwargs):
        super().__init__(*args, **kwargs)
        self.sections, self.returns = sections, returns
        self.fields["shown_checks"].choices = [(check.name, termed(check.title)) for check in checks]
        for key, title in sections:
            self.fields[f"number_{key}"] = forms.CharField(
                label=termed(title), required=False, max_length=12, widget=forms.TextInput(attrs={"size": 6})
            )
        for report in returns:
            self.fields[f"position_{report.pk}"] = forms.IntegerField(
                label=f"{report.partner.name}: position", required=False, min_value=1, max_value=999
            )
            self.fields[f"label_{report.pk}"] = forms.CharField(
                label=f"{report.partner.name}: label", required=False, max_length=20
            )
        apply_specific_messages(self)  # the fields added above, too

    def section_number_rows(self):
        return [self[f"number_{key}"] for key, _ in self.sections]

    def update_order_rows(self):
        return [(report, self[f"position_{report.pk}"], self[f"label_{report.pk}"]) for report in self.returns]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("numbering") != "custom":
            return cleaned
        seen = {}
        for key, title in self.sections:
            number = (cleaned.get(f"number_{key}") or "").strip()
            if not number:
                continue
            if not SECTION_NUMBER.match(number):
                self.add_error(f"number_{key}", "Use digits, with dots between levels (for example 6 or 6.1).")
            elif number in seen:
                self.add_error(f"number_{key}", f"{seen[number]} already has the number {number}.")
            else:
                seen[number] = title
        if not seen and not self.errors:
            raise forms.ValidationError("Give at least one section a number, or number them automatically.")
        return cleaned

    def changed_settings(self) -> str:
        """The settings changed, by the names the report's records use (for the audit trail)."""
        names = []
        for name in self.changed_data:
            if name.startswith(("number_", "numbering")):
                name = "section_numbers"
            elif name == "shown_checks":
                name = "hidden_checks"
            elif name.startswith(("position_", "label_")):
                name = "partner update order"
            if name != "version" and name not in names:
                names.append(name)
        return ", ".join(names) or "nothing"

    @property
    def section_numbers(self) -> dict[str, str]:
        if self.cleaned_data["numbering"] != "custom":
            return {}
        return {key: (self.cleaned_data.get(f"number_{key}") or "").strip() for key, _ in self.sections}

    @property
    def update_order(self) -> dict[int, tuple[int | None, str]]:
        return {
            report.pk: (self.cleaned_data.get(f"position_{report.pk}"), self.cleaned_data.get(f"label_{report.pk}", ""))
            for report in self.returns
        }
