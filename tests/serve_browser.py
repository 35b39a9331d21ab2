#!/usr/bin/env python3
"""The form page of `cpd serve` in headless Chromium, driven through the
DevTools protocol as a person would use it.

    python3 tests/serve_browser.py PATH/TO/cpd [--screenshot PNG]
                                   [--phone-screenshot PNG]
                                   [--finding-screenshot PNG]

The DevTools protocol runs over Chromium's --remote-debugging-pipe (file
descriptors 3 and 4, messages ended by NUL), so nothing but Python's
standard library and Debian's chromium is needed.  The walkthrough, each
step printed as it runs:

  1. open the page; type a wareki date (令和9年2月3日) into 申請年月日 with
     key events and IME text; the decision note says what is still
     missing, but no field the person has not typed into is marked (the
     findings list says how many wait);
  2. fill in the applicant; a wrong e-mail address gets its diagnostic
     next to the field, and loses it once corrected;
  3. add rows (one by the keyboard alone), with dates as people write
     them; each row shows its number (活動 N, as the messages say); B-2
     goes over its cap of 5 and says so in the section and next to the
     row; the total reaches 31.5 / 30 and the decision "eligible";
  4. the English toggle; Save (a download) gives JSON equal to what was
     typed, that `cpd check` accepts with the same decision; Print shows
     POST /v1/report; Plan shows POST /v1/plan; a row added under B-1 and
     dated in year 2 moves to B-2 (announced, focus kept, no year
     written); a reload asks first (beforeunload) and brings every field
     and row back from this tab's sessionStorage;
  5. 新規 over unsaved work asks, then empties the form; Open the saved
     file: every field and row comes back and Save gives the same bytes
     again; Open over unsaved work asks, and Cancel keeps it; × on a row
     offers 元に戻す, which puts it back;
  6. a phone-width screen (390 px): an input method's uncommitted text
     (れいわ) is neither checked nor taken into the document; no
     horizontal scrolling; the skip link and each Shift+Tab stop land
     below the sticky bar; every finding in the list moves the focus to
     its input (a row's first input, the activities' heading for the
     whole list), in view; the findings show no code or pointer;
  7. throughout: no CSP violation, no script error, no request to
     another origin, nothing in cookies or localStorage, only the draft
     in sessionStorage;
  8. axe-core (npm, tests/axe_util.py; the CSP bypassed for this step
     only) on the empty form, the one with findings and the filled one:
     no serious or critical violation.

The screenshots go to a temporary directory, or (written to a temporary
file and renamed) where --screenshot, --phone-screenshot and
--finding-screenshot (a phone after following a row's finding) say.  Exits 77
(skipped) when cpd was built without libmicrohttpd or no chromium is
installed.
"""
import base64
import fcntl
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import axe_util  # noqa: E402
import serve_util  # noqa: E402
from serve_util import Server, run_cpd  # noqa: E402

TIMEOUT = 20.0


def say(*parts):
    print("browser:", *parts, flush=True)


class Fail(Exception):
    pass


def check(cond, what):
    if not cond:
        raise Fail(what)
    say("  ok:", what)


class DevTools:
    """A DevTools protocol client over --remote-debugging-pipe."""

    def __init__(self, chromium, profile, log):
        cmd_r, self._cmd_w = os.pipe()
        self._res_r, res_w = os.pipe()
        # the browser's ends above 9, so that "3<&N 4>&M N<&- M>&-" below
        # never closes what it just made
        for name in ("cmd_r", "res_w"):
            fd = locals()[name]
            high = fcntl.fcntl(fd, fcntl.F_DUPFD_CLOEXEC, 10)
            os.close(fd)
            if name == "cmd_r":
                cmd_r = high
            else:
                res_w = high
        flags = ["--headless", "--no-sandbox", "--disable-gpu",
                 "--disable-quic", "--no-first-run",
                 "--disable-background-networking",
                 "--disable-component-update", "--disable-sync",
                 "--disable-extensions", "--hide-scrollbars",
                 "--remote-debugging-pipe", "--user-data-dir=" + profile,
                 "about:blank"]
        # fds 3 and 4 of the browser are the pipe; bash sets them up
        # so that no Python runs between fork and exec.
        self.proc = subprocess.Popen(
            ["/bin/bash", "-c",
             'exec "$0" "$@" 3<&%d 4>&%d %d<&- %d>&-'
             % (cmd_r, res_w, cmd_r, res_w), chromium, *flags],
            pass_fds=(cmd_r, res_w), stdin=subprocess.DEVNULL,
            stdout=log, stderr=log)
        os.close(cmd_r)
        os.close(res_w)
        self._next = 0
        self._lock = threading.Condition()
        self._write = threading.Lock()
        # the page's own dialogs (beforeunload, confirm): each is recorded
        # and answered with self.answer (True: OK / leave)
        self.answer = True
        self.dialogs = []
        self._answers = {}
        self.events = []
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self):
        buf = b""
        while True:
            try:
                chunk = os.read(self._res_r, 65536)
            except OSError:
                chunk = b""
            if not chunk:
                with self._lock:
                    self._answers[None] = "closed"
                    self._lock.notify_all()
                return
            buf += chunk
            while b"\0" in buf:
                msg, buf = buf.split(b"\0", 1)
                m = json.loads(msg)
                if m.get("method") == "Page.javascriptDialogOpening":
                    self.dialogs.append(m["params"])
                    self._post({"id": 0, "method": "Page.handleJavaScriptDialog",
                                "params": {"accept": self.answer},
                                "sessionId": m.get("sessionId")})
                with self._lock:
                    if "id" in m:
                        self._answers[m["id"]] = m
                    else:
                        self.events.append(m)
                    self._lock.notify_all()

    def _post(self, msg):
        with self._write:
            os.write(self._cmd_w, json.dumps(msg).encode() + b"\0")

    def send(self, method, params=None, session=None, timeout=TIMEOUT):
        with self._lock:
            self._next += 1
            n = self._next
        msg = {"id": n, "method": method, "params": params or {}}
        if session:
            msg["sessionId"] = session
        self._post(msg)
        deadline = time.monotonic() + timeout
        with self._lock:
            while n not in self._answers:
                if None in self._answers:
                    raise Fail("chromium went away during %s" % method)
                left = deadline - time.monotonic()
                if left <= 0:
                    raise Fail("no answer to %s" % method)
                self._lock.wait(left)
            m = self._answers.pop(n)
        if "error" in m:
            raise Fail("%s: %s" % (method, m["error"]))
        return m.get("result", {})

    def wait_event(self, method, since=0, timeout=TIMEOUT):
        deadline = time.monotonic() + timeout
        with self._lock:
            while True:
                for e in self.events[since:]:
                    if e["method"] == method:
                        return e
                left = deadline - time.monotonic()
                if left <= 0:
                    raise Fail("no %s event" % method)
                self._lock.wait(left)

    def close(self):
        try:
            os.write(self._cmd_w, json.dumps(
                {"id": 999999, "method": "Browser.close"}).encode() + b"\0")
        except OSError:
            pass
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        for fd in (self._cmd_w, self._res_r):
            try:
                os.close(fd)
            except OSError:
                pass


