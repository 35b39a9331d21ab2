/* serve_load.c - the load client of tests/serve_load.py: CLIENTS threads,
 * each with one keep-alive HTTP/1.1 connection to 127.0.0.1:PORT, send
 * POST /v1/check with the applications of an NDJSON file in turn, in
 * bounded loops (REQUESTS in all, shared out evenly), and time each
 * request from its first byte sent to the last byte of its answer.
 *
 *   serve_load PORT FILE.ndjson REQUESTS CLIENTS [PATH]
 *
 * A request fails when the connection breaks, the status is not 200, or
 * the body is not a result document ({"decision":...).  Prints one JSON
 * line: requests, failures, seconds, requests_per_second, p50_ms,
 * p99_ms, max_ms.  Exit 0 when no request failed, 1 otherwise, 2 on a
 * usage or setup error.  An alarm ends a run that hangs (exit 3). */
#define _POSIX_C_SOURCE 200809L
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#define TIME_LIMIT_SECONDS 600

typedef struct app {
  const char *data;
  size_t len;
} app;

typedef struct client {
  pthread_t thread;
  int id, port;
  const char *path;
  const app *apps;
  size_t napps;
  size_t count;    /* requests to send */
  double *latency; /* ms, one per request sent */
  size_t done, failures;
  char error[160]; /* the first failure */
} client;

static double now_ms(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

static int connect_to(int port) {
  struct sockaddr_in a;
  struct timeval tv = {30, 0};
  int one = 1, fd = socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0)
    return -1;
  memset(&a, 0, sizeof a);
  a.sin_family = AF_INET;
  a.sin_port = htons((unsigned short)port);
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
  setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  if (connect(fd, (struct sockaddr *)&a, sizeof a) != 0) {
    close(fd);
    return -1;
  }
  return fd;
}

static int send_all(int fd, const char *p, size_t n) {
  while (n) {
    ssize_t w = send(fd, p, n, MSG_NOSIGNAL);
    if (w < 0 && errno == EINTR)
      continue;
    if (w <= 0)
      return -1;
    p += w;
    n -= (size_t)w;
  }
  return 0;
}

/* Reads one answer into buf (grown as needed): 0 and the status, or -1. */
static int read_answer(int fd, char **buf, size_t *cap, int *status,
                       char **body, size_t *body_len) {
  size_t n = 0, head = 0, want = 0;
  for (;;) {
    ssize_t r;
    if (n + 1 >= *cap) { /* room for the NUL the header search needs */
      char *nb = realloc(*buf, *cap * 2);
      if (!nb)
        return -1;
      *buf = nb;
      *cap *= 2;
    }
    r = recv(fd, *buf + n, *cap - n - 1, 0);
    if (r < 0 && errno == EINTR)
      continue;
    if (r <= 0)
      return -1;
    n += (size_t)r;
    if (!head) {
      char *end;
      const char *cl;
      (*buf)[n] = '\0';
      end = strstr(*buf, "\r\n\r\n");
      if (!end)
        continue;
      head = (size_t)(end - *buf) + 4;
      if (sscanf(*buf, "HTTP/1.1 %d", status) != 1)
        return -1;
      for (cl = *buf; (cl = strchr(cl, '\n')) != NULL && cl < end; cl++)
        if (strncasecmp(cl + 1, "Content-Length:", 15) == 0)
          break;
      if (!cl || cl >= end)
        return -1;
      want = head + strtoul(cl + 16, NULL, 10);
      while (want + 1 > *cap) {
        char *nb = realloc(*buf, *cap * 2);
        if (!nb)
          return -1;
        *buf = nb;
        *cap *= 2;
      }
    }
    if (head && n >= want) {
      *body = *buf + head;
      *body_len = want - head;
      return n == want ? 0 : -1; /* nothing was pipelined */
    }
  }
}

static void fail(client *c, const char *what) {
  if (!c->failures)
    snprintf(c->error, sizeof c->error, "client %d, request %zu: %s", c->id,
             c->done, what);
  c->failures++;
}

