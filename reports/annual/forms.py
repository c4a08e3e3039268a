"""Forms for writing the report's narrative and activity text."""

from django import forms

from reports.annual.models import NarrativeSection, PriorityActivity
from wscb.forms import SpecificErrorMessagesMixin

MAX_TEXT = 60_000


class NarrativeForm(SpecificErrorMessagesMixin, forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    class Meta:
        model = NarrativeSection
        fields = ["body", "signed_by"]
        widgets = {"body": forms.Textarea(attrs={"rows": 18})}
        labels = {"body": "Text (Markdown)"}

    def __init__(self, *args, kind=None, **kwargs):
        super().__init__(*args, **kwargs)
        if kind != NarrativeSection.Kind.FOREWORD:
            del self.fields["signed_by"]

    def clean_body(self):
        body = self.cleaned_data["body"]
        if not body.strip():
            raise forms.ValidationError("Write the text before saving.")
        if len(body) > MAX_TEXT:
            raise forms.ValidationError(f"The text is too long ({len(body):,} characters; at most {MAX_TEXT:,}).")
        return body


class ActivityForm(SpecificErrorMessagesMixin, forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    class Meta:
        model = PriorityActivity
        fields = ["text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 16})}
        labels = {"text": "Activity during the year (Markdown)"}

    def clean_text(self):
        text = self.cleaned_data["text"]
        if not text.strip():
            raise forms.ValidationError("Write the activity before saving.")
        return text


class PublishForm(SpecificErrorMessagesMixin, forms.Form):
    confirm = forms.BooleanField(label="I have run the readiness check and want to publish this version", required=True)


class ConfirmForm(SpecificErrorMessagesMixin, forms.Form):
    confirm = forms.BooleanField(
        label="Replace this year's training income in finance with the training charges", required=True
    )
