/* bench.c - the measurements behind scripts/bench.
 *
 * Each command prints its figures as key=value lines on stdout (progress on
 * stderr); scripts/bench collects them into the table and bench/results.md.
 * Every figure is the median of --reps runs (default 5).
 *
 *   bench e2e FILE --cpd PATH     over the same NDJSON bytes, interleaved:
 *                                 floor   cJSON_ParseWithLengthOpts +
 *                                         cJSON_Delete per line
 *                                 inproc  cpd_checker_check per line (one
 *                                         reusable checker), output
 *                                         ("line": N added) buffered and
 *                                         written to /dev/null
 *                                 cli     `cpd batch FILE` >/dev/null
 *   bench floor FILE              the floor alone, without warm-up
 *   bench inproc FILE             the in-process pass alone (callgrind)
 *   bench stream --cpd PATH --lines N
 *                                 `cpd batch -` fed N generated lines
 *                                 through a pipe (a pool of distinct lines,
 *                                 cycled): time per application and the
 *                                 child's peak RSS, without an N-line file
 *   bench engine [--activities K] cpd_prepared_evaluate + cpd_result_free of
 * one application built once (no JSON) bench activities [--sizes L] [--what
 * engine|check] time per activity of one application of K activities, K in L
 * (10,100,1000,10000), through cpd_check_json and the engine bench check1 FILE
 * cpd_check_json of FILE's first line, per call (the C side of the Python
 * figure)
 *
 * Common options: --reps R (5), --seed S (1), --min-time SEC (0.2: each
 * timed run of a per-call loop lasts at least this long), --iters N (a
 * fixed count instead, e.g. under callgrind).  The timed loops are the
 * functions engine_calls and check_calls, so
 *   valgrind --tool=callgrind --toggle-collect=engine_calls \
 *     bench engine --iters 1000 --reps 1
 * counts the instructions of exactly 1,000 evaluations.
 */
#define _GNU_SOURCE
#include <cjson/cJSON.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "cpd.h"
#include "genlib.h"

extern char **environ;

static const char usage[] =
    "Usage: bench COMMAND [options]   (figures as key=value on stdout)\n"
    "  e2e FILE --cpd PATH       cJSON floor, cpd_check_json and cpd batch\n"
    "                            over FILE (NDJSON), interleaved\n"
    "  floor FILE                the cJSON floor alone (for callgrind)\n"
    "  inproc FILE               the checker over FILE alone (for callgrind)\n"
    "  stream --cpd PATH --lines N\n"
    "                            cpd batch - fed N generated lines by a pipe\n"
    "  engine [--activities K]   cpd_prepared_evaluate of a prepared "
    "application\n"
    "  activities [--sizes L] [--what engine|check]\n"
    "                            per-activity time for K in L "
    "(10,100,1000,10000)\n"
    "  check1 FILE               cpd_check_json per call on FILE's line 1\n"
    "Options: --reps R (5) --seed S (1) --min-time SEC (0.2) --iters N\n"
    "         --pool P (stream: distinct lines, 2000)\n";

typedef struct opts {
  const char *command, *file, *cpd, *sizes, *what;
  unsigned long long lines, iters, seed, pool;
  unsigned activities;
  int reps, iters_set;
  double min_time;
} opts;

/* ---------------------------------------------------------------- utils */

static void die(const char *what) {
  fprintf(stderr, "bench: %s: %s\n", what, strerror(errno));
  exit(1);
}

