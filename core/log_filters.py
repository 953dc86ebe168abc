"""Logging filters that keep what visitors submitted out of every log line.

An exception's message often quotes the data that caused it: a spreadsheet
library names the cell value it refused, a database error shows the row's key,
a mail error the addresses. Tracebacks are still worth logging, so the filter
keeps the exception's type and every frame and withholds only the messages.
"""

import logging
import traceback

WITHHELD = "(message withheld: it may hold submitted data)"


def _chain(exc):
    """The exception and the ones it was raised from or during, outermost last."""
    seen = []
    while exc is not None and exc not in seen:
        seen.append(exc)
        exc = exc.__cause__ or (None if exc.__suppress_context__ else exc.__context__)
    return list(reversed(seen))


def describe_exception_without_messages(exc_type, exc, tb):
    """A traceback in Python's own layout, with every exception message withheld."""
    if exc is None:
        return f"{exc_type.__module__}.{exc_type.__qualname__}: {WITHHELD}"
    parts = []
    for position, item in enumerate(_chain(exc)):
        if position:
            parts.append(
                "\nThe above exception was the direct cause of the following "
                "exception:\n\n"
                if item.__cause__ is not None
                else "\nDuring handling of the above exception, another exception "
                "occurred:\n\n"
            )
        frames = item.__traceback__ if item is not exc else tb
        if frames is not None:
            parts.append("Traceback (most recent call last):\n")
            parts.extend(traceback.format_tb(frames))
        kind = type(item)
        parts.append(f"{kind.__module__}.{kind.__qualname__}: {WITHHELD}\n")
    return "".join(parts).rstrip("\n")


class WithholdExceptionMessages(logging.Filter):
    """Replaces a record's exception with its traceback minus the messages.

    Set on the handlers, so it covers every logger that reaches them (Django's
    request logger, the task worker, gunicorn's Django errors, the site's own).
    The request object Django attaches is dropped too: its text form carries
    the full address, query string included.
    """

    def filter(self, record):
        if record.exc_info:
            exc_type, exc, tb = record.exc_info
            if exc_type is not None:
                record.exc_text = describe_exception_without_messages(exc_type, exc, tb)
            # Formatters (plain and JSON) then print exc_text, never the original.
            record.exc_info = None
        if "request" in record.__dict__:
            del record.__dict__["request"]
        return True