class Page:
    def __init__(self, dt, base):
        self.dt = dt
        self.base = base
        target = dt.send("Target.createTarget", {"url": "about:blank"})
        self.s = dt.send("Target.attachToTarget",
                         {"targetId": target["targetId"],
                          "flatten": True})["sessionId"]
        for domain in ("Page", "Runtime", "Log", "Network", "DOM"):
            self.call(domain + ".enable")

    def call(self, method, params=None):
        return self.dt.send(method, params, self.s)

    def eval(self, expr):
        r = self.call("Runtime.evaluate", {"expression": expr,
                                           "returnByValue": True,
                                           "awaitPromise": True})
        if "exceptionDetails" in r:
            raise Fail("script %r: %s" % (expr, r["exceptionDetails"]))
        return r["result"].get("value")

    def wait(self, expr, what, timeout=TIMEOUT):
        deadline = time.monotonic() + timeout
        while True:
            v = self.eval(expr)
            if v:
                return v
            if time.monotonic() > deadline:
                raise Fail("timed out waiting for %s (%s)" % (what, expr))
            time.sleep(0.05)

    def open(self, path="/"):
        since = len(self.dt.events)
        self.call("Page.navigate", {"url": self.base + path})
        self.dt.wait_event("Page.loadEventFired", since)
        self.wait("document.body && document.body.dataset.ready === '1'",
                  "the page to start")

    def checks(self):
        return int(self.eval("document.body.dataset.checks || '0'"))

    def settle(self, before):
        """Waits for the live check that follows an edit."""
        self.wait("Number(document.body.dataset.checks || 0) > %d && "
                  "document.body.dataset.state === 'done'" % before,
                  "the live check")

    def center(self, selector):
        xy = self.eval(
            "(() => { const e = document.querySelector(%s);"
            " if (!e) return null; e.scrollIntoView({block: 'center'});"
            " const r = e.getBoundingClientRect();"
            " return [r.x + r.width / 2, r.y + r.height / 2]; })()"
            % json.dumps(selector))
        if not xy:
            raise Fail("no element %s" % selector)
        return xy

    def click(self, selector):
        x, y = self.center(selector)
        for kind in ("mouseMoved", "mousePressed", "mouseReleased"):
            self.call("Input.dispatchMouseEvent",
                      {"type": kind, "x": x, "y": y, "button": "left",
                       "clickCount": 1})

    def key(self, key, code, vk, text=None):
        down = {"type": "keyDown", "key": key, "code": code,
                "windowsVirtualKeyCode": vk}
        if text:
            down["text"] = text
        self.call("Input.dispatchKeyEvent", down)
        self.call("Input.dispatchKeyEvent", {"type": "keyUp", "key": key,
                                             "code": code,
                                             "windowsVirtualKeyCode": vk})

    def type(self, text):
        """Types as a person does: ASCII as key strokes, anything else as
        text an input method commits."""
        for ch in text:
            if " " <= ch <= "~":
                self.call("Input.dispatchKeyEvent",
                          {"type": "keyDown", "key": ch, "text": ch})
                self.call("Input.dispatchKeyEvent",
                          {"type": "keyUp", "key": ch})
            else:
                self.call("Input.insertText", {"text": ch})

    def fill(self, selector, text):
        """Clicks into a field, types and leaves it with Tab (which checks
        it at once); waits for the live check."""
        before = self.checks()
        self.click(selector)
        self.key("End", "End", 35)
        self.type(text)
        self.key("Tab", "Tab", 9)
        self.settle(before)

    def set_file(self, selector, path):
        doc = self.call("DOM.getDocument")
        node = self.call("DOM.querySelector",
                         {"nodeId": doc["root"]["nodeId"],
                          "selector": selector})
        self.call("DOM.setFileInputFiles", {"files": [path],
                                            "nodeId": node["nodeId"]})

    def draft(self):
        """The draft the page keeps in this tab's sessionStorage."""
        return json.loads(self.eval(
            "sessionStorage.getItem('cpd-form-draft') || 'null'"))

    def text(self, selector):
        return self.eval("(() => { const e = document.querySelector(%s);"
                         " return e ? e.textContent : null; })()"
                         % json.dumps(selector))

    def screenshot(self, path):
        shot = self.call("Page.captureScreenshot", {"format": "png"})
        with open(path, "wb") as f:
            f.write(base64.b64decode(shot["data"]))


