#!/usr/bin/env python3
"""`cpd serve`'s HTTP API (issue 14; docs/API.md), on an ephemeral port of
127.0.0.1, every server stopped at the end whatever happens.

    python3 tests/test_serve.py PATH/TO/cpd

- every golden case, example and hostile input through POST /v1/check
  gives byte for byte what `cpd check` prints (and plan, redact, policy,
  the report's stylesheet likewise);
- every error status: 400 (with code, path, offset), 404, 405 (Allow),
  413 (Content-Length and chunked), 415, 503 (over --max-connections);
- limits: a 5 MiB body, a slow client cut by --timeout, a client that
  hangs up halfway, invalid UTF-8, a wrong content type, 1,000 requests
  on one keep-alive connection;
- security headers on every answer, CORS only with --allow-origin;
- SIGTERM lets a request in flight finish; the access log has method,
  path, status, bytes and time only.

Exits 77 (skipped) when cpd was built without libmicrohttpd.
"""
import glob
import json
import os
import re
import signal
import socket
import sys
import time
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import serve_util  # noqa: E402
from serve_util import Server, run_cpd  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
CPD = None
SRV = None  # the shared server of most tests

SECURITY = {
    "content-security-policy":
        "default-src 'none'; script-src 'self'; style-src 'self'; "
        "img-src 'self' data:; connect-src 'self'; form-action 'none'; "
        "base-uri 'none'; frame-ancestors 'none'",
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
}


def read(path):
    with open(path, "rb") as f:
        return f.read()


def cases():
    """Application documents: the goldens, the examples, and the hostile
    inputs that the MANIFEST runs through `cpd check`."""
    out = [p for p in sorted(glob.glob(os.path.join(HERE, "golden", "*.json")))
           if not p.endswith(".expected.json")]
    out += [p for p in sorted(glob.glob(os.path.join(ROOT, "examples", "*.json")))
            if not p.endswith(".policy.json")]
    bad = os.path.join(HERE, "bad-inputs")
    with open(os.path.join(bad, "MANIFEST"), encoding="utf-8") as f:
        for line in f:
            parts = line.split()
            if (len(parts) >= 2 and not line.startswith("#")
                    and parts[1] == "check" and not parts[0].startswith("gen:")
                    and parts[0].endswith(".json")):
                out.append(os.path.join(bad, parts[0]))
    return out


def raw_request(method, path, body=b"", headers=()):
    head = "%s %s HTTP/1.1\r\nHost: 127.0.0.1\r\n" % (method, path)
    for h in headers:
        head += h + "\r\n"
    if body or method == "POST":
        head += "Content-Length: %d\r\n" % len(body)
    return head.encode() + b"\r\n" + body


def read_response(sock_file):
    """One HTTP/1.1 response from a socket file: (status, headers, body);
    None when the server closed the connection first."""
    line = sock_file.readline()
    if not line:
        return None
    status = int(line.split()[1])
    headers = {}
    while True:
        line = sock_file.readline()
        if line in (b"\r\n", b"\n", b""):
            break
        k, v = line.decode("latin-1").split(":", 1)
        headers[k.strip().lower()] = v.strip()
    n = int(headers.get("content-length", "0"))
    body = sock_file.read(n)
    return status, headers, body


