"""Safe spreadsheet imports for every app: read the upload, then import all or nothing.

    from wscb.data.imports import ImportRejected, read_upload, run_import

    try:
        dataset = read_upload(form.cleaned_data["file"], required=["name", "sector"], optional=["is_active"])
    except ImportRejected as problem:
        form.add_error("file", str(problem))          # one clear sentence, nothing imported
    else:
        outcome = run_import(resource=PartnerResource(board=request.board), dataset=dataset, request=request)
        # outcome.ok; outcome.totals {"new": 3, "update": 1, ...}; outcome.errors [RowError(row, column, message)]

``read_upload`` refuses, before parsing: an empty file, a file over ``IMPORT_MAX_UPLOAD_BYTES``
(default 5 MB), anything that is not CSV or XLSX by extension *and* content (a PDF or ZIP
called .csv, a macro workbook called .xlsx, UTF-16), an XLSX whose unpacked size or entry
count is out of proportion (zip bomb), more than ``IMPORT_MAX_ROWS`` rows, and missing,
unknown or repeated column headings. CSV may be UTF-8 with or without a byte-order mark, or
Windows-1252 (Excel's default). Headings are matched ignoring case, spaces and underscores;
cells are trimmed (including non-breaking spaces). Only the first worksheet is read; formula
cells are row errors (paste values instead).

``run_import`` runs a dry run first; if any row has an error, nothing is written and every
row's error is returned. Otherwise it imports in one transaction, and writes an audit row.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from dataclasses import dataclass, field

import tablib
from django import forms
from django.conf import settings
from django.db import transaction

from wscb.forms import SpecificErrorMessagesMixin

#: The most an XLSX may unpack to, as a multiple of the upload limit, and its most entries.
XLSX_MAX_EXPANSION = 20
XLSX_MAX_ENTRIES = 500
CSV_FIELD_LIMIT = 100_000


class ImportRejected(Exception):
    """The whole file is refused, with a message for the person who uploaded it."""


@dataclass(frozen=True)
class RowError:
    row: int | None  # the spreadsheet row (the headings are row 1); None for the whole file
    column: str
    message: str

    def __str__(self) -> str:
        where = f"Row {self.row}" if self.row else "File"
        return f"{where}{f', column {self.column}' if self.column else ''}: {self.message}"


@dataclass
class ImportOutcome:
    ok: bool
    totals: dict = field(default_factory=dict)
    errors: list[RowError] = field(default_factory=list)
    #: For a dry run: what each row would do, in the file's order ("new", "update", "skip").
    row_types: list[str] = field(default_factory=list)


def _normalise_heading(value) -> str:
    text = "" if value is None else str(value)
    return re.sub(r"[\s_]+", " ", text.replace("\ufeff", "").replace("\xa0", " ")).strip().lower()


def _clean_cell(value):
    if isinstance(value, str):
        value = value.replace("\xa0", " ").strip()
        return re.sub(r" {2,}", " ", value)
    return value


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB"


def _decode_csv(raw: bytes) -> str:
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("cp1252")
    except UnicodeDecodeError:
        raise ImportRejected(
            "The file's characters could not be read. In Excel choose Save As, then 'CSV UTF-8 (comma delimited)'."
        ) from None


def _csv_rows(raw: bytes, max_rows: int) -> list[list]:
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ImportRejected(
            "The file is saved as UTF-16. In Excel choose Save As, then 'CSV UTF-8 (comma delimited)'."
        )
    if raw[:4] == b"PK\x03\x04" or raw[:5] == b"%PDF-" or b"\x00" in raw[:1024]:
        raise ImportRejected("The file ends in .csv but is not a CSV text file. Save it as 'CSV UTF-8'.")
    text = _decode_csv(raw)
    rows = []
    previous = csv.field_size_limit(CSV_FIELD_LIMIT)
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        for row in reader:
            if len(rows) > max_rows:
                raise ImportRejected(f"The file has more than {max_rows:,} rows; split it into smaller files.")
            rows.append(row)
    except csv.Error as error:
        raise ImportRejected(
            f"Line {reader.line_num} could not be read as CSV ({error}). Check quotes in that row."
        ) from None
    finally:
        csv.field_size_limit(previous)
    return rows


def _xlsx_rows(upload_bytes: bytes, max_bytes: int, max_rows: int) -> tuple[list[list], set[tuple[int, int]]]:
    if upload_bytes[:4] != b"PK\x03\x04":
        raise ImportRejected("The file ends in .xlsx but is not an Excel workbook.")
    try:
        archive = zipfile.ZipFile(io.BytesIO(upload_bytes))
        entries = archive.infolist()
    except (zipfile.BadZipFile, ValueError):
        raise ImportRejected("The Excel workbook is damaged and could not be opened.") from None
    names = {entry.filename for entry in entries}
    if len(entries) > XLSX_MAX_ENTRIES or sum(entry.file_size for entry in entries) > max_bytes * XLSX_MAX_EXPANSION:
        raise ImportRejected("The Excel workbook unpacks to far more data than it should; it was not opened.")
    if "xl/workbook.xml" not in names:
        raise ImportRejected("The file ends in .xlsx but is not an Excel workbook.")
    if "xl/vbaProject.bin" in names:
        raise ImportRejected("The workbook contains macros. Save it as a plain Excel workbook (.xlsx) without macros.")
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(upload_bytes), read_only=True, data_only=False)
    except Exception:  # openpyxl raises many kinds of error on a damaged file
        raise ImportRejected("The Excel workbook is damaged and could not be opened.") from None
    sheet = workbook.worksheets[0]
    rows, formula_cells = [], set()
    for row_index, row in enumerate(sheet.iter_rows(), start=1):
        if len(rows) > max_rows:
            raise ImportRejected(f"The file has more than {max_rows:,} rows; split it into smaller files.")
        values = []
        for column_index, cell in enumerate(row):
            value = getattr(cell, "value", None)
            if getattr(cell, "data_type", None) == "f":
                formula_cells.add((row_index, column_index))
            values.append(value)
        rows.append(values)
    workbook.close()
    return rows, formula_cells


def read_upload(
    upload,
    *,
    required: list[str],
    optional: list[str] = (),
    aliases: dict[str, str] | None = None,
    max_bytes: int | None = None,
    max_rows: int | None = None,
) -> tablib.Dataset:
    """Read an uploaded CSV or XLSX into a Dataset whose headers are the canonical column names.

    Raises ImportRejected with a message for the uploader. Formula cells and NUL characters
    are kept as markers that ``run_import`` reports as row errors.
    """
    max_bytes = max_bytes or settings.IMPORT_MAX_UPLOAD_BYTES
    max_rows = max_rows or settings.IMPORT_MAX_ROWS
    size = getattr(upload, "size", None)
    if size is not None and size > max_bytes:
        raise ImportRejected(f"The file is {_megabytes(size)}; the largest file accepted is {_megabytes(max_bytes)}.")
    raw = upload.read(max_bytes + 1)
    if len(raw) > max_bytes:
        raise ImportRejected(f"The file is larger than {_megabytes(max_bytes)}, the largest accepted.")
    if not raw:
        raise ImportRejected("The file is empty.")
    name = (getattr(upload, "name", "") or "").lower()
    formula_cells: set = set()
    if name.endswith(".csv"):
        rows = _csv_rows(raw, max_rows)
    elif name.endswith(".xlsx"):
        rows, formula_cells = _xlsx_rows(raw, max_bytes, max_rows)
    else:
        raise ImportRejected("Upload a CSV file (.csv) or an Excel workbook (.xlsx).")

    rows = [row for row in rows if any(_clean_cell(value) not in (None, "") for value in row)]
    if not rows:
        raise ImportRejected("The file is empty.")
    allowed = {_normalise_heading(name): name for name in [*required, *optional]}
    for alias, canonical in (aliases or {}).items():
        allowed[_normalise_heading(alias)] = canonical
    header_row = rows[0]
    while header_row and _normalise_heading(header_row[-1]) == "":
        header_row = header_row[:-1]
    headings = [_normalise_heading(value) for value in header_row]
    unknown = [
        str(raw_heading).strip() or "(blank)"
        for raw_heading, h in zip(header_row, headings, strict=True)
        if h not in allowed
    ]
    columns = [allowed.get(h) for h in headings]
    repeated = sorted({c for c in columns if c and columns.count(c) > 1})
    missing = [name for name in required if name not in columns]
    problems = []
    if missing:
        problems.append(f"missing column{'s' if len(missing) > 1 else ''}: {', '.join(missing)}")
    if unknown:
        problems.append(f"unknown column{'s' if len(unknown) > 1 else ''}: {', '.join(unknown)}")
    if repeated:
        problems.append(f"repeated column{'s' if len(repeated) > 1 else ''}: {', '.join(repeated)}")
    if problems:
        expected = ", ".join([*required, *optional])
        raise ImportRejected(
            f"The headings in the first row are wrong ({'; '.join(problems)}). "
            f"Use these headings: {expected} (the last {len(optional)} are optional)."
            if optional
            else f"The headings in the first row are wrong ({'; '.join(problems)}). Use these headings: {expected}."
        )
    if len(rows) == 1:
        raise ImportRejected("The file has headings but no rows to import.")

    dataset = tablib.Dataset(headers=columns)
    overflowing = []  # spreadsheet rows with values to the right of the last heading
    width = len(columns)
    for row_number, row in enumerate(rows[1:], start=2):
        if len(row) > width and any(_clean_cell(value) not in (None, "") for value in row[width:]):
            overflowing.append(row_number)
        cells = [_clean_cell(value) for value in list(row[:width]) + [None] * (width - len(row))]
        dataset.append(["" if value is None else value for value in cells])
    # Formula cells and NUL characters: row errors, found now while row numbers are known.
    dataset.row_problems = {}
    for row_index, column_index in formula_cells:
        if row_index > 1 and column_index < width:
            dataset.row_problems.setdefault(row_index, []).append(
                RowError(row_index, columns[column_index], "is a formula; paste the value instead")
            )
    for row_number in overflowing:
        dataset.row_problems.setdefault(row_number, []).append(
            RowError(row_number, "", "has values in columns without a heading")
        )
    for index, row in enumerate(dataset, start=2):
        for column, value in zip(columns, row, strict=False):
            if isinstance(value, str) and "\x00" in value:
                dataset.row_problems.setdefault(index, []).append(RowError(index, column, "contains a NUL character"))
    return dataset


def _duplicate_key_errors(resource, dataset) -> list[RowError]:
    key_columns = [
        resource.fields[name].column_name for name in resource._meta.import_id_fields if name in resource.fields
    ]
    if not key_columns or not all(column in (dataset.headers or []) for column in key_columns):
        return []
    seen: dict[tuple, int] = {}
    errors = []
    for row_number, row in enumerate(dataset.dict, start=2):
        key = tuple(str(row[column]).casefold() for column in key_columns)
        if key in seen:
            errors.append(RowError(row_number, ", ".join(key_columns), f"repeats row {seen[key]}"))
        else:
            seen[key] = row_number
    return errors


def _heading(resource, name: str) -> str:
    """The file's heading for a field (its ``column_name``), so an error names what the person sees."""
    fields = getattr(resource, "fields", {}) or {}
    if name in getattr(resource, "error_headings", {}):  # a model field the file names in another column
        return resource.error_headings[name]
    if name in fields and fields[name].column_name:
        return fields[name].column_name
    for candidate in fields.values():
        if getattr(candidate, "attribute", None) == name and candidate.column_name:
            return candidate.column_name
    return name


