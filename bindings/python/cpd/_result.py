"""The result of ``cpd.check`` and the plan of ``cpd.plan`` as Python
objects, read from the library's typed result (cpd.h's accessors).

The C call that checks an application also reads its typed result into
a tuple of the Python values below (bindings/python/cpd_python.swg); the
result document (``to_json``) of ``cpd.check`` is copied out of the
library's checker only when it is asked for, or before that checker
evaluates its next application (see ``_Live``):

- points are ``decimal.Decimal``, exact (the library counts in
  hundredths): ``Decimal('31.5')``, ``Decimal('5')``;
- dates are ``datetime.date``; absent values are ``None``;
- the decision, severities and statuses are ``enum.StrEnum`` members, so
  they also compare equal to the document's strings
  (``r.decision == "eligible"``).

``to_json()`` is the document exactly as the engine wrote it and
``to_dict()`` the same parsed (numbers under point keys as ``Decimal``).
Keys the document gains later are reachable as attributes too.
"""

from __future__ import annotations

import datetime as _dt
import decimal as _decimal
import enum as _enum
import json as _json
import weakref as _weakref_mod
from typing import (Any, Dict, Iterator, List, NamedTuple, Optional, Tuple,
                    Union)

from . import capi as _capi

__all__ = [
    "Decision",
    "Severity",
    "WindowStatus",
    "ActivityStatus",
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
    "Plan",
    "PlanWindow",
    "PlanPoints",
    "PlanSection",
]

Decimal = _decimal.Decimal


class Decision(_enum.StrEnum):
    """The outcome (RULES.md R15); equal to its string in the document."""

    ELIGIBLE = "eligible"
    INCOMPLETE = "incomplete"
    INELIGIBLE = "ineligible"


class Severity(_enum.StrEnum):
    """How bad a diagnostic is: ``fatal`` makes the application
    ineligible, ``error`` incomplete (fixable)."""

    INFO = "info"
    WARNING = "warning"
    ERROR = "error"
    FATAL = "fatal"


class WindowStatus(_enum.StrEnum):
    """Where a day falls in the application window."""

    NOT_YET_OPEN = "not_yet_open"
    OPEN = "open"
    CLOSED = "closed"


class ActivityStatus(_enum.StrEnum):
    """How much of an activity counts."""

    COUNTED = "counted"
    PARTIALLY_COUNTED = "partially_counted"
    CAPPED = "capped"
    REJECTED = "rejected"


# The C enums' values, in order, through the library's own names: a
# mismatch between these classes and cpd.h fails at import.
_DECISION = tuple(Decision(_capi.decision_str(v))
                  for v in (_capi.ELIGIBLE, _capi.INCOMPLETE,
                            _capi.INELIGIBLE))
_SEVERITY = tuple(Severity(_capi.severity_str(v))
                  for v in (_capi.SEVERITY_INFO, _capi.SEVERITY_WARNING,
                            _capi.SEVERITY_ERROR, _capi.SEVERITY_FATAL))
_WINDOW_STATUS = tuple(WindowStatus(_capi.window_status_str(v))
                       for v in (_capi.WINDOW_NOT_YET_OPEN, _capi.WINDOW_OPEN,
                                 _capi.WINDOW_CLOSED))
_ACTIVITY_STATUS = tuple(
    ActivityStatus(_capi.activity_status_str(v))
    for v in (_capi.ACTIVITY_COUNTED, _capi.ACTIVITY_PARTIALLY_COUNTED,
              _capi.ACTIVITY_CAPPED, _capi.ACTIVITY_REJECTED))

_EPOCH = _dt.date(1970, 1, 1).toordinal()
_DAY_NONE = _capi.DAY_NONE

# Points values and days repeat (0, 5, 30, ...; the period's years): each
# Decimal and date is made once and then found by a dict subscript (no
# Python call on a hit).  Points come from the library's own text for them
# (cpd_points_format: "31.5", "5").
_CACHED = 4096


