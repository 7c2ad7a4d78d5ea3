"""Regenerate screenshots/*.svg: every screen of the app on a workspace built from seeds/.

    python -m triage.tui.screenshots [--out screenshots]

Deterministic: a fresh workspace per picture, fixed sizes, fixed key presses, no clock on
screen, so the SVGs only change when the app's look changes.
"""

from __future__ import annotations

import argparse
import asyncio
import shutil
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from textual.pilot import Pilot

from triage.config import Config
from triage.pipeline import bundled_seeds, import_paths
from triage.store.workspace import Store
from triage.tui.app import TriageApp

USER = "journalist"


@dataclass(frozen=True)
class Shot:
    name: str
    size: tuple[int, int]
    keys: Sequence[str] = ()
    theme: str = ""


SHOTS = (
    Shot("main", (120, 34), ("2", "6", "c", "j")),
    Shot("main-80x24", (80, 24), ("2", "6", "c", "j")),
    Shot("main-ansi-dark", (120, 34), ("2", "6", "c", "j"), theme="ansi-dark"),
    Shot("main-ansi-light", (120, 34), ("2", "6", "c", "j"), theme="ansi-light"),
    Shot("article-pane", (120, 34), ("tab", "j", "j", "j")),
    Shot("tagged-confirm", (120, 34), ("space", "space", "space", "4")),
    Shot("filter-undecided", (120, 34), ("1", "1", "f")),
    Shot("reading-order", (120, 34), ("s",)),
    Shot("dismiss-rest", (120, 34), ("1", "j", "j", "X")),
    Shot("queue", (120, 34), ("w", "2", "6", "x")),
    Shot("queue-80x24", (80, 24), ("w", "2", "6", "x")),
    Shot("note", (120, 34), ("n", *"See ONS table 4: https://ons.gov.uk [checked]")),
    Shot("articles", (120, 34), ("1", "J", "1", "1", "o")),
    Shot("search", (120, 34), ("slash", *"troops")),
    Shot("help", (120, 40), ("question_mark",)),
    Shot("import", (120, 34), ("i", *"~/articles/")),
)


def build_template(folder: Path) -> Path:
    """A workspace holding the seed articles, built once and copied for each picture."""
    path = folder / "template.db"
    store = Store.open(path, USER)
    try:
        import_paths(store, [str(bundled_seeds())])
    finally:
        store.close()
    return path


async def take(shot: Shot, workspace: Path, out: Path) -> Path:
    store = Store.open(workspace, USER)
    app = TriageApp(store, Config(user=USER, theme=shot.theme))
    target = out / f"{shot.name}.svg"

    async def drive(pilot: Pilot[object]) -> None:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        for key in shot.keys:
            await pilot.press(key)
            await app.workers.wait_for_complete()
        await pilot.pause()
        app.clear_notifications()
        await pilot.pause()
        target.write_text(app.export_screenshot(title=f"triage: {shot.name}"), encoding="utf-8")
        app.exit()

    try:
        await app.run_async(headless=True, size=shot.size, auto_pilot=drive)
    finally:
        store.close()
    return target


def regenerate(out: Path, names: Sequence[str] = ()) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    written = []
    with tempfile.TemporaryDirectory() as tmp:
        template = build_template(Path(tmp))
        for shot in SHOTS:
            if names and shot.name not in names:
                continue
            folder = Path(tmp) / shot.name
            folder.mkdir()
            workspace = folder / "workspace.db"
            shutil.copyfile(template, workspace)
            written.append(asyncio.run(take(shot, workspace, out)))
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description="Regenerate the app's screenshots (SVG).")
    parser.add_argument(
        "--out",
        type=Path,
        default=Path("screenshots"),
        help="Folder to write the SVG files to (default: screenshots).",
    )
    parser.add_argument("names", nargs="*", help="Only these screenshots (default: all).")
    args = parser.parse_args()
    for path in regenerate(args.out, args.names):
        print(path)


if __name__ == "__main__":
    main()
