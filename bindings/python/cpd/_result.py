"""The result document (docs/JSON.md "Result document") and the plan
document (docs/PLAN.md) as Python objects.

A Result keeps the JSON text the engine returned and parses it on first
use, so checking many applications costs one C call each and no Python
work for results nobody reads (a Plan likewise).  Every object reads like the document: the
same names (``r.points.counted``, ``r.window.status``), dates (keys ending
in ``_on``) as ``datetime.date``, points as the document's numbers (``int``
or ``float`` with at most 2 decimals), absent or ``null`` values as
``None``.  ``to_dict()`` returns the document itself.  Keys the document
gains later are reachable as attributes too.
"""

from __future__ import annotations

import datetime as _dt
import json as _json
from typing import Any, Dict, Iterator, List, Mapping, Optional, Union

__all__ = [
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

Number = Union[int, float]

_fromiso = _dt.date.fromisoformat


def _date(v: Any) -> Optional[_dt.date]:
    return None if v is None else _fromiso(v)


def _wrap(key: str, v: Any) -> Any:
    """Generic view of a value under `key` (for keys not modelled below)."""
    if isinstance(v, dict):
        return _Node(v)
    if isinstance(v, list):
        return [_wrap(key, x) for x in v]
    if isinstance(v, str) and (key.endswith("_on") or key == "effective_from"):
        try:
            return _fromiso(v)
        except ValueError:
            return v
    return v


class _Node:
    """A read-only view of one JSON object of the document."""

    __slots__ = ("_d",)

    def __init__(self, d: Dict[str, Any]) -> None:
        self._d = d

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(name)
        try:
            v = self._d[name]
        except KeyError:
            raise AttributeError(
                f"{type(self).__name__} has no field {name!r}") from None
        return _wrap(name, v)

    def __getitem__(self, key: str) -> Any:
        return self._d[key]

    def to_dict(self) -> Dict[str, Any]:
        """This part of the document as plain JSON values (a deep copy)."""
        return _json.loads(_json.dumps(self._d))

    def __eq__(self, other: object) -> bool:
        if isinstance(other, _Node):
            return self._d == other._d
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        inner = ", ".join(f"{k}={_wrap(k, v)!r}" for k, v in self._d.items()
                          if not isinstance(v, (list, dict)))
        return f"{type(self).__name__}({inner})"


class PeriodYear(_Node):
    """One fiscal year of the period."""

    __slots__ = ()

    @property
    def year(self) -> int:
        """1 .. period_years."""
        return self._d["year"]

    @property
    def starts_on(self) -> _dt.date:
        return _fromiso(self._d["starts_on"])

    @property
    def ends_on(self) -> _dt.date:
        return _fromiso(self._d["ends_on"])


class Period(_Node):
    """The qualification period the activities must fall in."""

    __slots__ = ()

    @property
    def starts_on(self) -> _dt.date:
        return _fromiso(self._d["starts_on"])

    @property
    def expires_on(self) -> _dt.date:
        return _fromiso(self._d["expires_on"])

    @property
    def years(self) -> List[PeriodYear]:
        return [PeriodYear(y) for y in self._d.get("years") or ()]


class Window(_Node):
    """The application window and where applied_on falls in it."""

    __slots__ = ()

    @property
    def opens_on(self) -> _dt.date:
        return _fromiso(self._d["opens_on"])

    @property
    def closes_on(self) -> _dt.date:
        return _fromiso(self._d["closes_on"])

    @property
    def status(self) -> str:
        """``"not_yet_open"``, ``"open"`` or ``"closed"``."""
        return self._d["status"]


class Section(_Node):
    """Points of one section (A, B-1, ..., D-3)."""

    __slots__ = ()

    @property
    def section(self) -> str:
        return self._d["section"]

    @property
    def claimed(self) -> Number:
        return self._d["claimed"]

    @property
    def counted(self) -> Number:
        return self._d["counted"]

    @property
    def cap(self) -> Optional[Number]:
        """The section's cap, ``None`` when it has none."""
        return self._d.get("cap")

    @property
    def entries(self) -> int:
        return self._d["entries"]


class Points(_Node):
    """Required, counted and missing points, and the sections."""

    __slots__ = ()

    @property
    def required(self) -> Number:
        return self._d["required"]

    @property
    def counted(self) -> Number:
        return self._d["counted"]

    @property
    def shortfall(self) -> Number:
        return self._d["shortfall"]

    @property
    def sections(self) -> List[Section]:
        """All sections in document order (A, B-1, ..., D-3)."""
        return [Section(s) for s in self._d.get("sections") or ()]


class Activity(_Node):
    """How one input activity was placed and counted."""

    __slots__ = ()

    @property
    def index(self) -> int:
        """0-based position in the application's ``activities``."""
        return self._d["index"]

    @property
    def id(self) -> Optional[str]:
        return self._d.get("id")

    @property
    def section(self) -> Optional[str]:
        """``None`` when the activity could not be placed."""
        return self._d.get("section")

    @property
    def year(self) -> Optional[int]:
        return self._d.get("year")

    @property
    def claimed(self) -> Number:
        return self._d["claimed"]

    @property
    def counted(self) -> Number:
        return self._d["counted"]

    @property
    def status(self) -> str:
        """``counted``, ``partially_counted``, ``capped`` or ``rejected``."""
        return self._d["status"]


class Diagnostic(_Node):
    """One finding; messages never contain personal data."""

    __slots__ = ()

    @property
    def code(self) -> str:
        """Stable code, e.g. ``"section.capped"``."""
        return self._d["code"]

    @property
    def severity(self) -> str:
        """``fatal``, ``error``, ``warning`` or ``info``."""
        return self._d["severity"]

    @property
    def path(self) -> str:
        """JSON Pointer into the application document."""
        return self._d["path"]

    @property
    def message(self) -> str:
        return self._d["message"]

    @property
    def message_ja(self) -> str:
        return self._d["message_ja"]


class Renewal(_Node):
    """The next period, present only when the decision is eligible."""

    __slots__ = ()

    @property
    def starts_on(self) -> _dt.date:
        return _fromiso(self._d["starts_on"])

    @property
    def expires_on(self) -> _dt.date:
        return _fromiso(self._d["expires_on"])


class PolicyVersion(_Node):
    """One dated version of a policy: the one an application was checked
    (or planned) against, or one of ``Policy.versions``.

    Unpacks as ``(name, effective_from)``::

        for name, since in policy.versions: ...
    """

    __slots__ = ()

    @property
    def name(self) -> str:
        return self._d["name"]

    @property
    def effective_from(self) -> _dt.date:
        """The first day this version is in force."""
        return _fromiso(self._d["effective_from"])

    def __iter__(self) -> Iterator[Any]:
        return iter((self.name, self.effective_from))


class _Document:
    """A document the engine wrote: kept as its JSON text, parsed on first
    use; its keys are attributes too."""

    __slots__ = ("_json", "_doc")

    def __init__(self, document: Union[bytes, str]) -> None:
        if isinstance(document, str):
            document = document.encode("utf-8")
        self._json: bytes = document
        self._doc: Optional[Dict[str, Any]] = None

    @property
    def _d(self) -> Dict[str, Any]:
        d = self._doc
        if d is None:
            d = self._doc = _json.loads(self._json)
        return d

    def __getattr__(self, name: str) -> Any:
        # Keys the document has that are not modelled as properties.
        if name.startswith("_"):
            raise AttributeError(name)
        try:
            v = self._d[name]
        except KeyError:
            raise AttributeError(
                f"{type(self).__name__} has no field {name!r}") from None
        return _wrap(name, v)

    def __getitem__(self, key: str) -> Any:
        """``doc["points"]``: the document's raw JSON value under key."""
        return self._d[key]

    def __contains__(self, key: str) -> bool:
        return key in self._d

    def keys(self) -> Iterator[str]:
        return iter(self._d.keys())

    def to_dict(self) -> Dict[str, Any]:
        """The document as plain JSON values (a fresh copy)."""
        return _json.loads(self._json)

    def to_json(self) -> str:
        """The document exactly as the engine wrote it."""
        return self._json.decode("utf-8")

    def __eq__(self, other: object) -> bool:
        if type(other) is type(self):
            return self._json == other._json  # type: ignore[attr-defined]
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self._json)


