"""What the tests of `cpd serve` share (tests/test_serve.py,
tests/serve_load.py, tests/serve_browser.py): a server on an ephemeral
port of 127.0.0.1 that is always stopped (atexit, and a SIGTERM/SIGINT to
the test is turned into an exit so atexit runs), its access log, and plain
HTTP requests.

cpd serve prints "cpd serve: listening on http://127.0.0.1:PORT/ ..." on
stderr once it accepts connections; the port is read from there.
"""
import atexit
import http.client
import os
import re
import signal
import subprocess
import threading
import time

SKIP = 77  # ctest's SKIP_RETURN_CODE, scripts/test's "skipped"
_running = []
# A sanitizer's report on a server's stderr (a build with CPD_SANITIZE:
# scripts/test's asan and tsan steps).  Most tests would not notice one
# (the server may go on, or die only after the test), so every server's
# stderr is watched and the servers that reported are kept here;
# sanitizer_reports() turns them into a failure at the end of a run.
SANITIZER = re.compile(r"(ERROR|WARNING|FATAL): \w*Sanitizer|runtime error: ")
_reported = []


def _stop_all():
    for s in list(_running):
        s.kill()


atexit.register(_stop_all)


def _exit_on_signal(signum, frame):
    raise SystemExit(128 + signum)


for _sig in (signal.SIGTERM, signal.SIGHUP):
    signal.signal(_sig, _exit_on_signal)


def serve_built(cpd):
    """None when `cpd serve` is there, else why not (built without
    libmicrohttpd)."""
    p = subprocess.run([cpd, "serve", "--threads", "0"],
                       stdin=subprocess.DEVNULL, capture_output=True,
                       timeout=30)
    err = p.stderr.decode("utf-8", "replace")
    if "not built" in err:
        return err.strip()
    return None


class Server:
    """cpd serve --listen 127.0.0.1:0 ARGS..., started at once."""

    def __init__(self, cpd, *args, env=None, start_timeout=10.0):
        self.cpd = cpd
        self.args = list(args)
        self.lines = []
        self._lock = threading.Lock()
        self._ready = threading.Event()
        e = dict(os.environ)
        for k in ("LC_ALL", "LC_MESSAGES", "LANG"):
            e.pop(k, None)
        e["LANG"] = "C"
        if env:
            e.update(env)
        t0 = time.monotonic()
        self.proc = subprocess.Popen(
            [cpd, "serve", "--listen", "127.0.0.1:0", *args],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE, env=e)
        _running.append(self)
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()
        if not self._ready.wait(start_timeout):
            self.kill()
            raise AssertionError("cpd serve did not start: %r" % self.log())
        self.startup_seconds = time.monotonic() - t0
        m = re.search(r"listening on http://127\.0\.0\.1:(\d+)/", self.log())
        self.port = int(m.group(1))
        self.url = "http://127.0.0.1:%d" % self.port

    def _read(self):
        for raw in self.proc.stderr:
            line = raw.decode("utf-8", "replace").rstrip("\n")
            with self._lock:
                self.lines.append(line)
                if SANITIZER.search(line) and self not in _reported:
                    _reported.append(self)
            if "listening on" in line:
                self._ready.set()
        self._ready.set()  # it exited

    def log(self):
        with self._lock:
            return "\n".join(self.lines)

    def access_lines(self):
        with self._lock:
            return [l for l in self.lines if not l.startswith("cpd serve:")]

    def rss_kib(self):
        with open("/proc/%d/status" % self.proc.pid) as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
        raise AssertionError("no VmRSS")

    def alive(self):
        return self.proc.poll() is None

    def stop(self, sig=signal.SIGTERM, timeout=40):
        """Sends sig and waits; returns the exit status.  The server lets
        the requests in flight finish for --timeout + 5 s at most (20 s by
        default), so this waits longer than that."""
        if self.proc.poll() is None:
            self.proc.send_signal(sig)
        try:
            rc = self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            self.kill()
            raise AssertionError("cpd serve did not stop on %s" % sig)
        self._reader.join(5)
        self.proc.stderr.close()
        if self in _running:
            _running.remove(self)
        return rc

    def kill(self):
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()
            self._reader.join(5)
        self.proc.stderr.close()
        if self in _running:
            _running.remove(self)

    def request(self, method, path, body=None, headers=None, timeout=30):
        """One request on a new connection: (status, headers with lower-case
        names, body bytes)."""
        c = http.client.HTTPConnection("127.0.0.1", self.port,
                                       timeout=timeout)
        try:
            c.request(method, path, body=body, headers=headers or {})
            r = c.getresponse()
            data = r.read()
            return r.status, {k.lower(): v for k, v in r.getheaders()}, data
        finally:
            c.close()

    def post_json(self, path, body, **kw):
        return self.request("POST", path, body,
                            {"Content-Type": "application/json"}, **kw)


def sanitizer_reports():
    """0 when no server printed a sanitizer's report, else 1 after
    printing each such server's arguments and log."""
    for s in _reported:
        print("cpd serve %s: a sanitizer reported:\n%s"
              % (" ".join(s.args), s.log()))
    return 1 if _reported else 0


def run_cpd(cpd, *args, stdin=None):
    """The CLI: (exit status, stdout bytes, stderr text)."""
    e = dict(os.environ)
    for k in ("LC_ALL", "LC_MESSAGES"):
        e.pop(k, None)
    e["LANG"] = "C"
    p = subprocess.run([cpd, *args], input=stdin, capture_output=True,
                       timeout=120, env=e)
    return p.returncode, p.stdout, p.stderr.decode("utf-8", "replace")
