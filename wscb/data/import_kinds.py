"""Every import a board keeps records through, in one shape: a registry of import kinds.

An app describes each of its imports once, in its ``AppConfig.ready``::

    from wscb.data.import_kinds import ImportKind, import_kind_register

    import_kind_register(ImportKind(
        key="agencies",                       # the address: /imports/agencies/
        title="Partner agencies",
        description="One row per agency. A row whose short name is an agency of the board updates it.",
        resource=lambda board, user: PartnerResource(board=board),   # a django-import-export resource
        required=("Name", "Short name", "Sector"),                  # human headings, as the file has them
        optional=("Statutory partner", "Active"),
        aliases={"is statutory": "Statutory partner"},               # old headings still read
        example=lambda board: {"Name": "Example Council", "Short name": "EC", "Sector": "Local authority"},
        valid_values=lambda board: {"Sector": ["Local authority", "Health", ...]},
        notes={"Statutory partner": "Yes or No (default No)"},
        done_url="partners:partner-list",
    ))

and gets, with nothing more to write (``wscb/data/import_views.py``): a line on the Imports page, a
template (XLSX with the headings, one example row and a "Valid values" sheet; CSV with the headings and
the example), and the import page: upload, a preview of what would be created and changed (counts and
the first rows; nothing written, the file kept under a generated name between the steps), then
confirm, all rows or none (``run_import``), audited with the counts, every error of every row listed by
its spreadsheet row (the headings are row 1) and heading. The resource's fields carry the headings as
their ``column_name`` and validate through the record's own rules (``clean_model_instances``, the form's
validators), so the import and the form refuse the same things.

A kind whose file may be too big for a request gives ``job_start(upload=..., board=..., by=..., rows=...)``
returning a ``Job``: above ``DJANGO_IMPORT_JOB_ROWS`` rows the confirm step hands the file to it
(``wscb.data.import_jobs``).
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass, field

#: How many of the file's rows the preview shows.
PREVIEW_ROWS = 10


@dataclass(frozen=True)
class ImportKind:
    key: str
    title: str
    description: str
    resource: Callable  # (board, user) -> a django-import-export resource
    required: tuple[str, ...]
    optional: tuple[str, ...] = ()
    aliases: dict = field(default_factory=dict)
    example: Callable = lambda board: {}  # board -> {heading: value}, one valid row
    valid_values: Callable = lambda board: {}  # board -> {heading: [values]}
    notes: dict = field(default_factory=dict)  # heading -> how to write it
    done_url: str = "imports:list"
    order: int = 100
    job_start: Callable | None = None

    @property
    def headings(self) -> tuple[str, ...]:
        return (*self.required, *self.optional)

    def template_name(self, board, extension: str) -> str:
        prefix = f"{board.short_name}-" if board is not None else ""
        return f"{prefix}{self.key}-import-template.{extension}"


_kinds: dict[str, ImportKind] = {}
_registered: dict[str, ImportKind] = {}  # as the apps gave them


def import_kind_register(kind: ImportKind) -> ImportKind:
    """Add ``kind`` to the Imports page and give it the shared import page and template."""
    import dataclasses

    from wscb.words import termed

    existing = _registered.get(kind.key)
    if existing is not None and existing != kind:
        raise ValueError(f"Two import kinds are called {kind.key!r}.")
    _registered[kind.key] = kind
    # The texts that name the board read in the word of the board they are shown to ("Partnership").
    _kinds[kind.key] = dataclasses.replace(
        kind,
        title=termed(kind.title),
        description=termed(kind.description),
        notes={heading: termed(note) for heading, note in kind.notes.items()},
    )
    return _kinds[kind.key]


def import_kinds() -> list[ImportKind]:
    return sorted(_kinds.values(), key=lambda kind: (kind.order, kind.title))


def import_kind_get(key: str) -> ImportKind | None:
    return _kinds.get(key)


# --- templates ---------------------------------------------------------------------------------------------
def template_rows(kind: ImportKind, board) -> tuple[list[str], list]:
    example = kind.example(board) if board is not None else {}
    return list(kind.headings), [example.get(heading, "") for heading in kind.headings]


def template_csv(kind: ImportKind, board) -> bytes:
    from wscb.data.exports import csv_content

    headings, example = template_rows(kind, board)
    return ("\ufeff" + csv_content(headings, [example])).encode("utf-8")


def template_xlsx(kind: ImportKind, board) -> bytes:
    """The headings and one example row, and a second sheet listing the valid values per heading."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    from wscb.data.exports import escape_cell

    headings, example = template_rows(kind, board)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Import"
    sheet.append(headings)
    sheet.append([escape_cell(value) for value in example])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for index, heading in enumerate(headings, start=1):
        sheet.column_dimensions[sheet.cell(1, index).column_letter].width = max(14, len(heading) + 4)
    values = kind.valid_values(board) if board is not None else {}
    guide = workbook.create_sheet("Valid values")
    guide.append(["Heading", "Required", "How to write it", "Valid values"])
    for cell in guide[1]:
        cell.font = Font(bold=True)
    for heading in headings:
        listed = values.get(heading) or []
        guide.append(
            [
                heading,
                "Yes" if heading in kind.required else "No",
                str(kind.notes.get(heading, "")),
                escape_cell(listed[0]) if listed else "",
            ]
        )
        for value in listed[1:]:
            guide.append(["", "", "", escape_cell(value)])
    for letter, width in zip("ABCD", (24, 10, 60, 40), strict=True):
        guide.column_dimensions[letter].width = width
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