class _PointsCache(dict):
    def __missing__(self, hundredths: int) -> Decimal:
        d = Decimal(_capi.points_format(hundredths))
        if len(self) < _CACHED:
            self[hundredths] = d
        return d


class _DateCache(dict):
    def __missing__(self, day: int) -> _dt.date:
        d = _dt.date.fromordinal(day + _EPOCH)
        if len(self) < _CACHED:
            self[day] = d
        return d


_P = _PointsCache()
_D = _DateCache()


def _points(hundredths: int) -> Decimal:
    return _P[hundredths]


def _points_or_none(hundredths: Optional[int]) -> Optional[Decimal]:
    return None if hundredths is None else _P[hundredths]


def _date(day: int) -> _dt.date:
    return _D[day]


def _date_or_none(day: int) -> Optional[_dt.date]:
    return None if day == _DAY_NONE else _D[day]


# Keys whose numbers are points in the result, plan and policy documents.
POINT_KEYS = frozenset({
    "required", "counted", "shortfall", "claimed", "cap", "needed",
    "room", "reachable_max", "required_points", "points_per_hour",
})


def _decimal_points(obj: Dict[str, Any]) -> Dict[str, Any]:
    for k in POINT_KEYS.intersection(obj):
        v = obj[k]
        if isinstance(v, int) and not isinstance(v, bool):
            obj[k] = Decimal(v)
    return obj


def loads_document(text: Union[bytes, str]) -> Dict[str, Any]:
    """A document of the library as plain JSON values, except that every
    number under a point key (``counted``, ``cap``, ``required_points``,
    ...) is a ``Decimal`` and every other non-integer number too."""
    return _json.loads(text, parse_float=Decimal,
                       object_hook=_decimal_points)


# ----------------------------------------------------------- the values

class PeriodYear(NamedTuple):
    """One fiscal year of the period (1 .. period_years)."""

    year: int
    starts_on: _dt.date
    ends_on: _dt.date


class Period(NamedTuple):
    """The qualification period the activities must fall in."""

    starts_on: _dt.date
    expires_on: _dt.date
    years: List[PeriodYear]


class Window(NamedTuple):
    """The application window and where applied_on falls in it."""

    opens_on: _dt.date
    closes_on: _dt.date
    status: WindowStatus


class Section(NamedTuple):
    """Points of one section (A, B-1, ..., D-3).

    ``cap`` is ``None`` where the section has none; ``year`` is the year
    of the period a per-year section is for, ``None`` for a whole-period
    section (A)."""

    section: str
    claimed: Decimal
    counted: Decimal
    cap: Optional[Decimal]
    entries: int
    year: Optional[int]


class Points(NamedTuple):
    """Required, counted and missing points, and the sections in document
    order."""

    required: Decimal
    counted: Decimal
    shortfall: Decimal
    sections: List[Section]


class Activity(NamedTuple):
    """How one input activity was placed and counted.  ``section`` and
    ``year`` are ``None`` for an activity that could not be placed."""

    index: int
    id: Optional[str]
    section: Optional[str]
    year: Optional[int]
    claimed: Decimal
    counted: Decimal
    status: ActivityStatus


class Diagnostic(NamedTuple):
    """One finding; the messages never contain personal data.  ``rule`` is
    the rule it comes from (``"R6"``, see :func:`cpd.explain`);
    ``activity`` the index of the activity it is about, or ``None``."""

    code: str
    severity: Severity
    path: str
    message: str
    message_ja: str
    rule: str
    activity: Optional[int]


class Renewal(NamedTuple):
    """The next period, present only when the decision is eligible."""

    starts_on: _dt.date
    expires_on: _dt.date


class PolicyVersion(NamedTuple):
    """One dated version of a policy: the one an application was checked
    (or planned) against, or one of ``Policy.versions``.  Unpacks as
    ``(name, effective_from)``."""

    name: str
    effective_from: _dt.date


