"""Exceptions of the cpd package.

The raw module (cpd.capi) raises these through ``_from_native`` whenever a
libcpd call returns a failing ``cpd_status``; the class follows the status:

    CPD_EINPUT   InputError        the application cannot be evaluated
    CPD_EPOLICY  PolicyError       the policy document is refused
    CPD_EINVAL   InvalidArgument   the caller passed something invalid
                                   (also a ValueError)
    CPD_ENOMEM   OutOfMemory       an allocation failed (also a MemoryError)

The text comes from the library, which names fields and never echoes their
values, so an exception never carries the applicant's personal data.
"""

from __future__ import annotations

import json
from typing import Any, Dict, Optional

from . import capi as _capi

__all__ = [
    "CpdError",
    "InputError",
    "PolicyError",
    "InvalidArgument",
    "OutOfMemory",
]

# cpd_status values, as SWIG reads them from include/cpd.h.
_EINPUT = _capi.EINPUT
_EPOLICY = _capi.EPOLICY
_EINVAL = _capi.EINVAL
_ENOMEM = _capi.ENOMEM


class CpdError(Exception):
    """A libcpd call failed.

    Attributes:
        status: the C ``cpd_status`` (negative).
        code: stable string code, e.g. ``"input.duplicate_key"``; ``""`` when
            the failing function reports only a status.
        path: JSON Pointer (RFC 6901) into the document, ``""`` for the root.
        offset: byte offset in the document, ``-1`` when unknown.
        message: English text.
        message_ja: Japanese text.
        line: for ``cpd.batch`` and ``cpd.audit``, the 1-based input line;
            otherwise ``None``.
    """

    status: int
    code: str
    path: str
    offset: int
    message: str
    message_ja: str
    line: Optional[int]

    def __init__(
        self,
        message: str,
        *,
        code: str = "",
        path: str = "",
        offset: int = -1,
        message_ja: str = "",
        status: int = 0,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.path = path
        self.offset = offset
        self.message = message
        self.message_ja = message_ja
        self.line = None

    def __str__(self) -> str:
        where = ""
        if self.path:
            where = f" at {self.path}"
        if self.offset >= 0:
            where += f" (byte {self.offset})"
        head = self.code or "error"
        return f"{head}{where}: {self.message}"

    def __repr__(self) -> str:
        return (
            f"{type(self).__name__}(code={self.code!r}, path={self.path!r}, "
            f"offset={self.offset!r}, message={self.message!r})"
        )

    def __reduce__(self):  # picklable across processes
        return (
            _rebuild,
            (type(self), self.message, self.code, self.path, self.offset,
             self.message_ja, self.status, self.line),
        )

    def to_dict(self) -> Dict[str, Any]:
        """The error document of JSON.md: ``{"error": {...}}`` (``offset``
        is ``None`` when unknown), read from :meth:`to_json`."""
        return json.loads(self.to_json())

    def to_json(self) -> str:
        """The error document as JSON text, written by the library
        (cpd_error_to_json), as ``cpd check --format json`` writes it."""
        return _capi.error_to_json(self.code, self.path, self.offset,
                                   self.message,
                                   self.message_ja).decode("utf-8")


class InputError(CpdError):
    """The application cannot be evaluated (RULES.md R14): not JSON, too
    large, a duplicate key, ``applied_on`` or the expiry date missing or not
    a date, ...  ``code`` is one of the ``input.*`` codes of JSON.md."""


class PolicyError(CpdError):
    """The policy document is refused (``code == "policy.invalid"``)."""


class InvalidArgument(CpdError, ValueError):
    """The library was passed an invalid argument (``CPD_EINVAL``)."""


class OutOfMemory(CpdError, MemoryError):
    """An allocation inside libcpd failed (``CPD_ENOMEM``)."""


_BY_STATUS = {
    _EINPUT: InputError,
    _EPOLICY: PolicyError,
    _EINVAL: InvalidArgument,
    _ENOMEM: OutOfMemory,
}


def _from_native(status: int, code: str, path: str, offset: int,
                 message: str, message_ja: str) -> CpdError:
    """Called by cpd.capi to make the exception of a failing call."""
    cls = _BY_STATUS.get(status, CpdError)
    return cls(message, code=code, path=path, offset=offset,
               message_ja=message_ja, status=status)


def _rebuild(cls, message, code, path, offset, message_ja, status, line):
    e = cls(message, code=code, path=path, offset=offset,
            message_ja=message_ja, status=status)
    e.line = line
    return e