def keep(src, dest):
    """Copies src to dest through a temporary file in dest's directory."""
    d = os.path.dirname(os.path.abspath(dest))
    fd, tmp = tempfile.mkstemp(dir=d, prefix=".tmp-", suffix=".png")
    with os.fdopen(fd, "wb") as out, open(src, "rb") as f:
        shutil.copyfileobj(f, out)
    os.chmod(tmp, 0o644)
    os.replace(tmp, dest)
    say("kept", dest)


def wait_file(directory, name, timeout=TIMEOUT):
    path = os.path.join(directory, name)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if os.path.exists(path) and not any(
                f.endswith(".crdownload") for f in os.listdir(directory)):
            time.sleep(0.1)
            return path
        time.sleep(0.05)
    raise Fail("no download %s" % name)


# What the walkthrough types: the applicant and the rows, as a person
# writes them (the same as examples/eligible.json, without ids and
# competencies).
APPLICANT = [
    ("#f-number", "OMP-012345", ("certification", "number")),
    ("#f-name", "佐藤 花子", ("applicant", "name")),
    ("#f-name_kana", "さとう はなこ", ("applicant", "name_kana")),
    ("#f-company", "株式会社みらいコンタクト", ("applicant", "company")),
    ("#f-company_kana", "かぶしきがいしゃみらいこんたくと",
     ("applicant", "company_kana")),
    ("#f-postal_code", "〒141-0001", ("applicant", "postal_code")),
    ("#f-address", "東京都品川区北品川9-9-9 サンプルハイツ101",
     ("applicant", "address")),
    ("#f-phone", "03-5555-0123", ("applicant", "phone")),
    ("#f-mobile", "090-5555-0123", ("applicant", "mobile")),
    ("#f-paid_on", "R9.1.20", ("fee", "paid_on")),
    ("#f-payer_name", "サトウ ハナコ", ("fee", "payer_name")),
]
ROWS = [  # section, title, date, hours, points, evidence
    ("A", "コンタクトセンター応対品質向上研修", "2024-07-12", "7", "7",
     "受講証明書_応対品質向上研修_20240712.pdf"),
    ("A", "コン検認定 OMP フォローアップ講座", "R6.11.20", "6", "",
     "受講証明書_OMPフォローアップ_20241120.pdf"),
    ("A", "WFM（要員計画）実践講座", "令和7年9月18日", "6", "6",
     "研修参加票_WFM実践講座_20250918.pdf"),
    ("B-2", "VOC分析セミナー（外部研修）", "2025/06/05", "3", "3",
     "受講証明書_VOC分析セミナー.pdf"),
    ("B-2", "スーパーバイザー向けコーチング研修（外部研修）", "2025-10-22",
     "4", "4", "修了証_コーチング研修_20251022.pdf"),
    ("C-1", "CMBOK 学習", "R6.8.31", "3", "", ""),
    ("C-2", "コールセンター指標管理の書籍学習", "令和8年1月25日", "2.5", "",
     ""),
    ("D-3", "業界団体セミナー登壇", "2026-11-14", "2", "2", ""),
]


def expected_document():
    doc = {"applied_on": "令和9年2月3日", "qualification": "OMP",
           "certification": {"expires_on": "2027-03-31"}}
    for _, text, (a, b) in APPLICANT:
        doc.setdefault(a, {})[b] = text
    doc["applicant"]["email"] = "hanako.sato@example.jp"
    doc["oath_agreed"] = True
    acts = []
    for sec, title, date, hours, points, evidence in ROWS:
        # no year: a row added under a year's section carries none; the
        # engine places it by its date
        a = {"category": sec[0]}
        a["title"] = title
        a["completed_on"] = date
        a["hours"] = float(hours) if "." in hours else int(hours)
        if points:
            a["points"] = int(points)
        if evidence:
            a["evidence"] = [evidence]
        acts.append(a)
    doc["activities"] = acts
    return doc


def add_row(page, section, title, date, hours, points, evidence,
            keyboard=False):
    sec = "#sec-%s" % section
    n = page.eval("document.querySelectorAll('%s .row').length" % sec)
    before = page.checks()
    if keyboard:  # focus the button, then Enter, as with Tab
        page.eval("document.querySelector('%s .add').focus()" % sec)
        page.key("Enter", "Enter", 13, "\r")
    else:
        page.click(sec + " .add")
    page.settle(before)
    row = "%s .row:nth-child(%d)" % (sec, n + 1)
    check(page.eval("document.activeElement === document.querySelector("
                    "'%s input[data-key=title]')" % row),
          "a new row in %s has the focus%s"
          % (section, " (added with Enter)" if keyboard else ""))
    page.type(title)  # the new row's title has the focus
    for key, value in (("completed_on", date), ("hours", hours),
                       ("points", points), ("evidence", evidence)):
        if value:
            page.fill("%s input[data-key=%s]" % (row, key), value)
    page.settle(before)
    return row


def get_json(page, path):
    """A document of the server, outside the browser (no proxy)."""
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    with opener.open(page.base + path, timeout=TIMEOUT) as r:
        return json.loads(r.read())


def the_librarys_words(page):
    """The page asks the library for what it knows: its sections are
    GET /v1/sections, its category names, column headings and group
    headings GET /v1/labels (no copy in app.js to drift)."""
    labels = get_json(page, "/v1/labels")
    sections = get_json(page, "/v1/sections")["sections"]
    shown = page.eval("[...document.querySelectorAll('#sections "
                      ".cpd-section')].map((s) => s.dataset.section)")
    check(shown == [s["section"] for s in sections] + [""],
          "the page's sections are the library's: " + " ".join(shown))
    cats = {c["category"]: c for c in labels["categories"]}
    groups = []
    for s in sections:
        g = "■" + cats[s["category"]]["group_ja"]
        if not groups or groups[-1] != g:
            groups.append(g)
    check(page.eval("[...document.querySelectorAll('#sections .group-title')]"
                    ".map((h) => h.textContent)") == groups,
          "the group headings are the library's: " + " ".join(groups))
    for sec in ("A", "C-1", "D-2"):
        c = cats[sec[0]]
        check(page.text("#sec-%s .sec-name" % sec).startswith(c["label_ja"])
              and page.text("#sec-%s .c-title" % sec) == c["title_column_ja"]
              and page.text("#sec-%s .c-date" % sec) == c["date_column_ja"]
              and page.text("#sec-%s .c-hours" % sec) == c["hours_column_ja"],
              "%s's name and columns are the library's (%s)"
              % (sec, c["title_column_ja"]))
    return labels