class Golden(unittest.TestCase):
    """The API answers what the CLI prints."""

    def test_every_case_through_check_equals_cpd_check(self):
        n = 0
        for path in cases():
            with self.subTest(case=os.path.relpath(path, ROOT)):
                rc, out, _ = run_cpd(CPD, "check", path, "--format", "json")
                status, headers, body = SRV.post_json("/v1/check", read(path))
                self.assertIn(rc, (0, 1, 2))
                self.assertEqual(status, 400 if rc == 2 else 200)
                self.assertEqual(body, out)
                self.assertEqual(headers["content-type"],
                                 "application/json; charset=utf-8")
                n += 1
        self.assertGreater(n, 50)

    def test_as_of_replaces_applied_on(self):
        body = read(os.path.join(ROOT, "examples", "eligible.json"))
        for q in ("2027-01-15", "%E4%BB%A4%E5%92%8C9%E5%B9%B41%E6%9C%8815%E6%97%A5"):
            status, _, out = SRV.post_json("/v1/check?as_of=" + q, body)
            self.assertEqual(status, 200, out)
            self.assertEqual(json.loads(out)["applied_on"], "2027-01-15")
        status, _, out = SRV.post_json("/v1/check?as_of=soon", body)
        self.assertEqual(status, 400)
        self.assertEqual(json.loads(out)["error"]["code"], "http.invalid_query")

    def test_plan_equals_cpd_plan(self):
        path = os.path.join(HERE, "golden", "shortfall.json")
        rc, out, _ = run_cpd(CPD, "plan", path, "--as-of", "2026-11-28")
        status, _, body = SRV.post_json("/v1/plan?as_of=2026-11-28", read(path))
        self.assertEqual(status, 200)
        self.assertEqual(body, out)
        status, _, body = SRV.post_json("/v1/plan", read(path))
        self.assertEqual(status, 400)
        self.assertEqual(json.loads(body)["error"]["code"],
                         "http.invalid_query")

    def test_redact_equals_cpd_redact(self):
        for name in ("eligible", "incomplete"):
            path = os.path.join(ROOT, "examples", name + ".json")
            rc, out, _ = run_cpd(CPD, "redact", path)
            self.assertEqual(rc, 0)
            status, _, body = SRV.post_json("/v1/redact", read(path))
            self.assertEqual((status, body), (200, out))

    def test_policy_equals_cpd_policy(self):
        rc, out, _ = run_cpd(CPD, "policy")
        status, headers, body = SRV.request("GET", "/v1/policy")
        self.assertEqual((status, body), (200, out))
        pol = os.path.join(ROOT, "examples", "strict-window.policy.json")
        s = Server(CPD, "--policy", pol, "--threads", "1")
        try:
            rc, out, _ = run_cpd(CPD, "policy", "--policy", pol)
            self.assertEqual(s.request("GET", "/v1/policy")[2], out)
            app = os.path.join(ROOT, "examples", "eligible.json")
            rc, out, _ = run_cpd(CPD, "check", app, "--policy", pol)
            self.assertEqual(s.post_json("/v1/check", read(app))[2], out)
        finally:
            self.assertEqual(s.stop(), 0)

    def test_report_is_the_form_with_its_css_from_the_server(self):
        path = os.path.join(ROOT, "examples", "eligible.json")
        app = json.loads(read(path))
        status, headers, html = SRV.post_json("/v1/report", read(path))
        self.assertEqual(status, 200)
        self.assertEqual(headers["content-type"], "text/html; charset=utf-8")
        html = html.decode("utf-8")
        self.assertIn('data-decision="eligible"', html)
        self.assertIn('<link rel="stylesheet" href="/report.css">', html)
        self.assertNotIn("<style", html)
        self.assertNotIn("<script", html)
        self.assertNotIn(app["applicant"]["name"], html)
        self.assertIn('<html lang="ja">', html)
        _, _, html = SRV.post_json("/v1/report?include_personal=true&lang=en",
                                   read(path))
        html = html.decode("utf-8")
        self.assertIn(app["applicant"]["name"], html)
        self.assertIn('<html lang="en">', html)
        # the stylesheet is the CLI report's own CSS
        rc, out, _ = run_cpd(CPD, "report", path)
        css = re.search(r"<style>\n(.*?)</style>", out.decode("utf-8"),
                        re.S).group(1)
        status, headers, body = SRV.request("GET", "/report.css")
        self.assertEqual((status, body.decode("utf-8")), (200, css))
        self.assertEqual(headers["content-type"], "text/css; charset=utf-8")
        status, _, body = SRV.post_json("/v1/report?lang=fr", read(path))
        self.assertEqual(status, 400)

    def test_explain_fields_healthz(self):
        status, _, body = SRV.request("GET", "/v1/explain/section.capped")
        self.assertEqual(status, 200)
        doc = json.loads(body)
        self.assertEqual((doc["code"]["code"], doc["rule"]["id"]),
                         ("section.capped", "R6"))
        status, _, body = SRV.request("GET", "/v1/explain/R13")
        self.assertEqual((status, json.loads(body)["rule"]["id"]), (200, "R13"))
        status, _, body = SRV.request("GET", "/v1/explain/no.such")
        self.assertEqual(status, 404)
        self.assertEqual(json.loads(body)["error"]["code"], "invalid_argument")
        status, _, body = SRV.request("GET", "/v1/fields")
        fields = {f["pointer"]: f for f in json.loads(body)["fields"]}
        self.assertEqual(status, 200)
        self.assertTrue(fields["/applicant/email"]["personal"])
        self.assertEqual(fields["/applicant/name"]["label_ja"], "氏名")
        self.assertEqual(SRV.request("GET", "/healthz")[:1], (200,))
        self.assertEqual(SRV.request("HEAD", "/healthz")[2], b"")


