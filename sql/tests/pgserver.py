"""A private PostgreSQL server for the SQL tests and the benchmark.

    with PrivateServer(pg_config, build, cmake) as pg:
        pg.psql("CREATE EXTENSION cpd; SELECT cpd_version();")
    with PrivateServer(pg_config) as pg:      # the extension installed
        ...                                   # in the system (a package)

Nothing is written outside one mktemp directory, which holds:
  tree/   the server's programs (copies of postgres, initdb, pg_ctl), the
          rest of its lib and share directories as symbolic links, and the
          extension installed by `cmake --install BUILD --component
          postgresql --prefix tree`.  PostgreSQL finds its share and lib
          directories relative to its own program, so this server's
          CREATE EXTENSION cpd reads tree/, never the system's directories.
  data/   the cluster (initdb), owned by the server's user
  sock/   the Unix socket; the server listens on no TCP port
Without a build, the server is the system's own programs with the
extension the system has (postgresql-15-cpd), and no tree.
PostgreSQL refuses to run as root: as root, the server runs as `nobody`
(setpriv), which owns data/ and sock/ only.
"""
import os
import pwd
import shutil
import subprocess
import tempfile
import time


class ServerError(Exception):
    pass


def _pg_config(pg_config, opt):
    return subprocess.run([pg_config, "--" + opt], check=True,
                          capture_output=True, text=True).stdout.strip()


def _rel(path):
    """Debian's /usr/lib/postgresql/15/bin -> lib/postgresql/15/bin (as
    sql/postgres/CMakeLists.txt installs relative to the prefix)."""
    if path.startswith("/usr/"):
        return path[len("/usr/"):]
    return path.lstrip("/")


def _link_dir(src, dst, skip):
    """dst/ with a symbolic link to each entry of src/ but those in skip
    (already there: ours)."""
    os.makedirs(dst, exist_ok=True)
    for name in os.listdir(src):
        if name in skip or os.path.lexists(os.path.join(dst, name)):
            continue
        os.symlink(os.path.join(src, name), os.path.join(dst, name))


