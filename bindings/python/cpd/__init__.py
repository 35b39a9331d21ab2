"""cpd - the CPD renewal rules engine (libcpd) for Python.

    >>> import cpd, pathlib
    >>> r = cpd.check(pathlib.Path("examples/eligible.json"))  # doctest: +SKIP
    >>> r.decision, r.points.counted, r.sections["B-2"].counted  # doctest: +SKIP
    (<Decision.ELIGIBLE: 'eligible'>, Decimal('31.5'), Decimal('5'))

An application goes in as a ``pathlib.Path`` (the file is read), a ``dict``,
JSON text (``str``) or UTF-8 ``bytes``, and crosses into C once; the
result comes back in the same call, read from the library's typed result:
points are exact ``decimal.Decimal``, dates ``datetime.date``, and the
decision, severities and statuses ``enum.StrEnum`` members (equal to the
document's strings).  The engine runs with the GIL released, so threads
check in parallel; each thread reuses its own checker (cpd_checker), and
:func:`check_many` and :func:`batch` read NDJSON with the library's own
reader (cpd_lines).

Beside :func:`check`: :func:`plan` (an application in progress, as of a
day: docs/PLAN.md), :func:`audit` (the annual audit selection over a
roster), :func:`redact` (personal data masked), :func:`explain` (what a
diagnostic code or rule means), :func:`window`, the catalogues
:func:`codes`, :func:`rules` and :func:`fields`, and :class:`Policy`
(dated versions included).  For the office's side (``cpd reconcile``,
``cpd notices``): :func:`match_name` and :func:`fold_name` (payer names
as banks write them), :class:`FeeStatus` with :func:`fee_status_label`,
and :func:`format_yen`.

Errors are exceptions carrying the library's code, JSON Pointer path, byte
offset and messages (never personal data): :class:`InputError` when an
application cannot be evaluated, :class:`PolicyError` when a policy is
refused, both :class:`CpdError`.
"""

from __future__ import annotations

import datetime as _dt
import decimal as _decimal
import enum as _enum
import fractions as _fractions
import json as _json
import math as _math
import numbers as _numbers
import os as _os
import threading as _threading
from typing import (IO, Any, Iterable, Iterator, List, Mapping, NamedTuple,
                    Optional, Tuple, Union)

from . import _result
from . import capi as _capi
from ._errors import (CpdError, InputError, InvalidArgument, OutOfMemory,
                      PolicyError)
from ._result import _Live
from ._result import (Activity, ActivityStatus, Decision, Diagnostic, Period,
                      PeriodYear, Plan, PlanPoints, PlanSection, PlanWindow,
                      Points, PolicyVersion, Renewal, Result, Section,
                      Severity, Window, WindowStatus, loads_document)

__all__ = [
    "check",
    "check_many",
    "batch",
    "plan",
    "audit",
    "audit_file",
    "audit_hash",
    "redact",
    "redact_dict",
    "explain",
    "codes",
    "rules",
    "fields",
    "normalize_text",
    "fold_name",
    "match_name",
    "legal_entities",
    "LegalEntity",
    "FeeStatus",
    "Label",
    "parse_fee_status",
    "fee_status_label",
    "format_yen",
    "Policy",
    "Limits",
    "DEFAULT_MAX_DOCUMENT_BYTES",
    "DEFAULT_MAX_ACTIVITIES",
    "DEFAULT_MAX_STRING_BYTES",
    "POLICY_MAX_BYTES",
    "POLICY_MAX_LIST",
    "POLICY_MAX_VERSIONS",
    "parse_date",
    "fiscal_year",
    "window",
    "WindowDates",
    "AuditEntry",
    "AuditResult",
    "Explanation",
    "CodeInfo",
    "RuleInfo",
    "FieldInfo",
    "CpdError",
    "InputError",
    "PolicyError",
    "InvalidArgument",
    "OutOfMemory",
    "library_version",
    "__version__",
]
__all__ += _result.__all__  # Result, Plan and the types they hold

#: Version of the package, which is the version of the libcpd inside it.
__version__: str = _capi.version_string()

Application = Union["_os.PathLike[str]", Mapping[str, Any], str, bytes]
"""An application document: a path (``pathlib.Path``: the file is read),
a mapping, JSON text or UTF-8 JSON bytes."""

DateLike = Union[_dt.date, str]
"""A ``datetime.date`` (or ``datetime``), or text in any form of RULES.md R13."""

_EPOCH = _dt.date(1970, 1, 1).toordinal()
_DAY_NONE = _capi.DAY_NONE
_check_typed = _capi.checker_check_typed

# NDJSON is read in chunks of this size (cpd_lines copies what it keeps).
_CHUNK = 1 << 16


