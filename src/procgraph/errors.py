"""The error hierarchy users see.

Every error that reaches the command line or the HTTP layer is a :class:`ProcgraphError`:
it says what is wrong, where (file, element, position) and, when there is one, what to do.
The CLI prints it without a traceback and exits with :attr:`ProcgraphError.exit_code`.
"""

from __future__ import annotations


class ProcgraphError(Exception):
    """Base class: a problem the user can act on."""

    exit_code = 2

    def __init__(
        self,
        message: str,
        *,
        file: str | None = None,
        element: str | None = None,
        position: int | None = None,
        hint: str | None = None,
    ):
        super().__init__(message)
        self.message = message
        self.file = file
        self.element = element
        self.position = position
        self.hint = hint

    def __str__(self) -> str:
        where = []
        if self.file:
            where.append(str(self.file))
        if self.position is not None:
            where.append(f"character {self.position}")
        if self.element:
            where.append(f"element {self.element}")
        text = ": ".join([", ".join(where), self.message]) if where else self.message
        if self.hint:
            text += f" ({self.hint})"
        return text


class InputError(ProcgraphError):
    """The input cannot be used (empty, wrong encoding, not the expected format)."""


class SourceFormatError(InputError):
    """The input is text but not a document of the expected standard format."""


class StoreError(ProcgraphError):
    """The store is missing, locked or damaged."""


class QueryError(ProcgraphError):
    """A query is malformed or not allowed."""
