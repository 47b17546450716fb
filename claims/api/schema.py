from drf_spectacular.openapi import AutoSchema as SpectacularAutoSchema
from rest_framework.permissions import SAFE_METHODS


class AutoSchema(SpectacularAutoSchema):
    """Reads need no credentials: say so in each read's security requirements."""

    def get_auth(self):
        auth = super().get_auth()
        if self.method in SAFE_METHODS and {} not in auth:
            auth.append({})
        return auth


def refuse_unknown_fields(result, generator, request, public):
    """drf-spectacular postprocessing hook: request bodies say what the strict serializers do, that a
    field they do not know is refused (additionalProperties: false); the token form excepted."""
    for name, component in result.get("components", {}).get("schemas", {}).items():
        if name.endswith("Request") and name != "AuthTokenRequest" and component.get("type") == "object":
            component["additionalProperties"] = False
    return result