class Errors(unittest.TestCase):
    def error(self, status_body):
        status, headers, body = status_body
        doc = json.loads(body)
        self.assertEqual(set(doc), {"error"})
        self.assertEqual(set(doc["error"]),
                         {"code", "path", "offset", "message", "message_ja"})
        return status, headers, doc["error"]

    def test_400_input_error_has_code_path_offset(self):
        status, _, e = self.error(SRV.post_json(
            "/v1/check", b'{"applied_on": "2027-02-01", "fee": {"paid_on": }}'))
        self.assertEqual((status, e["code"], e["path"]),
                         (400, "input.syntax", "/fee/paid_on"))
        self.assertIsInstance(e["offset"], int)

    def test_400_invalid_utf8(self):
        status, _, e = self.error(SRV.post_json(
            "/v1/check", b'{"applied_on": "2027-02-01", "x": "\xff\xfe"}'))
        self.assertEqual((status, e["code"]), (400, "input.invalid_utf8"))

    def test_404(self):
        for path in ("/nope", "/v1/check/", "/v1", "/v2/check", "/../etc/passwd"):
            status, headers, e = self.error(SRV.request("GET", path))
            self.assertEqual((status, e["code"]), (404, "http.not_found"), path)

    def test_405_says_what_is_allowed(self):
        for method, path, allow in (("GET", "/v1/check", "POST"),
                                    ("PUT", "/v1/report", "POST"),
                                    ("POST", "/healthz", "GET, HEAD"),
                                    ("DELETE", "/", "GET, HEAD"),
                                    ("OPTIONS", "/v1/check", "POST")):
            status, headers, e = self.error(SRV.request(method, path, b""))
            self.assertEqual((status, e["code"], headers["allow"]),
                             (405, "http.method_not_allowed", allow), path)

    def test_413_over_the_limit_by_content_length_and_chunked(self):
        big = b'{"x": "' + b"a" * (5 << 20) + b'"}'
        status, headers, e = self.error(SRV.post_json("/v1/check", big))
        self.assertEqual((status, e["code"]), (413, "input.too_large"))
        # 5 MiB is read and dropped (none of it kept): the connection goes on
        k = socket.create_connection(("127.0.0.1", SRV.port), 30)
        f = k.makefile("rb")
        k.sendall(raw_request("POST", "/v1/check", big,
                              ["Content-Type: application/json"]))
        status, headers, _ = read_response(f)
        self.assertEqual((status, headers.get("connection")), (413, None))
        k.sendall(raw_request("GET", "/healthz"))
        self.assertEqual(read_response(f)[0], 200)
        # a body said to be far larger is not read at all: 413 at once
        k.sendall(b"POST /v1/check HTTP/1.1\r\nHost: x\r\n"
                  b"Content-Type: application/json\r\n"
                  b"Content-Length: 104857600\r\n\r\n{")
        status, headers, _ = read_response(f)
        self.assertEqual((status, headers.get("connection")), (413, "close"))
        self.assertEqual(f.read(), b"")
        f.close()
        k.close()

        def chunks():
            for i in range(0, len(big), 65536):
                yield big[i:i + 65536]
        status, headers, e = self.error(SRV.request(
            "POST", "/v1/check", chunks(),
            {"Content-Type": "application/json"}))  # http.client: chunked
        self.assertEqual((status, e["code"]), (413, "input.too_large"))
        # just under the limit is read and handed to the engine
        fits = b" " * ((4 << 20) - 2) + b"{}"
        status, _, e = self.error(SRV.post_json("/v1/check", fits))
        self.assertEqual((status, e["code"]), (400, "input.missing_field"))
        self.assertTrue(SRV.alive())

    def test_415_wrong_content_type(self):
        body = read(os.path.join(ROOT, "examples", "eligible.json"))
        for ct in ("text/plain", "application/x-www-form-urlencoded",
                   "application/json; charset=latin-1",
                   "application/jsonp", None):
            h = {"Content-Type": ct} if ct else {}
            status, _, e = self.error(SRV.request("POST", "/v1/check", body, h))
            self.assertEqual((status, e["code"]),
                             (415, "http.unsupported_media_type"), ct)
        for ct in ("application/json", "Application/JSON; charset=UTF-8",
                   'application/json;charset="utf-8"'):
            status, _, _ = SRV.request("POST", "/v1/check", body,
                                       {"Content-Type": ct})
            self.assertEqual(status, 200, ct)

    def test_503_over_max_connections(self):
        s = Server(CPD, "--max-connections", "2", "--threads", "1")
        socks = []
        try:
            for _ in range(2):  # two open connections, each answered once
                k = socket.create_connection(("127.0.0.1", s.port), 5)
                k.sendall(raw_request("GET", "/healthz"))
                with k.makefile("rb") as f:
                    self.assertEqual(read_response(f)[0], 200)
                socks.append(k)
            status, headers, e = self.error(s.request("GET", "/healthz"))
            self.assertEqual((status, e["code"]), (503, "http.overloaded"))
            self.assertEqual(headers["retry-after"], "1")
            self.assertEqual(headers["connection"], "close")
            for k in socks:
                k.close()
            deadline = time.monotonic() + 10
            while s.request("GET", "/healthz")[0] != 200:
                self.assertLess(time.monotonic(), deadline)
                time.sleep(0.05)
        finally:
            for k in socks:
                k.close()
            self.assertEqual(s.stop(), 0)

    def test_security_headers_on_every_answer(self):
        app = read(os.path.join(ROOT, "examples", "eligible.json"))
        answers = [SRV.request("GET", "/"), SRV.request("GET", "/app.js"),
                   SRV.request("GET", "/app.css"),
                   SRV.request("GET", "/report.css"),
                   SRV.request("GET", "/healthz"),
                   SRV.request("GET", "/v1/policy"),
                   SRV.request("GET", "/nope"),
                   SRV.request("GET", "/v1/check"),
                   SRV.post_json("/v1/check", app),
                   SRV.post_json("/v1/report", app),
                   SRV.post_json("/v1/check", b"{"),
                   SRV.request("POST", "/v1/check", app,
                               {"Content-Type": "text/plain"}),
                   SRV.post_json("/v1/check", b" " * (5 << 20))]
        statuses = set()
        for status, headers, _ in answers:
            statuses.add(status)
            for k, v in SECURITY.items():
                self.assertEqual(headers.get(k), v, (status, k))
            self.assertNotIn("access-control-allow-origin", headers)
        self.assertEqual(statuses, {200, 400, 404, 405, 413, 415})
        # an Origin header changes nothing without --allow-origin
        _, headers, _ = SRV.request("POST", "/v1/check", app,
                                    {"Content-Type": "application/json",
                                     "Origin": "https://evil.example"})
        self.assertNotIn("access-control-allow-origin", headers)
        # answers about an application are never cached
        self.assertEqual(SRV.post_json("/v1/check", app)[1]["cache-control"],
                         "no-store")

    def test_cors_only_with_allow_origin(self):
        origin = "https://forms.example.jp"
        s = Server(CPD, "--allow-origin", origin, "--threads", "1")
        app = read(os.path.join(ROOT, "examples", "eligible.json"))
        try:
            _, h, _ = s.request("POST", "/v1/check", app,
                                {"Content-Type": "application/json",
                                 "Origin": origin})
            self.assertEqual(h["access-control-allow-origin"], origin)
            self.assertEqual(h["vary"], "Origin")
            status, h, body = s.request(
                "OPTIONS", "/v1/check", b"",
                {"Origin": origin, "Access-Control-Request-Method": "POST",
                 "Access-Control-Request-Headers": "content-type"})
            self.assertEqual((status, body), (204, b""))
            self.assertEqual(h["access-control-allow-methods"], "POST, OPTIONS")
            self.assertEqual(h["access-control-allow-headers"], "Content-Type")
            _, h, _ = s.request("POST", "/v1/check", app,
                                {"Content-Type": "application/json",
                                 "Origin": "https://other.example"})
            self.assertNotIn("access-control-allow-origin", h)
        finally:
            self.assertEqual(s.stop(), 0)


