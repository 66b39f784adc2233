"""Fictional demo content: research items with generated attached files."""
