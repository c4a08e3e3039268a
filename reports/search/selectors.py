"""The portal's search: one query over everything the user may see, ranked.

Each kind of record is found through its own app's selector (``partner_list``, ``meeting_list``,
``paper_list``, ``decision_list``, ``action_list``, ``self_report_list``, ``case_study_list``...),
so a result is shown exactly when its page would be, inside the board the user is working in
(the scoped managers). Each kind gives rows of the same eight columns (``COLUMNS``); the kinds are
joined by ``UNION ALL`` and ordered by rank, so a search costs one query whatever the amount of
data (the best ``MAX_RESULTS``, paged in the view), and a search repeated before the board's data
changes none (``search_rows``).

Matching chooses by the database: PostgreSQL's full-text search (``SearchVector`` over the kind's
fields with weights, ``websearch`` query syntax, ``SearchRank``; the English configuration, so
"safeguard" finds "safeguarding"), plus a plain substring match on the title so that part of a
name finds it; on SQLite every word must appear in one of the fields (``icontains``), ranked by
where the whole text appears. Long texts are matched word by word as substrings on both (see
``_matching``). Computed at query time: nothing has to be kept in step with the records.
"""

from __future__ import annotations

import datetime
import operator
from collections.abc import Callable
from dataclasses import dataclass
from functools import reduce

from django.core.cache import cache
from django.db import connection
from django.db.models import (
    Case,
    CharField,
    DateField,
    Exists,
    F,
    FloatField,
    IntegerField,
    Max,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    TextField,
    Value,
    When,
)
from django.db.models.functions import Cast, Coalesce
from django.urls import reverse

from meetings.selectors import (
    action_list,
    agenda_item_list,
    decision_list,
    meeting_list,
    paper_list,
)
from partners.models import Board, Person
from partners.selectors import partner_list
from reports.selfreports.models import Answer, SelfReport
from reports.selfreports.selectors import case_study_list, self_report_list
from training.models import Course, CoursePlan, Session
from training.selfservice.selectors import catalogue_sessions
from wscb.boards import board_public_slug
from wscb.data.changes import data_version
from wscb.data.page_cache import PAGE_TIMEOUT, fragment_key, viewer_key
from wscb.periods import ReportingYear
from wscb.permissions import LEARNER, PARTNERSHIP_READERS

#: The shortest text searched for, and the longest.
MIN_LENGTH = 2
MAX_LENGTH = 200
#: The most results a search gives (the best ones): one query fetches them all, the pages are cut from them.
MAX_RESULTS = 500
#: The most words the SQLite fallback matches one by one (the rest of the text is ignored).
MAX_WORDS = 8
#: PostgreSQL's text-search configuration (stemming and stop words).
CONFIG = "english"
#: Weights of a kind's fields in order: the first is the title.
WEIGHTS = ("A", "B", "C", "D")
FALLBACK_WEIGHT = {"A": 1.0, "B": 0.4, "C": 0.2, "D": 0.1}
COLUMNS = ("s_kind", "s_pk", "s_parent", "s_extra", "s_title", "s_context", "s_day", "s_rank")


@dataclass(frozen=True)
class Kind:
    key: str
    label: str  # as the result shows it, and the type filter offers it
    plural: str  # as the search form's hint lists it
    rows: Callable  # (user, board, terms) -> queryset of COLUMNS, or None when the user may not see this kind


@dataclass(frozen=True)
class Result:
    kind: str
    label: str
    title: str
    context: str
    url: str


# --- matching --------------------------------------------------------------------------------------------
def _postgres() -> bool:
    return connection.vendor == "postgresql"


def _words(text: str) -> list[str]:
    """The words every one of which a substring match needs (quotes and ``-word``/``or`` of the
    query syntax left out)."""
    words = [word.strip("\"'") for word in text.split() if not word.startswith("-") and word.lower() != "or"]
    return [word for word in words if word][:MAX_WORDS]


def _all_words(fields: tuple[str, ...], text: str) -> Q:
    """Every word of ``text`` in one of ``fields`` (each word may be in a different one)."""
    words = _words(text)
    if not words:
        return Q(pk__in=[])
    return reduce(
        operator.and_,
        (reduce(operator.or_, (Q(**{f"{field}__icontains": word}) for field in fields)) for word in words),
    )


