from drf_spectacular.openapi import AutoSchema as SpectacularAutoSchema
from rest_framework.permissions import SAFE_METHODS


class AutoSchema(SpectacularAutoSchema):
    """Reads need no credentials: say so in each read's security requirements."""

    def get_auth(self):
        auth = super().get_auth()
        if self.method in SAFE_METHODS and {} not in auth:
            auth.append({})
        return auth