_DECISION_KEY = b'{"decision":"'
_DECISIONS = {b"eligible": "eligible", b"incomplete": "incomplete",
              b"ineligible": "ineligible"}


class Result(_Document):
    """The outcome of ``cpd.check``: the result document of docs/JSON.md.

    >>> r = cpd.check(application)              # doctest: +SKIP
    >>> r.decision, r.points.counted, r.sections["B-1"].counted
    ('eligible', 34, 5)
    """

    __slots__ = ("line",)

    line: Optional[int]
    """For ``cpd.batch``: the 1-based input line; otherwise ``None``."""

    def __init__(self, document: Union[bytes, str]) -> None:
        if isinstance(document, str):
            document = document.encode("utf-8")
        self._json = document
        self._doc = None
        self.line = None

    # -- the document's keys, in its order
    @property
    def decision(self) -> str:
        """``"eligible"``, ``"incomplete"`` or ``"ineligible"``."""
        if self._doc is None:
            # The engine writes the decision first (json_out.c): read it
            # without parsing the rest, the common "triage" case.
            j = self._json
            if j.startswith(_DECISION_KEY):
                end = j.find(b'"', len(_DECISION_KEY))
                word = j[len(_DECISION_KEY):end]
                if word in _DECISIONS:
                    return _DECISIONS[word]
        return self._d["decision"]

    @property
    def eligible(self) -> bool:
        """``decision == "eligible"``."""
        return self.decision == "eligible"

    @property
    def applied_on(self) -> _dt.date:
        return _fromiso(self._d["applied_on"])

    @property
    def qualification(self) -> Optional[str]:
        """Canonical qualification (``"OMP"``), ``None`` when invalid."""
        return self._d.get("qualification")

    @property
    def period(self) -> Period:
        return Period(self._d["period"])

    @property
    def window(self) -> Window:
        return Window(self._d["window"])

    @property
    def points(self) -> Points:
        return Points(self._d["points"])

    @property
    def sections(self) -> Dict[str, Section]:
        """The sections by name: ``r.sections["B-1"].counted``."""
        return {s["section"]: Section(s)
                for s in self._d["points"].get("sections") or ()}

    @property
    def activities(self) -> List[Activity]:
        return [Activity(a) for a in self._d.get("activities") or ()]

    @property
    def diagnostics(self) -> List[Diagnostic]:
        return [Diagnostic(d) for d in self._d.get("diagnostics") or ()]

    @property
    def codes(self) -> List[str]:
        """The diagnostics' codes, in document order."""
        return [d["code"] for d in self._d.get("diagnostics") or ()]

    @property
    def renewal(self) -> Optional[Renewal]:
        """The next period when eligible, else ``None``."""
        r = self._d.get("renewal")
        return None if r is None else Renewal(r)

    @property
    def email_subject(self) -> Optional[str]:
        return self._d.get("email_subject")

    @property
    def policy(self) -> Optional[PolicyVersion]:
        """The policy version the application was checked against: with a
        dated policy (``{"versions": [...]}``) the one in force on
        ``applied_on``.  ``r.policy.name``, ``r.policy.effective_from``."""
        p = self._d.get("policy")
        return None if p is None else PolicyVersion(p)

    def __repr__(self) -> str:
        d = self._d
        p: Mapping[str, Any] = d.get("points") or {}
        return (f"<cpd.Result {d.get('decision')} counted={p.get('counted')} "
                f"required={p.get('required')} "
                f"diagnostics={len(d.get('diagnostics') or ())}>")

    def __reduce__(self):
        return (_rebuild_result, (self._json, self.line))