def _matching(
    queryset: QuerySet, text: str, fields: tuple[str, ...], *, body: tuple[str, ...] = (), also: Exists | None = None
) -> QuerySet:
    """The rows where ``text`` matches ``fields`` (short ones, title first), or every word is in the
    long texts of ``body``, or ``also`` holds; with ``search_rank``, 0.1 for a row found only in its
    long texts (``also`` is written once in the SQL, in the filter).

    Long texts (partner updates' answers, case studies) are matched word by word as substrings on
    both databases: turning each into a text-search vector on every search would cost PostgreSQL a
    millisecond or more per row, every row, every search."""
    if _postgres():
        from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector

        vector = reduce(
            operator.add,
            (SearchVector(field, weight=weight, config=CONFIG) for field, weight in zip(fields, WEIGHTS, strict=False)),
        )
        query = SearchQuery(text, search_type="websearch", config=CONFIG)
        found = Q(search_document=query) | Q(**{f"{fields[0]}__icontains": text})
        queryset = queryset.annotate(search_document=vector)
        rank = SearchRank(vector, query)
    else:
        found = _all_words(fields, text)
        rank = reduce(
            operator.add,
            (
                Case(When(**{f"{field}__icontains": text}, then=Value(FALLBACK_WEIGHT[weight])), default=Value(0.0))
                for field, weight in zip(fields, WEIGHTS, strict=False)
            ),
        )
        rank = rank + Case(When(**{f"{fields[0]}__istartswith": text}, then=Value(0.5)), default=Value(0.0))
    others = [condition for condition in (_all_words(body, text) if body else None, also) if condition is not None]
    if others:
        rank = Case(When(found, then=rank), default=Value(0.1))
        found = reduce(operator.or_, (Q(condition) for condition in others), found)
    return queryset.filter(found).annotate(search_rank=Cast(rank, FloatField()))


def _columns(queryset: QuerySet, kind: str, *, title, context=None, parent=None, extra=None, day=None) -> QuerySet:
    """The eight columns every kind gives, cast alike so that the kinds can be joined by UNION:
    ``parent`` is the id of the page the record is shown on, ``extra`` a second number the link needs
    (a paper's agenda item, a reporting year)."""
    return (
        queryset.annotate(
            s_kind=Value(kind, output_field=CharField()),
            s_pk=F("pk"),
            s_parent=Cast(parent if parent is not None else Value(None), IntegerField()),
            s_extra=Cast(extra if extra is not None else Value(None), IntegerField()),
            s_title=Cast(title, TextField()),
            s_context=Cast(Coalesce(context, Value("")) if context is not None else Value(""), TextField()),
            s_day=Cast(day if day is not None else Value(None), DateField()),
            s_rank=F("search_rank"),
        )
        .order_by()
        .values(*COLUMNS)
    )


# --- one function per kind: the app's own selector, then the match -------------------------------------
def _agencies(user, board, text):
    found = _matching(partner_list(for_user=user, board=board), text, ("name", "short_name"), body=("notes",))
    return _columns(found, "agency", title=F("name"), context=F("short_name"))


def _people(user, board, text):
    agencies = partner_list(for_user=user, board=board)
    people = Person.objects.filter(partner__in=agencies.values("pk"))
    if user.role in PARTNERSHIP_READERS:  # people of no agency are on the membership list, for readers
        people = Person.objects.filter(Q(partner__in=agencies.values("pk")) | Q(partner__isnull=True))
    found = _matching(people, text, ("full_name", "job_title", "partner__name"))
    return _columns(found, "person", title=F("full_name"), context=F("job_title"), parent=F("partner_id"))


def _meetings(user, board, text):
    found = _matching(meeting_list(for_user=user, board=board), text, ("group__name", "venue"))
    return _columns(found, "meeting", title=F("group__name"), context=F("venue"), day=F("held_on"))


def _agenda_items(user, board, text):
    found = _matching(agenda_item_list(for_user=user, board=board), text, ("title", "presenter__full_name"))
    return _columns(
        found, "agenda_item", title=F("title"), context=F("meeting__group__name"), parent=F("meeting_id"),
        day=F("meeting__held_on"),
    )  # fmt: skip


