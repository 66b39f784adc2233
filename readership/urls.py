"""Readership's public page, included inside i18n_patterns: /fr/questions-ouvertes/."""

from django.urls import path
from django.utils.translation import gettext_lazy as _

from readership import views

page_urlpatterns = [
    path(_("open-questions/"), views.open_questions, name="open_questions"),
]
