"""Run several read-only querysets as one database round trip.

The annual report reads about fifty small tables and aggregates. Run one by one they cost a
query each, the same at every data size but many. ``fetch`` sends them together as one
``UNION ALL``: every part selects a constant tag and its row as one JSON object (Django's
``JSONObject``: ``JSON_OBJECT`` on SQLite, ``JSONB_BUILD_OBJECT`` on PostgreSQL), and each part's
rows come back as the queryset itself would have returned them: model instances, ``values()``
dicts or ``values_list()`` tuples, with dates, decimals and booleans typed and the queryset's
ordering kept (a JSON column's value decoded).

    rows = fetch(
        meetings=Meeting.objects.filter(group=group).order_by("held_on"),
        counts=Attendance.objects.values("partner_id").annotate(n=Count("pk")),
    )
    rows["meetings"]  # [Meeting, ...]

Each part keeps its own ordering (``order_by`` or the model's default, a relation by its model's
ordering): the database numbers the part's rows with ``ROW_NUMBER() OVER (ORDER BY ...)``, so
collation and NULLs sort exactly as in the queryset run alone. Limits, checked with a clear
error: no slicing, ``select_related`` or ``prefetch_related`` in a part, a grouped part ordered
only by columns it selects, and at most 50 columns a part (PostgreSQL's argument limit).
"""

from __future__ import annotations

import datetime
import json
import uuid
from contextlib import contextmanager
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import FieldDoesNotExist
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.models import CharField, F, QuerySet, TextField, Value, Window
from django.db.models.constants import LOOKUP_SEP
from django.db.models.functions import Cast, JSONObject, RowNumber
from django.db.models.query import FlatValuesListIterable, ModelIterable, ValuesIterable, ValuesListIterable
from django.utils import timezone
from django.utils.dateparse import parse_datetime

TAG = "batch_part"
ROW = "batch_row"
ORDER = "batch_order"
MAX_COLUMNS = 50  # jsonb_build_object takes at most 100 arguments: 50 key/value pairs

UNSUPPORTED = {"DurationField", "BinaryField"}
INTEGER_TYPES = {
    "AutoField",
    "BigAutoField",
    "SmallAutoField",
    "IntegerField",
    "BigIntegerField",
    "SmallIntegerField",
    "PositiveIntegerField",
    "PositiveBigIntegerField",
    "PositiveSmallIntegerField",
}


class BatchError(ValueError):
    """A queryset that cannot be sent in a batch, with the reason."""


def fetch(**parts: QuerySet) -> dict[str, list]:
    """Run every queryset in one query; return each part's rows under its name."""
    if not parts:
        return {}
    plans = {name: _Part(name, queryset) for name, queryset in parts.items()}
    using = {queryset.db for queryset in parts.values()}
    if len(using) != 1:
        raise BatchError("Every part of a batch must use the same database.")
    tagged = [plan.tagged() for plan in plans.values()]
    union = tagged[0].union(*tagged[1:], all=True) if len(tagged) > 1 else tagged[0]
    raw: dict[str, list[dict]] = {name: [] for name in plans}
    for tag, row in union:
        raw[tag].append(json.loads(row, parse_float=Decimal))
    return {name: plan.rows(raw[name]) for name, plan in plans.items()}