# A document with findings of every kind of place: fields of the applicant
# (missing), a whole row (declared year 1, dated in year 2: /activities/0/year
# has no cell of its own), a cell (/activities/1/hours) and the whole list
# (the shortfall, /activities).
FINDINGS = {
    "applied_on": "令和9年2月3日", "qualification": "OMP",
    "certification": {"number": "OMP-012345", "expires_on": "2027-03-31"},
    "applicant": {"name": "佐藤 花子", "name_kana": "さとう はなこ"},
    "oath_agreed": True,
    "activities": [
        {"category": "B", "year": 1, "title": "VOC分析セミナー",
         "completed_on": "2025-06-05", "hours": 3},
        {"category": "C", "title": "CMBOK 学習", "completed_on": "R6.8.31",
         "hours": "2時間半分"},
    ],
}

# Where the focus should be after following a finding, by its pointer
# (the rules the page promises), and whether it is in view: below the
# sticky bar, above the bottom of the window.
FOCUS_JS = r"""(() => {
  const out = [];
  const bar = document.querySelector('#mini');
  const top = getComputedStyle(bar).display === 'none' ? 0
    : bar.getBoundingClientRect().bottom;
  for (const b of document.querySelectorAll('#diag-list button[data-path]')) {
    b.click();
    const f = document.activeElement;
    const path = b.dataset.path;
    const m = /^\/activities\/(\d+)(?:\/(\w+))?/.exec(path);
    let want;
    if (path === '/activities') want = document.querySelector('#h-activities');
    else if (m) {
      const row = document.querySelector('.row[data-index="' + m[1] + '"]');
      const cell = m[2] && row.querySelector('.cell[data-diag="' + path + '"]');
      want = cell ? cell.querySelector('input')
        : [...row.querySelectorAll('input')].find((i) => i.getClientRects().length);
    } else {
      let p = path, box = null;
      while (p && !(box = document.querySelector('[data-diag="' + p + '"]'))) {
        p = p.slice(0, p.lastIndexOf('/'));
      }
      want = box && box.querySelector('input');
    }
    const r = f.getBoundingClientRect();
    out.push({path: path, ok: f === want, seen: r.top >= top - 0.5 &&
              r.bottom <= innerHeight + 0.5 && r.height > 0,
              focus: f.id || f.tagName, top: Math.round(r.top)});
  }
  return out;
})()"""


def untouched(page):
    """Only what was typed into is judged: the other fields wait."""
    marked = page.eval("[...document.querySelectorAll('#form "
                       "[aria-invalid=true]')].map((i) => i.id || i.name)")
    check(marked == [], "after the two dates no untouched field is marked "
          "invalid (%s)" % marked)
    check(page.eval("!!document.querySelector('#btn-show-all')"),
          "the findings list says how many wait, with 'show all': "
          + page.text("#diag-list .waiting span"))


def rows_are_numbered(page):
    nos = page.eval("[...document.querySelectorAll('.row')].map((r) => "
                    "[Number(r.dataset.index), r.querySelector('.no')"
                    ".textContent])")
    check(nos and all(no == "活動 %d" % (i + 1) for i, no in nos),
          "each row shows the number the messages use: %s"
          % " ".join(no for _, no in sorted(nos)))


def a_row_moves(page):
    """A row added under B-1 and dated in year 2 goes to B-2."""
    say("a row follows its date")
    before = page.checks()
    page.click("#sec-B-1 .add")
    page.settle(before)
    page.type("社外研修（2年目）")
    index = int(page.eval("document.activeElement.closest('.row')"
                          ".dataset.index"))
    row = ".row[data-index='%d']" % index
    before = page.checks()
    page.click(row + " input[data-key=completed_on]")
    page.type("2025-06-05")
    page.key("Tab", "Tab", 9)  # into its hours
    page.settle(before)
    check(page.eval("document.querySelector(\"%s\").closest('.cpd-section')"
                    ".dataset.section" % row) == "B-2",
          "a row added under B-1, dated in year 2, moved to B-2")
    check(page.eval("document.activeElement.closest('.row') === "
                    "document.querySelector(\"%s\")" % row),
          "the focus stayed in the row")
    check("B-2" in page.text("#status"), "and the move was announced: "
          + page.text("#status"))
    act = page.draft()["doc"]["activities"][index]
    check("year" not in act, "the row carries no year the person did not "
          "type: %s" % sorted(act))
    check("1 年目" not in page.text("#sections"),
          "and no warning about a year 1 nobody wrote")


def reload_keeps_the_draft(page):
    say("a reload")
    values = page.eval("[...document.querySelectorAll('#form input')]"
                       ".map((i) => i.value + (i.checked ? '*' : ''))")
    places = page.eval("[...document.querySelectorAll('.row')].map((r) => "
                       "r.closest('.cpd-section').dataset.section)")
    decision = page.eval("document.body.dataset.decision")
    asked = len(page.dt.dialogs)
    page.open()
    check(len(page.dt.dialogs) == asked + 1
          and page.dt.dialogs[-1]["type"] == "beforeunload",
          "leaving unsaved work asks first (beforeunload)")
    check(page.eval("[...document.querySelectorAll('#form input')]"
                    ".map((i) => i.value + (i.checked ? '*' : ''))")
          == values and page.eval(
              "[...document.querySelectorAll('.row')].map((r) => "
              "r.closest('.cpd-section').dataset.section)") == places,
          "after the reload every field and row is back where it was "
          "(%d inputs, %d rows)" % (len(values), len(places)))
    page.wait("document.body.dataset.decision === %s" % json.dumps(decision),
              "the restored result (%s)" % decision)


