"""cpd - the CPD renewal rules engine (libcpd) for Python.

    >>> import cpd
    >>> r = cpd.check(open("examples/eligible.json").read())   # doctest: +SKIP
    >>> r.decision, r.points.counted, r.sections["B-2"].counted  # doctest: +SKIP
    ('eligible', 31.5, 5)

Everything speaks the documents of docs/JSON.md: an application goes in as
a ``dict``, JSON text (``str``) or UTF-8 ``bytes``, and crosses into C once;
the result document comes back once, as a :class:`Result` that reads like
it.  The engine runs with the GIL released, so threads check in parallel.

Errors are exceptions carrying the library's code, JSON Pointer path, byte
offset and messages (never personal data): :class:`InputError` when an
application cannot be evaluated, :class:`PolicyError` when a policy is
refused, both :class:`CpdError`.
"""

from __future__ import annotations

import datetime as _dt
import json as _json
import math as _math
import os as _os
from typing import (IO, Any, Iterable, Iterator, Mapping, NamedTuple,
                    Optional, Union)

from . import capi as _capi
from ._errors import (CpdError, InputError, InvalidArgument, OutOfMemory,
                      PolicyError)
from ._result import (Activity, Diagnostic, Period, PeriodYear, Points,
                      PolicyVersion, Renewal, Result, Section, Window)

__all__ = [
    "check",
    "check_many",
    "batch",
    "Policy",
    "parse_date",
    "fiscal_year",
    "window",
    "WindowDates",
    "Result",
    "Period",
    "PeriodYear",
    "Window",
    "Points",
    "Section",
    "Activity",
    "Diagnostic",
    "Renewal",
    "PolicyVersion",
    "CpdError",
    "InputError",
    "PolicyError",
    "InvalidArgument",
    "OutOfMemory",
    "library_version",
    "__version__",
]

#: Version of the package, which is the version of the libcpd inside it.
__version__: str = _capi.version_string()

Application = Union[Mapping[str, Any], str, bytes]
"""An application document: a mapping, JSON text or UTF-8 JSON bytes."""

DateLike = Union[_dt.date, str]
"""A ``datetime.date`` (or ``datetime``), or text in any form of RULES.md R13."""

_EPOCH = _dt.date(1970, 1, 1).toordinal()
_check_json = _capi.check_json_opts
_DAY_NONE = _capi.DAY_NONE


def library_version() -> str:
    """Version of the libcpd compiled into this package (``"0.1.0"``)."""
    return _capi.version_string()


# ------------------------------------------------------------------ dates

def _day_to_date(day: int) -> _dt.date:
    return _dt.date.fromordinal(day + _EPOCH)


def _to_day(value: Any, what: str) -> int:
    if isinstance(value, _dt.datetime):
        value = value.date()
    if isinstance(value, _dt.date):
        return value.toordinal() - _EPOCH
    if isinstance(value, (str, bytes)):
        try:
            return _capi.day_parse(value)
        except InvalidArgument:
            raise ValueError(
                f"{what} is not a date in any form libcpd reads "
                "(ISO, 令和6年4月1日, R6.4.1, ...)") from None
    raise TypeError(f"{what} must be a datetime.date or str, "
                    f"not {type(value).__name__}")


def parse_date(text: Union[str, bytes]) -> _dt.date:
    """Parse a date in any form of RULES.md R13.

    ISO ``2024-04-01``, ``2024/4/1``, ``2024.4.1``, ``2024年4月1日``,
    Japanese eras (``令和6年4月1日``, ``令和元年5月1日``, ``平成31年4月30日``,
    ``R6.4.1``, JIS X 0301 ``R06.04.01``, ``㋿6年4月1日``) and full-width
    digits.  Raises ``ValueError`` for anything else, including an era date
    outside its era.

    >>> cpd.parse_date("令和6年4月1日")   # doctest: +SKIP
    datetime.date(2024, 4, 1)
    """
    if not isinstance(text, (str, bytes)):
        raise TypeError(f"parse_date expects str or bytes, "
                        f"not {type(text).__name__}")
    return _day_to_date(_to_day(text, "the text"))


def fiscal_year(date: DateLike, policy: Optional["Policy"] = None) -> int:
    """The fiscal year a date falls in under a policy (default: April to
    March, so ``fiscal_year(date(2025, 3, 31)) == 2024``)."""
    return _capi.policy_fiscal_year(_handle(policy), _to_day(date, "date"))


class WindowDates(NamedTuple):
    """The application window of a certification expiring on some day."""

    opens_on: _dt.date
    closes_on: _dt.date


