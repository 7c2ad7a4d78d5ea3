"""`triage serve`: the triage app in browsers, one process per tab, on the server's workspace.

Modules: `policy` (who may connect: token, loopback, origin; no aiohttp), `server` (the
textual-serve Server subclass), `session` (the process each tab runs), `command` (the click
command). textual-serve and aiohttp are imported only by `server`, when the command runs.
"""