def _rebuild_result(document: bytes, line: Optional[int]) -> Result:
    r = Result(document)
    r.line = line
    return r


# ------------------------------------------------------------------- plan

class PlanWindow(Window):
    """The application window, seen from ``as_of``."""

    __slots__ = ()

    @property
    def status(self) -> str:
        """The window's state on ``as_of``: ``"not_yet_open"``, ``"open"``
        or ``"closed"``."""
        return self._d["status"]

    @property
    def days_until_opens(self) -> int:
        """Days from ``as_of`` to the window's first day; negative once it
        has opened."""
        return self._d["days_until_opens"]

    @property
    def days_until_closes(self) -> int:
        """Days from ``as_of`` to the window's last day; negative once it
        has closed."""
        return self._d["days_until_closes"]


class PlanPoints(_Node):
    """Points so far: required, counted (caps applied), needed."""

    __slots__ = ()

    @property
    def required(self) -> Number:
        return self._d["required"]

    @property
    def counted(self) -> Number:
        """What counts so far, with caps applied."""
        return self._d["counted"]

    @property
    def needed(self) -> Number:
        """``max(0, required - counted)``."""
        return self._d["needed"]

    @property
    def reachable_max(self) -> Optional[Number]:
        """``counted`` plus the room of every open section; ``None`` when an
        open section has no cap (then any amount can still count)."""
        return self._d.get("reachable_max")