static void *run(void *arg) {
  client *c = arg;
  size_t cap = 65536, i;
  char *buf = malloc(cap), head[256];
  int fd = -1;
  for (i = 0; i < c->count && buf; i++) {
    const app *a = &c->apps[((size_t)c->id + i * 7) % c->napps];
    int status = 0, hl;
    char *body = NULL;
    size_t body_len = 0;
    double t0;
    if (fd < 0 && (fd = connect_to(c->port)) < 0) {
      fail(c, "cannot connect");
      c->done++;
      continue;
    }
    hl = snprintf(head, sizeof head,
                  "POST %s HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                  "Content-Type: application/json\r\n"
                  "Content-Length: %zu\r\n\r\n",
                  c->path, a->len);
    t0 = now_ms();
    if (send_all(fd, head, (size_t)hl) != 0 ||
        send_all(fd, a->data, a->len) != 0 ||
        read_answer(fd, &buf, &cap, &status, &body, &body_len) != 0) {
      fail(c, "the connection broke");
      close(fd);
      fd = -1;
    } else if (status != 200) {
      char what[32];
      snprintf(what, sizeof what, "status %d", status);
      fail(c, what);
    } else if (body_len < 12 || memcmp(body, "{\"decision\":", 12) != 0) {
      fail(c, "the body is not a result document");
    }
    c->latency[c->done++] = now_ms() - t0;
  }
  if (fd >= 0)
    close(fd);
  if (!buf)
    fail(c, "out of memory");
  free(buf);
  return NULL;
}

static int cmp(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return x < y ? -1 : x > y;
}

static char *read_file(const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  char *data = NULL;
  long n;
  if (!f)
    return NULL;
  if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) > 0 &&
      fseek(f, 0, SEEK_SET) == 0 && (data = malloc((size_t)n + 1)) != NULL) {
    if (fread(data, 1, (size_t)n, f) != (size_t)n) {
      free(data);
      data = NULL;
    } else {
      data[n] = '\0';
      *len = (size_t)n;
    }
  }
  fclose(f);
  return data;
}

static void on_alarm(int sig) {
  static const char msg[] = "serve_load: the run took too long\n";
  (void)sig;
  if (write(2, msg, sizeof msg - 1) < 0) {
    /* nothing more to do */
  }
  _exit(3);
}

int main(int argc, char **argv) {
  size_t len = 0, napps = 0, i, total, nclients, done = 0, failures = 0, k;
  char *data, *p;
  app *apps;
  client *cs;
  double *all, t0, secs;
  int port;
  if (argc < 5 || argc > 6) {
    fputs("usage: serve_load PORT FILE.ndjson REQUESTS CLIENTS [PATH]\n",
          stderr);
    return 2;
  }
  port = atoi(argv[1]);
  total = strtoul(argv[3], NULL, 10);
  nclients = strtoul(argv[4], NULL, 10);
  if (port <= 0 || port > 65535 || !total || !nclients || nclients > 1024)
    return 2;
  data = read_file(argv[2], &len);
  if (!data) {
    fprintf(stderr, "serve_load: cannot read %s\n", argv[2]);
    return 2;
  }
  apps = calloc(len / 2 + 1, sizeof *apps);
  for (p = data; apps && p < data + len;) {
    char *nl = memchr(p, '\n', (size_t)(data + len - p));
    size_t n = nl ? (size_t)(nl - p) : (size_t)(data + len - p);
    if (n) {
      apps[napps].data = p;
      apps[napps++].len = n;
    }
    p += n + 1;
  }
  cs = calloc(nclients, sizeof *cs);
  all = malloc(total * sizeof *all);
  if (!apps || !napps || !cs || !all) {
    fputs("serve_load: no applications, or out of memory\n", stderr);
    return 2;
  }
  signal(SIGALRM, on_alarm);
  alarm(TIME_LIMIT_SECONDS);
  t0 = now_ms();
  for (i = 0; i < nclients; i++) {
    client *c = &cs[i];
    c->id = (int)i;
    c->port = port;
    c->path = argc > 5 ? argv[5] : "/v1/check";
    c->apps = apps;
    c->napps = napps;
    c->count = total / nclients + (i < total % nclients);
    c->latency = all + done;
    done += c->count;
    if (pthread_create(&c->thread, NULL, run, c) != 0) {
      fputs("serve_load: cannot start a thread\n", stderr);
      return 2;
    }
  }
  done = 0;
  for (i = 0; i < nclients; i++) {
    pthread_join(cs[i].thread, NULL);
    done += cs[i].done;
    failures += cs[i].failures;
    if (cs[i].failures)
      fprintf(stderr, "serve_load: %s\n", cs[i].error);
  }
  secs = (now_ms() - t0) / 1e3;
  /* each client wrote its latencies in place, one after the other */
  k = done;
  qsort(all, k, sizeof *all, cmp);
  printf("{\"requests\": %zu, \"failures\": %zu, \"clients\": %zu, "
         "\"seconds\": %.3f, \"requests_per_second\": %.1f, "
         "\"p50_ms\": %.3f, \"p99_ms\": %.3f, \"max_ms\": %.3f}\n",
         done, failures, nclients, secs, (double)done / secs,
         k ? all[k / 2] : 0.0, k ? all[(k * 99) / 100] : 0.0,
         k ? all[k - 1] : 0.0);
  free(all);
  free(cs);
  free(apps);
  free(data);
  return failures || done != total ? 1 : 0;
}
