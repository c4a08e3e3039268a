"""Versioned updates: save only if the record is still the version the form was opened with.

Every edit form in the portal carries the record's ``version`` (a hidden field). Services write with
``versioned_update``, one conditional ``UPDATE ... SET version = version + 1 WHERE pk = ? AND version = ?``,
so the check and the write are one step and two saves at the same moment cannot both pass: the
second raises ``EditConflict`` (or an app's subclass of it, with the app's message) and writes
nothing. Views turn the exception into a message. This works on SQLite as well as PostgreSQL: it
relies on the conditional UPDATE, never on ``select_for_update`` (a no-op on SQLite)::

    versioned_update(Session.objects.filter(pk=session.pk), version=version, status=Session.Status.DELIVERED)

The back office (Django admin) has no such protection by default (Django ticket #32867), so a change
form opened before someone else saved would silently overwrite their change. ``VersionedModelAdmin``
adds it, with the same helper::

    @admin.register(Session)
    class SessionAdmin(VersionedModelAdmin, admin.ModelAdmin): ...


    @admin.register(Attendance)
    class AttendanceAdmin(VersionedModelAdmin, admin.ModelAdmin):
        version_owner = "meeting"  # the version the portal checks lives on the meeting

- The change form carries the version it was opened with (hidden ``version`` field).
- Saving with a stale version shows ``CONFLICT_MESSAGE`` on the form (HTTP 200, the typed values kept)
  and writes nothing.
- A successful save raises the version by one, so a portal form opened before it then gets the
  portal's own conflict message. With ``version_owner`` (a foreign key), the version is the related
  record's: adding, changing or deleting the row raises the owner's version.

Two people *creating* the same record at once (the same agency's contribution for a year) both pass
the form's uniqueness check; ``insert_unique`` turns the loser's unique violation into the
``ValidationError`` that checking again now gives, which the view shows on the form, never a 500.
"""

from __future__ import annotations

from collections.abc import Callable

from django import forms
from django.db import IntegrityError, transaction
from django.db.models import F, QuerySet

from wscb.forms import SpecificErrorMessagesMixin

CONFLICT_MESSAGE = (
    "This record was changed by someone else while you were editing it, so your changes have not been "
    "saved. Reload the page to see the current version, then make your changes again."
)


class EditConflict(Exception):
    """The version a form was opened with is no longer the stored one: nothing was written.

    Apps may subclass it for their own message (``default_message``) or context. ``current`` is the
    record as stored now, when the raiser looked it up (for showing "here is what they saved").
    """

    default_message = CONFLICT_MESSAGE

    def __init__(self, message: str | None = None, *, current=None):
        self.current = current
        super().__init__(message or self.default_message)


def versioned_update(
    rows: QuerySet, *, version: int | None, conflict: Callable[[], Exception] = EditConflict, **changes
) -> None:
    """``UPDATE rows SET version = version + 1, **changes WHERE version = <version>``.

    ``rows`` names the record (``Model.objects.filter(pk=...)``, with any further condition the write
    needs, such as a status). When no row matches (someone saved first, the row is gone, or the
    condition no longer holds), nothing is written and ``conflict()`` is raised: an ``EditConflict``
    subclass, or a callable that builds one with context. ``version=None`` skips the version check
    (the write still raises the version, so forms opened earlier become stale).
    """
    if version is not None:
        rows = rows.filter(version=version)
    if not rows.update(version=F("version") + 1, **changes):
        raise conflict()


def version_holder(instance, owner: str | None):
    """(model, pk) of the record whose ``version`` guards ``instance``: itself, or its ``owner`` FK."""
    if owner is None:
        return type(instance), instance.pk
    field = type(instance)._meta.get_field(owner)
    return field.related_model, getattr(instance, field.attname)


class VersionedFormMixin:
    """A hidden ``version`` field holding the guarding record's version when the form was opened;
    ``clean`` refuses a stale one. Used through ``VersionedModelAdmin`` (which sets ``version_owner``)."""

    version_owner: str | None = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Where the version lives, read before the posted values change the instance (an owner FK may change).
        self.version_key = None
        if self.instance.pk is not None:
            self.version_key = version_holder(self.instance, self.version_owner)
            model, pk = self.version_key
            self.initial["version"] = model._default_manager.filter(pk=pk).values_list("version", flat=True).first()

    def clean(self):
        cleaned = super().clean()
        if self.version_key is None:
            cleaned.pop("version", None)  # a new record starts at the model's default version
            return cleaned
        model, pk = self.version_key
        stored = model._default_manager.filter(pk=pk).values_list("version", flat=True).first()
        if cleaned.get("version") is None or stored != cleaned["version"]:
            raise forms.ValidationError(CONFLICT_MESSAGE, code="conflict")
        return cleaned


class VersionedModelForm(SpecificErrorMessagesMixin, VersionedFormMixin, forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)


class VersionedModelAdmin:
    """Mixin for a ModelAdmin (put it first): stale change forms get a conflict, saves raise the version.

    ``version_owner``: None when the model has its own ``version``; otherwise the name of the foreign
    key to the record whose version the portal checks (Attendance -> "meeting").
    A custom ``form`` must subclass ``VersionedModelForm`` (or mix in ``VersionedFormMixin`` and declare
    the hidden ``version`` field).
    """

    version_owner: str | None = None
    form = VersionedModelForm

    def get_fields(self, request, obj=None):
        fields = [name for name in super().get_fields(request, obj) if name != "version"]
        if obj is not None and not self.has_change_permission(request, obj):
            return fields  # a read-only view has nothing to guard
        return [*fields, "version"]

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        if not issubclass(form, VersionedFormMixin):
            raise TypeError(f"{type(self).__name__}.form must subclass wscb.data.versions.VersionedModelForm.")
        form.version_owner = self.version_owner
        return form

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except EditConflict:
            # Someone saved between this form's check and its write; everything was rolled back.
            # Showing the form again runs the check against the new version, which now fails.
            return super().changeform_view(request, object_id, form_url, extra_context)

    def save_model(self, request, obj, form, change):
        key = getattr(form, "version_key", None)
        if change and key is not None:
            model, pk = key
            posted = form.cleaned_data["version"]
            versioned_update(model._default_manager.filter(pk=pk), version=posted)
            if self.version_owner is None:
                obj.version = posted + 1
        super().save_model(request, obj, form, change)
        if self.version_owner is not None:
            model, pk = version_holder(obj, self.version_owner)
            if key is None or key != (model, pk):  # added, or moved to another owner: that one changed too
                model._default_manager.filter(pk=pk).update(version=F("version") + 1)

    def delete_model(self, request, obj):
        self._bump_owners([obj])
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        self._bump_owners(list(queryset))
        super().delete_queryset(request, queryset)

    def _bump_owners(self, objects):
        if self.version_owner is None or not objects:
            return
        model = type(objects[0])._meta.get_field(self.version_owner).related_model
        keys = {version_holder(obj, self.version_owner)[1] for obj in objects}
        model._default_manager.filter(pk__in=keys).update(version=F("version") + 1)  # one UPDATE, not one per owner


def insert_unique(instance):
    """Save a new, already validated row. If another request saved a row with the same unique values
    between the check and this save, raise the ``ValidationError`` that validating again gives now
    (naming the field when the model says which), rather than letting the IntegrityError become a 500."""
    try:
        with transaction.atomic():
            instance.save(force_insert=True)
    except IntegrityError:
        instance.validate_unique()
        instance.validate_constraints()
        raise  # not a uniqueness problem that validation knows about
    return instance