def open_asks_first(page, saved):
    page.fill("#f-number", "-9")
    asked = len(page.dt.dialogs)
    page.dt.answer = False
    try:
        page.set_file("#file-open", saved)
        page.wait("document.querySelector('#f-number').value === "
                  "'OMP-012345-9'", "the refusal")
        time.sleep(0.3)
    finally:
        page.dt.answer = True
    check(len(page.dt.dialogs) == asked + 1
          and page.dt.dialogs[-1]["type"] == "confirm"
          and page.eval("document.querySelector('#f-number').value")
          == "OMP-012345-9",
          "開く over unsaved work asks first; Cancel keeps what was typed")
    before = page.checks()
    page.set_file("#file-open", saved)
    page.settle(before)
    check(page.eval("document.querySelector('#f-number').value")
          == "OMP-012345", "OK replaces it")


def undo_a_removed_row(page):
    say("a removed row comes back")
    n = page.eval("document.querySelectorAll('.row').length")
    title = page.eval("document.querySelector('#sec-C-1 .row "
                      "input[data-key=title]').value")
    index = page.eval("document.querySelector('#sec-C-1 .row')"
                      ".dataset.index")
    before = page.checks()
    page.click("#sec-C-1 .row .remove")
    page.settle(before)
    check(page.eval("document.querySelectorAll('.row').length") == n - 1
          and page.eval("!document.querySelector('#toast').hidden"),
          "× removes the row and offers to undo: " + page.text("#toast"))
    before = page.checks()
    page.click("#btn-undo")
    page.settle(before)
    check(page.eval("document.querySelector('#sec-C-1 .row "
                    "input[data-key=title]').value") == title
          and page.eval("document.querySelector('#sec-C-1 .row')"
                        ".dataset.index") == index
          and page.eval("document.body.dataset.decision") == "eligible",
          "元に戻す puts it back, as activity %d" % (int(index) + 1))


def ime_is_not_checked(page):
    """Nothing an input method has not committed is sent or judged."""
    say("an input method composing")
    page.click("#f-applied_on")
    before = page.checks()
    page.call("Input.imeSetComposition", {"text": "れいわ",
                                          "selectionStart": 3,
                                          "selectionEnd": 3})
    time.sleep(1.6)  # twice the page's pause
    check(page.checks() == before and page.eval(
        "document.querySelector('#f-applied_on').value") == "れいわ"
          and "れいわ" not in json.dumps(page.draft(), ensure_ascii=False),
          "while composing れいわ: no check, nothing taken into the "
          "document")
    page.call("Input.insertText", {"text": "令和9年2月3日"})
    page.settle(before)
    check((page.draft() or {}).get("doc", {}).get("applied_on")
          == "令和9年2月3日", "the committed 令和9年2月3日 is checked")
    check(not page.eval("document.querySelector('#f-applied_on')"
                        ".hasAttribute('aria-invalid')"),
          "and is not marked invalid")


def nothing_under_the_bar(page):
    """The skip link and every tab stop land clear of the sticky bar."""
    page.eval("scrollTo(0, 0); document.querySelector('.skip').focus()")
    page.key("Enter", "Enter", 13, "\r")
    page.wait("document.activeElement.id === 'f-applied_on'", "the skip link")
    js = ("(() => { const f = document.activeElement, r = f.getBoundingClientRect();"
          " const b = document.querySelector('#mini').getBoundingClientRect();"
          " return [f.id || f.className || f.tagName,"
          " (r.top >= b.bottom - 0.5 || r.bottom <= b.top + 0.5) &&"
          " r.top >= 0 && r.bottom <= innerHeight + 0.5]; })()")
    check(page.eval(js)[1], "the skip link lands on 申請年月日 below the bar")
    page.eval("document.querySelector('#btn-plan-go').focus()")
    hidden, stops = [], 0
    while stops < 400:
        self_ = page.eval(js)
        if not self_[1]:
            hidden.append(self_[0])
        stops += 1
        page.call("Input.dispatchKeyEvent", {"type": "rawKeyDown", "key": "Tab",
                                             "code": "Tab",
                                             "windowsVirtualKeyCode": 9,
                                             "modifiers": 8})
        page.call("Input.dispatchKeyEvent", {"type": "keyUp", "key": "Tab",
                                             "code": "Tab",
                                             "windowsVirtualKeyCode": 9,
                                             "modifiers": 8})
        if page.eval("document.activeElement === document.body || "
                     "document.activeElement.classList.contains('skip')"):
            break
    check(stops > 30 and not hidden, "Shift+Tab through %d stops: none "
          "under the bar %s" % (stops, hidden[:5]))


