"""The web application of the preview (Starlette): a fixed set of routes, read only, for this machine alone.

| route | what |
|---|---|
| `GET /` | the page: the document beside the findings (`templates/serve/page.html`) |
| `GET /document` | the document held, as rendered HTML |
| `GET /figure-<hash>.png` | a figure of that document, from memory |
| `GET /state` | the state as JSON (`Preview.as_json`) |
| `GET /events` | the same state, sent again at every change (server-sent events) |
| `GET /assets/serve.css`, `/assets/serve.js` | the page's style and script, read once at start-up |

Safe by construction: no route takes a path, so nothing in a URL (`../`, `%2e%2e`, an
absolute path, a symbolic link's name) can ever name a file; a figure's name is looked up
in the figures of the document held, in memory. A request whose `Host` is not this machine
(`localhost`, `127.0.0.1`) is refused, so that a web page whose domain was pointed at
127.0.0.1 (DNS rebinding) reads nothing. No route writes anything; every other method is
refused. The document runs no script: its frame is sandboxed and its content policy
forbids scripts.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response, StreamingResponse
from starlette.routing import Route

from pst_cli.i18n import t
from pst_cli.resources import templates_dir
from pst_cli.serve.preview import Preview

ALLOWED_HOSTS = ["localhost", "127.0.0.1"]
KEEP_ALIVE = 15.0
"""Seconds between two comments on an idle event stream, so that a dead connection is noticed."""

PAGE_POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; "
    "frame-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"
)
DOCUMENT_POLICY = "default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'; frame-ancestors 'self'; base-uri 'none'; form-action 'none'"
COMMON_HEADERS = {"X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer", "Cache-Control": "no-store"}


class Updates:
    """Wakes the event streams when the state changes, and ends them when the server stops."""

    def __init__(self) -> None:
        self._changed = asyncio.Event()
        self.closed = False

    def current(self) -> asyncio.Event:
        """The event of the next change: take it before reading the state, then wait on it."""
        return self._changed

    def publish(self) -> None:
        changed, self._changed = self._changed, asyncio.Event()
        changed.set()

    def close(self) -> None:
        self.closed = True
        self.publish()


def create_app(preview: Preview, updates: Updates, lifespan=None) -> Starlette:
    """The application serving `preview`; `updates` is published by whoever refreshes it."""
    assets = templates_dir() / "serve"
    page = _page(preview)
    files = {name: (assets / name).read_bytes() for name in ("serve.css", "serve.js")}

    def headers(policy: str = PAGE_POLICY) -> dict[str, str]:
        return {**COMMON_HEADERS, "Content-Security-Policy": policy}

    async def index(request: Request) -> Response:
        return Response(page, media_type="text/html; charset=utf-8", headers=headers())

    async def document(request: Request) -> Response:
        rendered = preview.rendered
        html = rendered.html if rendered else _waiting()
        return Response(html, media_type="text/html; charset=utf-8", headers=headers(DOCUMENT_POLICY))

    async def figure(request: Request) -> Response:
        name = "figure-" + request.path_params["name"]
        data = preview.figure(name)
        if data is None:
            return PlainTextResponse("", status_code=404, headers=COMMON_HEADERS)
        media = "image/jpeg" if name.endswith(".jpg") else "image/png"
        # Named by a hash of its bytes: the same name always holds the same image.
        return Response(data, media_type=media, headers={**headers(), "Cache-Control": "private, max-age=86400, immutable"})

    async def state(request: Request) -> Response:
        return JSONResponse(preview.as_json(), headers=headers())

    async def events(request: Request) -> Response:
        return StreamingResponse(_stream(preview, updates), media_type="text/event-stream", headers=headers())

    def asset(name: str, media: str):
        async def serve_asset(request: Request) -> Response:
            return Response(files[name], media_type=media, headers=headers())

        return serve_asset

    routes = [
        Route("/", index, methods=["GET"]),
        Route("/document", document, methods=["GET"]),
        Route("/figure-{name}", figure, methods=["GET"]),
        Route("/state", state, methods=["GET"]),
        Route("/events", events, methods=["GET"]),
        Route("/assets/serve.css", asset("serve.css", "text/css; charset=utf-8"), methods=["GET"]),
        Route("/assets/serve.js", asset("serve.js", "text/javascript; charset=utf-8"), methods=["GET"]),
    ]
    return Starlette(routes=routes, middleware=[Middleware(TrustedHostMiddleware, allowed_hosts=ALLOWED_HOSTS, www_redirect=False)], lifespan=lifespan)


async def _stream(preview: Preview, updates: Updates) -> AsyncIterator[bytes]:
    """The state now, then again at every change, until the browser leaves or the server stops."""
    yield b"retry: 1000\n\n"
    sent = -1
    while not updates.closed:
        changed = updates.current()
        revision = preview.state.revision
        if revision != sent:
            data = json.dumps(preview.as_json(), ensure_ascii=False, separators=(",", ":"))
            yield f"event: state\ndata: {data}\n\n".encode()
            sent = revision
        try:
            await asyncio.wait_for(changed.wait(), KEEP_ALIVE)
        except TimeoutError:
            yield b": keep-alive\n\n"


def _page(preview: Preview) -> str:
    """The page, its words in the project's language; every value escaped by Jinja."""
    from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

    environment = Environment(loader=FileSystemLoader(str(templates_dir() / "serve")), autoescape=select_autoescape(default=True), undefined=StrictUndefined)
    words = {
        key: t(f"serve.page.{key}")
        for key in ("title", "panel", "document", "clean", "disconnected", "not-found", "grid", "lang")
    }
    return environment.get_template("page.html").render(words=words, folder=preview.folder)


def _waiting() -> str:
    """The document's place while the first render runs (the page replaces it when the document arrives)."""
    from html import escape

    return f'<!DOCTYPE html><html lang="{escape(t("serve.page.lang"))}"><meta charset="utf-8"><title>…</title><p style="font-family:sans-serif;color:#555;padding:2em">{escape(t("serve.first-render"))}</p></html>'
