"""Admin widgets: decimals without trailing zeros, and autocompletes that are named and cheap.

Autocompletes for inlines without one query per row:
Django's AutocompleteSelect looks up the label of its selected object with a
query of its own, so an inline of fifty rows with two autocomplete fields
costs a hundred queries. These rows already hold the objects (the inline's
queryset selects them), so the widget takes the label from there.
"""

from decimal import Decimal

from django import forms
from django.contrib.admin.widgets import AutocompleteSelect


class TrimmedDecimalInput(forms.NumberInput):
    """Shows 17 rather than 17.0000 for values stored with four decimal places."""

    def format_value(self, value):
        if isinstance(value, Decimal):
            value = f"{value.normalize():f}"
        return super().format_value(value)


class NamedAutocompleteSelect(AutocompleteSelect):
    """An autocomplete box that is never nameless: select2's box is named by what it shows, which is
    nothing when no choice is made (axe: aria-input-field-name), so it shows "None chosen"."""

    def build_attrs(self, base_attrs, extra_attrs=None):
        attrs = super().build_attrs(base_attrs, extra_attrs)
        attrs["data-placeholder"] = "None chosen"
        return attrs


class NamedAutocompleteMixin:
    """For a ModelAdmin or inline: its autocomplete fields use NamedAutocompleteSelect."""

    autocomplete_widget = NamedAutocompleteSelect

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = self.autocomplete_widget(db_field, self.admin_site, using=kwargs.get("using"))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class PrefetchedAutocompleteSelect(NamedAutocompleteSelect):
    known: dict[str, str] = {}

    def optgroups(self, name, value, attr=None):
        selected = [str(v) for v in value if str(v) not in self.choices.field.empty_values]
        if not all(choice in self.known for choice in selected):
            return super().optgroups(name, value, attr)
        options = []
        if not self.is_required:
            options.append(self.create_option(name, "", "", False, 0))
        for choice in selected:
            options.append(self.create_option(name, choice, self.known[choice], set(selected), len(options)))
        return [(None, options, 0)]


class PrefetchedAutocompleteMixin(NamedAutocompleteMixin):
    """For an InlineModelAdmin whose get_queryset() select_related()s its autocomplete fields."""

    autocomplete_widget = PrefetchedAutocompleteSelect

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        names = self.get_autocomplete_fields(request)

        class PrefetchedFormSet(formset):
            def _construct_form(self, i, **kwargs):
                form = super()._construct_form(i, **kwargs)
                for name in names:
                    related = getattr(form.instance, name, None) if form.instance.pk else None
                    if name in form.fields and related is not None:
                        widget = form.fields[name].widget
                        getattr(widget, "widget", widget).known = {str(related.pk): str(related)}
                return form

        return PrefetchedFormSet
