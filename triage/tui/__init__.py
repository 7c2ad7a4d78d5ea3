"""The Textual user interface. Import `triage.tui.app` only when the app is about to run."""