def every_finding_leads_to_its_place(page, tmp, shots):
    say("every finding leads to its place")
    res = page.eval(FOCUS_JS)
    kinds = {"row": any(r["path"] == "/activities/0/year" for r in res),
             "cell": any(r["path"] == "/activities/1/hours" for r in res),
             "list": any(r["path"] == "/activities" for r in res)}
    check(all(kinds.values()) and len(res) >= 6,
          "the list has findings about fields, a row, a cell and the whole "
          "list (%d)" % len(res))
    bad = [r for r in res if not (r["ok"] and r["seen"])]
    check(not bad, "each of the %d moves the focus to its input or heading, "
          "in view below the bar%s" % (len(res), ": %s" % bad if bad else ""))
    whole = [f for f in get_json(page, "/v1/fields")["fields"]
             if f["pointer"] == "/activities"][0]
    lang = page.eval("document.documentElement.lang")
    where = page.eval("[...document.querySelectorAll('#diag-list "
                      "button[data-path=\"/activities\"] .where')]"
                      ".map((w) => w.textContent)")
    name = whole["label_ja"] if lang == "ja" else whole["label"]
    check(where and set(where) == {name},
          "the whole list's finding is named as the field table names "
          "/activities (%s): %s" % (lang, where))
    codes = page.eval("[...document.querySelectorAll('#diag-list button, "
                      "#form .diag')].map((b) => b.textContent).join(' ')")
    check("/activities" not in codes and "/applicant" not in codes
          and "applicant." not in codes and "missing_field" not in codes,
          "the messages show no code or pointer (those are folded away in "
          "'事務局用のコード')")
    page.eval("[...document.querySelectorAll('#diag-list button')]"
              ".find((b) => b.dataset.path === '/activities/0/year').click()")
    page.screenshot(os.path.join(tmp, "serve-phone-finding.png"))
    if shots.get("finding"):
        keep(os.path.join(tmp, "serve-phone-finding.png"), shots["finding"])


def axe_on_the_form(page, cpd, saved, findings):
    """axe-core (npm, tests/axe_util.py) on the empty form, the one with
    findings (all shown) and the filled one: no serious or critical
    violation.  The page's CSP is bypassed here only, after every other
    check."""
    source = axe_util.axe_source(cpd)
    page.call("Page.setBypassCSP", {"enabled": True})
    page.call("Emulation.setDeviceMetricsOverride",
              {"width": 1280, "height": 1100, "deviceScaleFactor": 1,
               "mobile": False})
    bad = []
    for name, path in (("empty", None), ("findings", findings),
                       ("filled", saved)):
        page.open()
        page.click("#btn-new")
        if path:
            before = page.checks()
            page.set_file("#file-open", path)
            page.settle(before)
        page.eval(source)
        res = page.eval(axe_util.RUN_JS)
        say("  axe %s on the %s form: %s" % (res["version"], name,
                                             axe_util.counts(res)))
        if axe_util.failing(res):
            bad.append("%s:\n%s" % (name, axe_util.describe(
                axe_util.failing(res))))
    check(not bad, "axe: no serious or critical violation on the empty, "
          "the findings' and the filled form%s" % ("\n" + "\n".join(bad)
                                                   if bad else ""))
    # the control: the same run finds a grey line added to the page
    page.eval("(() => { const p = document.createElement('p');"
              " p.textContent = '薄い文字 faint text'; p.style.color = '#bbb';"
              " document.querySelector('#form').prepend(p); })()")
    res = page.eval(axe_util.RUN_JS)
    check(any(v["id"] == "color-contrast" for v in axe_util.failing(res)),
          "and the same run finds a grey line (#bbb on #fff) added to it")