def window(expires_on: DateLike,
           policy: Optional["Policy"] = None) -> WindowDates:
    """When applications open and close for a certification that expires on
    ``expires_on`` (default policy: 3 months before the renewal to the
    expiry day itself).

    Computed by the engine itself: a minimal application with
    ``applied_on = expires_on`` is checked and its ``window`` read back, so
    the answer is the one ``check`` would give (under the policy version in
    force on ``expires_on``).
    """
    day = _to_day(expires_on, "expires_on")
    iso = _day_to_date(day).isoformat()
    doc = ('{"applied_on":"%s","certification":{"expires_on":"%s"}}'
           % (iso, iso))
    w = Result(_check_json(_handle(policy), doc, None)).window
    return WindowDates(w.opens_on, w.closes_on)


# ----------------------------------------------------------------- policy

class Policy:
    """A policy (docs/JSON.md "Policy document"): immutable once loaded, safe
    to share between threads.

    Make one with :meth:`default` or :meth:`from_json`; pass it as
    ``check(..., policy=p)``.
    """

    __slots__ = ("_h", "__weakref__")
    _default: Optional["Policy"] = None

    def __init__(self, _handle: Any) -> None:
        if not isinstance(_handle, _capi.policy):
            raise TypeError("use cpd.Policy.default() or "
                            "cpd.Policy.from_json(...)")
        self._h = _handle

    @classmethod
    def default(cls) -> "Policy":
        """The built-in default policy (the rules of RULES.md)."""
        p = Policy._default
        if p is None:
            p = Policy._default = cls(_capi.policy_default())
        return p

    @classmethod
    def from_json(cls, document: Union[Mapping[str, Any], str, bytes]
                  ) -> "Policy":
        """A policy document merged over the default.

        ``document`` is a mapping, JSON text or UTF-8 bytes.  Raises
        :class:`PolicyError` (``code == "policy.invalid"``, with a path)
        when it contradicts itself, :class:`InputError` when it is not valid
        JSON.
        """
        return cls(_capi.policy_load_json(_encode(document), None))

    @classmethod
    def from_file(cls, path: Union[str, "_os.PathLike[str]"]) -> "Policy":
        """:meth:`from_json` of a file's contents."""
        with open(path, "rb") as f:
            return cls.from_json(f.read())

    def to_json(self) -> str:
        """The complete policy document."""
        return _capi.policy_to_json(self._h).decode("utf-8")

    def to_dict(self) -> dict:
        """The complete policy document as plain JSON values."""
        return _json.loads(_capi.policy_to_json(self._h))

    @property
    def name(self) -> Optional[str]:
        return self.to_dict().get("name")

    def fiscal_year(self, date: DateLike) -> int:
        """``cpd.fiscal_year(date, policy=self)``."""
        return fiscal_year(date, self)

    def window(self, expires_on: DateLike) -> WindowDates:
        """``cpd.window(expires_on, policy=self)``."""
        return window(expires_on, self)

    def __repr__(self) -> str:
        return f"<cpd.Policy {self.name!r}>"


def _handle(policy: Optional[Policy]) -> Any:
    if policy is None:
        return None
    if isinstance(policy, Policy):
        return policy._h
    raise TypeError("policy must be a cpd.Policy (cpd.Policy.from_json(...)) "
                    f"or None, not {type(policy).__name__}")


# ------------------------------------------------------------------ check

def _json_default(o: Any) -> Any:
    if isinstance(o, _dt.datetime):
        return o.date().isoformat()
    if isinstance(o, _dt.date):
        return o.isoformat()
    if hasattr(o, "__float__") and not isinstance(o, (str, bytes)):
        return float(o)  # decimal.Decimal, fractions.Fraction, numpy scalars
    raise TypeError(f"{type(o).__name__} is not allowed in an application "
                    "document")


def _non_finite_path(v: Any, path: str = "") -> Optional[str]:
    if isinstance(v, float) and not _math.isfinite(v):
        return path
    items: Iterable = ()
    if isinstance(v, Mapping):
        items = v.items()
    elif isinstance(v, (list, tuple)):
        items = enumerate(v)
    for k, x in items:
        key = str(k).replace("~", "~0").replace("/", "~1")
        p = _non_finite_path(x, f"{path}/{key}")
        if p is not None:
            return p
    return None


