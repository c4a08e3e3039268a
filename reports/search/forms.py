"""The search form: the text, and optionally one kind of record."""

from django import forms

from reports.search.selectors import MAX_LENGTH, MIN_LENGTH, kinds_for
from wscb.forms import SpecificErrorMessagesMixin


class SearchForm(SpecificErrorMessagesMixin, forms.Form):
    q = forms.CharField(
        label="Search for",
        max_length=MAX_LENGTH,
        required=False,
        error_messages={"max_length": f"Enter at most {MAX_LENGTH} characters to search for."},
    )
    kind = forms.ChoiceField(label="Show", required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", "Every kind of record")] + [
            (kind.key, kind.plural.split(" (")[0].capitalize()) for kind in kinds_for(user)
        ]
        self.fields["kind"].error_messages["invalid_choice"] = "Choose a kind of record from the list."

    def clean_q(self):
        text = " ".join(self.cleaned_data["q"].split())
        if text and len(text) < MIN_LENGTH:
            raise forms.ValidationError(f"Enter at least {MIN_LENGTH} characters to search for.")
        return text
