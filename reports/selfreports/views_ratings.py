"""The picture across agencies (ratings heat map) for a year: page and CSV/XLSX export."""

from django import forms
from django.http import Http404
from django.views import View
from django.views.generic import TemplateView

from partners.models import Partner
from reports.selfreports.ratings import picture_table, rating_years, ratings_picture
from wscb.audit.services import audit_download
from wscb.boards import current_board
from wscb.data.exports import csv_response, xlsx_response
from wscb.forms import SpecificErrorMessagesMixin
from wscb.periods import ReportingYear
from wscb.permissions import RECORD_KEEPERS, PartnershipReaderMixin
from wscb.security import NoStoreMixin


class PictureFilterForm(SpecificErrorMessagesMixin, forms.Form):
    sector = forms.ChoiceField(label="Sector", required=False, choices=[("", "All sectors"), *Partner.Sector.choices])
    statutory = forms.ChoiceField(
        label="Statutory partner",
        required=False,
        choices=[("", "All agencies"), ("yes", "Statutory partners"), ("no", "Other agencies")],
    )

    def statutory_value(self) -> bool | None:
        return {"yes": True, "no": False}.get(self.cleaned_data.get("statutory", ""))


class PictureMixin(NoStoreMixin, PartnershipReaderMixin):
    def picture(self):
        year = ReportingYear.from_query(self.kwargs["start_year"])  # a year the portal can show, or 404
        if year is None:
            raise Http404
        board = current_board(self.request)
        if board is None:
            raise Http404
        self.filters = PictureFilterForm(self.request.GET or None)
        valid = self.filters.is_valid() if self.request.GET else True
        return ratings_picture(
            board=board,
            year=year,
            accepted_only=self.request.user.role not in RECORD_KEEPERS,
            sector=self.filters.cleaned_data.get("sector", "") if valid and self.request.GET else "",
            statutory=self.filters.statutory_value() if valid and self.request.GET else None,
        )


class RatingsPictureView(PictureMixin, TemplateView):
    template_name = "reports/ratings_picture.html"

    def get_context_data(self, **kwargs):
        picture = self.picture()
        return super().get_context_data(
            picture=picture,
            filters=self.filters,
            years=rating_years(board=current_board(self.request)),
            query=self.request.GET.urlencode(),
            **kwargs,
        )


class RatingsPictureExportView(PictureMixin, View):
    def get(self, request, *args, **kwargs):
        file_format = kwargs["format"]
        if file_format not in {"csv", "xlsx"}:
            raise Http404
        picture = self.picture()
        headers, rows = picture_table(picture)
        audit_download(request=request, what=f"Ratings across agencies {picture.year.label}", file_format=file_format)
        name = f"ratings-{picture.year.start_year}"
        if file_format == "xlsx":
            return xlsx_response(f"{name}.xlsx", headers, rows, title=f"Ratings {picture.year.label}")
        return csv_response(f"{name}.csv", headers, rows)
