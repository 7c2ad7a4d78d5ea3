"""The web server of `triage serve`: textual-serve's Server, with a guard in front.

textual-serve gives each WebSocket its own app process (AppService) and speaks the web
driver's protocol with it; this subclass decides who gets one. Every request passes the guard
(loopback Host, then the token when one is set); a page or session over the limit gets the
"every session is in use" page; each session runs the command fixed at start (the server's
workspace and config), whatever the request says; Ctrl+C closes every session first.
"""

from __future__ import annotations

import asyncio
import html
import logging
import shlex
import signal
import socket
from pathlib import Path
from string import Template
from typing import Any

from aiohttp import WSCloseCode, WSMsgType, web
from aiohttp.abc import AbstractAccessLogger
from textual_serve.app_service import AppService
from textual_serve.server import Server

from triage.config import DEFAULT_MAX_SESSIONS
from triage.serve.policy import (
    TOKEN_QUERY,
    host_allowed,
    is_loopback,
    origin_allowed,
    same_token,
)
from triage.serve.session import command_line

log = logging.getLogger("triage.serve")

PAGES = Path(__file__).with_name("pages")
RETRY_S = 20  # the "every session is in use" page reloads itself this often
QUIT_GRACE_S = 5.0  # a session asked to quit (tab closed) is killed if still running then
SHUTDOWN_S = 10.0  # Ctrl+C: sessions are closed first; handlers still running then are cancelled
HEARTBEAT_S = 15.0  # a tab that vanished without closing (sleep, lost network) is noticed
MAX_CELLS = 1000  # a browser reports its size in cells; nothing real is larger


class PathOnlyAccessLog(AbstractAccessLogger):
    """One line a request, without the query string: a token in a URL never reaches a log."""

    def log(self, request: web.BaseRequest, response: web.StreamResponse, time: float) -> None:
        self.logger.info(
            "%s %s %s %s", request.remote, request.method, request.path, response.status
        )


class TriageServer(Server):
    """Serves the triage app; one process per browser tab, at most `max_sessions` at once."""

    def __init__(
        self,
        db: Path,
        config: Path,
        *,
        host: str,
        port: int,
        token: str | None,
        max_sessions: int = DEFAULT_MAX_SESSIONS,
    ) -> None:
        # exec: the shell that textual-serve starts becomes the app, so the app is the server's
        # child (it ends with the server) and no shell lingers per tab.
        command = "exec " + shlex.join(command_line(db, config))
        super().__init__(command, host=host, port=port, title=f"triage · {db.name}")
        self.token = token
        self.max_sessions = max_sessions
        self.loopback = is_loopback(host)
        self.cookie = f"triage_token_{port}"
        self.sessions: set[web.WebSocketResponse] = set()
        self._pages = {
            name: Template((PAGES / f"{name}.html").read_text(encoding="utf-8"))
            for name in ("app", "full")
        }

    # -- the web application -------------------------------------------------------------------

    def make_app(self) -> web.Application:
        app = web.Application(middlewares=[self._guard_middleware()])
        app.add_routes(
            [
                web.get("/", self.handle_index, name="index"),
                web.get("/ws", self.handle_websocket, name="websocket"),
                web.get("/download/{key}", self.handle_download, name="download"),
                web.static("/static", self.statics_path, name="static"),
            ]
        )
        app.on_shutdown.append(self.close_sessions)
        return app

    def _guard_middleware(self) -> Any:
        @web.middleware
        async def guard(request: web.Request, handler: Any) -> web.StreamResponse:
            if not host_allowed(request.headers.get("Host"), self.loopback):
                return refused("this server answers only to localhost and 127.0.0.1")
            if self.token is not None and not self.has_token(request):
                return refused(
                    "this triage server needs its token: open the address it printed when it "
                    "started (…/?token=…)"
                )
            return await handler(request)

        return guard

    def has_token(self, request: web.Request) -> bool:
        assert self.token is not None
        return same_token(request.query.get(TOKEN_QUERY), self.token) or same_token(
            request.cookies.get(self.cookie), self.token
        )

    def full(self) -> bool:
        return len(self.sessions) >= self.max_sessions

    def full_page(self) -> web.Response:
        return web.Response(
            status=503,
            text=self._pages["full"].substitute(limit=sessions(self.max_sessions), retry=RETRY_S),
            content_type="text/html",
            headers={"Retry-After": str(RETRY_S), "Cache-Control": "no-store"},
        )

    async def handle_index(self, request: web.Request) -> web.Response:
        if self.token is not None and same_token(request.query.get(TOKEN_QUERY), self.token):
            # Keep the token out of the address bar, the history and Referer headers: a cookie
            # for this server only (the WebSocket and static files carry it), then a clean URL.
            query = {k: v for k, v in request.query.items() if k != TOKEN_QUERY}
            response = web.Response(
                status=303,
                headers={"Location": str(request.rel_url.with_query(query)),
                         "Cache-Control": "no-store"},
            )  # fmt: skip
            response.set_cookie(self.cookie, self.token, httponly=True, samesite="Strict")
            return response
        if self.full():
            return self.full_page()
        font_size = cells(request.query.get("fontsize"), 16, upper=72)
        return web.Response(
            text=self._pages["app"].substitute(title=html.escape(self.title), font_size=font_size),
            content_type="text/html",
            headers={"Cache-Control": "no-store"},
        )

    async def handle_websocket(self, request: web.Request) -> web.StreamResponse:  # type: ignore[override]
        """One browser tab: a new app process, relayed until the tab closes (or a refusal)."""
        if not origin_allowed(request.headers.get("Origin"), request.headers.get("Host")):
            return refused("a page of another site may not open a triage session")
        if self.full():
            return self.full_page()
        websocket = web.WebSocketResponse(heartbeat=HEARTBEAT_S)
        self.sessions.add(websocket)  # before any await: two handshakes never share a place

        async def close() -> None:  # the app has quit (q): end the tab's socket
            await websocket.close()

        try:
            await websocket.prepare(request)
            service = AppService(
                self.command,
                write_bytes=websocket.send_bytes,
                write_str=websocket.send_str,
                close=close,
                download_manager=self.download_manager,
                debug=self.debug,
            )
            await service.start(
                cells(request.query.get("width"), 80), cells(request.query.get("height"), 24)
            )
            ended = asyncio.create_task(close_when_ended(service, websocket))
            try:
                await relay(websocket, service)
            finally:
                ended.cancel()
                await end_session(service)
        finally:
            self.sessions.discard(websocket)
        return websocket

    async def close_sessions(self, app: web.Application) -> None:
        """Shutdown: close every tab's socket, so each handler ends its process and returns."""
        for websocket in list(self.sessions):
            await websocket.close(code=WSCloseCode.GOING_AWAY, message=b"server stopped")

    # -- running -------------------------------------------------------------------------------

    def bind(self) -> socket.socket:
        """The listening socket, bound before anything is printed: a taken port is an error
        at once, and port 0 picks a free one (self.port then says which)."""
        family, kind, proto, _, address = socket.getaddrinfo(
            self.host, self.port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE
        )[0]
        sock = socket.socket(family, kind, proto)
        try:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            sock.bind(address)
            sock.listen(128)  # a browser opened at once waits in the backlog, never refused
        except OSError:
            sock.close()
            raise
        self.port = sock.getsockname()[1]
        self.cookie = f"triage_token_{self.port}"
        return sock

    def serve(self, debug: bool = False, sock: socket.socket | None = None) -> None:
        """Run until SIGINT or SIGTERM; every session is closed before this returns."""
        self.debug = debug
        self.initialize_logging()
        loop = asyncio.new_event_loop()
        asyncio.set_event_loop(loop)
        for signum in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(signum, self.request_exit)
        web.run_app(
            self.make_app(),
            sock=sock or self.bind(),
            handle_signals=False,
            loop=loop,
            print=None,
            access_log_class=PathOnlyAccessLog,
            shutdown_timeout=SHUTDOWN_S,
        )


