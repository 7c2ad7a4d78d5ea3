"""`triage watch`: keep importing from folders and RSS/Atom feeds until Ctrl+C."""

from __future__ import annotations

import contextlib
import signal
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import click

from triage.cli.options import open_workspace, workspace_options
from triage.models import TriageError


def _split(targets: tuple[str, ...]) -> tuple[list[Path], list[str]]:
    folders, feeds = [], []
    for target in targets:
        if target.lower().startswith(("http://", "https://")):
            feeds.append(target)
            continue
        path = Path(target).expanduser()
        if not path.exists():
            raise TriageError(f"{target}: no such folder")
        if not path.is_dir():
            raise TriageError(
                f"{target}: not a folder (watch the folder it is in, or `triage import` it)"
            )
        folders.append(path)
    return folders, feeds


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


@contextlib.contextmanager
def _stopped_by_signals(stop: threading.Event) -> Iterator[None]:
    """Ctrl+C (SIGINT) and SIGTERM set `stop`: the article being imported is finished and
    recorded, then the loop ends. A second Ctrl+C interrupts at once (each article is its own
    transaction, so even then nothing is half-written)."""

    def handle(signum: int, frame: object) -> None:
        if stop.is_set():
            raise KeyboardInterrupt
        stop.set()

    previous = {}
    for name in ("SIGINT", "SIGTERM"):
        sig = getattr(signal, name, None)
        if sig is not None:
            previous[sig] = signal.signal(sig, handle)
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


@click.command(name="watch")
@workspace_options
@click.argument("targets", nargs=-1, required=True, metavar="FOLDER|URL...")
@click.option(
    "--interval",
    type=click.FloatRange(min=0.05),
    default=300.0,
    show_default=True,
    help="Seconds between two polls of a feed.",
)
@click.option(
    "--timeout",
    type=click.FloatRange(min=0.05),
    default=20.0,
    show_default=True,
    help="Seconds a feed or a page may take to answer.",
)
@click.option(
    "--retry",
    type=click.FloatRange(min=0.05),
    default=30.0,
    show_default=True,
    help="Seconds before a failed feed is tried again; doubled after each failure in a row.",
)
@click.option("--once", is_flag=True, help="Read every folder and poll every feed once, then stop.")
@click.option(
    "--threshold",
    type=click.FloatRange(0, 1),
    default=None,
    help="Check-worthiness score a sentence needs to become a claim.",
)
def watch_command(
    db: Path | None,
    config_path: Path | None,
    targets: tuple[str, ...],
    interval: float,
    timeout: float,
    retry: float,
    once: bool,
    threshold: float | None,
) -> None:
    """Keep importing: files that land or change in FOLDERs, and new entries of RSS/Atom feeds
    (each entry's page read like an HTML import). One line per imported article: its title,
    claims, repeats found and claims checked before. Nothing is imported twice, also across
    restarts; a feed that fails is tried again later and the others go on. Ctrl+C stops.

    Put files in a folder whole: write them elsewhere (or under a hidden name, .draft.html)
    and move them in; hidden files are not read.
    """
    from triage.link.linker import Thresholds
    from triage.watch.runner import Watcher, WatchOptions

    folders, feeds = _split(targets)
    store, config = open_workspace(db, config_path)
    stop = threading.Event()
    options = WatchOptions(
        interval=interval,
        timeout=timeout,
        retry=retry,
        max_bytes=config.max_article_bytes,
        threshold=threshold if threshold is not None else config.claim_threshold,
        link_thresholds=config.link,
        checked_before=Thresholds.from_config(config.link).checked_before,
        once=once,
    )

    def say(line: str) -> None:
        click.echo(line)
        sys.stdout.flush()

    def warn(line: str) -> None:
        click.echo(f"triage: {line}", err=True)

    watcher = Watcher(store, folders, feeds, options, say, warn, stop)
    what = [f"{len(folders)} folder{'s' if len(folders) != 1 else ''}"] if folders else []
    what += [f"{len(feeds)} feed{'s' if len(feeds) != 1 else ''}"] if feeds else []
    interrupted = False
    try:
        with _stopped_by_signals(stop):
            if not once:
                warn(f"watching {' and '.join(what)} (Ctrl+C stops)")
            try:
                summary = watcher.run()
            except KeyboardInterrupt:  # the second Ctrl+C
                interrupted = True
                summary = watcher.summary
    finally:
        store.close()
    articles = _count(summary.imported, "article")
    ended = "stopped" if (stop.is_set() or interrupted) else "done"
    warn(
        f"watch {ended}: {articles} imported, {_count(summary.claims, 'claim')}, "
        f"{_count(summary.repeats, 'repeat')} found, {summary.checked_before} checked before"
        + (f", {_count(summary.problems, 'problem')}" if summary.problems else "")
    )
    if interrupted:
        sys.exit(130)
    if once and summary.problems:
        sys.exit(1)