class PrivateServer:
    def __init__(self, pg_config, build=None, cmake=None, settings=None,
                 quiet=False):
        self.pg_config = pg_config
        self.build = build
        self.cmake = cmake
        self.settings = dict(settings or {})
        self.quiet = quiet
        self.tmp = None
        self.started = False

    # -------------------------------------------------------- set-up
    def __enter__(self):
        try:
            self._setup()
        except BaseException:
            self.close()
            raise
        return self

    def __exit__(self, *exc):
        self.close()

    def _as_server_user(self):
        """argv prefix that runs a program as the server's user."""
        if os.geteuid() != 0:
            return []
        return ["setpriv", f"--reuid={self.uid}", f"--regid={self.gid}",
                "--clear-groups", "--"]

    def _run(self, argv, **kw):
        p = subprocess.run(self._as_server_user() + argv, cwd=self.tmp,
                           capture_output=True, text=True, **kw)
        if p.returncode != 0:
            raise ServerError(f"{' '.join(argv)}: exit {p.returncode}\n"
                              f"{p.stdout}{p.stderr}")
        return p

    def _setup(self):
        self.tmp = tempfile.mkdtemp(prefix="cpd-sql-pg.")
        os.chmod(self.tmp, 0o755)  # the server's user passes through
        if os.geteuid() == 0:
            nobody = pwd.getpwnam("nobody")
            self.uid, self.gid = nobody.pw_uid, nobody.pw_gid
            if not shutil.which("setpriv"):
                raise ServerError("running as root needs setpriv "
                                  "(util-linux) to start the server as "
                                  "nobody")
        else:
            self.uid, self.gid = os.getuid(), os.getgid()
        bindir = _pg_config(self.pg_config, "bindir")
        if self.build:
            self._make_tree(bindir)
        else:
            self.bindir, self.tree, self.ext_files = bindir, None, []
        self._start()

    def _make_tree(self, bindir):
        pkglibdir = _pg_config(self.pg_config, "pkglibdir")
        sharedir = _pg_config(self.pg_config, "sharedir")
        tree = os.path.join(self.tmp, "tree")
        # the extension, as `cmake --install` puts it under a prefix
        p = subprocess.run([self.cmake, "--install", self.build,
                            "--component", "postgresql", "--prefix", tree],
                           capture_output=True, text=True)
        if p.returncode != 0:
            raise ServerError(f"cmake --install --component postgresql: "
                              f"{p.stdout}{p.stderr}")
        self.ext_files = []
        for d, _, files in os.walk(tree):
            self.ext_files += [os.path.relpath(os.path.join(d, f), tree)
                               for f in files]
        # the server's programs beside it (copies: a link would lead the
        # server back to the system's directories)
        self.bindir = os.path.join(tree, _rel(bindir))
        os.makedirs(self.bindir)
        for prog in ("postgres", "initdb", "pg_ctl"):
            src = os.path.join(bindir, prog)
            if not os.path.exists(src):
                raise ServerError(f"no {src} (apt-get install postgresql-15)")
            shutil.copy2(src, self.bindir)
        ours = {os.path.basename(f) for f in self.ext_files}
        _link_dir(pkglibdir, os.path.join(tree, _rel(pkglibdir)), ours)
        share = os.path.join(tree, _rel(sharedir))
        _link_dir(os.path.join(sharedir, "extension"),
                  os.path.join(share, "extension"), ours)
        _link_dir(sharedir, share, {"extension"})
        self.tree = tree

    def _start(self):
        self.data = os.path.join(self.tmp, "data")
        self.sock = os.path.join(self.tmp, "sock")
        for d in (self.data, self.sock):
            os.mkdir(d, 0o700)
            os.chown(d, self.uid, self.gid)
        self._run([os.path.join(self.bindir, "initdb"), "-D", self.data,
                   "-U", "cpd", "--auth=trust", "-E", "UTF8", "--no-locale",
                   "--no-sync"])
        opts = {"listen_addresses": "''", "unix_socket_directories":
                f"'{self.sock}'", "port": "5432", "fsync": "off",
                "max_worker_processes": "8", "max_parallel_workers": "8"}
        opts.update(self.settings)
        with open(os.path.join(self.data, "postgresql.auto.conf"), "a") as f:
            for k, v in opts.items():
                f.write(f"{k} = {v}\n")
        self.log = os.path.join(self.sock, "server.log")
        self._run([os.path.join(self.bindir, "pg_ctl"), "-D", self.data,
                   "-l", self.log, "-w", "-t", "60", "start"])
        self.started = True

    def close(self):
        if self.started:
            try:
                self._run([os.path.join(self.bindir, "pg_ctl"), "-D",
                           self.data, "-m", "fast", "-w", "stop"])
            except ServerError as e:
                print(f"pgserver: stopping the server: {e}")
            self.started = False
        if self.tmp:
            shutil.rmtree(self.tmp, ignore_errors=True)
            self.tmp = None

    def server_log(self):
        try:
            with open(self.log, encoding="utf-8", errors="replace") as f:
                return f.read()
        except OSError as e:
            return f"(no server log: {e})"

    # ------------------------------------------------------------ psql
    def psql_argv(self, *extra, user="cpd", db="postgres"):
        psql = os.path.join(_pg_config(self.pg_config, "bindir"), "psql")
        if not os.path.exists(psql):
            psql = shutil.which("psql") or psql
        return [psql, "-X", "-h", self.sock, "-p", "5432", "-U", user,
                "-d", db, *extra]

    def psql(self, sql, check=True, args=("-At", "-v", "ON_ERROR_STOP=1"),
             user="cpd", db="postgres"):
        """Runs sql in a new session; (stdout, stderr)."""
        p = subprocess.run(self.psql_argv("-q", *args, "-f", "-", user=user,
                                          db=db), input=sql,
                           capture_output=True, text=True,
                           env=dict(os.environ, PGCONNECT_TIMEOUT="30"))
        if check and p.returncode != 0:
            raise ServerError(f"psql failed (exit {p.returncode}):\n"
                              f"{p.stderr}\n--- SQL:\n{sql[:2000]}")
        return p.stdout, p.stderr

    def wait_idle(self, timeout=30):
        """Until no other backend runs a query (after a cancel)."""
        end = time.time() + timeout
        while time.time() < end:
            out, _ = self.psql("SELECT count(*) FROM pg_stat_activity WHERE "
                               "state = 'active' AND pid <> "
                               "pg_backend_pid() AND backend_type = "
                               "'client backend';")
            if out.strip() == "0":
                return
            time.sleep(0.1)
        raise ServerError("backends still active")
