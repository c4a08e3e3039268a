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
        description="Case studies",
    )

A record is expired when its retention date is *before* today: on the date itself it is kept.
The default period is ``RETENTION_YEARS`` (6) years after the end of the reporting year.
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

    def expired(self, today: date) -> list:
        if self.date_field:
            boundary = today
            if isinstance(self.model._meta.get_field(self.date_field), models.DateTimeField):
                boundary = timezone.make_aware(datetime.combine(today, time.min))
            return list(self.candidates().filter(**{f"{self.date_field}__lt": boundary}))
        return [obj for obj in self.candidates() if (when := self.retain_until(obj)) is not None and when < today]


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
    )
    _registry[rule.key] = rule
    return rule


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


def retention_apply(*, today: date | None = None) -> dict[str, int]:
    """Delete or anonymise every expired record; one audit row per rule with the count."""
    from wscb.audit.models import AuditAction
    from wscb.audit.services import audit_record

    today = today or timezone.localdate()
    done: dict[str, int] = {}
    for rule in retention_rules():
        with transaction.atomic():
            expired = rule.expired(today)
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
