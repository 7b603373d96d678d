"""Small helpers shared by the routers: body reading with a limit, answers, the update guard."""

from __future__ import annotations

import hmac
from urllib.parse import parse_qsl

from fastapi import Request, Response

from procgraph.server import errors
from procgraph.server.execute import Answer


async def read_body(request: Request, limit: int) -> bytes:
    """The request body, or 413 as soon as it passes ``limit`` bytes."""
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > limit:
        raise errors.payload_too_large(f"the request body is {int(declared):,} bytes; the limit is {limit:,}")
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise errors.payload_too_large(f"the request body is over the limit of {limit:,} bytes")
        chunks.append(chunk)
    return b"".join(chunks)


def media_type(request: Request) -> tuple[str, dict[str, str]]:
    """The request's Content-Type as (lower-case type, parameters)."""
    raw = request.headers.get("content-type", "")
    fields = [f.strip() for f in raw.split(";")]
    params = {}
    for field in fields[1:]:
        name, _, value = field.partition("=")
        params[name.strip().lower()] = value.strip().strip('"')
    return fields[0].lower(), params


def decode_utf8(body: bytes, params: dict[str, str], what: str) -> str:
    """Decode a body that must be UTF-8 (415 for another charset, 400 for bad bytes)."""
    charset = params.get("charset", "utf-8").lower()
    if charset not in ("utf-8", "utf8"):
        raise errors.unsupported_media_type(f"the {what} must be sent in UTF-8, not {charset}")
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise errors.bad_request(f"the {what} is not valid UTF-8 (byte {exc.start})") from None


def parse_form(body: bytes, params: dict[str, str]) -> list[tuple[str, str]]:
    """Fields of an ``application/x-www-form-urlencoded`` body, in order."""
    text = decode_utf8(body, params, "form")
    try:
        return parse_qsl(text, keep_blank_values=True, strict_parsing=False, errors="strict")
    except UnicodeDecodeError:
        raise errors.bad_request("the form holds percent-encoded bytes that are not UTF-8") from None


def single(fields: list[tuple[str, str]], name: str) -> str | None:
    """The one value of ``name``; 400 if it is given more than once."""
    values = [v for k, v in fields if k == name]
    if len(values) > 1:
        raise errors.bad_request(f"the request has {len(values)} '{name}' parameters; send exactly one")
    return values[0] if values else None


def own_url(request: Request, path: str) -> str:
    """``path`` on this server, from the address it is bound to (the socket's, which uvicorn
    puts in the ASGI scope), never from the client's ``Host`` header."""
    server = request.scope.get("server")
    if not server or server[1] is None:
        return str(request.url.replace(query="", fragment=""))
    host, port = server
    host = f"[{host}]" if ":" in host else host
    scheme = request.url.scheme
    default = {"http": 80, "https": 443}.get(scheme)
    return f"{scheme}://{host}{'' if port == default else f':{port}'}{path}"


def every(fields: list[tuple[str, str]], name: str) -> tuple[str, ...]:
    return tuple(v for k, v in fields if k == name)


def check_update_allowed(request: Request, enabled: bool, token: str | None) -> None:
    """403 when updates are off; 401 without the right bearer token."""
    if not enabled:
        raise errors.forbidden(
            "this endpoint is read-only; updates are switched off "
            "(the operator can start it with --enable-update and a token)"
        )
    header = request.headers.get("authorization", "")
    scheme, _, given = header.partition(" ")
    if scheme.lower() != "bearer" or not token or not hmac.compare_digest(given.strip().encode(), token.encode()):
        raise errors.unauthorized("updates need the update token: send 'Authorization: Bearer <token>'")


async def answer(backend, op: str, payload) -> Response:
    """Run ``op`` on the backend (it never blocks the event loop) and make the response."""
    result: Answer = await backend.call(op, payload)
    return to_response(result)


def to_response(result: Answer) -> Response:
    headers = dict(result.headers)
    if result.status == 200:
        headers.setdefault("Vary", "Accept")
    return Response(
        content=result.body if result.status != 204 else None,
        status_code=result.status,
        media_type=result.content_type if result.status != 204 else None,
        headers=headers,
    )


class HeadAsGet:
    """ASGI middleware answering HEAD like GET without the body (RFC 9110, section 9.3.2).

    Link checkers, caches and download tools ask HEAD first; without this every route that
    takes GET answered 405. The GET runs as usual (its status and headers, Content-Length
    included, are sent); only the body is dropped.
    """

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or scope["method"] != "HEAD":
            await self.app(scope, receive, send)
            return

        async def headers_only(message):
            if message["type"] == "http.response.body":
                if not message.get("more_body", False):
                    await send({"type": "http.response.body", "body": b"", "more_body": False})
                return
            await send(message)

        await self.app({**scope, "method": "GET"}, receive, headers_only)