static void fail(const char *msg) {
  fprintf(stderr, "bench: %s\n", msg);
  exit(1);
}

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static double cpu_now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static double thread_cpu_now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static int cmp_double(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

static double median(const double *v, int n) {
  double *c = malloc((size_t)n * sizeof *c);
  double m;
  if (!c)
    die("malloc");
  memcpy(c, v, (size_t)n * sizeof *c);
  qsort(c, (size_t)n, sizeof *c, cmp_double);
  m = n % 2 ? c[n / 2] : (c[n / 2 - 1] + c[n / 2]) / 2;
  free(c);
  return m;
}

static double minimum(const double *v, int n) {
  double m = v[0];
  int i;
  for (i = 1; i < n; i++)
    if (v[i] < m)
      m = v[i];
  return m;
}

static double *alloc_reps(int reps) {
  double *v = calloc((size_t)reps, sizeof *v);
  if (!v)
    die("calloc");
  return v;
}

typedef struct text {
  char *p;
  size_t len;
} text;

static text read_file(const char *path) {
  text t = {NULL, 0};
  FILE *f = fopen(path, "rb");
  struct stat st;
  if (!f || fstat(fileno(f), &st) != 0)
    die(path);
  t.p = malloc((size_t)st.st_size + 1);
  if (!t.p)
    die("malloc");
  t.len = fread(t.p, 1, (size_t)st.st_size, f);
  if (ferror(f))
    die(path);
  fclose(f);
  t.p[t.len] = '\0';
  return t;
}

/* The non-blank lines of an NDJSON text, as cpd batch sees them (a final
 * CR dropped). */
typedef struct line {
  size_t off, len;
} line;

static line *split_lines(const text *t, size_t *count) {
  size_t cap = 1024, n = 0, i = 0;
  line *v = malloc(cap * sizeof *v);
  if (!v)
    die("malloc");
  while (i < t->len) {
    const char *nl = memchr(t->p + i, '\n', t->len - i);
    size_t end = nl ? (size_t)(nl - t->p) : t->len, len = end - i, k;
    if (len && t->p[i + len - 1] == '\r')
      len--;
    for (k = 0; k < len; k++)
      if (t->p[i + k] != ' ' && t->p[i + k] != '\t' && t->p[i + k] != '\r')
        break;
    if (k < len) {
      if (n == cap) {
        cap *= 2;
        v = realloc(v, cap * sizeof *v);
        if (!v)
          die("realloc");
      }
      v[n].off = i;
      v[n].len = len;
      n++;
    }
    i = end + 1;
  }
  *count = n;
  return v;
}

static void print_env(void) {
  printf("cjson_version=%s\n", cJSON_Version());
  printf("libcpd_version=%s\n", cpd_version_string());
}

/* ------------------------------------------------------------ the child */

/* cpd is started by a small "spawner" process forked at start-up, before
 * bench loads anything big.  Reason: posix_spawn shares the caller's
 * memory until exec (vfork), and Linux charges the high-water RSS of that
 * memory to the child's ru_maxrss - spawned from this process, cpd's peak
 * RSS would include bench's own buffers.  The spawner stays small, so the
 * figure is cpd's own (plus the spawner's few hundred KiB, as with
 * /usr/bin/time).  Input pipes for the children are made before the fork,
 * one per run, so the spawner can hand one to each child as its stdin. */

typedef struct child_result {
  double wall, cpu; /* seconds */
  long maxrss_kib;
  int exit_code, spawn_errno;
} child_result;

typedef struct spawn_request {
  int pipe_index; /* -1: stdin from /dev/null */
  int argc;
  char args[3000]; /* argc NUL-terminated strings */
} spawn_request;

static int spawner_req = -1, spawner_resp = -1;
static pid_t spawner_pid = -1;
static int (*data_pipes)[2];
static int data_pipe_count, data_pipe_next;

static int read_full(int fd, void *buf, size_t n) {
  char *p = buf;
  while (n) {
    ssize_t r = read(fd, p, n);
    if (r < 0 && errno == EINTR)
      continue;
    if (r <= 0)
      return 0;
    p += r;
    n -= (size_t)r;
  }
  return 1;
}

static void write_full(int fd, const void *buf, size_t n) {
  const char *p = buf;
  while (n) {
    ssize_t w = write(fd, p, n);
    if (w < 0) {
      if (errno == EINTR)
        continue;
      die("write");
    }
    p += w;
    n -= (size_t)w;
  }
}

static void spawner_loop(int req, int resp) {
  spawn_request rq;
  while (read_full(req, &rq, sizeof rq)) {
    posix_spawn_file_actions_t fa;
    child_result cr;
    char *argv[16], *a = rq.args;
    struct rusage ru;
    int status = 0, i;
    pid_t pid;
    double t0;
    memset(&cr, 0, sizeof cr);
    cr.exit_code = -1;
    for (i = 0; i < rq.argc && i < 15; i++) {
      argv[i] = a;
      a += strlen(a) + 1;
    }
    argv[i] = NULL;
    posix_spawn_file_actions_init(&fa);
    if (rq.pipe_index >= 0)
      posix_spawn_file_actions_adddup2(&fa, data_pipes[rq.pipe_index][0], 0);
    else
      posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
    t0 = now();
    cr.spawn_errno = posix_spawn(&pid, argv[0], &fa, NULL, argv, environ);
    posix_spawn_file_actions_destroy(&fa);
    if (rq.pipe_index >= 0)
      close(data_pipes[rq.pipe_index][0]);
    if (cr.spawn_errno == 0 && wait4(pid, &status, 0, &ru) == pid) {
      cr.wall = now() - t0;
      cr.cpu = (double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec * 1e-6 +
               (double)ru.ru_stime.tv_sec + (double)ru.ru_stime.tv_usec * 1e-6;
      cr.maxrss_kib = ru.ru_maxrss; /* Linux: KiB */
      cr.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128;
    }
    write_full(resp, &cr, sizeof cr);
  }
}

/* Fork the spawner with `pipes` child-input pipes ready. */
static void start_spawner(int pipes) {
  int req[2], resp[2], i;
  data_pipes = calloc((size_t)(pipes ? pipes : 1), sizeof *data_pipes);
  if (!data_pipes)
    die("calloc");
  for (i = 0; i < pipes; i++) {
    if (pipe2(data_pipes[i], O_CLOEXEC) != 0)
      die("pipe");
    (void)fcntl(data_pipes[i][1], F_SETPIPE_SZ, 1 << 20);
  }
  data_pipe_count = pipes;
  if (pipe2(req, O_CLOEXEC) != 0 || pipe2(resp, O_CLOEXEC) != 0)
    die("pipe");
  fflush(NULL);
  spawner_pid = fork();
  if (spawner_pid < 0)
    die("fork");
  if (spawner_pid == 0) {
    close(req[1]);
    close(resp[0]);
    for (i = 0; i < pipes; i++)
      close(data_pipes[i][1]);
    spawner_loop(req[0], resp[1]);
    _exit(0);
  }
  close(req[0]);
  close(resp[1]);
  for (i = 0; i < pipes; i++)
    close(data_pipes[i][0]);
  spawner_req = req[1];
  spawner_resp = resp[0];
  signal(SIGPIPE, SIG_IGN);
}

static void stop_spawner(void) {
  if (spawner_pid > 0) {
    close(spawner_req);
    close(spawner_resp);
    waitpid(spawner_pid, NULL, 0);
    spawner_pid = -1;
  }
}

/* Runs argv (argv[0]: the cpd path), stdout and stderr to /dev/null.
 * With feed, the child's stdin is the next prepared pipe and feed gets
 * its write end (and must close it); else stdin is /dev/null. */
static child_result run_child(char *const argv[],
                              void (*feed)(int fd, void *arg), void *arg) {
  spawn_request rq;
  child_result cr;
  size_t off = 0;
  int i;
  memset(&rq, 0, sizeof rq);
  rq.pipe_index = -1;
  if (feed) {
    if (data_pipe_next >= data_pipe_count)
      fail("no input pipe left for the child");
    rq.pipe_index = data_pipe_next++;
  }
  for (i = 0; argv[i]; i++) {
    size_t n = strlen(argv[i]) + 1;
    if (off + n > sizeof rq.args || i >= 15)
      fail("child command line too long");
    memcpy(rq.args + off, argv[i], n);
    off += n;
  }
  rq.argc = i;
  write_full(spawner_req, &rq, sizeof rq);
  if (feed)
    feed(data_pipes[rq.pipe_index][1], arg);
  if (!read_full(spawner_resp, &cr, sizeof cr))
    fail("the spawner process died");
  if (cr.spawn_errno) {
    errno = cr.spawn_errno;
    die(argv[0]);
  }
  /* batch: 0 every line evaluated, 2 some line was an input error */
  if (cr.exit_code != 0 && cr.exit_code != 2) {
    fprintf(stderr, "bench: %s exited with %d\n", argv[0], cr.exit_code);
    exit(1);
  }
  return cr;
}

/* ----------------------------------------------------------------- e2e */

/* The passes callgrind counts by name (--toggle-collect) stay functions. */
#if defined(__GNUC__)
#define MEASURED __attribute__((noinline))
#else
#define MEASURED
#endif

MEASURED static size_t floor_pass(const text *t, const line *v, size_t n) {
  size_t i, failed = 0;
  for (i = 0; i < n; i++) {
    const char *end = NULL;
    cJSON *root = cJSON_ParseWithLengthOpts(t->p + v[i].off, v[i].len, &end, 0);
    if (!root)
      failed++;
    cJSON_Delete(root);
  }
  return failed;
}

typedef struct outbuf {
  char *p;
  size_t len, cap;
  int fd;
  size_t total;
} outbuf;

static void out_flush(outbuf *o) {
  size_t off = 0;
  while (off < o->len) {
    ssize_t w = write(o->fd, o->p + off, o->len - off);
    if (w < 0) {
      if (errno == EINTR)
        continue;
      die("write");
    }
    off += (size_t)w;
  }
  o->total += o->len;
  o->len = 0;
}

static void out_add(outbuf *o, const char *s, size_t n) {
  if (o->len + n > o->cap)
    out_flush(o);
  if (n > o->cap) {
    ssize_t w = write(o->fd, s, n);
    (void)w;
    o->total += n;
    return;
  }
  memcpy(o->p + o->len, s, n);
  o->len += n;
}

/* What cpd batch does for one line, in-process, through the reusable
 * checker: the result or error document with "line": N in front,
 * newline-terminated. */
static void inproc_line(outbuf *o, cpd_checker *c, const char *json, size_t len,
                        size_t lineno, size_t *errors) {
  const char *doc = NULL;
  size_t doc_len = 0;
  char head[40];
  cpd_error err;
  cpd_status st = cpd_checker_check(c, &doc, &doc_len, json, len, &err);
  int hn;
  if (st == CPD_EINPUT)
    ++*errors;
  else if (st != CPD_OK)
    fail("cpd_checker_check failed (out of memory?)");
  hn = snprintf(head, sizeof head, "{\"line\":%zu,", lineno);
  out_add(o, head, (size_t)hn);
  out_add(o, doc + 1, doc_len - 1);
  out_add(o, "\n", 1);
}

MEASURED static size_t inproc_pass(outbuf *o, cpd_checker *c, const text *t,
                                   const line *v, size_t n) {
  size_t i, errors = 0;
  for (i = 0; i < n; i++)
    inproc_line(o, c, t->p + v[i].off, v[i].len, i + 1, &errors);
  out_flush(o);
  return errors;
}

static cpd_checker *new_checker(void) {
  cpd_checker *c = NULL;
  if (cpd_checker_new(&c, NULL, NULL, NULL) != CPD_OK)
    fail("cpd_checker_new failed");
  return c;
}

/* One in-process pass alone, no warm-up: for callgrind
 * (--toggle-collect=inproc_pass counts exactly reps passes over FILE). */
static int cmd_inproc(const opts *o) {
  text t;
  line *v;
  size_t n;
  outbuf ob = {NULL, 0, 1 << 16, -1, 0};
  cpd_checker *c = new_checker();
  int r;
  if (!o->file)
    fail("inproc needs FILE");
  t = read_file(o->file);
  v = split_lines(&t, &n);
  ob.p = malloc(ob.cap);
  ob.fd = open("/dev/null", O_WRONLY | O_CLOEXEC);
  if (!ob.p || ob.fd < 0)
    die("/dev/null");
  for (r = 0; r < o->reps; r++)
    inproc_pass(&ob, c, &t, v, n);
  printf("inproc_only_lines=%zu\n", n);
  cpd_checker_free(c);
  close(ob.fd);
  free(ob.p);
  free(v);
  free(t.p);
  return 0;
}

static int cmd_e2e(const opts *o) {
  text t;
  line *v;
  size_t n, failed = 0, errors = 0;
  double *tf = alloc_reps(o->reps), *ti = alloc_reps(o->reps),
         *tc = alloc_reps(o->reps), *tcc = alloc_reps(o->reps),
         *rin = alloc_reps(o->reps), *rcl = alloc_reps(o->reps),
         *tfc = alloc_reps(o->reps), *tic = alloc_reps(o->reps),
         *rinc = alloc_reps(o->reps), *rclc = alloc_reps(o->reps);
  long rss = 0;
  outbuf ob = {NULL, 0, 1 << 16, -1, 0};
  char *argv[4];
  cpd_checker *checker = new_checker();
  int r;
  if (!o->file || !o->cpd)
    fail("e2e needs FILE and --cpd PATH");
  t = read_file(o->file);
  v = split_lines(&t, &n);
  if (!n)
    fail("e2e: no lines in the file");
  ob.p = malloc(ob.cap);
  ob.fd = open("/dev/null", O_WRONLY | O_CLOEXEC);
  if (!ob.p || ob.fd < 0)
    die("/dev/null");
  argv[0] = (char *)o->cpd;
  argv[1] = (char *)"batch";
  argv[2] = (char *)o->file;
  argv[3] = NULL;
  /* one warm-up of each (page cache, allocator) */
  floor_pass(&t, v, n);
  inproc_pass(&ob, checker, &t, v, n);
  for (r = 0; r < o->reps; r++) {
    double t0 = now(), c0 = cpu_now();
    child_result cr;
    failed = floor_pass(&t, v, n);
    tf[r] = now() - t0;
    tfc[r] = cpu_now() - c0;
    t0 = now();
    c0 = cpu_now();
    errors = inproc_pass(&ob, checker, &t, v, n);
    ti[r] = now() - t0;
    tic[r] = cpu_now() - c0;
    cr = run_child(argv, NULL, NULL);
    tc[r] = cr.wall;
    tcc[r] = cr.cpu;
    if (cr.maxrss_kib > rss)
      rss = cr.maxrss_kib;
    rin[r] = ti[r] / tf[r];
    rcl[r] = tc[r] / tf[r];
    rinc[r] = tic[r] / tfc[r];
    rclc[r] = tcc[r] / tfc[r];
    fprintf(stderr,
            "  e2e round %d/%d: floor %.3f s, in-process %.3f s, cli %.3f s "
            "(cpu %.3f s)\n",
            r + 1, o->reps, tf[r], ti[r], tc[r], tcc[r]);
  }
  print_env();
  printf("e2e_lines=%zu\n", n);
  printf("e2e_bytes=%zu\n", t.len);
  printf("e2e_input_errors=%zu\n", errors);
  printf("e2e_cjson_failures=%zu\n", failed);
  printf("e2e_reps=%d\n", o->reps);
  printf("floor_s=%.6f\n", median(tf, o->reps));
  printf("floor_min_s=%.6f\n", minimum(tf, o->reps));
  printf("floor_cpu_s=%.6f\n", median(tfc, o->reps));
  printf("inproc_s=%.6f\n", median(ti, o->reps));
  printf("inproc_min_s=%.6f\n", minimum(ti, o->reps));
  printf("inproc_cpu_s=%.6f\n", median(tic, o->reps));
  printf("cli_s=%.6f\n", median(tc, o->reps));
  printf("cli_min_s=%.6f\n", minimum(tc, o->reps));
  printf("cli_cpu_s=%.6f\n", median(tcc, o->reps));
  printf("cli_maxrss_kib=%ld\n", rss);
  printf("ratio_inproc=%.4f\n", median(rin, o->reps));
  printf("ratio_cli=%.4f\n", median(rcl, o->reps));
  printf("ratio_inproc_cpu=%.4f\n", median(rinc, o->reps));
  printf("ratio_cli_cpu=%.4f\n", median(rclc, o->reps));
  printf("e2e_out_bytes_per_pass=%zu\n", ob.total / (size_t)(o->reps + 1));
  cpd_checker_free(checker);
  close(ob.fd);
  free(ob.p);
  free(v);
  free(t.p);
  free(tf), free(ti), free(tc), free(tcc), free(rin), free(rcl);
  free(tfc), free(tic), free(rinc), free(rclc);
  return 0;
}

/* The floor alone, no warm-up: for callgrind (--toggle-collect=floor_pass
 * counts exactly reps passes over FILE). */
static int cmd_floor(const opts *o) {
  text t;
  line *v;
  size_t n;
  double *tf = alloc_reps(o->reps);
  int r;
  if (!o->file)
    fail("floor needs FILE");
  t = read_file(o->file);
  v = split_lines(&t, &n);
  for (r = 0; r < o->reps; r++) {
    double t0 = now();
    floor_pass(&t, v, n);
    tf[r] = now() - t0;
  }
  printf("floor_only_lines=%zu\n", n);
  printf("floor_only_s=%.6f\n", median(tf, o->reps));
  free(tf);
  free(v);
  free(t.p);
  return 0;
}

/* -------------------------------------------------------------- stream */

typedef struct pool {
  gen_buf text;
  size_t *ends; /* ends[i]: offset just past line i's newline */
  size_t count;
  unsigned long long lines; /* to write */
} pool;

static void make_pool(pool *p, unsigned long long seed, size_t count,
                      const gen_opts *go) {
  gen_rng r;
  size_t i;
  memset(p, 0, sizeof *p);
  p->ends = malloc(count * sizeof *p->ends);
  if (!p->ends)
    die("malloc");
  gen_seed(&r, seed);
  for (i = 0; i < count; i++) {
    gen_application(&r, &p->text, go);
    gen_buf_reserve(&p->text, 1);
    p->text.p[p->text.len++] = '\n';
    p->ends[i] = p->text.len;
  }
  p->count = count;
}

static void feed_pool(int fd, void *arg) {
  const pool *p = arg;
  unsigned long long full = p->lines / p->count, k;
  size_t rest = (size_t)(p->lines % p->count);
  for (k = 0; k < full; k++)
    write_full(fd, p->text.p, p->text.len);
  if (rest)
    write_full(fd, p->text.p, p->ends[rest - 1]);
  close(fd);
}

static int cmd_stream(const opts *o) {
  pool p;
  gen_opts go = GEN_OPTS_INIT;
  double *tw = alloc_reps(o->reps), *tc = alloc_reps(o->reps);
  long rss = 0;
  char *argv[4];
  size_t count;
  unsigned long long bytes;
  int r;
  if (!o->cpd || !o->lines)
    fail("stream needs --cpd PATH and --lines N");
  count = (size_t)(o->lines < o->pool ? o->lines : o->pool);
  make_pool(&p, o->seed, count, &go);
  p.lines = o->lines;
  bytes = (o->lines / count) * p.text.len +
          (o->lines % count ? p.ends[o->lines % count - 1] : 0);
  argv[0] = (char *)o->cpd;
  argv[1] = (char *)"batch";
  argv[2] = (char *)"-";
  argv[3] = NULL;
  for (r = 0; r < o->reps; r++) {
    child_result cr = run_child(argv, feed_pool, &p);
    tw[r] = cr.wall;
    tc[r] = cr.cpu;
    if (cr.maxrss_kib > rss)
      rss = cr.maxrss_kib;
    fprintf(stderr,
            "  stream %llu lines, round %d/%d: %.3f s (cpu %.3f s), "
            "peak RSS %ld KiB\n",
            o->lines, r + 1, o->reps, cr.wall, cr.cpu, cr.maxrss_kib);
  }
  printf("stream_lines=%llu\n", o->lines);
  printf("stream_bytes=%llu\n", bytes);
  printf("stream_pool=%zu\n", count);
  printf("stream_reps=%d\n", o->reps);
  printf("stream_s=%.6f\n", median(tw, o->reps));
  printf("stream_cpu_s=%.6f\n", median(tc, o->reps));
  printf("stream_us_per_app=%.4f\n",
         median(tw, o->reps) * 1e6 / (double)o->lines);
  printf("stream_cpu_us_per_app=%.4f\n",
         median(tc, o->reps) * 1e6 / (double)o->lines);
  printf("stream_maxrss_kib=%ld\n", rss);
  gen_buf_free(&p.text);
  free(p.ends);
  free(tw), free(tc);
  return 0;
}

/* -------------------------------------------------------- per-call loops */

typedef void (*call_fn)(void *arg, unsigned long long iters);

/* Seconds per call: median over reps of runs that each last >= min_time
 * (or exactly o->iters calls); *cpu_out: the same in thread CPU time. */
static double per_call(const opts *o, call_fn fn, void *arg,
                       unsigned long long *iters_out, double *cpu_out) {
  unsigned long long iters = o->iters_set ? o->iters : 1;
  double *v = alloc_reps(o->reps), *c = alloc_reps(o->reps), m;
  int r;
  if (!o->iters_set) {
    fn(arg, 1); /* warm-up */
    for (;;) {
      double t0 = now();
      fn(arg, iters);
      if (now() - t0 >= o->min_time / 4 || iters >= (1ull << 40))
        break;
      iters *= 2;
    }
    iters *= 4;
  }
  for (r = 0; r < o->reps; r++) {
    double t0 = now(), c0 = thread_cpu_now();
    fn(arg, iters);
    v[r] = (now() - t0) / (double)(iters ? iters : 1);
    c[r] = (thread_cpu_now() - c0) / (double)(iters ? iters : 1);
  }
  m = median(v, o->reps);
  if (cpu_out)
    *cpu_out = median(c, o->reps);
  free(v);
  free(c);
  if (iters_out)
    *iters_out = iters;
  return m;
}

typedef struct engine_arg {
  const cpd_prepared *app; /* prepared once: the engine alone is timed */
} engine_arg;

static void engine_calls(void *arg, unsigned long long iters) {
  const engine_arg *e = arg;
  unsigned long long i;
  for (i = 0; i < iters; i++) {
    cpd_result *res = NULL;
    cpd_error err;
    if (cpd_prepared_evaluate(&res, NULL, e->app, &err) != CPD_OK)
      fail("cpd_prepared_evaluate failed");
    cpd_result_free(res);
  }
}

/* The application of a document, prepared (cpd_application_prepare). */
static cpd_prepared *prepare(const cpd_document *doc) {
  cpd_prepared *p = NULL;
  cpd_error err;
  if (cpd_application_prepare(&p, cpd_document_application(doc), &err) !=
      CPD_OK)
    fail("cpd_application_prepare refused the generated application");
  return p;
}

typedef struct check_arg {
  const char *json;
  size_t len;
} check_arg;

static void check_calls(void *arg, unsigned long long iters) {
  const check_arg *c = arg;
  unsigned long long i;
  for (i = 0; i < iters; i++) {
    char *out = NULL;
    cpd_error err;
    if (cpd_check_json(&out, NULL, c->json, c->len, NULL, &err) != CPD_OK)
      fail("cpd_check_json failed");
    cpd_string_free(out);
  }
}

/* One generated application of k activities (0: 20..40). */
static void one_application(gen_buf *b, unsigned long long seed, unsigned k) {
  gen_opts go = GEN_OPTS_INIT;
  gen_rng r;
  go.activities = k;
  go.error_permille = 0;
  gen_seed(&r, seed);
  b->len = 0;
  gen_application(&r, b, &go);
  gen_buf_reserve(b, 1);
  b->p[b->len] = '\0';
}

static void describe(const char *prefix, const char *json, size_t len) {
  cpd_result *res = NULL;
  cpd_error err;
  if (cpd_evaluate_json(&res, NULL, json, len, NULL, &err) != CPD_OK) {
    fprintf(stderr, "bench: the generated application is refused: %s\n",
            err.code);
    exit(1);
  }
  printf("%s_bytes=%zu\n", prefix, len);
  printf("%s_decision=%s\n", prefix,
         cpd_decision_str(cpd_result_summary(res)->decision));
  printf("%s_diagnostics=%zu\n", prefix, cpd_result_diagnostic_count(res));
  cpd_result_free(res);
}

static int cmd_engine(const opts *o) {
  gen_buf b = {NULL, 0, 0};
  cpd_document *doc = NULL;
  cpd_error err;
  engine_arg e;
  unsigned long long iters = 0;
  unsigned k = o->activities ? o->activities : 30;
  double s, cpu = 0;
  one_application(&b, o->seed, k);
  if (cpd_document_load_json(&doc, b.p, b.len, NULL, &err) != CPD_OK)
    fail("cpd_document_load_json refused the generated application");
  e.app = prepare(doc);
  describe("engine_app", b.p, b.len);
  s = per_call(o, engine_calls, &e, &iters, &cpu);
  printf("engine_activities=%u\n", k);
  printf("engine_iters=%llu\n", iters);
  printf("engine_reps=%d\n", o->reps);
  printf("engine_ns=%.1f\n", s * 1e9);
  printf("engine_evals_per_s=%.0f\n", 1 / s);
  printf("engine_cpu_ns=%.1f\n", cpu * 1e9);
  cpd_prepared_free((cpd_prepared *)e.app);
  cpd_document_free(doc);
  gen_buf_free(&b);
  return 0;
}

static int cmd_activities(const opts *o) {
  const char *p = o->sizes ? o->sizes : "10,100,1000,10000";
  gen_buf b = {NULL, 0, 0};
  while (*p) {
    char *end;
    unsigned long k = strtoul(p, &end, 10);
    cpd_document *doc = NULL;
    cpd_error err;
    engine_arg e;
    check_arg c;
    double se = 0, sc = 0, sec = 0, scc = 0;
    char prefix[32];
    if (end == p || k == 0)
      fail("--sizes: a comma-separated list of activity counts");
    one_application(&b, o->seed, (unsigned)k);
    if (cpd_document_load_json(&doc, b.p, b.len, NULL, &err) != CPD_OK) {
      fprintf(stderr, "bench: %lu activities refused: %s\n", k, err.code);
      exit(1);
    }
    snprintf(prefix, sizeof prefix, "act%lu_app", k);
    if (!o->what) /* not under callgrind (--what): one evaluation less */
      describe(prefix, b.p, b.len);
    e.app = prepare(doc);
    c.json = b.p;
    c.len = b.len;
    if (!o->what || strcmp(o->what, "check") != 0) {
      se = per_call(o, engine_calls, &e, NULL, &sec);
      printf("act%lu_engine_ns_per_activity=%.2f\n", k, se * 1e9 / (double)k);
      printf("act%lu_engine_us=%.3f\n", k, se * 1e6);
      printf("act%lu_engine_cpu_us=%.3f\n", k, sec * 1e6);
    }
    if (!o->what || strcmp(o->what, "engine") != 0) {
      sc = per_call(o, check_calls, &c, NULL, &scc);
      printf("act%lu_check_ns_per_activity=%.2f\n", k, sc * 1e9 / (double)k);
      printf("act%lu_check_us=%.3f\n", k, sc * 1e6);
      printf("act%lu_check_cpu_us=%.3f\n", k, scc * 1e6);
    }
    fprintf(stderr,
            "  %lu activities: engine %.1f us (cpu %.1f), check %.1f "
            "us (cpu %.1f)\n",
            k, se * 1e6, sec * 1e6, sc * 1e6, scc * 1e6);
    cpd_prepared_free((cpd_prepared *)e.app);
    cpd_document_free(doc);
    p = *end == ',' ? end + 1 : end;
  }
  gen_buf_free(&b);
  return 0;
}

static int cmd_check1(const opts *o) {
  text t;
  line *v;
  size_t n;
  check_arg c;
  unsigned long long iters = 0;
  double s, cpu = 0;
  if (!o->file)
    fail("check1 needs FILE");
  t = read_file(o->file);
  v = split_lines(&t, &n);
  if (!n)
    fail("check1: no lines in the file");
  c.json = t.p + v[0].off;
  c.len = v[0].len;
  s = per_call(o, check_calls, &c, &iters, &cpu);
  printf("check1_bytes=%zu\n", c.len);
  printf("check1_iters=%llu\n", iters);
  printf("check1_us=%.3f\n", s * 1e6);
  printf("check1_cpu_us=%.3f\n", cpu * 1e6);
  free(v);
  free(t.p);
  return 0;
}

/* ---------------------------------------------------------------- main */

static unsigned long long num_arg(const char *opt, const char *v) {
  char *end;
  unsigned long long x;
  if (!v || !*v || *v == '-')
    goto bad;
  errno = 0;
  x = strtoull(v, &end, 10);
  if (errno || *end)
    goto bad;
  return x;
bad:
  fprintf(stderr, "bench: %s needs a non-negative number\n", opt);
  exit(3);
}

int main(int argc, char **argv) {
  opts o;
  int i, rc;
  memset(&o, 0, sizeof o);
  o.reps = 5;
  o.seed = 1;
  o.pool = 2000;
  o.min_time = 0.2;
  if (argc < 2 || strcmp(argv[1], "--help") == 0) {
    fputs(usage, argc < 2 ? stderr : stdout);
    return argc < 2 ? 3 : 0;
  }
  o.command = argv[1];
  for (i = 2; i < argc; i++) {
    const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
    if (a[0] != '-') {
      o.file = a;
      continue;
    }
    if (strcmp(a, "--cpd") == 0 && v)
      o.cpd = v;
    else if (strcmp(a, "--sizes") == 0 && v)
      o.sizes = v;
    else if (strcmp(a, "--what") == 0 && v)
      o.what = v;
    else if (strcmp(a, "--lines") == 0)
      o.lines = num_arg(a, v);
    else if (strcmp(a, "--iters") == 0) {
      o.iters = num_arg(a, v);
      o.iters_set = 1;
    } else if (strcmp(a, "--seed") == 0)
      o.seed = num_arg(a, v);
    else if (strcmp(a, "--pool") == 0)
      o.pool = num_arg(a, v);
    else if (strcmp(a, "--activities") == 0)
      o.activities = (unsigned)num_arg(a, v);
    else if (strcmp(a, "--reps") == 0)
      o.reps = (int)num_arg(a, v);
    else if (strcmp(a, "--min-time") == 0 && v)
      o.min_time = atof(v);
    else {
      fprintf(stderr, "bench: unknown option %s\n%s", a, usage);
      return 3;
    }
    i++;
  }
  if (o.reps < 1 || o.reps > 1000 || o.pool < 1)
    fail("--reps must be 1..1000 and --pool at least 1");
  if (strcmp(o.command, "e2e") == 0) {
    start_spawner(0);
    rc = cmd_e2e(&o);
    stop_spawner();
    return rc;
  }
  if (strcmp(o.command, "stream") == 0) {
    start_spawner(o.reps);
    rc = cmd_stream(&o);
    stop_spawner();
    return rc;
  }
  if (strcmp(o.command, "floor") == 0)
    return cmd_floor(&o);
  if (strcmp(o.command, "inproc") == 0)
    return cmd_inproc(&o);
  if (strcmp(o.command, "engine") == 0)
    return cmd_engine(&o);
  if (strcmp(o.command, "activities") == 0)
    return cmd_activities(&o);
  if (strcmp(o.command, "check1") == 0)
    return cmd_check1(&o);
  fprintf(stderr, "bench: unknown command %s\n%s", o.command, usage);
  return 3;
}
