"""`triage serve`: the triage app in browsers. The web stack is imported only when it runs."""

from __future__ import annotations

from pathlib import Path

import click

from triage.cli.options import open_workspace, workspace_options
from triage.config import resolve_config_path, resolve_db_path
from triage.models import TriageError
from triage.serve.policy import check_token, is_loopback, new_token, open_url


@click.command(name="serve")
@workspace_options
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Address to listen on. Any address but loopback needs the token.",
)
@click.option(
    "--port",
    type=click.IntRange(0, 65535),
    default=8000,
    show_default=True,
    help="Port to listen on (0: any free port).",
)
@click.option(
    "--token",
    envvar="TRIAGE_SERVE_TOKEN",
    default=None,
    help="Token a browser must bring (default on a non-loopback address: a new one each start; "
    "also TRIAGE_SERVE_TOKEN, which other users cannot see in the process list).",
)
@click.option(
    "--max-sessions",
    type=click.IntRange(1, 256),
    default=None,
    help="Browser tabs open at once (default: max_sessions in the config, else 8).",
)
def serve_command(
    db: Path | None,
    config_path: Path | None,
    host: str,
    port: int,
    token: str | None,
    max_sessions: int | None,
) -> None:
    """Serve the triage app to web browsers: each tab is its own session on this workspace.

    Listens on 127.0.0.1 unless told otherwise (from another machine, use an SSH tunnel:
    ssh -L 8000:127.0.0.1:8000 HOST). On any other address a browser needs the token printed
    at start. Every session uses this command's workspace and config; Ctrl+C ends them all.
    """
    from triage.pipeline import finish_linking

    if token is not None:
        token = check_token(token)
    elif not is_loopback(host):
        token = new_token()
    db_path = resolve_db_path(db).absolute()
    config_file = resolve_config_path(config_path).absolute()
    store, config = open_workspace(db_path, config_file)  # damage checked once, here
    try:
        finish_linking(store, config.link)  # articles a killed import stored but never linked
    finally:
        store.close()

    from triage.serve.server import TriageServer, sessions

    server = TriageServer(
        db_path,
        config_file,
        host=host,
        port=port,
        token=token,
        max_sessions=max_sessions or config.max_sessions,
    )
    try:
        sock = server.bind()
    except OSError as error:
        raise TriageError(f"cannot listen on {host}:{port} ({error.strerror or error})") from None
    click.echo(f"triage serve: {db_path}, at most {sessions(server.max_sessions)} at once")
    click.echo(f"Open {open_url(host, server.port, token)}")
    if token is not None:
        click.echo("Anyone with this address can decide claims in this workspace: share it "
                   "only with your desk.")  # fmt: skip
    click.echo("Ctrl+C stops the server and ends every session.")
    server.serve(sock=sock)
