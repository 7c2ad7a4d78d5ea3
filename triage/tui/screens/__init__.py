"""Screens of the triage app."""
