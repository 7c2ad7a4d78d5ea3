"""Widgets of the triage app, one per file."""
