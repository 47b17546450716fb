"""Refusing an admin save made from a stale copy of a row, so two editors never overwrite each other.

The change form carries a digest of the row as it was when the form was opened. Saving locks the
row (SELECT … FOR UPDATE, inside the admin's transaction, held until the save commits) and
compares: when someone saved it in between, by the admin, the API or an import, the form is
refused with a message and nothing is written. Of two editors saving at once, the second waits
for the first's lock, then finds the row changed.
"""

import hashlib

from django import forms
from django.contrib import admin
from django.contrib.admin.utils import flatten_fieldsets
from django.core.exceptions import ValidationError
from django.db import models

FIELD = "loaded_row"
STALE_MESSAGE = (
    "Someone else changed this {what} since you opened it. Nothing was saved: "
    "reload the page to see their changes, then make yours again."
)


def row_digest(row: models.Model) -> str:
    """A digest of everything the row stores (its own columns; not its many-to-many links)."""
    values = [repr(getattr(row, field.attname)) for field in row._meta.concrete_fields]
    return hashlib.sha256("\x1f".join(values).encode()).hexdigest()


def check_unchanged(*, row: models.Model, digest: str) -> None:
    """Lock `row` until the transaction ends and raise ValidationError unless it still has `digest`."""
    model = type(row)
    current = model._default_manager.select_for_update().filter(pk=row.pk).first()
    if current is None or row_digest(current) != digest:
        raise ValidationError(STALE_MESSAGE.format(what=model._meta.verbose_name), code="stale")


class StaleEditForm(forms.ModelForm):
    """A change form that remembers the row it was opened on and refuses a save from a stale copy."""

    loaded_row = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None and not self.is_bound:
            self.fields[FIELD].initial = row_digest(self.instance)

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk is not None:
            try:
                check_unchanged(row=self.instance, digest=cleaned.get(FIELD) or "")
            except ValidationError as error:
                self.add_error(None, error)
        return cleaned


class StaleEditAdmin(admin.ModelAdmin):
    """Change forms built on StaleEditForm, with its hidden field placed on the page."""

    form = StaleEditForm

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None or FIELD in flatten_fieldsets(fieldsets):
            return fieldsets
        (name, options), *rest = fieldsets
        return [(name, {**options, "fields": [*options["fields"], FIELD]}), *rest]
