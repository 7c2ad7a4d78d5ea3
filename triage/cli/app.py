"""`triage open` (the default command) and `triage demo`: the app on a workspace."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path

import click

from triage.cli.options import config_option, load, open_workspace, workspace_options
from triage.config import resolve_db_path
from triage.models import TriageError


@click.command(name="open")
@workspace_options
def open_app(db: Path | None, config_path: Path | None) -> None:
    """Open the triage app (the default command). A new workspace starts empty: import
    articles from the app (i) or with `triage import PATH`; `triage demo` shows the samples."""
    from triage.pipeline import finish_linking

    path = resolve_db_path(db)
    store, config = open_workspace(db, config_path, wait_for_check=False)
    try:
        # The heavy import of the app runs while the damage check reads the file; a damaged
        # workspace is then one line and exit 1, before the app starts.
        from triage.tui.app import run_app

        store.wait_for_check()
        finish_linking(store, config.link)  # articles a killed import stored but never linked
    finally:
        store.close()
    run_app(path, config, checked=True)


@click.command(name="demo")
@config_option
def demo_command(config_path: Path | None) -> None:
    """Open the app on a throwaway workspace filled with the bundled sample articles.

    The workspace is a temporary file, removed when the app closes; your own workspace
    (--db, TRIAGE_DB) is not touched.
    """
    import tempfile

    from triage.pipeline import bundled_seeds, import_paths
    from triage.store.workspace import Store

    config = load(config_path)
    with tempfile.TemporaryDirectory(prefix="triage-demo-") as folder:
        path = Path(folder) / "demo.db"
        click.echo("triage: opening a demo workspace with the sample articles "
                   "(removed when you quit)", err=True)  # fmt: skip
        store = Store.open(path, user=config.user)
        try:
            from triage.tui.app import run_app

            summary = import_paths(store, [str(bundled_seeds())], config.claim_threshold,
                                   link_thresholds=config.link)  # fmt: skip
        finally:
            store.close()
        if summary.failed:
            raise TriageError(
                "the sample articles could not be imported: " + "; ".join(summary.problems)
            )
        with _removed_on_hangup(Path(folder)):
            run_app(path, config)
    click.echo("triage: the demo workspace was removed; "
               "to start your own, run `triage import PATH` or open `triage`", err=True)  # fmt: skip


@contextlib.contextmanager
def _removed_on_hangup(folder: Path) -> Iterator[None]:
    """A closed terminal (SIGHUP) or a kill (SIGTERM) ends the process without unwinding, so the
    demo's folder goes in the signal handler, which then lets the signal end the process."""
    import shutil
    import signal

    def remove_then_die(signum: int, frame: object) -> None:
        shutil.rmtree(folder, ignore_errors=True)
        signal.signal(signum, signal.SIG_DFL)
        os.kill(os.getpid(), signum)

    signals = [getattr(signal, name) for name in ("SIGHUP", "SIGTERM") if hasattr(signal, name)]
    previous = {sig: signal.signal(sig, remove_then_die) for sig in signals}
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
