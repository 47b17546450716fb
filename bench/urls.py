"""The project's URLs plus two reference views that exist only for bench/serve.py."""

from django.urls import include, path

from bench import views

urlpatterns = [
    path("bench/hello/", views.hello, name="bench-hello"),
    path("bench/floor/<slug:slug>/", views.claim_floor, name="bench-floor"),
    path("", include("factcheck.urls")),
]