class PlanSection(_Node):
    """One section (A, B-1, ..., D-3) as seen from ``as_of``."""

    __slots__ = ()

    @property
    def section(self) -> str:
        return self._d["section"]

    @property
    def year(self) -> Optional[int]:
        """1 .. period years; ``None`` for a whole-period section (A)."""
        return self._d.get("year")

    @property
    def counted(self) -> Number:
        return self._d["counted"]

    @property
    def cap(self) -> Optional[Number]:
        """The section's cap, ``None`` when it has none."""
        return self._d.get("cap")

    @property
    def open(self) -> bool:
        """An activity completed from ``as_of`` on can still count here."""
        return self._d["open"]

    @property
    def open_until(self) -> Optional[_dt.date]:
        """The last day such an activity can be completed; ``None`` when
        the section is closed."""
        return _date(self._d.get("open_until"))

    @property
    def room(self) -> Optional[Number]:
        """What the section can still take: ``cap - counted`` (never below
        0), ``0`` when closed, ``None`` when unlimited (no cap)."""
        return self._d.get("room")


class Plan(_Document):
    """The outcome of ``cpd.plan``: the plan document of docs/PLAN.md.

    >>> p = cpd.plan(application, as_of="2026-11-28")   # doctest: +SKIP
    >>> p.points.needed, p.reachable, p.sections["B-3"].room
    (8, True, 5)
    >>> p.window.days_until_opens, p.advice                # doctest: +SKIP
    (34, '8 more points, completed by 2027-03-31: up to 5 in B-3, ...')
    """

    __slots__ = ()

    @property
    def as_of(self) -> _dt.date:
        """The day planned from."""
        return _fromiso(self._d["as_of"])

    @property
    def qualification(self) -> Optional[str]:
        """Canonical qualification (``"OMP"``), ``None`` when invalid."""
        return self._d.get("qualification")

    @property
    def period(self) -> Period:
        return Period(self._d["period"])

    @property
    def window(self) -> PlanWindow:
        return PlanWindow(self._d["window"])

    @property
    def points(self) -> PlanPoints:
        return PlanPoints(self._d["points"])

    @property
    def reachable(self) -> bool:
        """The requirement can still be met by the window's close: nothing
        is needed, an open section has no cap, or ``reachable_max`` is at
        least ``required``."""
        return self._d["reachable"]

    @property
    def sections(self) -> Dict[str, PlanSection]:
        """Every section by name, in document order:
        ``p.sections["B-3"].room``."""
        return {s["section"]: PlanSection(s)
                for s in self._d.get("sections") or ()}

    @property
    def advice(self) -> str:
        """The least still to add, split by what is open (English)."""
        return self._d["advice"]

    @property
    def advice_ja(self) -> str:
        """The same advice in Japanese."""
        return self._d["advice_ja"]

    @property
    def diagnostics(self) -> List[Diagnostic]:
        """What is already wrong, as ``check`` would say on ``as_of``,
        without the diagnostics that only say the application is not
        finished yet (window.not_yet_open, points.shortfall, fee.missing,
        oath.not_agreed, applicant.missing_field)."""
        return [Diagnostic(d) for d in self._d.get("diagnostics") or ()]

    @property
    def codes(self) -> List[str]:
        """The diagnostics' codes, in document order."""
        return [d["code"] for d in self._d.get("diagnostics") or ()]

    @property
    def policy(self) -> Optional[PolicyVersion]:
        """The policy version in force on ``as_of``."""
        p = self._d.get("policy")
        return None if p is None else PolicyVersion(p)

    def __repr__(self) -> str:
        d = self._d
        p: Mapping[str, Any] = d.get("points") or {}
        return (f"<cpd.Plan as_of={d.get('as_of')} counted={p.get('counted')} "
                f"needed={p.get('needed')} reachable={d.get('reachable')}>")

    def __reduce__(self):
        return (Plan, (self._json,))