def walkthrough(page, cpd, tmp, shots):
    errors_at = len(page.dt.events)
    page.call("Emulation.setDeviceMetricsOverride",
              {"width": 1280, "height": 1100, "deviceScaleFactor": 1,
               "mobile": False})
    page.dt.send("Browser.setDownloadBehavior",
                 {"behavior": "allow", "downloadPath": tmp})
    page.open()
    say("1. opened", page.base + "/", "-", page.eval("document.title"))
    labels = the_librarys_words(page)

    page.fill("#f-applied_on", "令和9年2月3日")
    say("typed 令和9年2月3日 into 申請年月日")
    check(page.text("#decision") == "判定できません",
          "the result says it cannot check yet: %s"
          % page.text("#decision-note"))
    check("資格有効期日" in page.text("#decision-note"),
          "the decision names what it waits for: "
          + page.text("#decision-note"))
    check(page.text("[data-diag='/certification/expires_on'] .diags") == ""
          and not page.eval("document.querySelector('#f-expires_on')"
                            ".hasAttribute('aria-invalid')"),
          "but 資格有効期日, not typed into yet, is not marked")
    page.fill("#f-expires_on", "2027-03-31")
    check(page.eval("document.body.dataset.decision") == "ineligible",
          "with both dates the live decision is 更新不可 (0 / 30 points)")
    untouched(page)

    say("2. the applicant")
    for sel, text, _ in APPLICANT:
        page.fill(sel, text)
    page.click("input[name=qualification][value=OMP]")
    page.fill("#f-email", "hanako.sato@example")
    diag = page.text("[data-diag='/applicant/email'] .diags")
    check(diag and "Eメールアドレスの形式" in diag,
          "a wrong e-mail gets its diagnostic next to the field: " + diag)
    check(page.eval("document.querySelector('#f-email')"
                    ".getAttribute('aria-invalid')") == "true",
          "and the field is marked aria-invalid")
    page.fill("#f-email", ".jp")
    check(page.text("[data-diag='/applicant/email'] .diags") == "",
          "typing the rest of the address clears it")

    say("3. activities")
    for i, row in enumerate(ROWS):
        add_row(page, *row, keyboard=(i == 4))
        say("  row %s: %s %s, %s h -> %s" % (row[0], row[2], row[1], row[3],
                                            page.text("#sec-%s .row:last-child"
                                                      " .state" % row[0])))
    b2 = page.text("#sec-B-2 .sec-total")
    check("5" in b2 and "7" in b2 and page.eval(
        "document.querySelector('#sec-B-2 .sec-total')"
        ".classList.contains('over')"),
        "B-2 shows 5 counted of 7 claimed, over its cap: " + b2.strip())
    capped = page.text("#sec-B-2 .row:nth-child(2) .diags")
    check(capped and "B-2 は上限 5 ポイント" in capped,
          "section.capped is next to the row that went over: " + capped)
    rows_are_numbered(page)
    before = page.checks()
    page.click("#f-oath")
    page.settle(before)
    check(page.eval("document.body.dataset.decision") == "eligible",
          "with the oath the decision is %s" % page.text("#decision"))
    check(page.text("#total") == "31.5" and page.text("#required") == "30",
          "the running total is 31.5 / 30")
    check(page.eval("[document.querySelector('#meter').value, "
                    "document.querySelector('#meter').max]") == [30, 30],
          "the meter is full")
    page.eval("document.querySelector('#sec-A').scrollIntoView()")
    page.screenshot(os.path.join(tmp, "serve.png"))
    if shots.get("desktop"):
        keep(os.path.join(tmp, "serve.png"), shots["desktop"])

    say("4. English, Save, Print, Plan")
    page.click("#btn-lang")
    check(page.text("#decision") == "eligible"
          and "Section B-2 is capped" in page.text(
              "#sec-B-2 .row:nth-child(2) .diags"),
          "the English toggle switches the result and the messages")
    overlaps = page.eval(
        "[...document.querySelectorAll('.row')].filter((r) => {"
        " const a = r.querySelector('.state').getBoundingClientRect(),"
        " b = r.querySelector('.remove').getBoundingClientRect();"
        " return a.width && a.right > b.left && a.left < b.right &&"
        " a.bottom > b.top && a.top < b.bottom; })"
        ".map((r) => r.querySelector('.state').textContent)")
    check(overlaps == [], "no row's result (partly counted 2 / 4) runs "
          "under its × button %s" % overlaps)
    page.click("#btn-lang")
    check(page.text("#decision")
          == labels["decision"]["eligible"]["label_ja"],
          "and back to Japanese (the library's word: %s)"
          % page.text("#decision"))

    page.click("#btn-save")
    saved = wait_file(tmp, "renewal-application.json")
    with open(saved, "rb") as f:
        saved_bytes = f.read()
    got = json.loads(saved_bytes)
    want = expected_document()
    check(got == want, "Save gives JSON equal to what was typed "
          "(%d bytes, %d activities)" % (len(saved_bytes),
                                         len(got["activities"])))
    rc, out, err = run_cpd(cpd, "check", saved)
    result = json.loads(out)
    check(rc == 0 and result["decision"] == "eligible"
          and result["points"]["counted"] == 31.5,
          "`cpd check` accepts the saved file: exit 0, %s, %s points"
          % (result["decision"], result["points"]["counted"]))

    page.click("#btn-print")
    page.wait("document.querySelector('#print-dialog').open && "
              "!!document.querySelector('#print-frame').contentDocument"
              ".querySelector('#report')", "the printable form")
    frame = ("document.querySelector('#print-frame').contentDocument")
    check(page.eval(frame + ".querySelector('#report').dataset.decision")
          == "eligible" and page.eval(
              frame + ".querySelector('#report').dataset.personal")
          == "included", "Print shows the filled-in form from /v1/report")
    page.wait("%s.readyState === 'complete'" % frame, "the form to load")
    check(page.wait("getComputedStyle(%s.querySelector('.sheet'))"
                    ".backgroundColor === 'rgb(255, 255, 255)'" % frame,
                    "the form's stylesheet"),
          "its stylesheet /report.css is allowed by the CSP")
    page.key("Escape", "Escape", 27)
    page.wait("!document.querySelector('#print-dialog').open",
              "Escape to close the dialog")
    page.click("#plan-as-of")
    page.type("2026-11-28")
    page.click("#btn-plan-go")
    page.wait("document.body.dataset.plan === 'done'", "the plan")
    check("2026-11-28" in page.text("#plan-out"),
          "Plan: " + page.text("#plan-out .advice"))

    a_row_moves(page)
    reload_keeps_the_draft(page)

    say("5. Open the saved file on a new form")
    asked = len(page.dt.dialogs)
    page.click("#btn-new")
    check(len(page.dt.dialogs) == asked + 1
          and page.dt.dialogs[-1]["type"] == "confirm",
          "新規 over unsaved work asks first: "
          + page.dt.dialogs[-1]["message"])
    check(page.eval("document.querySelectorAll('.row').length") == 0
          and page.eval("document.querySelector('#f-applied_on').value")
          == "" and page.draft() is None, "and then starts empty")
    before = page.checks()
    page.set_file("#file-open", saved)
    page.settle(before)
    check(page.eval("document.querySelector('#f-applied_on').value")
          == "令和9年2月3日" and page.eval(
              "document.querySelector('#f-oath').checked"),
          "the fields come back")
    counts = page.eval("Object.fromEntries([...document.querySelectorAll("
                       "'.cpd-section')].map(s => [s.dataset.section, "
                       "s.querySelectorAll('.row').length]).filter(x => x[1]))")
    check(counts == {"A": 3, "B-2": 2, "C-1": 1, "C-2": 1, "D-3": 1},
          "the rows come back in their sections: %s" % counts)
    check("B-2" not in page.text("#status"),
          "put in place on Open, not announced as moved: "
          + page.text("#status"))
    check(page.eval("document.body.dataset.decision") == "eligible",
          "and the result with them")
    os.rename(saved, saved + ".first")
    page.click("#btn-save")
    again = wait_file(tmp, "renewal-application.json")
    with open(again, "rb") as f:
        check(f.read() == saved_bytes, "Save after Open gives the same bytes")

    # a list cell splits where the library says (GET /v1/fields), as the
    # spreadsheet import splits the same text
    cell = "x.pdf；y, z.pdf;w 1.pdf"
    box = "#sec-A .row:nth-child(1) input[data-key=evidence]"
    page.eval("document.querySelector(%s).value = ''" % json.dumps(box))
    page.fill(box, cell)
    index = int(page.eval("document.querySelector('#sec-A .row:nth-child(1)')"
                          ".dataset.index"))
    os.rename(again, again + ".second")
    page.click("#btn-save")
    with open(wait_file(tmp, "renewal-application.json"), "rb") as f:
        on_page = json.loads(f.read())["activities"][index]["evidence"]
    sheet = os.path.join(tmp, "evidence.csv")
    with open(sheet, "w", encoding="utf-8") as f:
        f.write('title,completed_on,hours,category,evidence\n'
                'x,2024-06-01,1,A,"%s"\n' % cell)
    applicant = os.path.join(tmp, "applicant.json")
    with open(applicant, "w", encoding="utf-8") as f:
        json.dump({"applied_on": "2027-02-03",
                   "certification": {"expires_on": "2027-03-31"}}, f)
    rc, out, err = run_cpd(cpd, "import-csv", sheet, "--applicant",
                           applicant)
    in_sheet = json.loads(out)["activities"][0]["evidence"] if rc == 0 else err
    check(on_page == in_sheet == ["x.pdf", "y, z.pdf", "w 1.pdf"],
          "the page and import-csv split %r alike: %s" % (cell, on_page))

    open_asks_first(page, saved)
    undo_a_removed_row(page)

    say("6. a phone-width screen")
    page.call("Emulation.setDeviceMetricsOverride",
              {"width": 390, "height": 844, "deviceScaleFactor": 2,
               "mobile": True})
    page.open()
    page.click("#btn-new")
    ime_is_not_checked(page)
    check(page.eval("document.documentElement.scrollWidth <= innerWidth"),
          "no horizontal scrolling at 390 px")
    check(page.eval("getComputedStyle(document.querySelector('#mini'))"
                    ".display") == "flex",
          "the decision stays in view at the top")
    before = page.checks()
    page.set_file("#file-open", saved)
    page.settle(before)
    page.eval("scrollTo(0, 0)")
    page.screenshot(os.path.join(tmp, "serve-phone.png"))
    if shots.get("phone"):
        keep(os.path.join(tmp, "serve-phone.png"), shots["phone"])
    nothing_under_the_bar(page)
    findings = os.path.join(tmp, "findings.json")
    with open(findings, "w", encoding="utf-8") as f:
        json.dump(FINDINGS, f, ensure_ascii=False)
    page.click("#btn-new")
    before = page.checks()
    page.set_file("#file-open", findings)
    page.settle(before)
    every_finding_leads_to_its_place(page, tmp, shots)

    say("7. what the page did not do")
    events = page.dt.events[errors_at:]
    csp = [e for e in events if e["method"] == "Log.entryAdded"
           and "Content Security Policy" in e["params"]["entry"]["text"]]
    check(not csp, "no CSP violation")
    errors = [e for e in events if e["method"] == "Runtime.exceptionThrown"
              or (e["method"] == "Log.entryAdded"
                  and e["params"]["entry"]["level"] == "error"
                  and e["params"]["entry"].get("source") != "network")]
    check(not errors, "no script error%s" % (": %s" % errors[:2] if errors
                                             else ""))
    urls = [e["params"]["request"]["url"] for e in events
            if e["method"] == "Network.requestWillBeSent"]
    foreign = [u for u in urls if not u.startswith(page.base + "/")
               and not u.startswith(("blob:", "data:", "about:"))]
    check(urls and not foreign, "every one of the %d requests went to the "
          "page's own origin (%d to /v1/check)"
          % (len(urls), sum(u.endswith("/v1/check") for u in urls)))
    check(page.eval("localStorage.length === 0 && document.cookie === '' "
                    "&& Object.keys(sessionStorage).join() === "
                    "'cpd-form-draft'"),
          "nothing in cookies or localStorage; sessionStorage holds only "
          "this tab's draft")

    say("8. axe-core on the form")
    axe_on_the_form(page, cpd, saved, findings)


