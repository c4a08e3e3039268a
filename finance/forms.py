"""Forms for finance lines. Each edit form carries the version it was loaded at.

The rules of a line are the model's (``clean()`` and the field validators), and amounts are read by
``wscb.money.PoundsField``: the spreadsheet import checks every row by the same rules
(``finance.resources``), so a row the form would refuse is refused with the form's message."""

from django import forms

from finance.models import Contribution, ExpenditureCategory, ExpenditureLine, IncomeLine
from finance.resources import FORMATS
from partners.models import Partner
from wscb.forms import SpecificErrorMessagesMixin
from wscb.money import PoundsField


class VersionedForm(SpecificErrorMessagesMixin, forms.ModelForm):
    """Adds the hidden ``version`` field that the service checks before saving."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            self.initial["version"] = self.instance.version

    def model_fields(self) -> dict:
        return {name: value for name, value in self.cleaned_data.items() if name != "version"}


class ExpenditureLineForm(VersionedForm):
    class Meta:
        model = ExpenditureLine
        fields = ("category", "kind", "amount", "description", "spent_on", "supplier_reference")
        widgets = {"spent_on": forms.DateInput(attrs={"placeholder": "dd/mm/yyyy"})}
        help_texts = {"amount": "In pounds, for example 1234.50."}
        field_classes = {"amount": PoundsField}

    def __init__(self, *args, board, **kwargs):
        super().__init__(*args, **kwargs)
        categories = ExpenditureCategory.objects.filter(board=board).order_by("order", "name")
        if not self.instance.pk:
            categories = categories.filter(is_active=True)
        self.fields["category"].queryset = categories


class ContributionForm(VersionedForm):
    class Meta:
        model = Contribution
        fields = (
            "partner",
            "amount_agreed",
            "amount_invoiced",
            "amount_received",
            "invoice_reference",
            "invoiced_on",
            "received_on",
        )
        widgets = {
            "invoiced_on": forms.DateInput(attrs={"placeholder": "dd/mm/yyyy"}),
            "received_on": forms.DateInput(attrs={"placeholder": "dd/mm/yyyy"}),
        }
        field_classes = dict.fromkeys(("amount_agreed", "amount_invoiced", "amount_received"), PoundsField)

    def __init__(self, *args, finance_year, **kwargs):
        super().__init__(*args, **kwargs)
        self.finance_year = finance_year
        partners = Partner.objects.order_by("name")
        if not self.instance.pk:
            partners = partners.filter(is_active=True)
            # The list offers the agencies without a contribution yet; one chosen anyway (someone added
            # it meanwhile) gets validate_unique's message rather than "not one of the choices".
            available = partners.exclude(contributions__finance_year=finance_year)
            self.fields["partner"].choices = [("", "---------"), *((p.pk, str(p)) for p in available)]
        self.fields["partner"].queryset = partners

    def validate_unique(self):
        # The year is not a form field; check the (year, partner) pair ourselves.
        partner = self.cleaned_data.get("partner")
        if partner is None:
            return
        clash = Contribution.objects.filter(finance_year=self.finance_year, partner=partner)
        if self.instance.pk:
            clash = clash.exclude(pk=self.instance.pk)
        if clash.exists():
            self.add_error("partner", f"{partner} already has a contribution for {self.finance_year.label}.")


class IncomeLineForm(VersionedForm):
    class Meta:
        model = IncomeLine
        fields = ("kind", "partner", "description", "amount", "received_on")
        widgets = {"received_on": forms.DateInput(attrs={"placeholder": "dd/mm/yyyy"})}
        field_classes = {"amount": PoundsField}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partner"].queryset = Partner.objects.order_by("name")
        self.fields["partner"].required = False


class ImportForm(SpecificErrorMessagesMixin, forms.Form):
    """The size limit is the shared ``IMPORT_MAX_UPLOAD_BYTES``, checked by ``wscb.data.imports.read_upload``."""

    file = forms.FileField(help_text="A CSV (UTF-8) or Excel (.xlsx) file with a header row.")

    def clean_file(self):
        uploaded = self.cleaned_data["file"]
        extension = uploaded.name.rsplit(".", 1)[-1].lower() if "." in uploaded.name else ""
        if extension not in FORMATS:
            raise forms.ValidationError("Choose a .csv or .xlsx file.")
        self.file_format = extension
        return uploaded


class YearRangeForm(SpecificErrorMessagesMixin, forms.Form):
    end = forms.TypedChoiceField(label="Last year", coerce=int)
    count = forms.TypedChoiceField(
        label="Number of years", coerce=int, choices=[(n, n) for n in range(1, 6)], initial=3, required=False
    )

    def __init__(self, *args, years, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["end"].choices = [(year.start_year, year.label) for year in years]
