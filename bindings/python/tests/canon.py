"""The Python half of the cross-language test (bindings/tests/cross_language.py).

    PYTHONPATH=build/bindings/python python3 canon.py [--policy P] IN.ndjson OUT

Checks each line of IN with cpd.batch and writes, for each, "LINE<TAB>DOC"
where DOC is the canonical document built from the typed result only
(never from to_json()): the keys and shapes of docs/JSON.md's result
document, or the error document of an InputError.  OUT must not exist; it
is written through a temporary file and renamed.
"""

import argparse
import decimal
import json
import os
import sys
import tempfile

import cpd


def _date(d):
    return None if d is None else d.isoformat()


def _num(v):
    if isinstance(v, decimal.Decimal):
        return _Raw(str(v))
    return v


class _Raw(str):
    """A number written as its exact text."""


def _dump(v):
    if isinstance(v, _Raw):
        return str(v)
    if isinstance(v, dict):
        return "{" + ",".join(json.dumps(k, ensure_ascii=False) + ":" + _dump(x)
                              for k, x in v.items()) + "}"
    if isinstance(v, list):
        return "[" + ",".join(_dump(x) for x in v) + "]"
    return json.dumps(v, ensure_ascii=False)


def result(r):
    doc = {
        "decision": str(r.decision),
        "applied_on": _date(r.applied_on),
        "qualification": r.qualification,
        "period": {
            "starts_on": _date(r.period.starts_on),
            "expires_on": _date(r.period.expires_on),
            "years": [{"year": y.year, "starts_on": _date(y.starts_on),
                       "ends_on": _date(y.ends_on)} for y in r.period.years],
        },
        "window": {"opens_on": _date(r.window.opens_on),
                   "closes_on": _date(r.window.closes_on),
                   "status": str(r.window.status)},
        "points": {
            "required": _num(r.points.required),
            "counted": _num(r.points.counted),
            "shortfall": _num(r.points.shortfall),
            "sections": [{"section": s.section, "claimed": _num(s.claimed),
                          "counted": _num(s.counted), "cap": _num(s.cap),
                          "entries": s.entries} for s in r.points.sections],
        },
        "activities": [{"index": a.index, "id": a.id, "section": a.section,
                        "year": a.year, "claimed": _num(a.claimed),
                        "counted": _num(a.counted), "status": str(a.status)}
                       for a in r.activities],
        "diagnostics": [{"code": d.code, "severity": str(d.severity),
                         "rule": d.rule, "path": d.path,
                         "message": d.message, "message_ja": d.message_ja}
                        for d in r.diagnostics],
    }
    if r.renewal is not None:
        doc["renewal"] = {"starts_on": _date(r.renewal.starts_on),
                          "expires_on": _date(r.renewal.expires_on)}
    doc["email_subject"] = r.email_subject
    doc["policy"] = None if r.policy is None else {
        "name": r.policy.name,
        "effective_from": _date(r.policy.effective_from)}
    return doc


def error(e):
    return {"error": {"code": e.code, "path": e.path,
                      "offset": e.offset if e.offset >= 0 else None,
                      "message": e.message, "message_ja": e.message_ja}}


def main(argv):
    ap = argparse.ArgumentParser()
    ap.add_argument("--policy")
    ap.add_argument("input")
    ap.add_argument("output")
    a = ap.parse_args(argv)
    policy = cpd.Policy.from_file(a.policy) if a.policy else None
    out_dir = os.path.dirname(os.path.abspath(a.output))
    fd, tmp = tempfile.mkstemp(prefix=".canon-", dir=out_dir)
    n = 0
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as w:
            for item in cpd.batch(a.input, policy=policy):
                doc = error(item) if isinstance(item, cpd.CpdError) \
                    else result(item)
                w.write(f"{item.line}\t{_dump(doc)}\n")
                n += 1
        os.link(tmp, a.output)  # fails if OUT exists: never replaced
    finally:
        os.unlink(tmp)
    print(f"canon: {n} documents")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