def _result_errors(result, resource=None) -> list[RowError]:
    """Every error of every row; rows numbered as the spreadsheet shows them (the headings are row 1)."""
    errors = [RowError(None, "", _short(error.error)) for error in result.base_errors]
    for number, row_errors in result.row_errors():
        for error in row_errors:
            errors.append(RowError(number + 1, "", _short(error.error)))
    for invalid in result.invalid_rows:
        for column, messages in invalid.field_specific_errors.items():
            for message in messages:
                errors.append(RowError(invalid.number + 1, _heading(resource, column), str(message)))
        for message in invalid.non_field_specific_errors:
            errors.append(RowError(invalid.number + 1, "", str(message)))
    return errors


def _short(error) -> str:
    text = str(error).splitlines()[0] if str(error) else error.__class__.__name__
    return f"could not be saved ({text[:200]})"


class _RollBack(Exception):
    pass


def run_import(*, resource, dataset, request=None, user=None, dry_run: bool = False) -> ImportOutcome:
    """Import all rows or none. Returns the totals, or every row's errors (and nothing written)."""
    from wscb.audit.models import AuditAction
    from wscb.audit.services import audit_record

    found = [error for problems in getattr(dataset, "row_problems", {}).values() for error in problems]
    if found:  # formula cells, NUL characters, values without a heading: not worth sending to the database
        return ImportOutcome(ok=False, errors=sorted(found, key=lambda e: (e.row or 0, e.column)))
    found = _duplicate_key_errors(resource, dataset)
    # A resource whose rows are keyed by what they name (an agency and a year) lists its own repeats.
    found += list(getattr(resource, "repeated_row_errors", lambda dataset: [])(dataset))
    # Repeated keys are listed here, row by row: the resource's own refusal of the whole file
    # (StrictColumnsMixin) would hide the rows' other errors behind one message.
    dataset.repeated_keys_listed = bool(found)
    options = {"raise_errors": False, "use_transactions": True, "rollback_on_validation_errors": True}
    # The dry run goes ahead even when a key is repeated, so every error of every row is listed at once
    # (nothing is written).
    result = resource.import_data(dataset, dry_run=True, **options)
    errors = found + _result_errors(result, resource)
    if errors:
        errors.sort(key=lambda e: e.row or 0)
        return ImportOutcome(ok=False, totals=dict(result.totals), errors=errors)
    if dry_run:
        return ImportOutcome(
            ok=True, totals=dict(result.totals), row_types=[str(row.import_type) for row in result.rows]
        )
    try:
        with transaction.atomic():
            result = resource.import_data(dataset, dry_run=False, **options)
            errors = _result_errors(result, resource)
            if errors:
                raise _RollBack
            totals = dict(result.totals)
            audit_record(
                request=request,
                user=user,
                action=AuditAction.IMPORTED,
                detail=(
                    f"{resource._meta.model._meta.verbose_name_plural}: {totals.get('new', 0)} new, "
                    f"{totals.get('update', 0)} updated, {totals.get('skip', 0)} unchanged"
                ),
            )
    except _RollBack:
        return ImportOutcome(ok=False, totals=dict(result.totals), errors=errors)
    return ImportOutcome(ok=True, totals=totals)


