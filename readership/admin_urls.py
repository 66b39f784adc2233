"""Readership's admin pages, under /admin/readership/ (namespace `readership`)."""

from django.urls import path

from readership import admin_views

urlpatterns = [
    path("", admin_views.ReadingStatisticsView.as_view(), name="statistics"),
    path("export.csv", admin_views.StatisticsExportView.as_view(), name="export"),
    path("items/<int:item_id>/", admin_views.ItemStatisticsView.as_view(), name="item"),
    path(
        "organisations/<slug:slug>/",
        admin_views.OrganisationDashboardView.as_view(),
        name="organisation",
    ),
    path("unmet-searches/", admin_views.UnmetSearchesView.as_view(), name="unmet_searches"),
    path("unmet-searches/mark/", admin_views.MarkCallView.as_view(), name="mark_call"),
]