# The C call that reads a typed result makes the objects itself
# (cpd_python.swg: cpd_py_result_tuple), from these classes, caches and
# members, without a Python call each.
_capi.setup((PeriodYear, Section, Activity, Diagnostic, Period, Window,
             Points, Renewal, PolicyVersion), _P, _D, _ACTIVITY_STATUS,
            _SEVERITY, _WINDOW_STATUS)
_renew = _capi.renew


_diagnostics = list


# ------------------------------------------------------------ documents

class _Document:
    """A document the engine wrote (kept as its JSON text) with its typed
    values (a tuple from the C call)."""

    __slots__ = ("_json", "_t", "_doc")

    def __init__(self, document: bytes, typed: Tuple) -> None:
        self._json = document
        self._t = typed
        self._doc: Optional[Dict[str, Any]] = None

    def _bytes(self) -> bytes:
        return self._json

    @property
    def _d(self) -> Dict[str, Any]:
        d = self._doc
        if d is None:
            d = self._doc = loads_document(self._bytes())
        return d

    def __getattr__(self, name: str) -> Any:
        # Keys the document has that are not modelled as properties.
        if name.startswith("_"):
            raise AttributeError(name)
        try:
            return self._d[name]
        except KeyError:
            raise AttributeError(
                f"{type(self).__name__} has no field {name!r}") from None

    def __getitem__(self, key: str) -> Any:
        """``doc["points"]``: the document's value under key (as
        :meth:`to_dict` gives it)."""
        return self._d[key]

    def __contains__(self, key: str) -> bool:
        return key in self._d

    def keys(self) -> Iterator[str]:
        return iter(self._d.keys())

    def to_dict(self) -> Dict[str, Any]:
        """The document as plain JSON values (a fresh copy), points as
        ``Decimal``."""
        return loads_document(self._bytes())

    def to_json(self) -> str:
        """The document exactly as the engine wrote it."""
        return self._bytes().decode("utf-8")

    def __eq__(self, other: object) -> bool:
        if type(other) is type(self):
            return self._bytes() == other._bytes()  # type: ignore[attr-defined]
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self._bytes())


class Result(_Document):
    """The outcome of ``cpd.check``: the result document of docs/JSON.md,
    read from the typed result.

    >>> r = cpd.check(application)              # doctest: +SKIP
    >>> r.decision, r.points.counted, r.sections["B-1"].counted
    (<Decision.ELIGIBLE: 'eligible'>, Decimal('34'), Decimal('5'))
    """

    # _live: for a result of cpd.check, the _Live checker whose last
    # evaluation it is, while its document (_json None) is still only in
    # that checker (see _Live.check); None once copied out.
    __slots__ = ("line", "_live", "__weakref__")

    line: Optional[int]
    """For ``cpd.batch``: the 1-based input line; otherwise ``None``."""

    def __init__(self, document: bytes, typed: Tuple,
                 line: Optional[int] = None) -> None:
        self._json = document
        self._t = typed
        self._doc = None
        self.line = line
        self._live = None

    def _bytes(self) -> bytes:
        j = self._json
        if j is None:
            j = _document_take(self)
        return j

    @property
    def decision(self) -> Decision:
        """``Decision.ELIGIBLE``, ``INCOMPLETE`` or ``INELIGIBLE``."""
        return _DECISION[self._t[0]]

    @property
    def eligible(self) -> bool:
        """``decision == Decision.ELIGIBLE``."""
        return self._t[0] == _capi.ELIGIBLE

    @property
    def applied_on(self) -> _dt.date:
        return self._t[20]

    @property
    def qualification(self) -> Optional[str]:
        """Canonical qualification (``"OMP"``), ``None`` when invalid."""
        return self._t[2]

    @property
    def period(self) -> Period:
        """``starts_on``, ``expires_on`` and the fiscal ``years``."""
        return _renew(self._t[24])

    @property
    def window(self) -> Window:
        """``opens_on``, ``closes_on`` and where ``applied_on`` falls:
        ``status``, a :class:`WindowStatus`."""
        return self._t[21]

    @property
    def points(self) -> Points:
        """``required``, ``counted``, ``shortfall`` (``Decimal``) and the
        ``sections`` in document order."""
        return _renew(self._t[25])

    @property
    def sections(self) -> Dict[str, Section]:
        """The sections by name, in document order:
        ``r.sections["B-1"].counted``."""
        return {s[0]: s for s in self._t[17]}

    @property
    def activities(self) -> List[Activity]:
        return list(self._t[18])

    @property
    def diagnostics(self) -> List[Diagnostic]:
        return _diagnostics(self._t[19])

    @property
    def codes(self) -> List[str]:
        """The diagnostics' codes, in document order."""
        return [d[0] for d in self._t[19]]

    @property
    def renewal(self) -> Optional[Renewal]:
        """The next period when eligible, else ``None``."""
        return self._t[23]

    @property
    def email_subject(self) -> Optional[str]:
        return self._t[14]

    @property
    def policy(self) -> Optional[PolicyVersion]:
        """The policy version the application was checked against: with a
        dated policy (``{"versions": [...]}``) the one in force on
        ``applied_on``.  ``r.policy.name``, ``r.policy.effective_from``."""
        return self._t[22]

    def __repr__(self) -> str:
        t = self._t
        return (f"<cpd.Result {_DECISION[t[0]]} counted={_points(t[10])} "
                f"required={_points(t[9])} diagnostics={len(t[19])}>")

    def __reduce__(self):
        return (Result, (self._bytes(), self._t, self.line))