# --- the same checks for django-import-export's back-office import ---------------------------
def _checked_bytes(in_stream) -> bytes:
    raw = in_stream if isinstance(in_stream, bytes) else in_stream.encode("utf-8")
    if len(raw) > settings.IMPORT_MAX_UPLOAD_BYTES:
        raise ImportRejected(
            f"The file is larger than {_megabytes(settings.IMPORT_MAX_UPLOAD_BYTES)}, the largest accepted."
        )
    if not raw:
        raise ImportRejected("The file is empty.")
    return raw


def _dataset_from_rows(rows) -> tablib.Dataset:
    rows = [row for row in rows if any(_clean_cell(value) not in (None, "") for value in row)]
    if len(rows) < 2:
        raise ImportRejected("The file has no rows to import.")
    headers = [str(_clean_cell(value) or "").replace("\ufeff", "") for value in rows[0]]
    while headers and headers[-1] == "":
        headers.pop()
    dataset = tablib.Dataset(headers=headers)
    width = len(headers)
    for number, row in enumerate(rows[1:], start=2):
        if len(row) > width and any(_clean_cell(value) not in (None, "") for value in row[width:]):
            raise ImportRejected(f"Row {number} has values in columns without a heading.")
        cells = [_clean_cell(value) for value in list(row[:width]) + [None] * (width - len(row))]
        if any(isinstance(value, str) and "\x00" in value for value in cells):
            raise ImportRejected(f"Row {number} contains a NUL character.")
        dataset.append(["" if value is None else value for value in cells])
    return dataset