def _papers(user, board, text):
    found = _matching(paper_list(for_user=user, board=board), text, ("title", "original_name", "agenda_item__title"))
    return _columns(
        found, "paper", title=F("title"), context=F("agenda_item__meeting__group__name"),
        parent=F("agenda_item__meeting_id"), extra=F("agenda_item_id"), day=F("agenda_item__meeting__held_on"),
    )  # fmt: skip


def _decisions(user, board, text):
    found = _matching(decision_list(for_user=user, board=board), text, ("text", "agenda_item__title"))
    return _columns(
        found, "decision", title=F("text"), context=F("agenda_item__meeting__group__name"),
        parent=F("agenda_item__meeting_id"), day=F("decided_on"),
    )  # fmt: skip


def _actions(user, board, text):
    found = _matching(action_list(for_user=user, board=board), text, ("description", "owner__name"), body=("progress",))
    return _columns(found, "action", title=F("description"), context=F("owner__name"), day=F("due_on"))


def _courses(user, board, text):
    """The course catalogue is on the training pages, which partnership readers see."""
    if user.role not in PARTNERSHIP_READERS:
        return None
    latest = CoursePlan.objects.filter(course=OuterRef("pk")).order_by().values("course").annotate(y=Max("start_year"))
    found = _matching(Course.objects.filter(board=board), text, ("title", "audience", "level"), body=("description",))
    return _columns(found, "course", title=F("title"), context=F("level"), extra=Subquery(latest.values("y")[:1]))


def _catalogue_sessions(user, board, text):
    """Learners see the board's public catalogue (and their own training), so they find its upcoming
    sessions by their course: what the catalogue lists, never a past or cancelled session."""
    if user.role != LEARNER:
        return None
    listed = Session.objects.filter(pk__in=catalogue_sessions(board=board).values("pk"))
    found = _matching(
        listed, text, ("course__title", "course__topic", "course__level", "course__audience"),
        body=("course__description",),
    )  # fmt: skip
    return _columns(found, "session", title=F("course__title"), context=F("venue"), day=F("starts_on"))


def _partner_updates(user, board, text):
    """Found by the agency's name or by what the update's answers say."""
    answers = Answer.objects.filter(_all_words(("value",), text), entry__report=OuterRef("pk"))
    found = _matching(
        self_report_list(for_user=user), text, ("partner__name", "partner__short_name"), also=Exists(answers)
    )
    return _columns(
        found, "partner_update", title=F("partner__name"), context=F("status"), extra=F("round__start_year")
    )


def _case_studies(user, board, text):
    """Case studies describe real children: their agency's leads and business support only."""
    found = _matching(case_study_list(for_user=user), text, ("title",), body=("text",))
    return _columns(found, "case_study", title=F("title"), context=F("report__partner__name"), parent=F("report_id"))


KINDS = (
    Kind("agency", "Agency", "agencies", _agencies),
    Kind("person", "Person", "people", _people),
    Kind("meeting", "Meeting", "meetings", _meetings),
    Kind("agenda_item", "Agenda item", "agenda items", _agenda_items),
    Kind("paper", "Paper", "papers (by title)", _papers),
    Kind("decision", "Decision", "decisions", _decisions),
    Kind("action", "Action", "actions", _actions),
    Kind("course", "Course", "courses", _courses),
    Kind("session", "Course session", "courses in the catalogue", _catalogue_sessions),
    Kind("partner_update", "Partner update", "partner updates", _partner_updates),
    Kind("case_study", "Case study", "case studies", _case_studies),
)
KIND_LABELS = {kind.key: kind.label for kind in KINDS}


#: What a learner may find: the catalogue (their own bookings are on their training page).
LEARNER_KINDS = frozenset({"session"})


def kinds_for(user) -> list[Kind]:
    """The kinds of record this user may find (the type filter offers these)."""
    if user.role == LEARNER:
        return [kind for kind in KINDS if kind.key in LEARNER_KINDS]
    return [
        kind
        for kind in KINDS
        if kind.key not in LEARNER_KINDS and (kind.key != "course" or user.role in PARTNERSHIP_READERS)
    ]


def _nothing() -> QuerySet:
    return _columns(Person.objects.none().annotate(search_rank=Value(0.0)), "person", title=F("full_name"))


