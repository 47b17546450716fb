import copy
from collections.abc import Mapping

from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import serializers
from rest_framework.settings import api_settings

from sources.models import Actor, Citation, Source


def strict_body_errors(serializer: serializers.Serializer, data) -> dict[str, list[str]]:
    """Fields `data` has that `serializer` does not know, and text fields given a number or a boolean
    (which DRF would turn into text), each with its message: the schema promises exactly these types."""
    if not isinstance(data, Mapping):
        return {}
    errors = {name: ["Unknown field."] for name in sorted(set(data) - set(serializer.fields))}
    for name, field in serializer.fields.items():
        value = data.get(name)
        if (
            isinstance(field, serializers.CharField)
            and not field.read_only
            and value is not None
            and not isinstance(value, str)
        ):
            errors[name] = ["Give text (a JSON string)."]
    return errors


class StrictModelSerializer(serializers.ModelSerializer):
    """Refuses fields it does not know, and applies the model's own rules before anything is saved.

    The model's clean() and its database constraints run on a copy of the
    instance, so a bad value is a 400 naming the field, never an
    IntegrityError; what clean() normalises (a URL, a slug) is what gets saved.
    """

    def to_internal_value(self, data):
        if errors := strict_body_errors(self, data):
            raise serializers.ValidationError(errors)
        return super().to_internal_value(data)

    def validate(self, attrs):
        attrs = super().validate(attrs)
        model = self.Meta.model
        many = {field.name for field in model._meta.many_to_many}
        candidate = copy.copy(self.instance) if self.instance is not None else model()
        for name, value in attrs.items():
            if name not in many:
                setattr(candidate, name, value)
        try:
            candidate.full_clean(exclude=many)
        except DjangoValidationError as error:
            errors = serializers.as_serializer_error(error)
            if NON_FIELD_ERRORS in errors:
                errors[api_settings.NON_FIELD_ERRORS_KEY] = errors.pop(NON_FIELD_ERRORS)
            raise serializers.ValidationError(errors) from error
        for name in attrs:
            if name not in many:
                attrs[name] = getattr(candidate, name)
        for name in self.normalised_fields:
            attrs[name] = getattr(candidate, name)
        return attrs

    normalised_fields: tuple[str, ...] = ()


class ActorBriefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Actor
        fields = ["id", "name", "kind"]


class ActorSerializer(StrictModelSerializer):
    api_url = serializers.HyperlinkedIdentityField(view_name="api:actor-detail")
    aliases = serializers.SlugRelatedField(many=True, read_only=True, slug_field="name")

    class Meta:
        model = Actor
        fields = ["id", "api_url", "name", "kind", "description", "wikidata_id", "aliases"]


class SourceBriefSerializer(serializers.ModelSerializer):
    publisher = ActorBriefSerializer(read_only=True, allow_null=True)

    class Meta:
        model = Source
        fields = ["id", "kind", "title", "url", "archive_url", "publisher", "published_on", "language"]


class SourceSerializer(StrictModelSerializer):
    """A source in lists: everything but its text."""

    api_url = serializers.HyperlinkedIdentityField(view_name="api:source-detail")
    publisher = ActorBriefSerializer(read_only=True, allow_null=True)

    class Meta:
        model = Source
        fields = [
            "id",
            "api_url",
            "kind",
            "title",
            "url",
            "archive_url",
            "publisher",
            "published_on",
            "language",
            "text_sha256",
            "captured_at",
            "status",
            "status_note",
        ]


class CitationBriefSerializer(serializers.ModelSerializer):
    cited_source = serializers.PrimaryKeyRelatedField(read_only=True, allow_null=True)
    cited_actor = ActorBriefSerializer(read_only=True, allow_null=True)

    class Meta:
        model = Citation
        fields = ["id", "relation", "cited_source", "cited_actor", "span_text", "span_start", "span_end"]


class SourceDetailSerializer(SourceSerializer):
    authors = ActorBriefSerializer(many=True, read_only=True)
    citations = CitationBriefSerializer(many=True, read_only=True)

    class Meta(SourceSerializer.Meta):
        fields = [*SourceSerializer.Meta.fields, "authors", "text", "citations"]


class SourceWriteSerializer(StrictModelSerializer):
    publisher = serializers.PrimaryKeyRelatedField(
        queryset=Actor.objects.all(), allow_null=True, required=False
    )
    authors = serializers.PrimaryKeyRelatedField(queryset=Actor.objects.all(), many=True, required=False)
    url = serializers.CharField(max_length=2000, allow_null=True, allow_blank=True, required=False)
    archive_url = serializers.URLField(max_length=2000, allow_blank=True, required=False)

    class Meta:
        model = Source
        fields = [
            "kind",
            "title",
            "url",
            "archive_url",
            "publisher",
            "authors",
            "published_on",
            "language",
            "text",
            "status",
            "status_note",
        ]
        validators = []  # the model's constraints run in validate(), on the normalised URL


class CitationSerializer(StrictModelSerializer):
    api_url = serializers.HyperlinkedIdentityField(view_name="api:citation-detail")
    citing = serializers.PrimaryKeyRelatedField(queryset=Source.objects.all())
    cited_source = serializers.PrimaryKeyRelatedField(
        queryset=Source.objects.all(), allow_null=True, required=False
    )
    cited_actor = serializers.PrimaryKeyRelatedField(
        queryset=Actor.objects.all(), allow_null=True, required=False
    )

    class Meta:
        model = Citation
        fields = [
            "id",
            "api_url",
            "citing",
            "cited_source",
            "cited_actor",
            "relation",
            "span_text",
            "span_start",
            "span_end",
        ]
        read_only_fields = ["span_start", "span_end"]
        validators = []  # the model's constraints run in validate()
