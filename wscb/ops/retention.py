"""Retention: apps register what they keep and until when; ``apply_retention`` removes or
anonymises what has expired and writes one audit row per rule with counts (never content).

An app registers in its ``AppConfig.ready``::

    from wscb.ops.retention import retention_register, retain_until_after_year

    retention_register(
        model=CaseStudy,
        date_field="retain_until",          # a DateField on the model (set when the record is made
                                            # with retain_until_after_year(year)), or
        # retain_until=lambda case: ...,    # a callable giving the date for one record
        action="delete",                    # or anonymise=function(instance) that saves the change
        # done=Q(anonymised=True),          # for anonymise rules: records already dealt with
        still_open=lambda day: Q(report__round__deadline__gte=day),  # work not finished: never touched
        description="Case studies",
    )

    retention_copies_register(function)     # called with (rule, records, today) before a rule acts on
                                            # them: remove the same data from every copy (stored files)

A record is expired when its retention date is *before* today: on the date itself it is kept. A
record that ``still_open`` matches is never acted on, whatever its date: its round (or other piece of
work) is not closed yet, and is judged on the real date, even when ``--today`` pretends another. The
default period is ``RETENTION_YEARS`` (6) years after the end of the reporting year.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone

from wscb.periods import ReportingYear


@dataclass(frozen=True)
class RetentionRule:
    key: str
    model: type[models.Model]
    description: str
    date_field: str | None = None
    retain_until: Callable | None = None
    anonymise: Callable | None = None
    done: models.Q | None = None
    still_open: Callable | None = None  # day -> Q of records whose work is not closed on that day

    @property
    def action(self) -> str:
        return "anonymise" if self.anonymise else "delete"

    def retention_date(self, instance) -> date | None:
        if self.date_field:
            value = getattr(instance, self.date_field)
            return timezone.localtime(value).date() if isinstance(value, datetime) else value
        return self.retain_until(instance)

    def candidates(self):
        queryset = self.model._base_manager.all()
        if self.done is not None:
            queryset = queryset.exclude(self.done)
        return queryset.order_by("pk")

    def _past_date(self, today: date) -> list:
        if self.date_field:
            boundary = today
            if isinstance(self.model._meta.get_field(self.date_field), models.DateTimeField):
                boundary = timezone.make_aware(datetime.combine(today, time.min))
            return list(self.candidates().filter(**{f"{self.date_field}__lt": boundary}))
        return [obj for obj in self.candidates() if (when := self.retain_until(obj)) is not None and when < today]

    def _open_pks(self, today: date) -> set:
        if self.still_open is None:
            return set()
        day = min(today, timezone.localdate())  # open in reality, whatever day is pretended
        return set(self.model._base_manager.filter(self.still_open(day)).values_list("pk", flat=True))

    def expired(self, today: date) -> list:
        """Past their retention date and not part of work still open: what ``retention_apply`` acts on."""
        open_pks = self._open_pks(today)
        return [obj for obj in self._past_date(today) if obj.pk not in open_pks]

    def kept_open(self, today: date) -> list:
        """Past their retention date but kept: their round (or other work) is not closed."""
        open_pks = self._open_pks(today)
        return [obj for obj in self._past_date(today) if obj.pk in open_pks] if open_pks else []


_registry: dict[str, RetentionRule] = {}


def retention_register(
    *,
    model,
    description: str,
    date_field: str | None = None,
    retain_until: Callable | None = None,
    action: str = "delete",
    anonymise: Callable | None = None,
    done: models.Q | None = None,
    still_open: Callable | None = None,
) -> RetentionRule:
    if (date_field is None) == (retain_until is None):
        raise ValueError("Give either date_field or retain_until.")
    if action not in ("delete", "anonymise") or (action == "anonymise") != (anonymise is not None):
        raise ValueError("Use action='delete', or action='anonymise' with an anonymise function.")
    rule = RetentionRule(
        key=model._meta.label_lower,
        model=model,
        description=description,
        date_field=date_field,
        retain_until=retain_until,
        anonymise=anonymise,
        done=done,
        still_open=still_open,
    )
    _registry[rule.key] = rule
    return rule


_copy_keepers: dict[str, Callable] = {}


def retention_copies_register(function: Callable) -> None:
    """``function(rule, records, today)`` is called before ``rule`` deletes or anonymises ``records``
    (in the same transaction), to remove the same data from every copy kept elsewhere: the annual
    report's stored files, for example. It returns a list of lines saying what it changed."""
    _copy_keepers[f"{function.__module__}.{function.__qualname__}"] = function


def retention_unregister(model) -> None:
    _registry.pop(model._meta.label_lower, None)


def retention_rules() -> list[RetentionRule]:
    return [_registry[key] for key in sorted(_registry)]


def retain_until_after_year(year: ReportingYear, *, years: int | None = None) -> date:
    """The default retention date: ``RETENTION_YEARS`` years after the reporting year ends."""
    years = settings.RETENTION_YEARS if years is None else years
    return date(year.end.year + years, year.end.month, year.end.day)


@dataclass
class RetentionItem:
    rule: RetentionRule
    pk: object
    retain_until: date


def retention_due(*, today: date | None = None) -> list[RetentionItem]:
    today = today or timezone.localdate()
    return [
        RetentionItem(rule, obj.pk, rule.retention_date(obj))
        for rule in retention_rules()
        for obj in rule.expired(today)
    ]


def retention_kept_open(*, today: date | None = None) -> list[RetentionItem]:
    """Records past their date that are kept because their work is still open (listed, never acted on)."""
    today = today or timezone.localdate()
    return [
        RetentionItem(rule, obj.pk, rule.retention_date(obj))
        for rule in retention_rules()
        for obj in rule.kept_open(today)
    ]


def retention_apply(*, today: date | None = None, copies: list | None = None) -> dict[str, int]:
    """Delete or anonymise every expired record, after removing the same data from every registered
    copy; one audit row per rule with the count. ``copies`` collects what the copy keepers changed."""
    from wscb.audit.models import AuditAction
    from wscb.audit.services import audit_record

    today = today or timezone.localdate()
    done: dict[str, int] = {}
    for rule in retention_rules():
        with transaction.atomic():
            expired = rule.expired(today)
            for keeper in _copy_keepers.values():
                changed = keeper(rule, expired, today) if expired else []
                if copies is not None:
                    copies.extend(changed)
            for obj in expired:
                if rule.anonymise:
                    rule.anonymise(obj)
                else:
                    obj.delete()
            if expired:
                verb = "anonymised" if rule.anonymise else "deleted"
                audit_record(
                    action=AuditAction.RETENTION_APPLIED,
                    detail=f"{rule.key}: {len(expired)} {verb} (expired before {today:%d/%m/%Y})",
                )
        done[rule.key] = len(expired)
    return done