def _safe_formats():
    from import_export.formats import base_formats

    class SafeCSV(base_formats.CSV):
        """CSV read as bytes: UTF-8 with or without BOM, or Windows-1252; size and row limits."""

        def is_binary(self):
            return True

        def get_read_mode(self):
            return "rb"

        def create_dataset(self, in_stream, **kwargs):
            return _dataset_from_rows(_csv_rows(_checked_bytes(in_stream), settings.IMPORT_MAX_ROWS))

    class SafeXLSX(base_formats.XLSX):
        """XLSX checked for zip bombs and macros; first sheet; formula cells refused."""

        def create_dataset(self, in_stream, **kwargs):
            raw = _checked_bytes(in_stream)
            rows, formula_cells = _xlsx_rows(raw, settings.IMPORT_MAX_UPLOAD_BYTES, settings.IMPORT_MAX_ROWS)
            if any(row > 1 for row, _ in formula_cells):
                first = min(row for row, _ in formula_cells if row > 1)
                raise ImportRejected(f"Row {first} has a formula; paste values instead.")
            return _dataset_from_rows(rows)

    return SafeCSV, SafeXLSX


class SafeImportExportMixin:
    """For ``ImportExportModelAdmin`` (or ``ImportMixin``/``ExportMixin``) in any app's admin.py::

        class MeetingAdmin(SafeImportExportMixin, ImportExportModelAdmin): resource_classes = [...]

    Imports accept only CSV and XLSX, with the checks of ``read_upload``; a refused file shows
    its reason. Exports offer CSV and XLSX with formula escaping (``wscb.data.exports``).
    """

    def get_import_formats(self):
        return list(_safe_formats())

    def get_import_form_class(self, request):
        from import_export.forms import ImportForm

        class SafeImportForm(ImportForm):
            def __init__(self, formats, resources, **kwargs):
                super().__init__(formats, resources, **kwargs)
                self.import_formats = formats

            def clean(self):
                cleaned = super().clean()
                upload, chosen = cleaned.get("import_file"), cleaned.get("format")
                if upload is None or chosen in (None, ""):
                    return cleaned
                if upload.size > settings.IMPORT_MAX_UPLOAD_BYTES:
                    self.add_error(
                        "import_file",
                        f"The file is {_megabytes(upload.size)}; the largest accepted is "
                        f"{_megabytes(settings.IMPORT_MAX_UPLOAD_BYTES)}.",
                    )
                elif not upload.name.lower().endswith((".csv", ".xlsx")):
                    self.add_error("import_file", "Upload a CSV file (.csv) or an Excel workbook (.xlsx).")
                elif not upload.name.lower().endswith("." + self.import_formats[int(chosen)]().get_extension()):
                    self.add_error("format", "The format chosen does not match the file's extension.")
                return cleaned

        return SafeImportForm

    def get_export_formats(self):
        from wscb.data.exports import escaped_export_formats

        return list(escaped_export_formats())

    def _do_file_export(self, file_format, request, queryset, export_form=None):
        """The file as import-export makes it, with the ground floor's Content-Disposition, no-store
        and one audit row (what, which format, who, from where)."""
        from wscb.audit.services import audit_download
        from wscb.data.exports import file_response

        response = super()._do_file_export(file_format, request, queryset, export_form=export_form)
        audit_download(
            request=request,
            what=f"Back-office export: {self.model._meta.verbose_name_plural}",
            file_format=file_format.get_extension(),
        )
        return file_response(
            response.content,
            filename=self.get_export_filename(request, queryset, file_format),
            content_type=response["Content-Type"],
        )

    def process_result(self, result, request):
        """The back office's import writes one audit row: the resource and the counts, never the rows."""
        from wscb.audit.models import AuditAction
        from wscb.audit.services import audit_record

        totals = result.totals
        audit_record(
            request=request,
            action=AuditAction.IMPORTED,
            detail=(
                f"{self.model._meta.verbose_name_plural}: {totals.get('new', 0)} new, "
                f"{totals.get('update', 0)} updated, {totals.get('skip', 0)} unchanged, "
                f"{totals.get('delete', 0)} deleted"
            ),
        )
        return super().process_result(result, request)

    def add_data_read_fail_error_to_form(self, form, e):
        if isinstance(e, ImportRejected):
            form.add_error("import_file", str(e))
        else:
            super().add_data_read_fail_error_to_form(form, e)


