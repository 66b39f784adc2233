"""Bulk import of research items from a CSV manifest (`python manage.py import_research`)."""