def search(*, for_user, board: Board | None, text: str, kind: str = "") -> QuerySet:
    """Rows (``COLUMNS``) of every record ``for_user`` may see in ``board`` matching ``text``, best first.

    ``kind`` keeps one kind (a key of ``KINDS``). The result is one ``UNION ALL`` query; ``search_rows``
    runs it once, and ``result_for`` turns a row into what the page shows.
    """
    text = " ".join(text.split())[:MAX_LENGTH]
    if not for_user.is_authenticated or board is None or len(text) < MIN_LENGTH:
        return _nothing()
    parts = [
        rows
        for option in kinds_for(for_user)
        if not kind or option.key == kind
        for rows in [option.rows(for_user, board, text)]
        if rows is not None
    ]
    if not parts:
        return _nothing()
    first, *rest = parts
    combined = first.union(*rest, all=True) if rest else first
    return combined.order_by("-s_rank", "s_kind", "s_title", "s_pk")


def search_rows(*, for_user, board: Board | None, text: str, kind: str = "") -> tuple[list[dict], bool]:
    """The best ``MAX_RESULTS`` rows of ``search`` in one query, and whether there were more.

    One query rather than a count and a page: the matching is the costly part (PostgreSQL reads every
    row's text), and a count would do it all again. The rows are kept per state of the board's data
    (``wscb.data.page_cache``: the key holds the board, what the viewer may see, the data version, the
    text and the kind), so the next page, going back, or the same search again costs one lookup of
    the version and one of the cache, and any change is seen on the very next search."""
    if board is None:
        return [], False
    key = fragment_key(
        name="search", board_id=board.pk, parts=(text, kind), viewer=viewer_key(for_user), version=data_version(board)
    )
    found = cache.get(key)
    if found is None:
        rows = list(search(for_user=for_user, board=board, text=text, kind=kind)[: MAX_RESULTS + 1])
        found = (rows[:MAX_RESULTS], len(rows) > MAX_RESULTS)
        cache.set(key, found, PAGE_TIMEOUT)
    return found


# --- a row as the page shows it ------------------------------------------------------------------------
def _day(value) -> str:
    if isinstance(value, str):  # SQLite gives a date inside a UNION back as text
        value = datetime.date.fromisoformat(value[:10])
    return f"{value:%d/%m/%Y}" if value else ""


def result_for(row: dict, *, board: Board | None = None) -> Result:
    """``board``: the board searched (a catalogue session's page is under its public address)."""
    kind, pk, parent, extra = row["s_kind"], row["s_pk"], row["s_parent"], row["s_extra"]
    title, context, day = row["s_title"], row["s_context"], _day(row["s_day"])
    meeting_day = ", ".join(part for part in (context, day) if part)
    if kind == "agency":
        return Result(kind, "Agency", title, context, reverse("partners:partner-detail", args=[pk]))
    if kind == "person":
        url = reverse("partners:partner-detail", args=[parent]) if parent else reverse("meetings:membership-list")
        return Result(kind, "Person", title, context, url)
    if kind == "meeting":
        return Result(kind, "Meeting", f"{title}, {day}", context, reverse("meetings:meeting-detail", args=[pk]))
    if kind == "agenda_item":
        url = reverse("meetings:meeting-detail", args=[parent]) + f"#agenda-item-{pk}"
        return Result(kind, "Agenda item", title, meeting_day, url)
    if kind == "paper":
        url = reverse("meetings:meeting-detail", args=[parent]) + f"#agenda-item-{extra}"
        return Result(kind, "Paper", title, meeting_day, url)
    if kind == "decision":
        return Result(kind, "Decision", title, meeting_day, reverse("meetings:minutes", args=[parent]))
    if kind == "action":
        context = f"{context}, due {day}" if context else f"Due {day}"
        return Result(kind, "Action", title, context, reverse("meetings:action-detail", args=[pk]))
    if kind == "course":
        url = reverse("training:summary")
        if extra:
            url += f"?year={ReportingYear(extra).label}"
        return Result(kind, "Course", title, context, url)
    if kind == "session":
        url = reverse("learning:session", args=[board_public_slug(board), pk])
        return Result(kind, "Course session", title, ", ".join(part for part in (day, context) if part), url)
    if kind == "partner_update":
        status = SelfReport.Status(context).label if context in SelfReport.Status.values else context
        label = f"{ReportingYear(extra).label}: {status}"
        return Result(kind, "Partner update", title, label, reverse("reports:selfreport-detail", args=[pk]))
    return Result(kind, "Case study", title, context, reverse("reports:case-study-detail", args=[parent, pk]))
