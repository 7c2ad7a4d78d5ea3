"""Start-up stays fast: opening the app imports only what the first screen needs."""

from __future__ import annotations

import json
import subprocess
import sys

LAZY = (
    "triage.tui.screens.help",
    "triage.tui.screens.articles",
    "triage.tui.screens.search",
    "triage.tui.screens.import_files",
    "triage.tui.screens.confirm",
    "triage.tui.screens.edit",
    "triage.tui.screens.queue",
    "triage.pipeline",
    "triage.tui.link_views",
)


def test_app_module_imports_no_secondary_screens():
    code = "import sys, json; import triage.tui.app; print(json.dumps(sorted(sys.modules)))"
    loaded = json.loads(
        subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        ).stdout
    )
    assert [name for name in LAZY if name in loaded] == []
