"""Protocol errors: each maps to one HTTP status and carries a message for people.

Handlers raise these; :mod:`procgraph.server.app` turns them into ``text/plain`` answers.
The constructors name the status so a reader of a handler sees what the client gets.
"""

from __future__ import annotations


class ProtocolError(Exception):
    """An answer other than 2xx, with a message a person can act on."""

    def __init__(self, status: int, message: str, headers: dict[str, str] | None = None):
        super().__init__(message)
        self.status = status
        self.message = message
        self.headers = headers or {}


def bad_request(message: str) -> ProtocolError:
    """400: malformed or refused query, bad parameters."""
    return ProtocolError(400, message)


def unauthorized(message: str) -> ProtocolError:
    """401: an update without the right token."""
    return ProtocolError(401, message, {"WWW-Authenticate": 'Bearer realm="procgraph"'})


def forbidden(message: str) -> ProtocolError:
    """403: updates are switched off."""
    return ProtocolError(403, message)


def not_found(message: str) -> ProtocolError:
    """404: a graph the store does not hold."""
    return ProtocolError(404, message)


def method_not_allowed(message: str, allow: str) -> ProtocolError:
    """405: the resource exists but not for this method."""
    return ProtocolError(405, message, {"Allow": allow})


def not_acceptable(message: str) -> ProtocolError:
    """406: no format the client accepts fits this kind of result."""
    return ProtocolError(406, message)


def payload_too_large(message: str) -> ProtocolError:
    """413: the request body, or the answer, exceeds a limit."""
    return ProtocolError(413, message)


def unsupported_media_type(message: str) -> ProtocolError:
    """415: a request body in a format the endpoint does not read."""
    return ProtocolError(415, message)


def unavailable(message: str) -> ProtocolError:
    """503: the query passed its deadline and was stopped, or no worker was free in time."""
    return ProtocolError(503, message, {"Retry-After": "1"})