class _Part:
    def __init__(self, name: str, queryset: QuerySet):
        self.name = name
        self.queryset = queryset
        self.model = queryset.model
        query = queryset.query
        if query.is_sliced:
            raise BatchError(f"{name}: a sliced queryset cannot be part of a batch.")
        if query.select_related:
            raise BatchError(f"{name}: select_related is not supported in a batch; select the columns with values().")
        if queryset._prefetch_related_lookups:
            raise BatchError(f"{name}: prefetch_related is not supported in a batch.")
        self.kind = queryset._iterable_class
        if self.kind is ModelIterable:
            self.model_fields = [field.attname for field in self.model._meta.concrete_fields]
            self.columns = self.model_fields + list(query.annotation_select)
        elif self.kind in (ValuesIterable, ValuesListIterable, FlatValuesListIterable):
            self.columns = list(query.values_select) + list(query.annotation_select)
            if query.extra_select:
                raise BatchError(f"{name}: extra() columns are not supported in a batch.")
        else:
            raise BatchError(f"{name}: only model, values() and values_list() querysets can be batched.")
        self._scratch = None
        self.fields = {column: self._output_field(column) for column in self.columns}
        for column, field in self.fields.items():
            if _base(field).get_internal_type() in UNSUPPORTED:
                raise BatchError(f"{name}: {column} is a {field.get_internal_type()}, which a batch cannot carry.")
        self.ordering = self._ordering()

    def _output_field(self, column: str):
        query = self.queryset.query
        if column in query.annotation_select:
            return query.annotation_select[column].output_field
        if self._scratch is None:  # resolving a path adds its joins: to one copy, made once per part
            self._scratch = query.clone()
        return self._scratch.resolve_ref(column).output_field

    def _ordering(self) -> list:
        """The part's ordering as expressions, for the database to number its rows by."""
        query = self.queryset.query
        if query.order_by:
            ordering = list(query.order_by)
        elif query.default_ordering and not query.group_by and self.model._meta.ordering:
            ordering = list(self.model._meta.ordering)
        else:
            return []
        expressions = []
        for item in ordering:
            if not isinstance(item, str):
                expressions.append(item if hasattr(item, "descending") else item.asc())
                continue
            for path, descending in self._expand(self.model, [item]):
                if query.group_by and self._selected(path) is None:
                    raise BatchError(f"{self.name}: a grouped part is ordered by {path!r}, which it does not select.")
                expressions.append(F(path).desc() if descending else F(path).asc())
        return expressions

    def _expand(self, model, ordering, prefix="", flip=False):
        """Column paths to sort by, as the database would: a relation sorts by its model's ordering."""
        for item in ordering:
            descending = item.startswith("-") != flip
            path = item.lstrip("-+")
            if path == "pk" and (prefix or "pk" not in self.columns):
                path = model._meta.pk.name
            field, target = model, None
            try:
                for name in path.split(LOOKUP_SEP):
                    target = field._meta.get_field(name)
                    field = target.related_model or field
            except FieldDoesNotExist:  # an annotation
                yield prefix + path, descending
                continue
            if target.is_relation and target.related_model._meta.ordering and prefix + path not in self.columns:
                yield from self._expand(
                    target.related_model, target.related_model._meta.ordering, f"{prefix}{path}{LOOKUP_SEP}", descending
                )
            else:
                yield prefix + path, descending

    def _selected(self, path: str) -> str | None:
        if path in self.columns:
            return path
        if self.kind is ModelIterable and LOOKUP_SEP not in path:
            attname = self.model._meta.pk.attname if path == "pk" else self.model._meta.get_field(path).attname
            return attname if attname in self.columns else None
        return None

    def tagged(self) -> QuerySet:
        if len(self.fields) + bool(self.ordering) > MAX_COLUMNS:
            raise BatchError(f"{self.name}: {len(self.fields)} columns; a batch part takes at most {MAX_COLUMNS}.")
        # A JSON column travels as its text (SQLite would embed it as a string, PostgreSQL as JSON).
        columns = {
            column: Cast(F(column), TextField()) if _base(field).get_internal_type() == "JSONField" else F(column)
            for column, field in self.fields.items()
        }
        if self.ordering:  # the database numbers the rows in the part's own order, collation included
            columns[ORDER] = Window(RowNumber(), order_by=self.ordering)
        row = JSONObject(**columns)
        return (
            self.queryset.order_by()
            .annotate(**{TAG: Value(self.name, output_field=CharField()), ROW: Cast(row, TextField())})
            .values_list(TAG, ROW)
        )

    def rows(self, raw: list[dict]) -> list:
        if self.ordering:
            raw = sorted(raw, key=lambda row: row[ORDER])
        typed = [{column: _convert(field, row.get(column)) for column, field in self.fields.items()} for row in raw]
        if self.kind is ValuesIterable:
            return [{column: row[column] for column in self.columns} for row in typed]
        if self.kind is ValuesListIterable:
            return [tuple(row[column] for column in self.columns) for row in typed]
        if self.kind is FlatValuesListIterable:
            return [row[self.columns[0]] for row in typed]
        return [self._instance(row) for row in typed]

    def _instance(self, row: dict):
        instance = self.model.from_db(self.queryset.db, self.model_fields, [row[name] for name in self.model_fields])
        for column in self.queryset.query.annotation_select:
            setattr(instance, column, row[column])
        return instance


def _base(field):
    """A foreign key's column is its target's: an integer for ours."""
    while field.is_relation and field.target_field is not None and field.target_field is not field:
        field = field.target_field
    return field


def _convert(field, value: Any):
    if value is None:
        return None
    kind = _base(field).get_internal_type()
    if kind in INTEGER_TYPES:
        return int(value)
    if kind == "DecimalField":
        number = Decimal(value) if not isinstance(value, Decimal) else value
        places = getattr(field, "decimal_places", None)
        return number.quantize(Decimal(1).scaleb(-places)) if places is not None else number
    if kind == "FloatField":
        return float(value)
    if kind == "BooleanField":
        return bool(value)
    if kind == "DateField":
        return datetime.date.fromisoformat(str(value)[:10])
    if kind == "DateTimeField":
        moment = parse_datetime(str(value))
        if settings.USE_TZ and timezone.is_naive(moment):
            moment = timezone.make_aware(moment, datetime.UTC)
        return moment
    if kind == "TimeField":
        return datetime.time.fromisoformat(str(value))
    if kind == "UUIDField":
        return uuid.UUID(str(value))
    if kind == "JSONField":
        return json.loads(value) if isinstance(value, str) else value
    return value


def prefetched(instance, accessor: str, rows: list) -> None:
    """Give ``instance.<accessor>.all()`` the rows fetched in a batch, as ``prefetch_related`` would,
    so that reading them costs no query."""
    manager = getattr(instance, accessor)
    cache_name = getattr(manager, "prefetch_cache_name", None) or manager.field.remote_field.cache_name
    queryset = manager.get_queryset()
    queryset._result_cache = list(rows)
    queryset._prefetch_done = True
    if not hasattr(instance, "_prefetched_objects_cache"):
        instance._prefetched_objects_cache = {}
    instance._prefetched_objects_cache[cache_name] = queryset


@contextmanager
def snapshot(using: str = DEFAULT_DB_ALIAS):
    """Every read inside sees the database as it was at the first one, whatever others commit
    meanwhile: one REPEATABLE READ transaction on PostgreSQL (on SQLite a transaction reads one
    snapshot already). Inside an outer transaction it joins it: the isolation level can only be
    set by a transaction's first statement."""
    connection = connections[using]
    if connection.in_atomic_block:
        yield
        return
    with transaction.atomic(using=using):
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
        yield
