"""A read-only panel on the research item's edit page: what extraction made of each file."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import Panel


class FileExtractionPanel(Panel):
    """Lists the attached files with their extraction status, reason and figures."""

    def __init__(self, **kwargs):
        kwargs.setdefault("heading", _("Text extraction of the attached files"))
        super().__init__(**kwargs)

    @property
    def clean_name(self):
        return super().clean_name or "file_extraction"

    class BoundPanel(Panel.BoundPanel):
        template_name = "research/admin/file_extraction_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["documents"] = self.attached_documents()
            return context

        def attached_documents(self):
            # The instance is the latest revision: its files are in memory, not yet saved.
            files = getattr(self.instance, "files", None)
            if files is None or self.instance.pk is None:
                return []
            links = [link for link in files.all() if link.document_id]
            return [link.document for link in links]


class SimilarStudiesPanel(Panel):
    """Published studies close to this one that the editor may see (search's related items,
    through its template tag), so that an analyst notices work already done."""

    def __init__(self, **kwargs):
        kwargs.setdefault("heading", _("Similar studies already published"))
        super().__init__(**kwargs)

    @property
    def clean_name(self):
        return super().clean_name or "similar_studies"

    class BoundPanel(Panel.BoundPanel):
        template_name = "research/admin/similar_studies_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["item"] = self.instance if self.instance.pk else None
            context["request"] = self.request
            return context