class Limits(unittest.TestCase):
    def test_a_slow_client_is_cut_by_the_timeout(self):
        s = Server(CPD, "--timeout", "2", "--threads", "1")
        try:
            k = socket.create_connection(("127.0.0.1", s.port), 30)
            k.sendall(b"POST /v1/check HTTP/1.1\r\nHost: x\r\nContent-Le")
            t0 = time.monotonic()
            # meanwhile another client is served at once
            self.assertEqual(s.request("GET", "/healthz", timeout=5)[0], 200)
            k.settimeout(30)
            self.assertEqual(k.recv(4096), b"")  # closed by the server
            took = time.monotonic() - t0
            self.assertLess(took, 15)
            k.close()
            self.assertTrue(s.alive())
            self.assertEqual(s.request("GET", "/healthz", timeout=5)[0], 200)
        finally:
            self.assertEqual(s.stop(), 0)

    def test_a_client_that_hangs_up_halfway(self):
        app = read(os.path.join(ROOT, "examples", "eligible.json"))
        for cut in (10, len(app) // 2):
            k = socket.create_connection(("127.0.0.1", SRV.port), 10)
            req = raw_request("POST", "/v1/check", app,
                              ["Content-Type: application/json"])
            k.sendall(req[:len(req) - len(app) + cut])
            k.close()
        # and one that hangs up before reading a large answer
        k = socket.create_connection(("127.0.0.1", SRV.port), 10)
        k.sendall(raw_request("POST", "/v1/report", app,
                              ["Content-Type: application/json"]))
        k.close()
        time.sleep(0.2)
        self.assertTrue(SRV.alive())
        self.assertEqual(SRV.post_json("/v1/check", app)[0], 200)

    def test_1000_requests_on_one_keep_alive_connection(self):
        app = read(os.path.join(ROOT, "examples", "eligible.json"))
        rc, want, _ = run_cpd(CPD, "check", os.path.join(ROOT, "examples",
                                                         "eligible.json"))
        k = socket.create_connection(("127.0.0.1", SRV.port), 30)
        f = k.makefile("rb")
        check = raw_request("POST", "/v1/check", app,
                            ["Content-Type: application/json"])
        health = raw_request("GET", "/healthz")
        for i in range(1000):
            k.sendall(check if i % 2 == 0 else health)
            got = read_response(f)
            self.assertIsNotNone(got, "closed after %d requests" % i)
            status, headers, body = got
            self.assertEqual(status, 200)
            self.assertNotEqual(headers.get("connection"), "close")
            if i % 2 == 0:
                self.assertEqual(body, want)
        f.close()
        k.close()


class Lifecycle(unittest.TestCase):
    def test_sigterm_lets_the_request_in_flight_finish(self):
        path = os.path.join(ROOT, "examples", "eligible.json")
        app = read(path)
        rc, want, _ = run_cpd(CPD, "check", path)
        s = Server(CPD, "--threads", "2")
        try:
            k = socket.create_connection(("127.0.0.1", s.port), 10)
            req = raw_request("POST", "/v1/check", app,
                              ["Content-Type: application/json"])
            k.sendall(req[:-100])
            time.sleep(0.3)
            s.proc.send_signal(signal.SIGTERM)
            deadline = time.monotonic() + 5
            while "finishing" not in s.log():
                self.assertLess(time.monotonic(), deadline)
                time.sleep(0.02)
            # no new connection is taken any more
            with self.assertRaises(OSError):
                socket.create_connection(("127.0.0.1", s.port), 2).close()
            k.sendall(req[-100:])
            with k.makefile("rb") as f:
                status, headers, body = read_response(f)
            self.assertEqual((status, body), (200, want))
            self.assertEqual(headers.get("connection"), "close")
            k.close()
            self.assertEqual(s.proc.wait(10), 0)
            self.assertIn("stopped after 1 requests", s.log())
        finally:
            s.kill()

    def test_sigint_stops_too(self):
        s = Server(CPD, "--threads", "1")
        self.assertEqual(s.request("GET", "/healthz")[0], 200)
        self.assertEqual(s.stop(signal.SIGINT), 0)

    def test_access_log_is_method_path_status_bytes_time_only(self):
        path = os.path.join(ROOT, "examples", "eligible.json")
        app = json.loads(read(path))
        s = Server(CPD, "--threads", "1")
        try:
            s.post_json("/v1/check?as_of=2027-01-15", read(path))
            s.post_json("/v1/report?include_personal=1", read(path))
            s.request("GET", "/nope?email=" + app["applicant"]["email"])
            k = socket.create_connection(("127.0.0.1", s.port), 10)
            k.sendall(b"GET /a\x1b[31mb HTTP/1.1\r\nHost: x\r\n\r\n")
            with k.makefile("rb") as f:
                read_response(f)
            k.close()
        finally:
            self.assertEqual(s.stop(), 0)
        lines = s.access_lines()
        self.assertEqual(len(lines), 4, lines)
        pat = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ [A-Z]+ /\S* "
                         r"(\d{3}!?|-) \d+ \d+\.\d{3}ms$")
        for line in lines:
            self.assertRegex(line, pat)
        self.assertTrue(lines[0].startswith(lines[0][:21] + "POST /v1/check 200 "))
        self.assertIn(" GET /a%1B[31mb 404 ", lines[3])
        log = s.log()
        for secret in (app["applicant"]["name"], app["applicant"]["email"],
                       app["applicant"]["phone"], "as_of", "email="):
            self.assertNotIn(secret, log)

    def test_access_log_none(self):
        s = Server(CPD, "--threads", "1", "--access-log", "none")
        s.request("GET", "/healthz")
        self.assertEqual(s.stop(), 0)
        self.assertEqual(s.access_lines(), [])

    def test_usage_errors_and_a_port_in_use(self):
        for args in (["--listen", "nowhere"], ["--listen", "127.0.0.1:70000"],
                     ["--threads", "0"], ["--timeout", "x"],
                     ["--max-connections", "-1"], ["--allow-origin", ""],
                     ["--access-log", "file"], ["--nope"], ["extra"]):
            rc, out, err = run_cpd(CPD, "serve", *args)
            self.assertEqual(rc, 3, (args, err))
            self.assertIn("cpd serve", err)
        rc, _, err = run_cpd(CPD, "serve", "--listen",
                             "127.0.0.1:%d" % SRV.port)
        self.assertEqual(rc, 4, err)
        self.assertIn("cannot listen", err)
        rc, _, err = run_cpd(CPD, "serve", "--policy",
                             os.path.join(ROOT, "examples", "eligible.json"))
        self.assertEqual(rc, 2, err)