def refused(reason: str) -> web.Response:
    """403 before anything else happens: no page, no process."""
    return web.Response(status=403, text=f"403 Forbidden: {reason}\n")


def sessions(count: int) -> str:
    return f"{count} session" + ("" if count == 1 else "s")


def cells(value: str | None, default: int, upper: int = MAX_CELLS) -> int:
    """A size from the browser, kept within reason."""
    try:
        number = int(value) if value is not None else default
    except ValueError:
        return default
    return min(max(number, 1), upper)


async def relay(websocket: web.WebSocketResponse, service: AppService) -> None:
    """The browser's messages to the app process, as textual.js sends them; anything else is
    dropped (a malformed message must not end the session of the tab that sent it)."""
    async for message in websocket:
        if message.type != WSMsgType.TEXT:
            continue
        try:
            envelope = message.json()
        except ValueError:
            continue
        if not isinstance(envelope, list) or not envelope:
            continue
        kind, data = envelope[0], envelope[1] if len(envelope) > 1 else None
        if kind == "stdin" and isinstance(data, str):
            await service.send_bytes(data.encode("utf-8"))
        elif kind == "resize" and isinstance(data, dict):
            await service.set_terminal_size(
                cells(str(data.get("width")), 80), cells(str(data.get("height")), 24)
            )
        elif kind == "ping":
            await websocket.send_json(["pong", data])
        elif kind == "blur":
            await service.blur()
        elif kind == "focus":
            await service.focus()


def process_of(service: AppService) -> asyncio.subprocess.Process | None:
    """textual-serve keeps the process handle to itself (AppService._process); without it a
    crashed app would hold its tab's place, and a hung one outlive its tab."""
    return getattr(service, "_process", None)


async def close_when_ended(service: AppService, websocket: web.WebSocketResponse) -> None:
    """An app that ends without saying so (killed, crashed) closes its tab's socket too: the
    tab shows "Session ended" and the place is free."""
    process = process_of(service)
    if process is not None:
        await process.wait()
        await websocket.close()


async def end_session(service: AppService) -> None:
    """Ask the app to quit (it saves its place) and wait until its process has exited."""
    # Waiting for the exit also keeps Ctrl+C from closing the loop before the last one is reaped.
    process = process_of(service)
    try:
        await asyncio.wait_for(asyncio.shield(service.stop()), QUIT_GRACE_S)
        if process is not None:  # its output has ended; the process itself must end too
            await asyncio.wait_for(process.wait(), QUIT_GRACE_S)
    except TimeoutError:
        if process is not None and process.returncode is None:
            log.warning("a session did not quit within %.0f s; killing it", QUIT_GRACE_S)
            process.kill()
    if process is not None:
        await process.wait()