def main():
    args = sys.argv[1:]
    if not args:
        sys.exit(__doc__)
    cpd = os.path.abspath(args.pop(0))
    shots = {}
    while args:
        opt = args.pop(0)
        if opt == "--screenshot" and args:
            shots["desktop"] = args.pop(0)
        elif opt == "--phone-screenshot" and args:
            shots["phone"] = args.pop(0)
        elif opt == "--finding-screenshot" and args:
            shots["finding"] = args.pop(0)
        else:
            sys.exit("unknown argument %s" % opt)
    why = serve_util.serve_built(cpd)
    if why:
        print("SKIPPED: %s" % why)
        sys.exit(serve_util.SKIP)
    chromium = (os.environ.get("CPD_CHROMIUM") or shutil.which("chromium")
                or shutil.which("chromium-browser"))
    if not chromium:
        print("SKIPPED: no chromium installed (apt-get install chromium)")
        sys.exit(serve_util.SKIP)
    rc = 1
    with tempfile.TemporaryDirectory(prefix="cpd-browser.") as tmp:
        profile = os.path.join(tmp, "profile")
        downloads = os.path.join(tmp, "downloads")
        os.mkdir(profile)
        os.mkdir(downloads)
        log = open(os.path.join(tmp, "chromium.log"), "wb")
        srv = Server(cpd, "--threads", "2")
        dt = None
        try:
            dt = DevTools(chromium, profile, log)
            walkthrough(Page(dt, srv.url), cpd, downloads, shots)
            rc = 0
            say("walkthrough passed")
        except Fail as e:
            print("browser: FAILED:", e, flush=True)
        finally:
            if dt:
                dt.close()
            log.close()
            if srv.stop() != 0:
                print(srv.log())
                rc = 1
            if rc:
                with open(os.path.join(tmp, "chromium.log"), "rb") as f:
                    tail = f.read()[-3000:].decode("utf-8", "replace")
                print("--- chromium log (end)\n" + tail)
                print("--- cpd serve log (end)\n" + srv.log()[-3000:])
    sys.exit(rc)


if __name__ == "__main__":
    main()