_document_take = _capi.document_take
_evaluate_typed = _capi.checker_evaluate_typed
_weakref = _weakref_mod.ref
_rnew = object.__new__


class _Live:
    """A reusable checker (cpd_checker) for cpd.check, with what it
    borrows (keep: the policy handle) and a weak reference to the last
    Result it made, whose document is copied out of the checker only when
    it is asked for (to_json, to_dict, ==, a document key, pickling) or
    before the checker evaluates the next application, whichever comes
    first: a result that is only read through its typed fields never
    copies its document."""

    __slots__ = ("c", "keep", "last", "busy")

    def __init__(self, checker: Any, keep: Any) -> None:
        self.c = checker
        self.keep = keep
        self.last: Any = None
        self.busy = False

    def check(self, data: Union[bytes, str]) -> "Result":
        if self.busy:
            # Re-entered on this thread while the checker's result is being
            # read (a finalizer or signal handler that checks): a checker
            # for this call only, its document copied at once.
            doc, typed = _capi.checker_check_typed(
                _capi.checker_new(self.keep, None), data)
            return Result(doc, typed)
        last = self.last
        if last is not None:
            r = last()
            if r is not None:
                _document_take(r)  # before the next evaluation replaces it
            self.last = None
        self.busy = True
        try:
            t = _evaluate_typed(self.c, data)
        finally:
            self.busy = False
        r = _rnew(Result)
        r._json = None
        r._t = t
        r._doc = None
        r.line = None
        r._live = self
        self.last = _weakref(r)
        return r


# ------------------------------------------------------------------- plan

class PlanWindow(NamedTuple):
    """The application window, seen from ``as_of``: its state on that day
    and the days from it to the window's first and last day (negative once
    passed)."""

    opens_on: _dt.date
    closes_on: _dt.date
    status: WindowStatus
    days_until_opens: int
    days_until_closes: int


class PlanPoints(NamedTuple):
    """Points so far: ``needed = max(0, required - counted)``;
    ``reachable_max`` is ``counted`` plus the room of every open section,
    ``None`` when an open section has no cap (then any amount can still
    count)."""

    required: Decimal
    counted: Decimal
    needed: Decimal
    reachable_max: Optional[Decimal]