def _encode(document: Any) -> Union[str, bytes]:
    if isinstance(document, (bytes, str)):
        return document
    if isinstance(document, (bytearray, memoryview)):
        return bytes(document)
    if isinstance(document, Mapping):
        try:
            return _json.dumps(document, ensure_ascii=False, allow_nan=False,
                               default=_json_default, separators=(",", ":"))
        except ValueError:
            # NaN / infinity: refused as the engine refuses 1e999.
            raise InputError(
                "A number is not finite (NaN or infinity).",
                code="input.non_finite_number",
                path=_non_finite_path(document) or "",
                message_ja="数値が有限ではありません(NaN または無限大)。",
                status=_capi.EINPUT) from None
    raise TypeError("an application is a dict, JSON text (str) or UTF-8 "
                    f"bytes, not {type(document).__name__}")


def _options(as_of: Any) -> Any:
    if as_of is None:
        return None
    o = _capi.check_options()
    o.as_of = _to_day(as_of, "as_of")
    return o


def check(application: Application, policy: Optional[Policy] = None,
          as_of: Optional[DateLike] = None) -> Result:
    """Check one renewal application.

    Args:
        application: the application document (docs/JSON.md) as a ``dict``
            (dates may be ``datetime.date``), JSON text (``str``) or UTF-8
            JSON ``bytes``.  Text and bytes go to the engine unchanged.
        policy: a :class:`Policy`; ``None`` for the built-in default.
        as_of: evaluate as if the application were made on this day (a
            ``datetime.date`` or any date text of RULES.md R13); it replaces
            the document's ``applied_on``.  ``None``: use ``applied_on``.

    Returns:
        a :class:`Result`: ``r.decision``, ``r.points.counted``,
        ``r.sections["B-1"].counted``, ``r.window``, ``r.diagnostics``,
        ``r.to_dict()``, ``r.to_json()``.  An application that is merely
        incomplete or ineligible is a result, not an error.

    Raises:
        InputError: the application cannot be evaluated (not JSON, too
            large, a duplicate key, ``applied_on`` or
            ``certification.expires_on`` missing or invalid, ...); ``.code``,
            ``.path`` and ``.offset`` say what and where.
        TypeError: ``application`` or ``policy`` has the wrong type.
        ValueError: ``as_of`` is not a date.

    The engine runs without the GIL.
    """
    if as_of is None:
        return Result(_check_json(_handle(policy), _encode(application),
                                  None))
    return Result(_check_json(_handle(policy), _encode(application),
                              _options(as_of)))


def check_many(applications: Iterable[Application],
               policy: Optional[Policy] = None,
               as_of: Optional[DateLike] = None, *,
               return_exceptions: bool = False
               ) -> Iterator[Union[Result, CpdError]]:
    """Check applications one after another, yielding each result as soon as
    it is ready (constant memory for any number of applications).

    Arguments as for :func:`check`.  With ``return_exceptions=True`` an
    application that cannot be evaluated yields its :class:`CpdError`
    instead of stopping the iteration.
    """
    h = _handle(policy)
    opts = _options(as_of)
    for app in applications:
        try:
            out = _check_json(h, _encode(app), opts)
        except CpdError as e:
            if not return_exceptions:
                raise
            yield e
            continue
        yield Result(out)


def batch(source: Union[str, "_os.PathLike[str]", IO[bytes]],
          policy: Optional[Policy] = None,
          as_of: Optional[DateLike] = None
          ) -> Iterator[Union[Result, CpdError]]:
    """Check an NDJSON file (one application per line) as ``cpd batch`` does.

    ``source`` is a path or a binary file object (``sys.stdin.buffer``).
    Yields, in input order and in constant memory, a :class:`Result` for each
    line that could be evaluated and the :class:`CpdError` (usually an
    :class:`InputError`) of each that could not; both carry ``.line``, the
    1-based input line.  Blank lines are skipped; CRLF endings and a missing
    final newline are fine.

    >>> for item in cpd.batch("examples/batch.ndjson"):   # doctest: +SKIP
    ...     if isinstance(item, cpd.CpdError):
    ...         print(item.line, item.code)
    ...     else:
    ...         print(item.line, item.decision)
    """
    h = _handle(policy)
    opts = _options(as_of)
    if isinstance(source, (str, bytes, _os.PathLike)):
        f: IO[bytes] = open(source, "rb")
        close = True
    else:
        f, close = source, False
    try:
        for n, raw in enumerate(f, 1):
            if isinstance(raw, str):
                raw = raw.encode("utf-8")
            line = raw.rstrip(b"\r\n")
            if not line.strip():
                continue
            item: Union[Result, CpdError]
            try:
                item = Result(_check_json(h, line, opts))
            except CpdError as e:
                item = e
            item.line = n
            yield item
    finally:
        if close:
            f.close()