class StrictColumnsMixin:
    """For a ModelResource: headings are matched like ``read_upload`` does (aliases, case and
    spacing ignored) and wrong, missing or repeated headings refuse the whole file, on every
    path (the import page, the back office, code). Declare ``REQUIRED``, ``OPTIONAL``, ``ALIASES``."""

    REQUIRED: list[str] = []
    OPTIONAL: list[str] = []
    ALIASES: dict[str, str] = {}

    def before_import(self, dataset, **kwargs):
        allowed = {_normalise_heading(name): name for name in [*self.REQUIRED, *self.OPTIONAL]}
        allowed.update({_normalise_heading(alias): name for alias, name in self.ALIASES.items()})
        headers = list(dataset.headers or [])
        columns = [allowed.get(_normalise_heading(value)) for value in headers]
        unknown = [str(value) or "(blank)" for value, column in zip(headers, columns, strict=True) if column is None]
        missing = [name for name in self.REQUIRED if name not in columns]
        repeated = sorted({c for c in columns if c and columns.count(c) > 1})
        problems = [
            f"{label}: {', '.join(names)}"
            for label, names in (
                ("missing columns", missing),
                ("unknown columns", unknown),
                ("repeated columns", repeated),
            )
            if names
        ]
        if problems:
            raise ImportRejected(
                f"The headings in the first row are wrong ({'; '.join(problems)}). "
                f"Use these headings: {', '.join([*self.REQUIRED, *self.OPTIONAL])}."
            )
        dataset.headers = columns
        keys = [
            self.fields[name].column_name if name in self.fields else name
            for name in self._meta.import_id_fields
            if (self.fields[name].column_name if name in self.fields else name) in columns
        ]
        if keys and not getattr(dataset, "repeated_keys_listed", False):
            seen: dict[tuple, int] = {}
            for number, row in enumerate(dataset.dict, start=2):
                key = tuple(str(row[name]).strip().casefold() for name in keys)
                if key in seen:
                    raise ImportRejected(f"Rows {seen[key]} and {number} are for the same {', '.join(keys)}.")
                seen[key] = number
        super().before_import(dataset, **kwargs)


class ImportFileForm(SpecificErrorMessagesMixin, forms.Form):
    """The upload form every import page can use (checked by ``read_upload``)."""

    file = forms.FileField(label="Spreadsheet (CSV or XLSX)")


class NewRowsAreNeverUnchangedMixin:
    """For a ModelResource with ``skip_unchanged``: a row that would add a record is never "unchanged",
    even when every cell equals the new record's defaults (django-import-export would skip it quietly, so a
    row with a blank name would pass unchecked)."""

    def skip_row(self, instance, original, row, import_validation_errors=None):
        if instance.pk is None:
            return False
        return super().skip_row(instance, original, row, import_validation_errors)