class PlanSection(NamedTuple):
    """One section (A, B-1, ..., D-3) as seen from ``as_of``.

    ``year``: ``None`` for a whole-period section.  ``open``: an activity
    completed from ``as_of`` on can still count here, until ``open_until``
    (``None`` when closed).  ``room``: what it can still take, ``None``
    when unlimited (no cap), ``0`` when closed."""

    section: str
    year: Optional[int]
    counted: Decimal
    cap: Optional[Decimal]
    open: bool
    open_until: Optional[_dt.date]
    room: Optional[Decimal]


def _plan_section(t: Tuple) -> PlanSection:
    name, year, counted, cap, open_, until, room = t
    return PlanSection(name, year or None, _points(counted),
                       _points_or_none(cap), open_, _date_or_none(until),
                       _points_or_none(room))


class Plan(_Document):
    """The outcome of ``cpd.plan``: the plan document of docs/PLAN.md.

    >>> p = cpd.plan(application, as_of="2026-11-28")   # doctest: +SKIP
    >>> p.points.needed, p.reachable, p.sections["B-3"].room
    (Decimal('8'), True, Decimal('5'))
    """

    __slots__ = ()

    def __init__(self, document: bytes, typed: Tuple) -> None:
        self._json = document
        self._t = typed
        self._doc = None

    @property
    def as_of(self) -> _dt.date:
        """The day planned from."""
        return _date(self._t[0])

    @property
    def qualification(self) -> Optional[str]:
        """Canonical qualification (``"OMP"``), ``None`` when invalid."""
        return self._t[15][2]

    @property
    def period(self) -> Period:
        """The qualification period, as in the result."""
        return _renew(self._t[15][24])

    @property
    def window(self) -> PlanWindow:
        """The window seen from ``as_of``: ``opens_on``, ``closes_on``,
        ``status`` on ``as_of``, ``days_until_opens``,
        ``days_until_closes``."""
        t = self._t
        return PlanWindow(_date(t[4]), _date(t[5]), _WINDOW_STATUS[t[6]],
                          t[7], t[8])

    @property
    def points(self) -> PlanPoints:
        """``required``, ``counted`` (so far, caps applied), ``needed`` and
        ``reachable_max`` (``None``: unlimited), all ``Decimal``."""
        t = self._t
        return PlanPoints(_points(t[1]), _points(t[2]), _points(t[3]),
                          None if t[10] else _points(t[11]))

    @property
    def reachable(self) -> bool:
        """The requirement can still be met by the window's close: nothing
        is needed, an open section has no cap, or ``reachable_max`` is at
        least ``required``."""
        return self._t[9]

    @property
    def sections(self) -> Dict[str, PlanSection]:
        """Every section by name, in document order:
        ``p.sections["B-3"].room``."""
        return {s[0]: _plan_section(s) for s in self._t[14]}

    @property
    def advice(self) -> str:
        """The least still to add, split by what is open (English)."""
        return self._t[12]

    @property
    def advice_ja(self) -> str:
        """The same advice in Japanese."""
        return self._t[13]

    @property
    def activities(self) -> List[Activity]:
        """The activities as ``check`` places and counts them on
        ``as_of`` (not in the plan document)."""
        return list(self._t[15][18])

    @property
    def diagnostics(self) -> List[Diagnostic]:
        """What is already wrong, as ``check`` would say on ``as_of``,
        without the diagnostics that only say the application is not
        finished yet (window.not_yet_open, points.shortfall, fee.missing,
        oath.not_agreed, applicant.missing_field)."""
        return _diagnostics(self._t[15][19])

    @property
    def codes(self) -> List[str]:
        """The diagnostics' codes, in document order."""
        return [d[0] for d in self._t[15][19]]

    @property
    def policy(self) -> Optional[PolicyVersion]:
        """The policy version in force on ``as_of``."""
        return self._t[15][22]

    def __repr__(self) -> str:
        t = self._t
        return (f"<cpd.Plan as_of={_date(t[0])} counted={_points(t[2])} "
                f"needed={_points(t[3])} reachable={t[9]}>")

    def __reduce__(self):
        return (Plan, (self._json, self._t))
