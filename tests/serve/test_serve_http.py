"""`triage serve` over plain HTTP and WebSocket (aiohttp's client, no browser): refusals start
no process, the session limit holds, and no session outlives its socket or its server."""

from __future__ import annotations

import asyncio
import os
import signal
import time
from pathlib import Path

import aiohttp
import pytest
from served import TOKEN, session_pids, wait_until

from triage.store.workspace import Store

pytestmark = pytest.mark.skipif(not Path("/proc").is_dir(), reason="sessions are found via /proc")


async def fetch(url: str, **headers: str) -> tuple[int, str, aiohttp.ClientResponse]:
    async with aiohttp.ClientSession() as client:
        async with client.get(url, headers=headers, allow_redirects=False) as response:
            return response.status, await response.text(), response


async def websocket_status(url: str, **headers: str) -> int:
    """The handshake's answer: 101 opens a session, anything else is a refusal."""
    async with aiohttp.ClientSession() as client:
        try:
            async with client.ws_connect(url, headers=headers) as ws:
                await ws.close()
                return 101
        except aiohttp.WSServerHandshakeError as error:
            return error.status


def test_without_the_token_everything_is_403_and_no_session_starts(serve):
    server = serve("--token", TOKEN)
    ws = server.base.replace("http", "ws") + "/ws"
    for url in (
        server.base + "/",
        server.base + "/static/js/textual.js",
        server.base + "/?token=" + "x" * 27,
    ):
        status, text, _ = asyncio.run(fetch(url))
        assert status == 403, url
        assert "needs its token" in text
    assert asyncio.run(websocket_status(ws)) == 403
    assert asyncio.run(websocket_status(ws + "?token=wrong-token-wrong-token")) == 403
    time.sleep(0.5)
    assert server.sessions() == []


def test_the_token_is_printed_once_and_traded_for_a_cookie(serve):
    server = serve("--token", TOKEN)
    assert server.url == f"{server.base}/?token={TOKEN}"
    status, _, response = asyncio.run(fetch(server.url + "&fontsize=18"))
    assert status == 303
    assert response.headers["Location"] == "/?fontsize=18"  # the token leaves the address bar
    cookie = response.cookies[f"triage_token_{server.base.rsplit(':', 1)[1]}"]
    assert cookie.value == TOKEN and cookie["httponly"] and cookie["samesite"] == "Strict"
    status, page, _ = asyncio.run(fetch(server.base + "/", Cookie=f"{cookie.key}={TOKEN}"))
    assert status == 200 and "desk.db" in page
    time.sleep(0.3)  # the access log lines of these requests
    assert server.output.count(TOKEN) == 1  # the log names paths only, never the query


def test_on_loopback_a_foreign_host_or_origin_is_refused(serve):
    server = serve()
    port = server.base.rsplit(":", 1)[1]
    status, _, _ = asyncio.run(fetch(server.base + "/", Host=f"rebound.example:{port}"))
    assert status == 403
    ws = server.base.replace("http", "ws") + "/ws"
    assert asyncio.run(websocket_status(ws, Origin="http://evil.example")) == 403
    time.sleep(0.5)
    assert server.sessions() == []
    status, _, _ = asyncio.run(fetch(server.base + "/", Host=f"localhost:{port}"))
    assert status == 200


async def hold_session(ws_url: str, opened: asyncio.Event, release: asyncio.Event) -> bytes:
    """A client that opens a session, waits for the app's first screen, holds it, then leaves."""
    async with aiohttp.ClientSession() as client:
        async with client.ws_connect(ws_url + "?width=100&height=30") as ws:
            seen = b""
            while b" decided" not in seen:
                message = await asyncio.wait_for(ws.receive(), 30)
                if message.type == aiohttp.WSMsgType.BINARY:
                    seen += message.data
            opened.set()
            await release.wait()
            await ws.send_json(["stdin", "1"])  # a verdict from this client, then close
            await asyncio.sleep(1.0)
        return seen


def test_session_limit_page_and_closed_sockets_end_their_processes(serve, served_db):
    server = serve("--max-sessions", "1")
    ws_url = server.base.replace("http", "ws") + "/ws"

    async def scenario() -> tuple[int, str, int]:
        opened, release = asyncio.Event(), asyncio.Event()
        holder = asyncio.create_task(hold_session(ws_url, opened, release))
        await asyncio.wait_for(opened.wait(), 60)
        status, page, _ = await fetch(server.base + "/")
        second = await websocket_status(ws_url)
        release.set()
        await holder
        return status, page, second

    status, page, second = asyncio.run(scenario())
    assert (
        status == 503 and "Every session is in use" in page and "allows 1 session at once" in page
    )
    assert second == 503
    assert wait_until(lambda: server.sessions() == [], timeout=10), "a closed session lingers"
    reader = Store.open(served_db, "reader")
    try:
        assert reader.progress()[0] == 1  # the key the client sent was committed
    finally:
        reader.close()
    status, _, _ = asyncio.run(fetch(server.base + "/"))
    assert status == 200  # the place is free again


def test_ctrl_c_ends_every_session_and_the_server(serve, served_db):
    server = serve()
    ws_url = server.base.replace("http", "ws") + "/ws"

    async def open_then_stop() -> float:
        opened, release = asyncio.Event(), asyncio.Event()
        holder = asyncio.create_task(hold_session(ws_url, opened, release))
        await asyncio.wait_for(opened.wait(), 60)
        assert len(server.sessions()) == 1
        started = time.monotonic()
        server.process.send_signal(signal.SIGINT)
        await asyncio.to_thread(server.process.wait, 30)
        release.set()
        holder.cancel()
        return time.monotonic() - started

    seconds = asyncio.run(open_then_stop())
    assert server.process.returncode == 0
    assert "WARNING" not in server.output and "Error" not in server.output, server.output
    assert seconds < 10, f"Ctrl+C took {seconds:.1f} s with a session open"
    assert session_pids(served_db) == []


def test_a_killed_server_takes_its_sessions_with_it(serve, served_db):
    server = serve()
    ws_url = server.base.replace("http", "ws") + "/ws"

    async def open_then_kill() -> None:
        opened, release = asyncio.Event(), asyncio.Event()
        holder = asyncio.create_task(hold_session(ws_url, opened, release))
        await asyncio.wait_for(opened.wait(), 60)
        assert len(server.sessions()) == 1
        os.kill(server.process.pid, signal.SIGKILL)
        server.process.wait(10)
        holder.cancel()

    asyncio.run(open_then_kill())
    assert wait_until(lambda: session_pids(served_db) == [], timeout=10), "an orphan session"


def test_a_session_that_dies_closes_its_tab_and_frees_its_place(serve):
    server = serve("--max-sessions", "1")
    ws_url = server.base.replace("http", "ws") + "/ws"

    async def scenario() -> aiohttp.WSMsgType:
        async with aiohttp.ClientSession() as client:
            async with client.ws_connect(ws_url) as ws:
                seen = b""
                while b" decided" not in seen:
                    message = await asyncio.wait_for(ws.receive(), 30)
                    if message.type == aiohttp.WSMsgType.BINARY:
                        seen += message.data
                [pid] = server.sessions()
                os.kill(pid, signal.SIGKILL)  # a crash: no goodbye from the app
                while True:
                    message = await asyncio.wait_for(ws.receive(), 10)
                    if message.type != aiohttp.WSMsgType.BINARY:
                        return message.type

    assert asyncio.run(scenario()) in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED)
    # Its place is freed once the server has reaped the dead process (a moment on a busy machine).
    assert wait_until(lambda: asyncio.run(fetch(server.base + "/"))[0] == 200, timeout=10)