def library_version() -> str:
    """Version of the libcpd compiled into this package (``"0.2.0"``)."""
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
    ``expires_on`` (RULES.md R3; default policy: 3 months before the
    renewal to the expiry day itself).

    Args:
        expires_on: the certification's expiry day (a ``datetime.date`` or
            any date text of RULES.md R13).
        policy: a :class:`Policy` (``None``: the default).  With dated
            versions, the version in force on ``expires_on`` decides.

    Returns:
        ``WindowDates(opens_on, closes_on)``, both ``datetime.date``,
        computed as ``check`` computes its window (cpd_policy_window).

    Raises:
        ValueError: ``expires_on`` is not a date.
    """
    opens, closes = _capi.policy_window(_handle(policy),
                                        _to_day(expires_on, "expires_on"))
    return WindowDates(_day_to_date(opens), _day_to_date(closes))


# ----------------------------------------------------------------- limits

# The library's defaults (cpd.h's CPD_DEFAULT_MAX_*) and a policy
# document's own limits (CPD_POLICY_MAX_*), from the SWIG constants.
DEFAULT_MAX_DOCUMENT_BYTES: int = _capi.DEFAULT_MAX_DOCUMENT_BYTES
DEFAULT_MAX_ACTIVITIES: int = _capi.DEFAULT_MAX_ACTIVITIES
DEFAULT_MAX_STRING_BYTES: int = _capi.DEFAULT_MAX_STRING_BYTES
POLICY_MAX_BYTES: int = _capi.POLICY_MAX_BYTES
POLICY_MAX_LIST: int = _capi.POLICY_MAX_LIST
POLICY_MAX_VERSIONS: int = _capi.POLICY_MAX_VERSIONS


class Limits(NamedTuple):
    """Limits on one input document (RULES.md R14); 0 means the library's
    default (:data:`DEFAULT_MAX_DOCUMENT_BYTES`,
    :data:`DEFAULT_MAX_ACTIVITIES`, :data:`DEFAULT_MAX_STRING_BYTES`).
    Over a limit, the document is an :class:`InputError` with code
    ``input.too_large``."""

    max_document_bytes: int = 0
    max_activities: int = 0
    max_string_bytes: int = 0


def _limits(limits: Optional[Limits]) -> Any:
    if limits is None:
        return None
    if not isinstance(limits, Limits):
        raise TypeError("limits must be a cpd.Limits or None, "
                        f"not {type(limits).__name__}")
    c = _capi.limits()
    for name in Limits._fields:
        v = getattr(limits, name)
        if isinstance(v, bool) or not isinstance(v, int) or v < 0:
            raise ValueError(f"Limits.{name} must be an int >= 0 "
                             "(0: the default)")
        setattr(c, name, v)
    return c


# ----------------------------------------------------------------- policy

class Policy:
    """A policy (docs/JSON.md "Policy document"): immutable once loaded, safe
    to share between threads.

    Make one with :meth:`default`, :meth:`from_json` or :meth:`from_file`;
    pass it as ``check(..., policy=p)``.  Each thread checking with it
    keeps a checker of its own (the library's reusable cpd_checker).
    """

    __slots__ = ("_h", "_local", "_versions", "__weakref__")
    _default: Optional["Policy"] = None

    def __init__(self, _handle: Any) -> None:
        if not isinstance(_handle, _capi.policy):
            raise TypeError("use cpd.Policy.default() or "
                            "cpd.Policy.from_json(...)")
        self._h = _handle
        self._local = _threading.local()
        self._versions: Optional[List[PolicyVersion]] = None

    @classmethod
    def default(cls) -> "Policy":
        """The built-in default policy (the rules of RULES.md)."""
        p = Policy._default
        if p is None:
            p = Policy._default = cls(_capi.policy_default())
        return p

    @classmethod
    def from_json(cls, document: Union[Mapping[str, Any], str, bytes],
                  *, limits: Optional[Limits] = None) -> "Policy":
        """A policy document merged over the default.

        ``document`` is a mapping, JSON text, UTF-8 bytes or a
        ``pathlib.Path``.  Raises :class:`PolicyError` (``code ==
        "policy.invalid"``, with a path) when it contradicts itself,
        :class:`InputError` when it is not valid JSON.
        """
        return cls(_capi.policy_load_json(_encode(document), _limits(limits)))

    @classmethod
    def from_file(cls, path: Union[str, "_os.PathLike[str]"]) -> "Policy":
        """:meth:`from_json` of a file's contents."""
        with open(path, "rb") as f:
            return cls.from_json(f.read())

    def to_json(self) -> str:
        """The complete policy document."""
        return _capi.policy_to_json(self._h).decode("utf-8")

    def to_dict(self) -> dict:
        """The complete policy document as plain JSON values; points
        (``required_points``, ``points_per_hour``, each ``cap``) as
        ``Decimal``."""
        return loads_document(_capi.policy_to_json(self._h))

    @property
    def name(self) -> Optional[str]:
        """The policy's name; with dated versions, the newest version's."""
        return self.versions[-1].name

    @property
    def versions(self) -> List[PolicyVersion]:
        """The policy's versions, oldest first, each unpacking as
        ``(name, effective_from)``.  A policy without dated versions has
        one.  A check uses the newest version whose ``effective_from`` is
        on or before ``applied_on`` (or the oldest when it precedes them
        all); ``Result.policy`` names it.  Read once (a policy does not
        change)."""
        v = self._versions
        if v is None:
            d = _json.loads(_capi.policy_to_json(self._h))
            v = self._versions = [
                PolicyVersion(x["name"],
                              _dt.date.fromisoformat(x["effective_from"]))
                for x in d.get("versions") or (d,)]
        return list(v)

    def fiscal_year(self, date: DateLike) -> int:
        """``cpd.fiscal_year(date, policy=self)``."""
        return fiscal_year(date, self)

    def window(self, expires_on: DateLike) -> WindowDates:
        """``cpd.window(expires_on, policy=self)``."""
        return window(expires_on, self)

    def _checker(self) -> _Live:
        """This thread's checker under this policy (made on first use).
        It keeps the handle it borrows alive beside it."""
        try:
            return self._local.checker
        except AttributeError:
            live = _Live(_capi.checker_new(self._h, None), self._h)
            self._local.checker = live
            return live

    def __repr__(self) -> str:
        return f"<cpd.Policy {self.name!r}>"


def _handle(policy: Optional[Policy]) -> Any:
    if policy is None:
        return None
    if isinstance(policy, Policy):
        return policy._h
    raise TypeError("policy must be a cpd.Policy (cpd.Policy.from_json(...)) "
                    f"or None, not {type(policy).__name__}")


def _policy(policy: Optional[Policy]) -> Policy:
    if policy is None:
        return Policy.default()
    if isinstance(policy, Policy):
        return policy
    raise TypeError("policy must be a cpd.Policy (cpd.Policy.from_json(...)) "
                    f"or None, not {type(policy).__name__}")


class _Checker:
    """A checker of its own for one run (check_many, batch, or a check with
    as_of or limits), holding what it borrows."""

    __slots__ = ("c", "_keep")

    def __init__(self, policy: Optional[Policy], as_of: Any,
                 limits: Optional[Limits]) -> None:
        p = _policy(policy)
        opts = None
        lim = _limits(limits)
        if as_of is not None or lim is not None:
            opts = _capi.check_options()
            if as_of is not None:
                opts.as_of = _to_day(as_of, "as_of")
            if lim is not None:
                opts.limits = lim
        # the checker copies opts; the policy handle is borrowed
        self.c = _capi.checker_new(p._h, opts)
        self._keep = p._h


# ------------------------------------------------------------------ check

def _exact_number(o: Any) -> float:
    """A Decimal or Fraction as the float whose shortest text is the same
    number (every valid amount has at most 2 decimals and 15 digits), or
    ValueError when there is none."""
    f = float(o)
    if _math.isfinite(f) and _fractions.Fraction(repr(f)) == \
            _fractions.Fraction(o):
        return f
    raise ValueError(f"{o!r} cannot be written exactly as a JSON number "
                     "here; pass the application as JSON text instead")


def _json_default(o: Any) -> Any:
    if isinstance(o, _dt.datetime):
        return o.date().isoformat()
    if isinstance(o, _dt.date):
        return o.isoformat()
    if isinstance(o, (_decimal.Decimal, _fractions.Fraction)):
        return _exact_number(o)
    if hasattr(o, "__float__") and not isinstance(o, (str, bytes)):
        return float(o)  # numpy scalars and the like
    raise TypeError(f"{type(o).__name__} is not allowed in an application "
                    "document")


def _non_finite_path(v: Any, path: str = "") -> Optional[str]:
    if isinstance(v, float) and not _math.isfinite(v):
        return path
    if isinstance(v, _decimal.Decimal) and not v.is_finite():
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
    if isinstance(document, _os.PathLike):
        with open(document, "rb") as f:
            return f.read()
    if isinstance(document, (bytearray, memoryview)):
        return bytes(document)
    if isinstance(document, Mapping):
        path = _non_finite_path(document)
        if path is not None:
            # NaN / infinity: refused as the engine refuses 1e999, in the
            # catalogue's words for that code.
            code = "input.non_finite_number"
            info = _capi.code_find(code)
            raise InputError(info.summary, code=code, path=path,
                             message_ja=info.summary_ja,
                             status=_capi.EINPUT)
        return _json.dumps(document, ensure_ascii=False, allow_nan=False,
                           default=_json_default, separators=(",", ":"))
    raise TypeError("an application is a pathlib.Path, a dict, JSON text "
                    f"(str) or UTF-8 bytes, not {type(document).__name__}")


def _note_str_path(e: InputError, application: Any) -> None:
    """A str is JSON text; if it looks like a file name, say how to pass
    a file."""
    if (isinstance(application, str) and e.offset == 0
            and len(application) < 4096 and "\n" not in application
            and not application.lstrip().startswith(("{", "["))):
        e.add_note("A str is read as JSON text; to read a file, pass "
                   "pathlib.Path(...) instead.")


def check(application: Application, policy: Optional[Policy] = None,
          as_of: Optional[DateLike] = None, *,
          limits: Optional[Limits] = None) -> Result:
    """Check one renewal application.

    Args:
        application: the application document (docs/JSON.md): a
            ``pathlib.Path`` (the file is read), a ``dict`` (dates may be
            ``datetime.date``, amounts ``Decimal``), JSON text (``str``) or
            UTF-8 JSON ``bytes``.  Text and bytes go to the engine
            unchanged.
        policy: a :class:`Policy`; ``None`` for the built-in default.
        as_of: evaluate as if the application were made on this day (a
            ``datetime.date`` or any date text of RULES.md R13); it replaces
            the document's ``applied_on``.  ``None``: use ``applied_on``.
        limits: a :class:`Limits`; ``None`` for the library's defaults.

    Returns:
        a :class:`Result`: ``r.decision`` (a :class:`Decision`),
        ``r.points.counted`` (``Decimal``), ``r.sections["B-1"].counted``,
        ``r.window``, ``r.diagnostics``, ``r.to_dict()``, ``r.to_json()``.
        An application that is merely incomplete or ineligible is a
        result, not an error.

    Raises:
        InputError: the application cannot be evaluated (not JSON, too
            large, a duplicate key, ``applied_on`` or
            ``certification.expires_on`` missing or invalid, ...); ``.code``,
            ``.path`` and ``.offset`` say what and where.
        TypeError: ``application`` or ``policy`` has the wrong type.
        ValueError: ``as_of`` is not a date.
        OSError: a path that cannot be read.

    The engine runs without the GIL.
    """
    if (policy is None and as_of is None and limits is None
            and type(application) is bytes):
        # the common case, without the general path's calls
        p = Policy._default
        live = None if p is None else getattr(p._local, "checker", None)
        if live is not None:
            return live.check(application)
    try:
        if as_of is None and limits is None:
            return _policy(policy)._checker().check(_encode(application))
        # a checker for this call only: the document is copied at once, so
        # that a result kept does not keep the checker
        doc, typed = _check_typed(_Checker(policy, as_of, limits).c,
                                  _encode(application))
        return Result(doc, typed)
    except InputError as e:
        _note_str_path(e, application)
        raise


def check_many(applications: Iterable[Application],
               policy: Optional[Policy] = None,
               as_of: Optional[DateLike] = None, *,
               limits: Optional[Limits] = None,
               return_exceptions: bool = False
               ) -> Iterator[Union[Result, CpdError]]:
    """Check applications one after another with one checker (the
    library's reusable cpd_checker), yielding each result as soon as it is
    ready (constant memory for any number of applications).

    Arguments as for :func:`check`.  With ``return_exceptions=True`` an
    application that cannot be evaluated yields its :class:`CpdError`
    instead of stopping the iteration.
    """
    c = _Checker(policy, as_of, limits)
    for app in applications:
        try:
            doc, typed = _check_typed(c.c, _encode(app))
        except CpdError as e:
            if not return_exceptions:
                raise
            yield e.with_traceback(None)
            continue
        yield Result(doc, typed)


def _read_lines(f: IO[Any], lines: Any) -> Iterator[Tuple[bytes, int, int]]:
    """The complete lines of a binary (or text) file through cpd_lines."""
    nxt = _capi.lines_next
    while True:
        chunk = f.read(_CHUNK)
        if isinstance(chunk, str):
            chunk = chunk.encode("utf-8")
        if not chunk:
            _capi.lines_feed(lines, None)
        else:
            _capi.lines_feed(lines, chunk)
        item = nxt(lines)
        while item is not None:
            yield item
            item = nxt(lines)
        if not chunk:
            return


def batch(source: Union[str, "_os.PathLike[str]", IO[bytes]],
          policy: Optional[Policy] = None,
          as_of: Optional[DateLike] = None, *,
          limits: Optional[Limits] = None
          ) -> Iterator[Union[Result, CpdError]]:
    """Check an NDJSON file (one application per line) as ``cpd batch``
    does: the library's NDJSON reader (cpd_lines) and one checker.

    ``source`` is a path or a binary file object (``sys.stdin.buffer``).
    Yields, in input order and in constant memory, a :class:`Result` for
    each line that could be evaluated and the :class:`CpdError` (an
    :class:`InputError`) of each that could not; both carry ``.line``, the
    1-based input line.  Blank lines are skipped (and counted); CRLF
    endings and a missing final newline are fine; a line longer than the
    document limit is an ``input.too_large`` error without being kept.

    >>> for item in cpd.batch("examples/batch.ndjson"):   # doctest: +SKIP
    ...     if isinstance(item, cpd.CpdError):
    ...         print(item.line, item.code)
    ...     else:
    ...         print(item.line, item.decision)
    """
    c = _Checker(policy, as_of, limits)
    lines = _capi.lines_new(limits.max_document_bytes if limits else 0)
    if isinstance(source, (str, bytes, _os.PathLike)):
        f: IO[Any] = open(source, "rb")
        close = True
    else:
        f, close = source, False
    try:
        for line, number, too_long in _read_lines(f, lines):
            item: Union[Result, CpdError]
            try:
                if too_long:
                    _capi.lines_too_long(lines)
                doc, typed = _check_typed(c.c, line)
                item = Result(doc, typed, number)
            except InputError as e:
                item = e.with_traceback(None)
                item.line = number
            yield item
    finally:
        if close:
            f.close()


# ------------------------------------------------------------------- plan

def plan(application: Application, as_of: DateLike,
         policy: Optional[Policy] = None, *,
         limits: Optional[Limits] = None) -> Plan:
    """Plan an application in progress: what counts so far, the room left in
    each section, the window, and whether the requirement can still be met
    (the plan document of docs/PLAN.md, read from the typed plan in one C
    call).

    Args:
        application: the application document as for :func:`check` (a
            ``pathlib.Path``, ``dict``, JSON text or UTF-8 bytes).
            ``applied_on``, the applicant, the fee and the oath may all
            still be missing; only ``certification.expires_on`` is
            required.
        as_of: the day to plan from (required: the library never reads the
            clock), a ``datetime.date`` or any date text of RULES.md R13.
        policy: a :class:`Policy`; ``None`` for the built-in default.  With
            dated versions, the version in force on ``as_of``.
        limits: a :class:`Limits`; ``None`` for the library's defaults.

    Returns:
        a :class:`Plan`: ``p.points.needed`` (``Decimal``), ``p.reachable``,
        ``p.sections["B-3"].room`` (``None``: unlimited),
        ``p.window.days_until_opens``, ``p.advice``, ``p.diagnostics``,
        ``p.to_dict()``, ``p.to_json()``.

    Raises:
        InputError: the application cannot be read (not JSON, a duplicate
            key, ``certification.expires_on`` missing or invalid, ...).
        TypeError: ``as_of``, ``application`` or ``policy`` has the wrong
            type.
        ValueError: ``as_of`` is not a date.
    """
    if as_of is None:
        raise TypeError("plan needs as_of (the day to plan from): the "
                        "library never reads the clock")
    day = _to_day(as_of, "as_of")
    try:
        doc, typed = _capi.plan_typed(_handle(policy), _encode(application),
                                      day, _limits(limits))
    except InputError as e:
        _note_str_path(e, application)
        raise
    return Plan(doc, typed)


# -------------------------------------------------------------- redaction

def redact(application: Application, *,
           limits: Optional[Limits] = None) -> str:
    """The application with personal data masked, as JSON text
    (pretty-printed, as ``cpd redact`` writes it).

    Names and the fee payer become initials, the address its prefecture,
    the postal code its first 3 digits, phone numbers their last 4 digits,
    the e-mail its first letter and domain; the certification number and
    everything else are kept, so ``check`` gives the same result except for
    applicant-field diagnostics.

    Args:
        application: a ``pathlib.Path``, ``dict``, JSON text or UTF-8
            bytes, as for :func:`check`.

    Raises:
        InputError: the document cannot be read (not JSON, a duplicate
            key, ...); ``.code``, ``.path``, ``.offset`` say what and where.
    """
    try:
        return _capi.redact_json(_encode(application),
                                 _limits(limits)).decode("utf-8")
    except InputError as e:
        _note_str_path(e, application)
        raise


def redact_dict(application: Application, *,
                limits: Optional[Limits] = None) -> dict:
    """:func:`redact` as plain JSON values (a ``dict``)."""
    return _json.loads(redact(application, limits=limits))


# --------------------------------------------------------------- catalogue

class CodeInfo(NamedTuple):
    """A code the library can report (cpd_code_info).

    ``kind``: ``"diagnostic"`` (in a result), ``"input_error"`` (an
    :class:`InputError`) or ``"call_error"``; ``severity``: a diagnostic's
    (``None`` for errors); ``rule``: the rule it comes from (``None`` for
    call errors)."""

    code: str
    kind: str
    severity: Optional[Severity]
    rule: Optional[str]
    summary: str
    summary_ja: str


class RuleInfo(NamedTuple):
    """One of the rules R1-R16 (cpd_rule_info): its title, the words of
    the form or CPD policy it comes from (``source_ja``, quoted exactly),
    the rule as libcpd applies it, the policy keys that set it (``""``:
    none) and a short example, in English and Japanese."""

    id: str
    title: str
    title_ja: str
    source_ja: str
    text: str
    text_ja: str
    policy_keys: str
    example: str
    example_ja: str


class FieldInfo(NamedTuple):
    """One field of the application document (cpd_field_info), declared
    once in the library: its JSON Pointer (``"/activities/-/hours"`` for
    an activity's), key, kind, whether it is required or personal data,
    how :func:`redact` masks it, its labels and, for an activity's field,
    the spreadsheet headers ``cpd import-csv`` accepts for it."""

    pointer: str
    key: str
    kind: str
    required: bool
    personal: bool
    redaction: str
    label: str
    label_ja: str
    csv_headers: List[str]


class Explanation(NamedTuple):
    """What a diagnostic code or a rule ID means (:func:`explain`):
    ``code`` is ``None`` for a rule ID; ``rule`` is ``None`` for a code
    that comes from no rule (a call error)."""

    code: Optional[CodeInfo]
    rule: Optional[RuleInfo]

    def to_json(self) -> str:
        """The document ``cpd_explain_json`` writes for the same name."""
        name = self.code.code if self.code else self.rule.id  # type: ignore
        return _capi.explain_json(name).decode("utf-8")


_CODE_KINDS = {_capi.CODE_DIAGNOSTIC: "diagnostic",
               _capi.CODE_INPUT_ERROR: "input_error",
               _capi.CODE_CALL_ERROR: "call_error"}
_SEVERITIES = {_capi.SEVERITY_INFO: Severity.INFO,
               _capi.SEVERITY_WARNING: Severity.WARNING,
               _capi.SEVERITY_ERROR: Severity.ERROR,
               _capi.SEVERITY_FATAL: Severity.FATAL}


def _code_info(c: Any) -> CodeInfo:
    diag = c.kind == _capi.CODE_DIAGNOSTIC
    return CodeInfo(c.code, _CODE_KINDS[c.kind],
                    _SEVERITIES[c.severity] if diag else None,
                    c.rule or None, c.summary, c.summary_ja)


def _rule_info(r: Any) -> RuleInfo:
    return RuleInfo(r.id, r.title, r.title_ja, r.source_ja, r.text,
                    r.text_ja, r.policy_keys, r.example, r.example_ja)


def _field_info(f: Any) -> FieldInfo:
    # the names are the library's (cpd_field_kind_str, cpd_redaction_str)
    return FieldInfo(f.pointer, f.key, _capi.field_kind_str(f.kind),
                     bool(f.required), bool(f.personal),
                     _capi.redaction_str(f.redaction), f.label, f.label_ja,
                     f.csv_headers.split("|") if f.csv_headers else [])


def codes() -> List[CodeInfo]:
    """Every code the library can report, in the catalogue's order."""
    return [_code_info(_capi.code_at(i)) for i in range(_capi.code_count())]


def rules() -> List[RuleInfo]:
    """The rules R1-R16."""
    return [_rule_info(_capi.rule_at(i)) for i in range(_capi.rule_count())]


def fields() -> List[FieldInfo]:
    """The fields of the application document, in the table's order."""
    return [_field_info(_capi.field_at(i))
            for i in range(_capi.field_count())]


def explain(code_or_rule: str) -> Explanation:
    """What a diagnostic code (``"section.capped"``, ``"input.syntax"``)
    or a rule ID (``"R6"``, ``"r6"``) means, from the library's catalogue:
    the code's kind, severity and summary, and its rule's source wording,
    text, policy keys and example (``cpd explain`` prints the same).

    Raises:
        ValueError: the name is neither a code nor a rule ID.
    """
    if not isinstance(code_or_rule, str):
        raise TypeError("explain takes a code or a rule ID (str), not "
                        f"{type(code_or_rule).__name__}")
    if "\0" in code_or_rule:
        raise ValueError("a code or rule ID holds no NUL character")
    c = _capi.code_find(code_or_rule)
    r = _capi.rule_find(c.rule if c is not None else code_or_rule)
    if c is None and r is None:
        raise ValueError(f"{code_or_rule!r} is neither a diagnostic code "
                         "nor a rule ID (R1-R16); see cpd.codes()")
    return Explanation(None if c is None else _code_info(c),
                       None if r is None else _rule_info(r))


def normalize_text(text: Union[str, bytes]) -> str:
    """Text as the engine sees it when it checks a field (RULES.md R11):
    NFKC, trimmed, every run of white space (U+3000 included) one ASCII
    space.  Raises ``ValueError`` for bytes that are not UTF-8."""
    if not isinstance(text, (str, bytes)):
        raise TypeError(f"normalize_text expects str or bytes, "
                        f"not {type(text).__name__}")
    return _capi.text_normalize(text)


# ------------------------------------------------------------ payer names

class LegalEntity(NamedTuple):
    """A legal entity and how banks abbreviate it in a payer's name
    (cpd_legal_entity): ``abbreviation`` ``"カ"`` (written ``カ)`` before
    the name, ``(カ`` after it, ``(カ)`` inside it), ``name`` ``"株式会社"``,
    its folded ``reading`` and the kanji of ``(株)`` (``None``: none).
    Several share an abbreviation, which is the kind."""

    abbreviation: str
    name: str
    reading: str
    kanji_abbreviation: Optional[str]


def legal_entities() -> List[LegalEntity]:
    """The legal entities the name matching knows, in the library's order."""
    out = []
    for i in range(_capi.legal_entity_count()):
        e = _capi.legal_entity_at(i)
        out.append(LegalEntity(e.abbreviation, e.name, e.reading,
                               e.kanji_abbreviation or None))
    return out


def _name_arg(what: str, value: Union[str, bytes]) -> Union[str, bytes]:
    if not isinstance(value, (str, bytes)):
        raise TypeError(f"{what} expects str or bytes, "
                        f"not {type(value).__name__}")
    return value


def fold_name(name: Union[str, bytes]) -> str:
    """A payer's name folded as the matching compares it (cpd_name_fold):
    NFKC, hiragana to katakana, small kana large, ー and dashes to ``-``,
    spaces and ・ left out, upper case, and the legal entity taken out:
    ``fold_name("ｶ)ﾔﾏﾀﾞｼﾖｳｼﾞ") == "ヤマダシヨウジ"``.  Raises ``ValueError``
    for bytes that are not UTF-8."""
    return _capi.name_fold(_name_arg("fold_name", name))


def match_name(name: Union[str, bytes], bank_name: Union[str, bytes], *,
               cut: bool = False) -> bool:
    """Whether ``name`` (as an applicant wrote it) and ``bank_name`` (as a
    bank's record writes the payer, e.g. ``"ﾔﾏﾀﾞ ﾀﾛｳ"``) name the same
    payer (cpd_name_match): the same folded name, and the same legal entity
    or only one of them naming one.  ``cut``: the bank's name filled its
    fixed-width field and may have been cut there.  Raises ``ValueError``
    for bytes that are not UTF-8."""
    return bool(_capi.name_match(_name_arg("match_name", name),
                                 _name_arg("match_name", bank_name),
                                 1 if cut else 0))


# ------------------------------------------------------------ fee and yen

# The members are made from the library's own names of the C values, in
# their order ("amount_differs" is AMOUNT_DIFFERS): the enum is the C one.
_FEE_VALUES = (_capi.FEE_PAID, _capi.FEE_UNPAID, _capi.FEE_AMBIGUOUS,
               _capi.FEE_AMOUNT_DIFFERS, _capi.FEE_OUTSIDE_WINDOW,
               _capi.FEE_UNCLAIMED)
FeeStatus = _enum.StrEnum(  # type: ignore[misc]
    "FeeStatus", [(_capi.fee_status_str(v).upper(), _capi.fee_status_str(v))
                  for v in _FEE_VALUES], module=__name__)
FeeStatus.__doc__ = """What the bank's record says of an application's fee,
as ``cpd reconcile`` decides it (cpd_fee_status): ``PAID``, ``UNPAID``,
``AMBIGUOUS``, ``AMOUNT_DIFFERS``, ``OUTSIDE_WINDOW``, ``UNCLAIMED``; equal
to its name in the reconcile documents (``"amount_differs"``)."""
_FEE_STATUS = tuple(FeeStatus)


class Label(NamedTuple):
    """A value's words as the reports print them (cpd_label): ``name`` as
    the documents write it, ``label`` and ``label_ja`` (``"amount
    differs"``, ``"金額相違"``), and a ``note`` and ``note_ja`` saying
    what it means."""

    name: str
    label: str
    label_ja: str
    note: str
    note_ja: str


def parse_fee_status(name: Union[str, bytes]) -> FeeStatus:
    """The fee status named ``name`` (``"paid"``, ``"amount_differs"``, as
    a reconcile document writes it), read by the library
    (cpd_fee_status_parse).  Raises ``ValueError`` for another name."""
    if isinstance(name, bytes):
        name = name.decode("utf-8", "replace")
    if not isinstance(name, str):
        raise TypeError(f"parse_fee_status expects str, "
                        f"not {type(name).__name__}")
    try:
        return _FEE_STATUS[_capi.fee_status_parse(name)]
    except InvalidArgument:
        raise ValueError(f"{name!r} is not a fee status; "
                         f"one of {', '.join(_FEE_STATUS)}") from None


def fee_status_label(status: Union[FeeStatus, str]) -> Label:
    """The words of a fee status in English and Japanese
    (cpd_fee_status_label): ``fee_status_label("amount_differs").label_ja
    == "金額相違"``.  Raises ``ValueError`` for a name that is not a fee
    status."""
    v = _FEE_VALUES[_FEE_STATUS.index(parse_fee_status(status))]
    lb = _capi.fee_status_label(v)
    return Label(lb.name, lb.label, lb.label_ja, lb.note, lb.note_ja)


def format_yen(yen: int) -> str:
    """An amount of yen with a comma every three digits, as the office's
    documents write it (cpd_yen_format): ``format_yen(10000) ==
    "10,000"``, ``format_yen(-1500) == "-1,500"``."""
    if isinstance(yen, bool) or not isinstance(yen, _numbers.Integral):
        raise TypeError(f"format_yen expects an int, "
                        f"not {type(yen).__name__}")
    if not -2 ** 63 <= int(yen) < 2 ** 63:
        raise OverflowError(f"format_yen: {yen} is out of range")
    return _capi.yen_format(int(yen))


# ------------------------------------------------------------------ audit

Rate = Union[float, int, _decimal.Decimal, _fractions.Fraction, str]
"""An audit rate in [0, 1]: ``0.05``, ``Decimal("0.05")``, ``"0.05"`` or
``"5%"``."""

_PPM = 1_000_000
_SEED_MAX = 2 ** 64 - 1


class AuditEntry(NamedTuple):
    """One holder of an audit, in roster order.

    Attributes:
        number: the certification number as normalised (NFKC:
            ``ＯＭＰ－１`` is ``OMP-1``).
        qualification: as given (normalised); ``None`` when the line gives
            none.
        selected: whether the holder is audited.
        reason: ``"sampled"`` (hash under the rate), ``"stratum"`` (with
            stratify), ``"included"`` (listed in ``include``) or
            ``"not_sampled"``.
        hash: the keyed hash (SipHash-2-4 keyed by the seed),
            0 .. 2**64-1: ``cpd.audit_hash(number, seed)``.
        line: 1-based position in the roster (every line counted, blank
            ones too).
    """

    number: str
    qualification: Optional[str]
    selected: bool
    reason: str
    hash: int
    line: int


class AuditResult(List[AuditEntry]):
    """The holders of :func:`audit` in roster order (a ``list`` of
    :class:`AuditEntry`), and the lines left out.

    Attributes:
        errors: with ``errors="collect"``, each bad line's
            :class:`InputError` (``.line``, ``.code``, ``.path``), in roster
            order; empty otherwise.
    """

    errors: List[CpdError]

    def __init__(self, entries: Iterable[AuditEntry] = (),
                 errors: Iterable[CpdError] = ()) -> None:
        super().__init__(entries)
        self.errors = list(errors)

    @property
    def selected(self) -> List[AuditEntry]:
        """The selected holders only, in roster order."""
        return [e for e in self if e.selected]


def _rate_ppm(rate: Any) -> int:
    """rate in [0, 1] -> millionths: exact for str, Decimal, Fraction and
    int (refused when not a whole number of millionths), a float rounded to
    the nearest."""
    if isinstance(rate, bool):
        raise TypeError("rate must be a number from 0 to 1, not a bool")
    if isinstance(rate, str):
        # read by the library, exactly as `cpd audit --rate` reads it
        return _capi.audit_rate_parse(rate)
    if isinstance(rate, float):
        if not (_math.isfinite(rate) and 0.0 <= rate <= 1.0):
            raise ValueError(f"rate must be from 0 to 1, not {rate!r}")
        return int(_decimal.Decimal(rate).scaleb(6).to_integral_value(
            _decimal.ROUND_HALF_EVEN))
    if isinstance(rate, _decimal.Decimal):
        if not rate.is_finite():
            raise ValueError(f"rate must be from 0 to 1, not {rate!r}")
        rate = _fractions.Fraction(rate)
    if isinstance(rate, _numbers.Rational):
        f = _fractions.Fraction(rate)
        if not 0 <= f <= 1:
            raise ValueError(f"rate must be from 0 to 1, not {rate}")
        ppm = f * _PPM
        if ppm.denominator != 1:
            raise ValueError(f"rate {rate} is not a whole number of "
                             "millionths (at most 6 decimals)")
        return int(ppm)
    raise TypeError("rate must be a float, Decimal, Fraction, int or str, "
                    f"not {type(rate).__name__}")


def _seed(seed: Any) -> int:
    if isinstance(seed, bool) or not isinstance(seed, _numbers.Integral):
        raise TypeError(f"seed must be an int, not {type(seed).__name__}")
    seed = int(seed)
    if not 0 <= seed <= _SEED_MAX:
        raise ValueError("seed must be from 0 to 2**64-1 "
                         "(18446744073709551615)")
    return seed


def _audit_options(rate: Any, seed: Any, stratify: bool,
                   include: Iterable[Union[str, bytes]]) -> Any:
    o = _capi.audit_options()
    o.rate_ppm = _rate_ppm(rate)
    o.seed = _seed(seed)
    o.stratify = 1 if stratify else 0
    if isinstance(include, (str, bytes)):
        raise TypeError("include is a list of certification numbers, "
                        "not one string")
    for number in include:
        if not isinstance(number, (str, bytes)):
            raise TypeError("include holds certification numbers (str), "
                            f"not {type(number).__name__}")
        if not number.strip():
            raise ValueError("include holds an empty certification number")
        o.include_add(number)
    return o


def _roster_line(item: Any) -> Union[str, bytes, None]:
    """A roster item as JSON text for cpd_audit_add_json; None when blank."""
    if isinstance(item, (bytearray, memoryview)):
        item = bytes(item)
    if isinstance(item, bytes):
        line = item.rstrip(b"\r\n")
        return line if line.strip(b" \t\r") else None
    if isinstance(item, str):
        line = item.rstrip("\r\n")
        return line if line.strip(" \t\r") else None
    if isinstance(item, Mapping):
        return _encode(item)
    raise TypeError("a roster line is a dict, JSON text (str) or UTF-8 "
                    f"bytes, not {type(item).__name__}")


def audit(roster: Iterable[Union[Mapping[str, Any], str, bytes]],
          rate: Rate, seed: int, *, stratify: bool = False,
          include: Iterable[str] = (), errors: str = "raise"
          ) -> AuditResult:
    """Select holders for the annual audit (年次監査, RULES.md R16).

    A holder is selected when the keyed hash (SipHash-2-4, keyed by
    ``seed``) of the normalised certification number falls under ``rate``:
    the same seed selects the same holders whatever the roster's order, and
    one holder's selection does not depend on who else is listed.

    Args:
        roster: an iterable of roster lines, each a ``dict``, JSON text or
            UTF-8 bytes: an application document (``certification.number``,
            ``qualification``) or ``{"number": ..., "qualification": ...}``.
            An open file works (its ``\\n``/``\\r\\n`` endings are
            dropped); blank lines are skipped.  For a path use
            :func:`audit_file`.
        rate: the selection rate from 0 to 1: a ``float`` (rounded to the
            nearest millionth), or exactly a ``str`` (``"0.05"``, ``"5%"``),
            ``Decimal``, ``Fraction`` or ``int``, which must be a whole
            number of millionths.
        seed: an ``int`` from 0 to 2**64-1.  Write it down: the same seed
            and roster always give the same selection.
        stratify: take exactly ``ceil(rate * n)`` holders of each
            qualification (the lowest hashes) instead of the threshold.
        include: certification numbers always selected (reason
            ``"included"``); numbers not on the roster are ignored.
        errors: what a bad line does.  ``"raise"`` (the default): raise its
            :class:`InputError`, with ``.line``, ``.code``
            (``audit.duplicate_number``, ``audit.missing_number``,
            ``input.syntax``, ``input.not_object``, ...) and ``.path``.
            ``"collect"``: leave the line out, as ``cpd audit`` does, and
            list its error in the result's ``.errors``.

    Returns:
        an :class:`AuditResult`: a list of :class:`AuditEntry` (``number``,
        ``qualification``, ``selected``, ``reason``, ``hash``, ``line``) in
        roster order, with ``.selected`` and ``.errors``.

    Raises:
        InputError: a bad roster line (with ``errors="raise"``).
        TypeError: a roster line, ``rate``, ``seed`` or ``include`` of the
            wrong type (also with ``errors="collect"``).
        ValueError: ``rate`` outside [0, 1] or finer than a millionth,
            ``seed`` out of range, an empty number in ``include``, an
            unknown ``errors``.
    """
    if errors not in ("raise", "collect"):
        raise ValueError(f"errors must be 'raise' or 'collect', not "
                         f"{errors!r}")
    if isinstance(roster, (str, bytes, _os.PathLike)):
        raise TypeError("roster is an iterable of lines; for a file use "
                        "cpd.audit_file(path, ...)")
    collect = errors == "collect"
    handle = _capi.audit_new(_audit_options(rate, seed, stratify, include))
    add = _capi.audit_add_json
    lines: List[int] = []
    bad: List[CpdError] = []
    for n, item in enumerate(roster, 1):
        try:
            line = _roster_line(item)
            if line is None:
                continue
            add(handle, line)
        except InputError as e:
            e.line = n
            if not collect:
                raise
            # without its traceback, which would keep this frame (and the
            # whole audit) alive as long as the result
            bad.append(e.with_traceback(None))
            continue
        lines.append(n)
    _capi.audit_finish(handle)
    return AuditResult(
        (AuditEntry(num, qual or None, sel, reason, h, line)
         for (num, qual, sel, reason, h), line
         in zip(_capi.audit_entries(handle), lines)), bad)


def audit_file(source: Union[str, "_os.PathLike[str]", IO[bytes]],
               rate: Rate, seed: int, *, stratify: bool = False,
               include: Iterable[str] = (), errors: str = "raise"
               ) -> AuditResult:
    """:func:`audit` of a roster file (NDJSON, one holder per line), as
    ``cpd audit ROSTER`` reads it: ``source`` is a path or a binary file
    object; CRLF endings and a missing final newline are fine, blank lines
    are skipped and counted in ``.line``.  Other arguments as for
    :func:`audit`.
    """
    if isinstance(source, (str, bytes, _os.PathLike)):
        with open(source, "rb") as f:
            return audit(f, rate, seed, stratify=stratify, include=include,
                         errors=errors)
    return audit(source, rate, seed, stratify=stratify, include=include,
                 errors=errors)


def audit_hash(number: Union[str, bytes], seed: int) -> int:
    """The keyed hash :func:`audit` gives a certification number (normalised
    first) under ``seed``.  Without stratify a holder is selected when
    ``audit_hash(number, seed) % 1_000_000 < rate * 1_000_000``.

    Raises:
        ValueError: an empty number or one that is not valid UTF-8.
    """
    if not isinstance(number, (str, bytes)):
        raise TypeError(f"number must be str, not {type(number).__name__}")
    return _capi.audit_hash(number, _seed(seed))