class Documents(unittest.TestCase):
    """docs/openapi.yaml and docs/API.md describe the server as it is."""

    def test_openapi_names_every_endpoint_and_each_answers(self):
        try:
            import yaml
        except ImportError:
            self.skipTest("python3-yaml is not installed")
        with open(os.path.join(ROOT, "docs", "openapi.yaml"),
                  encoding="utf-8") as f:
            text = f.read()
        spec = yaml.safe_load(text)
        self.assertEqual(spec["openapi"], "3.1.0")
        app = read(os.path.join(ROOT, "examples", "eligible.json"))
        for path, ops in spec["paths"].items():
            for method, op in ops.items():
                url = path.replace("{name}", "R6")
                if url == "/v1/plan":
                    url += "?as_of=2026-11-28"
                with self.subTest(method=method, path=path):
                    if method == "post":
                        status, _, _ = SRV.post_json(url, app)
                    else:
                        status, _, _ = SRV.request(method.upper(), url)
                    self.assertEqual(status, 200)
                    self.assertIn("200", op["responses"])
                    self.assertIn("405", op["responses"])
                    # the other method is refused with 405, as documented
                    other = "GET" if method == "post" else "POST"
                    self.assertEqual(SRV.request(other, url, b"")[0], 405)
        with open(os.path.join(ROOT, "docs", "API.md"), encoding="utf-8") as f:
            api = f.read()
        for path in spec["paths"]:
            self.assertIn(path.replace("{name}", "CODE").split("?")[0], api)
        for code in ("http.not_found", "http.method_not_allowed",
                     "input.too_large", "http.unsupported_media_type",
                     "http.overloaded", "http.invalid_query"):
            self.assertIn(code, api)
            self.assertIn(code, text)


def main():
    global CPD, SRV
    if len(sys.argv) < 2:
        sys.exit("usage: test_serve.py PATH/TO/cpd [unittest args]")
    CPD = os.path.abspath(sys.argv[1])
    why = serve_util.serve_built(CPD)
    if why:
        print("SKIPPED: %s" % why)
        sys.exit(serve_util.SKIP)
    SRV = Server(CPD, "--threads", "2")
    try:
        prog = unittest.main(argv=[sys.argv[0], "-v"] + sys.argv[2:],
                             exit=False)
    finally:
        rc = SRV.stop()
    if rc != 0:
        print("cpd serve exited %d:\n%s" % (rc, SRV.log()))
        sys.exit(1)
    sys.exit(0 if prog.result.wasSuccessful() else 1)


if __name__ == "__main__":
    main()
