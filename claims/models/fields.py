"""Fields that claims, quotes and suggestions share: a quantity and a period, with their constraints."""

from django.db import models
from django.db.models import F, Q

from claims.quantities import Comparator, Interval, interval


def quantity_constraints(prefix: str) -> list[models.BaseConstraint]:
    return [
        models.CheckConstraint(
            condition=Q(comparator="", value__isnull=True, value_upper__isnull=True)
            | Q(comparator__in=Comparator.values, value__isnull=False),
            name=f"{prefix}_value_needs_comparator",
        ),
        models.CheckConstraint(
            condition=Q(comparator=Comparator.RANGE, value_upper__isnull=False, value_upper__gte=F("value"))
            | (~Q(comparator=Comparator.RANGE) & Q(value_upper__isnull=True)),
            name=f"{prefix}_range_bounds_ordered",
        ),
    ]


def period_constraints(prefix: str) -> list[models.BaseConstraint]:
    return [
        models.CheckConstraint(
            condition=Q(time_start__isnull=True, time_end__isnull=True)
            | Q(time_start__isnull=False, time_end__isnull=False, time_end__gte=F("time_start")),
            name=f"{prefix}_period_ordered",
        ),
    ]


class QuantityFields(models.Model):
    comparator = models.CharField(max_length=16, choices=Comparator.choices, blank=True)
    value = models.DecimalField(max_digits=20, decimal_places=4, null=True, blank=True)
    value_upper = models.DecimalField(
        "upper bound",
        max_digits=20,
        decimal_places=4,
        null=True,
        blank=True,
        help_text="Only for a range: the largest value.",
    )

    class Meta:
        abstract = True

    def clean_quantity(self) -> dict[str, str]:
        errors = {}
        if self.value is not None and not self.comparator:
            errors["comparator"] = "Say how the value is meant: exactly, approximately, at least…"
        if self.comparator and self.value is None:
            errors["value"] = "Enter the value, or clear the comparator."
        if self.comparator == Comparator.RANGE:
            if self.value_upper is None:
                errors["value_upper"] = "A range needs an upper bound."
            elif self.value is not None and self.value_upper < self.value:
                errors["value_upper"] = "The upper bound must not be below the lower bound."
        elif self.value_upper is not None:
            errors["value_upper"] = "Only a range has an upper bound."
        return errors

    @property
    def quantity_fields(self) -> dict:
        """The value as field values, to give another record with a quantity the same one."""
        return {"comparator": self.comparator, "value": self.value, "value_upper": self.value_upper}

    @property
    def interval(self) -> Interval | None:
        if self.value is None or not self.comparator:
            return None
        return interval(self.comparator, self.value, self.value_upper)


class PeriodFields(models.Model):
    time_start = models.DateField(
        "from", null=True, blank=True, help_text="First day of the time the fact refers to."
    )
    time_end = models.DateField(
        "until", null=True, blank=True, help_text="Last day; the same day for a single date."
    )
    time_label = models.CharField(
        "time as written", max_length=100, blank=True, help_text='For example "March 2022".'
    )

    class Meta:
        abstract = True

    def clean_period(self) -> dict[str, str]:
        if self.time_start and self.time_end and self.time_end < self.time_start:
            return {"time_end": "The period cannot end before it starts."}
        if bool(self.time_start) != bool(self.time_end):
            return {"time_end" if self.time_start else "time_start": "Give both ends of the period."}
        return {}

    @property
    def period_fields(self) -> dict:
        """The period as field values, to give another record with a period the same one."""
        return {"time_start": self.time_start, "time_end": self.time_end, "time_label": self.time_label}

    @property
    def period(self) -> tuple:
        return (self.time_start, self.time_end)
