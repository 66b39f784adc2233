"""Extraction's admin pages, mounted by the site under the pipeline's namespace (portal)."""

from django.urls import path

from worker.admin_views import DocumentExtractionIndexView, RetryFailedView

urlpatterns = [
    path("documents/", DocumentExtractionIndexView.as_view(), name="documents"),
    path(
        "documents/results/",
        DocumentExtractionIndexView.as_view(results_only=True),
        name="documents_results",
    ),
    path("search-index/retry/", RetryFailedView.as_view(), name="retry_failed"),
]
